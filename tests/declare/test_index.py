"""A declaration brings the incident index along: its pull request passes the gate's index
check, and a re-run writes nothing twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from incidentflow.declare.markers import DeclarationMarker
from tests.conftest import git, run_incident
from tests.declare.support import (
    INDEX,
    branch_files,
    declare,
    file_issue,
    pulls,
    serve,
    write_alert_event,
)
from tests.sync.support import commit_all


def with_index(repo: Path) -> None:
    assert run_incident("index", cwd=repo).code == 0
    commit_all(repo)


def test_the_declarations_pull_request_holds_the_index_with_the_new_incident(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    with_index(repo)
    gh = serve(fake_github_factory, repo)
    _, event = file_issue(gh, tmp_path)

    assert declare(repo, gh, "--from-issue", str(event)).code == 0
    assert declare(repo, gh, "--from-issue", str(event)).code == 0  # a re-run

    (pull,) = pulls(gh)
    marker = DeclarationMarker.parse(pull.body or "")
    assert marker is not None and pull.pull is not None
    files = branch_files(gh, pull.pull.head)
    assert sorted(files) == sorted([marker.path, INDEX])
    index = files[INDEX].decode("utf-8")
    assert f"[{marker.incident_id}](" in index
    assert gh.count("PUT", r"/contents/incidents/README\.md$") == 1, "written once"

    # The pull request as the gate sees it: the same index `incident index` writes.
    git(repo, "switch", "-q", "-c", "declaration")
    for path, raw in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(raw)
    commit_all(repo)
    checked = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert "SC002" not in {f["code"] for f in checked.json()["findings"]}, checked.stdout
    assert run_incident("index", "--check", cwd=repo).code == 0


def test_an_alert_declaration_brings_the_index_too(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    with_index(repo)
    gh = serve(fake_github_factory, repo)
    alert = {"title": "Queue backlog", "service": "orders", "dedup_key": "orders-backlog"}

    assert declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, alert))).code == 0

    (pull,) = pulls(gh)
    assert pull.pull is not None
    assert INDEX in branch_files(gh, pull.pull.head)


def test_no_index_when_the_config_turns_it_off(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8") + "index_file: false\n", "utf-8")
    gh = serve(fake_github_factory, repo)
    _, event = file_issue(gh, tmp_path)

    assert declare(repo, gh, "--from-issue", str(event)).code == 0

    (pull,) = pulls(gh)
    assert pull.pull is not None
    assert INDEX not in branch_files(gh, pull.pull.head)
