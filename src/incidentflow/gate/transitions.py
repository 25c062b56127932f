"""The pull-request gate's own rules: what may change between the base and the head version.

Full validation of the head version runs separately (``validation.py``); jumping several
phases at once is therefore allowed exactly when every phase passed through is complete.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any

from incidentflow.config.conditions import is_filled, lookup
from incidentflow.record.model import Status, parse_status
from incidentflow.record.phases import MAIN_LINE, SIDE_EXIT_FROM, SIDE_EXITS, TERMINAL
from incidentflow.record.times import parse_moment
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.timestamps import NOT_BEFORE_DETECTION, TIMESTAMP_ORDER


@dataclass(frozen=True, slots=True)
class Transition:
    path: str
    before: str | None  # None: a new file
    after: str | None  # None: no readable status, or the file was deleted
    deleted: bool = False


def _refines(old: Any, new: Any, zone: tzinfo) -> bool:
    """A day made precise: the new value is a time within the old value's day."""
    before, after = parse_moment(old, zone), parse_moment(new, zone)
    return (
        before is not None
        and after is not None
        and before.is_day
        and not after.is_day
        and not after.before(before)
        and not before.before(after)
    )


def transition_findings(
    base: Mapping[str, Any], head: ValidatedIncident, zone: tzinfo = UTC
) -> Iterator[Finding]:
    """GT0xx: identity, status moves and recorded history between two versions of a file."""
    data = head.data
    for key, code in (("id", "GT010"), ("detected_at", "GT011")):
        if key in base and base.get(key) != data.get(key):
            if key == "detected_at" and _refines(base.get(key), data.get(key), zone):
                continue  # known to the day, now known to the minute: the same fact
            yield head.say(
                (key,), code, "changed", value=True, key=key, old=base.get(key), new=data.get(key)
            )
    if base and not is_filled(base.get("imported")) and is_filled(data.get("imported")):
        yield head.say(("imported",), "GT014", "became_imported")
    before, after = parse_status(base.get("status")), parse_status(data.get("status"))
    if before is not None and after is not None and before is not after:
        yield from _status_move(before, after, head)
    elif before is not None and after is None:
        # IF030 already fails the file; this names what the removal would do to the flow.
        yield head.say(("status",), "GT023", "removed", before=before)
    for path in (*TIMESTAMP_ORDER, *NOT_BEFORE_DETECTION, "mitigated_at"):
        if path == "detected_at":
            continue  # GT011 already covers any change to it
        old = parse_moment(lookup(base, path), zone)
        if old is None:
            continue
        new = parse_moment(lookup(data, path), zone)
        if new is None:
            yield head.say(tuple(path.split(".")), "GT012", "gone", path=path, old=old.text)
        elif new.before(old):
            yield head.say(
                tuple(path.split(".")),
                "GT013",
                "backwards",
                value=True,
                path=path,
                old=old.text,
                new=new.text,
            )


def _status_move(before: Status, after: Status, head: ValidatedIncident) -> Iterator[Finding]:
    where = ("status",)
    if before in TERMINAL:
        kind = "after_closed" if before is Status.CLOSED else "after_side_exit"
        yield head.say(where, "GT020", kind, value=True, before=before, after=after)
        return
    if after in SIDE_EXITS:
        if before not in SIDE_EXIT_FROM:
            yield head.say(where, "GT021", "too_late", value=True, before=before, after=after)
        return
    if MAIN_LINE.index(after) < MAIN_LINE.index(before):
        yield head.say(where, "GT022", "backwards", value=True, before=before, after=after)


def waivers(findings: list[Finding]) -> list[Finding]:
    """The findings an ``overrides`` entry waived; the gate lists each one, loudly."""
    return [
        f
        for f in findings
        if f.level is Level.NOTICE
        and (("wrap", "waived") in f.args or f.message.startswith("WAIVED"))
    ]
