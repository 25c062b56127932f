"""The ``declare:`` section of ``incidentflow.yaml``: how issue forms and alerts become incidents.

Everything has a default, so a config without the section declares through the shipped issue
form and reads alerts in the generic shape (``title``, ``severity``, ``service``,
``started_at``, ``link``, ``dedup_key`` at the top of the alert's ``client_payload``).

An alerting system that sends another shape is mapped with paths into its payload: dotted
names with list positions as numbers (``alerts.0.labels.severity``), and a list of paths to
try in order. The README has a worked example for Prometheus Alertmanager.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from incidentflow.record.model import invalid

_PATH = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$")
_LABEL = r"^[^,\x00-\x1f\x7f]{1,50}$"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _paths(value: Any) -> Any:
    paths = [value] if isinstance(value, str) else value
    if isinstance(paths, list):
        for path in paths:
            if not isinstance(path, str) or not _PATH.match(path):
                raise invalid("alert_path", path=path)
    return paths


class AlertFields(_Section):
    """Where each fact is found in the alert; the first path that holds a value wins."""

    title: list[str] = Field(default_factory=lambda: ["title"])
    severity: list[str] = Field(default_factory=lambda: ["severity"])
    service: list[str] = Field(default_factory=lambda: ["service"])
    started_at: list[str] = Field(default_factory=lambda: ["started_at"])
    link: list[str] = Field(default_factory=lambda: ["link", "url"])
    # Alerts with the same key are one incident; without one, the title and service are.
    dedup_key: list[str] = Field(default_factory=lambda: ["dedup_key"])

    @field_validator("*", mode="before")
    @classmethod
    def _check(cls, value: Any) -> Any:
        return _paths(value)


class AlertMapping(_Section):
    fields: AlertFields = Field(default_factory=AlertFields)
    # The alert's severity words (compared without case) to this config's severity keys; a
    # value that already is a severity key needs no entry.
    severities: dict[str, str] = Field(default_factory=dict)
    # For an alert without a severity, or with one the map does not know: None means the
    # usual default of `incident new` (the second severity).
    default_severity: str | None = None
    reported_by: str = Field(default="alert (repository_dispatch)", min_length=1, max_length=100)


class DeclareSettings(_Section):
    # The label the issue form puts on its issues, and that declaration pull requests carry.
    label: str = Field(default="incident-declaration", pattern=_LABEL)
    # On a declaration whose reporter says personal data might be involved (yes or unknown).
    urgent_label: str = Field(default="incident:urgent", pattern=_LABEL)
    # On the issue once its pull request is open.
    declared_label: str = Field(default="incident:declared", pattern=_LABEL)
    # Issues from these author associations are declared; others get no pull request (anyone
    # can open an issue in a public repository).
    issue_authors: list[str] = Field(
        default_factory=lambda: ["OWNER", "MEMBER", "COLLABORATOR"], min_length=1
    )
    alert: AlertMapping = Field(default_factory=AlertMapping)

    @field_validator("issue_authors")
    @classmethod
    def _associations(cls, value: list[str]) -> list[str]:
        known = {
            "OWNER",
            "MEMBER",
            "COLLABORATOR",
            "CONTRIBUTOR",
            "FIRST_TIMER",
            "FIRST_TIME_CONTRIBUTOR",
            "MANNEQUIN",
            "NONE",
        }
        unknown = [item for item in value if item not in known]
        if unknown:
            choices = ", ".join(sorted(known))
            raise invalid("author_association", unknown=", ".join(unknown), choices=choices)
        return value
