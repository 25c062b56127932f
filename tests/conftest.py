"""Shared fixtures: real git repositories in temp dirs and the real `incident` command."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from incidentflow.cli.main import main
from tests.fake_github.fixtures import (  # noqa: F401 - fixtures for every test module
    fake_github,
    fake_github_env,
    fake_github_factory,
)

# HYPOTHESIS_PROFILE=long runs the property tests with many more examples.
settings.register_profile("default", max_examples=300)
settings.register_profile("long", max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXED_NOW = "2026-11-29T12:00:00+09:00"


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test may read or write the user's home, and every run sees the same clock."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("INCIDENTFLOW_NOW", FIXED_NOW)
    # Messages in English unless a test asks for the repository's language: most tests read
    # English text, and tests/words reads every output in Japanese (INCIDENTFLOW_LANG=ja, or
    # unset to follow the config's `language`).
    monkeypatch.setenv("INCIDENTFLOW_LANG", "en")
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "Test Author")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "author@test.invalid")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # An empty template: `git init` then writes no sample hooks, a third of a repository's files,
    # which every test's teardown would otherwise delete again.
    template = tmp_path_factory.getbasetemp() / "git-template"
    template.mkdir(exist_ok=True)
    monkeypatch.setenv("GIT_TEMPLATE_DIR", str(template))
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_TOKEN",
        "GITHUB_REPOSITORY",
        "GITHUB_API_URL",
        "GITHUB_EVENT_PATH",
        "GITHUB_BASE_REF",
        "GITHUB_SERVER_URL",
        "INCIDENTFLOW_BOT_LOGIN",
        "INCIDENTFLOW_WRITE_PAUSE",
        "INCIDENTFLOW_MAX_WAIT",
        "INCIDENTFLOW_LOCK_WAIT",
    ):
        monkeypatch.delenv(name, raising=False)
    yield
    leftovers = [p.name for p in Path(home).iterdir() if p.name not in (".gitconfig",)]
    assert not leftovers, f"test wrote into HOME: {leftovers}"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        data = json.loads(self.stdout)
        assert isinstance(data, dict)
        return data


def run_incident(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run the real command line in this process: ``main(argv)``, the function the console
    script calls, with the working directory, environment and standard streams of a run."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="")
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="")
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    saved_streams = sys.stdout, sys.stderr
    os.environ.update(env or {})
    os.chdir(cwd)
    sys.stdout, sys.stderr = stdout, stderr
    try:
        code = main(list(args))
    finally:
        sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        stdout.flush()
        stderr.flush()
    result = Result(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))
    assert "Traceback" not in result.stderr, result.stderr
    assert code != 3, result.stderr
    return result


def run_incident_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run the installed command in a subprocess, exactly as a user would (smoke tests)."""
    completed = subprocess.run(
        [sys.executable, "-m", "incidentflow", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return Result(completed.returncode, completed.stdout, completed.stderr)


def git(cwd: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh git repository with the project's config and empty incidents/."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copy(PROJECT_ROOT / "incidentflow.yaml", root / "incidentflow.yaml")
    (root / "incidents").mkdir()
    return root
