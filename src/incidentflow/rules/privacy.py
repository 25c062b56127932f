"""The personal-data guard over a whole incident file (front matter and Markdown alike)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from incidentflow.config.conditions import is_filled
from incidentflow.config.settings import Config
from incidentflow.privacy import AllowedValue, Unlisted, scan
from incidentflow.privacy.detectors import NOUNS
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident

# Findings listed one by one per file and level; the rest are counted in one PD100, so a
# pasted log full of numbers gives a readable report (and GitHub shows few annotations).
LISTED_PER_FILE = 50
UNLISTED_CODE = "PD100"
_REASON_SHOWN = 80


def personal_data_findings(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    """PD1xx: personal data written into the file itself, front matter and Markdown alike.

    A reviewed false positive goes into ``personal_data.allow`` (value and reason) or the
    config's ``privacy.allow``. Every hit an entry accepts is still reported, as a notice
    naming the entry, so the exception is visible in the pull request each time.
    """
    allow = [*_incident_allow(result.data), *config_allow(config)]
    return text_findings(result.document.path, result.document.text, config, allow)


def config_allow(config: Config) -> list[AllowedValue]:
    return [
        AllowedValue(entry.value, _source(f"privacy.allow[{number}] of the config", entry.reason))
        for number, entry in enumerate(config.privacy.allow)
    ]


def text_findings(
    path: str, text: str, config: Config, allow: Sequence[AllowedValue]
) -> Iterator[Finding]:
    """PD findings for any text: errors for hits, notices for hits an allow entry accepts,
    at most ``LISTED_PER_FILE`` of each and a PD100 counting the rest."""
    found = scan(
        text,
        allowed_email_domains=config.privacy.allowed_email_domains,
        allow=allow,
        limit=LISTED_PER_FILE,
    )
    for hit in found.hits:
        yield Finding(path, hit.line, hit.column, hit.code, Level.ERROR, hit.message)
    if found.unlisted_hits is not None:
        yield _unlisted(path, found.unlisted_hits, Level.ERROR)
    for hit in found.allowed:
        yield Finding(path, hit.line, hit.column, hit.code, Level.NOTICE, hit.message)
    if found.unlisted_allowed is not None:
        yield _unlisted(path, found.unlisted_allowed, Level.NOTICE)


def _incident_allow(data: Mapping[str, Any]) -> Iterator[AllowedValue]:
    personal = data.get("personal_data")
    entries = personal.get("allow") if isinstance(personal, Mapping) else None
    if not isinstance(entries, list):
        return
    for number, entry in enumerate(entries):
        if isinstance(entry, Mapping) and entry.get("value") and is_filled(entry.get("reason")):
            source = _source(f"personal_data.allow[{number}] of this file", str(entry["reason"]))
            yield AllowedValue(str(entry["value"]), source)


def _source(where: str, reason: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) > _REASON_SHOWN:
        reason = reason[: _REASON_SHOWN - 1] + "…"
    return f"{where} ('{reason}')"


def _unlisted(path: str, unlisted: Unlisted, level: Level) -> Finding:
    kinds = ", ".join(
        f"{NOUNS[kind]}: {count:,}" for kind, count in sorted(unlisted.counts.items())
    )
    if level is Level.ERROR:
        message = (
            f"{unlisted.total:,} more pieces of personal data from here on ({kinds}), not "
            f"listed one by one after the first {LISTED_PER_FILE}. Remove them all: a "
            "pasted log or export belongs in the restricted system, referred to by its record."
        )
    else:
        message = (
            f"{unlisted.total:,} more values from here on ({kinds}) are accepted by allow "
            f"entries, not listed one by one after the first {LISTED_PER_FILE}. Reviewer: "
            "that many accepted values is unusual; make sure none is a person's data."
        )
    return Finding(path, unlisted.line, unlisted.column, UNLISTED_CODE, level, message)
