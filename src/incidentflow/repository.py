"""An incident repository: where the files are, and the rules that span files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from incidentflow.config import Config
from incidentflow.findings import Finding, Level
from incidentflow.loader import parse_document
from incidentflow.model_errors import shown
from incidentflow.times import parse_time
from incidentflow.validated import ValidatedIncident
from incidentflow.validation import validate_document


@dataclass(frozen=True, slots=True)
class Repository:
    root: Path
    config: Config
    # The config file in use; None when the packaged default applies (no file was found).
    config_file: Path | None = None

    @property
    def incidents_dir(self) -> Path:
        return self.root / self.config.incidents_dir

    def display(self, file: Path) -> str:
        try:
            return file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return file.as_posix()

    def incident_files(self) -> list[Path]:
        """Every incident file: ``incidents/<year>/<ID>.md``; README files are documentation."""
        if not self.incidents_dir.is_dir():
            return []
        return sorted(
            file
            for file in self.incidents_dir.rglob("*.md")
            if file.is_file() and file.name.lower() != "readme.md"
        )


def validate_file(
    repository: Repository, file: Path
) -> tuple[ValidatedIncident | None, list[Finding]]:
    display = repository.display(file)
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, [
            Finding(
                display, None, None, "IF000", Level.ERROR, f"cannot read file: {error.strerror}"
            )
        ]
    return validate_bytes(repository, raw, display)


def validate_bytes(
    repository: Repository, raw: bytes, display: str
) -> tuple[ValidatedIncident | None, list[Finding]]:
    """Validate one file's bytes shown as ``display``; the gate passes blobs from git here."""
    document, findings = parse_document(raw, display)
    if document is None:
        return None, findings
    result = validate_document(document, repository.config)
    result.findings.extend(file_name_rules(result, repository.config))
    return result, result.findings


def file_name_rules(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    path = result.document.path
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    incident_id = result.data.get("id")
    if isinstance(incident_id, str) and incident_id != stem:
        yield result.at(
            ("id",),
            "IF040",
            f"id '{shown(incident_id)}' does not match the file name '{stem}.md': the ID is "
            "the file name and never changes. If the file was renamed, rename it back; "
            "otherwise set id to the file name.",
            value=True,
        )
    detected = parse_time(result.data.get("detected_at"))
    parts = path.split("/")
    if detected is not None and len(parts) >= 2 and parts[-2].isdigit():
        year = str(detected.astimezone(config.zone).year)
        if parts[-2] != year:
            yield result.at(
                ("detected_at",),
                "IF042",
                f"file is under '{parts[-2]}/' but was detected in {year} ({config.timezone}): "
                f"incidents live in {config.incidents_dir}/<year of detection>/.",
                value=True,
                level=Level.WARNING,
            )


def duplicate_id(result: ValidatedIncident, incident_id: str, other: str) -> Finding:
    """IF041 on this file's id: ``other`` already uses it."""
    return result.at(
        ("id",),
        "IF041",
        f"id '{shown(incident_id)}' is already used by {other}: IDs are unique; create this "
        "incident again with `incident new` to get a fresh ID.",
        value=True,
    )


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


def validate_repository(
    repository: Repository, files: list[Path] | None = None
) -> tuple[list[ValidatedIncident], list[Finding]]:
    """Validate files (default: all incidents); duplicate IDs are checked across all of them."""
    chosen = repository.incident_files() if files is None else files
    results: list[ValidatedIncident] = []
    findings: list[Finding] = []
    for file in chosen:
        result, file_findings = validate_file(repository, file)
        findings.extend(file_findings)
        if result is not None:
            results.append(result)
    findings.extend(duplicate_ids(results))
    if files is not None:
        findings.extend(same_name_elsewhere(repository, results))
    return results, findings


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
