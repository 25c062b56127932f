"""Phase requirements: the fields (IF030) and sections (IF031) each status needs, and a
status itself (IF030 when it is missing)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from incidentflow.config.conditions import is_filled, lookup
from incidentflow.config.settings import Config
from incidentflow.record.model import Status
from incidentflow.record.phases import (
    CONFIG_HINT,
    MAIN_LINE,
    PHASES,
    SIDE_EXITS,
    FieldRequirement,
    phases_through,
    requirements_for,
)
from incidentflow.record.positions import format_loc, parse_path
from incidentflow.record.sections import SECTION_BY_KEY
from incidentflow.rules.findings import Finding, Level, finding, with_note
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
            requirements.append((phase_status, FieldRequirement(extra, CONFIG_HINT)))
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
        where = format_loc(loc)
        # The phase table's requirement, or the config's (``record.phases.hint_for``).
        named = requirement.path if requirement.hint is not CONFIG_HINT else ""
        present = _value_at(result.data, loc)
        if present in requirement.not_values:
            findings.append(
                result.say(
                    loc,
                    "IF030",
                    "not_enough",
                    value=True,
                    field=where,
                    present=present,
                    phase=phase_status,
                    requirement=named,
                )
            )
            continue
        if loc == ("status",):
            continue  # reported by _missing_status, which no override can waive
        # A missing top-level field is missing because of the status: point there.
        anchor = loc if loc[0] in result.data else ("status",)
        kind = "required_always" if phase_status is Status.DETECTED else "required"
        findings.append(
            result.say(
                anchor,
                "IF030",
                kind,
                value=anchor != loc,
                field=where,
                parent=format_loc(loc[:-1]),
                phase=phase_status,
                requirement=named,
            )
        )
    for phase_status, key in unfilled_sections(result, status):
        spec = SECTION_BY_KEY[key]
        section = next((s for s in result.sections() if s.key == key), None)
        if section is None:
            # A missing subsection is added under its parent heading, so point there.
            holder = next((s for s in result.sections() if s.key == "retrospective"), None)
            line = holder.line if holder and spec.level > 2 else result.document.body_line
            findings.append(
                finding(
                    result.document.path,
                    line,
                    1,
                    "IF031",
                    Level.ERROR,
                    "section_missing",
                    section_en=spec.en,
                    section_ja=spec.ja,
                    heading=f"{'#' * spec.level} {spec.ja} / {spec.en}",
                    phase=phase_status,
                )
            )
        else:
            findings.append(
                finding(
                    result.document.path,
                    section.line,
                    1,
                    "IF031",
                    Level.ERROR,
                    "section_empty",
                    section=section.heading,
                    phase=phase_status,
                )
            )
    return findings


def missing_status(result: ValidatedIncident) -> list[Finding]:
    """IF030 for a missing or empty status, naming the phase the file's own fields point to."""
    data = result.data
    if is_filled(data.get("status")):
        return []
    phases = ", ".join(status.value for status in Status)
    kind = "status_empty" if "status" in data else "status_missing"
    found = result.say(("status",), "IF030", kind, phases=phases)
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
            return [with_note(found, "status_from_field", recorded=recorded, suggested=status)]
    return [with_note(found, "status_for_new")]
