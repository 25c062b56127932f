"""What ``incident remind`` says, in ja and en: each reminder (an overdue or nearly due
regulatory clock, a duty done late without a reason, an overdue prevention item), the list
it prints, the comment ``--post`` leaves on the item's issue and what it did there.

A reminder is worded in both languages when it is found (``reports/monthly.py``): the list is
printed in the reader's language, the comment written in the incident's.
"""

from __future__ import annotations

from incidentflow.words import Words

# One reminder: "<clock name>: <when><what to do>".
REMINDER: dict[str, Words] = {
    "clock": Words(en="{name}: {when}{record}", ja="{name}: {when}{record}"),
    "overdue": Words(en="due {due}, {overdue}; ", ja="期限 {due} を{overdue}しています。"),
    "done_late": Words(
        en="due {due}, done {done} ({lateness}); ",
        ja="期限 {due} に対し {done} に完了（{lateness}）。",
    ),
    "due_soon": Words(en="due {due}, {left}; ", ja="期限 {due} まで{left}です。"),
    "log_it": Words(
        en="log it in notifications.log when done ({completed_by})",
        ja="完了したら notifications.log に記録してください（{completed_by}）",
    ),
    # Which entry of notifications.log completes the clock: what people write there.
    "completion": Words(
        en="recipient {recipients}, kind {kinds}", ja="recipient: {recipients}、kind: {kinds}"
    ),
    "completion_any": Words(
        en="recipient {recipients}, kind any", ja="recipient: {recipients}、kind は任意"
    ),
    "or": Words(en=" or ", ja=" または "),
    "give_reason": Words(
        en="before closing, write clock_notes.{clock} with late_reason and approved_by",
        ja="クローズ前に clock_notes.{clock} に late_reason と approved_by を書いてください",
    ),
    "prevention": Words(
        en="prevention item {item} '{title}' was due {due} ({days} days ago); finish it or "
        "agree a new date",
        ja="再発防止策 {item}「{title}」の期限 {due} を {days} 日過ぎています。完了させるか、"
        "新しい期限を合意してください",
    ),
}

# The printed list.
LIST: dict[str, Words] = {
    "nothing": Words(en="Nothing is overdue or due soon.", ja="期限超過・期限間近はありません。"),
    "overdue": Words(en="{count} overdue:", ja="期限超過 {count} 件:"),
    "done_late": Words(
        en="{count} done late, lateness not yet acknowledged:",
        ja="期限後に完了・遅延理由の記録待ち {count} 件:",
    ),
    "due_soon": Words(en="{count} due within a day:", ja="期限間近 {count} 件:"),
    "item": Words(
        en="- {incident} [{owner}]{issue}: {text}", ja="- {incident} [{owner}]{issue}: {text}"
    ),
    "issue": Words(en=" (issue #{number})", ja="（イシュー #{number}）"),
}

# The comment on the item's issue.
COMMENT: dict[str, Words] = {
    "body": Words(
        en="⏰ {heading}: {text}\n\nOwner: {owner} · Due: {due} · {incident}\n",
        ja="⏰ {heading}: {text}\n\n担当: {owner} · 期限: {due} · {incident}\n",
    ),
    "overdue": Words(en="Overdue", ja="期限超過"),
    "clock_soon": Words(en="Due soon", ja="期限間近"),
    "clock_late": Words(en="Done late, no reason recorded", ja="期限後に完了・理由未記録"),
}

# What ``--post`` did on each item's issue.
POSTED: dict[str, Words] = {
    "commented": Words(en="commented", ja="コメントしました"),
    "already_today": Words(en="already reminded today", ja="今日はリマインド済みです"),
    "no_issue": Words(
        en="no issue recorded (merge the sync's bot pull request, or run sync)",
        ja="イシューが記録されていません（同期のボットのプルリクエストをマージするか、"
        "`incident sync` を実行してください）",
    ),
    "not_ours": Words(
        en="not commented: issue #{number} is not ours ({why})",
        ja="コメントしていません：イシュー #{number} は同期のものではありません（{why}）",
    ),
    "missing": Words(en="it does not exist", ja="存在しません"),
}
