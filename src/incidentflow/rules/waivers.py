"""Waivers: ``overrides`` entries in the file (rule, reason, approved_by), reviewed in git.

A waived finding is not dropped: it becomes a notice that says who approved it and why, so
every honoured waiver is visible in the log, the annotations and the job summary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from incidentflow.config.conditions import is_filled
from incidentflow.rules.codes import KNOWN, WAIVABLE
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.schema import shown, suggest


def apply_overrides(result: ValidatedIncident, findings: list[Finding]) -> list[Finding]:
    """Turn findings waived by an ``overrides`` entry into notices that say so, loudly."""
    overrides = result.data.get("overrides")
    if not isinstance(overrides, list) or not overrides:
        return findings
    waivers: dict[str, tuple[str, str]] = {}
    for entry in overrides:
        if (
            isinstance(entry, Mapping)
            and is_filled(entry.get("reason"))
            and is_filled(entry.get("approved_by"))
        ):
            waivers[str(entry.get("rule"))] = (str(entry["reason"]), str(entry["approved_by"]))
    kept: list[Finding] = []
    for item in findings:
        waiver = waivers.get(item.code)
        if waiver is None or item.code not in WAIVABLE or item.level is Level.NOTICE:
            kept.append(item)
            continue
        reason, approver = waiver
        kept.append(
            Finding(
                item.path,
                item.line,
                item.column,
                item.code,
                Level.NOTICE,
                f"WAIVED by override (approved by {approver}: {reason}): {item.message}",
            )
        )
    return kept


def override_entries(result: ValidatedIncident) -> Iterator[Finding]:
    """IF060: an override that names no rule, or a rule that cannot be waived."""
    overrides = result.data.get("overrides")
    if not isinstance(overrides, list):
        return
    for number, entry in enumerate(overrides):
        rule = entry.get("rule") if isinstance(entry, Mapping) else None
        if not isinstance(rule, str):
            continue
        if rule not in KNOWN:
            why = f"'{shown(rule)}' is not a rule code{suggest(rule, sorted(KNOWN))}"
        elif rule not in WAIVABLE:
            why = f"'{rule}' cannot be waived"
            if rule.startswith("PD"):
                why += (
                    "; accept a reviewed false positive with personal_data.allow (the exact "
                    "value and a reason)"
                )
        else:
            continue
        yield result.at(
            ("overrides", number, "rule"),
            "IF060",
            f"override has no effect: {why}. Fix or remove the entry.",
            value=True,
            level=Level.WARNING,
        )
