"""Japanese for texts other programs write in English into the format family's findings: a
YAML parser's problem, why a text is not a date (Python's datetime and pydantic's date
parser), an operating system's reason a file cannot be read, and Python's type names.

English shows these texts as they are. Each spec here says a known one in Japanese and quotes
any other as data, so a Japanese message never carries an English sentence of its own.
"""

from __future__ import annotations

import errno
import os
import re

from incidentflow.words import is_ja, spec

_TYPE_NAMES = {
    "list": "リスト",
    "str": "文字列",
    "int": "整数",
    "float": "数値",
    "bool": "真偽値（true/false）",
    "dict": "マッピング",
    "set": "集合",
    "NoneType": "空の値",
}


@spec("a_type")
def _a_type(name: str, language: str) -> str:
    """A Python type's name as a reader says it: 'a list' / 'リスト'."""
    if is_ja(language):
        return _TYPE_NAMES.get(name, name)
    return f"a {name}"


# libyaml's problems (the C parser's), and the few ruamel.yaml adds, in Japanese.
_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "ここには「キー: 値」を書けません。値の中の「: 」は、値全体を引用符で囲むと書けます",
    ),
    ("did not find expected key", "キーがあるはずの位置にありません。インデントがずれています"),
    ("could not find expected ':'", "キーの後に「:」がありません"),
    ("did not find expected ',' or ']'", "「[」で始めたリストが「]」で閉じていません"),
    ("did not find expected ',' or '}'", "「{」で始めたマッピングが「}」で閉じていません"),
    ("did not find expected '-' indicator", "リストの項目は「- 」で始めます"),
    ("did not find expected node content", "値があるはずの位置にありません"),
    ("did not find expected <document start>", "'---' の前に余分な行があります"),
    ("found unexpected end of stream", "引用符か括弧が閉じないまま終わっています"),
    ("found unexpected ':'", "「:」の位置が正しくありません"),
    ("found undefined alias", "定義されていないエイリアス（*名前）を使っています"),
    ("second occurrence", "同じ名前のアンカー（&名前）が 2 回あります"),
    ("found duplicate merge key", "マージキー（<<）が 2 回あります"),
    (
        "found character that cannot start any token",
        "値の先頭に使えない文字があります（@ や ` で始まる値は引用符で囲みます）",
    ),
    ("found a tab character", "インデントにタブ文字があります"),
    (
        "found unknown escape character",
        "引用符の中に使えないエスケープ（\\ で始まる文字）があります",
    ),
    ("block sequence entries are not allowed", "ここにはリストの項目（- ）を書けません"),
    ("found unexpected document", "文書の区切りの位置が正しくありません"),
    ("found incompatible YAML document", "対応していない YAML のバージョンです"),
    (
        "did not find expected alphabetic or numeric character",
        "アンカーかエイリアスの名前に使えない文字があります",
    ),
    ("mapping keys are not allowed", "ここにはキーを書けません"),
    ("did not find expected comment or line break", "値の後に余分な文字があります"),
    ("control characters are not allowed", "制御文字は使えません"),
    ("found unexpected document indicator", "引用符の中に '---' か '...' の行があります"),
    ("found undefined tag handle", "定義されていないタグを使っています"),
    ("expected a mapping", "タグの付いた値の形が正しくありません"),
    ("failed to decode base64", "!!binary の値を読めません"),
)


@spec("yaml_problem")
def _yaml_problem(problem: str, language: str) -> str:
    """What the YAML parser found, in the reader's language; an unknown one quoted as data."""
    if not is_ja(language):
        return problem
    for start, japanese in _YAML_PROBLEMS:
        if problem.startswith(start):
            return japanese
    return f"パーサーのメッセージ:「{problem}」"


# Why a text is not a date or a time: Python's datetime errors (record/times.py) and those of
# pydantic's date parser, lower-cased as the English message shows them.
_DATE_DETAILS: tuple[tuple[str, str], ...] = (
    ("day is out of range for month", "その月にない日です"),
    ("day value is outside expected range", "その月にない日です"),
    ("month must be in 1..12", "月は 1〜12 です"),
    ("month value is outside expected range", "月は 1〜12 です"),
    ("hour must be in 0..23", "時は 0〜23 です"),
    ("hour value is outside expected range", "時は 0〜23 です"),
    ("minute must be in 0..59", "分は 0〜59 です"),
    ("minute value is outside expected range", "分は 0〜59 です"),
    ("second must be in 0..59", "秒は 0〜59 です"),
    ("second value is outside expected range", "秒は 0〜59 です"),
    ("year ", "年が範囲外です"),
    ("offset out of range", "時差は 24 時間未満です"),
    ("offset must be a timedelta", "時差は 24 時間未満です"),
    ("timezone offset must be less than 24 hours", "時差は 24 時間未満です"),
    ("invalid timezone", "時差の書き方が正しくありません（+09:00 のように書きます）"),
    ("timezone minute value", "時差の分は 0〜59 です"),
    ("invalid isoformat string", "日時の形が正しくありません"),
    ("input is too short", "日付としては短すぎます"),
    ("unexpected extra characters", "末尾に余分な文字があります"),
    ("invalid character in year", "年に使えない文字があります"),
    ("invalid character in month", "月に使えない文字があります"),
    ("invalid character in day", "日に使えない文字があります"),
    ("invalid character in hour", "時に使えない文字があります"),
    ("invalid character in minute", "分に使えない文字があります"),
    ("invalid character in second", "秒に使えない文字があります"),
    ("invalid date separator", "日付の区切りは「-」です"),
    ("invalid datetime separator", "日付と時刻の区切りは「T」です"),
    ("invalid time separator", "時刻の区切りは「:」です"),
    ("second fraction", "秒の小数部が正しくありません"),
    ("dates after 9999", "数値は日付として読めません"),
    ("dates before 0000", "数値は日付として読めません"),
)
_DATE_REASON = re.compile(r"^not a real date(?:/time)? \((?P<detail>.*)\)$", re.DOTALL)
_DATE_WRONG_TYPE = re.compile(r"^expected a time or a date, got (?P<type>\w+)$")
_DATE_PARSER = "input should be a valid date or datetime, "


def _date_detail(detail: str) -> str:
    for start, japanese in _DATE_DETAILS:
        if detail.startswith(start):
            return japanese
    return f"「{detail}」"


@spec("date_reason")
def _date_reason(reason: str, language: str) -> str:
    """Why a value is not a date or a time, in the reader's language."""
    if not is_ja(language):
        return reason
    if reason.startswith("not a time or a date"):
        return "日付・日時の形ではありません"
    wrong_type = _DATE_WRONG_TYPE.match(reason)
    if wrong_type is not None:
        return f"{_a_type(wrong_type['type'], language)}で、日付・日時ではありません"
    not_real = _DATE_REASON.match(reason)
    if not_real is not None:
        return _date_detail(not_real["detail"])
    if reason.startswith(_DATE_PARSER):
        return _date_detail(reason.removeprefix(_DATE_PARSER))
    if reason.startswith("datetimes provided to dates should have zero time"):
        return "日付の欄に時刻があります"
    if reason.startswith(("input should be a valid date", "input should be a valid datetime")):
        return "日付ではありません"
    return _date_detail(reason)


_OS_ERRORS = {
    os.strerror(number): japanese
    for number, japanese in (
        (errno.ENOENT, "ファイルがありません"),
        (errno.EACCES, "読み取る権限がありません"),
        (errno.EPERM, "操作が許可されていません"),
        (errno.EISDIR, "ファイルではなくフォルダーです"),
        (errno.ENOTDIR, "パスの途中がフォルダーではありません"),
        (errno.ELOOP, "シンボリックリンクが循環しています"),
        (errno.ENAMETOOLONG, "パスが長すぎます"),
        (errno.EIO, "入出力エラーが起きました"),
        (errno.EMFILE, "開いているファイルが多すぎます"),
    )
}


@spec("os_error")
def _os_error(reason: str, language: str) -> str:
    """The operating system's reason a file cannot be read, in the reader's language."""
    if not is_ja(language):
        return reason
    return _OS_ERRORS.get(reason, f"「{reason}」")
