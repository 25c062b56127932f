"""What ``incident sync`` prints: one line per action, the summary, the job summary, and the
details of each action (why one was skipped, what changed, what failed).

The sync makes its actions before it knows the reader's language, so details travel as
``words.phrase.Phrase`` (these words with their values) and are rendered when printed. The
JSON output keeps the English rendering, for scripts.
"""

from __future__ import annotations

from incidentflow.words import Words

# What happened to an item: the first column of an action line and of the job summary.
DONE: dict[str, Words] = {
    "created": Words(en="created", ja="作成"),
    "updated": Words(en="updated", ja="更新"),
    "commented": Words(en="commented", ja="コメント"),
    "closed": Words(en="closed", ja="クローズ"),
    "unchanged": Words(en="unchanged", ja="変更なし"),
    "failed": Words(en="failed", ja="失敗"),
    "skipped": Words(en="skipped", ja="スキップ"),
}
# What a dry run would do.
PLANNED: dict[str, Words] = {
    "created": Words(en="would create", ja="作成予定"),
    "updated": Words(en="would update", ja="更新予定"),
    "commented": Words(en="would comment", ja="コメント予定"),
    "closed": Words(en="would close", ja="クローズ予定"),
}
LEFT = Words(en="left", ja="持ち越し")

# The summary's counts: "2 created" / "作成 2 件"; in a dry run "4 to create" / "作成予定 4 件".
COUNT = Words(en="{count} {what}", ja="{what} {count} 件")
PLANNED_COUNT: dict[str, Words] = {
    "created": Words(en="to create", ja="作成予定"),
    "updated": Words(en="to update", ja="更新予定"),
    "commented": Words(en="to comment", ja="コメント予定"),
    "closed": Words(en="to close", ja="クローズ予定"),
}

SUMMARY: dict[str, Words] = {
    "done": Words(en="sync: {counts}", ja="同期：{counts}"),
    "dry_run": Words(
        en="dry run, nothing changed: {counts}", ja="ドライラン（何も変更していません）：{counts}"
    ),
    "nothing_to_do": Words(en="nothing to do", ja="やることはありません"),
    "nothing_done": Words(en="nothing done", ja="何もしていません"),
    "stopped": Words(en="stopped early: {why}", ja="途中で止まりました：{why}"),
    "left": Words(
        en="{count} item(s) left for the next run (`incident sync` again)",
        ja="{count} 件は次回に持ち越しました（もう一度 `incident sync` を実行してください）",
    ),
    "requests": Words(
        en="GitHub requests: {reads} reads, {writes} writes, {retries} retries, {waited} s waiting",
        ja="GitHub へのリクエスト：読み取り {reads} 件、書き込み {writes} 件、"
        "再試行 {retries} 回、待ち時間 {waited} 秒",
    ),
    "unfinished": Words(
        en="unfinished: run `incident sync` again; it picks up where this run stopped",
        ja="未完了です：もう一度 `incident sync` を実行してください。今回止まったところから"
        "続けます",
    ),
}

# The job summary inside GitHub Actions.
JOB_SUMMARY: dict[str, Words] = {
    "heading": Words(en="## incident sync", ja="## incident sync"),
    "dry_run": Words(en=" (dry run)", ja="（ドライラン）"),
    "columns": Words(en="| | issue | subject | detail |", ja="| | イシュー | 対象 | 詳細 |"),
    "nothing_changed": Words(en="Nothing changed.", ja="変更はありません。"),
}

# What an action is about.
SUBJECTS: dict[str, Words] = {
    "checklist": Words(en="{incident} {item} checklist", ja="{incident} {item} のチェックリスト"),
    "prevention": Words(en="{incident} {item} prevention", ja="{incident} 再発防止策 {item}"),
    "pull_request": Words(en="pull request", ja="プルリクエスト"),
    "write_back": Words(en="write-back", ja="番号の書き戻し"),
    "lock": Words(en="lock {branch}", ja="ロック {branch}"),
    "prevention_number": Words(en="prevention item {number}", ja="{number} 番目の再発防止策"),
    "prevention_id": Words(en="prevention {item}", ja="再発防止策 {item}"),
    "in_incident": Words(en="{incident} {subject}", ja="{incident} {subject}"),
}

# Why an item was skipped or failed, and notes on what was done.
DETAILS: dict[str, Words] = {
    # reading the incident files
    "unreadable": Words(en="unreadable", ja="読み込めません"),
    "fields_unreadable": Words(
        en="{count} field(s) cannot be read; run `incident validate {path}` and fix them",
        ja="{count} 個の項目を読み取れません。`incident validate {path}` を実行して直してください",
    ),
    "id_and_status": Words(
        en="id must equal the file name and status must be set",
        ja="id をファイル名と同じにし、status を設定してください",
    ),
    "id_used_twice": Words(
        en="id {id} is also used by {other}", ja="id {id} は {other} でも使われています"
    ),
    # the plan
    "no_item_id": Words(
        en="has no id; give it one to track it",
        ja="id がありません。追跡するには id を付けてください",
    ),
    "item_id_twice": Words(en="the id is used twice", ja="同じ id が 2 回使われています"),
    "template_missing": Words(
        en="checklist template {path} of team '{team}' is missing",
        ja="チーム「{team}」のチェックリストのテンプレート {path} がありません",
    ),
    "not_a_login": Words(
        en="owner '{owner}' is not a @login: named in the body, not assigned",
        ja="担当「{owner}」は @ログイン名 ではないため、本文に書き、担当者には設定していません",
    ),
    # creating and updating issues
    "not_created": Words(en="not created: {why}", ja="作成していません：{why}"),
    "created_found": Words(
        en="found after a lost answer, not created twice",
        ja="応答が届きませんでしたが、作成済みと確認しました（二重には作成していません）",
    ),
    "not_assigned": Words(en="could not assign {logins}", ja="{logins} を担当者にできませんでした"),
    "not_created_after": Words(
        en="not created after {attempts} attempts", ja="{attempts} 回試しても作成できませんでした"
    ),
    "duplicate_of": Words(en="duplicate of #{number}", ja="#{number} と重複しています"),
    "duplicate_discussed": Words(
        en="duplicate of #{number}, already discussed: close it by hand",
        ja="#{number} と重複しています。すでにコメントがあるため、手でクローズしてください",
    ),
    "phase_moved": Words(en="{before} → {after}", ja="{before:phase} → {after:phase}"),
    "comment_found": Words(
        en="found after a lost answer, not posted twice",
        ja="応答が届きませんでしたが、投稿済みと確認しました（二重には投稿していません）",
    ),
    "comment_not_posted": Words(
        en="phase comment not posted after {attempts} attempts",
        ja="フェーズ変更のコメントを {attempts} 回試しても投稿できませんでした",
    ),
    # the write-back
    "no_default_commit": Words(
        en="the default branch {branch} has no commit",
        ja="デフォルトブランチ {branch} にコミットがありません",
    ),
    "not_on_branch": Words(
        en="{path} is not on {branch} (was it merged yet?)",
        ja="{path} が {branch} にありません（まだマージされていないのではありませんか）",
    ),
    "in_file": Words(en="{path}: {why}", ja="{path}：{why}"),
    "not_written_after": Words(
        en="{path}: not written after {attempts} attempts",
        ja="{path}：{attempts} 回試しても書き込めませんでした",
    ),
    "on_branch": Words(en="on {branch}", ja="ブランチ {branch}"),
    "tracking": Words(
        en="tracking: {numbers}, on {branch}", ja="tracking: {numbers}（ブランチ {branch}）"
    ),
    "new_issue": Words(en="{item} (new issue)", ja="{item}（新しいイシュー）"),
    # the run
    "not_attempted": Words(en="not attempted", ja="未実行"),
    "no_lock_base": Words(
        en="the default branch has no commit to base the lock on",
        ja="ロックの基点にするコミットがデフォルトブランチにありません",
    ),
    "not_released": Words(
        en="not released ({error}); it expires by itself after 15 minutes",
        ja="解放できませんでした（{error}）。15 分たつと自動的に失効します",
    ),
    "failed_in_a_row": Words(
        en="GitHub failed {count} items in a row ({error})",
        ja="GitHub への操作が {count} 件続けて失敗しました（{error}）",
    ),
    "lock_busy": Words(
        en="another sync is running (lock branch {branch}, {holder}); nothing was changed, "
        "run again when it is done",
        ja="別の同期が実行中です（ロックブランチ {branch}、{holder}）。何も変更していません。"
        "終わってからもう一度実行してください",
    ),
    "held_by": Words(en="held by {where} since {since}", ja="{since} から {where} が保持"),
    "another_run": Words(en="another run", ja="別の実行"),
    "contended": Words(en="contended", ja="取り合い中"),
    # GitHub's (or the connection's) own words, which are data here
    "github_said": Words(en="{error}", ja="GitHub の応答：「{error}」"),
}

# Which names of an issue's parts an update changed.
CHANGED: dict[str, Words] = {
    "title": Words(en="title", ja="タイトル"),
    "header": Words(en="header", ja="ヘッダー"),
    "labels": Words(en="labels", ja="ラベル"),
    "assignees": Words(en="assignees", ja="担当者"),
}

# Why an incident file cannot take the issue numbers (sync/writeback.py).
WRITE_BACK: dict[str, Words] = {
    "not_utf8": Words(en="the file is not UTF-8", ja="ファイルが UTF-8 ではありません"),
    "no_front_matter": Words(
        en="the file has no front matter", ja="ファイルにフロントマターがありません"
    ),
    "not_closed": Words(
        en="the front matter is not closed", ja="フロントマターが閉じられていません"
    ),
    "bare_cr": Words(
        en="the front matter uses bare CR line breaks",
        ja="フロントマターの改行が CR だけになっています",
    ),
    "not_yaml": Words(
        en="the front matter is not valid YAML: {error}",
        ja="フロントマターが正しい YAML ではありません：{error}",
    ),
    "not_mapping": Words(
        en="the front matter is not a mapping", ja="フロントマターがマッピングではありません"
    ),
    "unusual_lines": Words(
        en="the edits overlap lines written in an unusual way",
        ja="書き換える行が、通常と異なる書き方の行と重なっています",
    ),
    "would_not_load": Words(
        en="the edited file would not load", ja="書き換えたファイルが読み込めなくなります"
    ),
    "more_than_tracking": Words(
        en="the edit would change more than the tracking numbers",
        ja="書き換えが tracking の番号以外にも及んでしまいます",
    ),
}

# Why an issue is not the sync's own (sync/ownership.py): a reminder names it.
OWNERSHIP: dict[str, Words] = {
    "pull_request": Words(
        en="it is a pull request, not an issue", ja="イシューではなくプルリクエストです"
    ),
    "moved": Words(
        en="it was moved to another repository, {repository}",
        ja="別のリポジトリ {repository} に移されています",
    ),
    "author": Words(
        en="{author} opened it, not the sync's account {account}",
        ja="作成したのは {author} で、同期のアカウント {account} ではありません",
    ),
    "deleted_account": Words(en="a deleted account", ja="削除されたアカウント"),
    "no_marker": Words(
        en="its first line is not the sync's marker", ja="1 行目が同期のマーカーではありません"
    ),
    "other_key": Words(
        en="it is the sync's issue for {found}, not for {key}",
        ja="同期のイシューですが、{key} ではなく {found} のものです",
    ),
}

# Why the sync cannot start as asked: nothing was changed (the command exits 2).
ERRORS: dict[str, Words] = {
    "bad_token": Words(
        en="GitHub rejected GITHUB_TOKEN (401 Bad credentials): check the token",
        ja="GitHub が GITHUB_TOKEN を受け付けませんでした（401 Bad credentials）。"
        "トークンを確認してください。",
    ),
    "not_visible": Words(
        en="repository {repository} is not visible with this token (HTTP {status}); check "
        "GITHUB_REPOSITORY and the token's access: {error}",
        ja="このトークンではリポジトリ {repository} が見えません（HTTP {status}）。"
        "GITHUB_REPOSITORY とトークンの権限を確認してください：{error}",
    ),
    "nothing_changed": Words(
        en="{error}; nothing was changed", ja="{error}。何も変更していません。"
    ),
    "branch_prefix": Words(
        en="sync.branch is '{branch}': the sync force-moves its branch and deletes '{lock}', "
        "so it writes only to branches under '{prefix}'; set sync.branch in incidentflow.yaml "
        "to a new name such as '{prefix}sync'",
        ja="sync.branch が「{branch}」です。同期は自分のブランチを強制的に動かし、"
        "「{lock}」を削除するため、「{prefix}」の下のブランチにしか書き込みません。"
        "incidentflow.yaml の sync.branch を「{prefix}sync」のような新しい名前にしてください",
    ),
    "branch_default": Words(
        en="sync.branch '{branch}' is (or locks on) the default branch {default}: set "
        "sync.branch in incidentflow.yaml to a branch of the sync's own",
        ja="sync.branch「{branch}」（またはそのロック）がデフォルトブランチ {default} です。"
        "incidentflow.yaml の sync.branch を同期専用のブランチにしてください",
    ),
    "branch_protected": Words(
        en="branch {branch} is protected, and the sync moves and deletes its branches: set "
        "sync.branch in incidentflow.yaml to a new name, or lift the protection of {branch} "
        "if it really is the sync's",
        ja="ブランチ {branch} は保護されていますが、同期は自分のブランチを動かしたり削除したり"
        "します。incidentflow.yaml の sync.branch を新しい名前にするか、本当に同期のブランチ"
        "なら {branch} の保護を外してください",
    ),
    "branch_others": Words(
        en="branch {branch} has commits by {authors} that {default} does not have; the sync "
        "would overwrite them, so it leaves the branch alone. Merge or close its pull request "
        "and delete {branch}, or set sync.branch in incidentflow.yaml to a new name",
        ja="ブランチ {branch} には {default} にない {authors} のコミットがあります。同期すると"
        "上書きしてしまうため、このブランチには触れません。そのプルリクエストをマージするか"
        "閉じて {branch} を削除するか、incidentflow.yaml の sync.branch を新しい名前に"
        "してください",
    ),
    "unknown_author": Words(en="an unknown author", ja="不明な作成者"),
    "unknown_incident": Words(
        en="no incident '{wanted}' under {folder}/; pass incident IDs as in the file names",
        ja="{folder}/ にインシデント「{wanted}」がありません。ファイル名にある"
        "インシデント ID を指定してください",
    ),
}
