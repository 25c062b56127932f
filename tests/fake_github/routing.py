"""Route table, request/response values and the shared request helpers (bodies, pagination)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from .errors import DOCS, ApiError
from .payloads import Urls
from .state import RepoState

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 30


@dataclass
class ApiRequest:
    method: str
    path: str  # percent-decoded, relative to the API root
    query: list[tuple[str, str]]
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def arg(self, name: str, default: str | None = None) -> str | None:
        return next((value for key, value in self.query if key == name), default)


@dataclass
class ApiResponse:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Context:
    """Everything a route handler sees."""

    state: RepoState
    urls: Urls
    request: ApiRequest
    params: dict[str, str]
    docs: str

    # -- request body ----------------------------------------------------------------------------

    def body(self) -> dict[str, Any]:
        body = self.request.body
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise ApiError.bad_request(
                f"For 'links/0/schema', {json.dumps(body)[:60]} is not an object.",
                documentation_url=self.docs,
            )
        return body

    def field(self, name: str, kinds: tuple[type, ...], *, required: bool = False) -> Any:
        body = self.body()
        if name not in body or (body[name] is None and not required):
            if required:
                raise ApiError.bad_request(
                    f'"{name}" wasn\'t supplied.', documentation_url=self.docs
                )
            return None
        value = body[name]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            expected = " or ".join(_JSON_TYPE_NAMES[k] for k in kinds)
            raise ApiError.bad_request(
                f"For 'properties/{name}', {json.dumps(value)} is not {expected}.",
                documentation_url=self.docs,
            )
        return value

    def string_list(self, name: str) -> list[str] | None:
        values = self.field(name, (list,))
        if values is None:
            return None
        if not all(isinstance(v, str) for v in values):
            raise ApiError.bad_request(
                f"For 'items', {json.dumps(values)} is not a string.", documentation_url=self.docs
            )
        return [str(v) for v in values]

    # -- query -----------------------------------------------------------------------------------

    def choice(self, name: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.request.arg(name, default) or default
        if value not in allowed:
            raise ApiError.invalid("Issue", name, documentation_url=self.docs, value=value)
        return value

    def paginate(self, items: list[Any]) -> ApiResponse:
        """Slice `items` by `page`/`per_page` and add GitHub's `Link` header."""
        per_page = _positive_int(self.request.arg("per_page"), DEFAULT_PER_PAGE)
        per_page = min(per_page, MAX_PER_PAGE)
        page = _positive_int(self.request.arg("page"), 1)
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]

        def link(target: int, rel: str) -> str:
            query = [(k, v) for k, v in self.request.query if k != "page"] + [("page", str(target))]
            return f'<{self.urls.api}{self.request.path}?{urlencode(query)}>; rel="{rel}"'

        links = []
        if page > 1:
            links.append(link(min(page - 1, last), "prev"))
        if page < last:
            links += [link(page + 1, "next"), link(last, "last")]
        if page > 1:
            links.append(link(1, "first"))
        headers = {"Link": ", ".join(links)} if links else {}
        return ApiResponse(200, chunk, headers)


_JSON_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "a boolean",
    list: "an array",
    dict: "an object",
}


def _positive_int(raw: str | None, default: int) -> int:
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        return default
    return value if value > 0 else default


Handler = Callable[[Context], ApiResponse]

# Parameters that may contain slashes: file paths, git refs, label and branch names.
_GREEDY = {"path": ".*", "ref": ".+", "name": ".+", "branch": ".+", "basehead": ".+"}


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    docs: str
    other_repositories: bool = False  # also serves repositories that issues moved to


class Router:
    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(
        self,
        method: str,
        template: str,
        handler: Handler,
        docs: str = DOCS,
        *,
        other_repositories: bool = False,
    ) -> None:
        """Serve `method template` with `handler`; `docs` is the page its errors cite."""

        def parts(match: re.Match[str]) -> str:
            name = match.group(1)
            return f"(?P<{name}>{_GREEDY.get(name, '[^/]+')})"

        regex = re.sub(r"\\\{(\w+)\\\}", parts, re.escape(template))
        pattern = re.compile(f"{regex}/?")
        self.routes.append(Route(method, template, pattern, handler, docs, other_repositories))
        # Literal segments win over parameters (`/issues/comments` vs `/issues/{number}`).
        self.routes.sort(key=lambda r: -len(re.sub(r"\{\w+\}", "", r.template)))

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            if route.method != method:
                continue
            found = route.pattern.fullmatch(path)
            if found:
                return route, found.groupdict()
        return None
