"""The personal-data guard inside `incident validate` and `incident check`."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PROJECT_ROOT, Result, run_incident
from tests.gate.fixtures import PATH, commit, incident, start_branch

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
    return [(f["code"], f["line"], f["column"]) for f in result.json()["findings"]]


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


def _levels(result: Result) -> list[tuple[str, str, int, int, str]]:
    return [
        (f["code"], f["level"], f["line"], f["column"], f["message"])
        for f in result.json()["findings"]
    ]


def test_allow_entry_in_the_file_with_a_reason(repo: Path) -> None:
    text = (
        BASE.replace(
            "  assessed_by: Tanaka (security)",
            "  assessed_by: Tanaka (security)\n  allow:\n    - value: 03-1234-5678\n"
            "      reason: our own support line, printed on every invoice",
        )
        + "\nShops were told to call 03-1234-5678.\n"
    )
    result = _validate(repo, text)
    assert result.code == 0  # notices never fail the check
    lines = text.splitlines()
    in_prose = next(n for n, line in enumerate(lines, 1) if line.startswith("Shops were"))
    found = _levels(result)
    # The entry's own value and every use are shown to the reviewer, with the entry named.
    assert [(code, level, line, column) for code, level, line, column, _ in found] == [
        ("PD104", "notice", 19, 14),
        ("PD104", "notice", in_prose, 25),
    ]
    for *_, message in found:
        assert "03-****-5678" in message
        assert "personal_data.allow[0] of this file" in message
        assert "our own support line" in message


def test_allow_entry_covers_the_value_in_disguise_and_says_so(repo: Path) -> None:
    text = (
        BASE.replace(
            "  assessed_by: Tanaka (security)",
            "  assessed_by: Tanaka (security)\n  allow:\n    - value: 03-1234-5678\n"
            "      reason: our own support line",
        )
        + "\nShops were told to call 03\u200b1234\u200b5678.\n"
    )
    result = _validate(repo, text)
    assert result.code == 0
    assert [(code, level) for code, level, *_ in _levels(result)] == [("PD104", "notice")] * 2


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
    result = _validate(repo, BASE + "\nHotline 0120-123-456 was overloaded.\n")
    assert result.code == 0
    ((code, level, _, column, message),) = _levels(result)
    assert (code, level, column) == ("PD104", "notice", 9)
    assert "privacy.allow[0] of the config ('company support hotline')" in message
    assert "0120-***-*56" in message


def test_hits_past_fifty_are_counted_in_one_finding(repo: Path) -> None:
    numbers = "".join(f"- caller 090-1234-{n:04d}\n" for n in range(120))
    result = _validate(repo, BASE + "\n" + numbers)
    assert result.code == 1
    found = _levels(result)
    first_line = len(BASE.splitlines()) + 2
    assert [(c, lv) for c, lv, *_ in found] == [("PD104", "error")] * 50 + [("PD100", "error")]
    *_, line, column, message = found[-1]
    assert (line, column) == (first_line + 50, 10)
    assert "70 more" in message and "phone number: 70" in message


def test_gate_refuses_personal_data(repo: Path) -> None:
    start_branch(repo, {PATH: incident("investigating")})
    commit(repo, "leak", {PATH: incident("investigating") + "\nCaller: 090-1234-5678\n"})
    result = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert result.code == 1
    assert [f["code"] for f in result.json()["findings"]] == ["PD104"]
