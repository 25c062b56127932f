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
from incidentflow.words.states import clock_state, duration, horizon, prevention_state, status_word

LABELS = {
    "ja": {
        "title": "インシデント月次レポート",
        "period": "対象期間",
        "detected": "検知件数",
        "closed": "クローズ件数",
        "declined": "対象外・重複",
        "open": "対応中（現在）",
        "severity": "重大度別",
        "source": "検知経路別",
        "speed": "対応速度",
        "decide": "検知→初期対応決定",
        "recover": "検知→復旧",
        "detect": "影響開始→検知",
        "mitigate": "影響開始→影響の収束",
        "resolve": "影響開始→復旧",
        "day_precision": "日付のみ判明の {count} 件は分単位の指標から除外",
        "imported": "過去のインシデントの取り込み（指標には含めない）",
        "imported_line": "{count} 件（不明と記録された項目 {unknown} 件）",
        "late_clocks": "期限を過ぎた法令・契約上の対応",
        "late_reason": "理由",
        "no_reason": "理由未記録",
        "escalate": "検知→個人情報エスカレーション",
        "privacy": "個人情報",
        "pd_incidents": "個人情報の懸念があった件数",
        "records": "影響件数の合計",
        "not_counted": "件数未確定のインシデント {count} 件を除く",
        "clocks": "法令・契約上の期限",
        "prevention": "再発防止策（全期間）",
        "list": "期間中に検知したインシデント",
        "none": "なし",
        "metric": "指標",
        "median": "中央値",
        "count": "件数",
        "severity_col": "重大度",
        "status_col": "状態",
        "title_col": "件名",
        "horizon": "区分",
    },
    "en": {
        "title": "Monthly incident report",
        "period": "Period",
        "detected": "Detected",
        "closed": "Closed",
        "declined": "Declined or duplicate",
        "open": "Open now",
        "severity": "By severity",
        "source": "How they came in",
        "speed": "Speed",
        "decide": "detection → decision",
        "recover": "detection → recovery",
        "detect": "impact start → detection",
        "mitigate": "impact start → mitigation",
        "resolve": "impact start → recovery",
        "day_precision": "{count} incident(s) known only to the day are left out of these",
        "imported": "Past incidents imported (not in the figures)",
        "imported_line": "{count} ({unknown} item(s) recorded as not known)",
        "late_clocks": "Regulatory and contractual duties done late or overdue",
        "late_reason": "reason",
        "no_reason": "no reason recorded yet",
        "escalate": "detection → personal-data escalation",
        "privacy": "Personal data",
        "pd_incidents": "Incidents with personal data suspected or confirmed",
        "records": "Records affected (sum)",
        "not_counted": "{count} incident(s) not counted yet",
        "clocks": "Regulatory and contractual clocks",
        "prevention": "Prevention items (all time)",
        "list": "Incidents detected in the period",
        "none": "none",
        "metric": "metric",
        "median": "median",
        "count": "count",
        "severity_col": "severity",
        "status_col": "status",
        "title_col": "title",
        "horizon": "horizon",
    },
}


SOURCES = {
    "ja": {
        "shop_inquiry": "ショップからの問い合わせ",
        "system_alert": "システムアラート",
        "sales_contact": "営業経由",
        "internal": "社内",
        "partner": "パートナー企業",
        "other": "その他",
    },
    "en": {
        "shop_inquiry": "shop inquiry",
        "system_alert": "system alert",
        "sales_contact": "through sales",
        "internal": "internal",
        "partner": "partner",
        "other": "other",
    },
}


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


def _in_git(repository: Repository, result: ValidatedIncident) -> str:
    """The file's path as git names it (relative to the repository's root)."""
    shown = Path(result.document.path)
    file = shown if shown.is_absolute() else repository.root / shown
    try:
        return file.resolve().relative_to(repository.root.resolve()).as_posix()
    except ValueError:
        return shown.as_posix()


def _counts_table(
    title: str, counts: dict[str, int], text: dict[str, str], names: dict[str, str] | None = None
) -> list[str]:
    lines = [f"### {title}", ""]
    if not counts:
        return [*lines, text["none"], ""]
    # The charts above draw these; the table gives the exact numbers.
    lines += [f"| | {text['count']} |", "|---|---:|"]
    lines += [f"| {(names or {}).get(key, key)} | {value} |" for key, value in counts.items()]
    return [*lines, ""]


def _speed(row: dict[str, Any], language: str) -> str:
    if not row.get("count"):
        return "–"
    median, p90 = duration(row["median"], language), duration(row["p90"], language)
    return f"{median} (p90 {p90}, n={row['count']})"


def render_markdown(
    report: Report, language: str, config: Config, trend: Trend | None = None
) -> str:
    text = LABELS["ja" if language == "ja" else "en"]
    lines = [
        f"# {text['title']}",
        "",
        f"{text['period']}: {report.period.label}",
        "",
        f"| {text['detected']} | {text['closed']} | {text['declined']} | {text['open']} |",
        "|---:|---:|---:|---:|",
        f"| {report.detected} | {report.closed} | {report.declined_or_duplicate} | "
        f"{sum(report.open_by_status.values())} |",
        "",
    ]
    severities = {level.key: level.name.get(language) for level in config.severities}
    sources = SOURCES["ja" if language == "ja" else "en"]
    if trend is not None:
        lines += monthly_charts(trend, report, config, language, sources)
    lines += _counts_table(text["severity"], report.by_severity, text, severities)
    lines += _counts_table(text["source"], report.by_source, text, sources)
    lines += [
        f"### {text['speed']}",
        "",
        f"| {text['metric']} | {text['median']} |",
        "|---|---|",
        f"| {text['decide']} | {_speed(report.minutes_to_decide, language)} |",
        f"| {text['recover']} | {_speed(report.minutes_to_recover, language)} |",
        f"| {text['detect']} | {_speed(report.minutes_to_detect, language)} |",
        f"| {text['mitigate']} | {_speed(report.minutes_to_mitigate, language)} |",
        f"| {text['resolve']} | {_speed(report.minutes_to_resolve, language)} |",
        f"| {text['escalate']} | {_speed(report.minutes_to_escalate, language)} |",
        "",
        f"### {text['privacy']}",
        "",
        f"- {text['pd_incidents']}: {report.personal_data_incidents}",
        f"- {text['records']}: {report.records_affected:,}"
        + (
            f" ({text['not_counted'].format(count=report.records_not_counted)})"
            if report.records_not_counted
            else ""
        ),
        f"- {text['clocks']}: "
        + (
            ", ".join(f"{clock_state(k, language)} {v}" for k, v in sorted(report.clocks.items()))
            or text["none"]
        ),
    ]
    if report.minutes_to_escalate.get("count"):
        target = config.escalation.personal_data_max_minutes
        median = report.minutes_to_escalate.get("median")
        lines.append(f"- {text['escalate']}: {escalation_line(median, target, language)}")
    lines.append("")
    states = {k: v for k, v in report.prevention.items() if not k.startswith("horizon_")}
    state_names = {key: prevention_state(key, language) for key in states}
    lines += _counts_table(text["prevention"], states, text, state_names)
    horizons = [
        f"{horizon(k.removeprefix('horizon_'), language)} {v}"
        for k, v in report.prevention.items()
        if k.startswith("horizon_")
    ]
    if horizons:
        lines += [f"{text['horizon']}: {', '.join(horizons)}", ""]
    if report.day_precision:
        lines += [f"_{text['day_precision'].format(count=report.day_precision)}_", ""]
    if report.late_clocks:
        lines += [f"### {text['late_clocks']}", ""]
        for row in report.late_clocks:
            reason = (
                f"{text['late_reason']}: {row['late_reason']} ({row['approved_by']})"
                if row["late_reason"]
                else text["no_reason"]
            )
            lines.append(f"- {row['incident']} · {row['name']}: {row['lateness']} — {reason}")
        lines.append("")
    if report.imported:
        counted = text["imported_line"].format(
            count=report.imported, unknown=report.imported_unknown_fields
        )
        speed = report.imported_speed
        lines += [f"### {text['imported']}", "", counted, ""]
        lines += [
            f"- {text[key]}: {_speed(speed.get(f'minutes_to_{key}', {}), language)}"
            for key in ("mitigate", "resolve")
        ]
        lines.append("")
    lines += [f"### {text['list']}", ""]
    if report.incidents:
        lines += [
            f"| ID | {text['severity_col']} | {text['status_col']} | {text['title_col']} |",
            "|---|---|---|---|",
        ]
        for row in report.incidents:
            severity = severities.get(str(row["severity"])) or row["severity"]
            status = status_word(row["status"], language)
            lines.append(f"| {row['id']} | {severity} | {status} | {row['title']} |")
    else:
        lines.append(text["none"])
    return "\n".join(lines) + "\n"
