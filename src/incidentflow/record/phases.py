"""What each phase requires: the single declaration that the validator, ``incident status``,
the JSON Schema export and the templates all read.

Requirements are cumulative along the main line ``detected → … → closed``: a phase needs
everything of the phases before it. The side exits ``declined`` and ``duplicate`` need the
``detected`` fields plus their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from incidentflow.config.conditions import Condition, FieldTest
from incidentflow.record.model import Status
from incidentflow.words import Words


@dataclass(frozen=True, slots=True)
class FieldRequirement:
    """A field that must be filled. ``path`` is dotted; ``[*]`` means every list item."""

    path: str
    hint: Words  # what to write, in both languages (a finding's message ends with it)
    when: Condition | None = None
    # Values that are present but do not satisfy the requirement.
    not_values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Phase:
    status: Status
    ja: str
    en: str
    fields: tuple[FieldRequirement, ...] = ()
    sections: tuple[str, ...] = ()
    side_exit: bool = False


MAIN_LINE: tuple[Status, ...] = (
    Status.DETECTED,
    Status.INVESTIGATING,
    Status.DECIDED,
    Status.RESPONDING,
    Status.RESOLVED,
    Status.CLOSED,
)
SIDE_EXITS: tuple[Status, ...] = (Status.DECLINED, Status.DUPLICATE)
# Side exits are allowed only from these statuses: after `decided` the incident is real.
SIDE_EXIT_FROM: tuple[Status, ...] = (Status.DETECTED, Status.INVESTIGATING)
TERMINAL: tuple[Status, ...] = (Status.CLOSED, Status.DECLINED, Status.DUPLICATE)

_PERSONAL_DATA_ASSESSED = FieldTest.model_validate(
    {"field": "personal_data.status", "in": ["none", "suspected", "confirmed"]}
)
_PERSONAL_DATA_SUSPECTED = FieldTest.model_validate(
    {"field": "personal_data.status", "in": ["suspected", "confirmed"]}
)


def _audience(name: str, ja: str) -> tuple[FieldRequirement, FieldRequirement]:
    return (
        FieldRequirement(
            f"notifications.{name}.required",
            Words(
                f"decide whether {name} must be told ({ja}への連絡要否): true or false",
                f"{ja}への連絡要否: true または false",
            ),
        ),
        FieldRequirement(
            f"notifications.{name}.reason",
            Words(f"say why {name} must or need not be told", f"{ja}への連絡要否の理由"),
        ),
    )


PHASES: dict[Status, Phase] = {
    phase.status: phase
    for phase in (
        Phase(
            Status.DETECTED,
            "障害発生・検知",
            "Detection",
            (
                FieldRequirement(
                    "id",
                    Words(
                        "the incident ID, equal to the file name",
                        "インシデントID（ファイル名と同じ）",
                    ),
                ),
                FieldRequirement(
                    "title",
                    Words("a short title", "短いタイトル"),
                ),
                FieldRequirement(
                    "status",
                    Words("the current phase", "現在のフェーズ"),
                ),
                FieldRequirement(
                    "severity",
                    Words(
                        "a severity key from incidentflow.yaml", "incidentflow.yaml の重大度キー"
                    ),
                ),
                FieldRequirement(
                    "detected_at",
                    Words("when it was detected, with a time zone", "検知日時（タイムゾーン付き）"),
                ),
                FieldRequirement(
                    "detection.source",
                    Words(
                        "how it came in: shop_inquiry, system_alert, sales_contact, internal, "
                        "partner or other",
                        "検知経路: shop_inquiry、system_alert、sales_contact、internal、"
                        "partner、other のいずれか",
                    ),
                ),
                FieldRequirement(
                    "detection.reported_by",
                    Words("who reported it", "報告者"),
                ),
            ),
        ),
        Phase(
            Status.INVESTIGATING,
            "障害初期調査",
            "Initial investigation",
            (
                FieldRequirement(
                    "investigation.summary",
                    Words("what is known so far", "ここまでに分かっていること"),
                ),
                FieldRequirement(
                    "investigation.impact",
                    Words("the impact scope (影響範囲) so far", "ここまでに分かっている影響範囲"),
                ),
                FieldRequirement(
                    "personal_data.status",
                    Words(
                        "assess personal data (個人情報): none, suspected or confirmed — "
                        "'unknown' is not an assessment",
                        "個人情報への影響の評価: none、suspected、confirmed のいずれか"
                        "（unknown は評価ではありません）",
                    ),
                    not_values=("unknown",),
                ),
                FieldRequirement(
                    "personal_data.assessed_by",
                    Words(
                        "an assessment is someone's: name who assessed it (none, suspected or "
                        "confirmed)",
                        "誰が評価したか（評価者の名前）",
                    ),
                    when=_PERSONAL_DATA_ASSESSED,
                ),
                FieldRequirement(
                    "personal_data.escalated_at",
                    Words(
                        "suspected personal data is escalated to the privacy/security response "
                        "team at once: record when",
                        "個人情報の疑いはすぐに個人情報・セキュリティ対応チームへ"
                        "エスカレーションします: その日時",
                    ),
                    when=_PERSONAL_DATA_SUSPECTED,
                ),
            ),
        ),
        Phase(
            Status.DECIDED,
            "初期対応決定",
            "Initial response decision",
            (
                FieldRequirement(
                    "decision.leader",
                    Words(
                        "name the one person who leads the incident",
                        "対応を率いる一人の責任者の名前",
                    ),
                ),
                FieldRequirement(
                    "decision.decided_at",
                    Words("when the decision was taken", "初期対応を決めた日時"),
                ),
                FieldRequirement(
                    "decision.policy",
                    Words("the agreed response policy", "合意した対応方針"),
                ),
                FieldRequirement(
                    "stakeholders",
                    Words(
                        "the stakeholder team keys involved", "関係するステークホルダーのチームキー"
                    ),
                ),
                *_audience("shops", "ショップ"),
                *_audience("partners", "パートナー企業"),
                *_audience("regulators", "関係省庁"),
            ),
        ),
        Phase(
            Status.RESPONDING,
            "障害対応",
            "Response",
            (
                FieldRequirement(
                    "response.started_at",
                    Words("when the response work started", "対応作業を始めた日時"),
                ),
            ),
        ),
        Phase(
            Status.RESOLVED,
            "復旧",
            "Recovery",
            (
                FieldRequirement(
                    "resolved_at",
                    Words("when the service was restored", "サービスが復旧した日時"),
                ),
                FieldRequirement(
                    "impact",
                    Words(
                        "impact figures as counts (people, cards, records, accounts, shops, "
                        "orders, sites, amount; {at_least: N} for a bound), never personal data",
                        "影響の件数（people、cards、records、accounts、shops、orders、sites、"
                        "amount。下限だけ分かるときは {at_least: N}）。個人情報は書かない",
                    ),
                ),
                FieldRequirement(
                    "cause.summary",
                    Words("the cause in a sentence or two", "原因（一、二文で）"),
                ),
            ),
        ),
        Phase(
            Status.CLOSED,
            "クロージング",
            "Closing",
            (
                FieldRequirement(
                    "retrospective.held_at",
                    Words("when the retrospective was held", "振り返りを実施した日時"),
                ),
                FieldRequirement(
                    "retrospective.participants",
                    Words("who took part", "参加者"),
                ),
                FieldRequirement(
                    "reported_to_management_at",
                    Words(
                        "when it was reported to the managers' / executive meeting",
                        "経営会議・部長会へ報告した日時",
                    ),
                ),
                FieldRequirement(
                    "closed_at",
                    Words("when the incident was closed", "インシデントをクローズした日時"),
                ),
                FieldRequirement(
                    "prevention",
                    Words("at least one prevention item (再発防止策)", "再発防止策を一つ以上"),
                ),
                FieldRequirement(
                    "prevention[*].id",
                    Words("a short ID for the prevention item", "再発防止策の短いID"),
                ),
                FieldRequirement(
                    "prevention[*].title",
                    Words("what will be done", "何をするか"),
                ),
                FieldRequirement(
                    "prevention[*].owner",
                    Words("who owns the prevention item", "再発防止策の担当者"),
                ),
                FieldRequirement(
                    "prevention[*].due",
                    Words("the due date (YYYY-MM-DD)", "期限（YYYY-MM-DD）"),
                ),
                FieldRequirement(
                    "prevention[*].horizon",
                    Words(
                        "now (今やること) or later",
                        "now（今やること）または later（これからやること）",
                    ),
                ),
            ),
            ("timeline", "cause", "retrospective", "went_well", "went_wrong", "got_lucky"),
        ),
        Phase(
            Status.DECLINED,
            "対象外",
            "Declined",
            (
                FieldRequirement(
                    "declined_reason",
                    Words("why this is not an incident", "インシデントではないと判断した理由"),
                ),
            ),
            side_exit=True,
        ),
        Phase(
            Status.DUPLICATE,
            "重複",
            "Duplicate",
            (
                FieldRequirement(
                    "duplicate_of",
                    Words("the ID of the incident this duplicates", "重複先のインシデントID"),
                ),
            ),
            side_exit=True,
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Requirements:
    fields: tuple[tuple[Status, FieldRequirement], ...] = field(default_factory=tuple)
    sections: tuple[tuple[Status, str], ...] = field(default_factory=tuple)


def phases_through(status: Status) -> tuple[Status, ...]:
    """The phases whose requirements an incident in ``status`` must meet, in order."""
    if status in SIDE_EXITS:
        return (Status.DETECTED, status)
    return MAIN_LINE[: MAIN_LINE.index(status) + 1]


def requirements_for(status: Status) -> Requirements:
    phases = [PHASES[each] for each in phases_through(status)]
    return Requirements(
        fields=tuple((phase.status, req) for phase in phases for req in phase.fields),
        sections=tuple((phase.status, key) for phase in phases for key in phase.sections),
    )


def next_status(status: Status) -> Status | None:
    if status not in MAIN_LINE or status is Status.CLOSED:
        return None
    return MAIN_LINE[MAIN_LINE.index(status) + 1]


def rank(status: Status) -> int:
    """Position along the main line; side exits rank just after `investigating`."""
    if status in SIDE_EXITS:
        return MAIN_LINE.index(Status.INVESTIGATING) + 1
    return MAIN_LINE.index(status)


# What a requirement added by the config's ``phase_requirements`` says.
CONFIG_HINT = Words("required by incidentflow.yaml", "incidentflow.yaml の定めで必須")


def hint_for(path: str) -> Words:
    """The hint of the phase table's requirement at ``path``; the config's hint otherwise."""
    for phase in PHASES.values():
        for requirement in phase.fields:
            if requirement.path == path:
                return requirement.hint
    return CONFIG_HINT
