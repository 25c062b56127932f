"""What a declaration says, in ja and en: the pull request, the comments on the issue, the
lines it adds to the incident file, the notes on what it adjusted, and what
``incident declare`` prints.

Texts on GitHub and in the file are in the repository's language (the config's
``language``); what the command prints is in the reader's. The layout and the markers are
``declare/comments.py`` and ``declare/markers.py``; the form's own labels stay with the form
(``declare/form.py``), which GitHub shows in both languages.
"""

from __future__ import annotations

from incidentflow.words import Words

# The pull request that adds the incident file.
PULL: dict[str, Words] = {
    "title": Words(en="Declare {incident}: {title}", ja="障害申告 {incident}: {title}"),
    "heading": Words(en="## Incident declaration `{incident}`", ja="## 障害の申告 `{incident}`"),
    "title_row": Words(en="Title", ja="件名"),
    "severity_row": Words(en="Severity", ja="重大度"),
    "detected_row": Words(en="Detected", ja="検知"),
    "source_row": Words(en="Source", ja="検知経路"),
    "personal_row": Words(en="Personal data might be involved", ja="個人情報の可能性"),
    "origin_row": Words(en="Declared from", ja="申告元"),
    "file_row": Words(en="File", ja="ファイル"),
    "link_row": Words(en="Link", ja="リンク"),
    "alert_origin": Words(en="alert (repository_dispatch)", ja="アラート（repository_dispatch）"),
    "alert_service": Words(en="{origin}: {service}", ja="{origin}：{service}"),
    "urgent": Words(
        en="**Urgent:** Personal data might be involved: merging makes `incident sync` open "
        "checklists for {teams} at once.",
        ja="**緊急:** 個人情報が関わる可能性があります。マージすると `incident sync` が"
        "次のチームにチェックリストを起票します：{teams}。",
    ),
    "next_steps": Words(
        en="### Next steps\n\n"
        "1. Review and merge: one file in phase `detected`; merging opens the stakeholder "
        "checklists. If `incident-check` does not start (GitHub Actions' own pull requests "
        "start no workflows), close and reopen this pull request once.\n"
        "2. Open the chat channel and record it in `detection.channel`.\n"
        "3. Move to `investigating` in the next pull request: `incident status {incident}` "
        "lists what it needs.",
        ja="### 次のステップ\n\n"
        "1. 内容を確認してマージしてください（ファイル 1 件、フェーズ `detected`）。マージすると"
        "関係チームのチェックリストが起票されます。`incident-check` が始まらないとき"
        "（GitHub Actions が作ったプルリクエストではワークフローが動きません）は、"
        "このプルリクエストを一度 Close して Reopen してください。\n"
        "2. チャットのチャンネルを作り、`detection.channel` に記入してください。\n"
        "3. 次のプルリクエストで `investigating` に進めてください。必要な項目は "
        "`incident status {incident}` が示します。",
    ),
    "adjusted": Words(en="Adjusted on the way in", ja="申告時の調整"),
}
PERSONAL_ANSWERS: dict[str, Words] = {
    "yes": Words(en="yes", ja="はい"),
    "no": Words(en="no (not yet confirmed by anyone)", ja="いいえ（まだ誰も確認していません）"),
    "unknown": Words(en="unknown", ja="分からない"),
}

# Comments on the issue the declaration came from, and on the pull request of an alert.
COMMENTS: dict[str, Words] = {
    "declared": Words(
        en="Declared as incident `{incident}`: #{pull}\n\n"
        "Next steps:\n"
        "- Review and merge #{pull} (Approve, then Merge); merging opens the teams' "
        "checklists.\n"
        "- Further news goes into the incident file and the checklists, not this issue.",
        ja="障害として申告しました：`{incident}`（#{pull}）\n\n"
        "次のステップ：\n"
        "- #{pull} を確認してマージしてください（Approve → Merge）。マージすると関係チームの"
        "チェックリストが起票されます。\n"
        "- 続報はこのイシューではなく、インシデントファイルと各チェックリストに書いて"
        "ください。",
    ),
    "declared_urgent": Words(
        en="- Personal data might be involved: labelled urgent; tell the privacy/security "
        "response team now.",
        ja="- 個人情報が関わる可能性があるため、緊急のラベルを付けました。"
        "個人情報・セキュリティ対応チームにすぐ連絡してください。",
    ),
    "refused": Words(
        en="This declaration holds what looks like personal data, so no pull request was "
        "opened:\n\n{items}\n\n"
        "Edit the issue to remove it; the edit runs the declaration again. GitHub keeps the "
        "edit history: ask a repository admin to delete the old revision.\n",
        ja="この申告には個人情報と思われる内容があるため、プルリクエストはまだ作成して"
        "いません。\n\n{items}\n\n"
        "イシューを編集して削除してください。編集すると申告が再実行されます。GitHub は"
        "編集履歴を残すため、リポジトリ管理者に古い版の削除を依頼してください。\n",
    ),
    "refused_item": Words(en="- {field}: {kind} `{redacted}`", ja="- {field}：{kind} `{redacted}`"),
    "repeat": Words(
        en="The same alert fired again:\n\n{line}\n\n{where}\n",
        ja="同じアラートが再び届きました：\n\n{line}\n\n{where}\n",
    ),
    "repeat_merged": Words(
        en="This pull request is merged: add the line to the incident file's timeline.",
        ja="このプルリクエストはマージ済みです。インシデントファイルのタイムラインに"
        "追記してください。",
    ),
    "repeat_added": Words(
        en="Added to the incident file's timeline.",
        ja="インシデントファイルのタイムラインに追記しました。",
    ),
}

# What the declaration writes into the incident file and into git.
FILE: dict[str, Words] = {
    "alert_repeat_line": Words(
        en="- {at} Alert fired again: {title}", ja="- {at} アラート再発: {title}"
    ),
    "declared_in_issue": Words(
        en="Declared in issue #{number} ({source}; personal data might be involved: {personal})",
        ja="issue #{number} で申告（{source}、個人情報の可能性: {personal}）",
    ),
    "as_reported": Words(
        en="As reported in issue #{number}, verbatim:",
        ja="申告時の報告（issue #{number} より原文のまま）:",
    ),
    "affected_as_reported": Words(
        en="Affected, as reported:", ja="申告時の影響範囲（原文のまま）:"
    ),
    "alert_event": Words(en="Alert: {title}", ja="アラート: {title}"),
    "alert_event_service": Words(
        en="Alert: {title} ({service})", ja="アラート: {title}（{service}）"
    ),
    "service_alerting": Words(en="Service alerting: {service}", ja="アラートのサービス: {service}"),
    "alert_title": Words(en="Alert: {service}", ja="アラート: {service}"),
    "alert_no_title": Words(en="Alert", ja="アラート"),
    "removed": Words(en="(removed: personal data)", ja="（個人情報のため削除）"),
    "alert_removed": Words(en="Alert: {removed}", ja="アラート: {removed}"),
    "commit_declare": Words(en="Declare {incident}", ja="障害申告 {incident}"),
    "commit_index": Words(
        en="Incident index with {incident}", ja="インシデント一覧に {incident} を追加"
    ),
    "commit_repeat": Words(
        en="Timeline of {incident}: the alert fired again",
        ja="{incident} のタイムライン：アラートが再び届きました",
    ),
}

# What the declaration adjusted on the way in: the pull request lists them, and so does the
# command's output.
NOTES: dict[str, Words] = {
    "no_time": Words(
        en="{what} gave no usable time with a zone: detected_at is the declaration's",
        ja="{what}にタイムゾーン付きの日時がないため、detected_at は申告した日時にしました",
    ),
    "future_time": Words(
        en="{what} is in the future: detected_at is the declaration's time",
        ja="{what}が未来の日時のため、detected_at は申告した日時にしました",
    ),
    "issue_created_at": Words(en="the issue's created_at", ja="イシューの created_at "),
    "alert_started_at": Words(en="the alert's start time", ja="アラートの開始時刻"),
    "source_other": Words(
        en="the detection source was not one of the form's: recorded as other",
        ja="検知経路がフォームの選択肢になかったため、other として記録しました",
    ),
    "severity_default": Words(
        en="the severity was not one of this repository's: the usual default is used",
        ja="重大度がこのリポジトリの選択肢になかったため、通常の既定値を使いました",
    ),
    "personal_unknown": Words(
        en="the personal-data answer was missing: treated as unknown, so escalated",
        ja="個人情報についての回答がなかったため、「分からない」として扱い、"
        "エスカレーションしました",
    ),
    "observed_long": Words(
        en="what was observed is long: the file quotes its beginning",
        ja="「何が起きていますか」が長いため、ファイルには冒頭だけを引用しました",
    ),
    "affected_long": Words(
        en="the affected services and shops are long: the file quotes the beginning",
        ja="影響を受けているサービス・ショップが長いため、ファイルには冒頭だけを引用しました",
    ),
    "alert_no_title": Words(en="the alert had no title", ja="アラートに件名がありませんでした"),
    "alert_link": Words(
        en="the alert's link is not a web address: left out",
        ja="アラートのリンクが Web のアドレスではないため、載せていません",
    ),
    "alert_severity": Words(
        en="the alert's severity is not in declare.alert.severities: the default is used",
        ja="アラートの重大度が declare.alert.severities にないため、既定値を使いました",
    ),
    "alert_personal": Words(
        en="personal data found in the alert's {fields}: left out of the file",
        ja="アラートの{fields}に個人情報があったため、ファイルには載せていません",
    ),
}

# Names of what a declaration holds, where the personal-data guard may find something.
FIELDS: dict[str, Words] = {
    "title": Words(en="title", ja="件名"),
    "reported by": Words(en="reported by", ja="報告者"),
    "service": Words(en="service", ja="サービス"),
    "link": Words(en="link", ja="リンク"),
    "the incident file": Words(en="the incident file", ja="インシデントファイル"),
}

# Why an issue is not a declaration: the command says it and does nothing.
NOT_A_DECLARATION: dict[str, Words] = {
    "no_number": Words(en="the issue has no number", ja="イシューに番号がありません"),
    "pull_request": Words(
        en="#{number} is a pull request, not an issue",
        ja="#{number} はイシューではなくプルリクエストです",
    ),
    "no_label": Words(
        en="#{number} does not carry the label '{label}'",
        ja="#{number} にラベル「{label}」が付いていません",
    ),
    "author": Words(
        en="#{number} was opened by an author who is {association}, and "
        "declare.issue_authors allows {allowed}",
        ja="#{number} を開いた人は {association} で、declare.issue_authors が許すのは "
        "{allowed} です",
    ),
    "no_headings": Words(
        en="#{number} has none of the declaration form's headings",
        ja="#{number} には申告フォームの見出しがひとつもありません",
    ),
}

# What ``incident declare`` prints, and why, for each outcome.
OUTCOMES: dict[str, Words] = {
    "declared": Words(en="declared", ja="申告しました"),
    "declared_line": Words(
        en="declared {incident}: {pull}", ja="{incident} を申告しました：{pull}"
    ),
    "pull": Words(en="pull request #{number} {url}", ja="プルリクエスト #{number} {url}"),
    "note": Words(en="  note: {note}", ja="  メモ：{note}"),
    "found": Words(en="{message}: {incident}, {pull}", ja="{message}：{incident}、{pull}"),
    "other": Words(en="{kind}: {message}", ja="{kind}：{message}"),
    "refused": Words(en="refused", ja="申告しませんでした"),
    "ignored": Words(en="ignored", ja="対象外"),
    "exists": Words(en="already declared", ja="申告済みです"),
    "exists_closed": Words(
        en="already declared (pull request {state})",
        ja="申告済みです（プルリクエストは {state}）",
    ),
    "repeat_recorded": Words(en="this alert was recorded already", ja="このアラートは記録済みです"),
    "repeat_commented": Words(
        en="the alert repeats an open incident: commented on its merged pull request",
        ja="対応中のインシデントのアラートが再び届きました。マージ済みのプルリクエストに"
        "コメントしました",
    ),
    "repeat_added": Words(
        en="the alert repeats an open incident: added a timeline line",
        ja="対応中のインシデントのアラートが再び届きました。タイムラインに 1 行追加しました",
    ),
    "nothing_to_declare": Words(
        en="nothing to declare: {reason}", ja="申告するものはありません：{reason}"
    ),
    "personal_in_issue": Words(
        en="personal data in the issue ({kinds}): asked the reporter to remove it",
        ja="イシューに個人情報があります（{kinds}）。報告した人に削除を依頼しました",
    ),
    "personal_in_alert": Words(
        en="personal data in the alert ({kinds}): not declared",
        ja="アラートに個人情報があります（{kinds}）。申告していません",
    ),
}

# Why a declaration cannot run as asked: nothing was written.
ERRORS: dict[str, Words] = {
    "cannot_read": Words(
        en="cannot read {path}: {reason}",
        ja="{path} を読めません（「{reason}」）。ファイルのパスを確認してください。",
    ),
    "too_large": Words(
        en="{path} is larger than {limit} bytes",
        ja="{path} が {limit} バイトを超えています。イベントの JSON を指定してください。",
    ),
    "not_json": Words(
        en="{path} is not a JSON document: {error}",
        ja="{path} は JSON ではありません（「{error}」）。イベントの JSON を指定してください。",
    ),
    "no_object": Words(
        en="{path} holds no JSON object",
        ja="{path} に JSON のオブジェクトがありません。イベントの JSON を指定してください。",
    ),
    "issue_not_object": Words(
        en="the event's 'issue' is not an object",
        ja="イベントの 'issue' がオブジェクトではありません。issues イベントの JSON を指定して"
        "ください。",
    ),
    "finding": Words(en="{code} {message}", ja="{code} {message}"),
    "invalid_file": Words(
        en="the declaration would not be a valid incident file: {listed}",
        ja="この申告からは正しいインシデントファイルになりません：{listed}",
    ),
    "severity_mapping": Words(
        en="declare.alert.{where} in incidentflow.yaml is '{value}', which is not one of the "
        "config's severities ({keys})",
        ja="incidentflow.yaml の declare.alert.{where} が '{value}' ですが、設定の重大度"
        "（{keys}）にありません。いずれかに直してください。",
    ),
    "foreign_pull": Words(
        en="branch {branch} has pull request #{number} by {author}, which is not a declaration "
        "by {account}: close it and delete the branch, then run again",
        ja="ブランチ {branch} に {author} のプルリクエスト #{number} があり、{account} による"
        "申告ではありません。閉じてブランチを削除してから、もう一度実行してください。",
    ),
    "unknown_account": Words(en="an unknown account", ja="不明なアカウント"),
    "no_commit": Words(
        en="the default branch {default} has no commit to declare on",
        ja="デフォルトブランチ {default} に、申告の基点になるコミットがありません。",
    ),
    "protected": Words(
        en="branch {branch} is protected; declarations move their branches: lift the "
        "protection or delete the branch",
        ja="ブランチ {branch} は保護されていますが、申告は自分のブランチを動かします。"
        "保護を外すか、ブランチを削除してください。",
    ),
    "others_commits": Words(
        en="branch {branch} has commits by {authors} that {default} does not have; the "
        "declaration leaves it alone: merge or delete it, then run again",
        ja="ブランチ {branch} には {default} にない {authors} のコミットがあるため、申告では"
        "触れません。マージするか削除してから、もう一度実行してください。",
    ),
    "unknown_author": Words(en="an unknown author", ja="不明な作成者"),
}
