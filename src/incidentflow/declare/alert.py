"""Reading an alert: the config's ``declare.alert`` mapping applied to its payload.

An alert arrives as a ``repository_dispatch`` event whose ``client_payload`` is the alert, or
as the bare payload. Each fact is looked up by the mapping's paths, first hit wins; only
strings and numbers count, so a mapping that points at an object reads nothing rather than
a Python repr.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from incidentflow.config.declare import AlertMapping


@dataclass(frozen=True, slots=True)
class AlertFacts:
    title: str | None
    severity: str | None  # the alert's own word, before the severity map
    service: str | None
    started_at: str | None
    link: str | None
    dedup_key: str
    # Identifies this very payload: a run repeated on the same alert changes nothing.
    digest: str


def alert_payload(event: Mapping[str, Any]) -> Mapping[str, Any]:
    """The alert inside a repository_dispatch event, or the event itself when it is bare."""
    inner = event.get("client_payload")
    if "action" in event and isinstance(inner, Mapping):
        return inner
    return event


def read_path(payload: Any, path: str) -> Any:
    current = payload
    for part in path.split("."):
        if isinstance(current, Mapping):
            current = current.get(part)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def _first(payload: Any, paths: list[str]) -> str | None:
    for path in paths:
        value = read_path(payload, path)
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _digest(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def alert_facts(payload: Mapping[str, Any], mapping: AlertMapping) -> AlertFacts:
    fields = mapping.fields
    title = _first(payload, fields.title)
    service = _first(payload, fields.service)
    key = _first(payload, fields.dedup_key)
    if key is None:
        # No key: the same title for the same service is the same incident.
        key = f"{service or ''}\n{title or ''}"
    return AlertFacts(
        title=title,
        severity=_first(payload, fields.severity),
        service=service,
        started_at=_first(payload, fields.started_at),
        link=_first(payload, fields.link),
        dedup_key=key,
        digest=_digest(payload),
    )


def dedup_hash(key: str) -> str:
    """The key as it appears in branch names and markers: never the key itself, which is the
    alerting system's text."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
