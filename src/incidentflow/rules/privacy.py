"""The personal-data guard over a whole incident file (front matter and Markdown alike)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from incidentflow.config.conditions import is_filled
from incidentflow.config.settings import Config
from incidentflow.privacy import AllowedValue, PersonalDataHit, Unlisted, scan
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.rules.result import ValidatedIncident
from incidentflow.words.findings_gate import personal_data_counts

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
    path, text = result.document.path, result.document.text
    return text_findings(path, text, config, allow, in_incident=True)


def config_allow(config: Config) -> list[AllowedValue]:
    return [
        AllowedValue(entry.value, f"privacy.allow[{number}]", "config", _shortened(entry.reason))
        for number, entry in enumerate(config.privacy.allow)
    ]


def text_findings(
    path: str,
    text: str,
    config: Config,
    allow: Sequence[AllowedValue],
    *,
    in_incident: bool = False,
) -> Iterator[Finding]:
    """PD findings for any text: errors for hits, notices for hits an allow entry accepts,
    at most ``LISTED_PER_FILE`` of each and a PD100 counting the rest. ``in_incident``: the
    text is an incident file, so its own ``personal_data.allow`` is where a reviewed false
    positive goes; elsewhere it is the config's ``privacy.allow``."""
    found = scan(
        text,
        allowed_email_domains=config.privacy.allowed_email_domains,
        allow=allow,
        limit=LISTED_PER_FILE,
    )
    for hit in found.hits:
        yield _hit(path, hit, Level.ERROR, in_incident)
    if found.unlisted_hits is not None:
        yield _unlisted(path, found.unlisted_hits, Level.ERROR)
    for hit in found.allowed:
        yield _hit(path, hit, Level.NOTICE, in_incident)
    if found.unlisted_allowed is not None:
        yield _unlisted(path, found.unlisted_allowed, Level.NOTICE)


def _hit(path: str, hit: PersonalDataHit, level: Level, in_incident: bool) -> Finding:
    kind, values = hit.said(in_incident=in_incident)
    return finding(path, hit.line, hit.column, hit.code, level, kind, **values)


def _incident_allow(data: Mapping[str, Any]) -> Iterator[AllowedValue]:
    personal = data.get("personal_data")
    entries = personal.get("allow") if isinstance(personal, Mapping) else None
    if not isinstance(entries, list):
        return
    for number, entry in enumerate(entries):
        if isinstance(entry, Mapping) and entry.get("value") and is_filled(entry.get("reason")):
            reason = _shortened(str(entry["reason"]))
            where = f"personal_data.allow[{number}]"
            yield AllowedValue(str(entry["value"]), where, "file", reason)


def _shortened(reason: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) > _REASON_SHOWN:
        reason = reason[: _REASON_SHOWN - 1] + "…"
    return reason


def _unlisted(path: str, unlisted: Unlisted, level: Level) -> Finding:
    return finding(
        path,
        unlisted.line,
        unlisted.column,
        UNLISTED_CODE,
        level,
        "unlisted" if level is Level.ERROR else "unlisted_allowed",
        total=f"{unlisted.total:,}",
        counts=personal_data_counts(unlisted.counts),
        limit=LISTED_PER_FILE,
    )
