"""Errors the command line maps to exit codes. Kept free of heavy imports: the CLI loads it
at start-up, before it knows whether a command needs pydantic or PyGithub."""

from __future__ import annotations

from incidentflow.rules.findings import Finding


class ConfigError(Exception):
    """The config cannot be used; the CLI reports the findings and exits 2."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(finding.message for finding in findings))
        self.findings = findings
