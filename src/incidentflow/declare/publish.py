"""Putting a declaration on GitHub: one branch, one file, one pull request, per key.

Every declaration key (an issue, or an alert's dedup key) has one branch,
``incidentflow/declare/<key>``; its pull requests are found by listing that branch's pull
requests, and trusted only when the declaring account opened them and their first line is
the marker of that key. So a run repeated on the same issue opens nothing new; a repeated
alert adds a timeline line to its open pull request (or, once merged and still open as an
incident, a comment on it); and a run that died half-way is finished, not duplicated.

The branch is this code's own: it is created from the default branch, or, when it exists
without an open declaration (a run that died before opening its pull request, or an earlier
declaration that was merged or closed), moved back to the default branch, but only if
every commit on it that the default branch lacks was written by the declaring account and
it is not protected. Anything else stops the run before a write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from incidentflow.config import now
from incidentflow.config.settings import Config
from incidentflow.declare.comments import (
    declared_comment,
    kind_name,
    pull_body,
    pull_title,
    refused_comment,
    repeat_comment,
)
from incidentflow.declare.declaration import Declaration, PersonalDataFound
from incidentflow.declare.draft import IncidentDraft, escalation_teams
from incidentflow.declare.markers import (
    DeclarationMarker,
    declared_marker,
    refusal_digest,
    refused_marker,
    repeat_marker,
)
from incidentflow.declare.text import escape_markdown
from incidentflow.declare.timeline import append_timeline
from incidentflow.errors import UsageError
from incidentflow.forge.interface import IssueTracker, PullRecord, WriteOutcomeUnknown
from incidentflow.record.load import parse_document
from incidentflow.record.phases import TERMINAL
from incidentflow.sync.ownership import same_account
from incidentflow.words.declare import ERRORS, FILE, OUTCOMES
from incidentflow.words.phrase import Both, Phrase, Text, render, say

BRANCH_PREFIX = "incidentflow/declare/"


class DeclareRefused(UsageError):
    """The declaration's branch or pull request is not this code's own: nothing was written."""


@dataclass(frozen=True, slots=True)
class DeclareOutcome:
    kind: str  # declared, exists, repeated, refused, ignored
    message: Text  # said in the reader's language when printed (``words/declare.py``)
    incident_id: str | None = None
    path: str | None = None
    pull_number: int | None = None
    pull_url: str | None = None
    notes: tuple[Text, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        """For scripts: the English words."""
        return {
            "outcome": self.kind,
            "message": render(self.message, "en"),
            "incident": self.incident_id,
            "path": self.path,
            "pull_request": self.pull_number,
            "pull_request_url": self.pull_url,
            "notes": [render(note, "en") for note in self.notes],
        }


def branch_for(key: str) -> str:
    return f"{BRANCH_PREFIX}{key}"


# The incident index as it is with a drafted incident added: (path, contents), or None when
# the config keeps no index. The command computes it from the checkout (``commands.declare``).
IndexWith = Callable[["IncidentDraft"], "tuple[str, bytes] | None"]


@dataclass(frozen=True, slots=True)
class _Context:
    tracker: IssueTracker
    config: Config
    account: str
    default: str
    branch: str
    index_with: IndexWith | None = None


def publish(
    tracker: IssueTracker,
    declaration: Declaration,
    draft: IncidentDraft,
    config: Config,
    index_with: IndexWith | None = None,
) -> DeclareOutcome:
    """Open the declaration's pull request once: the drafted file, and the incident index with
    it (``index_with``) so that the gate finds the index current."""
    context = _Context(
        tracker,
        config,
        tracker.authenticated_login(),
        tracker.default_branch(),
        branch_for(declaration.key),
        index_with,
    )
    ours = _own_pulls(context, declaration)
    open_ones = [(pull, marker) for pull, marker in ours if pull.state == "open"]
    if open_ones:
        pull, marker = open_ones[0]
        if declaration.origin == "issue" or marker.digest == declaration.digest:
            _finish_issue(context, declaration, marker.incident_id, pull)
            return _outcome("exists", say(OUTCOMES["exists"]), marker, pull)
        return _repeat(context, declaration, pull, marker, merged=False)
    if declaration.origin == "issue" and ours:
        pull, marker = ours[0]
        _finish_issue(context, declaration, marker.incident_id, pull)
        message = say(OUTCOMES["exists_closed"], state=pull.state)
        return _outcome("exists", message, marker, pull)
    if declaration.origin == "alert":
        for pull, marker in ours:
            if pull.merged and _still_open(context, marker.path):
                if marker.digest == declaration.digest:
                    return _outcome("exists", say(OUTCOMES["exists"]), marker, pull)
                return _repeat(context, declaration, pull, marker, merged=True)
    return _declare(context, declaration, draft)


def _own_pulls(
    context: _Context, declaration: Declaration
) -> list[tuple[PullRecord, DeclarationMarker]]:
    ours: list[tuple[PullRecord, DeclarationMarker]] = []
    for pull in context.tracker.list_pulls(context.branch):
        marker = DeclarationMarker.parse(pull.body)
        if (
            marker is not None
            and marker.key == declaration.key
            and same_account(pull.author, context.account)
        ):
            ours.append((pull, marker))
        elif pull.state == "open":
            raise DeclareRefused(
                ERRORS["foreign_pull"],
                branch=context.branch,
                number=pull.number,
                author=pull.author or ERRORS["unknown_account"],
                account=context.account,
            )
    return ours


def _still_open(context: _Context, path: str) -> bool:
    """The incident a merged declaration added is on the default branch and not final."""
    found = context.tracker.read_file(path, context.default)
    if found is None:
        return False
    document, _ = parse_document(found.content, path)
    if document is None or not isinstance(document.data, dict):
        return False
    return document.data.get("status") not in {status.value for status in TERMINAL}


def _outcome(
    kind: str,
    message: Phrase,
    marker: DeclarationMarker,
    pull: PullRecord,
    notes: tuple[Text, ...] = (),
) -> DeclareOutcome:
    return DeclareOutcome(
        kind, message, marker.incident_id, marker.path, pull.number, pull.html_url, notes
    )


# -- a new declaration ---------------------------------------------------------------------


def _declare(context: _Context, declaration: Declaration, draft: IncidentDraft) -> DeclareOutcome:
    tracker, branch, language = context.tracker, context.branch, context.config.language
    _prepare_branch(context)
    if tracker.read_file(draft.path, branch) is None:
        message = FILE["commit_declare"](language, incident=draft.incident_id)
        try:
            tracker.write_file(draft.path, branch, draft.text.encode("utf-8"), message, None)
        except WriteOutcomeUnknown:
            if tracker.read_file(draft.path, branch) is None:
                tracker.write_file(draft.path, branch, draft.text.encode("utf-8"), message, None)
    _write_index(context, draft)
    marker = DeclarationMarker(
        declaration.key, draft.incident_id, draft.path, declaration.digest or "-"
    )
    teams = escalation_teams(context.config, draft.severity) if declaration.urgent else []
    pull = tracker.create_pull(
        branch,
        context.default,
        pull_title(declaration, draft, language),
        pull_body(declaration, draft, marker, teams, language),
    )
    settings = context.config.declare
    labels = [settings.label, f"incident:{draft.severity}"]
    if declaration.urgent:
        labels.append(settings.urgent_label)
    tracker.add_labels(pull.number, tuple(labels))
    _finish_issue(context, declaration, draft.incident_id, pull)
    return _outcome("declared", say(OUTCOMES["declared"]), marker, pull, declaration.notes)


def _write_index(context: _Context, draft: IncidentDraft) -> None:
    """The index with the new incident on the declaration's branch, written once: a re-run
    finds it there and writes nothing."""
    computed = context.index_with(draft) if context.index_with is not None else None
    if computed is None:
        return
    path, wanted = computed
    tracker, branch = context.tracker, context.branch
    message = FILE["commit_index"](context.config.language, incident=draft.incident_id)
    for _ in range(2):
        found = tracker.read_file(path, branch)
        if found is not None and found.content == wanted:
            return
        try:
            tracker.write_file(path, branch, wanted, message, found.sha if found else None)
            return
        except WriteOutcomeUnknown:
            continue  # landed or not: the next read tells


def _prepare_branch(context: _Context) -> None:
    tracker, branch, default = context.tracker, context.branch, context.default
    head = tracker.branch_head(default)
    if head is None:
        raise DeclareRefused(ERRORS["no_commit"], default=default)
    if tracker.create_branch(branch, head):
        return
    found = tracker.get_branch(branch)
    if found is None:  # deleted in between
        tracker.create_branch(branch, head)
        return
    if found.protected:
        raise DeclareRefused(ERRORS["protected"], branch=branch)
    others = sorted(
        {
            author
            for author in tracker.authors_ahead(default, branch)
            if not same_account(author, context.account)
        }
    )
    if others:
        unknown = ERRORS["unknown_author"]
        authors = Both(
            ", ".join(author or unknown.en for author in others),
            "、".join(author or unknown.ja for author in others),
        )
        raise DeclareRefused(
            ERRORS["others_commits"], branch=branch, authors=authors, default=default
        )
    if found.head_sha != head:
        tracker.move_branch(branch, head)


def _finish_issue(
    context: _Context, declaration: Declaration, incident_id: str, pull: PullRecord
) -> None:
    """Comment on the declaring issue once, and label it."""
    number = declaration.issue_number
    if declaration.origin != "issue" or number is None:
        return
    tracker = context.tracker
    marker = declared_marker(declaration.key)
    posted = any(
        comment.body.startswith(marker) and same_account(comment.author, context.account)
        for comment in tracker.list_comments(number)
    )
    if not posted:
        language = context.config.language
        text = declared_comment(declaration, incident_id, pull.number, pull.html_url, language)
        tracker.create_comment(number, text)
    settings = context.config.declare
    labels = [settings.declared_label]
    if declaration.urgent:
        labels.append(settings.urgent_label)
    tracker.add_labels(number, tuple(labels))


# -- a repeated alert ----------------------------------------------------------------------


def _repeat(
    context: _Context,
    declaration: Declaration,
    pull: PullRecord,
    marker: DeclarationMarker,
    *,
    merged: bool,
) -> DeclareOutcome:
    tracker, language = context.tracker, context.config.language
    digest = declaration.digest or "-"
    stamp = now.current().astimezone(context.config.zone).replace(microsecond=0)
    line = FILE["alert_repeat_line"](
        language,
        at=stamp.isoformat(timespec="seconds"),
        title=escape_markdown(declaration.title),
    )
    already = any(
        comment.body.startswith(repeat_marker(digest))
        and same_account(comment.author, context.account)
        for comment in tracker.list_comments(pull.number)
    )
    if already:
        return _outcome("repeated", say(OUTCOMES["repeat_recorded"]), marker, pull)
    if not merged:
        found = tracker.read_file(marker.path, context.branch)
        if found is not None:
            text = found.content.decode("utf-8")
            updated = append_timeline(text, line, language, f"alert {digest}")
            if updated != text:
                tracker.write_file(
                    marker.path,
                    context.branch,
                    updated.encode("utf-8"),
                    FILE["commit_repeat"](language, incident=marker.incident_id),
                    found.sha,
                )
    tracker.create_comment(pull.number, repeat_comment(digest, line, merged, language))
    message = say(OUTCOMES["repeat_commented" if merged else "repeat_added"])
    return _outcome("repeated", message, marker, pull)


# -- personal data in an issue -------------------------------------------------------------


def refuse_issue(
    tracker: IssueTracker,
    declaration: Declaration,
    found: list[PersonalDataFound],
    language: str,
) -> DeclareOutcome:
    """Ask the reporter to remove what the guard found; once per distinct finding. The
    comment is in ``language``, the repository's."""
    number = declaration.issue_number
    message = say(OUTCOMES["personal_in_issue"], kinds=personal_kinds(found))
    if number is None:
        return DeclareOutcome("refused", message)
    account = tracker.authenticated_login()
    marker = refused_marker(declaration.key, refusal_digest(found))
    posted = any(
        comment.body.startswith(marker) and same_account(comment.author, account)
        for comment in tracker.list_comments(number)
    )
    if not posted:
        tracker.create_comment(number, refused_comment(declaration, found, language))
    return DeclareOutcome("refused", message)


@dataclass(frozen=True, slots=True)
class PersonalKinds:
    """The kinds of personal data found, by their names in the reader's language."""

    kinds: tuple[str, ...]

    def __call__(self, language: str) -> str:
        separator = "、" if language == "ja" else ", "
        return separator.join(kind_name(kind, language) for kind in self.kinds)


def personal_kinds(found: list[PersonalDataFound]) -> PersonalKinds:
    return PersonalKinds(tuple(sorted({item.kind for item in found})))
