"""FakeGitHub: a GitHub-compatible REST server on loopback for tests.

    with FakeGitHub(owner="acme", repo="incidents", token="t0ken") as gh:
        client = Github(base_url=gh.url, auth=Auth.Token(gh.token))
        ...
        assert gh.writes() == 0

The HTTP layer here handles authentication, headers, faults and accounting; the `*_api` modules
speak the API and `state.RepoState` holds the repository.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from . import git_api, issues_api, meta_api, payloads, pulls_api
from .errors import DOCS, ApiError
from .faults import FaultKind, FaultPlan, FaultRule
from .ledger import Exchange, RequestLog
from .payloads import Urls
from .rate_window import RateWindow
from .routing import ApiRequest, ApiResponse, Context, Route, Router
from .state import RepoState

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from github import Github

API_VERSION = "2022-11-28"

SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID {request_id}."
)
PRIMARY_MESSAGE = (
    "API rate limit exceeded for user ID {user_id}. If you reach out to GitHub Support for help, "
    "please include the request ID {request_id}."
)
RATE_LIMIT_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"


class FakeGitHub:
    """One repository served over HTTP on 127.0.0.1, started and stopped as a context manager."""

    def __init__(
        self,
        owner: str = "acme",
        repo: str = "incidents",
        token: str = "t0ken",
        *,
        api_prefix: str = "",
        login: str = "incidentflow-bot",
        default_branch: str = "main",
        collaborators: Iterable[str] = (),
        files: Mapping[str, bytes | str] | None = None,
        web_url: str = "https://github.com",
        rate_limit: int = 5000,
        retry_after: int = 1,
        host: str = "127.0.0.1",
    ) -> None:
        self.token = token
        self.api_prefix = "/" + api_prefix.strip("/") if api_prefix.strip("/") else ""
        self.web_url = web_url.rstrip("/")
        self.host = host
        self.state = RepoState(
            owner,
            repo,
            login=login,
            default_branch=default_branch,
            collaborators=collaborators,
            files=files,
        )
        self.faults = FaultPlan(retry_after=retry_after)
        self.log = RequestLog()
        self.rate = RateWindow(rate_limit)
        self.router = Router()
        meta_api.register(self.router, self.rate)
        issues_api.register(self.router)
        git_api.register(self.router)
        pulls_api.register(self.router)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> FakeGitHub:
        if self._server is not None:
            raise RuntimeError("FakeGitHub is already running")
        handler = type("BoundHandler", (_Handler,), {"app": self})
        self._server = ThreadingHTTPServer((self.host, 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-github-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeGitHub is not running")
        return int(self._server.server_address[1])

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The REST base URL (with any /api/v3 prefix): PyGithub's `base_url`, GITHUB_API_URL."""
        return f"{self.root_url}{self.api_prefix}"

    @property
    def repository(self) -> str:
        return self.state.full_name

    @property
    def urls(self) -> Urls:
        return Urls(self.url, self.web_url, self.state.owner, self.state.name)

    def env(self) -> dict[str, str]:
        """The GitHub Actions variables a sync reads, pointing at this server."""
        return {
            "GITHUB_API_URL": self.url,
            "GITHUB_SERVER_URL": self.web_url,
            "GITHUB_TOKEN": self.token,
            "GITHUB_REPOSITORY": self.repository,
        }

    def client(self, **kwargs: Any) -> Github:
        """A PyGithub client for this server; `kwargs` go to `Github(...)` (e.g. `retry=None`).

        PyGithub throttles itself by default (0.25 s between requests, 1 s between writes), which
        is right for github.com and pure waiting here, so this client does not.
        """
        from github import Auth, Github

        kwargs.setdefault("seconds_between_requests", None)
        kwargs.setdefault("seconds_between_writes", None)
        return Github(base_url=self.url, auth=Auth.Token(self.token), **kwargs)

    # -- accounting ------------------------------------------------------------------------------

    @property
    def requests(self) -> list[Exchange]:
        return self.log.entries

    def writes(self, path: str | None = None) -> int:
        """POST/PATCH/PUT/DELETE requests received, optionally only those whose path matches."""
        return self.log.writes(path)

    def count(self, method: str | None = None, path: str | None = None) -> int:
        return self.log.count(method, path)

    def counts_by_method(self) -> dict[str, int]:
        return dict(self.log.by_method())

    def reset_log(self) -> None:
        self.log.reset()

    # -- request processing (called from handler threads) ----------------------------------------

    def _dispatch(self, request: ApiRequest) -> ApiResponse:
        """Route one authenticated request under the state lock; errors become responses."""
        docs = DOCS
        try:
            with self.state.lock:
                found = self.router.match(request.method, request.path)
                if found is None:
                    raise ApiError.not_found()
                route, params = found
                docs = route.docs
                if "owner" in params and not self._serves(route, params["owner"], params["repo"]):
                    raise ApiError.not_found(docs)
                urls = self.urls
                if "owner" in params and not self._ours(params["owner"], params["repo"]):
                    urls = Urls(self.url, self.web_url, params["owner"], params["repo"])
                return route.handler(Context(self.state, urls, request, params, docs))
        except ApiError as error:
            if error.documentation_url == DOCS:
                error.documentation_url = docs
            if error.url is not None and error.url.startswith("/"):
                error.url = f"{self.url}{error.url}"
                error.headers = {**error.headers, "Location": error.url}
            return ApiResponse(error.status, error.body(), error.headers)

    def _ours(self, owner: str, repo: str) -> bool:
        return (owner.casefold(), repo.casefold()) == (
            self.state.owner.casefold(),
            self.state.name.casefold(),
        )

    def _serves(self, route: Route, owner: str, repo: str) -> bool:
        """This repository; others only where issues were transferred, and only by the
        routes that know about them (reading such an issue)."""
        if self._ours(owner, repo):
            return True
        return route.other_repositories and self.state.holds_transfers_to(owner, repo)

    def _fault_response(self, rule: FaultRule, request_id: str) -> ApiResponse:
        if rule.kind is FaultKind.SERVER_ERROR:
            return _error(500, "Server Error")
        if rule.kind is FaultKind.BAD_GATEWAY:
            # GitHub's edge answers a 502 with an HTML page, not JSON.
            page = b"<html><body><h1>502 Bad Gateway</h1>Server Error</body></html>\n"
            return ApiResponse(502, page, {"Content-Type": "text/html; charset=utf-8"})
        if rule.kind is FaultKind.SECONDARY_RATE_LIMIT:
            message = SECONDARY_MESSAGE.format(request_id=request_id)
            docs = f"{RATE_LIMIT_DOCS}#about-secondary-rate-limits"
            body = {"message": message, "documentation_url": docs}
            return ApiResponse(rule.status or 403, body, {"Retry-After": str(rule.retry_after)})
        if rule.kind is FaultKind.PRIMARY_RATE_LIMIT:
            message = PRIMARY_MESSAGE.format(user_id=self.state.bot.id, request_id=request_id)
            body = {"message": message, "documentation_url": RATE_LIMIT_DOCS}
            reset = int(time.time()) + max(rule.retry_after, 1)
            used, _ = self.rate.snapshot()
            headers = self.rate.headers(used, reset, remaining=0)
            return ApiResponse(rule.status or 403, body, headers)
        raise AssertionError(f"no response for fault {rule.kind}")

    def _authenticate(self, header: str | None) -> ApiResponse | None:
        if not header:
            return _error(401, "Requires authentication")
        scheme, _, credential = header.partition(" ")
        if scheme.lower() not in ("token", "bearer") or credential.strip() != self.token:
            return _error(401, "Bad credentials")
        return None

    def _handle(self, request: ApiRequest, raw: bytes, request_id: str, in_api: bool) -> _Outcome:
        """Authenticate, charge the rate window, inject any fault and run the route."""
        refused = self._authenticate(request.headers.get("authorization"))
        if refused is None and not in_api:
            refused = _error(404, "Not Found")
        version = request.headers.get("x-github-api-version", payloads.API_VERSIONS[0])
        if refused is None and version not in payloads.API_VERSIONS:
            refused = _error(400, f"API version {version} is not supported.")
        if refused is None and raw:
            try:
                request.body = json.loads(raw)
            except ValueError:
                refused = _error(400, "Problems parsing JSON")
        if refused is not None:
            used, reset = self.rate.snapshot()
            return _Outcome(refused, None, used, reset, version)

        used, reset = self.rate.spend()
        rule = self.faults.pick(request.method, request.path)
        if rule is not None and rule.kind is FaultKind.SLOW:
            time.sleep(rule.delay)
        response = ApiResponse(0)
        if rule is None or rule.applies:
            response = self._dispatch(request)
            response.body = payloads.for_version(response.body, version, path=request.path)
        if rule is not None and rule.kind not in (FaultKind.SLOW, FaultKind.LOST_WRITE):
            response = self._fault_response(rule, request_id)
        return _Outcome(response, rule, used, reset, version)


def _error(status: int, message: str) -> ApiResponse:
    return ApiResponse(
        status, {"message": message, "documentation_url": DOCS, "status": str(status)}
    )


@dataclass
class _Outcome:
    response: ApiResponse
    fault: FaultRule | None
    used: int
    reset: int
    version: str

    @property
    def delivered(self) -> bool:
        return self.fault is None or self.fault.kind is not FaultKind.LOST_WRITE


class _Handler(BaseHTTPRequestHandler):
    app: FakeGitHub
    protocol_version = "HTTP/1.1"
    server_version = "FakeGitHub"
    sys_version = ""
    timeout = 30
    # Headers and body leave in separate writes; without this, Nagle plus delayed ACKs add 40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request log is the record."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        app = self.app
        seq = app.log.next_seq()
        request_id = f"{seq:04X}:{app.port:04X}:{seq * 7919 % 65536:04X}:{seq:06X}"
        split = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        query = parse_qsl(split.query, keep_blank_values=True)
        prefix = app.api_prefix
        in_api = split.path == prefix or split.path.startswith(f"{prefix}/")
        path = unquote(split.path[len(prefix) :] or "/") if in_api else split.path
        headers_in = {name.lower(): value for name, value in self.headers.items()}
        request = ApiRequest(self.command, path, query, None, headers_in)
        outcome = app._handle(request, raw, request_id, in_api)
        response = outcome.response

        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "x-github-api-version-selected": outcome.version,
            "x-github-media-type": "github.v3; format=json",
            "x-github-request-id": request_id,
            **app.rate.headers(outcome.used, outcome.reset),
            **response.headers,
        }
        payload = _encode(response.body)
        if self.command == "GET" and response.status == 200:
            headers["ETag"] = f'W/"{hashlib.sha1(payload).hexdigest()}"'
        text_body = (
            response.body.decode(errors="replace") if isinstance(response.body, bytes) else None
        )
        app.log.record(
            Exchange(
                seq=seq,
                method=self.command,
                path=path,
                query=dict(query),
                status=response.status,
                request_body=_request_body(request.body, raw),
                response_body=response.body if text_body is None else text_body,
                response_headers=headers,
                fault=None if outcome.fault is None else outcome.fault.kind.value,
                delivered=outcome.delivered,
                request_id=request_id,
                api_version=request.headers.get("x-github-api-version"),
            )
        )
        if not outcome.delivered:
            # The change happened; the client only sees the connection drop.
            self.close_connection = True
            return
        self.send_response(response.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _request_body(parsed: Any, raw: bytes) -> Any:
    """The decoded JSON, or the raw text when it was not JSON (a 400 the log should explain)."""
    if parsed is not None or not raw:
        return parsed
    return raw.decode(errors="replace")


def _encode(body: Any) -> bytes:
    if isinstance(body, bytes):
        return body
    return b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
