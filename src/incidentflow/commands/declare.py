"""``incident declare``: an issue form or an alert becomes an incident pull request.

The event file is read as data (JSON, bounded in size); the declaration is checked, passed
through the personal-data guard, drafted by the same code as ``incident new``, validated like
any incident file, and only then published (``declare.publish``). The file is also written
into the working tree, as ``incident new`` would, so a local rehearsal can carry on with it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from incidentflow.commands.index import index_text
from incidentflow.commands.new import write_new_file
from incidentflow.config.workspace import Repository
from incidentflow.declare.alert import alert_payload
from incidentflow.declare.declaration import (
    Declaration,
    NotADeclaration,
    PersonalDataFound,
    from_alert,
    from_issue,
    personal_data_in,
    without_personal_data,
)
from incidentflow.declare.draft import IncidentDraft, draft_incident
from incidentflow.declare.publish import (
    DeclareOutcome,
    IndexWith,
    personal_kinds,
    publish,
    refuse_issue,
)
from incidentflow.errors import IncidentflowError, UsageError
from incidentflow.forge.connect import connect, required_settings
from incidentflow.rules.findings import Level
from incidentflow.rules.run import validate_bytes
from incidentflow.words.declare import ERRORS, OUTCOMES
from incidentflow.words.phrase import FindingText, joined, render, say

MAX_EVENT_BYTES = 5 * 1024 * 1024  # GitHub caps issue bodies at 65,536 characters


def read_event(path: Path, option: str) -> Mapping[str, Any]:
    try:
        raw = path.read_bytes()[: MAX_EVENT_BYTES + 1]
    except OSError as error:
        raise UsageError(ERRORS["cannot_read"], option, path=path, reason=error.strerror) from error
    if len(raw) > MAX_EVENT_BYTES:
        raise UsageError(ERRORS["too_large"], option, path=path, limit=MAX_EVENT_BYTES)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise UsageError(ERRORS["not_json"], option, path=path, error=str(error)) from error
    if not isinstance(data, dict):
        raise UsageError(ERRORS["no_object"], option, path=path)
    return data


def declare_from_issue(repository: Repository, event_path: Path) -> DeclareOutcome:
    event = read_event(event_path, "--from-issue")
    issue = event.get("issue", event)
    if not isinstance(issue, Mapping):
        raise UsageError(ERRORS["issue_not_object"], "--from-issue")
    try:
        declaration = from_issue(issue, repository.config)
    except NotADeclaration as reason:
        return DeclareOutcome("ignored", say(OUTCOMES["nothing_to_declare"], reason=reason.phrase))
    tracker = connect(required_settings("incident declare"))
    language = repository.config.language
    found = personal_data_in(declaration, repository.config)
    if found:
        return refuse_issue(tracker, declaration, found, language)
    draft = _checked_draft(repository, declaration)
    if isinstance(draft, list):
        return refuse_issue(tracker, declaration, draft, language)
    return _published(
        repository,
        publish(tracker, declaration, draft, repository.config, _index_with(repository)),
        draft,
    )


def declare_from_alert(repository: Repository, event_path: Path) -> DeclareOutcome:
    event = read_event(event_path, "--from-alert")
    payload = alert_payload(event)
    declaration = without_personal_data(from_alert(payload, repository.config), repository.config)
    draft = _checked_draft(repository, declaration)
    if isinstance(draft, list):
        message = say(OUTCOMES["personal_in_alert"], kinds=personal_kinds(draft))
        return DeclareOutcome("refused", message)
    tracker = connect(required_settings("incident declare"))
    return _published(
        repository,
        publish(tracker, declaration, draft, repository.config, _index_with(repository)),
        draft,
    )


def _checked_draft(
    repository: Repository, declaration: Declaration
) -> IncidentDraft | list[PersonalDataFound]:
    """The draft, validated like any incident file; personal data anywhere in it is returned
    as findings (the guard over the values missed nothing so far, and this keeps it so)."""
    draft = draft_incident(declaration, repository.config)
    _, findings = validate_bytes(repository, draft.text.encode("utf-8"), draft.path)
    personal = [f for f in findings if f.code.startswith("PD") and f.level is Level.ERROR]
    if personal:
        return [PersonalDataFound("the incident file", f.code, FindingText(f)) for f in personal]
    errors = [f for f in findings if f.level is Level.ERROR]
    if errors:
        listed = joined(
            say(ERRORS["finding"], code=f.code, message=FindingText(f)) for f in errors[:5]
        )
        raise IncidentflowError(ERRORS["invalid_file"], listed=listed)
    return draft


def _published(
    repository: Repository, outcome: DeclareOutcome, draft: IncidentDraft
) -> DeclareOutcome:
    if outcome.kind == "declared":
        write_new_file(repository.root / draft.path, draft.text)
    return outcome


def render_outcome(outcome: DeclareOutcome, language: str = "en") -> str:
    """What ``incident declare`` prints, in the reader's language."""
    pull = (
        OUTCOMES["pull"](language, number=outcome.pull_number, url=outcome.pull_url)
        if outcome.pull_number
        else ""
    )
    if outcome.kind == "declared":
        lines = [
            OUTCOMES["declared_line"](language, incident=outcome.incident_id, pull=pull),
            f"  {outcome.path}",
        ]
        lines += [OUTCOMES["note"](language, note=render(note, language)) for note in outcome.notes]
        return "\n".join(lines)
    message = render(outcome.message, language)
    if outcome.kind in ("exists", "repeated"):
        return OUTCOMES["found"](language, message=message, incident=outcome.incident_id, pull=pull)
    kind = OUTCOMES.get(outcome.kind)
    return OUTCOMES["other"](
        language, kind=kind(language) if kind else outcome.kind, message=message
    )


def _index_with(repository: Repository) -> IndexWith:
    """The index of the checkout's incident files plus the draft (the declaration workflow
    checks out the default branch; if it moved on, the gate's SC002 asks for `incident index`)."""

    def index_with(draft: IncidentDraft) -> tuple[str, bytes] | None:
        text = index_text(repository, {draft.path: draft.text.encode("utf-8")})
        relative = repository.config.index_path
        return (relative, text.encode("utf-8")) if text is not None and relative else None

    return index_with
