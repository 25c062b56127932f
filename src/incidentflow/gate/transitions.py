"""The pull-request gate's own rules: what may change between the base and the head version.

Full validation of the head version runs separately (``validation.py``); jumping several
phases at once is therefore allowed exactly when every phase passed through is complete.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from incidentflow.config.conditions import lookup
from incidentflow.record.model import Status, parse_status
from incidentflow.record.phases import MAIN_LINE, SIDE_EXIT_FROM, SIDE_EXITS, TERMINAL
from incidentflow.record.times import parse_time
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.timestamps import NOT_BEFORE_DETECTION, TIMESTAMP_ORDER


@dataclass(frozen=True, slots=True)
class Transition:
    path: str
    before: str | None  # None: a new file
    after: str | None

    @property
    def label(self) -> str:
        if self.before is None:
            return f"new → {self.after}"
        if self.after is None:
            return f"{self.before} → deleted"
        if self.before == self.after:
            return f"{self.after} (unchanged)"
        return f"{self.before} → {self.after}"


def transition_findings(base: Mapping[str, Any], head: ValidatedIncident) -> Iterator[Finding]:
    """GT0xx: identity, status moves and recorded history between two versions of a file."""
    data = head.data
    for key, code in (("id", "GT010"), ("detected_at", "GT011")):
        if key in base and base.get(key) != data.get(key):
            yield head.at(
                (key,),
                code,
                f"{key} changed from '{base.get(key)}' to '{data.get(key)}': it never changes "
                "once an incident is declared; set it back.",
                value=True,
            )
    before, after = parse_status(base.get("status")), parse_status(data.get("status"))
    if before is not None and after is not None and before is not after:
        yield from _status_move(before, after, head)
    elif before is not None and after is None:
        # IF030 already fails the file; this names what the removal would do to the flow.
        yield head.at(
            ("status",),
            "GT023",
            f"status was '{before}' and is now missing or unreadable: a status is never removed "
            "(a later change could set any status). Put it back.",
        )
    for path in (*TIMESTAMP_ORDER, *NOT_BEFORE_DETECTION):
        if path == "detected_at":
            continue  # GT011 already covers any change to it
        old = parse_time(lookup(base, path))
        if old is None:
            continue
        new = parse_time(lookup(data, path))
        if new is None:
            yield head.at(
                tuple(path.split(".")),
                "GT012",
                f"{path} ({old.isoformat()}) was recorded and is now gone: recorded times are "
                "history; put it back.",
            )
        elif new < old:
            yield head.at(
                tuple(path.split(".")),
                "GT013",
                f"{path} moved back from {old.isoformat()} to {new.isoformat()}: times never run "
                "backwards; if the first value was wrong, waive GT013 with an override saying so.",
                value=True,
            )


def _status_move(before: Status, after: Status, head: ValidatedIncident) -> Iterator[Finding]:
    where = ("status",)
    if before in TERMINAL:
        final = "final" if before is Status.CLOSED else "a final side exit"
        yield head.at(
            where,
            "GT020",
            f"status was '{before}', which is {final}: it cannot become '{after}'. "
            "Open a new incident that refers to this one instead.",
            value=True,
        )
        return
    if after in SIDE_EXITS:
        if before not in SIDE_EXIT_FROM:
            yield head.at(
                where,
                "GT021",
                f"'{after}' is allowed only before 'decided' (from detected or investigating), "
                f"not from '{before}': once decided, the incident runs to 'closed'.",
                value=True,
            )
        return
    if MAIN_LINE.index(after) < MAIN_LINE.index(before):
        yield head.at(
            where,
            "GT022",
            f"status moved back from '{before}' to '{after}': status only moves forward. "
            "Keep the status and record what changed in the Timeline.",
            value=True,
        )


def waivers(findings: list[Finding]) -> list[Finding]:
    """The findings an ``overrides`` entry waived; the gate lists each one, loudly."""
    return [f for f in findings if f.level is Level.NOTICE and f.message.startswith("WAIVED")]
