"""What the managed issues say: titles, generated headers and phase comments, in ja or en.

Everything here is a pure function of its arguments. Text that comes from incident files goes
through ``markers.sanitise`` so that it can neither forge a marker nor add checklist boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from incidentflow.record.model import parse_status
from incidentflow.record.phases import PHASES
from incidentflow.rules.clocks import ClockState
from incidentflow.sync.markers import GeneratedState, IssueKey, one_line, phase_marker, sanitise

MAX_TITLE = 256  # GitHub refuses longer issue titles
MAX_SUMMARY = 4000
_COMMIT_IN_LINK = re.compile(r"/blob/[0-9a-f]{40}/")


@dataclass(frozen=True, slots=True)
class Words:
    incident: str
    status: str
    leader: str
    severity: str
    personal_data: str
    summary: str
    deadlines: str
    file: str
    latest: str
    nobody: str
    nothing_yet: str
    checklist_intro: str
    prevention: str
    item: str
    owner: str
    due: str
    horizon: str
    kind: str
    progress: str
    open: str
    done: str
    horizons: dict[str, str]
    clock_states: dict[str, str]
    notified: str
    late: str
    approved_by: str
    moved: str
    colon: str


WORDS: dict[str, Words] = {
    "ja": Words(
        incident="障害",
        status="状態",
        leader="リーダー",
        severity="重大度",
        personal_data="個人情報",
        summary="概要",
        deadlines="この担当の期限（規制対応）",
        file="障害ファイル",
        latest="最新版",
        nobody="未定",
        nothing_yet="（まだ書かれていません）",
        checklist_intro="{team} 向けのチェックリストです。下のチェックボックスを進めてください。",
        prevention="再発防止策",
        item="内容",
        owner="担当",
        due="期限",
        horizon="区分",
        kind="種類",
        progress="進捗",
        open="未完了",
        done="完了",
        horizons={"now": "now（今やること）", "later": "later（これからやること）"},
        clock_states={
            "running": "進行中",
            "overdue": "期限超過",
            "done": "完了",
            "done_late": "完了（期限超過）",
            "done_unknown": "完了（日付不明）",
            "not_applicable": "対象外",
            "unknown": "不明（取り込み記録）",
        },
        notified="連絡・報告の記録",
        late="遅延理由",
        approved_by="承認",
        moved="障害 {incident} の状態が **{before}** から **{after}** に変わりました。",
        colon="：",
    ),
    "en": Words(
        incident="Incident",
        status="Status",
        leader="Leader",
        severity="Severity",
        personal_data="Personal data",
        summary="Summary",
        deadlines="Deadlines for this team (regulatory clocks)",
        file="Incident file",
        latest="latest",
        nobody="not named yet",
        nothing_yet="(not written yet)",
        checklist_intro="Checklist for {team}. Work through the boxes below.",
        prevention="Prevention",
        item="What",
        owner="Owner",
        due="Due",
        horizon="Horizon",
        kind="Type",
        progress="Progress",
        open="open",
        done="done",
        horizons={"now": "now", "later": "later"},
        clock_states={
            "running": "running",
            "overdue": "overdue",
            "done": "done",
            "done_late": "done late",
            "done_unknown": "done, date unknown",
            "not_applicable": "not applicable",
            "unknown": "not known (imported record)",
        },
        notified="Notifications made",
        late="late because",
        approved_by="approved by",
        moved="Incident {incident} moved from **{before}** to **{after}**.",
        colon=": ",
    ),
}


def words(lang: str) -> Words:
    return WORDS["ja" if lang == "ja" else "en"]


def phase_label(status: str) -> str:
    """``responding（障害対応 / Response）``: the key with its Japanese and English names."""
    known = parse_status(status)
    if known is None:
        return status
    phase = PHASES[known]
    return f"{status}（{phase.ja} / {phase.en}）"


@dataclass(frozen=True, slots=True)
class FileLink:
    path: str
    at_commit: str  # the file at the commit the sync ran on
    latest: str  # the file on the default branch


def _title(text: str) -> str:
    return one_line(text, MAX_TITLE)


def checklist_title(incident_id: str, team_name: str, title: str) -> str:
    return _title(f"{incident_id} [{team_name}] {title}")


def prevention_title(incident_id: str, item_id: str, title: str, lang: str) -> str:
    return _title(f"{incident_id} [{words(lang).prevention} {item_id}] {title}")


def _quote(text: str | None, lang: str) -> str:
    if not text or not text.strip():
        return f"> {words(lang).nothing_yet}"
    cleaned = sanitise(text).strip()
    if len(cleaned) > MAX_SUMMARY:
        cleaned = cleaned[: MAX_SUMMARY - 1].rstrip() + "…"
    return "\n".join(f"> {line}".rstrip() for line in cleaned.split("\n"))


def _row(label: str, value: str) -> str:
    return f"- **{label}**: {value}"


def _file_row(link: FileLink, lang: str) -> str:
    w = words(lang)
    shown = one_line(link.path, 500)  # a folder name may hold "#12" or "@someone"
    return _row(w.file, f"[{shown}]({link.at_commit}) ([{w.latest}]({link.latest}))")


@dataclass(frozen=True, slots=True)
class ChecklistFacts:
    key: IssueKey
    lang: str
    incident_title: str
    team_name: str
    team_mention: str | None  # "@org/team"
    status: str
    leader: str | None
    severity: str
    summary: str | None
    clocks: tuple[ClockState, ...]
    # Counts and categories only, e.g. "suspected (email, phone; 120 records)"; never data.
    personal_data: str | None
    timezone: str
    link: FileLink
    notifications: tuple[str, ...] = ()  # the log, one line per entry, in time order
    chart: str = ""  # the phases and this team's deadlines as a Mermaid Gantt, static


def _clock_text(clock: ClockState, lang: str, timezone: str) -> str:
    """One clock, with nothing that changes by itself over time (the header stays put)."""
    w = words(lang)
    due = clock.due.strftime("%Y-%m-%d %H:%M")
    text = f"- {one_line(clock.name, 200)}{w.colon}{due} ({timezone}) — "
    text += w.clock_states.get(clock.state, clock.state)
    if clock.completed_at is not None:
        text += f" {one_line(clock.completed_at.text, 40)}"
    if clock.state == "done_late":
        text += f" ({clock.lateness(lang)})"
    if clock.note is not None:
        reason = one_line(clock.note.reason, 300)
        approver = one_line(clock.note.approved_by, 100)
        label = (
            w.late
            if clock.note.kind == "late_reason"
            else w.clock_states.get(clock.note.kind, clock.note.kind)
        )
        text += f" — {label}{w.colon}{reason} ({w.approved_by} {approver})"
    return text


def checklist_header(facts: ChecklistFacts, state: GeneratedState) -> str:
    w = words(facts.lang)
    team = (
        f"{facts.team_mention} ({one_line(facts.team_name, 100)})"
        if facts.team_mention
        else (one_line(facts.team_name, 100))
    )
    lines = [
        facts.key.marker,
        w.checklist_intro.format(team=team),
        "",
        _row(w.incident, f"{facts.key.incident_id} — {one_line(facts.incident_title, 300)}"),
        _row(w.status, phase_label(facts.status)),
        _row(w.leader, one_line(facts.leader, 200) if facts.leader else w.nobody),
        _row(w.severity, one_line(facts.severity, 100)),
        *(
            [_row(w.personal_data, one_line(facts.personal_data, 300))]
            if facts.personal_data
            else []
        ),
        _file_row(facts.link, facts.lang),
        "",
        f"**{w.summary}**",
        "",
        _quote(facts.summary, facts.lang),
    ]
    if facts.clocks:
        lines += ["", f"**{w.deadlines}**", ""]
        lines += [_clock_text(clock, facts.lang, facts.timezone) for clock in facts.clocks]
    if facts.chart:
        lines += ["", facts.chart]
    if facts.notifications:
        lines += ["", f"**{w.notified}**", ""]
        lines += [f"- {one_line(line, 500)}" for line in facts.notifications]
    lines += ["", state.end_marker]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class PreventionFacts:
    key: IssueKey
    lang: str
    incident_title: str
    title: str
    owner: str | None
    due: date | None
    horizon: str | None
    kind: str | None
    done: bool
    link: FileLink


def prevention_header(facts: PreventionFacts, state: GeneratedState) -> str:
    w = words(facts.lang)
    horizon = w.horizons.get(facts.horizon, facts.horizon) if facts.horizon else "-"
    lines = [
        facts.key.marker,
        f"**{w.prevention}** `{facts.key.item}`",
        "",
        _row(w.item, one_line(facts.title, 500)),
        _row(w.owner, one_line(facts.owner, 200) if facts.owner else w.nobody),
        _row(w.due, facts.due.isoformat() if facts.due else "-"),
        _row(w.horizon, horizon),
        _row(w.kind, facts.kind or "-"),
        _row(w.progress, w.done if facts.done else w.open),
        _row(w.incident, f"{facts.key.incident_id} — {one_line(facts.incident_title, 300)}"),
        _file_row(facts.link, facts.lang),
        "",
        state.end_marker,
    ]
    return "\n".join(lines)


def phase_comment(key: IssueKey, before: str, after: str, lang: str) -> str:
    text = words(lang).moved.format(
        incident=key.incident_id, before=phase_label(before), after=phase_label(after)
    )
    return f"{phase_marker(key, after)}\n{text}"


def comparable(header: str) -> str:
    """A header as compared between runs: line endings, trailing blanks and the commit of the
    file link do not count, so a new commit alone does not rewrite every open issue."""
    lines = header.replace("\r\n", "\n").split("\n")
    return "\n".join(_COMMIT_IN_LINK.sub("/blob/COMMIT/", line.rstrip()) for line in lines)
