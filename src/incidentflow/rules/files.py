"""Everything under the incidents folder is accounted for.

The folder holds incident files (``<year>/<ID>.md``) and README files that document it. Any
other file is a finding (IF007) and is scanned for personal data as well, so a log export or a
CSV cannot carry data past the guard; a name with control or invisible characters, a symlink
or a submodule is a finding (IF008) because what a reviewer sees is not what git holds.
"""

from __future__ import annotations

import unicodedata
from enum import Enum

from incidentflow.config.settings import Config
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.privacy import config_allow, text_findings

_PLACEHOLDERS = frozenset({".gitkeep", ".keep"})


class Kind(Enum):
    INCIDENT = "incident"
    DOCUMENT = "document"  # README.md: prose about the folder, scanned for personal data
    OTHER = "other"


def under(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip("/") + "/")


def kind_of(path: str) -> Kind:
    name = path.rsplit("/", 1)[-1]
    if name.lower() == "readme.md":
        return Kind.DOCUMENT
    # Exactly ".md": "X.MD" would be skipped by a case-sensitive listing of incident files.
    return Kind.INCIDENT if name.endswith(".md") else Kind.OTHER


def unsafe_name(path: str) -> str | None:
    """Why a path cannot be an honest file name here, or None when it can."""
    for character in path:
        if "\udc80" <= character <= "\udcff":
            return "is not valid UTF-8"
        category = unicodedata.category(character)
        if category == "Cc":
            return f"holds the control character U+{ord(character):04X}"
        if category in ("Cf", "Zl", "Zp") or character in "\u2028\u2029":
            return f"holds the invisible character U+{ord(character):04X}"
    return None


def shown(path: str) -> str:
    """A path safe to print in a log, an annotation or a table: odd characters escaped."""
    if unsafe_name(path) is None:
        return path
    return "".join(
        c if unsafe_name(c) is None else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else repr(c)
        for c in path
    )


def _whole_file(path: str, code: str, message: str) -> Finding:
    """A finding about a path itself, which has no line to point at."""
    return Finding(shown(path), None, None, code, Level.ERROR, message)


def name_finding(path: str, reason: str) -> Finding:
    return _whole_file(
        path,
        "IF008",
        f"the file name {reason}: names under the incidents folder are plain text that reads "
        "the same in every tool. Rename the file (incident files are named <ID>.md).",
    )


def not_a_file_finding(path: str, what: str) -> Finding:
    return _whole_file(
        path,
        "IF008",
        f"{what} under the incidents folder: only regular files are allowed here, so what is "
        "reviewed is what is stored. Replace it with the file itself, or remove it.",
    )


def stray_file_findings(path: str, raw: bytes, config: Config) -> list[Finding]:
    """IF007 for a file that is not an incident file, plus any personal data in it."""
    if path.rsplit("/", 1)[-1] in _PLACEHOLDERS and not raw.strip():
        return []  # an empty placeholder that keeps a folder in git carries nothing
    stray = _whole_file(
        path,
        "IF007",
        f"not an incident file: {config.incidents_dir}/ holds only incident files "
        f"({config.incidents_dir}/<year>/<ID>.md) and README.md. Keep logs, exports and "
        "screenshots in the restricted system and link to them from the incident; remove "
        "this file.",
    )
    return [stray, *personal_data_in(path, raw, config)]


def personal_data_in(path: str, raw: bytes, config: Config) -> list[Finding]:
    """PD1xx findings for any text file (README files, stray files)."""
    if b"\0" in raw[:8192]:
        return []
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    return list(text_findings(shown(path), text, config, config_allow(config)))
