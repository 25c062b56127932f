"""Issues, issue comments, labels and assignees."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from . import payloads
from .errors import ApiError
from .routing import ApiResponse, Context, Router
from .state import Issue

REPO = "/repos/{owner}/{repo}"
ISSUE = f"{REPO}/issues/{{issue_number}}"
DOCS = "https://docs.github.com/rest/issues"


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


def _issue(ctx: Context) -> Issue:
    number = ctx.params["issue_number"]
    if not number.isdigit():
        raise ApiError.not_found(ctx.docs)
    if ctx.urls.repo_api != f"{ctx.urls.api}/repos/{ctx.state.full_name}":
        # A repository an issue was transferred to (only routes that opt in get here).
        return ctx.state.issue_elsewhere(f"{ctx.urls.owner}/{ctx.urls.repo}", int(number))
    return ctx.state.issue(int(number))


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


def register(router: Router) -> None:
    @router.add("GET", f"{REPO}/issues", f"{DOCS}/issues#list-repository-issues")
    def list_issues(ctx: Context) -> ApiResponse:
        state_filter = ctx.choice("state", ("open", "closed", "all"), "open")
        sort = ctx.choice("sort", ("created", "updated", "comments"), "created")
        direction = ctx.choice("direction", ("asc", "desc"), "desc")
        since = _parse_time(ctx, "since")
        wanted = [n.strip() for n in (ctx.request.arg("labels") or "").split(",") if n.strip()]
        wanted_ids = []
        for name in wanted:
            wanted_label = ctx.state.label(name)
            if wanted_label is None:
                return ctx.paginate([])
            wanted_ids.append(wanted_label.id)
        assignee, creator = ctx.request.arg("assignee"), ctx.request.arg("creator")

        def keep(item: Issue) -> bool:
            if state_filter != "all" and item.state != state_filter:
                return False
            if since is not None and item.updated_at < since:
                return False
            if any(label_id not in item.label_ids for label_id in wanted_ids):
                return False
            if assignee == "none" and item.assignees:
                return False
            if assignee == "*" and not item.assignees:
                return False
            if assignee not in (None, "none", "*") and assignee not in item.assignees:
                return False
            return creator is None or item.author == creator

        def sort_key(item: Issue) -> tuple[Any, int]:
            if sort == "updated":
                return item.updated_at, item.number
            if sort == "comments":
                return item.comment_count, item.number
            return item.created_at, item.number

        found = sorted(filter(keep, ctx.state.issues.values()), key=sort_key)
        if direction == "desc":
            found.reverse()
        return ctx.paginate([payloads.issue(ctx.urls, ctx.state, item) for item in found])

    @router.add("POST", f"{REPO}/issues", f"{DOCS}/issues#create-an-issue")
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

    @router.add("GET", ISSUE, f"{DOCS}/issues#get-an-issue", other_repositories=True)
    def get_issue(ctx: Context) -> ApiResponse:
        return ApiResponse(200, payloads.issue(ctx.urls, ctx.state, _issue(ctx)))

    @router.add("PATCH", ISSUE, f"{DOCS}/issues#update-an-issue")
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

    # -- comments --------------------------------------------------------------------------------

    @router.add("GET", f"{ISSUE}/comments", f"{DOCS}/comments#list-issue-comments")
    def list_comments(ctx: Context) -> ApiResponse:
        item = _issue(ctx)
        since = _parse_time(ctx, "since")
        found = [
            c for c in ctx.state.comments_on(item.number) if since is None or c.updated_at >= since
        ]
        return ctx.paginate([payloads.comment(ctx.urls, ctx.state, c) for c in found])

    @router.add("POST", f"{ISSUE}/comments", f"{DOCS}/comments#create-an-issue-comment")
    def create_comment(ctx: Context) -> ApiResponse:
        item = _issue(ctx)
        created = ctx.state.add_comment(item, ctx.field("body", (str,), required=True))
        body = payloads.comment(ctx.urls, ctx.state, created)
        return ApiResponse(201, body, {"Location": body["url"]})

    def _comment(ctx: Context) -> Any:
        raw = ctx.params["comment_id"]
        found = ctx.state.comments.get(int(raw)) if raw.isdigit() else None
        if found is None:
            raise ApiError.not_found(ctx.docs)
        return found

    comment_path = f"{REPO}/issues/comments/{{comment_id}}"

    @router.add("GET", comment_path, f"{DOCS}/comments#get-an-issue-comment")
    def get_comment(ctx: Context) -> ApiResponse:
        return ApiResponse(200, payloads.comment(ctx.urls, ctx.state, _comment(ctx)))

    @router.add("PATCH", comment_path, f"{DOCS}/comments#update-an-issue-comment")
    def update_comment(ctx: Context) -> ApiResponse:
        found = _comment(ctx)
        found.body = ctx.field("body", (str,), required=True)
        found.updated_at = ctx.state.clock.now()
        return ApiResponse(200, payloads.comment(ctx.urls, ctx.state, found))

    # -- repository labels -----------------------------------------------------------------------

    @router.add("GET", f"{REPO}/labels", f"{DOCS}/labels#list-labels-for-a-repository")
    def list_labels(ctx: Context) -> ApiResponse:
        found = sorted(ctx.state.labels.values(), key=lambda lb: lb.name.casefold())
        return ctx.paginate([payloads.label(ctx.urls, lb) for lb in found])

    @router.add("POST", f"{REPO}/labels", f"{DOCS}/labels#create-a-label")
    def create_label(ctx: Context) -> ApiResponse:
        created = ctx.state.create_label(
            ctx.field("name", (str,), required=True),
            ctx.field("color", (str,)) or "ededed",
            ctx.field("description", (str,)),
        )
        body = payloads.label(ctx.urls, created)
        return ApiResponse(201, body, {"Location": body["url"]})

    def _label(ctx: Context) -> Any:
        found = ctx.state.label(ctx.params["name"])
        if found is None:
            raise ApiError.not_found(ctx.docs)
        return found

    @router.add("GET", f"{REPO}/labels/{{name}}", f"{DOCS}/labels#get-a-label")
    def get_label(ctx: Context) -> ApiResponse:
        return ApiResponse(200, payloads.label(ctx.urls, _label(ctx)))

    @router.add("PATCH", f"{REPO}/labels/{{name}}", f"{DOCS}/labels#update-a-label")
    def update_label(ctx: Context) -> ApiResponse:
        found = _label(ctx)
        new_name = ctx.field("new_name", (str,))
        if new_name is not None:
            clash = ctx.state.label(new_name)
            if clash is not None and clash is not found:
                raise ApiError.invalid(
                    "Label", "name", "already_exists", documentation_url=ctx.docs
                )
            found.name = new_name
        color = ctx.field("color", (str,))
        if color is not None:
            found.color = color.removeprefix("#").lower()
        if "description" in ctx.body():
            found.description = ctx.field("description", (str,))
        return ApiResponse(200, payloads.label(ctx.urls, found))

    @router.add("DELETE", f"{REPO}/labels/{{name}}", f"{DOCS}/labels#delete-a-label")
    def delete_label(ctx: Context) -> ApiResponse:
        found = _label(ctx)
        del ctx.state.labels[found.id]
        for item in ctx.state.issues.values():
            if found.id in item.label_ids:
                item.label_ids.remove(found.id)
        return ApiResponse(204)

    # -- labels and assignees on one issue -------------------------------------------------------

    def _issue_labels(ctx: Context, item: Issue) -> list[Any]:
        return [payloads.label(ctx.urls, lb) for lb in ctx.state.issue_labels(item)]

    @router.add("GET", f"{ISSUE}/labels", f"{DOCS}/labels#list-labels-for-an-issue")
    def list_issue_labels(ctx: Context) -> ApiResponse:
        return ctx.paginate(_issue_labels(ctx, _issue(ctx)))

    @router.add("POST", f"{ISSUE}/labels", f"{DOCS}/labels#add-labels-to-an-issue")
    def add_issue_labels(ctx: Context) -> ApiResponse:
        item = _issue(ctx)
        ctx.state.add_labels(item, _label_names(ctx, ctx.request.body))
        return ApiResponse(200, _issue_labels(ctx, item))

    @router.add("PUT", f"{ISSUE}/labels", f"{DOCS}/labels#set-labels-for-an-issue")
    def set_issue_labels(ctx: Context) -> ApiResponse:
        item = _issue(ctx)
        ctx.state.update_issue(item, labels=_label_names(ctx, ctx.request.body))
        return ApiResponse(200, _issue_labels(ctx, item))

    @router.add("DELETE", f"{ISSUE}/labels/{{name}}", f"{DOCS}/labels#remove-a-label-from-an-issue")
    def remove_issue_label(ctx: Context) -> ApiResponse:
        item = _issue(ctx)
        ctx.state.remove_label(item, ctx.params["name"])
        return ApiResponse(200, _issue_labels(ctx, item))

    @router.add("POST", f"{ISSUE}/assignees", f"{DOCS}/assignees#add-assignees-to-an-issue")
    def add_assignees(ctx: Context) -> ApiResponse:
        item = _issue(ctx)
        ctx.state.add_assignees(item, ctx.string_list("assignees") or [])
        return ApiResponse(201, payloads.issue(ctx.urls, ctx.state, item))

    @router.add("DELETE", f"{ISSUE}/assignees", f"{DOCS}/assignees#remove-assignees-from-an-issue")
    def remove_assignees(ctx: Context) -> ApiResponse:
        item = _issue(ctx)
        gone = set(ctx.string_list("assignees") or [])
        item.assignees = [login for login in item.assignees if login not in gone]
        item.updated_at = ctx.state.clock.now()
        return ApiResponse(200, payloads.issue(ctx.urls, ctx.state, item))
