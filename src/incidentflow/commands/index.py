"""``incident index [--check]``: write, or check, the incident index (incidents/README.md)."""

from __future__ import annotations

from pathlib import Path

from incidentflow.config.workspace import Repository
from incidentflow.record.atomic import write_text_atomic
from incidentflow.reports.index import IndexEntry, render_index
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.rules.run import validate_repository

INDEX_NAME = "README.md"


def index_path(repository: Repository) -> Path:
    return repository.incidents_dir / INDEX_NAME


def expected_index(repository: Repository) -> str:
    """The index the incident files call for, whatever their findings (a broken file is
    listed with what can be read of it; `incident validate` reports the rest). It is written
    in the config's language whatever ``INCIDENTFLOW_LANG`` says: it is a file in the
    repository, the same for every reader, and ``--check`` compares it."""
    results, _ = validate_repository(repository)
    folder = repository.incidents_dir.resolve()
    entries = []
    for result in results:
        shown = Path(result.document.path)
        file = shown if shown.is_absolute() else repository.root / shown
        try:
            relative = file.resolve().relative_to(folder).as_posix()
        except ValueError:
            relative = Path(result.document.path).name
        entries.append(IndexEntry(relative, result.data))
    return render_index(entries, repository.config)


def write_index(repository: Repository) -> bool:
    """Write the index; False when it was already current (the file is left untouched)."""
    target = index_path(repository)
    text = expected_index(repository)
    if target.exists() and target.read_bytes() == text.encode("utf-8"):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, text)
    return True


def check_index(repository: Repository) -> Finding | None:
    target = index_path(repository)
    display = repository.display(target)
    expected = expected_index(repository)
    try:
        actual = target.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        actual = None
    if actual == expected:
        return None
    if actual is None:
        return finding(display, None, None, "SC002", Level.ERROR, "missing")
    old, new = actual.splitlines(), expected.splitlines()
    line = next(
        (n for n, (a, b) in enumerate(zip(old, new, strict=False), start=1) if a != b),
        min(len(old), len(new)) + 1,
    )
    return finding(display, line, 1, "SC002", Level.ERROR, "stale")
