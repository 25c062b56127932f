"""A GitHub-compatible REST server for tests, on loopback, with faults and request accounting."""

from .errors import ApiError
from .faults import MUTATING, FaultKind, FaultPlan, FaultRule
from .ledger import Exchange, RequestLog
from .server import FakeGitHub
from .state import Comment, Issue, Label, PullRequest, RepoState, User

__all__ = [
    "MUTATING",
    "ApiError",
    "Comment",
    "Exchange",
    "FakeGitHub",
    "FaultKind",
    "FaultPlan",
    "FaultRule",
    "Issue",
    "Label",
    "PullRequest",
    "RepoState",
    "RequestLog",
    "User",
]
