"""The current time, overridable so that runs and tests are reproducible.

``INCIDENTFLOW_NOW`` (an ISO 8601 time with a zone) pins "now" for every command.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def now() -> datetime:
    pinned = os.environ.get("INCIDENTFLOW_NOW")
    if pinned:
        value = datetime.fromisoformat(pinned)
        if value.tzinfo is not None:
            return value
    return datetime.now(UTC)
