"""Rehearse without GitHub: the project's GitHub-compatible test server, on your machine.

    python scripts/fake_github_server.py --repo ~/my-incidents

starts the server (tests/fake_github) holding the repository's committed files on its
default branch, prints the environment to export in another terminal, and then keeps the
default branch in step with the repository: every commit you make there (a merged
declaration, a phase change) appears on the server within a second, as a push would. Each
request the CLI sends is printed as it arrives, so the team sees what `incident declare`,
`sync`, `check` and `remind` do on "GitHub". Stop it with Ctrl-C; it keeps nothing.

Two helpers do what people do in GitHub's web pages, against the running server:

    python scripts/fake_github_server.py file-issue --title "..." --observed "..." > event.json
        files the declaration form (as a member of the organisation) and prints the `issues`
        event GitHub would send, for `incident declare --from-issue event.json`;
    python scripts/fake_github_server.py merge NUMBER
        merges a pull request (then commit the incident file `incident declare` wrote locally,
        as `git pull` would bring it).

It needs a clone of incidentflow with the test extras (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fake_github import FakeGitHub

from incidentflow import git
from incidentflow.declare import form

ENV_NAMES = ("GITHUB_API_URL", "GITHUB_SERVER_URL", "GITHUB_TOKEN", "GITHUB_REPOSITORY")


def snapshot(root: Path) -> dict[str, str]:
    """Every committed file at HEAD: path -> object name (empty before the first commit)."""
    try:
        entries = git.tree_entries(root, "HEAD", [])
    except git.GitError:
        return {}
    return {entry.path: entry.blob for entry in entries if entry.mode in git.REGULAR_FILE_MODES}


def mirror(gh: FakeGitHub, root: Path, before: dict[str, str]) -> dict[str, str]:
    """Put the repository's new commits onto the server's default branch, as one push."""
    after = snapshot(root)
    if after == before:
        return before
    changed = [path for path, blob in after.items() if before.get(path) != blob]
    contents = git.read_blobs(root, [after[path] for path in changed])
    changes: dict[str, bytes | None] = {path: contents[after[path]] for path in changed}
    changes.update({path: None for path in before if path not in after})
    state = gh.state
    with state.lock:
        state.git.write(
            state.default_branch,
            changes,
            "Push from the local repository",
            state.signature(state.owner),
        )
    return after


def serve(arguments: argparse.Namespace) -> int:
    root = Path(arguments.repo).resolve()
    files = snapshot(root)
    contents = git.read_blobs(root, list(files.values()))
    gh = FakeGitHub(
        owner=arguments.owner,
        repo=arguments.name,
        token=arguments.token,
        login=arguments.login,
        default_branch=git.current_branch(root) or "main",
        files={path: contents[blob] for path, blob in files.items()} or None,
    )
    gh.start()
    print("# incidentflow rehearsal server: paste these lines into the other terminal", flush=True)
    for name, value in {**gh.env(), "INCIDENTFLOW_WRITE_PAUSE": "0"}.items():
        print(f"export {name}={value}", flush=True)
    print(f"# following {root}; Ctrl-C stops", flush=True)
    shown = 0
    try:
        while True:
            time.sleep(arguments.poll)
            files = mirror(gh, root, files)
            entries = gh.requests
            for exchange in entries[shown:]:
                print(f"  {exchange.method:6} {exchange.path} -> {exchange.status}", flush=True)
            shown = len(entries)
    except KeyboardInterrupt:
        pass
    finally:
        gh.stop()
    return 0


def _request(method: str, path: str, body: Any = None) -> Any:
    missing = [name for name in ENV_NAMES if not os.environ.get(name)]
    if missing:
        raise SystemExit(f"set {', '.join(missing)}: paste the lines the server printed")
    api = os.environ["GITHUB_API_URL"].rstrip("/")
    request = urllib.request.Request(
        f"{api}/repos/{os.environ['GITHUB_REPOSITORY']}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode("utf-8"),
        headers={
            "Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}",
            "Accept": "application/vnd.github+json",
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def file_issue(arguments: argparse.Namespace) -> int:
    answers = {
        form.TITLE.id: arguments.title,
        form.OBSERVED.id: arguments.observed,
        form.SOURCE.id: arguments.source,
        form.SEVERITY.id: arguments.severity,
        form.PERSONAL_DATA.id: arguments.personal_data,
        form.AFFECTED.id: arguments.affected,
    }
    body = "\n\n".join(
        f"### {field.label}\n\n{answers.get(field.id) or form.NO_RESPONSE}" for field in form.FIELDS
    )
    issue = _request(
        "POST",
        "/issues",
        {
            "title": f"[障害 / Incident] {arguments.title}",
            "body": body,
            "labels": [arguments.label],
        },
    )
    print(json.dumps({"action": "opened", "issue": issue}, ensure_ascii=False, indent=2))
    return 0


def merge(arguments: argparse.Namespace) -> int:
    result = _request("PUT", f"/pulls/{arguments.number}/merge", {})
    print(f"merged #{arguments.number}: {result.get('sha')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    parser.add_argument("--repo", default=".", help="the incident repository to follow")
    parser.add_argument("--owner", default="acme")
    parser.add_argument("--name", default="incidents")
    parser.add_argument("--token", default="rehearsal-token")
    parser.add_argument("--login", default="incidentflow-bot", help="the token's account")
    parser.add_argument("--poll", type=float, default=1.0, help=argparse.SUPPRESS)

    filing = commands.add_parser("file-issue", help="file the declaration form")
    filing.add_argument("--title", required=True)
    filing.add_argument("--observed", required=True)
    filing.add_argument("--source", default="ショップからの問い合わせ / Shop inquiry")
    filing.add_argument("--severity", default="分からない / Not sure")
    filing.add_argument("--personal-data", default="分からない / Unknown")
    filing.add_argument("--affected", default="")
    filing.add_argument("--label", default="incident-declaration")

    merging = commands.add_parser("merge", help="merge a pull request")
    merging.add_argument("number", type=int)

    arguments = parser.parse_args(argv)
    if arguments.command == "file-issue":
        return file_issue(arguments)
    if arguments.command == "merge":
        return merge(arguments)
    return serve(arguments)


if __name__ == "__main__":
    sys.exit(main())
