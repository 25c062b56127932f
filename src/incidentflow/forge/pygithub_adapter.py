"""The real forge adapter: PyGithub over HTTP. Imported only by commands that need GitHub."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from github import Auth, Github, GithubException, UnknownObjectException

from incidentflow.forge.interface import ForgeError, ForgeSettings, IssueRecord


def to_record(issue: Any) -> IssueRecord:
    return IssueRecord(
        number=issue.number,
        title=issue.title or "",
        body=issue.body or "",
        state=issue.state,
        html_url=issue.html_url or "",
        labels=tuple(label.name for label in issue.labels),
        assignees=tuple(user.login for user in issue.assignees),
        is_pull_request=issue.pull_request is not None,
    )


class PyGithubReader:
    """Read-only issue access for the pull-request gate."""

    def __init__(self, settings: ForgeSettings) -> None:
        self._client = Github(
            base_url=settings.api_url, auth=Auth.Token(settings.token), timeout=30, retry=2
        )
        # lazy: no request until the first real call
        self._repo = self._client.get_repo(settings.repository, lazy=True)
        self._name = settings.repository

    def get_issue(self, number: int) -> IssueRecord | None:
        try:
            return to_record(self._repo.get_issue(number))
        except UnknownObjectException:
            return None
        except GithubException as error:
            raise ForgeError(
                f"GitHub refused reading issue #{number} of {self._name} "
                f"(HTTP {error.status}): check GITHUB_TOKEN has issues: read"
            ) from error

    def list_issues(self, label: str) -> Iterator[IssueRecord]:
        try:
            for issue in self._repo.get_issues(state="all", labels=[label]):
                yield to_record(issue)
        except GithubException as error:
            raise ForgeError(
                f"GitHub refused listing issues of {self._name} (HTTP {error.status})"
            ) from error
