"""Desired issues against the issues GitHub has: create, update, comment, or leave alone.

Identity comes from the key marker on the first line of issues our own account wrote, found in
one listing per run (``IssueIndex``). A create whose answer was lost is never simply sent again:
we look for the marker among recently updated issues first, so a dropped connection cannot
become a duplicate. People's part of a body (below the end marker) is never rewritten, and a
phase comment is posted only after checking that no earlier run posted it already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from incidentflow.forge.interface import (
    ForgeRefused,
    IssueChange,
    IssueDraft,
    IssueRecord,
    IssueTracker,
    WriteOutcomeUnknown,
)
from incidentflow.record.model import parse_status
from incidentflow.sync.bodies import comparable, phase_comment
from incidentflow.sync.markers import (
    CHECKLIST,
    GeneratedState,
    IssueKey,
    is_phase_comment,
    parse_key,
    split_body,
)
from incidentflow.sync.ownership import same_account, same_repository
from incidentflow.sync.plan import DesiredIssue
from incidentflow.sync.report import Action, ActionKind, NotDone
from incidentflow.words.phrase import Phrase, Text, joined, say
from incidentflow.words.sync import CHANGED, DETAILS

CREATE_ATTEMPTS = 3
PLANNED = 0  # the "number" of an issue a dry run would create


class ItemFailed(Exception):
    """One desired issue cannot be made right now; the others go on."""

    def __init__(self, said: Phrase) -> None:
        super().__init__(str(said))
        self.phrase = said


def _folded(values: Iterable[str]) -> set[str]:
    return {value.casefold() for value in values}


@dataclass(slots=True)
class IssueIndex:
    """Managed issues by key.

    Trusted are the issues of this repository (see ``ownership``) that our own account wrote,
    and those whose number an incident file records for exactly that key: the file is
    reviewed in git, so a recorded number survives a change of token (say, from Actions' token
    to a GitHub App's) without the sync opening every issue again.
    """

    me: str
    recorded: dict[int, IssueKey] = field(default_factory=dict)
    repository: str = ""  # owner/name; issues transferred elsewhere are not ours to update
    by_key: dict[IssueKey, IssueRecord] = field(default_factory=dict)
    duplicates: list[tuple[IssueKey, IssueRecord]] = field(default_factory=list)

    def trusts(self, issue: IssueRecord, key: IssueKey) -> bool:
        if issue.is_pull_request or not same_repository(issue, self.repository):
            return False
        return same_account(issue.author, self.me) or self.recorded.get(issue.number) == key

    def merged(self, fresher: Iterable[IssueRecord]) -> IssueIndex:
        """This index with newer copies of issues (e.g. a listing of what changed since)."""
        by_number = {issue.number: issue for issue in self.by_key.values()}
        by_number.update({issue.number: issue for _, issue in self.duplicates})
        by_number.update({issue.number: issue for issue in fresher})
        return IssueIndex.build(
            by_number.values(), self.me, self.recorded, repository=self.repository
        )

    @classmethod
    def build(
        cls,
        issues: Iterable[IssueRecord],
        me: str,
        recorded: dict[int, IssueKey] | None = None,
        *,
        repository: str = "",
    ) -> IssueIndex:
        index = cls(me, dict(recorded or {}), repository)
        for issue in sorted(issues, key=lambda item: item.number):
            key = parse_key(issue.body)
            if key is None or not index.trusts(issue, key):
                continue
            if key in index.by_key:
                index.duplicates.append((key, issue))
            else:
                index.by_key[key] = issue
        return index


class Reconciler:
    def __init__(
        self,
        tracker: IssueTracker,
        index: IssueIndex,
        *,
        label: str,
        emit: Callable[[Action], None],
        dry_run: bool,
        look_since: datetime,
    ) -> None:
        self._tracker = tracker
        self._index = index
        self._label = label
        self._emit = emit
        self._dry_run = dry_run
        self._look_since = look_since

    def apply(self, desired: DesiredIssue) -> int | None:
        """Bring one issue in line; returns its number when it exists (or now does)."""
        existing = self._existing(desired)
        if existing is None:
            return self._create(desired) if desired.may_create else None
        self._update(desired, existing)
        return existing.number

    # -- finding -------------------------------------------------------------------------------

    def _existing(self, desired: DesiredIssue) -> IssueRecord | None:
        found = self._index.by_key.get(desired.key)
        if found is None and desired.known_number is not None:
            # Recorded in the file but missing from the listing (someone removed our label):
            # adopt it if it really is ours, rather than open a second one.
            candidate = self._tracker.get_issue(desired.known_number)
            if (
                candidate is not None
                and parse_key(candidate.body) == desired.key
                and self._index.trusts(candidate, desired.key)
            ):
                found = self._index.by_key[desired.key] = candidate
        return found

    def _look_again(self, key: IssueKey) -> IssueRecord | None:
        for issue in self._tracker.list_issues_since(self._label, self._look_since):
            if parse_key(issue.body) == key and self._index.trusts(issue, key):
                return issue
        return None

    def close_duplicate(self, key: IssueKey, duplicate: IssueRecord) -> None:
        """A second issue for one key can only come from a create that GitHub finished after
        we stopped waiting. Nobody has used it yet (no comments): close it, pointing at the
        first. One that people already use is theirs to merge."""
        if duplicate.state != "open":
            return
        kept = self._index.by_key[key]
        subject = key.subject()
        detail = say(DETAILS["duplicate_of"], number=kept.number)
        if duplicate.comments:
            detail = say(DETAILS["duplicate_discussed"], number=kept.number)
            self._emit(
                Action(ActionKind.SKIPPED, subject, duplicate.number, duplicate.html_url, detail)
            )
            return
        if not self._dry_run:
            change = IssueChange(state="closed", state_reason="duplicate")
            self._tracker.update_issue(duplicate.number, change)
        self._emit(
            Action(
                ActionKind.CLOSED,
                subject,
                duplicate.number,
                duplicate.html_url,
                detail,
                self._dry_run,
            )
        )

    # -- creating ------------------------------------------------------------------------------

    def _create(self, desired: DesiredIssue) -> int | None:
        subject = desired.key.subject()
        if desired.initial_rest is None:
            raise ItemFailed(say(DETAILS["not_created"], why=desired.missing_template or ""))
        notes: list[Text] = list(desired.notes)
        draft = IssueDraft(
            desired.title,
            f"{desired.header}\n{desired.initial_rest}",
            desired.labels,
            desired.assignees,
        )
        if self._dry_run:
            self._emit(Action(ActionKind.CREATED, subject, detail=joined(notes), planned=True))
            return PLANNED
        record: IssueRecord | None = None
        for _ in range(CREATE_ATTEMPTS):
            try:
                record = self._tracker.create_issue(draft)
                break
            except WriteOutcomeUnknown:
                record = self._look_again(desired.key)
                if record is not None:
                    notes.append(say(DETAILS["created_found"]))
                    break
            except ForgeRefused as error:
                if error.status != 422 or "assignees" not in error.field_errors:
                    raise
                if not draft.assignees:
                    raise
                logins = ", ".join(f"@{login}" for login in draft.assignees)
                notes.append(say(DETAILS["not_assigned"], logins=logins))
                draft = replace(draft, assignees=())
        if record is None:
            raise NotDone(say(DETAILS["not_created_after"], attempts=CREATE_ATTEMPTS))
        self._index.by_key[desired.key] = record
        self._emit(
            Action(ActionKind.CREATED, subject, record.number, record.html_url, joined(notes))
        )
        return record.number

    # -- updating ------------------------------------------------------------------------------

    def _update(self, desired: DesiredIssue, existing: IssueRecord) -> None:
        subject = desired.key.subject()
        split = split_body(existing.body)
        recorded: GeneratedState | None = None
        if split is None:
            # The end marker was edited away: keep everything below our first line.
            _, _, below = existing.body.partition("\n")
            body: str | None = f"{desired.header}\n\n{below}"
        else:
            recorded = split.state
            changed = comparable(split.header) != comparable(desired.header)
            body = f"{desired.header}\n{split.rest}" if changed else None
        closing = (
            desired.close
            and existing.state == "open"
            and (recorded is None or recorded.status != "done")
        )
        change = IssueChange(
            title=desired.title if existing.title != desired.title else None,
            body=body,
            labels=self._labels(existing, recorded, desired),
            assignees=self._assignees(existing, recorded, desired),
            state="closed" if closing else None,
            state_reason="completed" if closing else None,
        )
        commented = False
        before = recorded.status if recorded is not None else None
        if (
            desired.key.kind == CHECKLIST
            and existing.state == "open"
            and before is not None
            and before != desired.state.status
            and parse_status(before) is not None
        ):
            commented = self._ensure_phase_comment(existing, desired, before)
        if change.empty:
            if not commented:
                self._emit(
                    Action(ActionKind.UNCHANGED, subject, existing.number, existing.html_url)
                )
            return
        kind = ActionKind.CLOSED if closing else ActionKind.UPDATED
        what: Text = joined(
            (
                say(CHANGED[name])
                for name, value in (
                    ("title", change.title),
                    ("header", change.body),
                    ("labels", change.labels),
                    ("assignees", change.assignees),
                )
                if value is not None
            ),
            en=", ",
        )
        if self._dry_run:
            self._emit(Action(kind, subject, existing.number, existing.html_url, what, True))
            return
        try:
            self._tracker.update_issue(existing.number, change)
        except ForgeRefused as error:
            if error.status != 422 or change.assignees is None:
                raise
            self._tracker.update_issue(existing.number, replace(change, assignees=None))
            logins = ", ".join(desired.assignees)
            what = joined((what, say(DETAILS["not_assigned"], logins=logins)))
        self._emit(Action(kind, subject, existing.number, existing.html_url, what))

    def _labels(
        self, existing: IssueRecord, recorded: GeneratedState | None, desired: DesiredIssue
    ) -> tuple[str, ...] | None:
        """Ours follow the file; labels people added or removed stay as they are."""
        before = _folded(recorded.labels if recorded else ())
        dropped = before - _folded(desired.labels)
        wanted = [
            label
            for label in desired.labels
            if label.casefold() not in before or label.casefold() == self._label.casefold()
        ]
        result = [label for label in existing.labels if label.casefold() not in dropped]
        result += [label for label in wanted if label.casefold() not in _folded(result)]
        return None if _folded(result) == _folded(existing.labels) else tuple(result)

    def _assignees(
        self, existing: IssueRecord, recorded: GeneratedState | None, desired: DesiredIssue
    ) -> tuple[str, ...] | None:
        """Newly named owners are added; nobody is ever unassigned."""
        before = _folded(recorded.assignees if recorded else ())
        current = _folded(existing.assignees)
        new = [a for a in desired.assignees if a.casefold() not in before | current]
        return (*existing.assignees, *new) if new else None

    # -- phase comments ------------------------------------------------------------------------

    def _phase_comment_posted(self, existing: IssueRecord, key: IssueKey, status: str) -> bool:
        return any(
            comment.author.casefold() == self._index.me.casefold()
            and is_phase_comment(comment.body, key, status)
            for comment in self._tracker.list_comments(existing.number)
        )

    def _ensure_phase_comment(
        self, existing: IssueRecord, desired: DesiredIssue, before: str
    ) -> bool:
        """Post "moved from X to Y" once; True when it is (or, in a dry run, would be) posted."""
        after = desired.state.status
        if self._phase_comment_posted(existing, desired.key, after):
            return False
        subject = desired.key.subject()
        detail: Text = say(DETAILS["phase_moved"], before=before, after=after)
        if self._dry_run:
            self._emit(
                Action(
                    ActionKind.COMMENTED, subject, existing.number, existing.html_url, detail, True
                )
            )
            return True
        text = phase_comment(desired.key, before, after, desired.lang)
        for _ in range(CREATE_ATTEMPTS):
            try:
                comment = self._tracker.create_comment(existing.number, text)
            except WriteOutcomeUnknown:
                if not self._phase_comment_posted(existing, desired.key, after):
                    continue
                detail = joined((detail, say(DETAILS["comment_found"])))
                url = existing.html_url
            else:
                url = comment.html_url
            self._emit(Action(ActionKind.COMMENTED, subject, existing.number, url, detail))
            return True
        raise NotDone(say(DETAILS["comment_not_posted"], attempts=CREATE_ATTEMPTS))
