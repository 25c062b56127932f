"""How the managed issues read: titles, generated headers and phase comments, in ja or en.

The words are in ``words/issues.py``; here is their layout. Every header has one shape
(``_header``): key marker, what the issue is, rows, blocks, end marker. Everything here is a
pure function of its arguments. Text that comes from incident files goes
through ``markers.sanitise`` so that it can neither forge a marker nor add checklist boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from incidentflow.rules.clocks import ClockState
from incidentflow.sync.markers import GeneratedState, IssueKey, one_line, phase_marker, sanitise
from incidentflow.words import fill
from incidentflow.words.issues import CLOCK, CLOCK_STATES, HEADER, HORIZONS, PHASE_COMMENT

MAX_TITLE = 256  # GitHub refuses longer issue titles
MAX_SUMMARY = 4000
_COMMIT_IN_LINK = re.compile(r"/blob/[0-9a-f]{40}/")


def _say(key: str, lang: str, **values: object) -> str:
    return HEADER[key](lang, **values)


def phase_label(status: str, lang: str) -> str:
    """``responding（障害対応）`` / ``responding (Response)``: the key with its name."""
    return fill("{status:phase_named}", lang, {"status": status})


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
    return _title(f"{incident_id} [{_say('prevention', lang)} {item_id}] {title}")


def _quote(text: str | None, lang: str) -> str:
    if not text or not text.strip():
        return f"> {_say('nothing_yet', lang)}"
    cleaned = sanitise(text).strip()
    if len(cleaned) > MAX_SUMMARY:
        cleaned = cleaned[: MAX_SUMMARY - 1].rstrip() + "…"
    return "\n".join(f"> {line}".rstrip() for line in cleaned.split("\n"))


def _row(label: str, value: str, lang: str) -> str:
    return _say("row", lang, label=_say(label, lang), value=value)


def _file_row(link: FileLink, lang: str) -> str:
    shown = one_line(link.path, 500)  # a folder name may hold "#12" or "@someone"
    value = _say(
        "file_link",
        lang,
        path=shown,
        at_commit=link.at_commit,
        latest=_say("latest", lang),
        latest_url=link.latest,
    )
    return _row("file", value, lang)


def _incident_row(key: IssueKey, incident_title: str, lang: str) -> str:
    return _row("incident", f"{key.incident_id} — {one_line(incident_title, 300)}", lang)


def _header(
    key: IssueKey,
    state: GeneratedState,
    intro: str,
    rows: list[str],
    blocks: list[list[str]] | None = None,
) -> str:
    """Every generated header: the key marker, a line saying what the issue is, the rows,
    blocks each after a blank line, and the end marker that records what was generated."""
    lines = [key.marker, intro, "", *rows]
    for block in blocks or []:
        if block:
            lines += ["", *block]
    lines += ["", state.end_marker]
    return "\n".join(lines)


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
    state = CLOCK_STATES.get(clock.state)
    text = CLOCK["line"](
        lang,
        name=one_line(clock.name, 200),
        due=clock.due.strftime("%Y-%m-%d %H:%M"),
        zone=timezone,
        state=state(lang) if state else clock.state,
    )
    if clock.completed_at is not None:
        text += f" {one_line(clock.completed_at.text, 40)}"
    if clock.state == "done_late":
        text += CLOCK["late_by"](lang, lateness=clock.lateness(lang))
    if clock.note is not None:
        kind = clock.note.kind
        label = CLOCK["late_reason"] if kind == "late_reason" else CLOCK_STATES.get(kind)
        text += CLOCK["note"](
            lang,
            label=label(lang) if label else kind,
            reason=one_line(clock.note.reason, 300),
            approver=one_line(clock.note.approved_by, 100),
        )
    return text


def checklist_header(facts: ChecklistFacts, state: GeneratedState) -> str:
    lang = facts.lang
    name = one_line(facts.team_name, 100)
    team = (
        _say("team_with_name", lang, mention=facts.team_mention, name=name)
        if facts.team_mention
        else name
    )
    rows = [
        _incident_row(facts.key, facts.incident_title, lang),
        _row("status", phase_label(facts.status, lang), lang),
        _row("leader", one_line(facts.leader, 200) if facts.leader else _say("nobody", lang), lang),
        _row("severity", one_line(facts.severity, 100), lang),
    ]
    if facts.personal_data:
        rows.append(_row("personal_data", one_line(facts.personal_data, 300), lang))
    rows.append(_file_row(facts.link, lang))
    blocks = [[f"**{_say('summary', lang)}**", "", _quote(facts.summary, lang)]]
    if facts.clocks:
        blocks.append(
            [
                f"**{_say('deadlines', lang)}**",
                "",
                *(_clock_text(clock, lang, facts.timezone) for clock in facts.clocks),
            ]
        )
    if facts.chart:
        blocks.append([facts.chart])
    if facts.notifications:
        blocks.append(
            [
                f"**{_say('notified', lang)}**",
                "",
                *(f"- {one_line(line, 500)}" for line in facts.notifications),
            ]
        )
    intro = _say("checklist_intro", lang, team=team)
    return _header(facts.key, state, intro, rows, blocks)


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
    lang = facts.lang
    horizon = HORIZONS.get(facts.horizon or "")
    shown_horizon = horizon(lang) if horizon else (facts.horizon or "-")
    rows = [
        _row("item", one_line(facts.title, 500), lang),
        _row("owner", one_line(facts.owner, 200) if facts.owner else _say("nobody", lang), lang),
        _row("due", facts.due.isoformat() if facts.due else "-", lang),
        _row("horizon", shown_horizon, lang),
        _row("kind", facts.kind or "-", lang),
        _row("progress", _say("done" if facts.done else "open", lang), lang),
        _incident_row(facts.key, facts.incident_title, lang),
        _file_row(facts.link, lang),
    ]
    intro = f"**{_say('prevention', lang)}** `{facts.key.item}`"
    return _header(facts.key, state, intro, rows)


def phase_comment(key: IssueKey, before: str, after: str, lang: str) -> str:
    text = PHASE_COMMENT(lang, incident=key.incident_id, before=before, after=after)
    return f"{phase_marker(key, after)}\n{text}"


def comparable(header: str) -> str:
    """A header as compared between runs: line endings, trailing blanks and the commit of the
    file link do not count, so a new commit alone does not rewrite every open issue."""
    lines = header.replace("\r\n", "\n").split("\n")
    return "\n".join(_COMMIT_IN_LINK.sub("/blob/COMMIT/", line.rstrip()) for line in lines)
