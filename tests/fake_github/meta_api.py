"""The repository itself, the authenticated user and the rate-limit report."""

from __future__ import annotations

from functools import partial

from . import payloads
from .errors import ApiError
from .rate_window import RateWindow
from .routing import ApiResponse, Context, Router

REPOS_DOCS = "https://docs.github.com/rest/repos/repos"
USERS_DOCS = "https://docs.github.com/rest/users/users"
RATE_LIMIT_DOCS = "https://docs.github.com/rest/rate-limit/rate-limit"


def register(router: Router, rate: RateWindow) -> None:
    """Bind each route to its handler and to the GitHub page its errors cite."""
    router.add("GET", "/repos/{owner}/{repo}", get_repo, f"{REPOS_DOCS}#get-a-repository")
    router.add("GET", "/user", get_user, f"{USERS_DOCS}#get-the-authenticated-user")
    router.add("GET", "/users/{username}", get_named_user, f"{USERS_DOCS}#get-a-user")
    router.add("GET", "/rate_limit", partial(get_rate_limit, rate), RATE_LIMIT_DOCS)


def get_repo(ctx: Context) -> ApiResponse:
    return ApiResponse(200, payloads.repository(ctx.urls, ctx.state, full=True))


def get_user(ctx: Context) -> ApiResponse:
    return ApiResponse(200, payloads.private_user(ctx.urls, ctx.state.bot))


def get_named_user(ctx: Context) -> ApiResponse:
    user = ctx.state.users.get(ctx.params["username"])
    if user is None:
        raise ApiError.not_found(ctx.docs)
    return ApiResponse(200, payloads.public_user(ctx.urls, user))


def get_rate_limit(rate: RateWindow, ctx: Context) -> ApiResponse:
    # GitHub does not charge this endpoint against the core budget.
    used, reset = rate.snapshot()
    return ApiResponse(200, payloads.rate_limit(rate.limit, used, reset))
