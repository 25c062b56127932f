"""Findings: what every check returns instead of printing or raising."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    # What the message catalogue (rules/messages.py) needs to say it in another language:
    # the message's kind and its values. Not part of a finding's identity.
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
