"""Waivers: ``overrides`` entries in the file (rule, reason, approved_by), reviewed in git.

A waived finding is not dropped: it becomes a notice that says who approved it and why, so
every honoured waiver is visible in the log, the annotations and the job summary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from incidentflow.config.conditions import is_filled
from incidentflow.rules.codes import KNOWN, WAIVABLE
from incidentflow.rules.config_keys import did_you_mean
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.schema import shown


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
        kept.append(waived(item, approver, reason))
    return kept


def waived(item: Finding, approver: str, reason: str) -> Finding:
    """``item`` as a notice that names its waiver (``words.findings_flow.WAIVED``)."""
    from incidentflow.words.findings import render
    from incidentflow.words.findings_flow import WAIVED

    values = (("waived_by", approver), ("waiver_reason", reason))
    if not item.args:  # made without the catalogue: its English is all there is to wrap
        message = WAIVED("en", message=item.message, **dict(values))
        return replace(item, level=Level.NOTICE, message=message)
    args = (*item.args, ("wrap", "waived"), *values)
    return replace(item, level=Level.NOTICE, message=render(item.code, args, "en"), args=args)


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
            found = result.say(
                ("overrides", number, "rule"),
                "IF060",
                "not_a_rule",
                value=True,
                level=Level.WARNING,
                rule=shown(rule),
            )
            yield did_you_mean(found, rule, sorted(KNOWN))
        elif rule not in WAIVABLE:
            yield result.say(
                ("overrides", number, "rule"),
                "IF060",
                "not_waivable_pd" if rule.startswith("PD") else "not_waivable",
                value=True,
                level=Level.WARNING,
                rule=rule,
            )
