"""Running the rules over incident files: one file's bytes, a file, or the whole repository
(where the cross-file rules, unique IDs, apply)."""

from __future__ import annotations

from pathlib import Path

from incidentflow.config.workspace import Repository
from incidentflow.record.load import parse_document
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.rules.identity import duplicate_ids, file_name_rules, same_name_elsewhere
from incidentflow.rules.incident_file import validate_document
from incidentflow.rules.result import ValidatedIncident


def validate_file(
    repository: Repository, file: Path
) -> tuple[ValidatedIncident | None, list[Finding]]:
    display = repository.display(file)
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, [
            finding(display, None, None, "IF000", Level.ERROR, "unreadable", reason=error.strerror)
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
