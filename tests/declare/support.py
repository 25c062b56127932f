"""Helpers for the declaration tests: real event payloads with a form body or an alert, a
repository mirrored on FakeGitHub, and the real `incident declare` against it."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from incidentflow.declare import form
from tests.conftest import Result, run_incident
from tests.fake_github import FakeGitHub
from tests.sync.support import FAST, commit_all, committed_files

FIXTURES = Path(__file__).parent / "fixtures"
LABEL = "incident-declaration"


def fixture(name: str) -> dict[str, Any]:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def form_body(answers: Mapping[str, str | None]) -> str:
    """An issue body as GitHub writes it for the declaration form: each field's label as a
    level-3 heading, then the answer, or `_No response_`."""
    chunks = []
    for field in form.FIELDS:
        value = answers.get(field.id)
        chunks.append(f"### {field.label}\n\n{value if value else form.NO_RESPONSE}")
    return "\n\n".join(chunks)


GOOD_ANSWERS: dict[str, str | None] = {
    "title": "Card payments time out",
    "observed": "Three shops called support: checkout spins, then fails. Since about 09:40.",
    "source": "ショップからの問い合わせ / Shop inquiry",
    "severity": "sev2: SEV2 (高) / SEV2 (high)",
    "personal_data": "いいえ / No",
    "affected": "Payments; about 30 shops",
}


def serve(factory: Any, repo: Path, **kwargs: Any) -> FakeGitHub:
    commit_all(repo)
    server: FakeGitHub = factory(files=committed_files(repo), collaborators=["sato"], **kwargs)
    return server


def file_issue(
    gh: FakeGitHub,
    tmp: Path,
    answers: Mapping[str, str | None] | None = None,
    *,
    body: str | None = None,
    title: str = "[障害 / Incident] Card payments time out",
    labels: tuple[str, ...] = (LABEL,),
    association: str = "MEMBER",
    name: str = "event.json",
) -> tuple[int, Path]:
    """Open the issue on the server and write the `issues` event GitHub would send for it:
    the octokit example, with this issue's number, title, body, labels and author."""
    text = body if body is not None else form_body(answers or GOOD_ANSWERS)
    issue = gh.state.create_issue(title, text, labels=labels, author="sato")
    event = write_issue_event(gh, tmp, issue.number, text, title, labels, association, name)
    return issue.number, event


def write_issue_event(
    gh: FakeGitHub,
    tmp: Path,
    number: int,
    body: str,
    title: str,
    labels: tuple[str, ...],
    association: str = "MEMBER",
    name: str = "event.json",
) -> Path:
    event = copy.deepcopy(fixture("issues-opened.json"))
    issue = event["issue"]
    issue.update(
        number=number,
        title=title,
        body=body,
        author_association=association,
        html_url=f"{gh.web_url}/{gh.repository}/issues/{number}",
        created_at="2026-11-29T00:40:00Z",
        labels=[{**issue["labels"][0], "name": label} for label in labels],
    )
    issue["user"]["login"] = "sato"
    path = tmp / name
    path.write_text(json.dumps(event, ensure_ascii=False), encoding="utf-8")
    return path


def write_alert_event(tmp: Path, payload: Mapping[str, Any], name: str = "alert.json") -> Path:
    event = copy.deepcopy(fixture("repository-dispatch.json"))
    event["action"] = "incident-alert"
    event["client_payload"] = dict(payload)
    path = tmp / name
    path.write_text(json.dumps(event, ensure_ascii=False), encoding="utf-8")
    return path


def declare(repo: Path, gh: FakeGitHub, *args: str) -> Result:
    return run_incident("declare", *args, cwd=repo, env={**gh.env(), **FAST})


def pulls(gh: FakeGitHub) -> list[Any]:
    return sorted(gh.state.pulls, key=lambda item: item.number)


INDEX = "incidents/README.md"


def branch_files(gh: FakeGitHub, branch: str) -> dict[str, bytes]:
    """The files a branch changes since it forked from the default branch, with contents."""
    git = gh.state.git
    base, head = git.resolve(gh.state.default_branch), git.resolve(branch)
    assert base is not None and head is not None
    changed = git.head_changes(base.sha, head.sha)
    return {path: gh.state.read_file(branch, path) or b"" for path in changed}


def declaration_files(gh: FakeGitHub, branch: str) -> dict[str, bytes]:
    """The incident files a branch changes (the index it brings along is ``branch_files``')."""
    return {path: raw for path, raw in branch_files(gh, branch).items() if path != INDEX}
