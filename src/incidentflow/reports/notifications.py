"""The notification log and the clocks in words, for status, reports, reminders and issues.

Pure functions of the incident data and the clock states; the callers choose the language
(the incident's ``lang``, else the config's) and escape the text for where it goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from incidentflow.record.times import is_unknown, parse_moment
from incidentflow.rules.clocks import ClockState, log_entries

RECIPIENTS = {
    "ja": {
        "regulator": "監督官庁",
        "police": "警察",
        "public": "公表",
        "shops": "ショップ",
        "partners": "パートナー企業",
        "card_brands": "カードブランド",
        "acquirer": "アクワイアラ・決済代行",
        "individuals": "本人",
        "other": "その他",
    },
    "en": {
        "regulator": "regulator",
        "police": "police",
        "public": "public",
        "shops": "shops",
        "partners": "partners",
        "card_brands": "card brands",
        "acquirer": "acquirer",
        "individuals": "people affected",
        "other": "other",
    },
}
KINDS = {
    "ja": {
        "preliminary": "速報",
        "final": "確報",
        "notice": "通知・告知",
        "update": "続報",
        "report": "報告・届出",
    },
    "en": {
        "preliminary": "preliminary report",
        "final": "final report",
        "notice": "notice",
        "update": "update",
        "report": "report",
    },
}


@dataclass(frozen=True, slots=True)
class LogRow:
    number: int  # position in notifications.log
    at: str  # as written, or "unknown"
    recipient: str
    name: str | None
    kind: str
    unknown_reason: str | None
    reference: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.number,
            "at": self.at,
            "recipient": self.recipient,
            "name": self.name,
            "kind": self.kind,
            "unknown_reason": self.unknown_reason,
            "reference": self.reference,
        }


def _text(value: Any) -> str | None:
    return str(value).strip() if isinstance(value, str | int) and str(value).strip() else None


def log_rows(data: Mapping[str, Any], zone: tzinfo) -> list[LogRow]:
    """The log in time order; entries on an unknown date last, in their written order."""
    rows: list[tuple[tuple[int, float, int], LogRow]] = []
    for number, entry in log_entries(data):
        at = entry.get("at")
        moment = None if is_unknown(at) else parse_moment(at, zone)
        row = LogRow(
            number=number,
            at="unknown" if is_unknown(at) else (_text(at) or "?"),
            recipient=_text(entry.get("recipient")) or "?",
            name=_text(entry.get("name")),
            kind=_text(entry.get("kind")) or "?",
            unknown_reason=_text(entry.get("unknown_reason")),
            reference=_text(entry.get("reference")),
        )
        key = (0, moment.earliest.timestamp(), number) if moment else (1, 0.0, number)
        rows.append((key, row))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def log_line(row: LogRow, language: str) -> str:
    """'2022-08-22 · regulator (個人情報保護委員会) · preliminary report · ref'."""
    lang = "ja" if language == "ja" else "en"
    who = RECIPIENTS[lang].get(row.recipient, row.recipient)
    if row.name:
        who = f"{who}（{row.name}）" if lang == "ja" else f"{who} ({row.name})"
    what = KINDS[lang].get(row.kind, row.kind)
    if row.at == "unknown":
        reason = f"：{row.unknown_reason}" if lang == "ja" else f": {row.unknown_reason}"
        when = ("日付不明" if lang == "ja" else "date unknown") + (
            reason if row.unknown_reason else ""
        )
    else:
        when = row.at
    line = f"{when} · {who} · {what}"
    return f"{line} · {row.reference}" if row.reference else line


def clock_line(state: ClockState, now: datetime, language: str) -> str:
    """'Preliminary report to the PPC: 2 days 3 h left (due 2026-11-23 10:30 JST)' and,
    for a note, who approved what."""
    due = state.due.strftime("%Y-%m-%d %H:%M %Z")
    ja = language == "ja"
    line = (
        f"{state.name}：{state.progress(now, language)}（期限 {due}）"
        if ja
        else f"{state.name}: {state.progress(now, language)} (due {due})"
    )
    if state.note is not None:
        label = {
            "ja": {"not_applicable": "対象外", "late_reason": "遅延理由", "unknown": "不明"},
            "en": {"not_applicable": "not applicable", "late_reason": "late", "unknown": "unknown"},
        }["ja" if ja else "en"][state.note.kind]
        line += (
            f" — {label}：{state.note.reason}（承認 {state.note.approved_by}）"
            if ja
            else f" — {label}: {state.note.reason} (approved by {state.note.approved_by})"
        )
    return line


def count_text(value: Any, language: str) -> str:
    """'1,938', 'at most 1,938' / '最大 1,938', 'at least 16,406', 'about 5,000'."""
    if isinstance(value, int):
        return f"{value:,}"
    ja = language == "ja"
    parts: list[str] = []
    for name, ja_word, en_word in (
        ("value", "", ""),
        ("about", "約", "about "),
        ("at_least", "少なくとも", "at least "),
        ("at_most", "最大", "at most "),
    ):
        figure = getattr(value, name, None)
        if figure is None and isinstance(value, Mapping):
            figure = value.get(name)
        if isinstance(figure, int):
            parts.append(f"{ja_word if ja else en_word}{figure:,}")
    if not parts:
        return "?"
    return "、".join(parts) if ja else ", ".join(parts)
