"""The incident record: pydantic models for every front-matter field.

Every field is optional here because what is required depends on the phase; ``phases.py``
declares that, once, as data. These models only say what a value must look like when present.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

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


class PersonalData(Record):
    status: PersonalDataStatus | None = None
    assessed_by: str | None = Field(
        default=None, description="Who confirmed that no personal data is involved"
    )
    assessed_at: AwareDatetime | None = None
    escalated_at: AwareDatetime | None = Field(
        default=None, description="When the privacy/security response team was told"
    )
    aware_at: AwareDatetime | None = Field(
        default=None, description="When the company became aware of the (possible) leak"
    )
    records_affected: int | None = Field(default=None, ge=0, description="A count, never names")
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
    decided_at: AwareDatetime | None = None
    policy: str | None = None


class Notification(Record):
    required: bool | None = None
    reason: str | None = None
    notified_at: AwareDatetime | None = None
    preliminary_reported_at: AwareDatetime | None = None
    final_reported_at: AwareDatetime | None = None


class Notifications(Record):
    shops: Notification | None = None
    partners: Notification | None = None
    regulators: Notification | None = None
    individuals: Notification | None = None
    acquirer: Notification | None = None
    card_brands: Notification | None = None
    supervisory_authority: Notification | None = None


class Response(Record):
    started_at: AwareDatetime | None = None


class Impact(Record):
    """Counts only. Personal data never goes here."""

    shops_affected: int | None = Field(default=None, ge=0)
    orders_affected: int | None = Field(default=None, ge=0)
    users_affected: int | None = Field(default=None, ge=0)
    transactions_affected: int | None = Field(default=None, ge=0)
    amount_jpy: int | None = Field(default=None, ge=0)
    duration_minutes: int | None = Field(default=None, ge=0)


class Cause(Record):
    summary: str | None = None
    category: str | None = None


class Retrospective(Record):
    held_at: AwareDatetime | None = None
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
    approved_at: AwareDatetime | None = None


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
    detected_at: AwareDatetime | None = None
    detection: Detection | None = None
    investigation: Investigation | None = None
    personal_data: PersonalData | None = None
    decision: Decision | None = None
    stakeholders: list[str] = Field(default_factory=list)
    notifications: Notifications | None = None
    response: Response | None = None
    resolved_at: AwareDatetime | None = None
    impact: Impact | None = None
    cause: Cause | None = None
    retrospective: Retrospective | None = None
    reported_to_management_at: AwareDatetime | None = None
    closed_at: AwareDatetime | None = None
    prevention: list[PreventionItem] = Field(default_factory=list)
    declined_reason: str | None = None
    duplicate_of: str | None = Field(default=None, pattern=ID_PATTERN)
    overrides: list[Override] = Field(default_factory=list)
    tracking: Tracking | None = None


PersonalData.model_rebuild()
