"""The personal-data guard inside `incident validate` and `incident check`."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PROJECT_ROOT, Result, run_incident
from tests.gate_fixtures import PATH, commit, incident, start_branch

BASE = (PROJECT_ROOT / "tests/examples/valid/INC-20261102-0915-search-slow-ab12.md").read_text(
    "utf-8"
)
NAME = "incidents/2026/INC-20261102-0915-search-slow-ab12.md"


def _validate(repo: Path, text: str) -> Result:
    target = repo / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    return run_incident("validate", "--format", "json", cwd=repo)


def _hits(result: Result) -> list[tuple[str, int, int]]:
    return [
        (f["code"], f["line"], f["column"])
        for f in result.json()["findings"]  # type: ignore[union-attr]
    ]


def test_each_kind_fails_on_its_line_and_column(repo: Path) -> None:
    body = (
        "\n## Timeline\n\n"
        "- 10:00 JST カード 4111 1111 1111 1111 で決済失敗\n"
        "- 10:05 JST マイナンバー 1234 5678 9018 を含むファイル\n"
        "- 10:10 JST 連絡先 taro.yamada@gmail.com\n"
        "- 10:15 JST お客様（090-1234-5678）から問い合わせ\n"
        "- 10:20 JST 注文 1,234,567 件、v2.14.1、2026-11-02T10:20:00+09:00\n"
    )
    result = _validate(repo, BASE + body)
    assert result.code == 1
    lines = (BASE + body).splitlines()

    def at(value: str) -> tuple[int, int]:
        number = next(n for n, line in enumerate(lines, 1) if value in line)
        return number, lines[number - 1].index(value) + 1

    assert _hits(result) == [
        ("PD101", *at("4111 1111 1111 1111")),
        ("PD102", *at("1234 5678 9018")),
        ("PD103", *at("taro.yamada@gmail.com")),
        ("PD104", *at("090-1234-5678")),
    ]
    assert "4111 1111 1111 1111" not in result.stdout  # messages never repeat the value


def test_front_matter_is_scanned_too(repo: Path) -> None:
    text = BASE.replace("reported_by: Sato (SRE)", "reported_by: sato.private@gmail.com")
    assert _hits(_validate(repo, text)) == [("PD103", 11, 16)]


def test_staff_domain_is_allowed(repo: Path) -> None:
    text = BASE.replace("reported_by: Sato (SRE)", "reported_by: sato@acme.example")
    assert _validate(repo, text).code == 0


def test_allow_entry_in_the_file_with_a_reason(repo: Path) -> None:
    text = (
        BASE.replace(
            "  assessed_by: Tanaka (security)",
            "  assessed_by: Tanaka (security)\n  allow:\n    - value: 03-1234-5678\n"
            "      reason: our own support line, printed on every invoice",
        )
        + "\nShops were told to call 03-1234-5678.\n"
    )
    assert _validate(repo, text).code == 0


def test_allow_entry_without_reason_does_not_count(repo: Path) -> None:
    text = (
        BASE.replace(
            "  assessed_by: Tanaka (security)",
            "  assessed_by: Tanaka (security)\n  allow:\n"
            "    - value: 03-1234-5678\n      reason: ''",
        )
        + "\nShops were told to call 03-1234-5678.\n"
    )
    codes = [code for code, _, _ in _hits(_validate(repo, text))]
    assert "PD104" in codes


def test_config_allow_entry(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  allow: []",
            "  allow:\n    - value: 0120-123-456\n      reason: company support hotline",
        ),
        "utf-8",
    )
    assert _validate(repo, BASE + "\nHotline 0120-123-456 was overloaded.\n").code == 0


def test_gate_refuses_personal_data(repo: Path) -> None:
    start_branch(repo, {PATH: incident("investigating")})
    commit(repo, "leak", {PATH: incident("investigating") + "\nCaller: 090-1234-5678\n"})
    result = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert result.code == 1
    assert [f["code"] for f in result.json()["findings"]] == ["PD104"]  # type: ignore[union-attr]
