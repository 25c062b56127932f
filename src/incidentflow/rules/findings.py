"""Findings: what every check returns instead of printing or raising."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file, with a 1-based position where one exists.

    ``message`` always says what to do about the problem, not only what is wrong.
    """

    path: str
    line: int | None
    column: int | None
    code: str
    level: Level
    message: str
    # What the message catalogue (words/findings.py) needs to say it in either language:
    # the message's kind, its values, notes and wrapping. Not part of a finding's identity.
    args: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "level": self.level.value,
            "message": self.message,
        }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level is Level.ERROR for f in findings)


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    return (finding.path, finding.line or 0, finding.column or 0, finding.code)


def finding(
    path: str,
    line: int | None,
    column: int | None,
    code: str,
    level: Level,
    kind: str,
    /,
    **values: object,
) -> Finding:
    """A finding whose message is the catalogue's words for ``code`` and ``kind`` with these
    values (``words/findings.py``); ``message`` holds the English, the reader's language is
    rendered when it is shown."""
    from incidentflow.words.findings import render

    args = (("kind", kind), *((name, str(value)) for name, value in values.items()))
    return Finding(path, line, column, code, level, render(code, args, "en"), args)


def with_note(found: Finding, note: str, /, **values: object) -> Finding:
    """``found`` with a catalogued sentence after its message (``words.findings.NOTES``)."""
    from incidentflow.words.findings import render

    args = (*found.args, ("note", note), *((name, str(value)) for name, value in values.items()))
    return replace(found, message=render(found.code, args, "en"), args=args)


def wrapped(found: Finding, wrap: str) -> Finding:
    """``found`` seen in a particular light (``words.findings.WRAPPERS``)."""
    from incidentflow.words.findings import render

    args = (*found.args, ("wrap", wrap))
    return replace(found, message=render(found.code, args, "en"), args=args)
