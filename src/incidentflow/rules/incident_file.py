"""Validating one incident file: every rule family in turn, then the file's waivers.

Fast path first: a clean file costs one C-loader parse and one pydantic validation. The
round-trip parse for positions and the Markdown parse for sections run only when needed.
"""

from __future__ import annotations

from pydantic import ValidationError

from incidentflow.config.settings import Config
from incidentflow.record.load import Document
from incidentflow.record.model import Incident, Status
from incidentflow.rules.clocks import clock_findings, evaluate_clocks
from incidentflow.rules.config_keys import config_key_findings
from incidentflow.rules.imported import imported_findings
from incidentflow.rules.phases import missing_for, missing_status
from incidentflow.rules.privacy import personal_data_findings
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.schema import findings_from_error
from incidentflow.rules.stakeholders import stakeholder_rule_findings
from incidentflow.rules.timestamps import escalation_delay, timestamp_findings
from incidentflow.rules.waivers import apply_overrides, override_entries


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
    result.findings.extend(config_key_findings(result, config))
    status = result.status
    if status is not None:
        result.findings.extend(missing_for(result, status, config))
        result.findings.extend(stakeholder_rule_findings(result, status, config))
    else:
        # Without a status (or with one that names no phase, reported above) the file still
        # needs the first phase's fields: no status, no exemption.
        result.findings.extend(missing_for(result, Status.DETECTED, config))
    result.findings.extend(timestamp_findings(result, config))
    result.findings.extend(escalation_delay(result, config))
    result.findings.extend(personal_data_findings(result, config))
    result.findings.extend(override_entries(result))
    result.findings.extend(imported_findings(result, config))
    # Evaluated once here; status and the gate show the same states. From the raw data, so
    # a schema error elsewhere in the file never hides what the clocks say.
    result.clocks = evaluate_clocks(result.data, config)
    result.findings.extend(
        clock_findings(
            result.clocks,
            result.data,
            lambda loc, value: (
                result.positions().value_of(loc) if value else result.positions().key_of(loc)
            ),
            document.path,
            config,
        )
    )
    result.findings = apply_overrides(result, result.findings)
    # After the waivers, so no override reaches it: a file without a status is outside the
    # flow, and a waived one could later take any status, a closed incident reopened. First,
    # because `incident status` shows the first few findings and this one matters most.
    result.findings[:0] = missing_status(result)
    return result
