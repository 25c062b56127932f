"""The personal-data guard over a whole incident file (front matter and Markdown alike)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from incidentflow.conditions import is_filled
from incidentflow.config import Config
from incidentflow.findings import Finding, Level
from incidentflow.privacy import scan_text
from incidentflow.validated import ValidatedIncident


def _allowed_values(data: Mapping[str, Any], config: Config) -> list[str]:
    values = [entry.value for entry in config.privacy.allow]
    personal = data.get("personal_data")
    entries = personal.get("allow") if isinstance(personal, Mapping) else None
    if isinstance(entries, list):
        values.extend(
            str(entry["value"])
            for entry in entries
            if isinstance(entry, Mapping) and entry.get("value") and is_filled(entry.get("reason"))
        )
    return values


def personal_data_findings(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    """PD1xx: personal data written into the file itself, front matter and Markdown alike.

    A reviewed false positive goes into ``personal_data.allow`` (value and reason) or the
    config's ``privacy.allow``, so the exception is visible in the pull request.
    """
    hits = scan_text(
        result.document.text,
        allowed_email_domains=config.privacy.allowed_email_domains,
        allowed_values=_allowed_values(result.data, config),
    )
    for hit in hits:
        yield Finding(
            result.document.path,
            hit.line,
            hit.column,
            hit.code,
            Level.ERROR,
            hit.message,
        )
