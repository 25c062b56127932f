"""A tiny in-memory git object store: blobs, flat trees, commits and branches.

Only what the contents, refs and pulls endpoints need. Shas are computed the way git computes blob
shas, so a client that hashes a file locally gets the same `sha` GitHub (and this fake) reports.
Trees are flat ``path -> blob sha`` maps; directories exist only as path prefixes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime


def blob_sha(content: bytes) -> str:
    """The git object id of a blob, identical to `git hash-object`."""
    header = f"blob {len(content)}\0".encode()
    return hashlib.sha1(header + content).hexdigest()


def tree_sha(tree: Mapping[str, str]) -> str:
    """A stable id for a flat tree (not git's recursive encoding, but unique per content)."""
    digest = hashlib.sha1(b"tree")
    for path in sorted(tree):
        digest.update(f"{path}\0{tree[path]}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Signature:
    name: str
    email: str
    date: datetime


@dataclass(frozen=True)
class Commit:
    sha: str
    tree: Mapping[str, str]
    parents: tuple[str, ...]
    message: str
    author: Signature
    committer: Signature

    @property
    def tree_sha(self) -> str:
        return tree_sha(self.tree)


@dataclass(frozen=True)
class DirEntry:
    """One row of a directory listing: a file (with its blob sha) or a sub-directory."""

    name: str
    path: str
    kind: str  # "file" or "dir"
    sha: str
    size: int


class MergeConflict(Exception):
    """Both sides changed the same paths since they forked."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


@dataclass
class GitStore:
    blobs: dict[str, bytes] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    _serial: int = 0

    # -- objects ---------------------------------------------------------------------------------

    def commit(
        self,
        tree: Mapping[str, str],
        parents: tuple[str, ...],
        message: str,
        author: Signature,
        committer: Signature | None = None,
    ) -> Commit:
        self._serial += 1
        digest = hashlib.sha1(f"commit {self._serial}\n{tree_sha(tree)}\n".encode())
        digest.update("\n".join(parents).encode())
        digest.update(f"\n{author.name} <{author.email}> {author.date.isoformat()}\n".encode())
        digest.update(message.encode())
        commit = Commit(
            sha=digest.hexdigest(),
            tree=dict(tree),
            parents=parents,
            message=message,
            author=author,
            committer=committer or author,
        )
        self.commits[commit.sha] = commit
        return commit

    def resolve(self, ref: str) -> Commit | None:
        """A branch name (optionally `heads/` or `refs/heads/` prefixed) or a full commit sha."""
        name = ref.removeprefix("refs/").removeprefix("heads/")
        if name in self.branches:
            return self.commits[self.branches[name]]
        return self.commits.get(ref)

    def read(self, commit: Commit, path: str) -> bytes | None:
        sha = commit.tree.get(path)
        return None if sha is None else self.blobs[sha]

    def is_dir(self, commit: Commit, path: str) -> bool:
        prefix = f"{path}/" if path else ""
        return any(p.startswith(prefix) for p in commit.tree)

    def list_dir(self, commit: Commit, path: str) -> list[DirEntry]:
        prefix = f"{path}/" if path else ""
        files: dict[str, DirEntry] = {}
        subtrees: dict[str, dict[str, str]] = {}
        for full_path, sha in commit.tree.items():
            if not full_path.startswith(prefix):
                continue
            name, _, rest = full_path[len(prefix) :].partition("/")
            if rest:
                subtrees.setdefault(name, {})[rest] = sha
            else:
                size = len(self.blobs[sha])
                files[name] = DirEntry(name, full_path, "file", sha, size)
        dirs = {
            name: DirEntry(name, f"{prefix}{name}", "dir", tree_sha(sub), 0)
            for name, sub in subtrees.items()
        }
        return [{**files, **dirs}[name] for name in sorted({*files, *dirs})]

    # -- writes ----------------------------------------------------------------------------------

    def write(
        self,
        branch: str,
        changes: Mapping[str, bytes | None],
        message: str,
        author: Signature,
        committer: Signature | None = None,
    ) -> Commit:
        """Commit `changes` (path -> content, None deletes) on top of `branch` and advance it."""
        parent = self.branches.get(branch)
        tree = dict(self.commits[parent].tree) if parent else {}
        for path, content in changes.items():
            if content is None:
                tree.pop(path, None)
            else:
                sha = blob_sha(content)
                self.blobs[sha] = content
                tree[path] = sha
        parents = (parent,) if parent else ()
        commit = self.commit(tree, parents, message, author, committer)
        self.branches[branch] = commit.sha
        return commit

    # -- history ---------------------------------------------------------------------------------

    def ancestors(self, sha: str) -> Iterator[str]:
        """`sha` and every commit reachable from it, nearest first."""
        seen: set[str] = set()
        queue = [sha]
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            yield current
            queue.extend(self.commits[current].parents)

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        return any(sha == ancestor for sha in self.ancestors(descendant))

    def merge_base(self, left: str, right: str) -> str | None:
        left_history = set(self.ancestors(left))
        return next((sha for sha in self.ancestors(right) if sha in left_history), None)

    def commits_between(self, base: str, head: str) -> list[str]:
        """Commits reachable from `head` but not from `base` (what a pull request would bring)."""
        base_history = set(self.ancestors(base))
        return [sha for sha in self.ancestors(head) if sha not in base_history]

    def head_changes(self, base: str, head: str) -> dict[str, str | None]:
        """Paths `head` changed since it forked from `base` (blob sha, None when deleted)."""
        fork = self.merge_base(base, head)
        fork_tree = self.commits[fork].tree if fork else {}
        head_tree = self.commits[head].tree
        return {
            path: head_tree.get(path)
            for path in sorted({*fork_tree, *head_tree})
            if fork_tree.get(path) != head_tree.get(path)
        }

    def merged_tree(self, base: str, head: str) -> dict[str, str]:
        """The tree a merge of `head` into `base` produces; raises MergeConflict."""
        fork = self.merge_base(base, head)
        fork_tree = self.commits[fork].tree if fork else {}
        tree = dict(self.commits[base].tree)
        conflicts = []
        for path, sha in self.head_changes(base, head).items():
            ours = tree.get(path)
            if ours != fork_tree.get(path) and ours != sha:
                conflicts.append(path)
            elif sha is None:
                tree.pop(path, None)
            else:
                tree[path] = sha
        if conflicts:
            raise MergeConflict(conflicts)
        return tree
