"""Example folders drive end-to-end runs of the real CLI: valid ones pass, invalid ones fail
with exactly the rule codes and lines that ``expected.yaml`` states."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import PROJECT_ROOT, run_incident

EXAMPLES = PROJECT_ROOT / "tests" / "examples"
EXPECTED = YAML(typ="safe").load((EXAMPLES / "invalid" / "expected.yaml").read_text("utf-8"))
VALID = sorted((EXAMPLES / "valid").glob("*.md"))


def _install(repo: Path, source: Path) -> Path:
    target = repo / "incidents" / "2026" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target


@pytest.mark.parametrize("source", VALID, ids=lambda p: p.stem)
def test_valid_example_passes(repo: Path, source: Path) -> None:
    _install(repo, source)
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 0, result.stdout
    assert result.json() == {"files": 1, "findings": []}


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.split("-")[-2])
def test_invalid_example_fails_with_expected_codes_and_lines(repo: Path, name: str) -> None:
    _install(repo, EXAMPLES / "invalid" / name)
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 1, result.stdout
    payload = result.json()
    errors = sorted((f["code"], f["line"]) for f in payload["findings"] if f["level"] == "error")
    expected = sorted((e["code"], e["line"]) for e in EXPECTED[name]["errors"])
    assert errors == expected, payload
    for finding in payload["findings"]:
        assert finding["path"] == f"incidents/2026/{name}"
        assert finding["column"] is None or finding["column"] >= 1
        assert finding["message"]


def test_every_invalid_file_has_an_expectation() -> None:
    files = {p.name for p in (EXAMPLES / "invalid").glob("*.md")}
    assert files == set(EXPECTED)


def test_project_incidents_are_valid() -> None:
    result = run_incident("validate", "--format", "json", cwd=PROJECT_ROOT)
    assert result.code == 0, result.stdout
    assert result.json()["findings"] == []


def test_validate_outside_any_repository_is_a_usage_error(tmp_path: Path) -> None:
    result = run_incident("validate", cwd=tmp_path)
    assert result.code == 2
    assert "no incidents/ folder and no incidentflow.yaml" in result.stderr


def test_config_alone_is_enough_for_an_empty_repository(tmp_path: Path) -> None:
    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    result = run_incident("validate", cwd=tmp_path)
    assert result.code == 0 and "0 files checked" in result.stdout


def test_config_option_swaps_only_the_config(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "custom.yaml"
    other.parent.mkdir()
    other.write_bytes((repo / "incidentflow.yaml").read_bytes())
    created = run_incident("--config", str(other), "new", "Via another config", cwd=repo)
    assert created.code == 0
    assert (repo / created.stdout.strip()).is_file()


def test_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    assert run_incident("-C", str(tmp_path / "nope"), "validate", cwd=tmp_path).code == 2
