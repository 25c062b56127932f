"""Repository contents (read and commit files) and branch references."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from . import payloads
from .errors import ApiError
from .git_store import Commit, DirEntry, Signature, blob_sha
from .routing import ApiResponse, Context, Router

REPO = "/repos/{owner}/{repo}"
CONTENTS_DOCS = "https://docs.github.com/rest/repos/contents"
REFS_DOCS = "https://docs.github.com/rest/git/refs"
BRANCHES_DOCS = "https://docs.github.com/rest/branches/branches"
COMPARE_DOCS = "https://docs.github.com/rest/commits/commits#compare-two-commits"
# Without page/per_page, a comparison lists up to 250 commits; with them, pages of at most 100.
COMPARE_UNPAGED = 250
COMPARE_MAX_PAGE = 100


def register(router: Router) -> None:
    """Bind each route to its handler and to the GitHub page its errors cite."""
    contents = f"{CONTENTS_DOCS}#get-repository-content"
    router.add("GET", f"{REPO}/contents/{{path}}", get_contents, contents)
    router.add("GET", f"{REPO}/contents", get_contents, contents)
    router.add(
        "PUT",
        f"{REPO}/contents/{{path}}",
        put_contents,
        f"{CONTENTS_DOCS}#create-or-update-file-contents",
    )
    router.add(
        "DELETE", f"{REPO}/contents/{{path}}", delete_contents, f"{CONTENTS_DOCS}#delete-a-file"
    )

    router.add("GET", f"{REPO}/branches/{{branch}}", get_branch, f"{BRANCHES_DOCS}#get-a-branch")
    router.add("GET", f"{REPO}/compare/{{basehead}}", compare_commits, COMPARE_DOCS)

    router.add("GET", f"{REPO}/git/ref/{{ref}}", get_ref, f"{REFS_DOCS}#get-a-reference")
    # The legacy spelling; PyGithub completes lazy GitRef objects through their `url`.
    router.add("GET", f"{REPO}/git/refs/{{ref}}", get_ref, f"{REFS_DOCS}#get-a-reference")
    router.add(
        "GET",
        f"{REPO}/git/matching-refs/{{ref}}",
        list_matching_refs,
        f"{REFS_DOCS}#list-matching-references",
    )
    router.add("POST", f"{REPO}/git/refs", create_ref, f"{REFS_DOCS}#create-a-reference")
    router.add("PATCH", f"{REPO}/git/refs/{{ref}}", update_ref, f"{REFS_DOCS}#update-a-reference")
    router.add("DELETE", f"{REPO}/git/refs/{{ref}}", delete_ref, f"{REFS_DOCS}#delete-a-reference")


# -- contents --------------------------------------------------------------------------------------


def get_contents(ctx: Context) -> ApiResponse:
    path = ctx.params.get("path", "").strip("/")
    ref = ctx.request.arg("ref") or ctx.state.default_branch
    commit = _commit_for(ctx, ref)
    data = ctx.state.git.read(commit, path)
    if data is not None:
        if "raw" in ctx.request.headers.get("accept", ""):
            return ApiResponse(200, data, {"Content-Type": "application/vnd.github.raw"})
        body = payloads.content_file(ctx.urls, _file_entry(path, data), data, ref)
        return ApiResponse(200, body)
    if path and not ctx.state.git.is_dir(commit, path):
        raise ApiError.not_found(ctx.docs)
    entries = ctx.state.git.list_dir(commit, path)
    return ApiResponse(200, [payloads.content_entry(ctx.urls, e, ref) for e in entries])


def put_contents(ctx: Context) -> ApiResponse:
    path = ctx.params["path"].strip("/")
    message = ctx.field("message", (str,), required=True)
    encoded = ctx.field("content", (str,), required=True)
    branch = _branch_for_write(ctx)
    try:
        data = base64.b64decode(encoded, validate=False)
    except (binascii.Error, ValueError) as error:
        raise ApiError.bad_request(
            "content is not valid Base64", documentation_url=ctx.docs
        ) from error
    tip = ctx.state.git.commits[ctx.state.git.branches[branch]]
    current = ctx.state.git.read(tip, path)
    if current is not None:
        _check_expected_sha(ctx, path, current)
    author = _signature(ctx, "author") or ctx.state.signature(ctx.state.bot.login)
    committer = _signature(ctx, "committer") or author
    commit = ctx.state.git.write(branch, {path: data}, message, author, committer)
    body = payloads.file_commit(ctx.urls, _file_entry(path, data), commit, branch)
    return ApiResponse(201 if current is None else 200, body)


def delete_contents(ctx: Context) -> ApiResponse:
    path = ctx.params["path"].strip("/")
    message = ctx.field("message", (str,), required=True)
    branch = _branch_for_write(ctx)
    tip = ctx.state.git.commits[ctx.state.git.branches[branch]]
    current = ctx.state.git.read(tip, path)
    if current is None:
        raise ApiError.not_found(ctx.docs)
    _check_expected_sha(ctx, path, current)
    author = ctx.state.signature(ctx.state.bot.login)
    commit = ctx.state.git.write(branch, {path: None}, message, author)
    return ApiResponse(200, payloads.file_commit(ctx.urls, None, commit, branch))


# -- branches and comparisons ----------------------------------------------------------------------


def get_branch(ctx: Context) -> ApiResponse:
    name = ctx.params["branch"]
    sha = ctx.state.git.branches.get(name)
    if sha is None:
        raise ApiError(404, "Branch not found", documentation_url=ctx.docs)
    head = ctx.state.git.commits[sha]
    protected = name in ctx.state.protected_branches
    body = payloads.branch(ctx.urls, ctx.state, name, head, protected=protected)
    return ApiResponse(200, body)


def compare_commits(ctx: Context) -> ApiResponse:
    basehead = ctx.params["basehead"]
    left, sep, right = basehead.partition("...")
    if not sep:
        raise ApiError.not_found(ctx.docs)
    base, head = _compare_side(ctx, left), _compare_side(ctx, right)
    git = ctx.state.git
    fork = git.merge_base(base.sha, head.sha)
    if fork is None:
        raise ApiError(
            404, f"No common ancestor between {left} and {right}.", documentation_url=ctx.docs
        )
    # Oldest first, as GitHub lists them.
    ahead = [git.commits[sha] for sha in reversed(git.commits_between(base.sha, head.sha))]
    behind = len(git.commits_between(head.sha, base.sha))
    body = payloads.comparison(
        ctx.urls,
        ctx.state,
        basehead,
        (base, head, git.commits[fork]),
        (len(ahead), behind),
        _page_of(ctx, ahead),
    )
    return ApiResponse(200, body)


# -- references ------------------------------------------------------------------------------------


def get_ref(ctx: Context) -> ApiResponse:
    branch = _branch_param(ctx)
    sha = ctx.state.git.branches.get(branch)
    if sha is None:
        raise ApiError.not_found(ctx.docs)
    return ApiResponse(200, payloads.git_ref(ctx.urls, branch, sha))


def list_matching_refs(ctx: Context) -> ApiResponse:
    prefix = _branch_param(ctx) if ctx.params["ref"] != "heads" else ""
    found = sorted(b for b in ctx.state.git.branches if b.startswith(prefix))
    refs = [payloads.git_ref(ctx.urls, b, ctx.state.git.branches[b]) for b in found]
    return ctx.paginate(refs)


def create_ref(ctx: Context) -> ApiResponse:
    ref = ctx.field("ref", (str,), required=True)
    sha = _known_commit(ctx, ctx.field("sha", (str,), required=True))
    if not ref.startswith("refs/heads/") or ref == "refs/heads/":
        message = "Reference name must start with 'refs/heads/' in this test server"
        if not ref.startswith("refs/") or ref.count("/") < 2:
            message = "Reference name must start with 'refs/' and have at least two slashes."
        raise ApiError(422, message, documentation_url=ctx.docs)
    branch = ref.removeprefix("refs/heads/")
    if branch in ctx.state.git.branches:
        raise ApiError(422, "Reference already exists", documentation_url=ctx.docs)
    ctx.state.git.branches[branch] = sha
    body = payloads.git_ref(ctx.urls, branch, sha)
    return ApiResponse(201, body, {"Location": body["url"]})


def update_ref(ctx: Context) -> ApiResponse:
    branch = _branch_param(ctx)
    current = ctx.state.git.branches.get(branch)
    if current is None:
        raise ApiError(422, "Reference does not exist", documentation_url=ctx.docs)
    sha = _known_commit(ctx, ctx.field("sha", (str,), required=True))
    force = ctx.field("force", (bool,)) or False
    if not force and not ctx.state.git.is_ancestor(current, sha):
        raise ApiError(422, "Update is not a fast forward", documentation_url=ctx.docs)
    ctx.state.git.branches[branch] = sha
    return ApiResponse(200, payloads.git_ref(ctx.urls, branch, sha))


def delete_ref(ctx: Context) -> ApiResponse:
    branch = _branch_param(ctx)
    if branch not in ctx.state.git.branches:
        raise ApiError(422, "Reference does not exist", documentation_url=ctx.docs)
    del ctx.state.git.branches[branch]
    return ApiResponse(204)


# -- helpers shared by the handlers ----------------------------------------------------------------


def _commit_for(ctx: Context, ref: str) -> Commit:
    if not ctx.state.git.branches:
        raise ApiError(404, "This repository is empty.", documentation_url=ctx.docs)
    commit = ctx.state.git.resolve(ref)
    if commit is None:
        raise ApiError(404, f"No commit found for the ref {ref}", documentation_url=ctx.docs)
    return commit


def _file_entry(path: str, data: bytes) -> DirEntry:
    return DirEntry(path.rsplit("/", 1)[-1], path, "file", blob_sha(data), len(data))


def _signature(ctx: Context, name: str) -> Signature | None:
    person = ctx.field(name, (dict,))
    if person is None:
        return None
    if not isinstance(person.get("name"), str) or not isinstance(person.get("email"), str):
        raise ApiError.bad_request(f"For 'properties/{name}', name and email are required.")
    return Signature(person["name"], person["email"], ctx.state.clock.now())


def _branch_for_write(ctx: Context) -> str:
    branch = ctx.field("branch", (str,)) or ctx.state.default_branch
    branch = branch.removeprefix("refs/heads/")
    if branch not in ctx.state.git.branches:
        raise ApiError(404, f"Branch {branch} not found", documentation_url=ctx.docs)
    return branch


def _check_expected_sha(ctx: Context, path: str, current: bytes) -> None:
    """GitHub requires the blob sha being replaced: missing is 422, stale is 409."""
    expected = ctx.field("sha", (str,))
    if expected is None:
        raise ApiError.bad_request('"sha" wasn\'t supplied.', documentation_url=ctx.docs)
    if expected != blob_sha(current):
        raise ApiError(409, f"{path} does not match {expected}", documentation_url=ctx.docs)


def _branch_param(ctx: Context) -> str:
    ref = ctx.params["ref"]
    if not ref.startswith("heads/"):
        raise ApiError.not_found(ctx.docs)
    return ref.removeprefix("heads/")


def _known_commit(ctx: Context, sha: Any) -> str:
    if not isinstance(sha, str) or sha not in ctx.state.git.commits:
        raise ApiError(422, "Object does not exist", documentation_url=ctx.docs)
    return sha


def _compare_side(ctx: Context, ref: str) -> Commit:
    """``branch``, ``owner:branch`` or a commit sha; another owner's fork never exists here."""
    owner, sep, name = ref.rpartition(":")
    if sep and owner.casefold() != ctx.state.owner.casefold():
        raise ApiError.not_found(ctx.docs)
    found = ctx.state.git.resolve(name)
    if found is None:
        raise ApiError.not_found(ctx.docs)
    return found


def _page_of(ctx: Context, commits: list[Commit]) -> list[Commit]:
    if ctx.request.arg("page") is None and ctx.request.arg("per_page") is None:
        return commits[:COMPARE_UNPAGED]
    try:
        per_page = min(max(int(ctx.request.arg("per_page") or 30), 1), COMPARE_MAX_PAGE)
        page = max(int(ctx.request.arg("page") or 1), 1)
    except ValueError:
        per_page, page = 30, 1
    return commits[(page - 1) * per_page : page * per_page]
