"""Phase requirements: the fields (IF030) and sections (IF031) each status needs, and a
status itself (IF030 when it is missing)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from incidentflow.config.conditions import is_filled, lookup
from incidentflow.config.settings import Config
from incidentflow.record.model import Status
from incidentflow.record.phases import (
    MAIN_LINE,
    PHASES,
    SIDE_EXITS,
    FieldRequirement,
    phases_through,
    requirements_for,
)
from incidentflow.record.positions import format_loc, parse_path
from incidentflow.record.sections import SECTION_BY_KEY
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.imported import is_unknown_field, is_unknown_section
from incidentflow.rules.result import ValidatedIncident


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
                if not is_filled(value) and is_unknown_field(data, format_loc(loc)):
                    continue  # an imported record says, with a reason, nobody knows it
                yield phase_status, requirement, loc


def unfilled_sections(result: ValidatedIncident, status: Status) -> Iterator[tuple[Status, str]]:
    required = requirements_for(status).sections
    if not required:
        return
    filled = {section.key for section in result.sections() if section.filled}
    for phase_status, key in required:
        if key not in filled and not is_unknown_section(result.data, key):
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
            args = (("kind", "not_enough"), ("field", where), ("value", str(present)))
            finding = result.at(loc, "IF030", message, value=True)
            findings.append(replace(finding, args=(*args, ("phase", str(phase_status)))))
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
        finding = result.at(anchor, "IF030", message, value=anchor != loc)
        args = (("kind", "required"), ("field", where), ("parent", parent))
        findings.append(replace(finding, args=(*args, ("phase", str(phase_status)))))
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
            heading = f"{'#' * spec.level} {spec.ja} / {spec.en}"
            args = (("kind", "section_missing"), ("section", spec.ja), ("heading", heading))
        else:
            line = section.line
            message = (
                f"section '{section.heading}' is still empty or template text (TODO, 未記入, "
                f"comments only): write it before status '{phase_status}'."
            )
            args = (("kind", "section_empty"), ("section", section.heading), ("heading", ""))
        findings.append(
            Finding(
                result.document.path,
                line,
                1,
                "IF031",
                Level.ERROR,
                message,
                (*args, ("phase", str(phase_status))),
            )
        )
    return findings


def missing_status(result: ValidatedIncident) -> list[Finding]:
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
