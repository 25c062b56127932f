"""``incident index [--check]``: write, or check, the incident index (the config's
``index_file``, by default incidents/README.md)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from incidentflow.config.workspace import Repository
from incidentflow.record.atomic import write_text_atomic
from incidentflow.reports.index import (
    amend_index,
    index_entries,
    index_row,
    render_index,
    stale_index,
)
from incidentflow.rules.findings import Finding


def index_path(repository: Repository) -> Path | None:
    """Where the index goes; None when the config turns it off (``index_file: false``)."""
    relative = repository.config.index_path
    return repository.root / relative if relative is not None else None


def index_text(repository: Repository, also: Mapping[str, bytes] | None = None) -> str | None:
    """The index the incident files in the working tree call for, with ``also`` (path from the
    root -> contents: a drafted incident) among them; None when the config keeps no index.
    It is written in the config's language whatever ``INCIDENTFLOW_LANG`` says: it is a file
    in the repository, the same for every reader, and ``--check`` compares it."""
    relative = repository.config.index_path
    if relative is None:
        return None
    files = {
        file.relative_to(repository.root).as_posix(): file.read_bytes()
        for file in repository.incident_files()
    }
    files.update(also or {})
    return render_index(index_entries(files.items(), relative), repository.config)


def expected_index(repository: Repository) -> str:
    text = index_text(repository)
    assert text is not None, "no index in this config"
    return text


def write_index(repository: Repository) -> bool:
    """Write the index; False when it was already current (the file is left untouched)."""
    target = index_path(repository)
    assert target is not None, "no index in this config"
    text = expected_index(repository)
    if target.exists() and target.read_bytes() == text.encode("utf-8"):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, text)
    return True


def add_to_index(repository: Repository, file: Path) -> bool:
    """Put one new or edited incident file's row into the index already written, reading
    only that file (``incident new`` in a repository of thousands); the whole index is
    rewritten when the one there does not read back row by row. False when nothing changed."""
    target = index_path(repository)
    assert target is not None, "no index in this config"
    relative = repository.config.index_path
    assert relative is not None
    path = file.relative_to(repository.root).as_posix()
    (entry,) = index_entries([(path, file.read_bytes())], relative)
    try:
        current = target.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return write_index(repository)
    text = amend_index(
        current, {entry.path}, [index_row(entry, repository.config)], repository.config
    )
    if text is None:
        return write_index(repository)
    if text == current:
        return False
    write_text_atomic(target, text)
    return True


def check_index(repository: Repository) -> Finding | None:
    target = index_path(repository)
    assert target is not None, "no index in this config"
    try:
        actual: bytes | None = target.read_bytes()
    except OSError:
        actual = None
    return stale_index(repository.display(target), actual, expected_index(repository))
