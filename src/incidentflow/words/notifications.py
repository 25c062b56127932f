"""The notification log and the regulatory clocks in words (``reports/notifications.py``):
who was told, what kind of report it was, and a clock's line with its progress and any note.
Shown on status pages, in reports, reminders and checklist issues.
"""

from __future__ import annotations

from incidentflow.words import Words

RECIPIENTS: dict[str, Words] = {
    "regulator": Words(en="regulator", ja="監督官庁"),
    "police": Words(en="police", ja="警察"),
    "public": Words(en="public", ja="公表"),
    "shops": Words(en="shops", ja="ショップ"),
    "partners": Words(en="partners", ja="パートナー企業"),
    "card_brands": Words(en="card brands", ja="カードブランド"),
    "acquirer": Words(en="acquirer", ja="アクワイアラ・決済代行"),
    "individuals": Words(en="people affected", ja="本人"),
    "other": Words(en="other", ja="その他"),
}
KINDS: dict[str, Words] = {
    "preliminary": Words(en="preliminary report", ja="速報"),
    "final": Words(en="final report", ja="確報"),
    "notice": Words(en="notice", ja="通知・告知"),
    "update": Words(en="update", ja="続報"),
    "report": Words(en="report", ja="報告・届出"),
}
LOG: dict[str, Words] = {
    "named": Words(en="{who} ({name})", ja="{who}（{name}）"),
    "date_unknown": Words(en="date unknown", ja="日付不明"),
    "unknown_because": Words(en="date unknown: {reason}", ja="日付不明：{reason}"),
}
CLOCK: dict[str, Words] = {
    "line": Words(en="{name}: {progress} (due {due})", ja="{name}：{progress}（期限 {due}）"),
    "note": Words(
        en=" — {label}: {reason} (approved by {approved_by})",
        ja=" — {label}：{reason}（承認 {approved_by}）",
    ),
}
NOTE_KINDS: dict[str, Words] = {
    "not_applicable": Words(en="not applicable", ja="対象外"),
    "late_reason": Words(en="late", ja="遅延理由"),
    "unknown": Words(en="unknown", ja="不明"),
}
# A count as recorded: exact, or bounded ("at most 1,938" / "最大 1,938").
COUNTS: dict[str, Words] = {
    "value": Words(en="{figure}", ja="{figure}"),
    "about": Words(en="about {figure}", ja="約{figure}"),
    "at_least": Words(en="at least {figure}", ja="少なくとも{figure}"),
    "at_most": Words(en="at most {figure}", ja="最大{figure}"),
}
