"""JSON shapes of GitHub resources, rendered from state records.

Field sets follow GitHub's published REST description (2022-11-28): every required field is present
and nothing is invented; `tests/forge/test_fake_github_conformance.py` holds these functions
to that.
"""

from __future__ import annotations

import base64
import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from .git_store import Commit, DirEntry
from .state import Comment, Issue, Label, RepoState, User

JSON = dict[str, Any]


def timestamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Urls:
    """Where things live: `api` is the REST root (with any /api/v3 prefix), `web` the site."""

    api: str
    web: str
    owner: str
    repo: str

    @property
    def repo_api(self) -> str:
        return f"{self.api}/repos/{self.owner}/{self.repo}"

    @property
    def repo_web(self) -> str:
        return f"{self.web}/{self.owner}/{self.repo}"

    def user_api(self, login: str) -> str:
        return f"{self.api}/users/{login}"


# -- users and repository --------------------------------------------------------------------------


def simple_user(urls: Urls, user: User) -> JSON:
    base = urls.user_api(user.login)
    return {
        "login": user.login,
        "id": user.id,
        "node_id": user.node_id,
        "avatar_url": f"https://avatars.githubusercontent.com/u/{user.id}?v=4",
        "gravatar_id": "",
        "url": base,
        "html_url": f"{urls.web}/{user.login}",
        "followers_url": f"{base}/followers",
        "following_url": f"{base}/following{{/other_user}}",
        "gists_url": f"{base}/gists{{/gist_id}}",
        "starred_url": f"{base}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{base}/subscriptions",
        "organizations_url": f"{base}/orgs",
        "repos_url": f"{base}/repos",
        "events_url": f"{base}/events{{/privacy}}",
        "received_events_url": f"{base}/received_events",
        "type": user.type,
        "user_view_type": "public",
        "site_admin": False,
    }


def user_ref(urls: Urls, state: RepoState, login: str | None) -> JSON | None:
    return None if login is None else simple_user(urls, state.users[login])


def public_user(urls: Urls, user: User) -> JSON:
    return {
        **simple_user(urls, user),
        "name": user.name,
        "company": None,
        "blog": "",
        "location": None,
        "email": user.email,
        "hireable": None,
        "bio": None,
        "twitter_username": None,
        "public_repos": 0,
        "public_gists": 0,
        "followers": 0,
        "following": 0,
        "created_at": timestamp(user.created_at),
        "updated_at": timestamp(user.created_at),
    }


def private_user(urls: Urls, user: User) -> JSON:
    """GET /user: the public profile plus what only the account itself may see."""
    return {
        **public_user(urls, user),
        "notification_email": user.email,
        "private_gists": 0,
        "total_private_repos": 1,
        "owned_private_repos": 1,
        "disk_usage": 0,
        "collaborators": 0,
        "two_factor_authentication": True,
        "plan": {"name": "free", "space": 976562499, "collaborators": 0, "private_repos": 10000},
    }


def repository(urls: Urls, state: RepoState, *, full: bool) -> JSON:
    """`full` adds the fields only GET /repos/{owner}/{repo} returns."""
    api, web = urls.repo_api, urls.repo_web
    host = urls.web.split("://", 1)[-1]
    open_issues = sum(1 for issue in state.issues.values() if issue.state == "open")
    pushed = max((c.committer.date for c in state.git.commits.values()), default=state.created_at)
    body: JSON = {
        "id": state.id,
        "node_id": f"R_kgDO{state.id}",
        "name": state.name,
        "full_name": state.full_name,
        "private": True,
        "owner": simple_user(urls, state.owner_user),
        "html_url": web,
        "description": "Incident records",
        "fork": False,
        "url": api,
        "archive_url": f"{api}/{{archive_format}}{{/ref}}",
        "assignees_url": f"{api}/assignees{{/user}}",
        "blobs_url": f"{api}/git/blobs{{/sha}}",
        "branches_url": f"{api}/branches{{/branch}}",
        "collaborators_url": f"{api}/collaborators{{/collaborator}}",
        "comments_url": f"{api}/comments{{/number}}",
        "commits_url": f"{api}/commits{{/sha}}",
        "compare_url": f"{api}/compare/{{base}}...{{head}}",
        "contents_url": f"{api}/contents/{{+path}}",
        "contributors_url": f"{api}/contributors",
        "deployments_url": f"{api}/deployments",
        "downloads_url": f"{api}/downloads",
        "events_url": f"{api}/events",
        "forks_url": f"{api}/forks",
        "git_commits_url": f"{api}/git/commits{{/sha}}",
        "git_refs_url": f"{api}/git/refs{{/sha}}",
        "git_tags_url": f"{api}/git/tags{{/sha}}",
        "git_url": f"git://{host}/{state.full_name}.git",
        "issue_comment_url": f"{api}/issues/comments{{/number}}",
        "issue_events_url": f"{api}/issues/events{{/number}}",
        "issues_url": f"{api}/issues{{/number}}",
        "keys_url": f"{api}/keys{{/key_id}}",
        "labels_url": f"{api}/labels{{/name}}",
        "languages_url": f"{api}/languages",
        "merges_url": f"{api}/merges",
        "milestones_url": f"{api}/milestones{{/number}}",
        "notifications_url": f"{api}/notifications{{?since,all,participating}}",
        "pulls_url": f"{api}/pulls{{/number}}",
        "releases_url": f"{api}/releases{{/id}}",
        "ssh_url": f"git@{host}:{state.full_name}.git",
        "stargazers_url": f"{api}/stargazers",
        "statuses_url": f"{api}/statuses/{{sha}}",
        "subscribers_url": f"{api}/subscribers",
        "subscription_url": f"{api}/subscription",
        "tags_url": f"{api}/tags",
        "teams_url": f"{api}/teams",
        "trees_url": f"{api}/git/trees{{/sha}}",
        "clone_url": f"{web}.git",
        "mirror_url": None,
        "hooks_url": f"{api}/hooks",
        "svn_url": web,
        "homepage": None,
        "language": None,
        "forks_count": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "size": sum(len(blob) for blob in state.git.blobs.values()) // 1024,
        "default_branch": state.default_branch,
        "open_issues_count": open_issues,
        "is_template": False,
        "topics": [],
        "has_issues": True,
        "has_projects": False,
        "has_wiki": False,
        "has_pages": False,
        "has_downloads": True,
        "has_discussions": False,
        "archived": False,
        "disabled": False,
        "visibility": "private",
        "pushed_at": timestamp(pushed),
        "created_at": timestamp(state.created_at),
        "updated_at": timestamp(pushed),
        "permissions": {
            "admin": False,
            "maintain": False,
            "push": True,
            "triage": True,
            "pull": True,
        },
        "allow_forking": False,
        "web_commit_signoff_required": False,
        "license": None,
        "forks": 0,
        "open_issues": open_issues,
        "watchers": 0,
    }
    if full:
        body.update(
            {
                "allow_rebase_merge": True,
                "allow_squash_merge": True,
                "allow_merge_commit": True,
                "allow_auto_merge": False,
                "delete_branch_on_merge": False,
                "allow_update_branch": False,
                "subscribers_count": 1,
                "network_count": 0,
            }
        )
    return body


# -- labels, issues, comments ----------------------------------------------------------------------


def label(urls: Urls, lb: Label, *, standalone: bool = True) -> JSON:
    """Labels embedded in issues omit the archive fields that the label endpoints return."""
    body: JSON = {
        "id": lb.id,
        "node_id": lb.node_id,
        "url": f"{urls.repo_api}/labels/{quote(lb.name)}",
        "name": lb.name,
        "color": lb.color,
        "default": lb.default,
        "description": lb.description,
    }
    if standalone:
        body.update({"archived_at": None, "archived_by": None})
    return body


def _reactions(url: str) -> JSON:
    counts = dict.fromkeys(("+1", "-1", "laugh", "hooray", "confused", "heart", "rocket"), 0)
    return {"url": f"{url}/reactions", "total_count": 0, **counts, "eyes": 0}


def _association(state: RepoState, login: str) -> str:
    if login == state.owner:
        return "OWNER"
    return "COLLABORATOR" if login in state.collaborators else "NONE"


def issue(urls: Urls, state: RepoState, item: Issue) -> JSON:
    api = f"{urls.repo_api}/issues/{item.number}"
    kind = "pull" if item.is_pull else "issues"
    assignees = [simple_user(urls, state.users[login]) for login in item.assignees]
    body: JSON = {
        "url": api,
        "repository_url": urls.repo_api,
        "labels_url": f"{api}/labels{{/name}}",
        "comments_url": f"{api}/comments",
        "events_url": f"{api}/events",
        "html_url": f"{urls.repo_web}/{kind}/{item.number}",
        "id": item.id,
        "node_id": item.node_id,
        "number": item.number,
        "title": item.title,
        "user": user_ref(urls, state, item.author),
        "labels": [label(urls, lb, standalone=False) for lb in state.issue_labels(item)],
        "state": item.state,
        "locked": item.locked,
        "assignee": assignees[0] if assignees else None,
        "assignees": assignees,
        "milestone": None,
        "comments": item.comment_count,
        "created_at": timestamp(item.created_at),
        "updated_at": timestamp(item.updated_at),
        "closed_at": timestamp(item.closed_at),
        "author_association": _association(state, item.author),
        "type": None,
        "active_lock_reason": None,
        "body": item.body,
        "closed_by": user_ref(urls, state, item.closed_by),
        "reactions": _reactions(api),
        "timeline_url": f"{api}/timeline",
        "performed_via_github_app": None,
        "state_reason": item.state_reason,
    }
    if item.pull is not None:
        body["draft"] = item.pull.draft
        body["pull_request"] = {
            "url": f"{urls.repo_api}/pulls/{item.number}",
            "html_url": f"{urls.repo_web}/pull/{item.number}",
            "diff_url": f"{urls.repo_web}/pull/{item.number}.diff",
            "patch_url": f"{urls.repo_web}/pull/{item.number}.patch",
            "merged_at": timestamp(item.pull.merged_at),
        }
    return body


def comment(urls: Urls, state: RepoState, item: Comment) -> JSON:
    api = f"{urls.repo_api}/issues/comments/{item.id}"
    return {
        "url": api,
        "html_url": f"{urls.repo_web}/issues/{item.issue_number}#issuecomment-{item.id}",
        "issue_url": f"{urls.repo_api}/issues/{item.issue_number}",
        "id": item.id,
        "node_id": item.node_id,
        "user": user_ref(urls, state, item.author),
        "created_at": timestamp(item.created_at),
        "updated_at": timestamp(item.updated_at),
        "author_association": _association(state, item.author),
        "body": item.body,
        "reactions": _reactions(api),
        "performed_via_github_app": None,
    }


# -- contents and git ------------------------------------------------------------------------------


def _content_links(urls: Urls, path: str, sha: str, kind: str, ref: str) -> JSON:
    quoted = quote(path)
    self_url = f"{urls.repo_api}/contents/{quoted}?ref={quote(ref, safe='')}"
    git_url = f"{urls.repo_api}/git/{'trees' if kind == 'dir' else 'blobs'}/{sha}"
    html_url = f"{urls.repo_web}/{'tree' if kind == 'dir' else 'blob'}/{ref}/{quoted}"
    download = f"{urls.repo_web}/raw/{ref}/{quoted}" if kind == "file" else None
    return {
        "url": self_url,
        "html_url": html_url,
        "git_url": git_url,
        "download_url": download,
        "_links": {"self": self_url, "git": git_url, "html": html_url},
    }


def content_entry(urls: Urls, entry: DirEntry, ref: str) -> JSON:
    links = _content_links(urls, entry.path, entry.sha, entry.kind, ref)
    return {
        "name": entry.name,
        "path": entry.path,
        "sha": entry.sha,
        "size": entry.size,
        "type": entry.kind,
        **links,
    }


def content_file(urls: Urls, entry: DirEntry, data: bytes, ref: str) -> JSON:
    encoded = base64.b64encode(data).decode()
    # GitHub wraps the base64 text at 60 columns, newline-terminated; clients must cope.
    wrapped = "".join(f"{encoded[i : i + 60]}\n" for i in range(0, len(encoded), 60))
    return {**content_entry(urls, entry, ref), "content": wrapped, "encoding": "base64"}


def git_commit(urls: Urls, commit: Commit) -> JSON:
    def person(sig: Any) -> JSON:
        return {"name": sig.name, "email": sig.email, "date": timestamp(sig.date)}

    return {
        "sha": commit.sha,
        "node_id": f"C_kwDO{commit.sha[:16]}",
        "url": f"{urls.repo_api}/git/commits/{commit.sha}",
        "html_url": f"{urls.repo_web}/commit/{commit.sha}",
        "author": person(commit.author),
        "committer": person(commit.committer),
        "message": commit.message,
        "tree": {"url": f"{urls.repo_api}/git/trees/{commit.tree_sha}", "sha": commit.tree_sha},
        "parents": [
            {
                "url": f"{urls.repo_api}/git/commits/{sha}",
                "html_url": f"{urls.repo_web}/commit/{sha}",
                "sha": sha,
            }
            for sha in commit.parents
        ],
        "verification": {
            "verified": False,
            "reason": "unsigned",
            "signature": None,
            "payload": None,
            "verified_at": None,
        },
    }


def rest_commit(urls: Urls, state: RepoState, item: Commit) -> JSON:
    """The REST commit (``/commits/{ref}``, branches, comparisons): the git commit plus the
    accounts GitHub links its author and committer to by e-mail (null when none)."""
    git = git_commit(urls, item)
    author = state.user_for_email(item.author.email)
    committer = state.user_for_email(item.committer.email)
    return {
        "url": f"{urls.repo_api}/commits/{item.sha}",
        "sha": item.sha,
        "node_id": git["node_id"],
        "html_url": git["html_url"],
        "comments_url": f"{urls.repo_api}/commits/{item.sha}/comments",
        "commit": {
            "url": git["url"],
            "author": git["author"],
            "committer": git["committer"],
            "message": item.message,
            "comment_count": 0,
            "tree": git["tree"],
            "verification": git["verification"],
        },
        "author": None if author is None else simple_user(urls, author),
        "committer": None if committer is None else simple_user(urls, committer),
        "parents": git["parents"],
    }


def branch(urls: Urls, state: RepoState, name: str, head: Commit, *, protected: bool) -> JSON:
    """GET /repos/{owner}/{repo}/branches/{branch}."""
    api = f"{urls.repo_api}/branches/{quote(name)}"
    checks: JSON = {
        "enforcement_level": "non_admins" if protected else "off",
        "contexts": [],
        "checks": [],
    }
    return {
        "name": name,
        "commit": rest_commit(urls, state, head),
        "_links": {"self": api, "html": f"{urls.repo_web}/tree/{quote(name)}"},
        "protected": protected,
        "protection": {"enabled": protected, "required_status_checks": checks},
        "protection_url": f"{api}/protection",
    }


def comparison(
    urls: Urls,
    state: RepoState,
    basehead: str,
    ends: tuple[Commit, Commit, Commit],
    counts: tuple[int, int],
    commits: list[Commit],
) -> JSON:
    """GET /repos/{owner}/{repo}/compare/{basehead}: ``ends`` are the base, head and merge
    base, ``counts`` the commits ahead and behind, ``commits`` this page of those ahead."""
    base, head, fork = ends
    ahead, behind = counts
    status = {
        (False, False): "identical",
        (True, False): "ahead",
        (False, True): "behind",
        (True, True): "diverged",
    }[(ahead > 0, behind > 0)]
    web = f"{urls.repo_web}/compare/{basehead}"
    short = f"{urls.owner}:{base.sha[:7]}...{urls.owner}:{head.sha[:7]}"
    return {
        "url": f"{urls.repo_api}/compare/{basehead}",
        "html_url": web,
        "permalink_url": f"{urls.repo_web}/compare/{short}",
        "diff_url": f"{web}.diff",
        "patch_url": f"{web}.patch",
        "base_commit": rest_commit(urls, state, base),
        "merge_base_commit": rest_commit(urls, state, fork),
        "status": status,
        "ahead_by": ahead,
        "behind_by": behind,
        "total_commits": ahead,
        "commits": [rest_commit(urls, state, item) for item in commits],
    }


def file_commit(urls: Urls, entry: DirEntry | None, commit: Commit, ref: str) -> JSON:
    content = None if entry is None else content_entry(urls, entry, ref)
    return {"content": content, "commit": git_commit(urls, commit)}


def git_ref(urls: Urls, branch: str, sha: str) -> JSON:
    return {
        "ref": f"refs/heads/{branch}",
        "node_id": f"REF_kwDO{quote(branch, safe='')}",
        "url": f"{urls.repo_api}/git/refs/heads/{quote(branch)}",
        "object": {"sha": sha, "type": "commit", "url": f"{urls.repo_api}/git/commits/{sha}"},
    }


# -- pull requests ---------------------------------------------------------------------------------


def _pull_links(urls: Urls, number: int, head_sha: str) -> JSON:
    api, issue_api = f"{urls.repo_api}/pulls/{number}", f"{urls.repo_api}/issues/{number}"
    return {
        "self": {"href": api},
        "html": {"href": f"{urls.repo_web}/pull/{number}"},
        "issue": {"href": issue_api},
        "comments": {"href": f"{issue_api}/comments"},
        "review_comments": {"href": f"{api}/comments"},
        "review_comment": {"href": f"{urls.repo_api}/pulls/comments{{/number}}"},
        "commits": {"href": f"{api}/commits"},
        "statuses": {"href": f"{urls.repo_api}/statuses/{head_sha}"},
    }


def pull_request(urls: Urls, state: RepoState, item: Issue, *, full: bool) -> JSON:
    """`full` is the single-pull shape (mergeability and diff stats) versus the list shape."""
    pull = state.refresh_pull(item)
    api = f"{urls.repo_api}/pulls/{item.number}"
    assignees = [simple_user(urls, state.users[login]) for login in item.assignees]
    repo = repository(urls, state, full=False)
    owner = simple_user(urls, state.owner_user)

    def side(branch: str, sha: str) -> JSON:
        label_text = f"{state.owner}:{branch}"
        return {"label": label_text, "ref": branch, "sha": sha, "user": owner, "repo": repo}

    body: JSON = {
        "url": api,
        "id": pull.id,
        "node_id": pull.node_id,
        "html_url": f"{urls.repo_web}/pull/{item.number}",
        "diff_url": f"{urls.repo_web}/pull/{item.number}.diff",
        "patch_url": f"{urls.repo_web}/pull/{item.number}.patch",
        "issue_url": f"{urls.repo_api}/issues/{item.number}",
        "commits_url": f"{api}/commits",
        "review_comments_url": f"{api}/comments",
        "review_comment_url": f"{urls.repo_api}/pulls/comments{{/number}}",
        "comments_url": f"{urls.repo_api}/issues/{item.number}/comments",
        "statuses_url": f"{urls.repo_api}/statuses/{pull.head_sha}",
        "number": item.number,
        "state": item.state,
        "locked": item.locked,
        "title": item.title,
        "user": user_ref(urls, state, item.author),
        "body": item.body,
        "labels": [
            {**label(urls, lb, standalone=False), "archived_by": None}
            for lb in state.issue_labels(item)
        ],
        "milestone": None,
        "active_lock_reason": None,
        "created_at": timestamp(item.created_at),
        "updated_at": timestamp(item.updated_at),
        "closed_at": timestamp(item.closed_at),
        "merged_at": timestamp(pull.merged_at),
        "merge_commit_sha": pull.merge_commit_sha,
        "assignee": assignees[0] if assignees else None,
        "assignees": assignees,
        "requested_reviewers": [],
        "requested_teams": [],
        "head": side(pull.head, pull.head_sha),
        "base": side(pull.base, pull.base_sha),
        "_links": _pull_links(urls, item.number, pull.head_sha),
        "author_association": _association(state, item.author),
        "auto_merge": None,
        "draft": pull.draft,
    }
    if full:
        body.update(_pull_stats(urls, state, item))
    return body


def _pull_stats(urls: Urls, state: RepoState, item: Issue) -> JSON:
    pull = state.refresh_pull(item)
    git = state.git
    merged = pull.merged_at is not None
    changes = git.head_changes(pull.base_sha, pull.head_sha)
    fork = git.merge_base(pull.base_sha, pull.head_sha)
    additions = deletions = 0
    for path, new_sha in changes.items():
        old_sha = git.commits[fork].tree.get(path) if fork else None
        old = git.blobs[old_sha].decode(errors="replace").splitlines() if old_sha else []
        new = git.blobs[new_sha].decode(errors="replace").splitlines() if new_sha else []
        for line in difflib.unified_diff(old, new, lineterm="", n=0):
            if line.startswith("+") and not line.startswith("+++"):
                additions += 1
            elif line.startswith("-") and not line.startswith("---"):
                deletions += 1
    open_now = item.state == "open"
    mergeable = state.mergeable(item) if open_now else None
    return {
        "merged": merged,
        "mergeable": mergeable,
        "rebaseable": mergeable,
        "mergeable_state": ("clean" if mergeable else "dirty") if open_now else "unknown",
        "merged_by": user_ref(urls, state, pull.merged_by),
        "comments": item.comment_count,
        "review_comments": 0,
        "maintainer_can_modify": pull.maintainer_can_modify,
        "commits": len(git.commits_between(pull.base_sha, pull.head_sha)),
        "additions": additions,
        "deletions": deletions,
        "changed_files": len(changes),
    }


# -- meta ------------------------------------------------------------------------------------------


def rate_limit(limit: int, used: int, reset: int) -> JSON:
    core = {"limit": limit, "used": used, "remaining": max(limit - used, 0), "reset": reset}
    search = {"limit": 30, "used": 0, "remaining": 30, "reset": reset}
    graphql = {"limit": limit, "used": 0, "remaining": limit, "reset": reset}
    return {"resources": {"core": core, "search": search, "graphql": graphql}, "rate": core}


# -- API versions ----------------------------------------------------------------------------------

API_VERSIONS = ("2022-11-28", "2026-03-10")
# Deprecated fields that GitHub dropped from responses in API version 2026-03-10.
_DROPPED_IN_2026 = frozenset({"assignee", "merge_commit_sha", "has_downloads"})


def for_version(body: Any, version: str, *, path: str) -> Any:
    """Shape a 2022-11-28 body for the API version the client asked for."""
    if version == API_VERSIONS[0] or not isinstance(body, dict | list):
        return body
    if path == "/rate_limit" and isinstance(body, dict):
        body = {key: value for key, value in body.items() if key != "rate"}
    return _drop_keys(body, _DROPPED_IN_2026)


def _drop_keys(body: Any, keys: frozenset[str]) -> Any:
    if isinstance(body, dict):
        return {k: _drop_keys(v, keys) for k, v in body.items() if k not in keys}
    if isinstance(body, list):
        return [_drop_keys(item, keys) for item in body]
    return body
