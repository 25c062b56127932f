"""The repository a FakeGitHub serves: users, labels, issues, pull requests, comments and git.

Every mutation goes through a method here, so seeding from a test (``gh.state.create_issue(...)``)
and an HTTP request obey the same rules. All methods take ``lock``; route code holds it for the
whole request, which is what makes concurrent clients see one consistent repository.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from .errors import ApiError
from .git_store import Commit, GitStore, MergeConflict, Signature

DEFAULT_LABEL_COLOR = "ededed"


class Clock:
    """UTC wall-clock time at one-second resolution (GitHub's), which tests may move forward."""

    def __init__(self) -> None:
        self._offset = timedelta()

    def now(self) -> datetime:
        return (datetime.now(UTC) + self._offset).replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        self._offset += timedelta(seconds=seconds)


def node_id(kind: str, number: int) -> str:
    """An opaque GraphQL-style node id, stable per object."""
    raw = f"{kind}:{number}".encode()
    return f"{kind}_kwDO{base64.b64encode(raw).decode().rstrip('=')}"


@dataclass
class User:
    login: str
    id: int
    name: str | None
    email: str | None
    created_at: datetime
    type: str = "User"

    @property
    def node_id(self) -> str:
        return node_id("U", self.id)


@dataclass
class Label:
    id: int
    name: str
    color: str
    description: str | None
    default: bool = False

    @property
    def node_id(self) -> str:
        return node_id("LA", self.id)


@dataclass
class PullRequest:
    """The pull-request half of an issue record; GitHub numbers both from one sequence."""

    id: int
    head: str
    base: str
    head_sha: str
    base_sha: str
    draft: bool = False
    maintainer_can_modify: bool = False
    merged_at: datetime | None = None
    merged_by: str | None = None
    merge_commit_sha: str | None = None

    @property
    def node_id(self) -> str:
        return node_id("PR", self.id)


@dataclass
class Issue:
    number: int
    id: int
    title: str
    body: str | None
    author: str
    created_at: datetime
    updated_at: datetime
    label_ids: list[int] = field(default_factory=list)
    assignees: list[str] = field(default_factory=list)
    state: str = "open"
    state_reason: str | None = None
    locked: bool = False
    closed_at: datetime | None = None
    closed_by: str | None = None
    comment_count: int = 0
    pull: PullRequest | None = None

    @property
    def node_id(self) -> str:
        return node_id("I", self.id)

    @property
    def is_pull(self) -> bool:
        return self.pull is not None


@dataclass
class Comment:
    id: int
    issue_number: int
    body: str
    author: str
    created_at: datetime
    updated_at: datetime

    @property
    def node_id(self) -> str:
        return node_id("IC", self.id)


class RepoState:
    """One repository plus the users around it. Public attributes are safe to read in asserts."""

    def __init__(
        self,
        owner: str,
        name: str,
        *,
        login: str = "incidentflow-bot",
        default_branch: str = "main",
        collaborators: Iterable[str] = (),
        files: Mapping[str, bytes | str] | None = None,
    ) -> None:
        self.lock = threading.RLock()
        self.clock = Clock()
        self.owner = owner
        self.name = name
        self.default_branch = default_branch
        self._next_id = 1000
        self.users: dict[str, User] = {}
        self.owner_user = self.add_user(owner, name=owner.title())
        self.bot = self.add_user(login, name="incidentflow bot")
        self.collaborators: set[str] = {owner, login}
        for collaborator in collaborators:
            self.add_user(collaborator)
            self.collaborators.add(collaborator)
        self.id = self._allocate_id()
        self.created_at = self.clock.now()
        self.labels: dict[int, Label] = {}
        self.issues: dict[int, Issue] = {}
        self.comments: dict[int, Comment] = {}
        # Transferred issues: the old number here -> (owner/name, number there), and the
        # issues themselves in their new repositories (which serve nothing else).
        self.moved: dict[int, tuple[str, int]] = {}
        self.elsewhere: dict[tuple[str, int], Issue] = {}
        self.git = GitStore()
        # Reported by GET branch, not enforced: tokens with bypass rights write to protected
        # branches, so clients must look before they move one.
        self.protected_branches: set[str] = set()
        initial = files if files is not None else {"README.md": f"# {name}\n"}
        if initial:
            changes = {path: _as_bytes(content) for path, content in initial.items()}
            self.git.write(default_branch, changes, "Initial commit", self.signature(owner))

    # -- identity helpers ------------------------------------------------------------------------

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def _allocate_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def signature(self, login: str) -> Signature:
        user = self.users[login]
        email = user.email or f"{user.id}+{login}@users.noreply.github.com"
        return Signature(user.name or login, email, self.clock.now())

    def add_user(self, login: str, *, name: str | None = None, email: str | None = None) -> User:
        with self.lock:
            if login not in self.users:
                user = User(login, self._allocate_id(), name, email, self.clock.now())
                self.users[login] = user
            return self.users[login]

    def user_for_email(self, email: str) -> User | None:
        """The account GitHub links a commit to, by the e-mail address it carries."""
        with self.lock:
            for login, user in self.users.items():
                noreply = f"{user.id}+{login}@users.noreply.github.com"
                if email.casefold() in (noreply.casefold(), (user.email or "").casefold()):
                    return user
            return None

    def add_collaborator(self, login: str) -> User:
        """Make `login` assignable on issues (GitHub only assigns collaborators)."""
        with self.lock:
            user = self.add_user(login)
            self.collaborators.add(login)
            return user

    # -- labels ----------------------------------------------------------------------------------

    def label(self, name: str) -> Label | None:
        """Label lookup is case-insensitive, like GitHub's."""
        with self.lock:
            folded = name.casefold()
            return next((lb for lb in self.labels.values() if lb.name.casefold() == folded), None)

    def create_label(
        self, name: str, color: str = DEFAULT_LABEL_COLOR, description: str | None = None
    ) -> Label:
        with self.lock:
            if not name.strip():
                raise ApiError.invalid("Label", "name", "missing_field")
            if self.label(name) is not None:
                raise ApiError.invalid("Label", "name", "already_exists")
            color = color.removeprefix("#").lower()
            if len(color) != 6 or any(c not in "0123456789abcdef" for c in color):
                raise ApiError.invalid("Label", "color")
            label = Label(self._allocate_id(), name, color, description)
            self.labels[label.id] = label
            return label

    def _labels_for(self, names: Iterable[str]) -> list[int]:
        """Resolve names to ids, creating missing labels as GitHub does for writers."""
        ids: list[int] = []
        for name in names:
            label = self.label(name) or self.create_label(name)
            if label.id not in ids:
                ids.append(label.id)
        return ids

    def issue_labels(self, issue: Issue) -> list[Label]:
        return [self.labels[i] for i in issue.label_ids if i in self.labels]

    # -- issues ----------------------------------------------------------------------------------

    def _check_assignees(self, logins: Iterable[str]) -> list[str]:
        result: list[str] = []
        for login in logins:
            if login not in self.collaborators:
                raise ApiError.invalid("Issue", "assignees", value=login)
            if login not in result:
                result.append(login)
        return result

    def create_issue(
        self,
        title: str,
        body: str | None = None,
        *,
        labels: Iterable[str] = (),
        assignees: Iterable[str] = (),
        author: str | None = None,
    ) -> Issue:
        with self.lock:
            if not title.strip():
                raise ApiError.invalid("Issue", "title", "missing_field")
            now = self.clock.now()
            issue = Issue(
                number=len(self.issues) + len(self.moved) + 1,
                id=self._allocate_id(),
                title=title,
                body=body,
                author=author or self.bot.login,
                created_at=now,
                updated_at=now,
                assignees=self._check_assignees(assignees),
                label_ids=self._labels_for(labels),
            )
            self.issues[issue.number] = issue
            return issue

    def issue(self, number: int) -> Issue:
        with self.lock:
            if number in self.moved:
                raise ApiError.moved(*self.moved[number])
            if number not in self.issues:
                raise ApiError.not_found()
            return self.issues[number]

    def transfer_issue(self, issue: Issue, repository: str) -> Issue:
        """Move an issue to another repository (owner/name), as GitHub's transfer does: it
        gets a number there, keeps its author, body and state, and its old number answers
        301 Moved Permanently from then on."""
        with self.lock:
            if issue.is_pull:
                raise ApiError.invalid("Issue", "issue_number", value=issue.number)
            there = 1 + sum(1 for name, _ in self.elsewhere if name == repository)
            moved = replace(issue, number=there, id=self._allocate_id())
            del self.issues[issue.number]
            self.moved[issue.number] = (repository, there)
            self.elsewhere[(repository, there)] = moved
            return moved

    def issue_elsewhere(self, repository: str, number: int) -> Issue:
        with self.lock:
            for (name, there), issue in self.elsewhere.items():
                if name.casefold() == repository.casefold() and there == number:
                    return issue
            raise ApiError.not_found()

    def holds_transfers_to(self, owner: str, name: str) -> bool:
        folded = f"{owner}/{name}".casefold()
        return any(repository.casefold() == folded for repository, _ in self.elsewhere)

    def update_issue(
        self,
        issue: Issue,
        *,
        title: str | None = None,
        body: str | None = None,
        state: str | None = None,
        state_reason: str | None = None,
        labels: Iterable[str] | None = None,
        assignees: Iterable[str] | None = None,
        actor: str | None = None,
    ) -> Issue:
        with self.lock:
            # Validate everything first: GitHub applies an update whole or not at all.
            if title is not None and not title.strip():
                raise ApiError.invalid("Issue", "title", "missing_field")
            if state not in (None, "open", "closed"):
                raise ApiError.invalid("Issue", "state", value=state)
            if state_reason not in (None, "completed", "not_planned", "duplicate", "reopened"):
                raise ApiError.invalid("Issue", "state_reason", value=state_reason)
            checked_assignees = None if assignees is None else self._check_assignees(assignees)
            if title is not None:
                issue.title = title
            if body is not None:
                issue.body = body
            if labels is not None:
                issue.label_ids = self._labels_for(labels)
            if checked_assignees is not None:
                issue.assignees = checked_assignees
            if state is not None or state_reason is not None:
                self._transition(issue, state or issue.state, state_reason, actor)
            issue.updated_at = self.clock.now()
            return issue

    def _transition(self, issue: Issue, state: str, reason: str | None, actor: str | None) -> None:
        if state == "closed" and issue.state == "open":
            issue.closed_at = self.clock.now()
            issue.closed_by = actor or self.bot.login
            issue.state_reason = reason or "completed"
        elif state == "closed":
            issue.state_reason = reason or issue.state_reason
        elif issue.state == "closed":
            issue.closed_at = None
            issue.state_reason = "reopened"
        issue.state = state

    def add_labels(self, issue: Issue, names: Iterable[str]) -> list[Label]:
        with self.lock:
            for label_id in self._labels_for(names):
                if label_id not in issue.label_ids:
                    issue.label_ids.append(label_id)
            issue.updated_at = self.clock.now()
            return self.issue_labels(issue)

    def remove_label(self, issue: Issue, name: str) -> list[Label]:
        with self.lock:
            label = self.label(name)
            if label is None or label.id not in issue.label_ids:
                raise ApiError(404, "Label does not exist")
            issue.label_ids.remove(label.id)
            issue.updated_at = self.clock.now()
            return self.issue_labels(issue)

    def add_assignees(self, issue: Issue, logins: Iterable[str]) -> Issue:
        """GitHub silently skips logins that cannot be assigned on this endpoint."""
        with self.lock:
            for login in logins:
                if login in self.collaborators and login not in issue.assignees:
                    issue.assignees.append(login)
            issue.updated_at = self.clock.now()
            return issue

    # -- comments --------------------------------------------------------------------------------

    def add_comment(self, issue: Issue, body: str, *, author: str | None = None) -> Comment:
        with self.lock:
            if not body.strip():
                raise ApiError.invalid("IssueComment", "body", "missing_field")
            now = self.clock.now()
            who = author or self.bot.login
            comment = Comment(self._allocate_id(), issue.number, body, who, now, now)
            self.comments[comment.id] = comment
            issue.comment_count += 1
            issue.updated_at = now
            return comment

    def comments_on(self, number: int) -> list[Comment]:
        with self.lock:
            return [c for c in self.comments.values() if c.issue_number == number]

    # -- files and branches ----------------------------------------------------------------------

    def put_file(
        self,
        branch: str,
        path: str,
        content: bytes | str,
        message: str | None = None,
        *,
        author: str | None = None,
    ) -> Commit:
        """Commit one file; a missing branch is first forked from the default branch."""
        with self.lock:
            if branch not in self.git.branches:
                self.create_branch(branch)
            data = _as_bytes(content)
            signature = self.signature(author or self.owner)
            return self.git.write(branch, {path: data}, message or f"Update {path}", signature)

    def read_file(self, ref: str, path: str) -> bytes | None:
        with self.lock:
            commit = self.git.resolve(ref)
            return None if commit is None else self.git.read(commit, path)

    def protect_branch(self, name: str) -> None:
        with self.lock:
            if name not in self.git.branches:
                raise ApiError.not_found()
            self.protected_branches.add(name)

    def create_branch(self, name: str, from_ref: str | None = None) -> str:
        with self.lock:
            source = self.git.resolve(from_ref or self.default_branch)
            if source is None:
                raise ApiError(422, "Object does not exist")
            self.git.branches[name] = source.sha
            return source.sha

    # -- pull requests ---------------------------------------------------------------------------

    @property
    def pulls(self) -> list[Issue]:
        with self.lock:
            return [issue for issue in self.issues.values() if issue.is_pull]

    def open_pull(
        self,
        head: str,
        base: str,
        title: str,
        body: str | None = None,
        *,
        draft: bool = False,
        maintainer_can_modify: bool = False,
        author: str | None = None,
    ) -> Issue:
        with self.lock:
            if head not in self.git.branches:
                raise ApiError.invalid("PullRequest", "head")
            if base not in self.git.branches:
                raise ApiError.invalid("PullRequest", "base")
            for other in self.pulls:
                pull = other.pull
                if pull and other.state == "open" and (pull.head, pull.base) == (head, base):
                    raise ApiError.custom(
                        "PullRequest", f"A pull request already exists for {self.owner}:{head}."
                    )
            head_sha, base_sha = self.git.branches[head], self.git.branches[base]
            if not self.git.commits_between(base_sha, head_sha):
                raise ApiError.custom("PullRequest", f"No commits between {base} and {head}")
            issue = self.create_issue(title, body, author=author)
            issue.pull = PullRequest(
                self._allocate_id(), head, base, head_sha, base_sha, draft, maintainer_can_modify
            )
            return issue

    def pull(self, number: int) -> Issue:
        with self.lock:
            issue = self.issues.get(number)
            if issue is None or issue.pull is None:
                raise ApiError.not_found()
            return issue

    def refresh_pull(self, issue: Issue) -> PullRequest:
        """Follow branch tips while the pull request is open (GitHub's head.sha is live)."""
        pull = issue.pull
        assert pull is not None
        if issue.state == "open":
            pull.head_sha = self.git.branches.get(pull.head, pull.head_sha)
            pull.base_sha = self.git.branches.get(pull.base, pull.base_sha)
        return pull

    def mergeable(self, issue: Issue) -> bool:
        pull = self.refresh_pull(issue)
        try:
            self.git.merged_tree(pull.base_sha, pull.head_sha)
        except MergeConflict:
            return False
        return True

    def merge_pull(
        self, number: int, *, actor: str | None = None, message: str | None = None
    ) -> str:
        """Merge a pull request with a merge commit on its base branch; returns the commit sha."""
        with self.lock:
            issue = self.pull(number)
            pull = self.refresh_pull(issue)
            if issue.state != "open":
                raise ApiError(405, "Pull Request is not mergeable")
            try:
                tree = self.git.merged_tree(pull.base_sha, pull.head_sha)
            except MergeConflict as conflict:
                raise ApiError(405, "Pull Request is not mergeable") from conflict
            who = actor or self.bot.login
            text = message or f"Merge pull request #{number} from {self.owner}/{pull.head}"
            commit = self.git.commit(
                tree, (pull.base_sha, pull.head_sha), text, self.signature(who)
            )
            self.git.branches[pull.base] = commit.sha
            pull.merged_at = self.clock.now()
            pull.merged_by = who
            pull.merge_commit_sha = commit.sha
            self._transition(issue, "closed", None, who)
            issue.state_reason = None
            issue.updated_at = pull.merged_at
            return commit.sha


def _as_bytes(content: bytes | str) -> bytes:
    return content.encode() if isinstance(content, str) else content
