"""The config is validated with the same quality of findings as incident files."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentflow.config.settings import default_config_text, parse_config
from incidentflow.errors import ConfigError
from tests.conftest import PROJECT_ROOT

TEXT = (PROJECT_ROOT / "incidentflow.yaml").read_text("utf-8")


def test_repository_config_is_the_packaged_default() -> None:
    assert default_config_text() == TEXT


def test_default_config_parses() -> None:
    config = parse_config(TEXT, "incidentflow.yaml")
    assert config.stakeholder_keys == [
        "engineering",
        "cs",
        "sales",
        "legal",
        "security",
        "pr",
        "liaison",
        "management",
    ]
    assert config.timezone == "Asia/Tokyo"


def test_checklist_templates_exist() -> None:
    config = parse_config(TEXT, "incidentflow.yaml")
    for team in config.stakeholders:
        for language in ("ja", "en"):
            assert (PROJECT_ROOT / team.checklist[language]).is_file(), team.key


def _errors(text: str) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "incidentflow.yaml")
    return [(f.code, f.line, f.message) for f in caught.value.findings]


def _line_of(needle: str, text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_rule_naming_an_unknown_team() -> None:
    text = TEXT.replace(
        "require_stakeholders: [legal, security]", "require_stakeholders: [legal, securty]"
    )
    [(code, line, message)] = _errors(text)
    assert code == "CF042"
    assert line == _line_of("require_stakeholders: [legal, securty]", text)
    assert "Did you mean 'security'" in message


def test_condition_on_an_unknown_field() -> None:
    text = TEXT.replace("{field: severity, equals: sev1}", "{field: severty, equals: sev1}")
    [(code, _, message)] = _errors(text)
    assert code == "CF041" and "severity" in message


def test_condition_with_two_operators() -> None:
    text = TEXT.replace(
        "{field: severity, equals: sev1}", "{field: severity, equals: sev1, in: [sev2]}"
    )
    [(code, line, message)] = _errors(text)
    assert code == "CF021" and "exactly one operator" in message
    assert line == _line_of("{field: severity, equals: sev1, in: [sev2]}", text)


def test_unknown_top_level_key_suggests() -> None:
    text = TEXT.replace("escalation:\n", "escalaton:\n")
    [(code, line, message)] = _errors(text)
    assert code == "CF020" and "Did you mean 'escalation'" in message
    assert line == _line_of("escalaton:", text)


def test_unknown_time_zone() -> None:
    [(code, line, _)] = _errors(TEXT.replace("timezone: Asia/Tokyo", "timezone: Mars/Base"))
    assert code == "CF021" and line == _line_of("timezone:", TEXT)


def test_yaml_errors_use_config_codes(tmp_path: Path) -> None:
    [(code, line, _)] = _errors("version: 1\nseverities:\n\t- key: x\n")
    assert code == "CF010" and line == 3
