"""What incidentflow needs from a forge, independent of PyGithub.

Core code depends on ``IssueReader`` and ``IssueTracker`` only; ``pygithub_adapter`` implements
them over HTTP, and another forge (or GitHub Enterprise, through ``GITHUB_API_URL``) can sit
behind the same calls.

Writes fail in two ways that callers must tell apart: ``ForgeRefused`` means the forge answered
and did not apply the change; ``WriteOutcomeUnknown`` means the change may or may not have landed
(the connection dropped, or the server failed after receiving it), so whoever retries must look
first. Safe retries (rate limits, idempotent writes) happen inside the adapter.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from incidentflow.errors import IncidentflowError

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_SERVER_URL = "https://github.com"


class ForgeError(IncidentflowError):
    """The forge refused or failed a request; the message says which and what to do (exit 1)."""


class ForgeRefused(ForgeError):
    """The forge answered with an error status and did not apply the request."""

    def __init__(self, message: str, status: int, *, field_errors: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        # The fields a 422 "Validation Failed" names, e.g. ("assignees",).
        self.field_errors = field_errors


class WriteOutcomeUnknown(ForgeError):
    """A write may have been applied although no answer arrived; look before writing again."""


class RateLimited(ForgeError):
    """The forge asks us to wait longer than this run may; ``resume_at`` says until when."""

    def __init__(self, message: str, resume_at: datetime) -> None:
        super().__init__(message)
        self.resume_at = resume_at


def derive_server_url(api_url: str) -> str:
    """The web address for an API address: api.github.com → github.com, host/api/v3 → host."""
    parts = urlsplit(api_url)
    if parts.netloc == "api.github.com":
        return DEFAULT_SERVER_URL
    path = parts.path.rstrip("/")
    if path.endswith("/api/v3"):
        path = path[: -len("/api/v3")]
    return f"{parts.scheme}://{parts.netloc}{path}"


@dataclass(frozen=True, slots=True)
class ForgeSettings:
    token: str
    repository: str  # owner/name
    api_url: str = DEFAULT_API_URL
    server_url: str = DEFAULT_SERVER_URL  # where people read the repository in a browser

    @classmethod
    def from_environment(cls) -> ForgeSettings | None:
        """Settings from GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL and GITHUB_SERVER_URL."""
        token = os.environ.get("GITHUB_TOKEN", "").strip()
        repository = os.environ.get("GITHUB_REPOSITORY", "").strip()
        if not token or not repository:
            return None
        api_url = (os.environ.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL).rstrip("/")
        server_url = os.environ.get("GITHUB_SERVER_URL", "").strip().rstrip("/")
        return cls(token, repository, api_url, server_url or derive_server_url(api_url))


@dataclass(frozen=True, slots=True)
class IssueRecord:
    number: int
    title: str
    body: str
    state: str  # "open" or "closed"
    html_url: str
    labels: tuple[str, ...] = ()
    assignees: tuple[str, ...] = ()
    is_pull_request: bool = False
    author: str = ""
    comments: int = 0
    state_reason: str | None = None  # "completed", "not_planned", "duplicate", "reopened"
    # owner/name of the repository holding it: another one when the issue was transferred
    # (GitHub answers the old number with a redirect, which clients follow).
    repository: str = ""


@dataclass(frozen=True, slots=True)
class CommentRecord:
    id: int
    body: str
    author: str
    html_url: str = ""


@dataclass(frozen=True, slots=True)
class IssueDraft:
    title: str
    body: str
    labels: tuple[str, ...] = ()
    assignees: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IssueChange:
    """A partial update: fields left as None are not sent."""

    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] | None = None
    assignees: tuple[str, ...] | None = None
    state: str | None = None
    state_reason: str | None = None

    @property
    def empty(self) -> bool:
        return all(
            value is None
            for value in (
                self.title,
                self.body,
                self.labels,
                self.assignees,
                self.state,
                self.state_reason,
            )
        )


@dataclass(frozen=True, slots=True)
class FileRecord:
    path: str
    content: bytes
    sha: str  # the blob sha, needed to replace the file


@dataclass(frozen=True, slots=True)
class BranchRecord:
    name: str
    head_sha: str
    protected: bool  # GitHub's branch protection is on


@dataclass(frozen=True, slots=True)
class PullRecord:
    number: int
    html_url: str
    body: str
    head_sha: str = ""
    state: str = "open"  # "open" or "closed"
    merged: bool = False
    author: str = ""


@dataclass(frozen=True, slots=True)
class RequestCounts:
    """What a tracker sent, for the run summary and the request budgets."""

    reads: int = 0
    writes: int = 0
    retries: int = 0
    waited_seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)


class IssueReader(Protocol):
    def get_issue(self, number: int) -> IssueRecord | None: ...

    def list_issues(self, label: str) -> Iterator[IssueRecord]: ...


class IssueTracker(IssueReader, Protocol):
    """Issues, comments, branches, files and pull requests of one repository.

    Creating methods raise ``WriteOutcomeUnknown`` when they cannot tell whether the write
    landed; every other failure is ``ForgeRefused``, ``RateLimited`` or ``ForgeError``.
    """

    def authenticated_login(self) -> str: ...

    def default_branch(self) -> str: ...

    def list_issues_since(self, label: str, since: datetime) -> Iterator[IssueRecord]: ...

    def create_issue(self, draft: IssueDraft) -> IssueRecord: ...

    def update_issue(self, number: int, change: IssueChange) -> IssueRecord: ...

    def list_comments(self, number: int) -> Iterator[CommentRecord]: ...

    def create_comment(self, number: int, body: str) -> CommentRecord: ...

    def branch_head(self, branch: str) -> str | None: ...

    def get_branch(self, branch: str) -> BranchRecord | None: ...

    def authors_ahead(self, base: str, branch: str) -> tuple[str, ...]:
        """The author logins of the commits on ``branch`` that ``base`` does not have ("" for
        a commit GitHub links to no account), oldest first."""
        ...

    def create_branch(self, branch: str, sha: str) -> bool:
        """True when created, False when the branch already exists."""
        ...

    def move_branch(self, branch: str, sha: str) -> None: ...

    def delete_branch(self, branch: str) -> None: ...

    def read_file(self, path: str, ref: str) -> FileRecord | None: ...

    def write_file(
        self, path: str, branch: str, content: bytes, message: str, sha: str | None
    ) -> None: ...

    def find_pull(self, head_branch: str, base_branch: str) -> PullRecord | None: ...

    def create_pull(
        self, head_branch: str, base_branch: str, title: str, body: str
    ) -> PullRecord: ...

    def update_pull(self, number: int, body: str) -> None: ...

    def list_pulls(self, head_branch: str) -> list[PullRecord]:
        """Every pull request from ``head_branch`` of this repository, open or closed, newest
        first."""
        ...

    def add_labels(self, number: int, labels: tuple[str, ...]) -> None:
        """Add labels to an issue or pull request, keeping the ones it has."""
        ...

    def counts(self) -> RequestCounts: ...
