"""Values that must come from the config: severities (IF043) and stakeholder keys (IF044)."""

from __future__ import annotations

from collections.abc import Iterator

from incidentflow.config.settings import Config
from incidentflow.rules.findings import Finding
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.schema import shown, suggest


def config_key_findings(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
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
