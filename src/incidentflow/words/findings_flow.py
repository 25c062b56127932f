"""The catalogue's flow family: what each phase needs (IF030, IF031), identity (IF040-IF042),
teams and config keys (IF043-IF045), times (IF046, IF050-IF051), waivers (IF060), imported
records (IF070-IF072) and regulatory clocks (CL0xx), in ja and en; and the words a clock's
state is told in (``CLOCK_PROGRESS``), which findings, ``incident status`` and reports share.

Keys are rule code, then the kind of problem the rule names; values fill ``{name}`` places.
Values are data, the same in both languages; where a value reads differently in Japanese, a
named spec renders it (``words.spec``): ``{x:phase}`` a status with its Japanese name,
``{x:listing}`` a list of keys, ``{x:elapsed}`` minutes as days and hours, ``{x:lateness}``
how late a duty was done. Where the config names a thing in both languages (a clock), the
rule passes both names and each language's template picks its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from incidentflow.words import Words, is_ja, spec

if TYPE_CHECKING:
    from incidentflow.config.conditions import Condition

_SEPARATOR = ", "  # how a rule joins the items of a list value


def _items(value: str) -> list[str]:
    return value.split(_SEPARATOR) if value else []


@spec("listing")
def _listing(value: str, language: str) -> str:
    """'legal, security' → 'legal、security' in Japanese: keys listed as they are typed."""
    return "、".join(_items(value)) if is_ja(language) else value


@spec("alternatives")
def _alternatives(value: str, language: str) -> str:
    """'regulator, acquirer' → 'regulator or acquirer' / 'regulator または acquirer'."""
    return (" または " if is_ja(language) else " or ").join(_items(value))


@spec("any_kind")
def _any_kind(value: str, language: str) -> str:
    """Notification kinds a clock accepts; none listed means any kind."""
    if not value:
        return "指定なし" if is_ja(language) else "any"
    return _alternatives(value, language)


@spec("elapsed")
def _elapsed(minutes: str, language: str) -> str:
    """A number of minutes as days and hours: '8 days 3 h' / '8日と3時間'."""
    from incidentflow.words.states import span_text

    return span_text(timedelta(minutes=int(minutes)), language)


@spec("minutes")
def _minutes(minutes: str, language: str) -> str:
    """A delay counted in minutes: '150 minutes' / '2時間30分'."""
    from incidentflow.words.states import duration

    return duration(int(minutes), language) if is_ja(language) else f"{minutes} minutes"


def late_value(minutes: int | None, days: int | None) -> str:
    """How late a duty was done, as an ISO 8601 duration: 'PT3000M' when both times are
    known to the minute, 'P4D' when the completion is known to the day only, else ''."""
    if minutes is not None:
        return f"PT{minutes}M"
    return f"P{days}D" if days is not None else ""


def _late_parts(value: str, language: str) -> tuple[str, bool] | None:
    """(the length in words, whether it is known to the day only)."""
    from incidentflow.words.states import days_text

    if value.startswith("PT") and value.endswith("M"):
        return _elapsed(value[2:-1], language), False
    if value.startswith("P") and value.endswith("D"):
        return days_text(int(value[1:-1]), language), True
    return None


@spec("lateness")
def lateness(value: str, language: str) -> str:
    """'4 days 2 h late' / '4日と2時間超過'; '4 days late (known to the day)' /
    '4日超過（日付のみ判明）' when the completion has a date and no time."""
    parts = _late_parts(value, language)
    if parts is None:
        return ""
    span, by_day = parts
    kind = "late_days" if by_day else "late"
    return CLOCK_PROGRESS[kind](language, span=span)


@spec("late_by")
def _late_by(value: str, language: str) -> str:
    """The length alone, for a sentence that says 'late' itself: '4日と2時間', '4日（日付単位）'."""
    parts = _late_parts(value, language)
    if parts is None:
        return ""
    span, by_day = parts
    if not by_day:
        return span
    return f"{span}（日付単位）" if is_ja(language) else f"{span} (known to the day)"


# A clock's state in words: `incident status`, the reports and the issue bodies show these.
CLOCK_PROGRESS: dict[str, Words] = {
    "time_left": Words(en="{span} left", ja="残り{span}"),
    "overdue_by": Words(en="overdue by {span}", ja="{span}超過"),
    "late": Words(en="{span} late", ja="{span}超過"),
    "late_days": Words(en="{span} late (known to the day)", ja="{span}超過（日付のみ判明）"),
    "done": Words(en="done", ja="完了"),
    "done_at": Words(en="done {when}", ja="完了 {when}"),
    "done_late": Words(
        en="done {when} ({lateness}, reason recorded)", ja="完了 {when}（{lateness}、理由記録済み）"
    ),
    "done_late_unrecorded": Words(
        en="done {when} ({lateness}, no reason recorded yet)",
        ja="完了 {when}（{lateness}、理由未記録）",
    ),
    "done_unknown": Words(en="done, date unknown", ja="完了（日付不明）"),
    "not_applicable": Words(en="not applicable", ja="対象外"),
    "unknown": Words(en="not known (imported record)", ja="不明（取り込み記録）"),
}


def _yaml(value: object) -> str:
    """A condition's operand as it is written in YAML: true, 1000, card_number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _condition_ja(condition: Condition) -> str:
    from incidentflow.config.conditions import AllOf, AnyOf, FieldTest, NotCondition

    if isinstance(condition, AllOf):
        return " かつ ".join(_condition_ja(part) for part in condition.all)
    if isinstance(condition, AnyOf):
        return "（" + " または ".join(_condition_ja(part) for part in condition.any) + "）"
    if isinstance(condition, NotCondition):
        return f"「{_condition_ja(condition.not_)}」に当たらない"
    if not isinstance(condition, FieldTest):
        return "常に"
    name = condition.field
    if condition.exists is not None:
        return f"{name} が記入済み" if condition.exists else f"{name} が未記入"
    if condition.equals is not None:
        return f"{name} が {_yaml(condition.equals)}"
    listed = (
        ("in_", "が {} のいずれか"),
        ("not_in", "が {} のいずれでもない"),
        ("contains_any", "に {} のいずれかを含む"),
    )
    for attribute, phrase in listed:
        items = getattr(condition, attribute)
        if items is not None:
            return f"{name} " + phrase.format("、".join(_yaml(item) for item in items))
    bounds = (("gt", "より大きい"), ("gte", "以上"), ("lt", "未満"), ("lte", "以下"))
    for attribute, word in bounds:
        bound = getattr(condition, attribute)
        if bound is not None:
            return f"{name} が {_yaml(bound)} {word}"
    return name


def condition_words(condition: Condition) -> Words:
    """A config rule's condition in both languages (the English is the config's own)."""
    return Words(en=condition.describe(), ja=_condition_ja(condition))


# Why a team must be among an incident's stakeholders (IF045), filled in by the rule.
TEAM_REASONS: dict[str, Words] = {
    "rule": Words(en="{condition} (rule '{rule}')", ja="{condition}（ルール '{rule}'）"),
    "clock": Words(
        en="clock '{clock}' runs and {team} owns it",
        ja="期限「{name_ja}」（{clock}）が進行中で、担当は {team}",
    ),
}


def team_reason(kind: str, **values: str | Words) -> Words:
    """A reason of ``TEAM_REASONS`` rendered in both languages; a ``Words`` value is taken in
    the language being rendered."""

    def render(language: str) -> str:
        filled = {
            name: value.template(language) if isinstance(value, Words) else value
            for name, value in values.items()
        }
        return TEAM_REASONS[kind](language, **filled)

    return Words(en=render("en"), ja=render("ja"))


def joined_reasons(reasons: Iterable[Words], language: str) -> str:
    """Several reasons for one IF045 finding, in one language."""
    return ("／" if is_ja(language) else "; ").join(reason.template(language) for reason in reasons)


_CLOCK_EN = "clock '{name_en}' ({clock})"
_CLOCK_JA = "「{name_ja}」（{clock}）"
_COMPLETION_EN = "recipient {recipients:alternatives}, kind {kinds:any_kind}"
_COMPLETION_JA = "recipient: {recipients:alternatives}、kind: {kinds:any_kind}"
_LATE_JA = _CLOCK_JA + "は期限 {due} より{late:late_by}遅れて完了しました。"
_IMPORTED_ONLY_EN = "is only for imported records (a past incident entered from its sources"
_IMPORTED_ONLY_JA = "は取り込み記録（過去のインシデントを資料から起こした記録"
_FIX_ENTRY_JA = "エントリを直すか、削除してください。"

MESSAGES: dict[str, dict[str, Words]] = {
    "IF030": {
        "required": Words(
            en="{field} is required from status '{phase}' ({phase:phase_ja}): "
            "{requirement:requirement}; {parent:add_under}.",
            ja="「{field}」は状態 {phase:phase}から必須です（{requirement:requirement}）。"
            "{parent:add_under}。",
        ),
        "required_always": Words(
            en="{field} is required in every incident file: {requirement:requirement}; "
            "{parent:add_under}.",
            ja="「{field}」はすべてのインシデントファイルで必須です（{requirement:requirement}）。"
            "{parent:add_under}。",
        ),
        "not_enough": Words(
            en="{field} is '{present}', which is not enough from status '{phase}' "
            "({phase:phase_ja}): {requirement:requirement}.",
            ja="「{field}」が '{present}' では状態 {phase:phase}に進めません"
            "（{requirement:requirement}）。",
        ),
        "status_missing": Words(
            en="status is missing: every incident file names its phase ({phases}).",
            ja="status がありません。インシデントファイルには必ずフェーズ"
            "（{phases:listing}）を書きます。",
        ),
        "status_empty": Words(
            en="status is empty: every incident file names its phase ({phases}).",
            ja="status が空です。インシデントファイルには必ずフェーズ"
            "（{phases:listing}）を書きます。",
        ),
    },
    "IF031": {
        "section_missing": Words(
            en="section '{section_en}' / '{section_ja}' is required from status '{phase}' "
            "({phase:phase_ja}) but missing: add a heading '{heading}' and write it.",
            ja="セクション「{section_ja}」は状態 {phase:phase}から必須ですが、ありません。"
            "見出し「{heading}」を追加して書いてください。",
        ),
        "section_empty": Words(
            en="section '{section}' is still empty or template text (TODO, 未記入, "
            "comments only): write it before status '{phase}'.",
            ja="セクション「{section}」がまだ空か、テンプレートのまま（TODO、未記入、コメントのみ）"
            "です。状態 {phase:phase}の前に書いてください。",
        ),
    },
    "IF040": {
        "id_not_file_name": Words(
            en="id '{id}' does not match the file name '{stem}.md': the ID is the file name "
            "and never changes. If the file was renamed, rename it back; otherwise set id to "
            "the file name.",
            ja="id '{id}' がファイル名「{stem}.md」と一致しません。ID はファイル名そのもので、"
            "変わることはありません。ファイル名を変えたのなら元に戻し、そうでなければ id を"
            "ファイル名に合わせてください。",
        ),
    },
    "IF041": {
        "duplicate": Words(
            en="id '{id}' is already used by {other}: IDs are unique; create this incident "
            "again with `incident new` to get a fresh ID.",
            ja="id '{id}' はすでに {other} で使われています。ID は重複できません。"
            "`incident new` でこのインシデントを作り直し、新しい ID を付けてください。",
        ),
    },
    "IF042": {
        "year_folder": Words(
            en="file is under '{folder}/' but was detected in {year} ({timezone}): incidents "
            "live in {incidents_dir}/<year of detection>/.",
            ja="ファイルは '{folder}/' の下にありますが、検知は{year}年（{timezone}）です。"
            "インシデントは {incidents_dir}/<検知した年>/ に置きます。{incidents_dir}/{year}/ "
            "に移すか、detected_at が誤っていれば直してください。",
        ),
    },
    "IF043": {
        "unknown_severity": Words(
            en="severity '{given}' is not defined in incidentflow.yaml. Use one of: {choices}.",
            ja="severity '{given}' は incidentflow.yaml に定義されていません。"
            "{choices:listing} のいずれかにしてください。",
        ),
    },
    "IF044": {
        "unknown_team": Words(
            en="stakeholder '{given}' is not a team in incidentflow.yaml. Use one of: {choices}.",
            ja="stakeholder '{given}' は incidentflow.yaml のチームにありません。"
            "{choices:listing} のいずれかにしてください。",
        ),
    },
    "IF045": {
        "team_missing": Words(
            en="stakeholders must include {teams}: {why}. Add it to 'stakeholders:' so the "
            "team gets its checklist.",
            ja="stakeholders に {teams:listing} が必要です。理由：{why_ja}。"
            "チームにチェックリストが届くよう、'stakeholders:' に追加してください。",
        ),
        "teams_missing": Words(
            en="stakeholders must include {teams}: {why}. Add them to 'stakeholders:' so the "
            "team gets its checklist.",
            ja="stakeholders に {teams:listing} が必要です。理由：{why_ja}。"
            "各チームにチェックリストが届くよう、'stakeholders:' に追加してください。",
        ),
    },
    "IF046": {
        "escalated_late": Words(
            en="personal data was escalated {minutes:minutes} after detection; the limit is "
            "{limit:minutes}. Say in the Timeline why, and raise it in the retrospective.",
            ja="個人情報のエスカレーションが検知から{minutes:minutes}後でした（上限は"
            "{limit:minutes}）。遅れた理由を「タイムライン」セクションに書き、振り返りで"
            "取り上げてください。",
        ),
    },
    "IF050": {
        "phase_order": Words(
            en="{field} ({at}) is before {earlier} ({earlier_at}): phases happen in order; "
            "fix whichever time is wrong.",
            ja="{field}（{at}）が {earlier}（{earlier_at}）より前になっています。"
            "フェーズは順に進むので、誤っている方の時刻を直してください。",
        ),
        "impact_order": Words(
            en="{field} ({at}) is before {earlier} ({earlier_at}): an impact begins, is "
            "contained, then is resolved; fix whichever time is wrong.",
            ja="{field}（{at}）が {earlier}（{earlier_at}）より前になっています。"
            "影響は発生、封じ込め、解消の順に進むので、誤っている方の時刻を直してください。",
        ),
        "window_order": Words(
            en="{field} ({at}) is before {earlier} ({earlier_at}): a window ends after it "
            "starts; fix whichever time is wrong.",
            ja="{field}（{at}）が {earlier}（{earlier_at}）より前になっています。"
            "期間の終わりは始まりより後なので、誤っている方の時刻を直してください。",
        ),
        "before_detection": Words(
            en="{field} ({at}) is before detected_at ({detected_at}): fix whichever time is wrong.",
            ja="{field}（{at}）が detected_at（{detected_at}）より前になっています。"
            "誤っている方の時刻を直してください。",
        ),
    },
    "IF051": {
        "future": Words(
            en="{field} ({at}) is in the future: record times when things happen, not plans "
            "(plans go in the Markdown). A future time completes no regulatory clock.",
            ja="{field}（{at}）が未来の時刻です。時刻は起きたときに記録し、予定は本文"
            "（Markdown）に書いてください。未来の時刻では法令・契約上の期限は完了しません。",
        ),
    },
    "IF060": {
        "not_a_rule": Words(
            en="override has no effect: '{rule}' is not a rule code. Fix or remove the entry.",
            ja="この override は効きません。'{rule}' はルールコードではありません。"
            + _FIX_ENTRY_JA,
        ),
        "not_waivable": Words(
            en="override has no effect: '{rule}' cannot be waived. Fix or remove the entry.",
            ja="この override は効きません。'{rule}' は免除できないルールです。" + _FIX_ENTRY_JA,
        ),
        "not_waivable_pd": Words(
            en="override has no effect: '{rule}' cannot be waived; accept a reviewed false "
            "positive with personal_data.allow (the exact value and a reason). Fix or remove "
            "the entry.",
            ja="この override は効きません。'{rule}' は免除できないルールです。確認済みの誤検知は "
            "personal_data.allow に値そのものと理由を書いて認めてください。" + _FIX_ENTRY_JA,
        ),
    },
    "IF070": {
        "live_record": Words(
            en="'unknown' " + _IMPORTED_ONLY_EN + ", marked with 'imported: {{source: ...}}'): "
            "a live incident records its facts as they happen. Fill the fields, or remove "
            "'unknown'.",
            ja="'unknown' " + _IMPORTED_ONLY_JA + "で、'imported: {{source: ...}}' があるもの）"
            "専用です。進行中のインシデントでは事実を起きたときに記録します。項目を埋めるか、"
            "'unknown' を削除してください。",
        ),
    },
    "IF071": {
        "identity": Words(
            en="'{name}' is the record's identity and is never unknown: fix or remove the entry.",
            ja="'{name}' は記録を識別する項目なので、不明にはできません。" + _FIX_ENTRY_JA,
        ),
        "not_required": Words(
            en="'{name}' is not a field or section a phase requires: fix or remove the entry.",
            ja="'{name}' はどのフェーズでも必須の項目・セクションではありません。" + _FIX_ENTRY_JA,
        ),
        "no_reason": Words(
            en="unknown.{name} gives no reason: say why it is not known (e.g. 'the public "
            "report does not say').",
            ja="unknown.{name} に理由がありません。不明な理由を書いてください"
            "（例: '公表資料に記載がない'）。",
        ),
    },
    "IF072": {
        "listed": Words(
            en="imported record ({status}): {count} required item(s) recorded as not known: "
            "{items}",
            ja="状態 {status:phase}の取り込み記録です。必須項目のうち{count}件が不明と記録されて"
            "います：{items:listing}",
        ),
    },
    "CL001": {
        "overdue": Words(
            en=_CLOCK_EN + " was due {due}, overdue by {overdue:elapsed}, and no entry of "
            "notifications.log completes it (" + _COMPLETION_EN + "): {stakeholder} must do "
            "it now and log it (or note it in clock_notes as not_applicable, with the reason "
            "and who approved it). Source: {source}",
            ja=_CLOCK_JA + "の期限 {due} を{overdue:elapsed}過ぎていますが、notifications.log "
            "にこれを完了する記録（" + _COMPLETION_JA + "）がありません。{stakeholder} が"
            "すぐに対応して記録してください（対象外なら、理由と承認者を添えて clock_notes に "
            "not_applicable と記録してください）。根拠：「{source}」",
        ),
    },
    "CL002": {
        "late_acknowledged": Words(
            en=_CLOCK_EN + " was done {late:lateness} (due {due}); acknowledged by "
            "{approved_by}: {reason}",
            ja=_LATE_JA + "遅れは「{approved_by}」が承認済みです（理由：「{reason}」）。",
        ),
        "late": Words(
            en=_CLOCK_EN + " was done {late:lateness} (due {due}): before closing, add "
            "clock_notes.{clock} with late_reason and approved_by, saying why.",
            ja=_LATE_JA + "クローズする前に、遅れた理由を clock_notes.{clock} の late_reason "
            "と approved_by に書いてください。",
        ),
        "late_closing": Words(
            en=_CLOCK_EN + " was done {late:lateness} (due {due}): closing needs "
            "clock_notes.{clock} with late_reason and approved_by, saying why.",
            ja=_LATE_JA + "クローズするには、遅れた理由を clock_notes.{clock} の late_reason "
            "と approved_by に書く必要があります。",
        ),
    },
    "CL003": {
        "still_open": Words(
            en="cannot close with " + _CLOCK_EN + " still open: log it in notifications.log "
            "(" + _COMPLETION_EN + "; due {due}).",
            ja=_CLOCK_JA + "がまだ完了していないため、クローズできません。notifications.log に"
            "記録してください（" + _COMPLETION_JA + "、期限 {due}）。",
        ),
    },
    "CL004": {
        "date_unknown": Words(
            en=_CLOCK_EN + " is logged as done on a date nobody knows (due {due}): whether it "
            "was on time cannot be judged. Record the date if it turns up.",
            ja=_CLOCK_JA + "は完了と記録されていますが、日付が不明です（期限 {due}）。"
            "期限内だったかは判断できません。日付が分かったら記録してください。",
        ),
    },
    "CL005": {
        "not_a_clock": Words(
            en="clock_notes names '{key}', which is not a clock of incidentflow.yaml. Use one "
            "of: {choices}.",
            ja="clock_notes の '{key}' は incidentflow.yaml の期限にありません。"
            "{choices:listing} のいずれかにしてください。",
        ),
        "no_clocks": Words(
            en="clock_notes names '{key}', but incidentflow.yaml has no clocks: remove the note.",
            ja="clock_notes に '{key}' がありますが、incidentflow.yaml には期限がありません。"
            "このメモを削除してください。",
        ),
        "unknown_live": Words(
            en="clock_notes.{key}.unknown " + _IMPORTED_ONLY_EN + ", with 'imported:'); here "
            "the duty is ours to do and log, or to note as not_applicable with a reason.",
            ja="clock_notes.{key}.unknown " + _IMPORTED_ONLY_JA + "で、'imported:' があるもの）"
            "専用です。この記録では、義務を果たして notifications.log に記録するか、理由を添えて"
            " not_applicable と記録してください。",
        ),
    },
    "CL006": {
        "not_applicable": Words(
            en=_CLOCK_EN + " does not apply (approved by {approved_by}: {reason})",
            ja=_CLOCK_JA + "は対象外です（承認：「{approved_by}」、理由：「{reason}」）。",
        ),
    },
    "CL007": {
        "not_known": Words(
            en=_CLOCK_EN + ": not known whether or when it was done (imported record; "
            "approved by {approved_by}: {reason})",
            ja=_CLOCK_JA + "は、実施したか、いつ実施したかが分かりません（取り込み記録。"
            "承認：「{approved_by}」、理由：「{reason}」）。",
        ),
    },
}

# A waived finding (``rules.waivers``): the finding's own message after who approved it.
WAIVED = Words(
    en="WAIVED by override (approved by {waived_by}: {waiver_reason}): {message}",
    ja="免除済み（override。承認：「{waived_by}」、理由：「{waiver_reason}」）：{message}",
)
