"""IDs are file names and unique: IF040 (id differs from the file name), IF041 (the same ID
in two files, found from a listing without parsing) and IF042 (the year folder)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from incidentflow.config.settings import Config
from incidentflow.record.times import parse_moment
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.schema import shown

if TYPE_CHECKING:
    from incidentflow.config.workspace import Repository


def file_name_rules(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    path = result.document.path
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    incident_id = result.data.get("id")
    if isinstance(incident_id, str) and incident_id != stem:
        yield result.say(
            ("id",), "IF040", "id_not_file_name", value=True, id=shown(incident_id), stem=stem
        )
    detected = parse_moment(result.data.get("detected_at"), config.zone)
    parts = path.split("/")
    if detected is not None and len(parts) >= 2 and parts[-2].isdigit():
        year = str(detected.local_day(config.zone).year)
        if parts[-2] != year:
            yield result.say(
                ("detected_at",),
                "IF042",
                "year_folder",
                value=True,
                level=Level.WARNING,
                folder=parts[-2],
                year=year,
                timezone=config.timezone,
                incidents_dir=config.incidents_dir,
            )


def duplicate_id(result: ValidatedIncident, incident_id: str, other: str) -> Finding:
    """IF041 on this file's id: ``other`` already uses it."""
    return result.say(("id",), "IF041", "duplicate", value=True, id=shown(incident_id), other=other)


def duplicate_ids(results: Iterable[ValidatedIncident]) -> Iterator[Finding]:
    seen: dict[str, ValidatedIncident] = {}
    for result in results:
        incident_id = result.data.get("id")
        if not isinstance(incident_id, str):
            continue
        first = seen.setdefault(incident_id, result)
        if first is not result:
            yield duplicate_id(result, incident_id, first.document.path)


def files_by_name(paths: Iterable[str]) -> dict[str, list[str]]:
    """Repository paths grouped by file name, which is the incident ID plus ``.md``."""
    grouped: dict[str, list[str]] = {}
    for path in paths:
        grouped.setdefault(path.rsplit("/", 1)[-1], []).append(path)
    return grouped


def name_clash(result: ValidatedIncident, by_name: dict[str, list[str]]) -> Finding | None:
    """IF041 when another file has this file's name, found from a listing without parsing.

    IDs equal file names (IF040), so two files with one ID either break that rule or share a
    file name in different year folders; the listing alone finds the second case.
    """
    name = result.document.path.rsplit("/", 1)[-1]
    others = [path for path in by_name.get(name, []) if path != result.document.path]
    return duplicate_id(result, name.removesuffix(".md"), others[0]) if others else None


def listed_by_name(repository: Repository) -> dict[str, list[str]]:
    return files_by_name(repository.display(file) for file in repository.incident_files())


def same_name_elsewhere(
    repository: Repository,
    results: list[ValidatedIncident],
    by_name: dict[str, list[str]] | None = None,
) -> Iterator[Finding]:
    """Duplicate IDs against files not being validated (see ``name_clash``)."""
    listing = listed_by_name(repository) if by_name is None else by_name
    for result in results:
        clash = name_clash(result, listing)
        if clash is not None:
            yield clash
