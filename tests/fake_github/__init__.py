"""A GitHub-compatible REST server for tests, on loopback, with faults and request accounting.

Where things live:

- `server`: `FakeGitHub`, the HTTP layer: start/stop, authentication, headers, API versions,
  fault injection and the request log. It routes each request to a handler under the state lock.
- `routing`: `ApiRequest`, `ApiResponse`, the `Context` a handler receives (body fields, query
  choices, pagination) and the `Router` that matches a method and path to a handler.
- The API, one module per area, each with a `register()` table binding routes to module-level
  handlers (`handler(ctx) -> ApiResponse`):
  - `meta_api`: the repository, the authenticated user, other users, `/rate_limit`;
  - `issues_api`: issues, issue comments, repository labels, an issue's labels and assignees;
  - `pulls_api`: pull requests: list, open, read, edit, merge;
  - `git_api`: contents (read, commit, delete files), branches, comparisons, git references.
- `state`: `RepoState`, the repository being served (users, labels, issues, pull requests,
  comments); every change goes through it, from an HTTP handler or from a test seeding data.
- `git_store`: the in-memory git objects behind contents, refs and merges.
- `payloads`: the JSON shape of each GitHub resource, rendered from state records.
- `errors`: `ApiError`, every error status GitHub would answer, with its JSON body.
- `faults`: `FaultPlan`, switchable failures (5xx, rate limits, lost writes, slow answers).
- `rate_window`: the primary rate-limit budget reported in `x-ratelimit-*` headers.
- `ledger`: `RequestLog`, every exchange in arrival order, for request-count assertions.
- `openapi`: checks recorded responses against GitHub's published REST description.
- `fixtures`: pytest fixtures: a server per test, a factory for custom ones, its Actions env.
"""

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
