"""The incidents a sync works on: parsed and typed, without the full validation.

The pull-request gate validated every file before it reached the default branch; here we only
need the fields the issues show, so a clock that went overdue since (an error for `validate`)
does not stop a team from getting its checklist. A file whose fields cannot be typed at all is
reported and left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from incidentflow.config.workspace import Repository
from incidentflow.errors import SaidError
from incidentflow.record.load import read_document
from incidentflow.record.model import Incident, Status
from incidentflow.words.phrase import FindingText, Text, say
from incidentflow.words.sync import DETAILS, ERRORS


class UnknownIncident(SaidError):
    """An ID given on the command line names no incident file."""


@dataclass(frozen=True, slots=True)
class SyncIncident:
    path: str  # relative to the repository root, with forward slashes
    data: dict[str, Any]
    model: Incident

    @property
    def id(self) -> str:
        return self.model.id or ""

    @property
    def status(self) -> Status:
        assert self.model.status is not None
        return self.model.status


@dataclass(frozen=True, slots=True)
class LoadProblem:
    path: str
    message: Text


def select_files(repository: Repository, ids: tuple[str, ...]) -> list[Path]:
    """Every incident file, or those whose IDs (or paths) were given."""
    files = repository.incident_files()
    if not ids:
        return files
    by_id: dict[str, list[Path]] = {}
    for file in files:
        by_id.setdefault(file.stem, []).append(file)
    chosen: list[Path] = []
    for wanted in ids:
        stem = Path(wanted).name.removesuffix(".md")
        matches = by_id.get(stem)
        if not matches:
            raise UnknownIncident(
                ERRORS["unknown_incident"], wanted=wanted, folder=repository.config.incidents_dir
            )
        chosen.extend(file for file in matches if file not in chosen)
    return chosen


def load_incidents(
    repository: Repository, ids: tuple[str, ...]
) -> tuple[list[SyncIncident], list[LoadProblem]]:
    incidents: list[SyncIncident] = []
    problems: list[LoadProblem] = []
    seen: dict[str, str] = {}
    for file in select_files(repository, ids):
        display = repository.display(file)
        document, findings = read_document(file, display)
        if document is None:
            said = FindingText(findings[0]) if findings else say(DETAILS["unreadable"])
            problems.append(LoadProblem(display, said))
            continue
        try:
            model = Incident.model_validate(document.data)
        except ValidationError as error:
            said = say(DETAILS["fields_unreadable"], count=error.error_count(), path=display)
            problems.append(LoadProblem(display, said))
            continue
        if model.id != file.stem or model.status is None:
            problems.append(LoadProblem(display, say(DETAILS["id_and_status"])))
            continue
        if model.id in seen:
            said = say(DETAILS["id_used_twice"], id=model.id, other=seen[model.id])
            problems.append(LoadProblem(display, said))
            continue
        seen[model.id] = display
        incidents.append(SyncIncident(display, document.data, model))
    return incidents, problems
