"""Validating many files on every core.

The work per file is independent and CPU-bound (YAML, pydantic, Markdown), so ``incident
validate`` over a large repository splits it across forked worker processes. Forking shares
the already-imported modules and the loaded config, so a worker starts in milliseconds; below
``PARALLEL_THRESHOLD`` files the serial path is faster and is used instead.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from incidentflow.config.workspace import Repository
from incidentflow.rules.findings import Finding
from incidentflow.rules.identity import duplicate_ids
from incidentflow.rules.run import validate_file

PARALLEL_THRESHOLD = 300
_CHUNK = 32
_repository: Repository | None = None


def _validate_one(file: str) -> tuple[list[Finding], str | None]:
    assert _repository is not None
    result, findings = validate_file(_repository, Path(file))
    incident_id = result.data.get("id") if result is not None else None
    return findings, incident_id if isinstance(incident_id, str) else None


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def validate_files(repository: Repository, files: list[Path]) -> list[Finding]:
    """Findings for ``files``, duplicate IDs among them included, in file order."""
    global _repository
    workers = _workers()
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if len(files) < PARALLEL_THRESHOLD or workers < 2 or not can_fork:
        outcomes = [_validate_serial(repository, file) for file in files]
    else:
        _repository = repository
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                outcomes = pool.map(_validate_one, [str(f) for f in files], chunksize=_CHUNK)
        finally:
            _repository = None
    findings = [finding for file_findings, _ in outcomes for finding in file_findings]
    seen: dict[str, int] = {}
    repeated: set[str] = set()
    for _, incident_id in outcomes:
        if incident_id is not None:
            seen[incident_id] = seen.get(incident_id, 0) + 1
            if seen[incident_id] > 1:
                repeated.add(incident_id)
    if repeated:
        # Rare: re-read just those files here to position the duplicate-ID findings.
        involved = [
            result
            for file, (_, incident_id) in zip(files, outcomes, strict=True)
            if incident_id in repeated
            for result in [validate_file(repository, file)[0]]
            if result is not None
        ]
        findings.extend(duplicate_ids(involved))
    return findings


def _validate_serial(repository: Repository, file: Path) -> tuple[list[Finding], str | None]:
    result, findings = validate_file(repository, file)
    incident_id = result.data.get("id") if result is not None else None
    return findings, incident_id if isinstance(incident_id, str) else None
