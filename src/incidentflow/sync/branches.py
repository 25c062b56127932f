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

from incidentflow.errors import SaidError
from incidentflow.forge.interface import IssueTracker
from incidentflow.sync.ownership import same_account
from incidentflow.words.phrase import Both
from incidentflow.words.sync import ERRORS

BRANCH_PREFIX = "incidentflow/"
LOCK_SUFFIX = "-lock"


class BranchRefused(SaidError):
    """The configured branch is not the sync's own; nothing was written."""


def lock_branch(branch: str) -> str:
    return f"{branch}{LOCK_SUFFIX}"


def check_branch_name(branch: str, default: str | None = None) -> None:
    """The config's ``sync.branch`` names a branch of the sync's own, or ``BranchRefused``."""
    if not branch.startswith(BRANCH_PREFIX) or branch == BRANCH_PREFIX:
        raise BranchRefused(
            ERRORS["branch_prefix"], branch=branch, lock=lock_branch(branch), prefix=BRANCH_PREFIX
        )
    if default is not None and default in (branch, lock_branch(branch)):
        raise BranchRefused(ERRORS["branch_default"], branch=branch, default=default)


def check_own_branch(tracker: IssueTracker, branch: str, *, account: str, default: str) -> None:
    """An existing ``branch`` is the sync's to move and delete, or ``BranchRefused``."""
    found = tracker.get_branch(branch)
    if found is None:
        return  # the sync creates it
    if found.protected:
        raise BranchRefused(ERRORS["branch_protected"], branch=branch)
    authors = tracker.authors_ahead(default, branch)
    others = sorted({author for author in authors if not same_account(author, account)})
    if others:
        unknown = ERRORS["unknown_author"]
        names = Both(
            ", ".join(author or unknown.en for author in others),
            "、".join(author or unknown.ja for author in others),
        )
        raise BranchRefused(ERRORS["branch_others"], branch=branch, authors=names, default=default)
