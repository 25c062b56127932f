"""``incident new``: a new incident file from the template, written atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from incidentflow import clock
from incidentflow.repository import Repository
from incidentflow.templates import new_id, render_new

ATTEMPTS = 20


class IncidentExistsError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class NewIncident:
    incident_id: str
    path: Path


def write_new_file(target: Path, text: str) -> bool:
    """Create ``target`` with ``text`` atomically, never replacing an existing file.

    The text goes to a temporary file first and is linked into place: a reader never sees a
    half-written file, and a concurrent writer of the same name loses cleanly.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".incident-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600; an incident file is shared, so honour the umask like open().
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        try:
            os.link(temporary, target)
        except FileExistsError:
            return False
        return True
    finally:
        os.unlink(temporary)


def create_incident(
    repository: Repository,
    *,
    title: str,
    severity: str,
    source: str,
    reported_by: str,
    lang: str,
    detected_at: datetime | None = None,
    slug: str | None = None,
) -> NewIncident:
    config = repository.config
    moment = (detected_at or clock.now()).astimezone(config.zone).replace(microsecond=0)
    for _ in range(ATTEMPTS):
        incident_id = new_id(config.id_prefix, moment, slug or title)
        target = repository.incidents_dir / str(moment.year) / f"{incident_id}.md"
        text = render_new(
            incident_id=incident_id,
            title=title,
            severity=severity,
            source=source,
            reported_by=reported_by,
            detected_at=moment,
            lang=lang,
        )
        if write_new_file(target, text):
            return NewIncident(incident_id, target)
    raise IncidentExistsError("could not find a free incident ID; try again")
