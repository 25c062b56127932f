"""The monthly report (``incident report``) in ja and en: its headings, tables, figures and
charts. The layout is ``commands/report.py`` and ``reports/monthly_charts.py``.
"""

from __future__ import annotations

from incidentflow.words import Words

REPORT: dict[str, Words] = {
    "title": Words(en="Monthly incident report", ja="インシデント月次レポート"),
    "period": Words(en="Period: {period}", ja="対象期間：{period}"),
    "detected": Words(en="Detected", ja="検知件数"),
    "closed": Words(en="Closed", ja="クローズ件数"),
    "declined": Words(en="Declined or duplicate", ja="対象外・重複"),
    "open": Words(en="Open now", ja="対応中（現在）"),
    "severity": Words(en="By severity", ja="重大度別"),
    "source": Words(en="How they came in", ja="検知経路別"),
    "speed": Words(en="Speed", ja="対応速度"),
    "decide": Words(en="detection → decision", ja="検知→初期対応決定"),
    "recover": Words(en="detection → recovery", ja="検知→復旧"),
    "detect": Words(en="impact start → detection", ja="影響開始→検知"),
    "mitigate": Words(en="impact start → mitigation", ja="影響開始→影響の収束"),
    "resolve": Words(en="impact start → recovery", ja="影響開始→復旧"),
    "escalate": Words(
        en="detection → personal-data escalation", ja="検知→個人情報エスカレーション"
    ),
    "speed_figure": Words(
        en="{median} (p90 {p90}, n={count})", ja="{median}（p90 {p90}、n={count}）"
    ),
    "day_precision": Words(
        en="{count} incident(s) known only to the day are left out of these",
        ja="日付のみ判明の {count} 件は分単位の指標から除外",
    ),
    "imported": Words(
        en="Past incidents imported (not in the figures)",
        ja="過去のインシデントの取り込み（指標には含めない）",
    ),
    "imported_line": Words(
        en="{count} ({unknown} item(s) recorded as not known)",
        ja="{count} 件（不明と記録された項目 {unknown} 件）",
    ),
    "late_clocks": Words(
        en="Regulatory and contractual duties done late or overdue",
        ja="期限を過ぎた法令・契約上の対応",
    ),
    "late_clock": Words(
        en="- {incident} · {name}: {lateness} — {reason}",
        ja="- {incident} · {name}：{lateness} — {reason}",
    ),
    "late_reason": Words(
        en="reason: {reason} ({approved_by})", ja="理由：{reason}（{approved_by}）"
    ),
    "no_reason": Words(en="no reason recorded yet", ja="理由未記録"),
    "privacy": Words(en="Personal data", ja="個人情報"),
    "pd_incidents": Words(
        en="Incidents with personal data suspected or confirmed",
        ja="個人情報の懸念があった件数",
    ),
    "records": Words(en="Records affected (sum)", ja="影響件数の合計"),
    "not_counted": Words(
        en=" ({count} incident(s) not counted yet)",
        ja="（件数未確定のインシデント {count} 件を除く）",
    ),
    "clocks": Words(en="Regulatory and contractual clocks", ja="法令・契約上の期限"),
    "prevention": Words(en="Prevention items (all time)", ja="再発防止策（全期間）"),
    "horizon": Words(en="horizon: {horizons}", ja="区分：{horizons}"),
    "list": Words(en="Incidents detected in the period", ja="期間中に検知したインシデント"),
    "none": Words(en="none", ja="なし"),
    "metric": Words(en="metric", ja="指標"),
    "median": Words(en="median", ja="中央値"),
    "count": Words(en="count", ja="件数"),
    "severity_col": Words(en="severity", ja="重大度"),
    "status_col": Words(en="status", ja="状態"),
    "title_col": Words(en="title", ja="件名"),
    "checklists_col": Words(en="checklists", ja="チェックリスト"),
    "item": Words(en="- {label}: {value}", ja="- {label}：{value}"),
}

# How incidents came in (``detection.source``).
SOURCES: dict[str, Words] = {
    "shop_inquiry": Words(en="shop inquiry", ja="ショップからの問い合わせ"),
    "system_alert": Words(en="system alert", ja="システムアラート"),
    "sales_contact": Words(en="through sales", ja="営業経由"),
    "internal": Words(en="internal", ja="社内"),
    "partner": Words(en="partner", ja="パートナー企業"),
    "other": Words(en="other", ja="その他"),
}

# The report's charts (``reports/monthly_charts.py``).
CHARTS: dict[str, Words] = {
    "trend": Words(
        en="Incidents detected per month by severity (last 12 months)",
        ja="月別の検知件数（重大度別、直近12か月）",
    ),
    "incidents": Words(en="incidents", ja="件数"),
    "speed": Words(
        en="Speed by severity (median over the last 12 months)",
        ja="重大度別の対応速度（直近12か月の中央値）",
    ),
    "hours": Words(en="hours", ja="時間"),
    "decide": Words(en="detection → decision", ja="検知→初期対応決定"),
    "mitigate": Words(en="detection → mitigation", ja="検知→影響停止"),
    "resolve": Words(en="detection → recovery", ja="検知→復旧"),
    "sources": Words(en="How they came in (this month)", ja="検知経路（対象月）"),
    "prevention": Words(
        en="Prevention items by due month, as they stand now",
        ja="再発防止策（期限月別、現在の状態）",
    ),
    "items": Words(en="items", ja="件数"),
    "escalation": Words(
        en="Time to personal-data escalation (median per month)",
        ja="個人情報エスカレーションまでの時間（月別中央値）",
    ),
    "minutes": Words(en="minutes", ja="分"),
    "target": Words(en="target", ja="目標"),
    "this_month": Words(en="this month: {line}", ja="対象月：{line}"),
    "median": Words(en="median", ja="中央値"),
    "later": Words(en="later", ja="それ以降"),
}
