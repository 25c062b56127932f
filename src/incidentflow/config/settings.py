"""The repository's one config file, ``incidentflow.yaml``: the organisation's choices.

It is validated like an incident file: every problem is a finding with a line, and a broken
config stops every command with exit code 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from incidentflow.config.conditions import AllOf, AnyOf, Condition, FieldTest, NotCondition
from incidentflow.config.declare import DeclareSettings
from incidentflow.errors import ConfigError
from incidentflow.record.load import MAX_FILE_BYTES
from incidentflow.record.model import Incident, NotificationKind, Recipient, Status, invalid
from incidentflow.record.positions import PositionIndex, parse_path
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.rules.schema import closest, findings_from_error, model_at

CONFIG_FILE_NAME = "incidentflow.yaml"
_KEY = r"^[a-z][a-z0-9_]*$"


class ConfigRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(ConfigRecord):
    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.ja if language == "ja" else self.en


class GitHubRouting(ConfigRecord):
    team: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")
    assignees: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)


class StakeholderTeam(ConfigRecord):
    key: str = Field(pattern=_KEY)
    name: Localized
    description: Localized | None = None
    github: GitHubRouting = Field(default_factory=GitHubRouting)
    checklist: dict[Literal["ja", "en"], str] = Field(default_factory=dict)


class SeverityLevel(ConfigRecord):
    key: str = Field(pattern=_KEY)
    name: Localized
    description: Localized


class StakeholderRule(ConfigRecord):
    """When ``when`` holds, from ``applies_from`` on, the incident must list these teams."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    description: str = ""
    when: Condition
    applies_from: Status = Status.INVESTIGATING
    require_stakeholders: list[str] = Field(min_length=1)


class Escalation(ConfigRecord):
    personal_data_max_minutes: int = Field(default=60, ge=0)


class PrivacyAllowEntry(ConfigRecord):
    value: str = Field(min_length=1)
    reason: str = Field(min_length=1)


class PrivacySettings(ConfigRecord):
    allowed_email_domains: list[str] = Field(default_factory=list)
    allow: list[PrivacyAllowEntry] = Field(default_factory=list)


class Deadline(ConfigRecord):
    amount: int = Field(ge=0)
    unit: Literal["hours", "days", "business_days"]


class Completion(ConfigRecord):
    """Which entries of an incident's notification log complete a clock.

    An entry matches when its recipient and kind are listed here (no ``kind``: any kind), or
    when the entry names the clock in its own ``clocks`` list.
    """

    recipient: list[Recipient] = Field(min_length=1)
    kind: list[NotificationKind] = Field(default_factory=list)

    @field_validator("recipient", "kind", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def describe(self) -> str:
        kinds = " or ".join(kind.value for kind in self.kind) or "any"
        who = " or ".join(recipient.value for recipient in self.recipient)
        return f"recipient {who}, kind {kinds}"


class RegulatoryClock(ConfigRecord):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    name: Localized
    when: Condition
    starts_from: list[str] = Field(min_length=1)
    deadline: Deadline
    completed_by: Completion
    stakeholder: str
    source: str = Field(min_length=1)
    # The duty exists only for incidents that start on or after this day (a law's date).
    effective_from: date | None = None


class ClockPack(ConfigRecord):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    notice: str = ""
    effective_from: date | None = None  # for every clock of the pack without its own
    clocks: list[RegulatoryClock] = Field(default_factory=list)


class SyncSettings(ConfigRecord):
    write_back: Literal["pull_request", "commit"] = "pull_request"
    branch: str = "incidentflow/sync"
    label: str = "incident"


class ConfigApproval(ConfigRecord):
    """A reviewed relaxation of the rules: the gate accepts it only in the change adding it."""

    change: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)


def _path_problem(path: str) -> str | None:
    """Why ``path`` is not one plain path inside the repository, as git and the gate need it:
    'not_plain' (absolute, empty parts, '.' or '..'), 'pattern' (glob or control characters)."""
    if path.startswith("/") or any(part in ("", ".", "..") for part in path.split("/")):
        return "not_plain"
    if any(ch in path for ch in "*?[]\\:!") or any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        return "pattern"
    return None


class Config(ConfigRecord):
    version: Literal[1] = 1
    language: Literal["ja", "en"] = "ja"
    timezone: str = "Asia/Tokyo"
    calendar: str = "JP"
    id_prefix: str = Field(default="INC", pattern=r"^[A-Z][A-Z0-9]*$")
    incidents_dir: str = Field(default="incidents", min_length=1, max_length=200)
    # The incident index (`incident index`): a Markdown file inside the repository; inside the
    # incidents folder only as a README.md. Unset: <incidents_dir>/README.md; false: no index.
    index_file: Annotated[str, Field(max_length=200)] | Literal[False] | None = None
    severities: list[SeverityLevel] = Field(min_length=1)
    stakeholders: list[StakeholderTeam] = Field(min_length=1)
    rules: list[StakeholderRule] = Field(default_factory=list)
    phase_requirements: dict[Status, list[str]] = Field(default_factory=dict)
    escalation: Escalation = Field(default_factory=Escalation)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    clock_packs: list[ClockPack] = Field(default_factory=list)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    declare: DeclareSettings = Field(default_factory=DeclareSettings)
    # Reviewed relaxations (see the README, "The gate's own rules"): an audit trail kept in git.
    approvals: list[ConfigApproval] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise invalid("unknown_time_zone", zone=value) from error
        return value

    @field_validator("incidents_dir")
    @classmethod
    def _plain_folder(cls, value: str) -> str:
        # The gate hands this folder to git and compares paths with it: it must be one plain
        # folder inside the repository, never a pattern or a way out of the repository.
        value = value.removesuffix("/")
        problem = _path_problem(value)
        if problem == "not_plain":
            raise invalid("folder_not_plain", folder=value)
        if problem == "pattern":
            raise invalid("folder_pattern", folder=value)
        return value

    @field_validator("index_file", mode="before")
    @classmethod
    def _index_file(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or value is False:
            return value
        if not isinstance(value, str):
            raise invalid("index_value", value=value)
        if _path_problem(value) is not None:
            raise invalid("index_not_plain", path=value)
        if not value.endswith(".md"):
            raise invalid("index_not_markdown", path=value)
        # Inside the incidents folder every other .md file is an incident (rules/files.py).
        folder = str(info.data.get("incidents_dir", "incidents")).rstrip("/")
        if value.startswith(folder + "/") and value.rsplit("/", 1)[-1].lower() != "readme.md":
            raise invalid("index_in_folder", path=value, folder=folder)
        return value

    @property
    def index_path(self) -> str | None:
        """The index file's path from the repository root; None when the config turns it off."""
        if self.index_file is False:
            return None
        return self.index_file or f"{self.incidents_dir.rstrip('/')}/README.md"

    @field_validator("calendar")
    @classmethod
    def _known_calendar(cls, value: str) -> str:
        # The registry is the holidays package's index of countries; the calendars themselves
        # load only when a business-day deadline is computed.
        from holidays.registry import COUNTRIES

        codes = {entry[1] for entry in COUNTRIES.values()}
        if value not in codes:
            raise invalid("unknown_calendar", calendar=value)
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def severity_keys(self) -> list[str]:
        return [level.key for level in self.severities]

    @property
    def stakeholder_keys(self) -> list[str]:
        return [team.key for team in self.stakeholders]

    def team(self, key: str) -> StakeholderTeam | None:
        return next((team for team in self.stakeholders if team.key == key), None)

    def clocks(self) -> Iterator[RegulatoryClock]:
        for pack in self.clock_packs:
            yield from pack.clocks

    def clock_ids(self) -> list[str]:
        return [clock.id for clock in self.clocks()]

    def effective_from(self, clock: RegulatoryClock) -> date | None:
        if clock.effective_from is not None:
            return clock.effective_from
        pack = next((p for p in self.clock_packs if clock in p.clocks), None)
        return pack.effective_from if pack is not None else None


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    config: Config
    path: Path | None  # None: the packaged default, no file in the repository


def default_config_text() -> str:
    return resources.files("incidentflow").joinpath("defaults", CONFIG_FILE_NAME).read_text("utf-8")


def find_config(start: Path) -> Path | None:
    """The nearest ``incidentflow.yaml`` from ``start`` upwards, stopping at the git root."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None, display: str | None = None) -> LoadedConfig:
    if path is None:
        return LoadedConfig(parse_config(default_config_text(), CONFIG_FILE_NAME), None)
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(
            [
                finding(
                    shown,
                    None,
                    None,
                    "CF000",
                    Level.ERROR,
                    "unreadable",
                    error=error,
                    reason=reason,
                )
            ]
        ) from error
    return LoadedConfig(config_from_bytes(raw, shown), path)


def config_from_bytes(raw: bytes, shown: str) -> Config:
    """The config from a file's bytes (the working tree's, or a commit's in the gate)."""
    if len(raw) > MAX_FILE_BYTES:
        raise ConfigError(
            [finding(shown, 1, 1, "CF001", Level.ERROR, "too_large", limit=f"{MAX_FILE_BYTES:,}")]
        )
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ConfigError([finding(shown, 1, 1, "CF003", Level.ERROR, "not_utf8")]) from error
    return parse_config(text, shown)


def parse_config(text: str, display: str) -> Config:
    from incidentflow.record.load import Document, load_front_matter

    document = Document(display, text, text.replace("\r\n", "\n"), 1, "", 1)
    problems = load_front_matter(document)
    if problems:
        raise ConfigError([_as_config_finding(problem) for problem in problems])
    index: PositionIndex | None = None

    def positions() -> PositionIndex:
        nonlocal index
        if index is None:
            index = PositionIndex(document.front_matter, 1)
        return index

    try:
        config = Config.model_validate(document.data)
    except ValidationError as error:
        raise ConfigError(
            findings_from_error(error, path=display, root=Config, positions=positions, prefix="CF")
        ) from error
    findings = list(_cross_checks(config, display, positions))
    if findings:
        raise ConfigError(findings)
    return config


def _as_config_finding(found: Finding) -> Finding:
    """A finding of the YAML reader, as the config's: the same words under a CF code."""
    code = "CF" + found.code[2:]
    if code == "CF014":
        return finding(
            found.path, found.line, found.column, code, found.level, "config_not_mapping"
        )
    return replace(found, code=code)


def field_path_exists(path: str) -> bool:
    """Whether a dotted path names a field of the incident model (``[*]`` allowed)."""
    parts = [part for part in parse_path(path.replace("[*]", "[0]")) if isinstance(part, str)]
    model: type[BaseModel] | None = Incident
    for depth, part in enumerate(parts):
        if model is None or part not in model.model_fields:
            return False
        if depth < len(parts) - 1:
            model = model_at(Incident, (*parts[: depth + 1], "x"))
    return True


def _all_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    names: list[str] = []
    for name in model.model_fields:
        full = f"{prefix}{name}"
        names.append(full)
        inner = model_at(model, (name, "x"))
        if inner is not None:
            names.extend(_all_fields(inner, full + "."))
    return names


def _condition_fields(condition: Any) -> Iterator[FieldTest]:
    if isinstance(condition, FieldTest):
        yield condition
    elif isinstance(condition, AllOf):
        for part in condition.all:
            yield from _condition_fields(part)
    elif isinstance(condition, AnyOf):
        for part in condition.any:
            yield from _condition_fields(part)
    elif isinstance(condition, NotCondition):
        yield from _condition_fields(condition.not_)


def _cross_checks(config: Config, display: str, positions: Any) -> Iterator[Finding]:
    """References between parts of the config: keys must exist, field paths must be real."""
    index: PositionIndex = positions()
    known_fields = _all_fields(Incident)
    teams = config.stakeholder_keys

    def bad(loc: tuple[str | int, ...], code: str, kind: str, **values: object) -> Finding:
        position = index.value_of(loc)
        return finding(display, position.line, position.column, code, Level.ERROR, kind, **values)

    for section, keys in (("stakeholders", teams), ("severities", config.severity_keys)):
        seen: set[str] = set()
        for number, key in enumerate(keys):
            if key in seen:
                yield bad(
                    (section, number, "key"), "CF040", "defined_twice", section=section, key=key
                )
            seen.add(key)

    def check_field(loc: tuple[str | int, ...], path: str) -> Iterator[Finding]:
        if not field_path_exists(path):
            match = closest(path, known_fields)
            if match is None:
                yield bad(loc, "CF041", "not_a_field", path=path)
            else:
                yield bad(loc, "CF041", "not_a_field_suggested", path=path, suggestion=match)

    def check_team(loc: tuple[str | int, ...], key: str) -> Iterator[Finding]:
        if key not in teams:
            match = closest(key, teams)
            if match is None:
                yield bad(loc, "CF042", "not_a_team", key=key)
            else:
                yield bad(loc, "CF042", "not_a_team_suggested", key=key, suggestion=match)

    for number, rule in enumerate(config.rules):
        for position, key in enumerate(rule.require_stakeholders):
            yield from check_team(("rules", number, "require_stakeholders", position), key)
        for test in _condition_fields(rule.when):
            yield from check_field(("rules", number, "when"), test.field)
    for status, paths in config.phase_requirements.items():
        for position, path in enumerate(paths):
            yield from check_field(("phase_requirements", status.value, position), path)
    for pack_number, pack in enumerate(config.clock_packs):
        for number, clock in enumerate(pack.clocks):
            loc: tuple[str | int, ...] = ("clock_packs", pack_number, "clocks", number)
            yield from check_team((*loc, "stakeholder"), clock.stakeholder)
            for position, start in enumerate(clock.starts_from):
                yield from check_field((*loc, "starts_from", position), start)
            for test in _condition_fields(clock.when):
                yield from check_field((*loc, "when"), test.field)
