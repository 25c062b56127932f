"""The installed command in a subprocess, as a user runs it, and the one error handler."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from incidentflow.cli.errors import exit_code_for
from incidentflow.cli.output import OutputFormat
from incidentflow.errors import ConfigError, UsageError
from incidentflow.forge.interface import ForgeError
from incidentflow.rules.findings import Finding, Level
from tests.conftest import PROJECT_ROOT, run_incident, run_incident_process


def test_version_and_validate_through_the_console_script() -> None:
    assert run_incident_process("--version", cwd=PROJECT_ROOT).stdout.startswith("incident, ")
    result = run_incident_process("validate", cwd=PROJECT_ROOT)
    assert result.code == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


def test_in_process_and_subprocess_runs_agree(repo: Path) -> None:
    inside = run_incident("validate", "--format", "json", cwd=PROJECT_ROOT)
    outside = run_incident_process("validate", "--format", "json", cwd=PROJECT_ROOT)
    assert (inside.code, inside.json()) == (outside.code, outside.json())


def test_a_bad_pacing_variable_is_a_usage_error_not_a_bug(repo: Path) -> None:
    """It once exited 3, 'this is a bug'."""
    env = {"INCIDENTFLOW_WRITE_PAUSE": "abc", "GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "a/b"}
    result = run_incident_process("sync", "--dry-run", cwd=repo, env=env)
    assert result.code == 2, result.stderr
    assert "INCIDENTFLOW_WRITE_PAUSE" in result.stderr


@pytest.mark.parametrize(
    ("error", "code", "says"),
    [
        (UsageError("no base", "--base"), 2, "incident check: --base: no base"),
        (
            ConfigError([Finding("incidentflow.yaml", 1, 1, "CF010", Level.ERROR, "bad")]),
            2,
            "CF010",
        ),
        (ForgeError("GitHub said 502"), 1, "GitHub said 502"),
        (KeyboardInterrupt(), 130, "interrupted"),
        (click.exceptions.Abort(), 130, "interrupted"),
        (RuntimeError("boom"), 3, "internal error (RuntimeError: boom); this is a bug"),
    ],
)
def test_one_handler_maps_every_ending(
    error: BaseException, code: int, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_code_for(error, OutputFormat.TEXT, "check") == code
    captured = capsys.readouterr()
    assert says in captured.out + captured.err
    assert "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) <= 3
