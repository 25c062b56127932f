"""The incident record: pydantic models for every front-matter field.

Every field is optional here because what is required depends on the phase; ``phases.py``
declares that, once, as data. These models only say what a value must look like when present.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from incidentflow.record.times import UNKNOWN, TimeTextError, check_time_text
from incidentflow.words.findings_format import REASONS

ID_PATTERN = r"^[A-Z][A-Z0-9]*-\d{8}-\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$"


class Status(StrEnum):
    DETECTED = "detected"
    INVESTIGATING = "investigating"
    DECIDED = "decided"
    RESPONDING = "responding"
    RESOLVED = "resolved"
    CLOSED = "closed"
    DECLINED = "declined"
    DUPLICATE = "duplicate"


def parse_status(value: object) -> Status | None:
    """The status a loaded value names, or None when it names none."""
    try:
        return Status(value) if isinstance(value, str) else None
    except ValueError:
        return None


class DetectionSource(StrEnum):
    SHOP_INQUIRY = "shop_inquiry"
    SYSTEM_ALERT = "system_alert"
    SALES_CONTACT = "sales_contact"
    INTERNAL = "internal"
    PARTNER = "partner"
    OTHER = "other"


class PersonalDataStatus(StrEnum):
    UNKNOWN = "unknown"
    NONE = "none"
    SUSPECTED = "suspected"
    CONFIRMED = "confirmed"


class PersonalDataCategory(StrEnum):
    """What kind of personal data was involved: categories, never the data itself."""

    NAME = "name"
    ADDRESS = "address"
    EMAIL = "email"
    PHONE = "phone"
    BIRTH_DATE = "birth_date"
    CARD_NUMBER = "card_number"
    BANK_ACCOUNT = "bank_account"
    LOGIN = "login"
    MY_NUMBER = "my_number"
    PURCHASE_HISTORY = "purchase_history"
    SENSITIVE = "sensitive"
    OTHER = "other"


class PersonalDataCause(StrEnum):
    UNAUTHORIZED_ACCESS = "unauthorized_access"
    MISDELIVERY = "misdelivery"
    LOSS = "loss"
    SYSTEM_DEFECT = "system_defect"
    INSIDER = "insider"
    OTHER = "other"


class Recipient(StrEnum):
    """Who was told: one entry of the notification log names one of these."""

    REGULATOR = "regulator"
    POLICE = "police"
    PUBLIC = "public"
    SHOPS = "shops"
    PARTNERS = "partners"
    CARD_BRANDS = "card_brands"
    ACQUIRER = "acquirer"
    INDIVIDUALS = "individuals"
    OTHER = "other"


class NotificationKind(StrEnum):
    PRELIMINARY = "preliminary"  # 速報
    FINAL = "final"  # 確報
    NOTICE = "notice"  # a first notice or announcement
    UPDATE = "update"  # a later, staged announcement (第二報, ...)
    REPORT = "report"  # a report or filing (a police report, a report to an agency)


class LinkKind(StrEnum):
    POSTMORTEM = "postmortem"
    PUBLIC_NOTICE = "public_notice"
    STATUS_PAGE = "status_page"
    PRESS = "press"
    REGULATOR = "regulator"
    OTHER = "other"


class Horizon(StrEnum):
    NOW = "now"
    LATER = "later"


class PreventionType(StrEnum):
    FIX = "fix"
    MONITORING = "monitoring"
    PROCESS = "process"
    TRAINING = "training"
    DOCUMENTATION = "documentation"
    OTHER = "other"


def invalid(kind: str, /, **values: object) -> PydanticCustomError:
    """A validator's error by its kind in the catalogue (``words.findings_format.REASONS``):
    pydantic's message is the English, and the finding made from it (IF021 or CF021) carries
    the kind and these values, so it reads in the reader's language."""
    return PydanticCustomError(kind, REASONS[kind].en, values)


def _time_text(value: Any) -> str:
    try:
        return check_time_text(value)
    except TimeTextError as error:
        if error.kind == "no_zone":
            raise PydanticCustomError("timezone_aware", "no time zone") from error
        raise PydanticCustomError("datetime_parsing", str(error)) from error


def _time_or_unknown(value: Any) -> str:
    if isinstance(value, str) and value.strip() == UNKNOWN:
        return UNKNOWN
    return _time_text(value)


_TIME_FORMS: list[dict[str, Any]] = [
    {"type": "string", "format": "date-time"},
    {"type": "string", "format": "date"},
    {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[+-]\d{2}:\d{2}$"},
]
_TIME_HELP = (
    "A time with its zone (2026-11-29T15:30:00+09:00), or a day alone when only the day is "
    "known (2026-11-29, or 2026-11-29+09:00 for a day at another offset). Kept as written."
)

# Times stay text as written: the rules read them with ``times.parse_moment``.
TimeValue = Annotated[
    str,
    PlainValidator(_time_text),
    WithJsonSchema({"anyOf": _TIME_FORMS, "description": _TIME_HELP}),
]
TimeOrUnknown = Annotated[
    str,
    PlainValidator(_time_or_unknown),
    WithJsonSchema(
        {
            "anyOf": [*_TIME_FORMS, {"const": UNKNOWN}],
            "description": _TIME_HELP
            + " 'unknown' when nobody published it (give unknown_reason).",
        }
    ),
]


class Record(BaseModel):
    """Base for every mapping in the file: unknown keys are findings, not silently dropped."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, str_strip_whitespace=True)


class Detection(Record):
    source: DetectionSource | None = None
    reported_by: str | None = None
    channel: str | None = Field(default=None, description="Chat channel opened for the incident")


class Investigation(Record):
    summary: str | None = None
    impact: str | None = Field(default=None, description="Impact scope (影響範囲) as understood")


class Bounds(Record):
    """A figure known only as a bound or an estimate: at least, at most, about."""

    at_least: int | None = Field(default=None, ge=0, description="A lower bound (少なくとも)")
    at_most: int | None = Field(default=None, ge=0, description="An upper bound (最大)")
    about: int | None = Field(default=None, ge=0, description="An estimate (約)")

    @model_validator(mode="after")
    def _one_form(self) -> Bounds:
        given = [
            name for name in ("at_least", "at_most", "about") if getattr(self, name) is not None
        ]
        if self._exact_given():
            if given:
                raise invalid("count_value_and_bound")
            return self
        if not given:
            raise invalid("count_missing")
        if "about" in given and len(given) > 1:
            raise invalid("count_about_alone")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise invalid("count_bounds_reversed", at_least=self.at_least, at_most=self.at_most)
        return self

    def _exact_given(self) -> bool:
        return False


class Count(Bounds):
    pass


def _count_form(value: Any) -> str:
    return "count:bounds" if isinstance(value, dict | Count) else "count:number"


# A plain number is exact; a mapping gives a bound (``{at_least: 16406}``). The tags pick the
# form by the value's shape, so a bad value gets one error, not one per form.
CountValue = Annotated[
    Annotated[int, Field(ge=0), Tag("count:number")] | Annotated[Count, Tag("count:bounds")],
    Discriminator(_count_form),
]


class Amount(Bounds):
    value: int | None = Field(default=None, ge=0, description="The exact amount")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code: JPY, USD, EUR")

    def _exact_given(self) -> bool:
        return self.value is not None


class NamedCount(Bounds):
    what: str = Field(min_length=1, description="What was counted, e.g. failed API requests")
    value: int | None = Field(default=None, ge=0)

    def _exact_given(self) -> bool:
        return self.value is not None


class PersonalData(Record):
    status: PersonalDataStatus | None = None
    assessed_by: str | None = Field(
        default=None,
        description="Who assessed it (none, suspected or confirmed): the explicit confirmation",
    )
    assessed_at: TimeValue | None = None
    escalated_at: TimeValue | None = Field(
        default=None, description="When the privacy/security response team was told"
    )
    aware_at: TimeValue | None = Field(
        default=None, description="When the company became aware of the (possible) leak"
    )
    records_affected: CountValue | None = Field(
        default=None, description="A count (or a bound), never names"
    )
    categories: list[PersonalDataCategory] = Field(default_factory=list)
    cause: PersonalDataCause | None = None
    gdpr_applies: bool | None = None
    allow: list[PrivacyAllow] = Field(
        default_factory=list, description="Reviewed false positives of the personal-data guard"
    )


class PrivacyAllow(Record):
    value: str
    reason: str
    approved_by: str | None = None


class Decision(Record):
    leader: str | None = None
    decided_at: TimeValue | None = None
    policy: str | None = None


class AudienceDecision(Record):
    """Whether an audience must be told, and why: decided in phase ``decided``."""

    required: bool | None = None
    reason: str | None = None


class NotificationEntry(Record):
    """One notification as it happened: who was told, what, when, and where it is recorded."""

    recipient: Recipient
    name: str | None = Field(
        default=None, description="Which one, e.g. 個人情報保護委員会, a prefectural police"
    )
    kind: NotificationKind
    at: TimeOrUnknown
    unknown_reason: str | None = Field(
        default=None, description="Why 'at' is unknown (required then)"
    )
    reference: str | None = Field(
        default=None, description="A URL or document number of the notice or report"
    )
    clocks: list[str] = Field(
        default_factory=list,
        description="Clock IDs this entry completes, where recipient and kind do not say it",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _reason_for_unknown(self) -> NotificationEntry:
        if self.at == UNKNOWN and not self.unknown_reason:
            raise invalid("unknown_without_reason")
        if self.at != UNKNOWN and self.unknown_reason:
            raise invalid("reason_without_unknown")
        return self


class Notifications(Record):
    shops: AudienceDecision | None = None
    partners: AudienceDecision | None = None
    regulators: AudienceDecision | None = None
    individuals: AudienceDecision | None = None
    police: AudienceDecision | None = None
    public: AudienceDecision | None = None
    acquirer: AudienceDecision | None = None
    card_brands: AudienceDecision | None = None
    log: list[NotificationEntry] = Field(
        default_factory=list, description="Every notification made, one entry each, in any order"
    )


class Response(Record):
    started_at: TimeValue | None = None


class Window(Record):
    from_: TimeOrUnknown | None = Field(default=None, alias="from")
    to: TimeOrUnknown | None = None

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class Impact(Record):
    """Counts only, typed; a mapping gives a bound. Personal data never goes here."""

    people: CountValue | None = Field(default=None, description="People (人)")
    cards: CountValue | None = Field(default=None, description="Payment cards (件)")
    records: CountValue | None = Field(default=None, description="Records (件)")
    accounts: CountValue | None = None
    shops: CountValue | None = None
    orders: CountValue | None = None
    transactions: CountValue | None = None
    sites: CountValue | None = Field(default=None, description="Web sites or services")
    amount: Amount | None = None
    other: list[NamedCount] = Field(default_factory=list)
    exposure: Window | None = Field(
        default=None, description="When the data was exposed or the fault active (from, to)"
    )
    duration_minutes: int | None = Field(default=None, ge=0)


class Link(Record):
    kind: LinkKind
    url: str = Field(pattern=r"^https?://\S+$")
    title: str | None = None


class Cause(Record):
    summary: str | None = None
    category: str | None = None


class Retrospective(Record):
    held_at: TimeValue | None = None
    participants: list[str] = Field(default_factory=list)


class PreventionItem(Record):
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    title: str | None = None
    owner: str | None = Field(
        default=None,
        description="A name, or '@login' (quoted in YAML) to assign the tracking issue",
    )
    due: date | None = None
    horizon: Horizon | None = None
    type: PreventionType | None = None
    done: bool | None = Field(
        default=None, description="true when finished; the tracking issue is then closed"
    )


class Override(Record):
    rule: str = Field(pattern=r"^[A-Z]{2,3}\d{3}$")
    reason: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    approved_at: TimeValue | None = None


class ClockNote(Record):
    """A reviewed note on one regulatory clock of this incident."""

    not_applicable: str | None = Field(
        default=None, description="Why this clock does not apply to this incident"
    )
    late_reason: str | None = Field(
        default=None, description="Why the duty was done late: acknowledges the lateness"
    )
    unknown: str | None = Field(
        default=None,
        description="Imported records only: why it is not known whether or when it was done",
    )
    approved_by: str = Field(min_length=1)
    approved_at: TimeValue | None = None

    @model_validator(mode="after")
    def _one_reason(self) -> ClockNote:
        given = [
            name for name in ("not_applicable", "late_reason", "unknown") if getattr(self, name)
        ]
        if len(given) != 1:
            raise invalid("clock_note_one_reason")
        return self

    @property
    def kind(self) -> Literal["not_applicable", "late_reason", "unknown"]:
        if self.not_applicable:
            return "not_applicable"
        return "late_reason" if self.late_reason else "unknown"

    @property
    def reason(self) -> str:
        return self.not_applicable or self.late_reason or self.unknown or ""


class Imported(Record):
    """A past incident entered afterwards (for metrics and learning), from its sources."""

    source: str = Field(min_length=1, description="Where the facts come from (URL, document)")
    by: str | None = Field(default=None, description="Who wrote the record")
    note: str | None = None


class Tracking(Record):
    """Issue numbers written back by ``incident sync``."""

    stakeholders: dict[str, int] = Field(default_factory=dict)
    prevention: dict[str, int] = Field(default_factory=dict)


class Incident(Record):
    # Every file names its phase. The validator reports a missing status with the phase
    # fields (IF030, from phases.py); the schema says it too, so editors flag it at once.
    model_config = ConfigDict(json_schema_extra={"required": ["status"]})

    id: str | None = Field(default=None, pattern=ID_PATTERN)
    title: str | None = None
    status: Status | None = None
    severity: str | None = None
    lang: str | None = Field(default=None, pattern=r"^(ja|en)$")
    started_at: TimeValue | None = Field(
        default=None, description="When the impact began (often before detection)"
    )
    detected_at: TimeValue | None = None
    mitigated_at: TimeValue | None = Field(
        default=None, description="When the impact stopped or was contained"
    )
    resolved_at: TimeValue | None = Field(
        default=None, description="When the service was fully restored (復旧)"
    )
    detection: Detection | None = None
    investigation: Investigation | None = None
    personal_data: PersonalData | None = None
    decision: Decision | None = None
    stakeholders: list[str] = Field(default_factory=list)
    notifications: Notifications | None = None
    response: Response | None = None
    impact: Impact | None = None
    cause: Cause | None = None
    retrospective: Retrospective | None = None
    reported_to_management_at: TimeValue | None = None
    closed_at: TimeValue | None = None
    prevention: list[PreventionItem] = Field(default_factory=list)
    links: list[Link] = Field(
        default_factory=list, description="The postmortem, public notices, the status page"
    )
    clock_notes: dict[str, ClockNote] = Field(
        default_factory=dict, description="Per clock ID: not_applicable, late_reason or unknown"
    )
    imported: Imported | None = None
    unknown: dict[str, str] = Field(
        default_factory=dict,
        description="Imported records only: required field path → why it is not known",
    )
    declined_reason: str | None = None
    duplicate_of: str | None = Field(default=None, pattern=ID_PATTERN)
    overrides: list[Override] = Field(default_factory=list)
    tracking: Tracking | None = None


PersonalData.model_rebuild()
