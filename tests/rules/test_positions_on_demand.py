"""A clean file is parsed once: positions are looked up only for findings, heavy files too."""

from __future__ import annotations

import sys

import pytest

from incidentflow.config.settings import load_config
from incidentflow.config.workspace import Repository
from incidentflow.rules.findings import Level
from incidentflow.rules.run import validate_bytes
from tests.conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
from bench_corpus import (  # type: ignore[import-not-found]
    examples,
    heaviest_personal_data,
    with_long_body,
    with_many_prevention_items,
)

REPOSITORY = Repository(PROJECT_ROOT, load_config(PROJECT_ROOT / "incidentflow.yaml").config)
TEMPLATES = examples()
HEAVY = heaviest_personal_data(TEMPLATES)
FILES = {
    **{template.incident_id: template.copy(number) for number, template in enumerate(TEMPLATES)},
    "long body": HEAVY.copy(100, with_long_body(HEAVY.text, 100_000)),
    "many prevention items": HEAVY.copy(101, with_many_prevention_items(HEAVY.text, 40)),
}


@pytest.mark.parametrize("name", list(FILES))
def test_clean_files_need_no_positions(name: str) -> None:
    relative, text = FILES[name]
    result, findings = validate_bytes(REPOSITORY, text.encode("utf-8"), relative)
    assert result is not None
    assert [f for f in findings if f.level is not Level.NOTICE] == []
    assert not result.parsed_for_positions


def test_the_heavy_example_has_clocks() -> None:
    relative, text = FILES[HEAVY.incident_id]
    result, _ = validate_bytes(REPOSITORY, text.encode("utf-8"), relative)
    assert result is not None and result.clocks


def test_a_finding_parses_for_its_position() -> None:
    relative, text = FILES[HEAVY.incident_id]
    broken = text.replace("severity: sev1", "severity: sev9", 1)
    result, findings = validate_bytes(REPOSITORY, broken.encode("utf-8"), relative)
    assert result is not None and result.parsed_for_positions
    line = broken.splitlines().index("severity: sev9") + 1
    assert [(f.code, f.line, f.column) for f in findings] == [("IF043", line, 11)]
