"""Delivering the issue numbers into the incident files on GitHub: one bot pull request, or a
direct commit when the config says ``sync.write_back: commit``.

Nothing is pushed from the local checkout (an Actions checkout keeps no credentials); every
change is a contents-API write, spliced onto the file as it is on the default branch, never onto
a local copy that may be older. Files are read only when the local checkout says numbers are
missing, so a run with nothing to deliver reads nothing.

The bot branch holds "the default branch's file plus the numbers" for every pending file. Where
the branch's copy only lacks numbers, they are added on top, and the open pull request is
updated in place; where the default branch changed a pending file since, the branch is reset to
the default branch first, so the pull request never conflicts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from incidentflow.forge.interface import (
    FileRecord,
    ForgeError,
    ForgeRefused,
    IssueTracker,
    PullRecord,
    WriteOutcomeUnknown,
)
from incidentflow.forge.mentions import quieten
from incidentflow.record.load import parse_document
from incidentflow.sync.report import Action, ActionKind, NotDone
from incidentflow.sync.writeback import (
    TrackingUpdate,
    WriteBackError,
    pending_tracking,
    set_tracking,
)
from incidentflow.words.issues import PULL_REQUEST
from incidentflow.words.phrase import Phrase, Text, joined, say
from incidentflow.words.sync import DETAILS, SUBJECTS

WRITE_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class FileUpdate:
    path: str
    incident_id: str
    update: TrackingUpdate

    def describe(self, branch: str) -> Phrase:
        """'tracking: legal #3, P1 (new issue), on incidentflow/sync'."""

        def shown(key: str, number: int) -> Text:
            return f"{key} #{number}" if number else say(DETAILS["new_issue"], item=key)

        numbers = [shown(k, n) for k, n in self.update.stakeholders.items()]
        numbers += [shown(k, n) for k, n in self.update.prevention.items()]
        return say(DETAILS["tracking"], numbers=joined(numbers, en=", "), branch=branch)


def pr_title(language: str) -> str:
    return PULL_REQUEST["title"](language)


def pr_body(files: list[str], language: str = "en") -> str:
    # IDs cannot hold "#" or "@", but folder names can: quietened, so that a path such as
    # "incidents/fixes #12/…" neither links nor, once merged, closes issue 12.
    listed = "\n".join(f"- `{quieten(path)}`" for path in sorted(files))
    return PULL_REQUEST["body"](language, files=listed)


def _failed(said: Phrase) -> ForgeError:
    return NotDone(said)


class Delivery:
    """Writes, or in a dry run only reads and reports, the numbers the files lack."""

    def __init__(
        self,
        tracker: IssueTracker,
        *,
        mode: str,
        branch: str,
        emit: Callable[[Action], None],
        dry_run: bool,
        language: str = "en",
    ) -> None:
        self._tracker = tracker
        self._mode = mode
        self._branch = branch
        self._emit = emit
        self._dry_run = dry_run
        self._language = language  # of the pull request: the config's
        # The same file content is spliced several times per run; ruamel is not cheap.
        self._spliced: dict[tuple[str, bytes], bytes] = {}

    def _splice(self, item: FileUpdate, content: bytes) -> bytes:
        key = (item.path, content)
        if key not in self._spliced:
            self._spliced[key] = set_tracking(content, item.update)
        return self._spliced[key]

    def _needs(self, item: FileUpdate, found: FileRecord | None) -> bool:
        """Does the default branch's file still lack numbers? Asked of every file on every
        run, so the fast loader answers; ruamel's round trip runs only to make an edit."""
        if found is None:
            return True
        document, _ = parse_document(found.content, item.path)
        if document is None or not isinstance(document.data, dict):
            return True  # _write reports why it cannot be edited
        return not pending_tracking(document.data, item.update).empty

    def _same_file(
        self, item: FileUpdate, mine: FileRecord | None, theirs: FileRecord | None
    ) -> bool:
        """Is the bot branch's copy the default branch's file, numbers aside? Then numbers go
        on top of it; otherwise the default branch changed the file: reset the branch."""
        if mine is None or theirs is None:
            return False
        try:
            return self._splice(item, mine.content) == self._splice(item, theirs.content)
        except WriteBackError:
            return False

    def deliver(self, updates: list[FileUpdate]) -> None:
        if not updates:
            return
        default = self._tracker.default_branch()
        head = self._tracker.branch_head(default)
        if head is None:
            raise _failed(say(DETAILS["no_default_commit"], branch=default))
        on_default = [(item, self._tracker.read_file(item.path, head)) for item in updates]
        if self._mode == "commit":
            for item, found in on_default:
                self._write(item, default, found)
            return
        pending = [(item, found) for item, found in on_default if self._needs(item, found)]
        if not pending:
            return  # every number is on the default branch already
        pull = self._tracker.find_pull(self._branch, default)
        on_branch = (
            [self._tracker.read_file(item.path, self._branch) for item, _ in pending]
            if pull is not None
            else []
        )
        if pull is not None and all(
            self._same_file(item, mine, theirs)
            for (item, theirs), mine in zip(pending, on_branch, strict=True)
        ):
            changes = [(item, mine) for (item, _), mine in zip(pending, on_branch, strict=True)]
        else:
            if not self._dry_run and not self._tracker.create_branch(self._branch, head):
                self._tracker.move_branch(self._branch, head)
            changes = pending
        written = [item.path for item, found in changes if self._write(item, self._branch, found)]
        body = pr_body([item.path for item, _ in pending], self._language)
        self._pull_request(pull, default, body, written)

    def _pull_request(
        self, pull: PullRecord | None, default: str, body: str, written: list[str]
    ) -> None:
        subject = say(SUBJECTS["pull_request"])
        if pull is None:
            if not written:
                return
            if self._dry_run:
                self._emit(Action(ActionKind.CREATED, subject, planned=True))
                return
            title = pr_title(self._language)
            pull = self._tracker.create_pull(self._branch, default, title, body)
            self._emit(Action(ActionKind.CREATED, subject, pull.number, pull.html_url))
        elif pull.body.replace("\r\n", "\n") != body:
            if not self._dry_run:
                self._tracker.update_pull(pull.number, body)
            self._emit(
                Action(ActionKind.UPDATED, subject, pull.number, pull.html_url, "", self._dry_run)
            )
        else:
            self._emit(Action(ActionKind.UNCHANGED, subject, pull.number, pull.html_url))

    def _write(self, item: FileUpdate, branch: str, found: FileRecord | None) -> bool:
        """Splice the numbers into the file on ``branch``; True when a commit was (or, in a
        dry run, would be) made."""
        for _ in range(WRITE_ATTEMPTS):
            if found is None:
                raise _failed(say(DETAILS["not_on_branch"], path=item.path, branch=branch))
            try:
                wanted = self._splice(item, found.content)
            except WriteBackError as error:
                said = say(DETAILS["in_file"], path=item.path, why=error.phrase)
                raise _failed(said) from error
            if wanted == found.content:
                detail = say(DETAILS["on_branch"], branch=branch)
                self._emit(Action(ActionKind.UNCHANGED, item.path, detail=detail))
                return False
            if self._dry_run:
                break
            try:
                self._tracker.write_file(
                    item.path,
                    branch,
                    wanted,
                    PULL_REQUEST["commit"](self._language, incident=item.incident_id),
                    found.sha,
                )
            except (WriteOutcomeUnknown, ForgeRefused) as error:
                if isinstance(error, ForgeRefused) and error.status not in (409, 422):
                    raise
                # Landed without an answer, or the file moved under us: read and try again.
                found = self._tracker.read_file(item.path, branch)
                if found is not None and found.content == wanted:
                    break
                continue
            break
        else:
            said = say(DETAILS["not_written_after"], path=item.path, attempts=WRITE_ATTEMPTS)
            raise _failed(said)
        detail = item.describe(branch)
        self._emit(Action(ActionKind.UPDATED, item.path, detail=detail, planned=self._dry_run))
        return True
