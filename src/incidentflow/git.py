"""Every git subprocess call in one place: what changed, and file contents at a revision."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from incidentflow.errors import SaidError
from incidentflow.words import errors as say


class GitError(SaidError):
    """git failed; the message says what we asked and what git answered (in the reader's
    language, ``errors.said``)."""


# Git file modes the gate tells apart: only regular files can be incident files.
REGULAR_FILE_MODES = frozenset({"100644", "100755"})
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
_ABSENT = "0" * 40


@dataclass(frozen=True, slots=True)
class Change:
    """One changed path between two revisions; ``kind`` is git's letter (A, M, D, R, C, T).

    ``old_blob``/``new_blob`` are the object names on each side (None where the side has no
    file) and ``old_mode``/``new_mode`` git's file modes, so contents are read by object name
    and never by a path that could be misread.
    """

    kind: str
    path: str
    old_path: str | None = None
    old_blob: str | None = None
    new_blob: str | None = None
    old_mode: str = ""
    new_mode: str = ""


@dataclass(frozen=True, slots=True)
class TreeEntry:
    path: str
    mode: str
    blob: str


def _git(root: Path, *args: str, input_bytes: bytes | None = None) -> bytes:
    try:
        completed = subprocess.run(
            # Paths we pass are literal: a configured folder can never act as pathspec magic
            # (":(exclude)…", globs) and widen or narrow what the gate looks at.
            ["git", "--literal-pathspecs", "-C", str(root), *args],
            input=input_bytes,
            capture_output=True,
            check=False,
            timeout=300,
        )
    except FileNotFoundError as error:
        raise GitError(say.GIT_MISSING) from error
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        answer = message[-1] if message else say.GIT_FAILED_SILENTLY
        raise GitError(say.GIT_FAILED, command=" ".join(args), answer=answer)
    return completed.stdout


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def toplevel(directory: Path) -> Path:
    return Path(_git(directory, "rev-parse", "--show-toplevel").decode().strip())


def resolve(root: Path, revision: str) -> str:
    """The commit SHA a revision names; a clear error when it does not exist."""
    try:
        out = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        return out.decode().strip()
    except GitError as error:
        raise GitError(say.NOT_A_COMMIT, revision=revision) from error


def merge_base(root: Path, base: str, head: str) -> str:
    try:
        return _git(root, "merge-base", base, head).decode().strip()
    except GitError as error:
        raise GitError(say.NO_COMMON_HISTORY, base=base[:12], head=head[:12]) from error


def changes(root: Path, base: str, head: str, pathspecs: list[str]) -> list[Change]:
    """Changed paths from ``base`` to ``head``, with renames detected (so they can be refused).

    Read with ``--raw -z``: every field is NUL-terminated, so a path holding a newline, a tab
    or a quote is one path, and the object names come with it.
    """
    raw = _git(
        root,
        "diff",
        "--raw",
        "-z",
        "-M",
        "--no-abbrev",
        "--no-ext-diff",
        "--no-textconv",
        base,
        head,
        "--",
        *pathspecs,
    )
    fields = raw.split(b"\0")
    result: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        # ":<old mode> <new mode> <old sha> <new sha> <letter><score>"
        old_mode, new_mode, old_sha, new_sha, status = _decode(fields[index]).lstrip(":").split()
        letter = status[0]
        old_blob = None if old_sha == _ABSENT else old_sha
        new_blob = None if new_sha == _ABSENT else new_sha
        if letter in ("R", "C"):
            old_path, path = _decode(fields[index + 1]), _decode(fields[index + 2])
            index += 3
        else:
            old_path, path = None, _decode(fields[index + 1])
            index += 2
        result.append(Change(letter, path, old_path, old_blob, new_blob, old_mode, new_mode))
    return result


def tree_entries(root: Path, revision: str, paths: list[str]) -> list[TreeEntry]:
    """Every file at or under ``paths`` at ``revision`` with its mode and object name."""
    raw = _git(root, "ls-tree", "-r", "-z", "--full-tree", revision, "--", *paths)
    entries: list[TreeEntry] = []
    for record in raw.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _kind, blob = _decode(meta).split()
        entries.append(TreeEntry(_decode(name), mode, blob))
    return entries


def list_files(root: Path, revision: str, folder: str) -> list[str]:
    return [entry.path for entry in tree_entries(root, revision, [folder])]


def read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """Contents of many objects with a single ``git cat-file --batch``.

    Requests are object names (hex), one per line, so no path ever enters the request
    stream; each answer is matched to its request by the object name git echoes back.
    """
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    if any(not _is_object_name(blob) for blob in wanted):
        raise GitError(say.NOT_AN_OBJECT_NAME)
    out = _git(root, "cat-file", "--batch", input_bytes="".join(f"{b}\n" for b in wanted).encode())
    contents: dict[str, bytes] = {}
    position = 0
    for blob in wanted:
        newline = out.index(b"\n", position)
        header = out[position:newline].decode("ascii", "replace").split()
        position = newline + 1
        if len(header) != 3 or header[0] != blob:
            raise GitError(say.CAT_FILE_ANSWER, header=" ".join(header), blob=blob)
        size = int(header[2])
        contents[blob] = out[position : position + size]
        position += size + 1
    return contents


def read_files(root: Path, revision: str, paths: list[str]) -> dict[str, bytes | None]:
    """Contents of files at one revision (None where there is no regular file at the path)."""
    if not paths:
        return {}
    found = {
        entry.path: entry.blob
        for entry in tree_entries(root, revision, paths)
        if entry.mode in REGULAR_FILE_MODES
    }
    blobs = read_blobs(root, list(found.values()))
    return {path: blobs[found[path]] if path in found else None for path in paths}


def path_history(root: Path, path: str) -> list[tuple[str, str]]:
    """(commit, committer time in ISO 8601) of each commit on HEAD's first-parent line that
    changed ``path``, oldest first: on a branch that takes pull requests, the merges."""
    out = _git(root, "log", "--first-parent", "--reverse", "--format=%H %cI", "--", path)
    history: list[tuple[str, str]] = []
    for line in _decode(out).splitlines():
        commit, _, when = line.partition(" ")
        if _is_object_name(commit) and when:
            history.append((commit, when))
    return history


def _is_object_name(value: str) -> bool:
    return len(value) in (40, 64) and all(c in "0123456789abcdef" for c in value)


def head_commit(root: Path) -> str:
    """The commit the working tree is at (``git rev-parse HEAD``)."""
    try:
        return _git(root, "rev-parse", "--verify", "HEAD").decode().strip()
    except GitError as error:
        raise GitError(say.NO_HEAD, root=root) from error


def current_branch(root: Path) -> str | None:
    """The branch HEAD is on (also before its first commit); None when detached or no repo."""
    try:
        name = _decode(_git(root, "symbolic-ref", "--quiet", "--short", "HEAD")).strip()
    except GitError:
        return None
    return name or None
