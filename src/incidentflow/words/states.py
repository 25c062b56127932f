"""Words people read in reports, status pages and summaries, in Japanese and English.

Durations are days and hours ('5日と3時間', '5 d 3 h'), never '4522 h'; states are words of
the reader's language with a coloured mark GitHub renders, never the raw enum value.
"""

from __future__ import annotations

from datetime import timedelta


def is_ja(language: str | None) -> bool:
    return language == "ja"


def duration(minutes: float, language: str) -> str:
    """A span in the largest units that matter: '5日と3時間', '3時間20分', '45分' (ja);
    '5 d 3 h', '3 h 20 min', '45 min' (en). Minutes are dropped once a day has passed."""
    total = max(0, round(minutes))
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    ja = is_ja(language)
    if days:
        if hours:
            return f"{days}日と{hours}時間" if ja else f"{days} d {hours} h"
        return f"{days}日" if ja else f"{days} d"
    if hours:
        if mins:
            return f"{hours}時間{mins}分" if ja else f"{hours} h {mins} min"
        return f"{hours}時間" if ja else f"{hours} h"
    return f"{mins}分" if ja else f"{mins} min"


def span(delta: timedelta, language: str) -> str:
    return duration(delta.total_seconds() / 60, language)


def time_left(delta: timedelta, language: str) -> str:
    """'残り1日と2時間' / '1 d 2 h left' for a future deadline, '3時間超過' / '3 h late' past it."""
    if delta.total_seconds() >= 0:
        text = span(delta, language)
        return f"残り{text}" if is_ja(language) else f"{text} left"
    text = span(-delta, language)
    return f"{text}超過" if is_ja(language) else f"{text} late"


# Regulatory clock states: a mark GitHub renders in colour, and the word.
CLOCK_STATES: dict[str, tuple[str, str, str]] = {
    "running": ("⏳", "進行中", "running"),
    "overdue": ("🔴", "期限超過", "overdue"),
    "done": ("✅", "期限内に完了", "done"),
    "done_late": ("🟠", "期限後に完了", "done late"),
    "done_unknown": ("⚪", "完了（日時不明）", "done, date unknown"),
    "not_applicable": ("➖", "対象外", "not applicable"),
    "unknown": ("❔", "不明", "unknown"),
}

PREVENTION_STATES: dict[str, tuple[str, str, str]] = {
    "open": ("🔵", "対応中", "open"),
    "overdue": ("🔴", "期限超過", "overdue"),
    "done": ("✅", "完了", "done"),
}

HORIZONS: dict[str, tuple[str, str]] = {
    "now": ("今やること", "now"),
    "later": ("これからやること", "later"),
}

STATUS_MARKS: dict[str, str] = {
    "detected": "🚨",
    "investigating": "🔍",
    "decided": "🧭",
    "responding": "🛠️",
    "resolved": "🩹",
    "closed": "✅",
    "declined": "➖",
    "duplicate": "🔁",
}


def _pick(table: dict[str, tuple[str, str, str]], key: str, language: str) -> str:
    mark, ja, en = table.get(key, ("❔", key, key))
    return f"{mark} {ja if is_ja(language) else en}"


def clock_state(state: str, language: str) -> str:
    return _pick(CLOCK_STATES, state, language)


def prevention_state(state: str, language: str) -> str:
    return _pick(PREVENTION_STATES, state, language)


def horizon(key: str, language: str) -> str:
    ja, en = HORIZONS.get(key, (key, key))
    return ja if is_ja(language) else en


def status_word(status: str | None, language: str) -> str:
    """'🛠️ 障害対応' / '🛠️ responding' from the phase table's own names."""
    from incidentflow.record.model import parse_status
    from incidentflow.record.phases import PHASES

    parsed = parse_status(status)
    if parsed is None:
        return "❔ 不明" if is_ja(language) else "❔ unknown"
    name = PHASES[parsed].ja if is_ja(language) else parsed.value
    return f"{STATUS_MARKS.get(parsed.value, '')} {name}".strip()


def span_text(span: timedelta, language: str) -> str:
    """A length of time in days and hours: '4 days 2 h' / '4日と2時間' (minutes under an hour)."""
    seconds = max(0, int(span.total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    ja = language == "ja"
    if days and hours:
        return f"{days}日と{hours}時間" if ja else f"{days} day{'s' * (days != 1)} {hours} h"
    if days:
        return f"{days}日" if ja else f"{days} day{'s' * (days != 1)}"
    if hours:
        return f"{hours}時間" if ja else f"{hours} h"
    return f"{minutes}分" if ja else f"{minutes} min"


def days_text(days: int, language: str) -> str:
    return f"{days}日" if language == "ja" else f"{days} day{'s' * (days != 1)}"
