"""The monthly report's charts, in Markdown: the trend by severity, speed by severity, how
incidents came in, prevention items by due month, and escalation time against its target."""

from __future__ import annotations

from collections.abc import Mapping

from incidentflow.config.settings import Config
from incidentflow.reports.charts import pie, xychart
from incidentflow.reports.monthly import Report
from incidentflow.reports.trend import Trend
from incidentflow.words.report import CHARTS
from incidentflow.words.states import PREVENTION_STATES, duration, is_ja


def state_word(state: str, language: str) -> str:
    _, ja, en = PREVENTION_STATES[state]
    return ja if is_ja(language) else en


def escalation_line(median: float | None, target: int, language: str) -> str:
    """'88分 / 目標 60分' — the month's median against the configured limit, marked."""
    goal = f"{CHARTS['target'](language)} {duration(target, language)}"
    if median is None:
        return f"– / {goal}"
    mark = "✅" if median <= target else "🔴"
    return f"{mark} {duration(median, language)} / {goal}"


def monthly_charts(
    trend: Trend,
    report: Report,
    config: Config,
    language: str,
    sources: Mapping[str, str],
) -> list[str]:
    """Markdown lines: one ### section per chart that has something to show."""
    text = {key: words.template(language) for key, words in CHARTS.items()}
    names = {level.key: level.name.get(language) for level in config.severities}
    out: list[str] = []

    def section(title: str, chart: str) -> None:
        if chart:
            out.extend([f"### {title}", "", chart, ""])

    section(
        text["trend"],
        xychart(
            text["trend"],
            trend.months,
            text["incidents"],
            [("line", names.get(key, key), values) for key, values in trend.by_severity.items()],
        ),
    )
    severities = [
        key
        for key in trend.by_severity
        if any(key in by for by in trend.speed_by_severity.values())
    ]
    # Bars overlap in xychart-beta, so the longest measure is drawn first and the shorter
    # ones over it: recovery, then mitigation, then decision.
    measures = [
        (name, trend.speed_by_severity.get(name, {})) for name in ("resolve", "mitigate", "decide")
    ]
    section(
        text["speed"],
        xychart(
            text["speed"],
            [names.get(key, key) for key in severities],
            text["hours"],
            [
                ("bar", text[name], [round(by.get(key, 0) / 60, 1) for key in severities])
                for name, by in measures
                if by
            ],
            colours=[colour for (name, by), colour in zip(measures, (4, 1, 0), strict=True) if by],
        ),
    )
    section(
        text["sources"],
        pie(text["sources"], [(sources.get(k, k), v) for k, v in report.by_source.items()]),
    )
    states = ("done", "overdue", "open")
    section(
        text["prevention"],
        xychart(
            text["prevention"],
            [*trend.months, text["later"]],
            text["items"],
            [
                ("line", state_word(state, language), trend.prevention_by_due_month[state])
                for state in states
            ],
            colours=[3, 0, 4],
        ),
    )
    median = report.minutes_to_escalate.get("median")
    chart = xychart(
        text["escalation"],
        trend.months,
        text["minutes"],
        [
            ("bar", text["median"], trend.escalation_minutes),
            ("line", text["target"], [float(trend.escalation_target)] * len(trend.months)),
        ],
        colours=[4, 0],
    )
    if chart:
        line = escalation_line(median, trend.escalation_target, language)
        this_month = CHARTS["this_month"](language, line=line)
        section(text["escalation"], f"{this_month}\n\n{chart}")
    return out
