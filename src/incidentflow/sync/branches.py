"""The only branches the sync writes: its bot branch and its lock branch.

The sync force-moves its bot branch (``sync.branch``) to the default branch and deletes its
lock branch (``<sync.branch>-lock``) when it is done. Aimed at any other branch by the config,
that would rewrite or delete someone's work, so a branch is the sync's only when

- its name starts with ``incidentflow/`` and it is not the default branch (the config can
  name nothing else; checked before any request), and
- if it exists already: it is not protected, and every commit it has that the default branch
  lacks was written by the sync's account (a branch at, or behind, the default branch loses
  nothing when moved; one with somebody else's commits on top is not the sync's to move).

GitHub reports branch protection but lets tokens with bypass rights through, so the sync
refuses on its own rather than rely on the refusal of a protected branch. The one write to
another branch is the config's explicit ``sync.write_back: commit``, which adds commits to
the default branch through the contents API and never moves or deletes it.
"""

from __future__ import annotations

from incidentflow.forge.interface import IssueTracker
from incidentflow.sync.ownership import same_account

BRANCH_PREFIX = "incidentflow/"
LOCK_SUFFIX = "-lock"


class BranchRefused(Exception):
    """The configured branch is not the sync's own; nothing was written."""


def lock_branch(branch: str) -> str:
    return f"{branch}{LOCK_SUFFIX}"


def check_branch_name(branch: str, default: str | None = None) -> None:
    """The config's ``sync.branch`` names a branch of the sync's own, or ``BranchRefused``."""
    if not branch.startswith(BRANCH_PREFIX) or branch == BRANCH_PREFIX:
        raise BranchRefused(
            f"sync.branch is '{branch}': the sync force-moves its branch and deletes "
            f"'{lock_branch(branch)}', so it writes only to branches under '{BRANCH_PREFIX}'; "
            f"set sync.branch in incidentflow.yaml to a new name such as '{BRANCH_PREFIX}sync'"
        )
    if default is not None and default in (branch, lock_branch(branch)):
        raise BranchRefused(
            f"sync.branch '{branch}' is (or locks on) the default branch {default}: set "
            "sync.branch in incidentflow.yaml to a branch of the sync's own"
        )


def check_own_branch(tracker: IssueTracker, branch: str, *, account: str, default: str) -> None:
    """An existing ``branch`` is the sync's to move and delete, or ``BranchRefused``."""
    found = tracker.get_branch(branch)
    if found is None:
        return  # the sync creates it
    if found.protected:
        raise BranchRefused(
            f"branch {branch} is protected, and the sync moves and deletes its branches: set "
            "sync.branch in incidentflow.yaml to a new name, or lift the protection of "
            f"{branch} if it really is the sync's"
        )
    authors = tracker.authors_ahead(default, branch)
    others = sorted(
        {author or "an unknown author" for author in authors if not same_account(author, account)}
    )
    if others:
        raise BranchRefused(
            f"branch {branch} has commits by {', '.join(others)} that {default} does not "
            f"have; the sync would overwrite them, so it leaves the branch alone. Merge or "
            f"close its pull request and delete {branch}, or set sync.branch in "
            "incidentflow.yaml to a new name"
        )
