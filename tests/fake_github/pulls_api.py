"""Pull requests: list, open, read, edit and merge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import payloads
from .errors import ApiError
from .routing import ApiResponse, Context, Router
from .state import Issue

REPO = "/repos/{owner}/{repo}"
PULL = f"{REPO}/pulls/{{pull_number}}"
DOCS = "https://docs.github.com/rest/pulls/pulls"


def register(router: Router) -> None:
    """Bind each route to its handler and to the GitHub page its errors cite."""
    router.add("GET", f"{REPO}/pulls", list_pulls, f"{DOCS}#list-pull-requests")
    router.add("POST", f"{REPO}/pulls", create_pull, f"{DOCS}#create-a-pull-request")
    router.add("GET", PULL, get_pull, f"{DOCS}#get-a-pull-request")
    router.add("PATCH", PULL, update_pull, f"{DOCS}#update-a-pull-request")
    router.add(
        "GET", f"{PULL}/merge", check_merged, f"{DOCS}#check-if-a-pull-request-has-been-merged"
    )
    router.add("PUT", f"{PULL}/merge", merge_pull, f"{DOCS}#merge-a-pull-request")


def list_pulls(ctx: Context) -> ApiResponse:
    query = _PullQuery.read(ctx)
    found = sorted(filter(query.keeps, ctx.state.pulls), key=query.sort_key)
    if query.direction == "desc":
        found.reverse()
    rendered = [payloads.pull_request(ctx.urls, ctx.state, p, full=False) for p in found]
    return ctx.paginate(rendered)


def create_pull(ctx: Context) -> ApiResponse:
    title = ctx.field("title", (str,), required=True)
    head = ctx.field("head", (str,), required=True)
    base = ctx.field("base", (str,), required=True)
    head_branch = _head_branch(ctx, head)
    if head_branch is None:
        raise ApiError.invalid("PullRequest", "head", documentation_url=ctx.docs)
    created = ctx.state.open_pull(
        head_branch,
        base,
        title,
        ctx.field("body", (str,)),
        draft=ctx.field("draft", (bool,)) or False,
        maintainer_can_modify=ctx.field("maintainer_can_modify", (bool,)) or False,
    )
    body = payloads.pull_request(ctx.urls, ctx.state, created, full=True)
    return ApiResponse(201, body, {"Location": body["url"]})


def get_pull(ctx: Context) -> ApiResponse:
    return ApiResponse(200, payloads.pull_request(ctx.urls, ctx.state, _pull(ctx), full=True))


def update_pull(ctx: Context) -> ApiResponse:
    item = _pull(ctx)
    pull = ctx.state.refresh_pull(item)
    new_state = ctx.field("state", (str,))
    reopening = new_state == "open" and item.state == "closed"
    if reopening and (pull.merged_at is not None or pull.head not in ctx.state.git.branches):
        raise ApiError.custom("PullRequest", "state cannot be changed.", documentation_url=ctx.docs)
    base = ctx.field("base", (str,))
    if base is not None:
        if base not in ctx.state.git.branches:
            raise ApiError.invalid("PullRequest", "base", documentation_url=ctx.docs)
        pull.base = base
    modify = ctx.field("maintainer_can_modify", (bool,))
    if modify is not None:
        pull.maintainer_can_modify = modify
    title = ctx.field("title", (str,))
    ctx.state.update_issue(item, title=title, body=ctx.field("body", (str,)), state=new_state)
    item.state_reason = None
    return ApiResponse(200, payloads.pull_request(ctx.urls, ctx.state, item, full=True))


def check_merged(ctx: Context) -> ApiResponse:
    pull = _pull(ctx).pull
    assert pull is not None
    if pull.merged_at is None:
        raise ApiError.not_found(ctx.docs)
    return ApiResponse(204)


def merge_pull(ctx: Context) -> ApiResponse:
    item = _pull(ctx)
    pull = ctx.state.refresh_pull(item)
    expected = ctx.field("sha", (str,))
    if expected is not None and expected != pull.head_sha:
        raise ApiError(
            409,
            "Head branch was modified. Review and try the merge again.",
            documentation_url=ctx.docs,
        )
    title = ctx.field("commit_title", (str,))
    sha = ctx.state.merge_pull(item.number, message=title)
    return ApiResponse(
        200, {"sha": sha, "merged": True, "message": "Pull Request successfully merged"}
    )


# -- reading the request ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _PullQuery:
    """Which pull requests `GET /pulls` lists, and in what order."""

    state: str
    sort: str
    direction: str
    head: str | None
    head_branch: str | None  # None for another owner's fork, which never exists here
    base: str | None

    @classmethod
    def read(cls, ctx: Context) -> _PullQuery:
        state = ctx.choice("state", ("open", "closed", "all"), "open")
        sort = ctx.choice("sort", ("created", "updated", "popularity", "long-running"), "created")
        direction = ctx.choice("direction", ("asc", "desc"), "desc")
        head = ctx.request.arg("head")
        head_branch = _head_branch(ctx, head) if head else None
        return cls(state, sort, direction, head, head_branch, ctx.request.arg("base"))

    def keeps(self, item: Issue) -> bool:
        pull = item.pull
        assert pull is not None
        if self.state != "all" and item.state != self.state:
            return False
        if self.head is not None and pull.head != self.head_branch:
            return False
        return self.base is None or pull.base == self.base

    def sort_key(self, item: Issue) -> tuple[Any, int]:
        if self.sort == "updated":
            return item.updated_at, item.number
        if self.sort == "popularity":
            return item.comment_count, item.number
        return item.created_at, item.number


def _head_branch(ctx: Context, head: str) -> str | None:
    """`head` is `branch` or `owner:branch`; another owner's fork never exists here."""
    owner, sep, branch = head.rpartition(":")
    if sep and owner.casefold() != ctx.state.owner.casefold():
        return None
    return branch


def _pull(ctx: Context) -> Issue:
    number = ctx.params["pull_number"]
    if not number.isdigit():
        raise ApiError.not_found(ctx.docs)
    return ctx.state.pull(int(number))
