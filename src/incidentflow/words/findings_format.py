"""The catalogue's format family: the file itself (IF000-IF008), YAML and its limits
(IF010-IF016), the fields' shapes (IF020-IF025) and the config (CF0xx), in ja and en.

Keys are rule code, then the kind of problem; values fill ``{name}`` places. The config is
read like an incident file, so its codes share these kinds: CF010 says what IF010 says.

Some values are texts that another program wrote in English: a YAML parser's problem, the
reason a date does not parse, an operating system's error. English shows them as they are;
Japanese says the known ones in its own words through the specs of ``library_texts.py``
(``{problem:yaml_problem}``, ``{reason:date_reason}``, ``{reason:os_error}``) and quotes any
other as data, as it quotes pydantic's message for an error type it has no words for.
Field validators (``record/model.py``, ``config/``) raise their errors with a kind from
``REASONS``, so each one reads in either language with its own values.
"""

from __future__ import annotations

import incidentflow.words.library_texts  # noqa: F401 - registers the specs used below
from incidentflow.words import Words, is_ja, spec

_LIST_SEPARATOR = "\n"  # how a rule joins the items of a list value (paths, options)


def _items(value: str) -> list[str]:
    return value.split(_LIST_SEPARATOR) if value else []


@spec("path_or_top")
def _path_or_top(where: str, language: str) -> str:
    """A field's path as the message names it: 'impact.people' / 「impact.people」."""
    if not is_ja(language):
        return where
    return "ファイルの最上位" if where == TOP_LEVEL else f"「{where}」"


TOP_LEVEL = "(top level)"


@spec("homes")
def _homes(value: str, language: str) -> str:
    """Where a misplaced field belongs: "'a' or 'b'" / 「a」または「b」."""
    if is_ja(language):
        return "または".join(f"「{home}」" for home in _items(value))
    return " or ".join(f"'{home}'" for home in _items(value))


@spec("one_of")
def _one_of(value: str, language: str) -> str:
    """The values a field allows, as people type them: 'a'、'b' のいずれか / 'a', 'b'."""
    options = [f"'{option}'" for option in _items(value)]
    if not is_ja(language):
        return ", ".join(options)
    return options[0] if len(options) == 1 else "、".join(options) + " のいずれか"


@spec("got")
def _got(value: str, language: str) -> str:
    """What a field holds instead: 'mapping', 'list', or the value as YAML gave it."""
    shapes = {"mapping": ("a mapping", "マッピング"), "list": ("a list", "リスト")}
    if value in shapes:
        return shapes[value][1 if is_ja(language) else 0]
    return value


# ---- the reasons field validators give --------------------------------------------------------

REASONS: dict[str, Words] = {
    # record/model.py: counts and bounds
    "count_value_and_bound": Words(
        en="give either value or a bound (at_least, at_most, about), not both",
        ja="{where:path_or_top}には value か範囲（at_least、at_most、about）のどちらか一方だけを"
        "書いてください。",
    ),
    "count_missing": Words(
        en="give a number: at_least, at_most or about (or a plain number)",
        ja="{where:path_or_top}に数を書いてください（at_least、at_most、about のいずれか、"
        "または数そのもの）。",
    ),
    "count_about_alone": Words(
        en="'about' stands alone; at_least and at_most may go together",
        ja="{where:path_or_top}の about はほかと一緒に書けません。about だけにするか、"
        "at_least と at_most（両方でも可）にしてください。",
    ),
    "count_bounds_reversed": Words(
        en="at_least is larger than at_most",
        ja="{where:path_or_top}の at_least（{at_least}）が at_most（{at_most}）より大きくなって"
        "います。どちらかを直してください。",
    ),
    # record/model.py: the notification log and clock notes
    "unknown_without_reason": Words(
        en="'at' is unknown: say why in unknown_reason",
        ja="{where:path_or_top}の at が unknown です。分からない理由を unknown_reason に"
        "書いてください。",
    ),
    "reason_without_unknown": Words(
        en="unknown_reason is only for an entry whose 'at' is unknown",
        ja="unknown_reason は at が unknown の記録にだけ書きます。{where:path_or_top}の at には"
        "日時があるので、unknown_reason を削除してください。",
    ),
    "clock_note_one_reason": Words(
        en="give exactly one of not_applicable, late_reason or unknown",
        ja="{where:path_or_top}には not_applicable、late_reason、unknown のうち 1 つだけを"
        "書いてください。",
    ),
    # config/conditions.py
    "condition_one_operator": Words(
        en="give exactly one operator besides 'field' "
        "(equals, in, not_in, contains_any, gt, gte, lt, lte, exists)",
        ja="{where:path_or_top}には 'field' のほかに演算子を 1 つだけ書いてください"
        "（equals、in、not_in、contains_any、gt、gte、lt、lte、exists）。",
    ),
    # config/settings.py
    "unknown_time_zone": Words(
        en="unknown time zone '{zone}' (use an IANA name)",
        ja="{where:path_or_top}のタイムゾーン '{zone}' はありません。IANA の名前"
        "（例: Asia/Tokyo）で書いてください。",
    ),
    "folder_not_plain": Words(
        en="'{folder}' is not a plain folder inside the repository: write it relative to "
        "the repository root, without '.', '..' or '//' (e.g. incidents)",
        ja="{where:path_or_top}の '{folder}' はリポジトリ内の普通のフォルダーではありません。"
        "'.'、'..'、'//' を使わず、リポジトリのルートからの相対パスで書いてください"
        "（例: incidents）。",
    ),
    "folder_pattern": Words(
        en="'{folder}' holds a pattern or control character: incidents_dir is a folder "
        "name, not a pattern",
        ja="{where:path_or_top}の '{folder}' にパターンの文字か制御文字が入っています。"
        "incidents_dir にはパターンではなくフォルダー名を書いてください。",
    ),
    "index_not_plain": Words(
        en="'{path}' is not a plain file path inside the repository: write it relative to the "
        "repository root, without '.', '..', '//' or pattern characters (e.g. incidents/README.md)",
        ja="{where:path_or_top}の '{path}' はリポジトリ内の普通のファイルパスではありません。"
        "'.'、'..'、'//' やパターンの文字を使わず、リポジトリのルートからの相対パスで書いて"
        "ください（例: incidents/README.md）。",
    ),
    "index_not_markdown": Words(
        en="'{path}' is not a Markdown file: the index is written as Markdown, name it *.md "
        "(or write false for no index)",
        ja="{where:path_or_top}の '{path}' は Markdown ファイルではありません。一覧は Markdown で"
        "書き出すので *.md の名前にしてください（一覧が不要なら false と書いてください）。",
    ),
    "index_value": Words(
        en="'{value}' is not an index file: write a path such as incidents/README.md, or "
        "false for no index",
        ja="{where:path_or_top}の '{value}' は一覧のファイルではありません。"
        "incidents/README.md のようなパスを書くか、一覧が不要なら false と書いてください。",
    ),
    "index_in_folder": Words(
        en="'{path}' is inside {folder}/, where every other .md file is an incident: name the "
        "index {folder}/README.md or put it outside the folder",
        ja="{where:path_or_top}の '{path}' は {folder}/ の中にあります。このフォルダーでは "
        "README.md 以外の .md ファイルはすべてインシデントとして扱われます。"
        "一覧は {folder}/README.md にするか、フォルダーの外に置いてください。",
    ),
    "unknown_calendar": Words(
        en="no public-holiday calendar for '{calendar}': use an ISO 3166 country code "
        "such as JP, US or DE",
        ja="{where:path_or_top}の '{calendar}' には祝日のカレンダーがありません。JP、US、DE "
        "のような ISO 3166 の国コードを書いてください。",
    ),
    # config/declare.py
    "alert_path": Words(
        en="'{path}' is not a path into the alert: dotted names and list positions, "
        "e.g. alerts.0.labels.severity",
        ja="{where:path_or_top}の '{path}' はアラートの中を指すパスではありません。名前と"
        "リストの位置を「.」でつないで書いてください（例: alerts.0.labels.severity）。",
    ),
    "author_association": Words(
        en="{unknown}: not a GitHub author association ({choices})",
        ja="{where:path_or_top}の {unknown} は GitHub の author association ではありません。"
        "次から選んでください: {choices}。",
    ),
}


# ---- the messages ---------------------------------------------------------------------------

_LINK_INSTEAD = "keep logs and dumps out of the incident file and link to them instead"
_LINK_INSTEAD_JA = (
    "ログやダンプはインシデントファイルに貼らず、置き場所へのリンクを書いてください。"
)
_NAMES_EN = (
    ": names under the incidents folder are plain text that reads the same in every tool. "
    "Rename the file (incident files are named <ID>.md)."
)
_NAMES_JA = (
    "インシデントフォルダーのファイル名は、どのツールでも同じに見える普通の文字だけにします。"
    "ファイル名を変えてください（インシデントファイルの名前は <ID>.md です）。"
)
_ONLY_FILES_EN = (
    " under the incidents folder: only regular files are allowed here, so what is reviewed "
    "is what is stored. Replace it with the file itself, or remove it."
)
_ONLY_FILES_JA = (
    "レビューした内容と保存される内容を一致させるため、ここには通常のファイルしか置けません。"
    "ファイルそのものに置き換えるか、削除してください。"
)
_WRITE_OUT_JA = "アンカーとエイリアスを使わず、値をそのまま書いてください。"
_SYNTAX_HINT_JA = "この行のインデント、引用符、括弧を確認してください。"

_FILE: dict[str, dict[str, Words]] = {
    "IF000": {
        "unreadable": Words(
            en="cannot read file: {reason}",
            ja="ファイルを読めません（{reason:os_error}）。ファイルの種類と読み取り権限を"
            "確認してください。",
        ),
    },
    "IF001": {
        "too_large": Words(
            en="file is {size} bytes, over the {limit}-byte limit: " + _LINK_INSTEAD,
            ja="ファイルが {size} バイトあり、上限の {limit} バイトを超えています。"
            + _LINK_INSTEAD_JA,
        ),
        "too_many_lines": Words(
            en="file has more than {limit} lines: " + _LINK_INSTEAD,
            ja="ファイルが {limit} 行を超えています。" + _LINK_INSTEAD_JA,
        ),
    },
    "IF002": {
        "binary": Words(
            en="file is binary (it contains NUL bytes): incident files are UTF-8 Markdown text",
            ja="バイナリファイルです（NUL バイトを含んでいます）。インシデントファイルは UTF-8 の"
            " Markdown テキストで書いてください。",
        ),
    },
    "IF003": {
        "not_utf8": Words(
            en="invalid UTF-8 (byte 0x{byte}): save the file as UTF-8",
            ja="UTF-8 として読めないバイト（0x{byte}）があります。ファイルを UTF-8 で"
            "保存し直してください。",
        ),
    },
    "IF004": {
        "empty": Words(
            en="file is empty: create incidents with `incident new TITLE` "
            "to start from the template",
            ja="ファイルが空です。インシデントは `incident new TITLE` で作成し、テンプレートから"
            "書き始めてください。",
        ),
    },
    "IF005": {
        "no_front_matter": Words(
            en="no front matter: the file must start with a line '---', the YAML fields, "
            "and a closing '---' (see `incident new`)",
            ja="フロントマターがありません。ファイルは '---' の行で始め、YAML の項目を書き、"
            "'---' の行で閉じてください（`incident new` で作るファイルを参照）。",
        ),
    },
    "IF006": {
        "not_closed": Words(
            en="front matter is not closed: add a line '---' after the last YAML field",
            ja="フロントマターが閉じていません。最後の YAML の項目の後に '---' の行を"
            "追加してください。",
        ),
    },
    "IF007": {
        "stray": Words(
            en="not an incident file: {folder}/ holds only incident files "
            "({folder}/<year>/<ID>.md) and README.md. Keep logs, exports and screenshots in "
            "the restricted system and link to them from the incident; remove this file.",
            ja="インシデントファイルではありません。{folder}/ に置けるのはインシデントファイル"
            "（{folder}/<year>/<ID>.md）と README.md だけです。ログ、エクスポート、"
            "スクリーンショットはアクセスを制限したシステムに保管してインシデントからリンクし、"
            "このファイルは削除してください。",
        ),
    },
    "IF008": {
        "name_not_utf8": Words(
            en="the file name is not valid UTF-8" + _NAMES_EN,
            ja="ファイル名が正しい UTF-8 ではありません。" + _NAMES_JA,
        ),
        "name_control": Words(
            en="the file name holds the control character U+{codepoint}" + _NAMES_EN,
            ja="ファイル名に制御文字 U+{codepoint} が入っています。" + _NAMES_JA,
        ),
        "name_invisible": Words(
            en="the file name holds the invisible character U+{codepoint}" + _NAMES_EN,
            ja="ファイル名に見えない文字 U+{codepoint} が入っています。" + _NAMES_JA,
        ),
        "symlink": Words(
            en="a symbolic link" + _ONLY_FILES_EN,
            ja="インシデントフォルダーにシンボリックリンクがあります。" + _ONLY_FILES_JA,
        ),
        "submodule": Words(
            en="a submodule or other entry" + _ONLY_FILES_EN,
            ja="インシデントフォルダーにサブモジュールなど、ファイル以外のものがあります。"
            + _ONLY_FILES_JA,
        ),
    },
}

_YAML: dict[str, dict[str, Words]] = {
    "IF010": {
        "tab": Words(
            en="tab used for indentation: indent YAML with spaces",
            ja="インデントにタブ文字が使われています。YAML のインデントは空白で書いてください。",
        ),
        "syntax": Words(
            en="YAML syntax error: {problem}; check indentation, quotes and brackets on this line",
            ja="YAML の書き方に誤りがあります（{problem:yaml_problem}）。" + _SYNTAX_HINT_JA,
        ),
        "unreadable_value": Words(
            en="YAML value cannot be read: {error}",
            ja="YAML の値を読めません（「{error}」）。タグを付けずに、普通の文字列か数で"
            "書いてください。",
        ),
    },
    "IF011": {
        "duplicate_key": Words(
            en='found duplicate key "{key}" with value "{value}" (original value: "{original}"): '
            "keep one of them and delete the other",
            ja="キー「{key}」が 2 回書かれています（値 '{value}'、最初の値 '{original}'）。"
            "どちらか一方を残し、もう一方を削除してください。",
        ),
    },
    "IF012": {
        "tag": Words(
            en="could not determine a constructor for the tag {tag}: "
            "tags are not allowed in incident files; write a plain value",
            ja="タグ {tag} は使えません。インシデントファイルにタグは書けないので、"
            "タグを外して普通の値を書いてください。",
        ),
    },
    "IF013": {
        "self_reference": Words(
            en="alias '*{anchor}' refers to the value that contains it, which never ends: "
            "write the value out instead of using anchors and aliases",
            ja="エイリアス '*{anchor}' が自分を含む値を指していて、終わりがありません。"
            + _WRITE_OUT_JA,
        ),
        "alias_bomb": Words(
            en="YAML aliases expand to more than {limit} keys and values (by this one): "
            "write the values out instead of using anchors and aliases",
            ja="YAML のエイリアスを展開すると、キーと値が {limit} 個を超えます（このエイリアス"
            "まで）。" + _WRITE_OUT_JA,
        ),
    },
    "IF014": {
        "empty": Words(
            en="front matter is empty: it must hold the incident's fields (id, title, status, ...)",
            ja="フロントマターが空です。インシデントの項目（id、title、status など）を"
            "書いてください。",
        ),
        "not_mapping": Words(
            en="front matter is {type:a_type}, not a mapping: "
            "write 'key: value' lines (id, title, ...)",
            ja="フロントマターが{type:a_type}になっていて、マッピングではありません。"
            "'key: value' の行（id、title など）で書いてください。",
        ),
        "key_not_text": Words(
            en="front matter key {key} is not text: quote it or rename it",
            ja="フロントマターのキー {key} が文字列ではありません。引用符で囲むか、名前を"
            "変えてください。",
        ),
    },
    "IF015": {
        "too_deep": Words(
            en="more than {limit} levels of nesting by here, and no field is that deep (an "
            "incident's go four levels down, the config's about ten): write this value flatter",
            ja="ここまでで入れ子が {limit} 段を超えていますが、そこまで深い項目はありません"
            "（インシデントは 4 段、設定ファイルは 10 段ほどです）。この値をもっと浅く"
            "書いてください。",
        ),
        "too_deep_alias": Words(
            en="this alias nests what it names more than {limit} levels deep: write the values "
            "out instead of using anchors and aliases",
            ja="このエイリアスが指す値は {limit} 段より深く入れ子になります。" + _WRITE_OUT_JA,
        ),
    },
    "IF016": {
        "too_many": Words(
            en="more than {limit} keys and values by here (an incident has a few hundred): keep "
            "data, logs and long lists out of the file and link to them instead",
            ja="ここまでで、キーと値が {limit} 個を超えています（インシデントは数百個ほどです）。"
            "データ、ログ、長い一覧はファイルに書かず、置き場所へのリンクを書いてください。",
        ),
    },
}

# A field's value, in pydantic's words in English ('message'), in ours in Japanese.
_GENERIC_EN = "{where}: {message}; got {got:got}. Fix the value."


def _value(ja: str) -> Words:
    return Words(en=_GENERIC_EN, ja=ja)


_NOW = "（今の値: {got:got}）"
_WRITE_NUMBER = "{where:path_or_top}には数を書いてください" + _NOW + "。"
_WRITE_INTEGER = "{where:path_or_top}には整数を書いてください" + _NOW + "。"
_WRITE_BOOL = "{where:path_or_top}には true か false を書いてください" + _NOW + "。"
_WRITE_MAPPING = (
    "{where:path_or_top}には「キー: 値」の行からなるマッピングを書いてください" + _NOW + "。"
)

_SHAPES: dict[str, dict[str, Words]] = {
    "IF020": {
        "misplaced": Words(
            en="unknown field '{where}': '{name}' belongs at {homes:homes}; move it there.",
            ja="ここには項目「{where}」を書けません。'{name}' は{homes:homes}に書く項目です。"
            "そこへ移してください。",
        ),
        "unknown": Words(
            en="unknown field '{where}'. Remove it or fix its spelling.",
            ja="不明な項目「{where}」です。削除するか、綴りを直してください。",
        ),
        "renamed": Words(
            en="'{where}' is a field of an earlier version of the record: write the count as "
            "{replacement} (a number, or {{at_least: N}} for a bound).",
            ja="「{where}」は以前の版の項目です。件数は {replacement} に書いてください"
            "（数、または下限だけ分かるときは {{at_least: N}}）。",
        ),
        "renamed_amount": Words(
            en="'{where}' is a field of an earlier version of the record: write the amount as "
            "{replacement} with value and currency (e.g. {{value: 120000, currency: JPY}}).",
            ja="「{where}」は以前の版の項目です。金額は {replacement} に value と currency で"
            "書いてください（例: {{value: 120000, currency: JPY}}）。",
        ),
        "renamed_log": Words(
            en="'{where}' is a field of an earlier version of the record: record each "
            "notification as an entry of {replacement} (at, recipient, kind).",
            ja="「{where}」は以前の版の項目です。連絡や報告は 1 件ずつ {replacement} の項目"
            "（at、recipient、kind）として記録してください。",
        ),
        "unknown_suggested": Words(
            en="unknown field '{where}'. Did you mean '{suggestion}'? "
            "Remove it or fix its spelling.",
            ja="不明な項目「{where}」です。「{suggestion}」の誤りではありませんか？"
            "削除するか、綴りを直してください。",
        ),
    },
    "IF021": {
        "missing": Words(
            en="{where} is required here: add it.",
            ja="{where:path_or_top}がありません。追加してください。",
        ),
        "number_too_long": Words(
            en="a number of {digits} digits is longer than {limit}, the most this tool reads: "
            "write a count that fits, or quote it to keep it as text",
            ja="{digits} 桁の数は、このツールが読める {limit} 桁を超えています。収まる数を書くか、"
            "文字列として残すなら引用符で囲んでください。",
        ),
        "invalid": Words(
            en="{where}: {reason}.",
            ja="{where:path_or_top}の値が正しくありません（「{reason}」）。値を直してください。",
        ),
        "other": _value(
            "{where:path_or_top}の値が正しくありません（「{message}」）" + _NOW + "。"
            "値を直してください。"
        ),
        "scalar_expected": Words(
            en="{where}: write text, a number or true/false; got {got:got}. Fix the value.",
            ja="{where:path_or_top}には文字列、数、true か false のどれかを書いてください"
            + _NOW
            + "。",
        ),
        "string_type": _value(
            "{where:path_or_top}には文字列を書いてください" + _NOW + "。数や true/false を"
            "文字列として書くときは、引用符で囲みます。"
        ),
        "int_type": _value(_WRITE_INTEGER),
        "int_parsing": _value(_WRITE_INTEGER),
        "int_from_float": _value(
            "{where:path_or_top}には整数を書いてください。小数は使えません" + _NOW + "。"
        ),
        "int_parsing_size": _value(
            "{where:path_or_top}の数が大きすぎて読めません" + _NOW + "。実際の数を書いてください。"
        ),
        "float_type": _value(_WRITE_NUMBER),
        "float_parsing": _value(_WRITE_NUMBER),
        "finite_number": _value(
            "{where:path_or_top}には有限の数を書いてください" + _NOW + "。.nan や .inf は"
            "使えません。"
        ),
        "bool_type": _value(_WRITE_BOOL),
        "bool_parsing": _value(_WRITE_BOOL),
        "list_type": _value(
            "{where:path_or_top}にはリストを書いてください" + _NOW + "。"
            "項目は 1 つずつ「- 」で始まる行に書きます。"
        ),
        "dict_type": _value(_WRITE_MAPPING),
        "model_type": _value(_WRITE_MAPPING),
        "string_too_short": _value(
            "{where:path_or_top}は {min_length} 文字以上で書いてください" + _NOW + "。"
        ),
        "string_too_long": _value(
            "{where:path_or_top}は {max_length} 文字以内で書いてください" + _NOW + "。"
        ),
        "too_short": _value(
            "{where:path_or_top}には {min_length} 個以上の項目を書いてください"
            "（今は {actual_length} 個です）。"
        ),
        "greater_than_equal": _value("{where:path_or_top}は {ge} 以上にしてください" + _NOW + "。"),
        **{
            kind: Words(en="{where}: " + reason.en + ".", ja=reason.ja)
            for kind, reason in REASONS.items()
        },
    },
    "IF022": {
        "not_allowed": Words(
            en="'{value}' is not allowed for {where}. Use one of: {expected}.",
            ja="{where:path_or_top}に '{value}' は使えません。{options:one_of}を書いてください。",
        ),
        "not_allowed_suggested": Words(
            en="'{value}' is not allowed for {where}. Did you mean '{suggestion}'? "
            "Use one of: {expected}.",
            ja="{where:path_or_top}に '{value}' は使えません。「{suggestion}」の誤りでは"
            "ありませんか？{options:one_of}を書いてください。",
        ),
        "key_not_allowed": Words(
            en="'{value}' is not allowed as a key of {section}. Use one of: {expected}.",
            ja="{section:path_or_top}のキーに '{value}' は使えません。{options:one_of}を書いて"
            "ください。",
        ),
        "key_not_allowed_suggested": Words(
            en="'{value}' is not allowed as a key of {section}. Did you mean '{suggestion}'? "
            "Use one of: {expected}.",
            ja="{section:path_or_top}のキーに '{value}' は使えません。「{suggestion}」の誤りでは"
            "ありませんか？{options:one_of}を書いてください。",
        ),
    },
    "IF023": {
        "no_zone": Words(
            en="{where} has no time zone: add one, e.g. '2026-11-29T15:30:00+09:00', or "
            "write the day alone (2026-11-29) if only the day is known.",
            ja="{where:path_or_top}の日時にタイムゾーンがありません。"
            "'2026-11-29T15:30:00+09:00' のように時差を付けてください。日付しか分からない"
            "場合は日付だけ（2026-11-29）を書きます。",
        ),
    },
    "IF024": {
        "not_a_time": Words(
            en="{where}: '{value}' is not a real date/time ({reason}). "
            "Write it as YYYY-MM-DDTHH:MM:SS+09:00, or YYYY-MM-DD for a day.",
            ja="{where:path_or_top}の '{value}' は正しい日付・日時ではありません"
            "（{reason:date_reason}）。YYYY-MM-DDTHH:MM:SS+09:00 の形で、日付だけなら "
            "YYYY-MM-DD の形で書いてください。",
        ),
    },
    "IF025": {
        "not_an_id": Words(
            en="{where}: '{value}' is not an incident ID: IDs look like "
            "INC-20261129-1530-payment-timeout-k3f9 (prefix, date, time, lowercase words); "
            "`incident new` makes them.",
            ja="{where:path_or_top}の '{value}' はインシデント ID ではありません。ID は "
            "INC-20261129-1530-payment-timeout-k3f9 のような形です（接頭辞、日付、時刻、"
            "小文字の単語）。`incident new` が作った ID を書いてください。",
        ),
        "not_a_rule": Words(
            en="{where}: '{value}' is not a rule code: codes look like IF031 or GT030 "
            "(see the README).",
            ja="{where:path_or_top}の '{value}' はルールのコードではありません。コードは IF031 "
            "や GT030 のような形です（README を参照）。",
        ),
        "not_a_language": Words(
            en="{where}: '{value}' must be ja or en.",
            ja="{where:path_or_top}は ja か en にしてください（今の値: '{value}'）。",
        ),
        "plain_name": Words(
            en="{where}: '{value}' must be letters, digits, '-' and '_' only, "
            "starting with a letter or digit.",
            ja="{where:path_or_top}の '{value}' には英字、数字、'-'、'_' だけを使い、"
            "英字か数字で始めてください。",
        ),
        "currency": Words(
            en="{where}: '{value}' is not a currency code: write three capital letters "
            "(ISO 4217), e.g. JPY, USD or EUR.",
            ja="{where:path_or_top}の '{value}' は通貨コードではありません。JPY、USD、EUR の"
            "ように大文字 3 文字（ISO 4217）で書いてください。",
        ),
        "url": Words(
            en="{where}: '{value}' is not a web address: write it in full, starting with "
            "https:// or http://, without spaces.",
            ja="{where:path_or_top}の '{value}' は Web のアドレスではありません。https:// か "
            "http:// で始まる完全なアドレスを、空白を入れずに書いてください。",
        ),
        "key": Words(
            en="{where}: '{value}' must be lowercase letters, digits and '_' only, "
            "starting with a letter (e.g. customer_support).",
            ja="{where:path_or_top}の '{value}' には小文字の英字、数字、'_' だけを使い、"
            "英字で始めてください（例: customer_support）。",
        ),
        "lower_id": Words(
            en="{where}: '{value}' must be lowercase letters, digits, '-' and '_' only, "
            "starting with a letter (e.g. ppc-report).",
            ja="{where:path_or_top}の '{value}' には小文字の英字、数字、'-'、'_' だけを使い、"
            "英字で始めてください（例: ppc-report）。",
        ),
        "id_prefix": Words(
            en="{where}: '{value}' must be capital letters and digits, starting with a letter "
            "(e.g. INC).",
            ja="{where:path_or_top}の '{value}' には大文字の英字と数字だけを使い、英字で"
            "始めてください（例: INC）。",
        ),
        "team": Words(
            en="{where}: '{value}' is not a GitHub team: write the organisation and the team "
            "with '/' between them (e.g. my-org/security).",
            ja="{where:path_or_top}の '{value}' は GitHub のチームではありません。組織とチームを"
            " '/' でつないで書いてください（例: my-org/security）。",
        ),
        "field_path": Words(
            en="{where}: '{value}' is not a field path: lowercase names joined with '.' "
            "(e.g. personal_data.status).",
            ja="{where:path_or_top}の '{value}' は項目のパスではありません。小文字の名前を '.' で"
            "つないで書いてください（例: personal_data.status）。",
        ),
        "label": Words(
            en="{where}: '{value}' is not a label GitHub takes: 1 to 50 characters, no commas "
            "or control characters.",
            ja="{where:path_or_top}の '{value}' は GitHub のラベルに使えません。カンマと制御文字を"
            "使わず、1〜50 文字で書いてください。",
        ),
    },
}

# The config's own findings; the rest of its codes say what the incident file's say.
_CONFIG: dict[str, dict[str, Words]] = {
    "CF000": {
        "unreadable": Words(
            en="cannot read config: {error}",
            ja="設定ファイルを読めません（{reason:os_error}）。ファイルがあり、読み取れることを"
            "確認してください。",
        ),
    },
    "CF001": {
        "too_large": Words(
            en="config file is too large",
            ja="設定ファイルが大きすぎます（上限は {limit} バイトです）。設定以外の内容を"
            "削除してください。",
        ),
    },
    "CF003": {
        "not_utf8": Words(
            en="config is not UTF-8: save it as UTF-8",
            ja="設定ファイルが UTF-8 ではありません。UTF-8 で保存し直してください。",
        ),
    },
    "CF014": {
        **_YAML["IF014"],
        "config_not_mapping": Words(
            en="the config must be a mapping of settings (version, language, timezone, "
            "severities, stakeholders, ...): start from the packaged default, see the README",
            ja="設定ファイルは設定項目（version、language、timezone、severities、stakeholders "
            "など）のマッピングで書きます。同梱の既定の設定から書き始めてください（README を"
            "参照）。",
        ),
    },
    "CF040": {
        "defined_twice": Words(
            en="{section} key '{key}' is defined twice",
            ja="{section} のキー '{key}' が 2 回定義されています。一方を削除するか、別のキーに"
            "してください。",
        ),
    },
    "CF041": {
        "not_a_field": Words(
            en="'{path}' is not an incident field.",
            ja="'{path}' はインシデントの項目ではありません。項目のパスを直してください。",
        ),
        "not_a_field_suggested": Words(
            en="'{path}' is not an incident field. Did you mean '{suggestion}'?",
            ja="'{path}' はインシデントの項目ではありません。「{suggestion}」の誤りでは"
            "ありませんか？項目のパスを直してください。",
        ),
    },
    "CF042": {
        "not_a_team": Words(
            en="'{key}' is not a stakeholder team key. Define it under stakeholders: "
            "or fix the spelling.",
            ja="'{key}' は関係チームのキーではありません。stakeholders: の下に定義するか、"
            "綴りを直してください。",
        ),
        "not_a_team_suggested": Words(
            en="'{key}' is not a stakeholder team key. Did you mean '{suggestion}'? "
            "Define it under stakeholders: or fix the spelling.",
            ja="'{key}' は関係チームのキーではありません。「{suggestion}」の誤りではありませんか？"
            "stakeholders: の下に定義するか、綴りを直してください。",
        ),
    },
    "CF043": {
        "no_checklist": Words(
            en="checklist template '{path}' does not exist (relative to the repository root, "
            "{root}): create it, fix the path, or remove the entry so the team gets no "
            "checklist text.",
            ja="チェックリストのテンプレート '{path}' がありません（リポジトリのルート {root} "
            "からの相対パスです）。ファイルを作るか、パスを直すか、このチームにチェックリストが"
            "要らなければ項目を削除してください。",
        ),
    },
}

# The codes the config shares with incident files (``config.settings`` turns IFxxx to CFxxx).
_SHARED: tuple[str, ...] = (
    *("IF010", "IF011", "IF012", "IF013", "IF015", "IF016"),
    *("IF020", "IF021", "IF022", "IF023", "IF024", "IF025"),
)

MESSAGES: dict[str, dict[str, Words]] = {
    **_FILE,
    **_YAML,
    **_SHAPES,
    **{"CF" + code[2:]: {**_YAML, **_SHAPES}[code] for code in _SHARED},
    **_CONFIG,
}
