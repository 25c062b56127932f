"""The exported JSON Schema: draft-07, in step with the models, and agreeing with the validator
on the example incidents, so an editor flags what `incident validate` flags."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from incidentflow.config.settings import load_config
from incidentflow.record.json_schema import render_schema
from incidentflow.record.load import _safe_loader
from tests.conftest import PROJECT_ROOT, run_incident

SCHEMA = json.loads((PROJECT_ROOT / "schemas" / "incident.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
EXAMPLES = sorted(
    [
        *(PROJECT_ROOT / "incidents").rglob("INC-*.md"),
        *(PROJECT_ROOT / "tests" / "examples" / "valid").glob("*.md"),
    ]
)


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    data = _safe_loader().load(text[4 : text.index("\n---\n", 3)])
    assert isinstance(data, dict)
    return data


def test_schema_is_draft_07() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert "$defs" not in json.dumps(SCHEMA)


def test_file_matches_models_and_config() -> None:
    config = load_config(PROJECT_ROOT / "incidentflow.yaml").config
    assert render_schema(config) == (PROJECT_ROOT / "schemas/incident.schema.json").read_text()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_valid_incidents_pass_the_schema(path: Path) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(front_matter(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("status", "missing"),
    [("investigating", "investigation"), ("decided", "decision"), ("resolved", "resolved_at")],
)
def test_schema_requires_the_next_phase(status: str, missing: str) -> None:
    data = front_matter(PROJECT_ROOT / "tests/examples/valid/INC-20261102-0915-search-slow-ab12.md")
    data = {key: value for key, value in data.items() if key != "investigation"}
    data["status"] = status
    messages = [error.message for error in VALIDATOR.iter_errors(data)]
    assert any(f"'{missing}' is a required property" in m for m in messages), messages


def test_conditional_personal_data_rules_are_in_the_schema() -> None:
    data = front_matter(PROJECT_ROOT / "tests/examples/valid/INC-20261102-0915-search-slow-ab12.md")
    data["personal_data"] = {"status": "suspected"}
    messages = [error.message for error in VALIDATOR.iter_errors(data)]
    assert "'escalated_at' is a required property" in messages
    data["personal_data"] = {"status": "unknown"}
    assert not VALIDATOR.is_valid(data)


def test_schema_check_detects_drift(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "incidentflow.yaml").write_text(
        (PROJECT_ROOT / "incidentflow.yaml")
        .read_text("utf-8")
        .replace("  - key: sev4", "  - key: sev5")
        .replace("SEV4 (低)", "SEV5")
        .replace("SEV4 (low)", "SEV5"),
        "utf-8",
    )
    (tmp_path / "schemas" / "incident.schema.json").write_text(json.dumps(SCHEMA), "utf-8")
    result = run_incident("schema", "--check", cwd=tmp_path)
    assert result.code == 1 and "SC001" in result.stdout
    assert run_incident("schema", cwd=tmp_path).code == 0
    assert run_incident("schema", "--check", cwd=tmp_path).code == 0
