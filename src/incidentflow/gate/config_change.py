"""What a pull request's change to ``incidentflow.yaml`` relaxes, and whether it was approved.

The base branch's config judges a pull request. A change to the config is still allowed, but
every way it loosens what the gate enforces is named (GT040) until the same change adds an
``approvals`` entry for it (GT041, a notice that shows in the job summary). An approval that was
already in the base approves nothing new, so each relaxation needs its own reviewed approval.

Differences are read section by section with what each means; a top-level setting this module
does not know about counts as a relaxation, so a new setting is never silently trusted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from incidentflow.config.settings import Config, ConfigApproval
from incidentflow.record.model import Status
from incidentflow.record.phases import MAIN_LINE
from incidentflow.record.positions import PositionIndex
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.words.findings_gate import RELAXATIONS, clock_changes

# Settings whose change never loosens the gate: words shown to people, the audit trail, and
# how declarations are written (each declaration is itself a pull request the gate judges).
_NEUTRAL = frozenset(
    {"version", "language", "severities", "id_prefix", "approvals", "declare", "index_file"}
)
_UNIT_HOURS = {"hours": 1.0, "days": 24.0, "business_days": 24.0}


@dataclass(frozen=True, slots=True)
class Relaxation:
    """One loosening: ``key`` is what an approval names, ``loc`` where it sits in the config,
    ``kind`` and ``values`` what it relaxes (``words.findings_gate.RELAXATIONS``)."""

    key: str
    loc: tuple[str | int, ...]
    kind: str
    values: dict[str, str]

    def said(self, language: str) -> str:
        return RELAXATIONS[self.kind](language, **self.values)


def _relaxation(key: str, loc: tuple[str | int, ...], kind: str, **values: object) -> Relaxation:
    return Relaxation(key, loc, kind, {name: str(value) for name, value in values.items()})


def relaxations(before: Config, after: Config) -> list[Relaxation]:
    """Every way ``after`` enforces less than ``before``, in the config's order."""
    found = [
        *_folder(before, after),
        *_phase_requirements(before, after),
        *_rules(before, after),
        *_clocks(before, after),
        *_privacy(before, after),
        *_escalation(before, after),
        *_stakeholders(before, after),
        *_settings(before, after),
    ]
    return found


def config_change_findings(before: Config, after: Config, path: str, text: str) -> list[Finding]:
    """GT040 for each unapproved relaxation, GT041 (notice) for each approved one."""
    new_approvals = [entry for entry in after.approvals if entry not in before.approvals]
    index = PositionIndex(text, 1)
    findings: list[Finding] = []
    for relaxation in relaxations(before, after):
        position = index.locate(relaxation.loc)
        approval = _approval_for(relaxation.key, new_approvals)
        where = (path, position.line, position.column)
        if approval is None:
            findings.append(
                finding(
                    *where,
                    "GT040",
                    Level.ERROR,
                    relaxation.kind,
                    change=relaxation.key,
                    **relaxation.values,
                )
            )
        else:
            findings.append(
                finding(
                    *where,
                    "GT041",
                    Level.NOTICE,
                    relaxation.kind,
                    approved_by=approval.approved_by,
                    reason=approval.reason,
                    **relaxation.values,
                )
            )
    return findings


def _approval_for(key: str, approvals: list[ConfigApproval]) -> ConfigApproval | None:
    for entry in approvals:
        named = entry.change.strip()
        if key == named or key.startswith(named + "."):
            return entry
    return None


def _folder(before: Config, after: Config) -> Iterator[Relaxation]:
    if before.incidents_dir != after.incidents_dir:
        yield _relaxation(
            "incidents_dir",
            ("incidents_dir",),
            "incidents_dir",
            old=before.incidents_dir,
            new=after.incidents_dir,
        )


def _phase_requirements(before: Config, after: Config) -> Iterator[Relaxation]:
    for status, paths in before.phase_requirements.items():
        kept = set(after.phase_requirements.get(status, []))
        dropped = [path for path in paths if path not in kept]
        if dropped:
            yield _relaxation(
                f"phase_requirements.{status.value}",
                ("phase_requirements", status.value),
                "phase_requirements",
                phase=status.value,
                fields=", ".join(dropped),
            )


def _rules(before: Config, after: Config) -> Iterator[Relaxation]:
    proposed = {rule.id: (number, rule) for number, rule in enumerate(after.rules)}
    for rule in before.rules:
        key = f"rules.{rule.id}"
        if rule.id not in proposed:
            yield _relaxation(key, ("rules",), "rule_removed", rule=rule.id)
            continue
        number, new = proposed[rule.id]
        loc: tuple[str | int, ...] = ("rules", number)
        if new.when != rule.when:
            yield _relaxation(key, (*loc, "when"), "rule_condition", rule=rule.id)
        elif _order(new.applies_from) > _order(rule.applies_from):
            yield _relaxation(
                key,
                (*loc, "applies_from"),
                "rule_later",
                rule=rule.id,
                new=new.applies_from,
                old=rule.applies_from,
            )
        else:
            lost = [
                team for team in rule.require_stakeholders if team not in new.require_stakeholders
            ]
            if lost:
                yield _relaxation(
                    key,
                    (*loc, "require_stakeholders"),
                    "rule_teams",
                    rule=rule.id,
                    teams=", ".join(lost),
                )


def _order(status: Status) -> int:
    # Side exits end an incident before any rule could apply later, so they sort last.
    return MAIN_LINE.index(status) if status in MAIN_LINE else len(MAIN_LINE)


def _clocks(before: Config, after: Config) -> Iterator[Relaxation]:
    proposed: dict[tuple[str, str], tuple[tuple[str | int, ...], Any]] = {}
    for pack_number, pack in enumerate(after.clock_packs):
        for number, clock in enumerate(pack.clocks):
            proposed[(pack.id, clock.id)] = (("clock_packs", pack_number, "clocks", number), clock)
    for pack in before.clock_packs:
        for clock in pack.clocks:
            key = f"clock_packs.{pack.id}.{clock.id}"
            if (pack.id, clock.id) not in proposed:
                yield _relaxation(
                    key, ("clock_packs",), "clock_removed", clock=f"{pack.id}/{clock.id}"
                )
                continue
            loc, new = proposed[(pack.id, clock.id)]
            changed: list[tuple[str, ...]] = [
                (name,)
                for name in ("when", "starts_from", "completed_by", "stakeholder")
                if getattr(new, name) != getattr(clock, name)
            ]
            old_hours = clock.deadline.amount * _UNIT_HOURS[clock.deadline.unit]
            new_hours = new.deadline.amount * _UNIT_HOURS[new.deadline.unit]
            if new.deadline != clock.deadline and (
                new_hours > old_hours or "business_days" in (new.deadline.unit, clock.deadline.unit)
            ):
                changed.append(
                    (
                        "deadline",
                        f"{clock.deadline.amount} {clock.deadline.unit}",
                        f"{new.deadline.amount} {new.deadline.unit}",
                    )
                )
            # A later start date exempts the incidents before it: a relaxation.
            old_from, new_from = before.effective_from(clock), after.effective_from(new)
            if new_from is not None and (old_from is None or new_from > old_from):
                changed.append(("effective_from", str(old_from or ""), str(new_from)))
            if changed:
                yield _relaxation(
                    key,
                    loc,
                    "clock_changed",
                    clock=f"{pack.id}/{clock.id}",
                    changes=clock_changes(changed),
                )


def _privacy(before: Config, after: Config) -> Iterator[Relaxation]:
    old_domains = {domain.lower().strip(".") for domain in before.privacy.allowed_email_domains}
    added = [
        domain
        for domain in after.privacy.allowed_email_domains
        if domain.lower().strip(".") not in old_domains
    ]
    if added:
        yield _relaxation(
            "privacy.allowed_email_domains",
            ("privacy", "allowed_email_domains"),
            "email_domains",
            domains=", ".join(added),
        )
    old_values = {entry.value for entry in before.privacy.allow}
    new_values = [entry.value for entry in after.privacy.allow if entry.value not in old_values]
    if new_values:
        yield _relaxation(
            "privacy.allow", ("privacy", "allow"), "privacy_allow", count=len(new_values)
        )


def _escalation(before: Config, after: Config) -> Iterator[Relaxation]:
    old = before.escalation.personal_data_max_minutes
    new = after.escalation.personal_data_max_minutes
    if new > old:
        yield _relaxation(
            "escalation.personal_data_max_minutes",
            ("escalation", "personal_data_max_minutes"),
            "escalation",
            new=new,
            old=old,
        )


def _stakeholders(before: Config, after: Config) -> Iterator[Relaxation]:
    proposed = {team.key: (number, team) for number, team in enumerate(after.stakeholders)}
    for team in before.stakeholders:
        key = f"stakeholders.{team.key}"
        if team.key not in proposed:
            yield _relaxation(key, ("stakeholders",), "team_removed", team=team.key)
            continue
        number, new = proposed[team.key]
        loc: tuple[str | int, ...] = ("stakeholders", number)
        if new.checklist != team.checklist:
            yield _relaxation(
                f"{key}.checklist", (*loc, "checklist"), "team_checklist", team=team.key
            )
        if (new.github.team, new.github.assignees) != (team.github.team, team.github.assignees):
            yield _relaxation(f"{key}.github", (*loc, "github"), "team_github", team=team.key)


def _settings(before: Config, after: Config) -> Iterator[Relaxation]:
    """Deadline arithmetic, the sync's branch and mode, and any setting not known above."""
    handled = {
        "incidents_dir",
        "phase_requirements",
        "rules",
        "clock_packs",
        "privacy",
        "escalation",
        "stakeholders",
        "sync",
    }
    for name in ("timezone", "calendar"):
        if getattr(before, name) != getattr(after, name):
            yield _relaxation(
                name,
                (name,),
                "deadlines_move",
                name=name,
                old=getattr(before, name),
                new=getattr(after, name),
            )
    for name in ("branch", "write_back"):
        old, new = getattr(before.sync, name), getattr(after.sync, name)
        if old != new:
            yield _relaxation(
                f"sync.{name}", ("sync", name), "sync_target", name=name, old=old, new=new
            )
    known = handled | _NEUTRAL | {"timezone", "calendar"}
    for name in type(after).model_fields:
        if name not in known and getattr(before, name) != getattr(after, name):
            yield _relaxation(name, (name,), "setting", name=name)
