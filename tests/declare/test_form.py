"""The declaration issue form, and reading its answers back from an issue body."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from incidentflow.config.settings import load_config
from incidentflow.declare import form
from incidentflow.declare.issue_body import match_choice, parse_form_body
from tests.conftest import PROJECT_ROOT
from tests.declare.support import GOOD_ANSWERS, form_body

FORM = PROJECT_ROOT / form.FORM_PATH
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def test_the_shipped_form_is_the_one_the_config_writes() -> None:
    config = load_config(PROJECT_ROOT / "incidentflow.yaml").config
    assert FORM.read_text(encoding="utf-8") == form.render_form(config), (
        "the severities changed: rewrite the form with python -c 'import pathlib; "
        "from incidentflow.config.settings import load_config as l; "
        "from incidentflow.declare.form import FORM_PATH as p, render_form as r; "
        'pathlib.Path(p).write_text(r(l(pathlib.Path("incidentflow.yaml")).config))\''
    )


def test_the_form_matches_githubs_issue_forms_schema(tmp_path: Path) -> None:
    pytest.importorskip("check_jsonschema")
    proc = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-issue-forms", str(FORM)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_answers_come_back_as_typed() -> None:
    answers = parse_form_body(form_body(GOOD_ANSWERS))
    assert answers.values == {key: value for key, value in GOOD_ANSWERS.items() if value}


def test_crlf_bodies_empty_answers_and_unclosed_fences() -> None:
    body = form_body({**GOOD_ANSWERS, "observed": "```\nnever closed", "affected": None})
    answers = parse_form_body(body.replace("\n", "\r\n"))
    assert answers.get(form.OBSERVED) == "```\nnever closed"
    assert answers.get(form.AFFECTED) is None, "_No response_ is no answer"
    assert answers.get(form.PERSONAL_DATA) == GOOD_ANSWERS["personal_data"]


def test_a_form_edited_to_one_language_still_reads() -> None:
    body = "### 件名\n\n決済停止\n\n### What was observed\n\nCheckout fails.\n"
    answers = parse_form_body(body)
    assert answers.get(form.TITLE) == "決済停止"
    assert answers.get(form.OBSERVED) == "Checkout fails."


def test_every_option_maps_back_to_its_choice() -> None:
    config = load_config(PROJECT_ROOT / "incidentflow.yaml").config
    for field in (form.SOURCE, form.SEVERITY, form.PERSONAL_DATA):
        for choice in form.choices_for(field, config):
            assert match_choice(choice.label, form.choices_for(field, config)) == choice
    assert match_choice("Shop inquiry", form.SOURCES) == form.SOURCES[0]
    assert match_choice("sev1", form.severity_choices(config)) is not None
    assert match_choice("sev9: made up", form.severity_choices(config)) is None
