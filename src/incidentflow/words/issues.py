"""What the sync writes on GitHub, in the incident's language: the generated header of a
team's checklist issue and of a prevention item's tracking issue, the comment when an
incident changes phase, and the bot pull request that records the issue numbers.

The layout (rows, markers, quoting) is ``sync/bodies.py``'s; only the words are here.
"""

from __future__ import annotations

from incidentflow.words import Words, is_ja, spec

HEADER: dict[str, Words] = {
    "checklist_intro": Words(
        en="Checklist for {team}. Work through the boxes below.",
        ja="{team}向けのチェックリストです。下のチェックボックスを進めてください。",
    ),
    "incident": Words(en="Incident", ja="障害"),
    "status": Words(en="Status", ja="状態"),
    "leader": Words(en="Leader", ja="リーダー"),
    "severity": Words(en="Severity", ja="重大度"),
    "personal_data": Words(en="Personal data", ja="個人情報"),
    "summary": Words(en="Summary", ja="概要"),
    "deadlines": Words(
        en="Deadlines for this team (regulatory clocks)", ja="この担当の期限（規制対応）"
    ),
    "notified": Words(en="Notifications made", ja="連絡・報告の記録"),
    "file": Words(en="Incident file", ja="障害ファイル"),
    "latest": Words(en="latest", ja="最新版"),
    "nobody": Words(en="not named yet", ja="未定"),
    "nothing_yet": Words(en="(not written yet)", ja="（まだ書かれていません）"),
    "prevention": Words(en="Prevention", ja="再発防止策"),
    "item": Words(en="What", ja="内容"),
    "owner": Words(en="Owner", ja="担当"),
    "due": Words(en="Due", ja="期限"),
    "horizon": Words(en="Horizon", ja="区分"),
    "kind": Words(en="Type", ja="種類"),
    "progress": Words(en="Progress", ja="進捗"),
    "open": Words(en="open", ja="未完了"),
    "done": Words(en="done", ja="完了"),
    # A row of the header: "- **Status**: responding (Response)".
    "row": Words(en="- **{label}**: {value}", ja="- **{label}**：{value}"),
    "team_with_name": Words(en="{mention} ({name})", ja="{mention}（{name}）"),
    "file_link": Words(
        en="[{path}]({at_commit}) ([{latest}]({latest_url}))",
        ja="[{path}]({at_commit})（[{latest}]({latest_url})）",
    ),
    "records": Words(en="{count} records", ja="{count} 件"),
    "personal_data_facts": Words(en="{status} ({facts})", ja="{status}（{facts}）"),
}

HORIZONS: dict[str, Words] = {
    "now": Words(en="now", ja="now（今やること）"),
    "later": Words(en="later", ja="later（これからやること）"),
}

# A deadline in a checklist header, with nothing that changes by itself over time.
CLOCK: dict[str, Words] = {
    "line": Words(en="- {name}: {due} ({zone}) — {state}", ja="- {name}：{due}（{zone}）— {state}"),
    "late_by": Words(en=" ({lateness})", ja="（{lateness}）"),
    "note": Words(
        en=" — {label}: {reason} (approved by {approver})",
        ja=" — {label}：{reason}（承認 {approver}）",
    ),
    "late_reason": Words(en="late because", ja="遅延理由"),
}
CLOCK_STATES: dict[str, Words] = {
    "running": Words(en="running", ja="進行中"),
    "overdue": Words(en="overdue", ja="期限超過"),
    "done": Words(en="done", ja="完了"),
    "done_late": Words(en="done late", ja="完了（期限超過）"),
    "done_unknown": Words(en="done, date unknown", ja="完了（日付不明）"),
    "not_applicable": Words(en="not applicable", ja="対象外"),
    "unknown": Words(en="not known (imported record)", ja="不明（取り込み記録）"),
}

PHASE_COMMENT = Words(
    en="Incident {incident} moved from **{before:phase_named}** to **{after:phase_named}**.",
    ja="障害 {incident} の状態が **{before:phase_named}** から **{after:phase_named}** に"
    "変わりました。",
)

# The bot pull request that writes the issue numbers into the incident files, and its commits.
PULL_REQUEST: dict[str, Words] = {
    "commit": Words(
        en="incident sync: link issues in {incident}",
        ja="incident sync: {incident} のイシュー番号を記録",
    ),
    "title": Words(
        en="incident sync: link checklist and prevention issues",
        ja="incident sync: チェックリストと再発防止策のイシューを記録",
    ),
    "body": Words(
        en="`incident sync` records the numbers of the stakeholder checklist issues and the "
        "prevention tracking issues in these incident files (`tracking:`). Only those lines "
        "change. The bot updates this pull request in place until it is merged.\n\n{files}\n",
        ja="`incident sync` が、関係チームのチェックリストと再発防止策のイシューの番号を"
        "これらの障害ファイルに記録します（`tracking:`）。変わるのはその行だけです。"
        "マージされるまで、ボットがこのプルリクエストを更新し続けます。\n\n{files}\n",
    ),
}


@spec("phase_named")
def _phase_named(value: str, language: str) -> str:
    """'responding (Response)' / 'responding（障害対応）': the key people type, and its name."""
    from incidentflow.record.model import parse_status
    from incidentflow.record.phases import PHASES

    status = parse_status(value)
    if status is None:
        return value
    phase = PHASES[status]
    return f"{value}（{phase.ja}）" if is_ja(language) else f"{value} ({phase.en})"
