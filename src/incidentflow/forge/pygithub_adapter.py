"""The real forge adapter: PyGithub over HTTP. Imported only by commands that need GitHub.

``PyGithubTracker`` sends every request through PyGithub's ``Requester`` with PyGithub's own
retries and throttling switched off: its retry would re-send a POST whose answer was lost (a
duplicate issue), and its fixed sleeps are not GitHub's actual limits. Pacing, rate limits and
retries are ours, in ``_send``; see ``request_policy`` for the numbers.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from github import Auth, Github, GithubException

from incidentflow import __version__
from incidentflow.forge.interface import (
    BranchRecord,
    CommentRecord,
    FileRecord,
    ForgeError,
    ForgeRefused,
    ForgeSettings,
    IssueChange,
    IssueDraft,
    IssueRecord,
    PullRecord,
    RateLimited,
    RequestCounts,
    WriteOutcomeUnknown,
)
from incidentflow.forge.request_policy import (
    Pacer,
    RequestPolicy,
    exhausted_budget_wait,
    rate_limit_wait,
)

# PyGithub logs at INFO to stderr by default, e.g. every redirect it follows (a transferred
# issue); our own reports say what matters, so only its warnings come through.
logging.getLogger("github").setLevel(logging.WARNING)

_NEXT_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="next"')
_REPOSITORY_URL = re.compile(r"/repos/([^/]+/[^/]+)/?$")
ACTIONS_BOT = "github-actions[bot]"
COMPARE_PAGE = 100


def _comment_from_json(data: dict[str, Any]) -> CommentRecord:
    return CommentRecord(
        id=int(data["id"]),
        body=data.get("body") or "",
        author=(data.get("user") or {}).get("login", ""),
        html_url=data.get("html_url") or "",
    )


def _issue_from_json(data: dict[str, Any]) -> IssueRecord:
    return IssueRecord(
        number=int(data["number"]),
        title=data.get("title") or "",
        body=data.get("body") or "",
        state=data.get("state") or "open",
        html_url=data.get("html_url") or "",
        labels=tuple(
            label["name"] if isinstance(label, dict) else str(label)
            for label in data.get("labels") or ()
        ),
        assignees=tuple(user["login"] for user in data.get("assignees") or ()),
        is_pull_request=data.get("pull_request") is not None,
        author=(data.get("user") or {}).get("login", ""),
        comments=int(data.get("comments") or 0),
        state_reason=data.get("state_reason"),
        repository=_repository_of(data.get("repository_url") or ""),
    )


def _repository_of(url: str) -> str:
    """owner/name from an API address such as https://HOST/api/v3/repos/owner/name."""
    found = _REPOSITORY_URL.search(url)
    return found.group(1) if found else ""


def _pull_from_json(data: dict[str, Any]) -> PullRecord:
    return PullRecord(
        number=int(data["number"]),
        html_url=data.get("html_url") or "",
        body=data.get("body") or "",
        head_sha=(data.get("head") or {}).get("sha", ""),
        state=data.get("state") or "open",
        merged=bool(data.get("merged_at")),
        author=(data.get("user") or {}).get("login", ""),
    )


def _message(data: Any) -> str:
    if isinstance(data, dict):
        message = data.get("message")
        if isinstance(message, str):
            return message
    return ""


def _field_errors(data: Any) -> tuple[str, ...]:
    errors = data.get("errors") if isinstance(data, dict) else None
    if not isinstance(errors, list):
        return ()
    return tuple(str(e.get("field")) for e in errors if isinstance(e, dict) and e.get("field"))


class PyGithubTracker:
    """Issues, comments, refs, contents and pull requests of one repository, paced and retried."""

    def __init__(
        self,
        settings: ForgeSettings,
        policy: RequestPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = Github(
            base_url=settings.api_url,
            auth=Auth.Token(settings.token),
            timeout=policy.timeout,
            user_agent=f"incidentflow/{__version__}",
            per_page=100,
            retry=None,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )
        self._requester = self._client.requester
        self._settings = settings
        self._policy = policy
        self._sleep = sleep
        self._pacer = Pacer(policy.write_pause, sleep=sleep)
        self._repo = f"/repos/{settings.repository}"
        self._owner = settings.repository.split("/", 1)[0]
        self._blocked_until = 0.0
        self._default_branch: str | None = None
        self._reads = self._writes = self._retries = 0
        self._waited = 0.0

    # -- the one place requests are sent -----------------------------------------------------

    def _wait(self, seconds: float, reason: str) -> None:
        if seconds > self._policy.max_wait:
            resume = datetime.now(UTC) + timedelta(seconds=seconds)
            raise RateLimited(
                f"GitHub asks us to wait {seconds:.0f} s ({reason}), longer than "
                f"INCIDENTFLOW_MAX_WAIT={self._policy.max_wait:g} s; run again after "
                f"{resume.isoformat(timespec='seconds')}",
                resume,
            )
        if seconds > 0:
            self._waited += seconds
            self._sleep(seconds)

    def _send(
        self,
        verb: str,
        url: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        idempotent: bool = True,
    ) -> tuple[dict[str, Any], Any]:
        """One request with our retries. Non-idempotent writes never re-send blindly."""
        write = verb != "GET"
        attempt = 0
        while True:
            attempt += 1
            self._wait(self._blocked_until - time.time(), "primary rate limit used up")
            if write:
                self._pacer.before_write()
                self._writes += 1
            else:
                self._reads += 1
            if attempt > 1:
                self._retries += 1
            try:
                headers, data = self._requester.requestJsonAndCheck(
                    verb, url, parameters=params, input=body
                )
            except GithubException as error:
                if write:
                    self._pacer.after_write()
                status, headers = error.status, error.headers or {}
                message = _message(error.data)
                if status in (403, 429):
                    limit = rate_limit_wait(status, headers, message, time.time())
                    if limit is not None:
                        # A rate-limited request was not applied: retrying is always safe.
                        if attempt >= self._policy.max_attempts:
                            raise ForgeError(
                                f"{verb} {url}: still rate limited after {attempt} attempts"
                            ) from error
                        self._wait(limit.seconds, limit.reason)
                        continue
                if status >= 500:
                    self._after_failure(verb, url, attempt, f"HTTP {status}", write, idempotent)
                    continue
                raise ForgeRefused(
                    f"{verb} {url}: HTTP {status} {message}".rstrip(),
                    status,
                    field_errors=_field_errors(error.data),
                ) from error
            except OSError as error:  # requests' connection errors and timeouts are OSErrors
                if write:
                    self._pacer.after_write()
                self._after_failure(verb, url, attempt, type(error).__name__, write, idempotent)
                continue
            if write:
                self._pacer.after_write()
            self._blocked_until = time.time() + exhausted_budget_wait(headers, time.time())
            return headers, data

    def _after_failure(
        self, verb: str, url: str, attempt: int, what: str, write: bool, idempotent: bool
    ) -> None:
        """Back off; then either let the caller retry or say the write's fate is unknown."""
        unknown_write = write and not idempotent
        if not unknown_write and attempt >= self._policy.max_attempts:
            if what.startswith("HTTP"):
                raise ForgeError(
                    f"{verb} {url}: {what} after {attempt} attempts; GitHub is failing"
                )
            raise ForgeError(
                f"{verb} {url}: {what} after {attempt} attempts; cannot reach "
                f"{self._settings.api_url} (check GITHUB_API_URL and the network)"
            )
        # Our own backoff, not a rate limit: it never exceeds the longest allowed wait.
        delay = min(self._policy.backoff_delay(attempt), self._policy.max_wait)
        if delay > 0:
            self._waited += delay
            self._sleep(delay)
        if unknown_write:
            raise WriteOutcomeUnknown(f"{verb} {url}: {what}; the write may or may not have landed")

    def _pages(self, url: str, params: dict[str, Any]) -> Iterator[Any]:
        next_url: str | None = url
        query: dict[str, Any] | None = {**params, "per_page": 100}
        while next_url is not None:
            headers, data = self._send("GET", next_url, params=query)
            yield from data if isinstance(data, list) else ()
            found = _NEXT_LINK.search(headers.get("link", ""))
            next_url, query = (found.group(1), None) if found else (None, None)

    def counts(self) -> RequestCounts:
        return RequestCounts(self._reads, self._writes, self._retries, self._waited)

    # -- identity and repository ---------------------------------------------------------------

    def authenticated_login(self) -> str:
        configured = os.environ.get("INCIDENTFLOW_BOT_LOGIN", "").strip()
        if configured:
            return configured
        try:
            _, data = self._send("GET", "/user")
        except ForgeRefused as error:
            # Installation tokens (Actions' GITHUB_TOKEN, GitHub Apps) cannot read /user.
            if error.status in (403, 404) and os.environ.get("GITHUB_ACTIONS") == "true":
                return ACTIONS_BOT
            if error.status in (403, 404):
                raise ForgeRefused(
                    "GitHub does not say which account GITHUB_TOKEN belongs to (GET /user: "
                    f"HTTP {error.status}); set INCIDENTFLOW_BOT_LOGIN to the login that "
                    "authors the sync's issues",
                    error.status,
                ) from error
            raise
        return str(data["login"])

    def default_branch(self) -> str:
        if self._default_branch is None:
            _, data = self._send("GET", self._repo)
            self._default_branch = str(data["default_branch"])
        return self._default_branch

    # -- issues and comments -------------------------------------------------------------------

    def get_issue(self, number: int) -> IssueRecord | None:
        try:
            _, data = self._send("GET", f"{self._repo}/issues/{number}")
        except ForgeRefused as error:
            if error.status in (404, 410):
                return None
            raise
        return _issue_from_json(data)

    def _issues(self, params: dict[str, Any]) -> Iterator[IssueRecord]:
        for item in self._pages(f"{self._repo}/issues", {"state": "all", **params}):
            yield _issue_from_json(item)

    def list_issues(self, label: str) -> Iterator[IssueRecord]:
        return self._issues({"labels": label, "sort": "created", "direction": "asc"})

    def list_issues_since(self, label: str, since: datetime) -> Iterator[IssueRecord]:
        stamp = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return self._issues({"labels": label, "since": stamp})

    def create_issue(self, draft: IssueDraft) -> IssueRecord:
        body: dict[str, Any] = {"title": draft.title, "body": draft.body}
        if draft.labels:
            body["labels"] = list(draft.labels)
        if draft.assignees:
            body["assignees"] = list(draft.assignees)
        _, data = self._send("POST", f"{self._repo}/issues", body=body, idempotent=False)
        return _issue_from_json(data)

    def update_issue(self, number: int, change: IssueChange) -> IssueRecord:
        body: dict[str, Any] = {}
        for name in ("title", "body", "state", "state_reason"):
            value = getattr(change, name)
            if value is not None:
                body[name] = value
        if change.labels is not None:
            body["labels"] = list(change.labels)
        if change.assignees is not None:
            body["assignees"] = list(change.assignees)
        _, data = self._send("PATCH", f"{self._repo}/issues/{number}", body=body)
        return _issue_from_json(data)

    def list_comments(self, number: int) -> Iterator[CommentRecord]:
        for item in self._pages(f"{self._repo}/issues/{number}/comments", {}):
            yield _comment_from_json(item)

    def create_comment(self, number: int, body: str) -> CommentRecord:
        url = f"{self._repo}/issues/{number}/comments"
        _, data = self._send("POST", url, body={"body": body}, idempotent=False)
        return _comment_from_json(data)

    # -- branches ------------------------------------------------------------------------------

    def _ref(self, branch: str) -> str:
        return f"{self._repo}/git/refs/heads/{quote(branch, safe='/')}"

    def branch_head(self, branch: str) -> str | None:
        try:
            _, data = self._send("GET", f"{self._repo}/git/ref/heads/{quote(branch, safe='/')}")
        except ForgeRefused as error:
            if error.status == 404:
                return None
            raise
        return str(data["object"]["sha"])

    def get_branch(self, branch: str) -> BranchRecord | None:
        try:
            _, data = self._send("GET", f"{self._repo}/branches/{quote(branch, safe='/')}")
        except ForgeRefused as error:
            if error.status == 404:
                return None
            raise
        head = str(data["commit"]["sha"])
        return BranchRecord(str(data["name"]), head, protected=data.get("protected") is True)

    def authors_ahead(self, base: str, branch: str) -> tuple[str, ...]:
        basehead = quote(f"{base}...{branch}", safe="/.")
        authors: list[str] = []
        page = 1
        while True:
            params = {"per_page": COMPARE_PAGE, "page": page}
            _, data = self._send("GET", f"{self._repo}/compare/{basehead}", params=params)
            commits = data.get("commits") or []
            authors += [(item.get("author") or {}).get("login", "") for item in commits]
            if len(commits) < COMPARE_PAGE or len(authors) >= int(data.get("ahead_by") or 0):
                return tuple(authors)
            page += 1

    def create_branch(self, branch: str, sha: str) -> bool:
        body = {"ref": f"refs/heads/{branch}", "sha": sha}
        try:
            self._send("POST", f"{self._repo}/git/refs", body=body, idempotent=False)
        except ForgeRefused as error:
            if error.status == 422 and self.branch_head(branch) is not None:
                return False
            raise
        except WriteOutcomeUnknown:
            # Whoever created it, a branch at this commit is what was asked for.
            head = self.branch_head(branch)
            if head is None:
                return self.create_branch(branch, sha)
            return head == sha
        return True

    def move_branch(self, branch: str, sha: str) -> None:
        self._send("PATCH", self._ref(branch), body={"sha": sha, "force": True})

    def delete_branch(self, branch: str) -> None:
        try:
            self._send("DELETE", self._ref(branch))
        except ForgeRefused as error:
            if error.status not in (404, 422):  # already gone, e.g. after a lost answer
                raise

    # -- files ---------------------------------------------------------------------------------

    def _contents(self, path: str) -> str:
        return f"{self._repo}/contents/{quote(path, safe='/')}"

    def read_file(self, path: str, ref: str) -> FileRecord | None:
        try:
            _, data = self._send("GET", self._contents(path), params={"ref": ref})
        except ForgeRefused as error:
            if error.status == 404:
                return None
            raise
        if not isinstance(data, dict) or data.get("type", "file") != "file":
            return None
        content = base64.b64decode(data.get("content") or "")
        return FileRecord(path, content, str(data["sha"]))

    def write_file(
        self, path: str, branch: str, content: bytes, message: str, sha: str | None
    ) -> None:
        body: dict[str, Any] = {
            "message": message,
            "content": base64.b64encode(content).decode("ascii"),
            "branch": branch,
        }
        if sha is not None:
            body["sha"] = sha
        self._send("PUT", self._contents(path), body=body, idempotent=False)

    # -- pull requests -------------------------------------------------------------------------

    def find_pull(self, head_branch: str, base_branch: str) -> PullRecord | None:
        params = {"state": "open", "head": f"{self._owner}:{head_branch}", "base": base_branch}
        for item in self._pages(f"{self._repo}/pulls", params):
            return _pull_from_json(item)
        return None

    def create_pull(self, head_branch: str, base_branch: str, title: str, body: str) -> PullRecord:
        payload = {"title": title, "head": head_branch, "base": base_branch, "body": body}
        for _ in range(self._policy.max_attempts):
            try:
                _, data = self._send("POST", f"{self._repo}/pulls", body=payload, idempotent=False)
                return _pull_from_json(data)
            except (WriteOutcomeUnknown, ForgeRefused) as error:
                if isinstance(error, ForgeRefused) and error.status != 422:
                    raise
                # Lost answer, or "a pull request already exists": the open one is ours to use.
                found = self.find_pull(head_branch, base_branch)
                if found is not None:
                    return found
                if isinstance(error, ForgeRefused):
                    raise
        raise ForgeError(f"could not open a pull request from {head_branch}")

    def update_pull(self, number: int, body: str) -> None:
        self._send("PATCH", f"{self._repo}/pulls/{number}", body={"body": body})

    def list_pulls(self, head_branch: str) -> list[PullRecord]:
        params = {"state": "all", "head": f"{self._owner}:{head_branch}", "direction": "desc"}
        return [_pull_from_json(item) for item in self._pages(f"{self._repo}/pulls", params)]

    def add_labels(self, number: int, labels: tuple[str, ...]) -> None:
        # Adding labels is idempotent: a label the issue has already is kept once.
        url = f"{self._repo}/issues/{number}/labels"
        self._send("POST", url, body={"labels": list(labels)})
