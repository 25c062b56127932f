"""The words around findings wherever they are printed (``cli/output.py``): the counts line,
the level of each finding, the findings table of a job summary and the notices about what
was left out, in ja and en. The findings' own messages are in ``findings.py``."""

from __future__ import annotations

from incidentflow.words import Words, is_ja

# The level of a finding as a reader sees it; `error`, `warning` and `notice` stay the
# keys of JSON and of GitHub's workflow commands.
LEVELS: dict[str, Words] = {
    "error": Words(en="error", ja="エラー"),
    "warning": Words(en="warning", ja="警告"),
    "notice": Words(en="notice", ja="通知"),
}

FILES_CHECKED = Words(en="{files} {noun} checked", ja="{files} 件のファイルを検査しました。")
FILE_NOUN = Words(en="file", ja="ファイル")
FILES_NOUN = Words(en="files", ja="ファイル")
ERRORS = Words(en="{count} errors", ja="エラー {count} 件")
WARNINGS = Words(en="{count} warnings", ja="警告 {count} 件")
NOTICES = Words(en="{count} notices", ja="通知 {count} 件")


def counts_line(files: int, errors: int, warnings: int, notices: int, language: str) -> str:
    """'9 files checked, 0 errors, 0 warnings' / '9 件のファイルを検査しました。エラー 0 件、
    警告 0 件です。' (notices only when there are some)."""
    parts = [ERRORS(language, count=errors), WARNINGS(language, count=warnings)]
    if notices:
        parts.append(NOTICES(language, count=notices))
    if is_ja(language):
        return FILES_CHECKED(language, files=files) + "、".join(parts) + "です。"
    noun = FILE_NOUN if files == 1 else FILES_NOUN
    return ", ".join([FILES_CHECKED(language, files=files, noun=noun(language)), *parts])


# The findings table of a job summary.
TABLE_HEADER = Words(
    en="| | file | line | rule | what to do |",
    ja="| | ファイル | 行 | ルール | 対処 |",
)
NO_FINDINGS = Words(en="No findings.", ja="指摘はありません。")
MORE_IN_LOG = Words(
    en="… and {count} more in the job log.", ja="…ほか {count} 件はジョブのログにあります。"
)

# GitHub annotates only so many findings; the rest are counted in one notice.
NOT_ANNOTATED = Words(
    en="{count} more findings are not annotated (GitHub shows at most {limit} per level); all "
    "of them are listed in the log and the job summary",
    ja="ほか {count} 件の指摘は注釈にしていません（GitHub が表示する注釈は種類ごとに {limit} 件"
    "までです）。すべての指摘はログとジョブの概要にあります。",
)

# Generated files (`incident schema`, `incident index`).
UP_TO_DATE = Words(en="{path} is up to date", ja="{path} は最新です。")
WROTE = Words(en="wrote {path}", ja="{path} を書き出しました。")
UNCHANGED = Words(en="unchanged {path}", ja="{path} は変更ありません（すでに最新です）。")
NO_INDEX = Words(
    en="the config turns the incident index off (index_file: false): nothing to write or check",
    ja="設定で一覧が無効になっています（index_file: false）。書き出すものも確認するものも"
    "ありません。",
)
