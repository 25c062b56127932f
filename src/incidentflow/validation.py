"""Validating one incident file: the model, the phase requirements and the config's rules.

Fast path first: a clean file costs one C-loader parse and one pydantic validation. The
round-trip parse for positions and the Markdown parse for sections run only when needed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from incidentflow.clocks import clock_findings, evaluate_clocks
from incidentflow.conditions import is_filled, lookup
from incidentflow.config import Config
from incidentflow.findings import Finding, Level
from incidentflow.loader import Document
from incidentflow.model import Incident, Status
from incidentflow.model_errors import findings_from_error, shown, suggest
from incidentflow.overrides import apply_overrides, override_entries
from incidentflow.phases import (
    MAIN_LINE,
    PHASES,
    SIDE_EXITS,
    FieldRequirement,
    phases_through,
    requirements_for,
)
from incidentflow.positions import format_loc, parse_path
from incidentflow.privacy_guard import personal_data_findings
from incidentflow.sections import SECTION_BY_KEY
from incidentflow.time_rules import escalation_delay, timestamp_findings
from incidentflow.validated import ValidatedIncident


def validate_document(document: Document, config: Config) -> ValidatedIncident:
    result = ValidatedIncident(document, None)
    try:
        result.incident = Incident.model_validate(document.data)
    except ValidationError as error:
        result.findings.extend(
            findings_from_error(
                error,
                path=document.path,
                root=Incident,
                positions=result.positions,
                prefix="IF",
            )
        )
    result.findings.extend(_config_values(result, config))
    status = result.status
    if status is not None:
        result.findings.extend(missing_for(result, status, config))
        result.findings.extend(_stakeholder_rules(result, status, config))
    else:
        # Without a status (or with one that names no phase, reported above) the file still
        # needs the first phase's fields: no status, no exemption.
        result.findings.extend(missing_for(result, Status.DETECTED, config))
    result.findings.extend(timestamp_findings(result))
    result.findings.extend(escalation_delay(result, config))
    result.findings.extend(personal_data_findings(result, config))
    result.findings.extend(override_entries(result))
    # Evaluated once here; status and the gate show the same states.
    result.clocks = evaluate_clocks(result.data, config)
    if result.incident is not None:
        result.findings.extend(
            clock_findings(
                result.clocks,
                result.data,
                lambda loc: result.positions().key_of(loc),
                document.path,
            )
        )
    result.findings = apply_overrides(result, result.findings)
    # After the waivers, so no override reaches it: a file without a status is outside the
    # flow, and a waived one could later take any status, a closed incident reopened. First,
    # because `incident status` shows the first few findings and this one matters most.
    result.findings[:0] = _missing_status(result)
    return result


def _requirement_paths(data: Mapping[str, Any], path: str) -> Iterator[tuple[str | int, ...]]:
    """Concrete locations for a requirement path, expanding ``[*]`` over list items."""
    if "[*]" not in path:
        yield tuple(parse_path(path))
        return
    head, _, tail = path.partition("[*]")
    items = lookup(data, head)
    if not isinstance(items, list):
        return
    for number in range(len(items)):
        yield from _requirement_paths(data, f"{head}[{number}]{tail}")


def _value_at(data: Mapping[str, Any], loc: tuple[str | int, ...]) -> Any:
    current: Any = data
    for part in loc:
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return None
            current = current[part]
        else:
            if not isinstance(current, Mapping):
                return None
            current = current.get(part)
    return current


def unmet_fields(
    data: Mapping[str, Any], status: Status, config: Config
) -> Iterator[tuple[Status, FieldRequirement, tuple[str | int, ...]]]:
    """Every required field that ``status`` needs and ``data`` lacks, in phase order."""
    requirements = list(requirements_for(status).fields)
    for phase_status in phases_through(status):
        for extra in config.phase_requirements.get(phase_status, []):
            requirements.append(
                (phase_status, FieldRequirement(extra, "required by incidentflow.yaml"))
            )
    for phase_status, requirement in requirements:
        if requirement.when is not None and not requirement.when.holds(data):
            continue
        for loc in _requirement_paths(data, requirement.path):
            value = _value_at(data, loc)
            if not is_filled(value) or value in requirement.not_values:
                yield phase_status, requirement, loc


def unfilled_sections(result: ValidatedIncident, status: Status) -> Iterator[tuple[Status, str]]:
    required = requirements_for(status).sections
    if not required:
        return
    filled = {section.key for section in result.sections() if section.filled}
    for phase_status, key in required:
        if key not in filled:
            yield phase_status, key


def missing_for(result: ValidatedIncident, status: Status, config: Config) -> list[Finding]:
    findings: list[Finding] = []
    for phase_status, requirement, loc in unmet_fields(result.data, status, config):
        phase = PHASES[phase_status]
        where = format_loc(loc)
        parent = format_loc(loc[:-1])
        add = f"add it under '{parent}:'" if parent else "add it"
        present = _value_at(result.data, loc)
        if present in requirement.not_values:
            message = (
                f"{where} is '{present}', which is not enough from status '{phase_status}' "
                f"({phase.ja}): {requirement.hint}."
            )
            findings.append(result.at(loc, "IF030", message, value=True))
            continue
        if loc == ("status",):
            continue  # reported by _missing_status, which no override can waive
        since = (
            "in every incident file"
            if phase_status is Status.DETECTED
            else f"from status '{phase_status}' ({phase.ja})"
        )
        message = f"{where} is required {since}: {requirement.hint}; {add}."
        # A missing top-level field is missing because of the status: point there.
        anchor = loc if loc[0] in result.data else ("status",)
        findings.append(result.at(anchor, "IF030", message, value=anchor != loc))
    for phase_status, key in unfilled_sections(result, status):
        spec = SECTION_BY_KEY[key]
        section = next((s for s in result.sections() if s.key == key), None)
        if section is None:
            # A missing subsection is added under its parent heading, so point there.
            holder = next((s for s in result.sections() if s.key == "retrospective"), None)
            line = holder.line if holder and spec.level > 2 else result.document.body_line
            message = (
                f"section '{spec.en}' / '{spec.ja}' is required from status '{phase_status}' "
                f"({PHASES[phase_status].ja}) but missing: add a heading "
                f"'{'#' * spec.level} {spec.ja} / {spec.en}' and write it."
            )
        else:
            line = section.line
            message = (
                f"section '{section.heading}' is still empty or template text (TODO, 未記入, "
                f"comments only): write it before status '{phase_status}'."
            )
        findings.append(Finding(result.document.path, line, 1, "IF031", Level.ERROR, message))
    return findings


def _missing_status(result: ValidatedIncident) -> list[Finding]:
    """IF030 for a missing or empty status, naming the phase the file's own fields point to."""
    data = result.data
    if is_filled(data.get("status")):
        return []
    phases = ", ".join(status.value for status in Status)
    state = "empty" if "status" in data else "missing"
    advice = "Add 'status: detected' for a new incident, or the phase it stands in."
    for status in (*SIDE_EXITS, *reversed(MAIN_LINE[1:])):
        recorded = next(
            (
                requirement.path
                for requirement in PHASES[status].fields
                if "[*]" not in requirement.path and is_filled(lookup(data, requirement.path))
            ),
            None,
        )
        if recorded is not None:
            advice = (
                f"This file records {recorded}, a field of '{status}' ({PHASES[status].ja}): "
                f"add 'status: {status}' if it stands there."
            )
            break
    message = f"status is {state}: every incident file names its phase ({phases}). {advice}"
    return [result.at(("status",), "IF030", message)]


def _config_values(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    severity = result.data.get("severity")
    if isinstance(severity, str) and severity not in config.severity_keys:
        yield result.at(
            ("severity",),
            "IF043",
            f"severity '{shown(severity)}' is not defined in incidentflow.yaml."
            f"{suggest(severity, config.severity_keys)} "
            f"Use one of: {', '.join(config.severity_keys)}.",
            value=True,
        )
    stakeholders = result.data.get("stakeholders")
    if isinstance(stakeholders, list):
        for number, key in enumerate(stakeholders):
            if isinstance(key, str) and key not in config.stakeholder_keys:
                yield result.at(
                    ("stakeholders", number),
                    "IF044",
                    f"stakeholder '{shown(key)}' is not a team in incidentflow.yaml."
                    f"{suggest(key, config.stakeholder_keys)} "
                    f"Use one of: {', '.join(config.stakeholder_keys)}.",
                    value=True,
                )


def _stakeholder_rules(
    result: ValidatedIncident, status: Status, config: Config
) -> Iterator[Finding]:
    from incidentflow.stakeholders import team_requirements

    listed = result.data.get("stakeholders")
    present = {key for key in listed if isinstance(key, str)} if isinstance(listed, list) else set()
    # One finding per set of reasons, naming every team that the same reasons require.
    reasons_by_team: dict[str, list[str]] = {}
    for requirement in team_requirements(result.data, config):
        if requirement.team not in present:
            reasons = reasons_by_team.setdefault(requirement.team, [])
            if requirement.reason not in reasons:
                reasons.append(requirement.reason)
    teams_by_reasons: dict[tuple[str, ...], list[str]] = {}
    for team, reasons in reasons_by_team.items():
        teams_by_reasons.setdefault(tuple(reasons), []).append(team)
    for why, teams in teams_by_reasons.items():
        yield result.at(
            ("stakeholders",) if "stakeholders" in result.data else ("status",),
            "IF045",
            f"stakeholders must include {', '.join(teams)}: {'; '.join(why)}. Add "
            f"{'it' if len(teams) == 1 else 'them'} to 'stakeholders:' so the team gets its "
            "checklist.",
        )
