"""One sync at a time per repository, held on GitHub itself so that it works across runners.

The lock is a file on the branch ``<sync.branch>-lock``. Taking it is a compare-and-swap
through the contents API: creating a file that exists, or replacing one whose blob changed, is
refused (409/422), so of two runs exactly one write succeeds. The file names the run that holds
it; after a lost answer we read it back and know whether we hold it. A lock older than
``STALE_AFTER`` (the workflow's job timeout is shorter) is taken over. Releasing deletes the
branch, after checking the lock is still ours.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from incidentflow.forge.interface import (
    FileRecord,
    ForgeError,
    ForgeRefused,
    IssueTracker,
    WriteOutcomeUnknown,
)
from incidentflow.words.phrase import Phrase, say
from incidentflow.words.sync import DETAILS

LOCK_FILE = ".incidentflow-sync.lock"
STALE_AFTER = 15 * 60.0
RELEASE_ATTEMPTS = 3


class LockBusy(ForgeError):
    """Another sync holds the lock and did not let go in time."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase)
        self.phrase = phrase


@dataclass(frozen=True, slots=True)
class Holder:
    owner: str
    acquired_at: float
    where: str

    @classmethod
    def parse(cls, record: FileRecord | None) -> Holder | None:
        if record is None:
            return None
        try:
            data = json.loads(record.content.decode("utf-8"))
            return cls(str(data["owner"]), float(data["acquired_at"]), str(data.get("where", "")))
        except (ValueError, KeyError, TypeError):
            return None

    def describe(self) -> Phrase:
        since = datetime.fromtimestamp(self.acquired_at, UTC).isoformat(timespec="seconds")
        where = self.where or say(DETAILS["another_run"])
        return say(DETAILS["held_by"], where=where, since=since)


def _where() -> str:
    run = os.environ.get("GITHUB_RUN_ID")
    return f"workflow run {run}" if run else f"{socket.gethostname()} pid {os.getpid()}"


class SyncLock:
    def __init__(
        self,
        tracker: IssueTracker,
        branch: str,
        *,
        wait: float,
        poll: float,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._tracker = tracker
        self.branch = branch
        self._wait = wait
        self._poll = poll
        self._clock = clock
        self._sleep = sleep
        self._owner = uuid.uuid4().hex
        self.held = False

    def _content(self) -> bytes:
        data = {"owner": self._owner, "acquired_at": self._clock(), "where": _where()}
        return (json.dumps(data) + "\n").encode("utf-8")

    def acquire(self, base_sha: str) -> None:
        deadline = self._clock() + self._wait
        while True:
            self._tracker.create_branch(self.branch, base_sha)
            current = self._tracker.read_file(LOCK_FILE, self.branch)
            holder = Holder.parse(current)
            if holder is not None and holder.owner == self._owner:
                self.held = True
                return
            free = holder is None or self._clock() - holder.acquired_at > STALE_AFTER
            if free and self._try_write(current):
                self.held = True
                return
            if self._clock() >= deadline:
                busy = holder.describe() if holder is not None else say(DETAILS["contended"])
                raise LockBusy(say(DETAILS["lock_busy"], branch=self.branch, holder=busy))
            self._sleep(self._poll if not free else min(self._poll, 0.2))

    def _try_write(self, current: FileRecord | None) -> bool:
        """Compare-and-swap the lock file; False when another run got there first."""
        try:
            self._tracker.write_file(
                LOCK_FILE,
                self.branch,
                self._content(),
                "incident sync: take the lock",
                current.sha if current is not None else None,
            )
        except WriteOutcomeUnknown:
            return False  # the next read tells whether it landed
        except ForgeRefused as error:
            if error.status in (404, 409, 422):  # lost the race, or the branch just went away
                return False
            raise
        return True

    def release(self) -> None:
        """Delete the lock branch if the lock is still ours. A lock left behind blocks every
        run until it goes stale, so this tries harder than a single request would."""
        if not self.held:
            return
        for attempt in range(1, RELEASE_ATTEMPTS + 1):
            try:
                current = Holder.parse(self._tracker.read_file(LOCK_FILE, self.branch))
                if current is not None and current.owner == self._owner:
                    self._tracker.delete_branch(self.branch)
                break
            except ForgeError:
                if attempt == RELEASE_ATTEMPTS:
                    raise
                self._sleep(min(self._poll, 1.0))
        self.held = False
