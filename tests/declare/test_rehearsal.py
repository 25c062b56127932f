"""A new team's first rehearsal, as the README tells it: `incident init` in an empty
repository, then declarations, the sync, the gate and reminders through the real CLI against
the local GitHub-compatible server that `scripts/fake_github_server.py` runs."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from incidentflow.declare.markers import DeclarationMarker
from tests.conftest import FIXED_NOW, PROJECT_ROOT, git, run_incident
from tests.declare.support import declaration_files, pulls, write_alert_event
from tests.sync.support import FAST


def server_script() -> ModuleType:
    path = PROJECT_ROOT / "scripts" / "fake_github_server.py"
    spec = importlib.util.spec_from_file_location("fake_github_server", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


INDEX = "incidents/README.md"


def commit(root: Path, message: str, *paths: str) -> None:
    git(root, "add", "--", *(paths or (".",)))
    git(root, "commit", "-q", "-m", message)


def test_from_an_empty_repository_to_a_rehearsed_incident(
    tmp_path: Path,
    fake_github_factory: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script = server_script()
    root = tmp_path / "incidents-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")

    # 1. Adopt: init writes everything; the team commits it.
    assert run_incident("init", "--org", "acme", "-y", cwd=root).code == 0
    commit(root, "Adopt incidentflow")

    # 2. The local server holds what the repository committed (as the script starts it).
    files = script.snapshot(root)
    contents = script.git.read_blobs(root, list(files.values()))
    gh = fake_github_factory(files={path: contents[blob] for path, blob in files.items()})
    env = {**gh.env(), **FAST}
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    # 3. Support files the form: personal data might be involved.
    assert script.main(
        ["file-issue", "--title", "決済が失敗する", "--observed", "ショップから3件の問い合わせ。",
         "--severity", "sev2: SEV2 (高) / SEV2 (high)", "--personal-data", "はい / Yes"]
    ) == 0  # fmt: skip
    event = tmp_path / "issue-event.json"
    event.write_text(capsys.readouterr().out, encoding="utf-8")
    declared = run_incident("declare", "--from-issue", str(event), cwd=root, env=env)
    assert declared.code == 0, declared.stdout + declared.stderr

    # 4. An alerting system posts an alert, then the same alert again.
    alert = {"title": "Checkout 5xx above 5%", "service": "checkout", "dedup_key": "checkout-5xx"}
    for name in ("first.json", "again.json"):
        payload = {**alert, "title": f"{alert['title']} ({name})"}
        result = run_incident(
            "declare", "--from-alert", str(write_alert_event(tmp_path, payload, name)),
            cwd=root, env=env,
        )  # fmt: skip
        assert result.code == 0, result.stdout + result.stderr

    # One branch, one pull request and one valid incident file per declaration.
    declarations = pulls(gh)
    assert len(declarations) == 2
    branches = [b for b in gh.state.git.branches if b.startswith("incidentflow/declare/")]
    assert sorted(branches) == sorted(p.pull.head for p in declarations if p.pull)
    paths: dict[str, str] = {}  # origin -> file
    for pull in declarations:
        assert pull.pull is not None
        marker = DeclarationMarker.parse(pull.body or "")
        assert marker is not None
        assert list(declaration_files(gh, pull.pull.head)) == [marker.path]
        on_server = (gh.state.read_file(pull.pull.head, marker.path) or b"").decode("utf-8")
        if marker.key.startswith("alert-"):
            assert "(again.json)" in on_server, "the repeated alert is a timeline line"
        else:
            assert (root / marker.path).read_text(encoding="utf-8") == on_server
        paths[marker.key.split("-", 1)[0]] = marker.path
    validated = run_incident("validate", "--format", "json", cwd=root)
    assert validated.code == 0 and validated.json()["files"] == 2, validated.stdout

    # 5. The declaration from the form is merged; the team pulls it: the new file and the
    # index it brought. The alert's declaration is not merged: its file lives on its branch.
    issue_pull = next(p for p in declarations if "issue-" in (p.pull.head if p.pull else ""))
    assert script.main(["merge", str(issue_pull.number)]) == 0
    issue_path = paths["issue"]
    (root / paths["alert"]).unlink()
    for path in (issue_path, INDEX):
        merged = gh.state.read_file("main", path)
        assert merged is not None, path
        (root / path).write_bytes(merged)
    commit(root, "Merge the declaration", issue_path, INDEX)
    assert run_incident("index", "--check", cwd=root).code == 0
    files = script.mirror(gh, root, files)

    # 6. The sync escalates at once: legal and security get their checklists.
    synced = run_incident("sync", cwd=root, env=env)
    assert synced.code == 0, synced.stdout + synced.stderr
    titles = [issue.title for issue in gh.state.issues.values() if not issue.is_pull]
    assert any("[Legal]" in title or "[法務]" in title for title in titles), titles
    assert any("security" in title.lower() or "セキュリティ" in title for title in titles)

    # 7. The next phase, through the gate, on a branch.
    git(root, "switch", "-q", "-c", "investigate")
    text = (root / issue_path).read_text(encoding="utf-8")
    text = text.replace("status: detected", "status: investigating")
    text = text.replace(
        "  summary:\n  impact:\n",
        "  summary: Authorisations fail at the processor.\n  impact: Card checkout, 3 shops.\n",
    )
    text = text.replace(
        "  status: suspected\n",
        f"  status: suspected\n  assessed_by: Kimura (security)\n  escalated_at: '{FIXED_NOW}'\n",
    )
    (root / issue_path).write_text(text, encoding="utf-8")
    assert run_incident("index", cwd=root).code == 0  # the phase shows in the index
    commit(root, "Investigating", issue_path, INDEX)
    checked = run_incident("check", "--base", "main", "--format", "json", cwd=root, env=env)
    assert checked.code == 0, checked.stdout + checked.stderr

    # 8. Reminders run against the same server.
    assert run_incident("remind", "--post", cwd=root, env=env).code == 0
    assert json.loads(event.read_text(encoding="utf-8"))["issue"]["number"] == 1
