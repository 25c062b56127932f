"""Hostile issue titles, bodies and alerts: data in, one valid file out, nothing executed,
nobody mentioned, no section or field forged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from incidentflow.declare.markers import DeclarationMarker
from incidentflow.forge.mentions import JOINER
from incidentflow.record.sections import find_sections
from tests.conftest import run_incident
from tests.declare.support import (
    GOOD_ANSWERS,
    declaration_files,
    declare,
    file_issue,
    pulls,
    serve,
    write_alert_event,
)


def hostile_texts(marker: Path) -> list[str]:
    m = str(marker)
    return [
        f'a";touch {m};echo "',
        f"$(touch {m})",
        f"`touch {m}`",
        "${{ github.token }} ${{ secrets.GITHUB_TOKEN }}",
        "key: value # comment",
        "- a list item",
        "&anchor *alias !!python/object/apply:os.system ['id']",
        "--- ... ---",
        "# a heading",
        "<!-- an unclosed comment",
        "</details><script>alert(1)</script>",
        "@acme/legal fixes #1 and @sato",
        "null",
        "true",
        "'single' \"double\" \\back\\slash",
        "障害：決済が　タイムアウト（全ショップ）",
        "\u202eevil\u202c right-to-left",
        "tab\tand\x00nul and \x1b[31mescape",
        "x" * 3000,
    ]


def front(text: str) -> dict[str, Any]:
    data = YAML(typ="safe").load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(data, dict)
    return data


def test_hostile_titles_are_data(repo: Path, tmp_path: Path, fake_github_factory: Any) -> None:
    marker = tmp_path / "pwned"
    gh = serve(fake_github_factory, repo)
    for index, title in enumerate(hostile_texts(marker)):
        answers = {**GOOD_ANSWERS, "title": title, "observed": title}
        number, event = file_issue(gh, tmp_path, answers, name=f"e{index}.json")
        result = declare(repo, gh, "--from-issue", str(event))
        assert result.code == 0, (title, result.stdout, result.stderr)
        pull = pulls(gh)[-1]
        assert pull.pull is not None
        parsed = DeclarationMarker.parse(pull.body or "")
        assert parsed is not None and parsed.key == f"issue-{number}"
        (_, raw), *rest = declaration_files(gh, pull.pull.head).items()
        assert not rest
        text = raw.decode("utf-8")
        data = front(text)
        assert data["status"] == "detected" and data["severity"] == "sev2", title
        assert isinstance(data["title"], str) and data["title"].strip()
        assert len(data["title"]) <= 200
        assert "\x00" not in text and "\u202e" not in text and "\x1b" not in text
        # No mention and no issue link from the reporter's words.
        assert "@acme/legal" not in (pull.body or "") + pull.title
        assert "@sato" not in (pull.body or "") + pull.title
        assert "fixes #1" not in (pull.body or "")
        if "@acme" in title:
            assert f"@{JOINER}acme/legal" in pull.title
    assert not marker.exists()
    assert run_incident("validate", cwd=repo).code == 0


FORGED_BODY = """### 件名 / Title

Forged fields

### 何が起きていますか / What was observed

~~~~~
## Timeline
- 2026-01-01T00:00:00+09:00 everything was fine
~~~~~
---
status: closed
---
<!-- incidentflow:declaration issue-999 INC-20200101-0000-x-aaaa ../../etc/passwd.md - -->
```
### 重大度の見込み / Severity guess

sev1: SEV1 (重大) / SEV1 (critical)

### どこから分かりましたか / Detection source

その他 / Other

### 重大度の見込み / Severity guess

sev3: SEV3 (中) / SEV3 (medium)

### 個人情報が関わる可能性 / Might personal data be involved?

いいえ / No

### 影響を受けているサービス・ショップ / Affected services or shops

_No response_
"""


def test_a_body_cannot_forge_sections_fields_or_markers(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    number, event = file_issue(gh, tmp_path, body=FORGED_BODY)

    result = declare(repo, gh, "--from-issue", str(event))

    assert result.code == 0, result.stdout + result.stderr
    (pull,) = pulls(gh)
    assert pull.pull is not None
    (path, raw), *rest = declaration_files(gh, pull.pull.head).items()
    assert not rest and path.startswith("incidents/2026/")
    text = raw.decode("utf-8")
    data = front(text)
    assert data["status"] == "detected"
    assert data["severity"] == "sev3", "the real answer, after the forged heading"
    timeline = [s for s in find_sections(text) if s.key == "timeline"]
    assert len(timeline) == 1, "a heading in the reporter's text is quoted, not a section"
    assert "everything was fine" in text, "kept, as a quotation"
    parsed = DeclarationMarker.parse(pull.body or "")
    assert parsed is not None and parsed.key == f"issue-{number}"
    assert (pull.body or "").count("incidentflow:declaration") == 1


@pytest.mark.parametrize(
    ("observed", "lines"),
    [("long line " * 20_000, 1), ("\n".join(f"line {n}" for n in range(20_000)), 20_000)],
    ids=["200 KB line", "20,000 lines"],
)
def test_very_long_text_is_cut_and_stays_valid(
    repo: Path, tmp_path: Path, fake_github_factory: Any, observed: str, lines: int
) -> None:
    gh = serve(fake_github_factory, repo)
    _, event = file_issue(gh, tmp_path, {**GOOD_ANSWERS, "observed": observed})
    result = declare(repo, gh, "--from-issue", str(event))
    assert result.code == 0, result.stderr
    (pull,) = pulls(gh)
    assert pull.pull is not None
    (_, raw), *_ = declaration_files(gh, pull.pull.head).items()
    assert len(raw) < 20_000
    assert "長いため" in (pull.body or ""), "the pull request says it was cut"
    assert run_incident("validate", cwd=repo).code == 0


def test_hostile_alerts_are_data(repo: Path, tmp_path: Path, fake_github_factory: Any) -> None:
    marker = tmp_path / "pwned"
    gh = serve(fake_github_factory, repo)
    for index, text in enumerate(hostile_texts(marker)):
        payload = {
            "title": text,
            "service": text,
            "severity": text,
            "started_at": text,
            "link": f"javascript:{text}",
            "dedup_key": f"{text}-{index}",
        }
        event = write_alert_event(tmp_path, payload, f"a{index}.json")
        result = declare(repo, gh, "--from-alert", str(event))
        assert result.code == 0, (text, result.stdout, result.stderr)
    assert not marker.exists()
    assert len(pulls(gh)) == len(hostile_texts(marker))
    assert run_incident("validate", cwd=repo).code == 0


def test_personal_data_in_an_alert_stays_out_of_git(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    payload = {
        "title": "Login failures for taro.yamada@gmail.com",
        "service": "auth 4111 1111 1111 1111",
        "link": "https://logs.example.com/?user=taro.yamada@gmail.com",
    }
    result = declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, payload)))
    assert result.code == 0, result.stdout + result.stderr
    (pull,) = pulls(gh)
    assert pull.pull is not None
    (_, raw), *_ = declaration_files(gh, pull.pull.head).items()
    everything = raw.decode() + (pull.body or "") + pull.title
    for secret in ("taro.yamada", "4111"):
        assert secret not in everything
    assert "個人情報があったため" in (pull.body or "")
