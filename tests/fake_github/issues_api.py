"""Issues, issue comments, labels and assignees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from . import payloads
from .errors import ApiError
from .routing import ApiResponse, Context, Router
from .state import Comment, Issue, Label

REPO = "/repos/{owner}/{repo}"
ISSUE = f"{REPO}/issues/{{issue_number}}"
COMMENT = f"{REPO}/issues/comments/{{comment_id}}"
LABEL = f"{REPO}/labels/{{name}}"
DOCS = "https://docs.github.com/rest/issues"


def register(router: Router) -> None:
    """Bind each route to its handler and to the GitHub page its errors cite."""
    issues, comments = f"{DOCS}/issues", f"{DOCS}/comments"
    labels, assignees = f"{DOCS}/labels", f"{DOCS}/assignees"

    router.add("GET", f"{REPO}/issues", list_issues, f"{issues}#list-repository-issues")
    router.add("POST", f"{REPO}/issues", create_issue, f"{issues}#create-an-issue")
    router.add("GET", ISSUE, get_issue, f"{issues}#get-an-issue", other_repositories=True)
    router.add("PATCH", ISSUE, update_issue, f"{issues}#update-an-issue")

    router.add("GET", f"{ISSUE}/comments", list_comments, f"{comments}#list-issue-comments")
    router.add("POST", f"{ISSUE}/comments", create_comment, f"{comments}#create-an-issue-comment")
    router.add("GET", COMMENT, get_comment, f"{comments}#get-an-issue-comment")
    router.add("PATCH", COMMENT, update_comment, f"{comments}#update-an-issue-comment")

    router.add("GET", f"{REPO}/labels", list_labels, f"{labels}#list-labels-for-a-repository")
    router.add("POST", f"{REPO}/labels", create_label, f"{labels}#create-a-label")
    router.add("GET", LABEL, get_label, f"{labels}#get-a-label")
    router.add("PATCH", LABEL, update_label, f"{labels}#update-a-label")
    router.add("DELETE", LABEL, delete_label, f"{labels}#delete-a-label")

    router.add("GET", f"{ISSUE}/labels", list_issue_labels, f"{labels}#list-labels-for-an-issue")
    router.add("POST", f"{ISSUE}/labels", add_issue_labels, f"{labels}#add-labels-to-an-issue")
    router.add("PUT", f"{ISSUE}/labels", set_issue_labels, f"{labels}#set-labels-for-an-issue")
    router.add(
        "DELETE",
        f"{ISSUE}/labels/{{name}}",
        remove_issue_label,
        f"{labels}#remove-a-label-from-an-issue",
    )
    router.add(
        "POST", f"{ISSUE}/assignees", add_assignees, f"{assignees}#add-assignees-to-an-issue"
    )
    router.add(
        "DELETE",
        f"{ISSUE}/assignees",
        remove_assignees,
        f"{assignees}#remove-assignees-from-an-issue",
    )


# -- issues ----------------------------------------------------------------------------------------


def list_issues(ctx: Context) -> ApiResponse:
    query = _IssueQuery.read(ctx)
    if query is None:
        return ctx.paginate([])
    found = sorted(filter(query.keeps, ctx.state.issues.values()), key=query.sort_key)
    if query.direction == "desc":
        found.reverse()
    return ctx.paginate([payloads.issue(ctx.urls, ctx.state, item) for item in found])


def create_issue(ctx: Context) -> ApiResponse:
    title = ctx.field("title", (str, int), required=True)
    if ctx.field("milestone", (str, int)) is not None:
        raise ApiError.invalid("Issue", "milestone", documentation_url=ctx.docs)
    raw_labels = ctx.body().get("labels")
    created = ctx.state.create_issue(
        str(title),
        ctx.field("body", (str,)),
        labels=_label_names(ctx, raw_labels) if raw_labels is not None else (),
        assignees=_assignees(ctx) or (),
    )
    body = payloads.issue(ctx.urls, ctx.state, created)
    return ApiResponse(201, body, {"Location": body["url"]})


def get_issue(ctx: Context) -> ApiResponse:
    return ApiResponse(200, payloads.issue(ctx.urls, ctx.state, _issue(ctx)))


def update_issue(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    title = ctx.field("title", (str, int))
    raw_labels = ctx.body().get("labels")
    if ctx.field("milestone", (str, int)) is not None:
        raise ApiError.invalid("Issue", "milestone", documentation_url=ctx.docs)
    ctx.state.update_issue(
        item,
        title=None if title is None else str(title),
        body=ctx.field("body", (str,)),
        state=ctx.field("state", (str,)),
        state_reason=ctx.field("state_reason", (str,)),
        labels=None if raw_labels is None else _label_names(ctx, raw_labels),
        assignees=_assignees(ctx),
    )
    return ApiResponse(200, payloads.issue(ctx.urls, ctx.state, item))


# -- comments --------------------------------------------------------------------------------------


def list_comments(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    since = _parse_time(ctx, "since")
    found = [
        c for c in ctx.state.comments_on(item.number) if since is None or c.updated_at >= since
    ]
    return ctx.paginate([payloads.comment(ctx.urls, ctx.state, c) for c in found])


def create_comment(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    created = ctx.state.add_comment(item, ctx.field("body", (str,), required=True))
    body = payloads.comment(ctx.urls, ctx.state, created)
    return ApiResponse(201, body, {"Location": body["url"]})


def get_comment(ctx: Context) -> ApiResponse:
    return ApiResponse(200, payloads.comment(ctx.urls, ctx.state, _comment(ctx)))


def update_comment(ctx: Context) -> ApiResponse:
    found = _comment(ctx)
    found.body = ctx.field("body", (str,), required=True)
    found.updated_at = ctx.state.clock.now()
    return ApiResponse(200, payloads.comment(ctx.urls, ctx.state, found))


# -- repository labels -----------------------------------------------------------------------------


def list_labels(ctx: Context) -> ApiResponse:
    found = sorted(ctx.state.labels.values(), key=lambda lb: lb.name.casefold())
    return ctx.paginate([payloads.label(ctx.urls, lb) for lb in found])


def create_label(ctx: Context) -> ApiResponse:
    created = ctx.state.create_label(
        ctx.field("name", (str,), required=True),
        ctx.field("color", (str,)) or "ededed",
        ctx.field("description", (str,)),
    )
    body = payloads.label(ctx.urls, created)
    return ApiResponse(201, body, {"Location": body["url"]})


def get_label(ctx: Context) -> ApiResponse:
    return ApiResponse(200, payloads.label(ctx.urls, _label(ctx)))


def update_label(ctx: Context) -> ApiResponse:
    found = _label(ctx)
    new_name = ctx.field("new_name", (str,))
    if new_name is not None:
        clash = ctx.state.label(new_name)
        if clash is not None and clash is not found:
            raise ApiError.invalid("Label", "name", "already_exists", documentation_url=ctx.docs)
        found.name = new_name
    color = ctx.field("color", (str,))
    if color is not None:
        found.color = color.removeprefix("#").lower()
    if "description" in ctx.body():
        found.description = ctx.field("description", (str,))
    return ApiResponse(200, payloads.label(ctx.urls, found))


def delete_label(ctx: Context) -> ApiResponse:
    found = _label(ctx)
    del ctx.state.labels[found.id]
    for item in ctx.state.issues.values():
        if found.id in item.label_ids:
            item.label_ids.remove(found.id)
    return ApiResponse(204)


# -- labels and assignees on one issue -------------------------------------------------------------


def list_issue_labels(ctx: Context) -> ApiResponse:
    return ctx.paginate(_issue_labels(ctx, _issue(ctx)))


def add_issue_labels(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    ctx.state.add_labels(item, _label_names(ctx, ctx.request.body))
    return ApiResponse(200, _issue_labels(ctx, item))


def set_issue_labels(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    ctx.state.update_issue(item, labels=_label_names(ctx, ctx.request.body))
    return ApiResponse(200, _issue_labels(ctx, item))


def remove_issue_label(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    ctx.state.remove_label(item, ctx.params["name"])
    return ApiResponse(200, _issue_labels(ctx, item))


def add_assignees(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    ctx.state.add_assignees(item, ctx.string_list("assignees") or [])
    return ApiResponse(201, payloads.issue(ctx.urls, ctx.state, item))


def remove_assignees(ctx: Context) -> ApiResponse:
    item = _issue(ctx)
    gone = set(ctx.string_list("assignees") or [])
    item.assignees = [login for login in item.assignees if login not in gone]
    item.updated_at = ctx.state.clock.now()
    return ApiResponse(200, payloads.issue(ctx.urls, ctx.state, item))


# -- reading the request ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _IssueQuery:
    """Which issues `GET /issues` lists, and in what order."""

    state: str
    sort: str
    direction: str
    since: datetime | None
    label_ids: tuple[int, ...]
    assignee: str | None
    creator: str | None

    @classmethod
    def read(cls, ctx: Context) -> _IssueQuery | None:
        """The query string's filters; None when a wanted label does not exist (nothing matches)."""
        state = ctx.choice("state", ("open", "closed", "all"), "open")
        sort = ctx.choice("sort", ("created", "updated", "comments"), "created")
        direction = ctx.choice("direction", ("asc", "desc"), "desc")
        since = _parse_time(ctx, "since")
        wanted = [n.strip() for n in (ctx.request.arg("labels") or "").split(",") if n.strip()]
        label_ids = []
        for name in wanted:
            wanted_label = ctx.state.label(name)
            if wanted_label is None:
                return None
            label_ids.append(wanted_label.id)
        assignee, creator = ctx.request.arg("assignee"), ctx.request.arg("creator")
        return cls(state, sort, direction, since, tuple(label_ids), assignee, creator)

    def keeps(self, item: Issue) -> bool:
        if self.state != "all" and item.state != self.state:
            return False
        if self.since is not None and item.updated_at < self.since:
            return False
        if any(label_id not in item.label_ids for label_id in self.label_ids):
            return False
        if self.assignee == "none" and item.assignees:
            return False
        if self.assignee == "*" and not item.assignees:
            return False
        if self.assignee not in (None, "none", "*") and self.assignee not in item.assignees:
            return False
        return self.creator is None or item.author == self.creator

    def sort_key(self, item: Issue) -> tuple[Any, int]:
        if self.sort == "updated":
            return item.updated_at, item.number
        if self.sort == "comments":
            return item.comment_count, item.number
        return item.created_at, item.number


def _parse_time(ctx: Context, name: str) -> datetime | None:
    raw = ctx.request.arg(name)
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as error:
        raise ApiError.invalid("Issue", name, documentation_url=ctx.docs, value=raw) from error
    # GitHub reads a timestamp without an offset as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _label_names(ctx: Context, raw: Any) -> list[str]:
    """Labels arrive as names, as `{"name": ...}` objects, or wrapped in `{"labels": [...]}`."""
    if isinstance(raw, dict):
        raw = raw.get("labels", [])
    if not isinstance(raw, list):
        raise ApiError.bad_request('No subschema in "anyOf" matched.', documentation_url=ctx.docs)
    names = []
    for item in raw:
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str):
            raise ApiError.invalid("Label", "name", documentation_url=ctx.docs)
        names.append(name)
    return names


def _assignees(ctx: Context) -> list[str] | None:
    assignees = ctx.string_list("assignees")
    single = ctx.field("assignee", (str,))
    if single is not None:
        assignees = [single, *(assignees or [])]
    return assignees


# -- finding what the path names -------------------------------------------------------------------


def _issue(ctx: Context) -> Issue:
    number = ctx.params["issue_number"]
    if not number.isdigit():
        raise ApiError.not_found(ctx.docs)
    if ctx.urls.repo_api != f"{ctx.urls.api}/repos/{ctx.state.full_name}":
        # A repository an issue was transferred to (only routes that opt in get here).
        return ctx.state.issue_elsewhere(f"{ctx.urls.owner}/{ctx.urls.repo}", int(number))
    return ctx.state.issue(int(number))


def _comment(ctx: Context) -> Comment:
    raw = ctx.params["comment_id"]
    found = ctx.state.comments.get(int(raw)) if raw.isdigit() else None
    if found is None:
        raise ApiError.not_found(ctx.docs)
    return found


def _label(ctx: Context) -> Label:
    found = ctx.state.label(ctx.params["name"])
    if found is None:
        raise ApiError.not_found(ctx.docs)
    return found


def _issue_labels(ctx: Context, item: Issue) -> list[Any]:
    return [payloads.label(ctx.urls, lb) for lb in ctx.state.issue_labels(item)]
