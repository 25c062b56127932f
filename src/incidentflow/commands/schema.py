"""``incident schema``: write the JSON Schema, or check that it matches the models."""

from __future__ import annotations

from pathlib import Path

from incidentflow.config.workspace import Repository
from incidentflow.record.atomic import write_text_atomic
from incidentflow.record.json_schema import render_schema
from incidentflow.rules.findings import Finding, Level, finding


def write_schema(repository: Repository, target: Path) -> bool:
    text = render_schema(repository.config)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    write_text_atomic(target, text)
    return True


def check_schema(repository: Repository, target: Path) -> Finding | None:
    expected = render_schema(repository.config)
    display = repository.display(target)
    if not target.exists():
        return finding(display, None, None, "SC001", Level.ERROR, "missing")
    actual = target.read_text(encoding="utf-8")
    if actual == expected:
        return None
    line = next(
        (
            number
            for number, (a, b) in enumerate(
                zip(actual.splitlines(), expected.splitlines(), strict=False), start=1
            )
            if a != b
        ),
        min(len(actual.splitlines()), len(expected.splitlines())) + 1,
    )
    return finding(display, line, 1, "SC001", Level.ERROR, "stale")
