"""One incident in Markdown people act on: facts, a Gantt of its phases and deadlines, the
clocks with time left or late in days and hours, and the teams' checklist issues.

Used by ``incident status ID --format markdown`` and the gate's job summary. Text from the
incident file is data: table cells are sanitised (no mentions, issue references, HTML
comments or pipes) and chart labels go through ``charts.label``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from incidentflow.config.conditions import lookup
from incidentflow.config.settings import Config
from incidentflow.record.times import parse_moment
from incidentflow.reports.charts import incident_gantt
from incidentflow.rules.clocks import ClockState
from incidentflow.sync.markers import one_line
from incidentflow.words.page import PAGE, templates
from incidentflow.words.states import clock_state, span, status_word, time_left


def cell(value: Any, limit: int = 200) -> str:
    """Text from a file, safe in a Markdown table cell."""
    return one_line(str(value), limit).replace("|", "\\|") if value not in (None, "") else "-"


def issue_link(number: int, repository_url: str | None) -> str:
    return f"[#{number}]({repository_url}/issues/{number})" if repository_url else f"#{number}"


def language_of(data: Mapping[str, Any], config: Config) -> str:
    """The incident's language, its page's: the file's ``lang``, else the config's. A page is
    shared (a job summary, a status page), so a reader's ``INCIDENTFLOW_LANG`` does not
    change it."""
    lang = data.get("lang")
    return lang if lang in ("ja", "en") else config.language


def facts_table(data: Mapping[str, Any], config: Config, language: str, now: datetime) -> str:
    text = templates(PAGE, language)
    zone = config.zone
    severity = next(
        (s.name.get(language) for s in config.severities if s.key == data.get("severity")),
        data.get("severity"),
    )
    detected = parse_moment(data.get("detected_at"), zone)
    shown = f"{detected.earliest.astimezone(zone):%Y-%m-%d %H:%M}" if detected else "-"
    if detected is not None and detected.is_day:
        shown = detected.text
    end = parse_moment(data.get("closed_at"), zone)
    until = end.earliest if end is not None else now
    open_for = span(until - detected.earliest, language) if detected is not None else "-"
    leader = lookup(data, "decision.leader") or text["nobody"]
    header = (
        f"| {text['status']} | {text['severity']} | {text['leader']} | "
        f"{text['detected']} | {text['open_for']} |"
    )
    return "\n".join(
        [
            header,
            "|---|---|---|---|---|",
            f"| {status_word(str(data.get('status')), language)} | {cell(severity)} | "
            f"{cell(leader)} | {shown} | {open_for} |",
        ]
    )


def clocks_table(clocks: Sequence[ClockState], config: Config, language: str, now: datetime) -> str:
    if not clocks:
        return ""
    text = templates(PAGE, language)
    rows = [
        f"| {text['clock']} | {text['team']} | {text['state']} | {text['due']} | {text['left']} |",
        "|---|---|---|---|---|",
    ]
    for clock in clocks:
        team = config.team(clock.stakeholder)
        owner = team.name.get(language) if team is not None else clock.stakeholder
        due = f"{clock.due.astimezone(config.zone):%Y-%m-%d %H:%M}"
        if clock.open:
            left = time_left(clock.due - now, language)
        elif clock.state == "done_late":
            left = clock.lateness(language)
        else:
            left = "-"
        rows.append(
            f"| {cell(clock.name)} | {cell(owner)} | {clock_state(clock.state, language)} | "
            f"{due} | {left} |"
        )
    return "\n".join(rows)


def checklists_table(
    data: Mapping[str, Any],
    config: Config,
    language: str,
    repository_url: str | None,
    progress: Mapping[str, tuple[int, int]] | None = None,
) -> str:
    """Each stakeholder team, its checklist issue and, when known, boxes ticked of all."""
    teams = [str(key) for key in data.get("stakeholders") or [] if isinstance(key, str)]
    if not teams:
        return ""
    text = templates(PAGE, language)
    tracking = lookup(data, "tracking.stakeholders")
    numbers = tracking if isinstance(tracking, Mapping) else {}
    columns = [text["team"], text["issue"]] + ([text["progress"]] if progress else [])
    rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for key in teams:
        team = config.team(key)
        name = team.name.get(language) if team is not None else key
        number = numbers.get(key)
        link = issue_link(number, repository_url) if isinstance(number, int) else text["no_issue"]
        row = [cell(name), link]
        if progress:
            if key in progress:
                done, total = progress[key]
                mark = "✅" if total and done == total else "⬜"
                row.append(f"{mark} {cell(key, 40)} {done}/{total}")
            else:
                row.append("-")
        rows.append("| " + " | ".join(row) + " |")
    return "\n".join(rows)


def _missing(item: str) -> str:
    """A field path as code, as it is typed; a section by its name, as it is read."""
    return f"`{cell(item)}`" if item.isascii() and " " not in item else cell(item)


def incident_page(
    data: Mapping[str, Any],
    clocks: Sequence[ClockState],
    config: Config,
    now: datetime,
    *,
    missing: Sequence[tuple[str, int | None]] = (),
    next_phase: str | None = None,
    repository_url: str | None = None,
    heading: str = "##",
    progress: Mapping[str, tuple[int, int]] | None = None,
    language: str | None = None,
) -> str:
    """The whole page for one incident, in ``language`` (default: the incident's)."""
    language = language or language_of(data, config)
    text = templates(PAGE, language)
    title = f"{cell(data.get('id'), 120)}: {cell(data.get('title'), 300)}"
    lines = [f"{heading} {title}", "", facts_table(data, config, language, now), ""]
    if next_phase is not None:
        phase = status_word(next_phase, language)
        if missing:
            lines += [f"**{text['next'].format(phase=phase)}**", ""]
            for item, line in missing:
                where = f" ({text['line'].format(line=line)})" if line is not None else ""
                lines.append(f"- {_missing(item)}{where}")
        else:
            lines.append(text["ready"].format(phase=phase))
        lines.append("")
    clock_dicts = [{"name": c.name, "state": c.state, "due": c.due.isoformat()} for c in clocks]
    chart = incident_gantt(data, clock_dicts, config.zone, language, now)
    if chart:
        lines += [f"{heading}# {text['timeline']}", "", chart, ""]
    table = clocks_table(clocks, config, language, now)
    if table:
        lines += [f"{heading}# {text['clocks']}", "", table, ""]
    table = checklists_table(data, config, language, repository_url, progress)
    if table:
        lines += [f"{heading}# {text['checklists']}", "", table, ""]
    return "\n".join(lines)
