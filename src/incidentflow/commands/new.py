"""``incident new``: a new incident file from the template, written atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from incidentflow.config import now
from incidentflow.config.settings import Config
from incidentflow.config.workspace import Repository
from incidentflow.errors import IncidentflowError, UsageError
from incidentflow.privacy import scan_text
from incidentflow.record.templates import new_id, render_new
from incidentflow.record.times import Moment, TimeTextError, check_time_text, parse_moment
from incidentflow.rules.clocks import CLOCK_SKEW
from incidentflow.words import Words
from incidentflow.words import errors as say
from incidentflow.words.findings_gate import personal_data_kind

ATTEMPTS = 20


class IncidentExistsError(IncidentflowError):
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


class NewUsageError(UsageError):
    """An option of `incident new` is unusable; ``option`` names it."""


@dataclass(frozen=True, slots=True)
class NewIncidentRequest:
    """What `incident new` was asked for, checked before anything is written."""

    title: str
    severity: str
    source: str
    reported_by: str
    lang: str
    detected_at: Moment | None
    slug: str | None

    def render(self, incident_id: str, detected_at: str) -> str:
        """The new incident file from the template, with this request's answers."""
        return render_new(
            incident_id=incident_id,
            title=self.title,
            severity=self.severity,
            source=self.source,
            reported_by=self.reported_by,
            detected_at=detected_at,
            lang=self.lang,
        )

    @classmethod
    def checked(
        cls,
        config: Config,
        *,
        title: str,
        severity: str | None,
        source: str,
        reported_by: str,
        lang: str | None,
        detected_at: str | None,
        slug: str | None,
    ) -> NewIncidentRequest:
        if not title.strip():
            raise NewUsageError(say.TITLE_EMPTY, "TITLE")
        for text, option in ((title, "TITLE"), (slug or "", "--slug")):
            _refuse_personal_data(text, option, config)
        # The second severity is the usual default: the first is kept for the worst cases.
        chosen = severity or config.severity_keys[min(1, len(config.severity_keys) - 1)]
        if chosen not in config.severity_keys:
            choices = ", ".join(config.severity_keys)
            raise NewUsageError(say.SEVERITY_UNKNOWN, "--severity", chosen=chosen, choices=choices)
        return cls(
            title=title.strip(),
            severity=chosen,
            source=source,
            reported_by=reported_by,
            lang=lang or config.language,
            detected_at=_moment(detected_at, config),
            slug=slug,
        )


def _refuse_personal_data(text: str, option: str, config: Config) -> None:
    hits = scan_text(text, allowed_email_domains=config.privacy.allowed_email_domains)
    if hits:
        found = Words(
            en=", ".join(_named(hit.kind, hit.redacted, "en") for hit in hits),
            ja="、".join(_named(hit.kind, hit.redacted, "ja") for hit in hits),
        )
        raise NewUsageError(say.PERSONAL_DATA_IN_TEXT, option, found=found)


def _named(kind: str, redacted: str, language: str) -> str:
    """'email a***@example.com' / 'メールアドレス a***@example.com': a hit, never its value."""
    return f"{personal_data_kind(kind, language)} {redacted}"


def _moment(text: str | None, config: Config) -> Moment | None:
    """The detection time as given (its zone kept), or a day when only the day is known."""
    if text is None:
        return None
    try:
        checked = check_time_text(text)
    except TimeTextError as error:
        hint = say.DETECTED_AT_NO_ZONE if error.kind == "no_zone" else say.DETECTED_AT_INVALID
        raise NewUsageError(hint, "--detected-at") from error
    moment = parse_moment(checked, config.zone)
    if moment is None:
        raise NewUsageError(say.DETECTED_AT_UNREADABLE, "--detected-at")
    if moment.after(now.current() + CLOCK_SKEW):
        raise NewUsageError(say.DETECTED_AT_FUTURE, "--detected-at")
    return moment


def create_incident(repository: Repository, request: NewIncidentRequest) -> NewIncident:
    config = repository.config
    given = request.detected_at
    if given is None:
        exact = now.current().astimezone(config.zone).replace(microsecond=0)
        written = exact.isoformat(timespec="seconds")
        local = exact
    else:
        # Written as given; the ID and the year folder use the configured zone's wall clock
        # (a day alone: that day, at 00:00).
        written = given.text
        local = (
            datetime.combine(given.day, time(), config.zone)
            if given.day is not None
            else given.earliest.astimezone(config.zone)
        )
    for _ in range(ATTEMPTS):
        incident_id = new_id(config.id_prefix, local, request.slug or request.title)
        target = repository.incidents_dir / str(local.year) / f"{incident_id}.md"
        text = request.render(incident_id, written)
        if write_new_file(target, text):
            return NewIncident(incident_id, target)
    raise IncidentExistsError(say.NO_FREE_ID)
