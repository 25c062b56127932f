"""Every git subprocess call in one place: what changed, and file contents at a revision."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git failed; the message says what we asked and what git answered."""


@dataclass(frozen=True, slots=True)
class Change:
    """One changed path between two revisions; ``kind`` is git's letter (A, M, D, R, C, T)."""

    kind: str
    path: str
    old_path: str | None = None


def _git(root: Path, *args: str, input_bytes: bytes | None = None) -> bytes:
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), *args],
            input=input_bytes,
            capture_output=True,
            check=False,
            timeout=300,
        )
    except FileNotFoundError as error:
        raise GitError("git is not installed or not on PATH") from error
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return completed.stdout


def toplevel(directory: Path) -> Path:
    return Path(_git(directory, "rev-parse", "--show-toplevel").decode().strip())


def resolve(root: Path, revision: str) -> str:
    """The commit SHA a revision names; a clear error when it does not exist."""
    try:
        out = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        return out.decode().strip()
    except GitError as error:
        raise GitError(
            f"'{revision}' is not a commit here; fetch it first "
            "(in GitHub Actions: actions/checkout with fetch-depth: 0)"
        ) from error


def merge_base(root: Path, base: str, head: str) -> str:
    try:
        return _git(root, "merge-base", base, head).decode().strip()
    except GitError as error:
        raise GitError(
            f"no common history between {base[:12]} and {head[:12]}: the clone is probably "
            "shallow; fetch the full history (fetch-depth: 0)"
        ) from error


def changes(root: Path, base: str, head: str, pathspecs: list[str]) -> list[Change]:
    """Changed paths from ``base`` to ``head``, with renames detected (so they can be refused)."""
    raw = _git(
        root, "diff", "--name-status", "-z", "-M", "--no-ext-diff", base, head, "--", *pathspecs
    )
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    result: list[Change] = []
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        if not status:
            break
        letter = status[0]
        if letter in ("R", "C"):
            result.append(Change(letter, fields[index + 2], fields[index + 1]))
            index += 3
        else:
            result.append(Change(letter, fields[index + 1]))
            index += 2
    return result


def list_files(root: Path, revision: str, folder: str) -> list[str]:
    raw = _git(root, "ls-tree", "-r", "-z", "--name-only", revision, "--", folder)
    return [name for name in raw.decode("utf-8", "surrogateescape").split("\0") if name]


def read_files(root: Path, revision: str, paths: list[str]) -> dict[str, bytes | None]:
    """Contents of many files at one revision with a single ``git cat-file --batch``."""
    if not paths:
        return {}
    request = "".join(f"{revision}:{path}\n" for path in paths).encode("utf-8", "surrogateescape")
    out = _git(root, "cat-file", "--batch", input_bytes=request)
    contents: dict[str, bytes | None] = {}
    position = 0
    for path in paths:
        newline = out.index(b"\n", position)
        header = out[position:newline].decode("utf-8", "replace")
        position = newline + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            contents[path] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        contents[path] = out[position : position + size]
        position += size + 1
    return contents


def head_commit(root: Path) -> str:
    """The commit the working tree is at (``git rev-parse HEAD``)."""
    try:
        return _git(root, "rev-parse", "--verify", "HEAD").decode().strip()
    except GitError as error:
        raise GitError(
            f"{root} has no commit checked out (git rev-parse HEAD failed): run sync in a "
            "checkout of the repository"
        ) from error
