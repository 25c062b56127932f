"""``incident validate``: findings for incident files (default: all of them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidentflow.findings import Finding, Level
from incidentflow.repository import Repository, validate_repository


@dataclass(frozen=True, slots=True)
class ValidationRun:
    files: int
    findings: list[Finding]


def run_validate(repository: Repository, paths: list[Path]) -> ValidationRun:
    files: list[Path] = []
    findings: list[Finding] = []
    if not paths:
        files = repository.incident_files()
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.md") if p.name.lower() != "readme.md"))
        elif path.exists():
            files.append(path)
        else:
            findings.append(
                Finding(
                    path.as_posix(),
                    None,
                    None,
                    "IF000",
                    Level.ERROR,
                    "no such file: check the path",
                )
            )
    _, file_findings = validate_repository(repository, files if paths else None)
    findings.extend(file_findings)
    return ValidationRun(len(files), findings)
