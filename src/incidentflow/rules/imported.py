"""Imported records: past incidents entered afterwards, with what nobody knows left unknown.

A record with ``imported: {source: ...}`` was written from its sources (a public report, an
old ticket) for metrics and learning. Facts its sources do not give (who led, when the
retrospective was held) are listed under ``unknown:``, each with the reason, instead of
being invented:

    unknown:
      decision.leader: the public report names no incident leader
      sections.got_lucky: the postmortem does not say

A listed field or section counts as filled for the phase requirements, in imported records
only: a live incident records its facts as they happen (IF070). Keys must name a field or
section that a phase requires (IF071), and the record's identity (id, title, status,
severity, detected_at) is never unknown. One notice (IF072) lists what is unknown, so every
use shows in review, and ``incident report`` counts imported records apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from incidentflow.config.conditions import is_filled
from incidentflow.config.settings import Config
from incidentflow.record.model import Status
from incidentflow.record.phases import PHASES
from incidentflow.record.sections import SECTION_BY_KEY
from incidentflow.rules.clocks import is_imported
from incidentflow.rules.config_keys import did_you_mean
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.schema import shown

NEVER_UNKNOWN = frozenset({"id", "title", "status", "severity", "detected_at"})
SECTION_PREFIX = "sections."


def unknown_entries(data: Mapping[str, Any]) -> dict[str, str]:
    """The readable ``unknown`` entries (key → reason) of an imported record; else nothing."""
    entries = data.get("unknown")
    if not is_imported(data) or not isinstance(entries, Mapping):
        return {}
    return {
        str(key): str(reason)
        for key, reason in entries.items()
        if isinstance(key, str) and is_filled(reason)
    }


def _generic(path: str) -> str:
    """``prevention[2].owner`` → ``prevention[*].owner``: list items share one requirement."""
    out, depth = [], 0
    for char in path:
        if char == "[":
            depth += 1
            out.append("[*")
        elif char == "]":
            depth -= 1
            out.append("]")
        elif depth == 0:
            out.append(char)
    return "".join(out)


def is_unknown_field(data: Mapping[str, Any], path: str) -> bool:
    """Whether an imported record lists ``path`` (or its ``[*]`` form) as not known."""
    entries = unknown_entries(data)
    return bool(entries) and (path in entries or _generic(path) in entries)


def is_unknown_section(data: Mapping[str, Any], key: str) -> bool:
    return f"{SECTION_PREFIX}{key}" in unknown_entries(data)


def allowed_keys(config: Config) -> list[str]:
    """Every field path and section a phase requires, but the record's identity."""
    keys: list[str] = []
    for phase in PHASES.values():
        keys += [req.path for req in phase.fields if req.path not in NEVER_UNKNOWN]
        keys += [f"{SECTION_PREFIX}{key}" for key in phase.sections]
    for paths in config.phase_requirements.values():
        keys += [path for path in paths if path not in NEVER_UNKNOWN]
    return list(dict.fromkeys(keys))


def imported_findings(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    data = result.data
    entries = data.get("unknown")
    if not isinstance(entries, Mapping) or not entries:
        return
    if not is_imported(data):
        yield result.say(("unknown",), "IF070", "live_record")
        return
    allowed = allowed_keys(config)
    for key, reason in entries.items():
        name = str(key)
        loc = ("unknown", name)
        is_section = name.startswith(SECTION_PREFIX) and (
            name[len(SECTION_PREFIX) :] in SECTION_BY_KEY
        )
        if name in NEVER_UNKNOWN:
            yield result.say(loc, "IF071", "identity", name=name)
        elif not is_section and _generic(name) not in allowed:
            found = result.say(loc, "IF071", "not_required", name=shown(name))
            yield did_you_mean(found, name, allowed)
        elif not is_filled(reason):
            yield result.say(loc, "IF071", "no_reason", name=name)
    listed = sorted(unknown_entries(data))
    if listed:
        status = result.status or Status.DETECTED
        yield result.say(
            ("imported",),
            "IF072",
            "listed",
            level=Level.NOTICE,
            status=status,
            count=len(listed),
            items=", ".join(listed),
        )
