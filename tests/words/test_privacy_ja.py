"""Every kind of personal-data finding (PD100-PD104) made by the real guard, read in
Japanese: each kind of data found in an incident file and in another file of the incidents
folder, accepted by the file's own allow entry, the config's or a bare one, and the count
past the listing limit; the kinds of data are named in Japanese and the advice says exactly
where an allow entry goes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from incidentflow.config.settings import Config, parse_config
from incidentflow.config.workspace import Repository
from incidentflow.privacy import AllowedValue
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.privacy import LISTED_PER_FILE, text_findings
from incidentflow.rules.run import validate_bytes
from incidentflow.words.findings import message
from incidentflow.words.findings_gate import MESSAGES
from tests.conftest import PROJECT_ROOT
from tests.gate.fixtures import PATH, incident
from tests.words.english import english_sentences

# One value of each kind, and what the Japanese message calls it.
VALUES = {
    "PD101": ("4111 1111 1111 1111", "クレジットカード番号 4111 **** **** 1111"),
    "PD102": ("0642 0642 3011", "マイナンバー（個人番号） **** **** 3011"),
    "PD103": ("taro.dummy@gmail.com", "メールアドレス t***@gmail.com"),
    "PD104": ("090-1234-5678", "電話番号 090-****-5678"),
}
CONFIG_TEXT = (PROJECT_ROOT / "incidentflow.yaml").read_text("utf-8")


def japanese(found: Finding) -> str:
    said = message(found, "ja")
    assert said != found.message, found
    assert re.search("[ぁ-ん]", said), said
    assert english_sentences(said) == [], (found.code, said)
    return said


def kind_of(found: Finding) -> str:
    return dict(found.args).get("kind", "")


def config(allow: str = "[]") -> Config:
    return parse_config(CONFIG_TEXT.replace("  allow: []", f"  allow: {allow}", 1), "x.yaml")


def incident_findings(text: str, settings: Config, tmp_path: Path) -> list[Finding]:
    result, findings = validate_bytes(Repository(tmp_path, settings), text.encode(), PATH)
    assert result is not None
    return [f for f in findings if f.code.startswith("PD")]


@pytest.mark.parametrize("code", list(VALUES))
def test_found_in_an_incident_names_the_data_and_the_allow_entry(code: str, tmp_path: Path) -> None:
    value, named = VALUES[code]
    (found,) = incident_findings(incident("detected") + f"\nお客様: {value}\n", config(), tmp_path)
    assert (found.code, kind_of(found), found.level) == (code, "found", Level.ERROR)
    said = japanese(found)
    assert said.startswith(f"このインシデントファイルに{named} が書かれています。")
    assert "personal_data.allow に value（書かれているとおりの値）と reason" in said
    assert value not in said


@pytest.mark.parametrize("code", list(VALUES))
def test_found_in_another_file_points_at_the_configs_allow(code: str) -> None:
    value, named = VALUES[code]
    (found,) = text_findings("incidents/README.md", f"連絡先 {value}\n", config(), [])
    assert (found.code, kind_of(found)) == (code, "found_in_file")
    said = japanese(found)
    assert said.startswith(f"このファイルに{named} が書かれています。")
    assert "設定ファイル（incidentflow.yaml）の privacy.allow に value" in said


@pytest.mark.parametrize("code", list(VALUES))
def test_accepted_values_name_the_entry_that_accepts_them(code: str, tmp_path: Path) -> None:
    value, named = VALUES[code]
    own = incident("detected").replace(
        "detection:",
        f"personal_data:\n  allow:\n    - value: '{value}'\n      reason: 公開済みのテスト用の値\n"
        "detection:",
        1,
    )
    # The entry's own value is accepted too: it is written in the file.
    *entry, here = incident_findings(own + f"\n例: {value}\n", config(), tmp_path)
    assert [kind_of(f) for f in entry] == ["allowed_here"]
    settings = config(f"[{{value: '{value}', reason: 窓口の代表番号}}]")
    (there,) = incident_findings(incident("detected") + f"\n例: {value}\n", settings, tmp_path)
    (bare,) = text_findings("x.md", f"例: {value}\n", config(), [AllowedValue(value, "allow[0]")])
    assert {(f.code, kind_of(f), f.level) for f in (here, there, bare)} == {
        (code, "allowed_here", Level.NOTICE),
        (code, "allowed_config", Level.NOTICE),
        (code, "allowed", Level.NOTICE),
    }
    assert japanese(here).startswith(
        f"{named} はこのファイルの personal_data.allow[0]（理由:「公開済みのテスト用の値」）で"
        "許可されているため、エラーにしていません。"
    )
    assert "設定ファイルの privacy.allow[0]（理由:「窓口の代表番号」）" in japanese(there)
    assert " allow[0] で許可されている" in japanese(bare)


def test_the_count_past_the_listing_limit_names_each_kind_in_japanese() -> None:
    lines = [f"お客様 090-1234-{n:04d}" for n in range(LISTED_PER_FILE + 3)]
    lines += ["個人番号 0642 0642 3011", "カード 4111 1111 1111 1111"]
    found = list(text_findings("x.md", "\n".join(lines), config(), []))
    (unlisted,) = [f for f in found if f.code == "PD100"]
    assert kind_of(unlisted) == "unlisted"
    assert (
        "さらに 5 件の個人情報があります"
        "（クレジットカード番号 1 件、マイナンバー（個人番号） 1 件、電話番号 3 件）"
        in japanese(unlisted)
    )
    allowed = [AllowedValue(f"090-1234-{n:04d}", f"allow[{n}]") for n in range(LISTED_PER_FILE + 2)]
    found = list(text_findings("x.md", "\n".join(lines), config(), allowed))
    counted = [f for f in found if f.code == "PD100"]
    assert {kind_of(f) for f in counted} == {"unlisted_allowed"}
    assert "件の値（電話番号 2 件）は allow のエントリで許可されています" in japanese(counted[0])


def test_every_personal_data_kind_is_made_above() -> None:
    made = {("PD100", "unlisted"), ("PD100", "unlisted_allowed")}
    made |= {
        (code, kind)
        for code in VALUES
        for kind in ("found", "found_in_file", "allowed_here", "allowed_config", "allowed")
    }
    assert made == {
        (code, kind) for code in MESSAGES if code.startswith("PD") for kind in MESSAGES[code]
    }
