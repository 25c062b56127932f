"""The one "now" of a run, and "today" in the configured time zone.

``INCIDENTFLOW_NOW`` (an ISO 8601 time with a zone) pins "now" for every command, so that
runs and tests are reproducible. Everything that asks for the time asks here.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from incidentflow.config.settings import Config


def current() -> datetime:
    """Now, zone-aware: the pinned ``INCIDENTFLOW_NOW`` or the system clock in UTC."""
    pinned = os.environ.get("INCIDENTFLOW_NOW")
    if pinned:
        value = datetime.fromisoformat(pinned)
        if value.tzinfo is not None:
            return value
    return datetime.now(UTC)


def local(config: Config) -> datetime:
    """Now on the wall clock of the configured time zone."""
    return current().astimezone(config.zone)


def today(config: Config) -> date:
    """Today's date in the configured time zone (deadlines and reports count from it)."""
    return local(config).date()
