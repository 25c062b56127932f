"""What the command line says when a command cannot run, in ja and en.

The errors raised with these words (``errors.SaidError`` and its kin) keep the English as
``str(error)``; the one handler (``cli/errors.py``) says them in the reader's language. Values
are data (paths, options, what git answered) and stay as they are.
"""

from __future__ import annotations

from incidentflow.words import Words

# The handler's own words (``incident: ...`` comes before them).
INTERRUPTED = Words(en="interrupted", ja="中断しました。")
INTERNAL_ERROR = Words(
    en="internal error ({error}); this is a bug, please report it with the command you ran",
    ja="内部エラーです（{error}）。不具合ですので、実行したコマンドを添えて報告してください。",
)
CONFIG_TITLE = Words(en="incidentflow.yaml has errors", ja="incidentflow.yaml にエラーがあります")
CONFIG_FIX_FIRST = Words(
    en="the config has errors; fix them first (exit 2)",
    ja="設定ファイルにエラーがあります。先に修正してください（終了コード 2）。",
)

# incident status, incident validate
NO_INCIDENT = Words(
    en="no incident '{target}'",
    ja="インシデント「{target}」が見つかりません。ID かファイルのパスを指定してください"
    "（一覧は `incident status` で表示できます）。",
)
NOT_A_REPOSITORY = Words(
    en="no {folder}/ folder and no incidentflow.yaml in {root}: run inside an incident "
    "repository, or pass -C DIR or paths",
    ja="{root} には {folder}/ フォルダも incidentflow.yaml もありません。インシデントの"
    "リポジトリの中で実行するか、-C DIR またはファイルのパスを指定してください。",
)

# incident new
TITLE_EMPTY = Words(
    en="the title must not be empty",
    ja="件名が空です。インシデントの件名を指定してください。",
)
SEVERITY_UNKNOWN = Words(
    en="'{chosen}' is not one of {choices}",
    ja="「{chosen}」は重大度の候補（{choices}）にありません。いずれかを指定してください。",
)
PERSONAL_DATA_IN_TEXT = Words(
    en="it contains personal data ({found}), which would end up in the ID, the file name and "
    "every log line: describe the incident without it",
    ja="個人情報（{found}）が含まれています。ID、ファイル名とすべてのログに残ってしまうため、"
    "個人情報を含めずにインシデントを説明してください。",
)
DETECTED_AT_NO_ZONE = Words(
    en="add a time zone, e.g. 2026-11-29T15:30+09:00, or give the day alone (2026-11-29)",
    ja="タイムゾーンを付けるか（例: 2026-11-29T15:30+09:00）、日付だけを指定してください"
    "（例: 2026-11-29）。",
)
DETECTED_AT_INVALID = Words(
    en="use ISO 8601, e.g. 2026-11-29T15:30+09:00, or a day alone (2026-11-29)",
    ja="ISO 8601 形式（例: 2026-11-29T15:30+09:00）か、日付だけ（例: 2026-11-29）で指定して"
    "ください。",
)
DETECTED_AT_UNREADABLE = Words(
    en="use ISO 8601, e.g. 2026-11-29T15:30+09:00",
    ja="ISO 8601 形式で指定してください（例: 2026-11-29T15:30+09:00）。",
)
DETECTED_AT_FUTURE = Words(
    en="that is in the future: give the time it was detected",
    ja="未来の日時です。検知した日時を指定してください。",
)
NO_FREE_ID = Words(
    en="could not find a free incident ID; try again",
    ja="空いているインシデント ID が見つかりませんでした。もう一度実行してください。",
)

# GitHub settings (forge/connect.py)
NEEDS_GITHUB = Words(
    en="{command} needs GitHub: GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) must be set; "
    "GITHUB_API_URL points at GitHub Enterprise (https://HOST/api/v3) or a local test server. "
    "In GitHub Actions, pass GITHUB_TOKEN: ${{{{ github.token }}}} to the step.",
    ja="{command} には GitHub への接続が必要です。GITHUB_TOKEN と GITHUB_REPOSITORY"
    "（owner/name）を設定してください。GitHub Enterprise やテスト用のサーバーには "
    "GITHUB_API_URL（https://HOST/api/v3）で接続先を指定します。GitHub Actions では、"
    "ステップに GITHUB_TOKEN: ${{{{ github.token }}}} を渡してください。",
)
REPOSITORY_NOT_OWNER_NAME = Words(
    en="GITHUB_REPOSITORY={repository!r} is not owner/name",
    ja="GITHUB_REPOSITORY={repository!r} は owner/name の形ではありません。"
    "owner/name の形で指定してください。",
)

# git (git.py): what we asked and what git answered
GIT_MISSING = Words(
    en="git is not installed or not on PATH",
    ja="git がインストールされていないか、PATH にありません。git を使えるようにしてください。",
)
GIT_FAILED = Words(
    en="git {command}: {answer}",
    ja="git {command} が失敗しました。git の応答:「{answer}」",
)
GIT_FAILED_SILENTLY = Words(en="failed", ja="（応答なし）")
NOT_A_COMMIT = Words(
    en="'{revision}' is not a commit here; fetch it first "
    "(in GitHub Actions: actions/checkout with fetch-depth: 0)",
    ja="「{revision}」はこのリポジトリのコミットではありません。先に fetch してください"
    "（GitHub Actions では actions/checkout に fetch-depth: 0 を指定します）。",
)
NO_COMMON_HISTORY = Words(
    en="no common history between {base} and {head}: the clone is probably shallow; fetch "
    "the full history (fetch-depth: 0)",
    ja="{base} と {head} に共通の履歴がありません。浅いクローン（shallow clone）の可能性が"
    "あります。履歴をすべて fetch してください（fetch-depth: 0）。",
)
NOT_AN_OBJECT_NAME = Words(
    en="internal: cat-file requests must be object names",
    ja="内部エラー: cat-file にはオブジェクト名だけを渡します。不具合として報告してください。",
)
CAT_FILE_ANSWER = Words(
    en="git cat-file answered '{header}' for {blob}",
    ja="git cat-file が {blob} に「{header}」と応答しました。リポジトリの状態を"
    "`git fsck` で確認してください。",
)
NO_HEAD = Words(
    en="{root} has no commit checked out (git rev-parse HEAD failed): run sync in a checkout "
    "of the repository",
    ja="{root} にはチェックアウトされたコミットがありません（git rev-parse HEAD が失敗しました）。"
    "リポジトリをチェックアウトした場所で sync を実行してください。",
)

# incident declare, init and report: options that do not fit together or do not parse
ONE_EVENT = Words(
    en="give one of --from-issue EVENT.json or --from-alert PAYLOAD.json",
    ja="--from-issue EVENT.json か --from-alert PAYLOAD.json のどちらか一方を指定してください。",
)
ORGANISATION_NEEDED = Words(
    en="give the GitHub organisation that owns the teams",
    ja="チームを持つ GitHub の組織を指定してください。",
)
NOT_KEY_SLUG = Words(
    en="'{item}' is not KEY=SLUG",
    ja="「{item}」は KEY=SLUG の形ではありません（例: cs=customer-support）。",
)
MONTH_FORMAT = Words(
    en="use YYYY-MM, e.g. 2026-11",
    ja="月は YYYY-MM の形で指定してください（例: 2026-11）。",
)

# incident init's questions in a terminal, before the language is chosen: both at once.
PROMPTS: dict[str, str] = {
    "organisation": "GitHub の組織 / GitHub organisation",
    "team": "{key} のチームのスラッグ / Team slug for {key}",
    "language": "言語 / Language",
    "timezone": "タイムゾーン / Time zone",
}
