"""The checklist templates the config names: read from the repository, checked with the config.

A template the config names must exist, or the config is broken (CF043) and every command
stops, so a team never learns of a missing checklist from a failed sync. The packaged
defaults stand in for the default paths (``.github/incident-checklists/<team>.<lang>.md``)
that a repository has not copied yet: the packaged config works with no other file.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path, PurePosixPath

from incidentflow.config.settings import Config, LoadedConfig
from incidentflow.errors import ConfigError
from incidentflow.record.positions import PositionIndex
from incidentflow.rules.findings import Finding, Level, finding

DEFAULT_FOLDER = ".github/incident-checklists"


def _packaged(relative: str) -> str | None:
    path = PurePosixPath(relative)
    if str(path.parent) != DEFAULT_FOLDER:
        return None
    source = resources.files("incidentflow").joinpath("defaults", "checklists", path.name)
    try:
        return source.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_checklist(root: Path, relative: str) -> str | None:
    """The template at ``relative`` in the repository, else its packaged default, else None."""
    text: str | None
    try:
        text = (root / relative).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        text = _packaged(relative)
    if text is None:
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _missing(config: Config, root: Path) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for number, team in enumerate(config.stakeholders):
        for language, relative in team.checklist.items():
            if read_checklist(root, relative) is None:
                yield ("stakeholders", number, "checklist", language), relative


def check_checklists(loaded: LoadedConfig, root: Path, display: str) -> None:
    """Raise ``ConfigError`` (CF043, at the path's line) for each template that is missing."""
    missing = list(_missing(loaded.config, root))
    if not missing:
        return
    index: PositionIndex | None = None
    if loaded.path is not None:
        try:
            text = loaded.path.read_text("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
            index = PositionIndex(text, 1)
        except (OSError, UnicodeDecodeError):
            index = None
    findings: list[Finding] = []
    for loc, relative in missing:
        position = index.value_of(loc) if index is not None else None
        findings.append(
            finding(
                display,
                position.line if position else None,
                position.column if position else None,
                "CF043",
                Level.ERROR,
                "no_checklist",
                path=relative,
                root=root,
            )
        )
    raise ConfigError(findings)
