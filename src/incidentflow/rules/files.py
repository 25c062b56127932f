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
from incidentflow.rules.findings import Finding, Level, finding
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


def _name_problem(path: str) -> tuple[str, str] | None:
    """Why a path cannot be an honest file name here, as the catalogue's kind (IF008) and the
    character's code point; None when it can."""
    for character in path:
        if "\udc80" <= character <= "\udcff":
            return "name_not_utf8", ""
        category = unicodedata.category(character)
        if category == "Cc":
            return "name_control", f"{ord(character):04X}"
        if category in ("Cf", "Zl", "Zp") or character in "\u2028\u2029":
            return "name_invisible", f"{ord(character):04X}"
    return None


def unsafe_name(path: str) -> str | None:
    """Why a path cannot be an honest file name here (the catalogue's kind, for
    ``name_finding``), or None when it can."""
    problem = _name_problem(path)
    return None if problem is None else problem[0]


def shown(path: str) -> str:
    """A path safe to print in a log, an annotation or a table: odd characters escaped."""
    if unsafe_name(path) is None:
        return path
    return "".join(
        c if unsafe_name(c) is None else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else repr(c)
        for c in path
    )


def _whole_file(path: str, code: str, kind: str, /, **values: object) -> Finding:
    """A finding about a path itself, which has no line to point at."""
    return finding(shown(path), None, None, code, Level.ERROR, kind, **values)


def name_finding(path: str, reason: str) -> Finding:
    """IF008 for a name ``unsafe_name`` refused, for ``reason``."""
    kind, codepoint = _name_problem(path) or (reason, "")
    return _whole_file(path, "IF008", kind, **({"codepoint": codepoint} if codepoint else {}))


SYMLINK = "a symbolic link"
OTHER_ENTRY = "a submodule or other entry"
_NOT_A_FILE = {SYMLINK: "symlink", OTHER_ENTRY: "submodule"}


def not_a_file_finding(path: str, what: str) -> Finding:
    """IF008 for what is not a regular file: ``SYMLINK`` or ``OTHER_ENTRY``."""
    return _whole_file(path, "IF008", _NOT_A_FILE.get(what, "submodule"))


def stray_file_findings(path: str, raw: bytes, config: Config) -> list[Finding]:
    """IF007 for a file that is not an incident file, plus any personal data in it."""
    if path.rsplit("/", 1)[-1] in _PLACEHOLDERS and not raw.strip():
        return []  # an empty placeholder that keeps a folder in git carries nothing
    stray = _whole_file(path, "IF007", "stray", folder=config.incidents_dir)
    return [stray, *personal_data_in(path, raw, config)]


def personal_data_in(path: str, raw: bytes, config: Config) -> list[Finding]:
    """PD1xx findings for any text file (README files, stray files)."""
    if b"\0" in raw[:8192]:
        return []
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    return list(text_findings(shown(path), text, config, config_allow(config)))
