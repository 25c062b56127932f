"""The repository itself, the authenticated user and the rate-limit report."""

from __future__ import annotations

from . import payloads
from .errors import ApiError
from .rate_window import RateWindow
from .routing import ApiResponse, Context, Router


def register(router: Router, rate: RateWindow) -> None:
    @router.add(
        "GET", "/repos/{owner}/{repo}", "https://docs.github.com/rest/repos/repos#get-a-repository"
    )
    def get_repo(ctx: Context) -> ApiResponse:
        return ApiResponse(200, payloads.repository(ctx.urls, ctx.state, full=True))

    @router.add(
        "GET", "/user", "https://docs.github.com/rest/users/users#get-the-authenticated-user"
    )
    def get_user(ctx: Context) -> ApiResponse:
        return ApiResponse(200, payloads.private_user(ctx.urls, ctx.state.bot))

    @router.add("GET", "/users/{username}", "https://docs.github.com/rest/users/users#get-a-user")
    def get_named_user(ctx: Context) -> ApiResponse:
        user = ctx.state.users.get(ctx.params["username"])
        if user is None:
            raise ApiError.not_found(ctx.docs)
        return ApiResponse(200, payloads.public_user(ctx.urls, user))

    @router.add("GET", "/rate_limit", "https://docs.github.com/rest/rate-limit/rate-limit")
    def get_rate_limit(ctx: Context) -> ApiResponse:
        # GitHub does not charge this endpoint against the core budget.
        used, reset = rate.snapshot()
        return ApiResponse(200, payloads.rate_limit(rate.limit, used, reset))
