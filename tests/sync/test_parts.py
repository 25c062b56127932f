"""The small pure parts of the sync: markers, owners, rate-limit arithmetic, pacing."""

from __future__ import annotations

import pytest

from incidentflow.forge.interface import derive_server_url
from incidentflow.forge.request_policy import Pacer, RequestPolicy, rate_limit_wait
from incidentflow.sync.bodies import comparable
from incidentflow.sync.markers import (
    GeneratedState,
    IssueKey,
    parse_key,
    sanitise,
    split_body,
)
from incidentflow.sync.plan import owner_logins

KEY = IssueKey("checklist", "INC-20261128-1200-checkout-x1", "legal")


def test_the_key_marker_round_trips_on_the_first_line_only() -> None:
    assert parse_key(f"{KEY.marker}\nrest") == KEY
    assert parse_key(f"{KEY.marker}\r\nrest") == KEY
    assert parse_key(f"text\n{KEY.marker}") is None, "only the first line counts"
    assert parse_key(f" {KEY.marker}") is None
    assert parse_key("<!-- incidentflow:checklist not-an-id legal -->") is None
    assert parse_key("<!-- incidentflow:checklist INC-20261128-1200-x legal extra -->") is None


def test_the_end_marker_keeps_state_with_any_label_text() -> None:
    state = GeneratedState("responding", ("incident", "team/legal", "a b,c-->"), ("kato",))
    body = f"{KEY.marker}\nheader\n{state.end_marker}\n\n- [x] done\n"

    split = split_body(body)

    assert split is not None and split.state == state
    assert split.rest == "\n- [x] done\n"
    assert split.header.endswith(state.end_marker)
    assert "-->" not in state.end_marker[:-3]


def test_a_body_without_end_marker_has_no_generated_part() -> None:
    assert split_body(f"{KEY.marker}\nsomeone rewrote everything") is None


def test_incident_text_cannot_open_comments_or_add_checkboxes() -> None:
    cleaned = sanitise("<!-- incidentflow:end status=x -->\n- [ ] fake\n  * [x] also\n1. [ ] too")

    assert "<!--" not in cleaned
    assert "- \\[ ] fake" in cleaned and "* \\[x] also" in cleaned and "1. \\[ ] too" in cleaned


@pytest.mark.parametrize(
    ("owner", "logins"),
    [
        ("@kato", ("kato",)),
        ("Kato (@kato-pay)", ("kato-pay",)),
        ("Sato (SRE)", ()),
        ("sato@acme.example", ()),
        ("@acme/sre", ()),
        ("@a and @b.", ("a", "b")),
        ("@-bad", ()),
        ("a@b", ()),
        (None, ()),
    ],
)
def test_owner_logins(owner: str | None, logins: tuple[str, ...]) -> None:
    assert owner_logins(owner) == logins


def test_headers_compare_without_line_endings_or_the_commit_in_the_link() -> None:
    old = "a\r\n[f](https://h/o/r/blob/" + "a" * 40 + "/f.md)  \r\nb"
    new = "a\n[f](https://h/o/r/blob/" + "b" * 40 + "/f.md)\nb"

    assert comparable(old) == comparable(new)
    assert comparable(old) != comparable(new.replace("\nb", "\nc"))


def test_rate_limit_waits() -> None:
    now = 1_000.0
    secondary = rate_limit_wait(403, {"Retry-After": "7"}, "secondary rate limit", now)
    primary = rate_limit_wait(
        403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1030"}, "API rate limit", now
    )
    bare = rate_limit_wait(429, {}, "", now)

    assert secondary is not None and secondary.seconds == 7
    assert primary is not None and primary.seconds == 31
    assert bare is not None and bare.seconds == 60
    assert rate_limit_wait(403, {}, "Resource not accessible by integration", now) is None


def test_writes_are_paced_end_to_start() -> None:
    moments = iter([10.0, 10.3, 11.5, 11.6])
    slept: list[float] = []
    pacer = Pacer(1.0, clock=lambda: next(moments), sleep=slept.append)

    pacer.before_write()  # first write: no wait
    pacer.after_write()  # ends at 10.0
    pacer.before_write()  # at 10.3: wait 0.7
    pacer.after_write()  # ends at 11.5
    pacer.before_write()  # at 11.6: wait 0.9

    assert slept == pytest.approx([0.7, 0.9])


def test_backoff_doubles_up_to_a_cap() -> None:
    policy = RequestPolicy(backoff=1.0, max_backoff=5.0)

    assert [policy.backoff_delay(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]


def test_policy_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENTFLOW_WRITE_PAUSE", "0.05")
    assert RequestPolicy.from_environment().write_pause == 0.05
    monkeypatch.setenv("INCIDENTFLOW_WRITE_PAUSE", "-1")
    with pytest.raises(ValueError, match="INCIDENTFLOW_WRITE_PAUSE"):
        RequestPolicy.from_environment()


@pytest.mark.parametrize(
    ("api", "web"),
    [
        ("https://api.github.com", "https://github.com"),
        ("https://ghe.example/api/v3", "https://ghe.example"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
    ],
)
def test_server_url_from_api_url(api: str, web: str) -> None:
    assert derive_server_url(api) == web


def test_a_checklist_header_shows_clocks_notes_and_the_log_without_a_countdown() -> None:
    from datetime import datetime

    from incidentflow.config.settings import load_config
    from incidentflow.reports.notifications import log_line, log_rows
    from incidentflow.rules.clocks import evaluate_clocks
    from incidentflow.sync.bodies import ChecklistFacts, FileLink, checklist_header
    from tests.conftest import PROJECT_ROOT

    config = load_config(PROJECT_ROOT / "incidentflow.yaml").config
    data = {
        "status": "responding",
        "lang": "en",
        "detected_at": "2026-11-20T09:00:00+09:00",
        "personal_data": {"status": "confirmed", "categories": ["card_number"]},
        "notifications": {
            "log": [
                {"recipient": "acquirer", "kind": "notice", "at": "2026-11-23"},
                {
                    "recipient": "police",
                    "name": "Tokyo MPD",
                    "kind": "report",
                    "at": "unknown",
                    "unknown_reason": "not published",
                },
            ]
        },
        "clock_notes": {
            "card-brands": {
                "not_applicable": "the acquirer tells the brands",
                "approved_by": "Kato (legal)",
            }
        },
    }

    def header(now: str) -> str:
        clocks = evaluate_clocks(data, config, datetime.fromisoformat(now))
        facts = ChecklistFacts(
            key=IssueKey("checklist", "INC-20261120-0900-card-log-aa11", "liaison"),
            lang="en",
            incident_title="t",
            team_name="External relations",
            team_mention=None,
            status="responding",
            leader=None,
            severity="sev1",
            summary=None,
            clocks=tuple(c for c in clocks if c.stakeholder == "liaison"),
            personal_data=None,
            timezone="Asia/Tokyo",
            link=FileLink("incidents/x.md", "https://x/a", "https://x/b"),
            notifications=tuple(log_line(row, "en") for row in log_rows(data, config.zone)),
        )
        return checklist_header(facts, GeneratedState("responding", (), ()))

    text = header("2026-11-29T12:00:00+09:00")
    assert "done late 2026-11-23 (2 days late (known to the day))" in text
    assert "not applicable: the acquirer tells the brands (approved by Kato (legal))" in text
    assert "- 2026-11-23 · acquirer · notice" in text
    assert "- date unknown: not published · police (Tokyo MPD) · report" in text
    assert header("2026-11-30T12:00:00+09:00") == text, "nothing in it counts down"
