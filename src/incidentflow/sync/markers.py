"""Hidden markers: how a managed issue says which incident and team (or item) it belongs to.

A managed issue's body starts with one HTML comment naming its key, and its generated part ends
with another that records what the sync generated last (status, labels, assignees), so the
next run can tell its own changes from people's. Markers are trusted only on the *first line*
of an issue the sync's own account wrote, and text taken from incident files is sanitised so
that it never contains ``<!--``: a file cannot forge a marker or move the end of the
generated part. The same sanitising quietens mentions and issue references
(``forge.mentions``): a file cannot make the sync's account notify people or link issues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from incidentflow.forge.mentions import quieten
from incidentflow.record.model import ID_PATTERN
from incidentflow.words.phrase import Phrase, say
from incidentflow.words.sync import SUBJECTS

CHECKLIST = "checklist"
PREVENTION = "prevention"
_PREFIX = "<!-- incidentflow:"
_ITEM = r"[A-Za-z0-9][A-Za-z0-9_-]*"
_KEY_LINE = re.compile(
    rf"^<!-- incidentflow:({CHECKLIST}|{PREVENTION}) ({ID_PATTERN[1:-1]}) ({_ITEM}) -->\s*$"
)
_PHASE_LINE = re.compile(rf"^<!-- incidentflow:phase ({ID_PATTERN[1:-1]}) ({_ITEM}) ([a-z_]+) -->")
_END_LINE = re.compile(r"^<!-- incidentflow:end((?: [a-z]+=[^ ]*)*) -->\s*$")
_TASK_ITEM = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[([ xX])\]", re.MULTILINE)


@dataclass(frozen=True, slots=True, order=True)
class IssueKey:
    """One managed issue per key: a team's checklist, or a prevention item's tracking issue."""

    kind: str
    incident_id: str
    item: str  # the team key, or the prevention item's id

    @property
    def marker(self) -> str:
        return f"{_PREFIX}{self.kind} {self.incident_id} {self.item} -->"

    def describe(self) -> str:
        return f"{self.incident_id} {self.item} {self.kind}"

    def subject(self) -> Phrase:
        """The key as people read it: 'INC-… legal checklist' / 'INC-… legal のチェックリスト'."""
        words = SUBJECTS["checklist" if self.kind == CHECKLIST else "prevention"]
        return say(words, incident=self.incident_id, item=self.item)


def parse_key(body: str) -> IssueKey | None:
    """The key in a body's first line, or None when the body is not a managed issue."""
    first = body.split("\n", 1)[0].rstrip("\r")
    found = _KEY_LINE.match(first)
    return IssueKey(found.group(1), found.group(2), found.group(3)) if found else None


@dataclass(frozen=True, slots=True)
class GeneratedState:
    """What the sync generated last, kept in the end marker of an issue's generated part."""

    status: str
    labels: tuple[str, ...] = ()
    assignees: tuple[str, ...] = ()

    @property
    def end_marker(self) -> str:
        def joined(values: tuple[str, ...]) -> str:
            return ",".join(quote(value, safe="") for value in values)

        return (
            f"{_PREFIX}end status={quote(self.status, safe='')} "
            f"labels={joined(self.labels)} assignees={joined(self.assignees)} -->"
        )


def parse_end_marker(line: str) -> GeneratedState | None:
    found = _END_LINE.match(line.rstrip("\r"))
    if found is None:
        return None
    fields = dict(part.split("=", 1) for part in found.group(1).split())

    def split(name: str) -> tuple[str, ...]:
        return tuple(unquote(value) for value in fields.get(name, "").split(",") if value)

    return GeneratedState(unquote(fields.get("status", "")), split("labels"), split("assignees"))


@dataclass(frozen=True, slots=True)
class SplitBody:
    header: str  # first line through the end marker, without the final newline
    rest: str  # everything people own: what follows the end marker's line
    state: GeneratedState


def split_body(body: str) -> SplitBody | None:
    """The generated part and the part people own; None when the end marker is gone."""
    start = 0
    while True:
        end = body.find("\n", start)
        line = body[start:] if end < 0 else body[start:end]
        if start > 0 and line.startswith(f"{_PREFIX}end"):
            state = parse_end_marker(line)
            if state is not None:
                rest = "" if end < 0 else body[end + 1 :]
                return SplitBody(body[:start] + line.rstrip("\r"), rest, state)
        if end < 0:
            return None
        start = end + 1


def phase_marker(key: IssueKey, status: str) -> str:
    return f"{_PREFIX}phase {key.incident_id} {key.item} {status} -->"


def is_phase_comment(body: str, key: IssueKey, status: str) -> bool:
    found = _PHASE_LINE.match(body.split("\n", 1)[0])
    return found is not None and found.groups() == (key.incident_id, key.item, status)


def sanitise(text: str) -> str:
    """Incident text made safe for an issue: no HTML comments, no task-list boxes, no
    mentions and no issue references."""
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    cleaned = cleaned.replace("<!--", "&lt;!--")
    # A "- [ ]" line in a summary would count as a checklist item and hold the closure gate.
    return quieten(_TASK_ITEM.sub(r"\1\\[\2]", cleaned))


def one_line(text: str, limit: int) -> str:
    """Sanitised text on one line, cut at ``limit`` characters."""
    flat = " ".join(sanitise(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
