"""Regulatory clocks: deadlines that start when the company became aware of a leak.

Placeholder evaluation until the clock policy work lands: no clock is reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from incidentflow.config import Config


@dataclass(frozen=True, slots=True)
class ClockState:
    clock_id: str
    name: str
    state: str
    due: str
    completed_at: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.clock_id,
            "name": self.name,
            "state": self.state,
            "due": self.due,
            "completed_at": self.completed_at,
        }


def evaluate_clocks(data: Mapping[str, Any], config: Config) -> list[ClockState]:
    return []
