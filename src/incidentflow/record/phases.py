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


@dataclass(frozen=True, slots=True)
class FieldRequirement:
    """A field that must be filled. ``path`` is dotted; ``[*]`` means every list item."""

    path: str
    hint: str
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
            f"decide whether {name} must be told ({ja}への連絡要否): true or false",
        ),
        FieldRequirement(
            f"notifications.{name}.reason",
            f"say why {name} must or need not be told",
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
                FieldRequirement("id", "the incident ID, equal to the file name"),
                FieldRequirement("title", "a short title"),
                FieldRequirement("status", "the current phase"),
                FieldRequirement("severity", "a severity key from incidentflow.yaml"),
                FieldRequirement("detected_at", "when it was detected, with a time zone"),
                FieldRequirement(
                    "detection.source",
                    "how it came in: shop_inquiry, system_alert, sales_contact, internal, "
                    "partner or other",
                ),
                FieldRequirement("detection.reported_by", "who reported it"),
            ),
        ),
        Phase(
            Status.INVESTIGATING,
            "障害初期調査",
            "Initial investigation",
            (
                FieldRequirement("investigation.summary", "what is known so far"),
                FieldRequirement("investigation.impact", "the impact scope (影響範囲) so far"),
                FieldRequirement(
                    "personal_data.status",
                    "assess personal data (個人情報): none, suspected or confirmed — "
                    "'unknown' is not an assessment",
                    not_values=("unknown",),
                ),
                FieldRequirement(
                    "personal_data.assessed_by",
                    "an assessment is someone's: name who assessed it (none, suspected or "
                    "confirmed)",
                    when=_PERSONAL_DATA_ASSESSED,
                ),
                FieldRequirement(
                    "personal_data.escalated_at",
                    "suspected personal data is escalated to the privacy/security response "
                    "team at once: record when",
                    when=_PERSONAL_DATA_SUSPECTED,
                ),
            ),
        ),
        Phase(
            Status.DECIDED,
            "初期対応決定",
            "Initial response decision",
            (
                FieldRequirement("decision.leader", "name the one person who leads the incident"),
                FieldRequirement("decision.decided_at", "when the decision was taken"),
                FieldRequirement("decision.policy", "the agreed response policy"),
                FieldRequirement("stakeholders", "the stakeholder team keys involved"),
                *_audience("shops", "ショップ"),
                *_audience("partners", "パートナー企業"),
                *_audience("regulators", "関係省庁"),
            ),
        ),
        Phase(
            Status.RESPONDING,
            "障害対応",
            "Response",
            (FieldRequirement("response.started_at", "when the response work started"),),
        ),
        Phase(
            Status.RESOLVED,
            "復旧",
            "Recovery",
            (
                FieldRequirement("resolved_at", "when the service was restored"),
                FieldRequirement(
                    "impact",
                    "impact figures as counts (people, cards, records, accounts, shops, "
                    "orders, sites, amount; {at_least: N} for a bound), never personal data",
                ),
                FieldRequirement("cause.summary", "the cause in a sentence or two"),
            ),
        ),
        Phase(
            Status.CLOSED,
            "クロージング",
            "Closing",
            (
                FieldRequirement("retrospective.held_at", "when the retrospective was held"),
                FieldRequirement("retrospective.participants", "who took part"),
                FieldRequirement(
                    "reported_to_management_at",
                    "when it was reported to the managers' / executive meeting",
                ),
                FieldRequirement("closed_at", "when the incident was closed"),
                FieldRequirement("prevention", "at least one prevention item (再発防止策)"),
                FieldRequirement("prevention[*].id", "a short ID for the prevention item"),
                FieldRequirement("prevention[*].title", "what will be done"),
                FieldRequirement("prevention[*].owner", "who owns the prevention item"),
                FieldRequirement("prevention[*].due", "the due date (YYYY-MM-DD)"),
                FieldRequirement("prevention[*].horizon", "now (今やること) or later"),
            ),
            ("timeline", "cause", "retrospective", "went_well", "went_wrong", "got_lucky"),
        ),
        Phase(
            Status.DECLINED,
            "対象外",
            "Declined",
            (FieldRequirement("declined_reason", "why this is not an incident"),),
            side_exit=True,
        ),
        Phase(
            Status.DUPLICATE,
            "重複",
            "Duplicate",
            (FieldRequirement("duplicate_of", "the ID of the incident this duplicates"),),
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
