"""``incident validate``: findings for incident files (default: all of them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidentflow.config.workspace import Repository
from incidentflow.errors import UsageError
from incidentflow.rules import files as incidents_folder
from incidentflow.rules.findings import Finding
from incidentflow.rules.identity import listed_by_name, same_name_elsewhere
from incidentflow.rules.parallel import validate_files
from incidentflow.rules.run import validate_file
from incidentflow.words.errors import NOT_A_REPOSITORY


@dataclass(frozen=True, slots=True)
class ValidationRun:
    files: int
    findings: list[Finding]


class NotARepositoryError(UsageError):
    """Nothing here looks like an incident repository: exit 2 rather than a silent pass."""


def run_validate(repository: Repository, paths: list[Path]) -> ValidationRun:
    files: list[Path] = []
    findings: list[Finding] = []
    if not paths:
        if repository.config_file is None and not repository.incidents_dir.is_dir():
            raise NotARepositoryError(
                NOT_A_REPOSITORY, folder=repository.config.incidents_dir, root=repository.root
            )
        files = repository.incident_files()
        findings.extend(folder_findings(repository))
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.md") if p.name.lower() != "readme.md"))
        else:
            files.append(path)
    findings.extend(validate_files(repository, files))
    if paths:
        # Files named on the command line may share their name (the ID) with files that were
        # not named; the listing finds them without parsing, and only those are re-read.
        by_name = listed_by_name(repository)
        clashing = [f for f in files if len(by_name.get(f.name, [])) > 1]
        results = [r for r in (validate_file(repository, f)[0] for f in clashing) if r]
        findings.extend(same_name_elsewhere(repository, results, by_name))
    return ValidationRun(len(files), findings)


def folder_findings(repository: Repository) -> list[Finding]:
    """Every file under the incidents folder that is not an incident file (see the gate)."""
    folder = repository.incidents_dir
    if not folder.is_dir():
        return []
    findings: list[Finding] = []
    for path in sorted(folder.rglob("*")):
        shown = repository.display(path) if not path.is_symlink() else _relative(repository, path)
        reason = incidents_folder.unsafe_name(shown)
        if reason is not None:
            findings.append(incidents_folder.name_finding(shown, reason))
        elif path.is_symlink():
            findings.append(incidents_folder.not_a_file_finding(shown, incidents_folder.SYMLINK))
        elif path.is_dir():
            continue
        elif incidents_folder.kind_of(shown) is incidents_folder.Kind.DOCUMENT:
            findings.extend(
                incidents_folder.personal_data_in(shown, path.read_bytes(), repository.config)
            )
        elif incidents_folder.kind_of(shown) is incidents_folder.Kind.OTHER:
            findings.extend(
                incidents_folder.stray_file_findings(shown, path.read_bytes(), repository.config)
            )
    return findings


def _relative(repository: Repository, path: Path) -> str:
    # A symlink is named by where it sits, not by where it points.
    try:
        return path.relative_to(repository.root).as_posix()
    except ValueError:
        return path.as_posix()
