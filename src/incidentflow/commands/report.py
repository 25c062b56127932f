"""``incident report``: the monthly figures for the managers' and executive meetings."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from incidentflow.commands.phase_history import missing_phase_times
from incidentflow.config import now
from incidentflow.config.settings import Config
from incidentflow.config.workspace import Repository
from incidentflow.record.times import parse_time
from incidentflow.reports.monthly import Period, Report, build_report
from incidentflow.reports.monthly_charts import escalation_line, monthly_charts
from incidentflow.reports.trend import Trend, build_trend, month_starts
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.run import validate_repository
from incidentflow.words.report import REPORT, SOURCES
from incidentflow.words.states import (
    clock_state,
    duration,
    horizon,
    is_ja,
    prevention_state,
    status_word,
)


def month_period(month: str | None, repository: Repository) -> Period:
    """The calendar month ``YYYY-MM`` in the configured zone (default: the previous month)."""
    zone = repository.config.zone
    if month is None:
        today = now.today(repository.config)
        year, number = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    else:
        year, number = (int(part) for part in month.split("-", 1))
    start = datetime(year, number, 1, tzinfo=zone)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=zone)
    return Period(start, end)


def run_report(repository: Repository, period: Period) -> Report:
    return run_monthly(repository, period)[0]


def run_monthly(repository: Repository, period: Period) -> tuple[Report, Trend]:
    """The month's figures and the twelve months up to it, from one read of the incidents."""
    results, _ = validate_repository(repository)
    today: date = now.today(repository.config)
    incidents = [r.data for r in results]
    report = build_report(incidents, repository.config, period, today)
    _add_checklist_progress(report)
    # Only incidents in the trend's window are measured, so only theirs are looked up.
    window = month_starts(period.end)[0]
    phase_times: dict[str, dict[str, tuple[str, str]]] = {}
    for result in results:
        detected = parse_time(result.data.get("detected_at"))
        if detected is None or not window <= detected < period.end:
            continue
        path = _in_git(repository, result)
        missing = missing_phase_times(repository.root, path, result.data)
        if missing:
            phase_times[str(result.data.get("id"))] = {
                field: (found.at, found.source) for field, found in missing.items()
            }
    trend = build_trend(incidents, repository.config, period.end, today, phase_times)
    return report, trend


def _add_checklist_progress(report: Report) -> None:
    """How far each listed incident's checklists got ('cs 2/10'), read from GitHub when the
    environment names a repository and a token; without them the report links the issues."""
    from incidentflow.commands.checklist_progress import checklist_progress, open_tracker

    rows = [row for row in report.incidents if row.get("checklists")]
    tracker = open_tracker() if rows else None
    for row in rows:
        found = checklist_progress({"tracking": {"stakeholders": row["checklists"]}}, tracker)
        row["checklist_progress"] = {team: list(counts) for team, counts in found.items()}


def _checklists_cell(row: dict[str, Any], url: str | None) -> str:
    """'✅ cs 10/10, ⬜ legal 2/7', each linked to its issue; '-' without checklists."""
    progress = row.get("checklist_progress") or {}
    parts = []
    for team, number in (row.get("checklists") or {}).items():
        counts = progress.get(team)
        if counts is not None:
            done, total = counts
            text = f"{'✅' if total and done == total else '⬜'} {team} {done}/{total}"
        else:
            text = f"{team} #{number}"
        parts.append(f"[{text}]({url}/issues/{number})" if url else text)
    return ", ".join(parts) or "-"


def _in_git(repository: Repository, result: ValidatedIncident) -> str:
    """The file's path as git names it (relative to the repository's root)."""
    shown = Path(result.document.path)
    file = shown if shown.is_absolute() else repository.root / shown
    try:
        return file.resolve().relative_to(repository.root.resolve()).as_posix()
    except ValueError:
        return shown.as_posix()


def _counts_table(
    title: str, counts: dict[str, int], language: str, names: dict[str, str] | None = None
) -> list[str]:
    lines = [f"### {title}", ""]
    if not counts:
        return [*lines, REPORT["none"](language), ""]
    # The charts above draw these; the table gives the exact numbers.
    lines += [f"| | {REPORT['count'](language)} |", "|---|---:|"]
    lines += [f"| {(names or {}).get(key, key)} | {value} |" for key, value in counts.items()]
    return [*lines, ""]


def _speed(row: dict[str, Any], language: str) -> str:
    if not row.get("count"):
        return "–"
    return REPORT["speed_figure"](
        language,
        median=duration(row["median"], language),
        p90=duration(row["p90"], language),
        count=row["count"],
    )


def _listed(parts: list[str], language: str) -> str:
    return ("、" if is_ja(language) else ", ").join(parts)


def render_markdown(
    report: Report, language: str, config: Config, trend: Trend | None = None
) -> str:
    def say(key: str, **values: object) -> str:
        return REPORT[key](language, **values)

    lines = [
        f"# {say('title')}",
        "",
        say("period", period=report.period.label),
        "",
        f"| {say('detected')} | {say('closed')} | {say('declined')} | {say('open')} |",
        "|---:|---:|---:|---:|",
        f"| {report.detected} | {report.closed} | {report.declined_or_duplicate} | "
        f"{sum(report.open_by_status.values())} |",
        "",
    ]
    severities = {level.key: level.name.get(language) for level in config.severities}
    sources = {key: words(language) for key, words in SOURCES.items()}
    if trend is not None:
        lines += monthly_charts(trend, report, config, language, sources)
    lines += _counts_table(say("severity"), report.by_severity, language, severities)
    lines += _counts_table(say("source"), report.by_source, language, sources)
    speeds = [
        (key, getattr(report, f"minutes_to_{key}"))
        for key in ("decide", "recover", "detect", "mitigate", "resolve", "escalate")
    ]
    lines += [
        f"### {say('speed')}",
        "",
        f"| {say('metric')} | {say('median')} |",
        "|---|---|",
        *(f"| {say(key)} | {_speed(row, language)} |" for key, row in speeds),
        "",
        f"### {say('privacy')}",
        "",
        say("item", label=say("pd_incidents"), value=report.personal_data_incidents),
        say(
            "item",
            label=say("records"),
            value=f"{report.records_affected:,}"
            + (
                say("not_counted", count=report.records_not_counted)
                if report.records_not_counted
                else ""
            ),
        ),
        say(
            "item",
            label=say("clocks"),
            value=_listed(
                [f"{clock_state(k, language)} {v}" for k, v in sorted(report.clocks.items())],
                language,
            )
            or say("none"),
        ),
    ]
    if report.minutes_to_escalate.get("count"):
        target = config.escalation.personal_data_max_minutes
        median = report.minutes_to_escalate.get("median")
        line = escalation_line(median, target, language)
        lines.append(say("item", label=say("escalate"), value=line))
    lines.append("")
    states = {k: v for k, v in report.prevention.items() if not k.startswith("horizon_")}
    state_names = {key: prevention_state(key, language) for key in states}
    lines += _counts_table(say("prevention"), states, language, state_names)
    horizons = [
        f"{horizon(k.removeprefix('horizon_'), language)} {v}"
        for k, v in report.prevention.items()
        if k.startswith("horizon_")
    ]
    if horizons:
        lines += [say("horizon", horizons=_listed(horizons, language)), ""]
    if report.day_precision:
        lines += [f"_{say('day_precision', count=report.day_precision)}_", ""]
    if report.late_clocks:
        lines += [f"### {say('late_clocks')}", ""]
        for row, (name, lateness) in zip(report.late_clocks, report.late_words, strict=True):
            reason = (
                say("late_reason", reason=row["late_reason"], approved_by=row["approved_by"])
                if row["late_reason"]
                else say("no_reason")
            )
            lines.append(
                say(
                    "late_clock",
                    incident=row["incident"],
                    name=name(language),
                    lateness=lateness(language),
                    reason=reason,
                )
            )
        lines.append("")
    if report.imported:
        counted = say(
            "imported_line", count=report.imported, unknown=report.imported_unknown_fields
        )
        speed = report.imported_speed
        lines += [f"### {say('imported')}", "", counted, ""]
        lines += [
            say("item", label=say(key), value=_speed(speed.get(f"minutes_to_{key}", {}), language))
            for key in ("mitigate", "resolve")
        ]
        lines.append("")
    lines += [f"### {say('list')}", ""]
    if report.incidents:
        from incidentflow.commands.status_markdown import repository_url

        url = repository_url()
        lines += [
            f"| ID | {say('severity_col')} | {say('status_col')} | {say('title_col')} "
            f"| {say('checklists_col')} |",
            "|---|---|---|---|---|",
        ]
        for row in report.incidents:
            severity = severities.get(str(row["severity"])) or row["severity"]
            status = status_word(row["status"], language)
            checklists = _checklists_cell(row, url)
            lines.append(f"| {row['id']} | {severity} | {status} | {row['title']} | {checklists} |")
    else:
        lines.append(say("none"))
    return "\n".join(lines) + "\n"
