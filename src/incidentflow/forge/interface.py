"""What incidentflow needs from a forge, independent of PyGithub.

Core code depends on ``IssueTracker`` only; ``pygithub_adapter`` implements it over HTTP, and
another forge (or GitHub Enterprise, through ``GITHUB_API_URL``) can sit behind the same calls.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

DEFAULT_API_URL = "https://api.github.com"


class ForgeError(Exception):
    """The forge refused or failed a request; the message says which and what to do."""


@dataclass(frozen=True, slots=True)
class ForgeSettings:
    token: str
    repository: str  # owner/name
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_environment(cls) -> ForgeSettings | None:
        """Settings from GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL, or None."""
        token = os.environ.get("GITHUB_TOKEN", "").strip()
        repository = os.environ.get("GITHUB_REPOSITORY", "").strip()
        if not token or not repository:
            return None
        api_url = os.environ.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL
        return cls(token, repository, api_url.rstrip("/"))


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


class IssueReader(Protocol):
    def get_issue(self, number: int) -> IssueRecord | None: ...

    def list_issues(self, label: str) -> Iterator[IssueRecord]: ...
