"""A declaration: what an issue form or an alert says, checked and cleaned, before any file.

``from_issue`` and ``from_alert`` read the two sources into one ``Declaration``; everything
outside text passed through ``text`` (cut, cleaned), and choices were matched against the
form's options or the config's severity map. ``personal_data_in`` runs the personal-data
guard over every value that would reach git or GitHub.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from incidentflow.config import now
from incidentflow.config.settings import Config
from incidentflow.declare import form
from incidentflow.declare.alert import alert_facts, dedup_hash
from incidentflow.declare.issue_body import match_choice, parse_form_body
from incidentflow.declare.text import block, one_line
from incidentflow.errors import UsageError
from incidentflow.privacy import scan_text
from incidentflow.rules.clocks import CLOCK_SKEW
from incidentflow.words.declare import ERRORS, FIELDS, FILE, NOT_A_DECLARATION, NOTES
from incidentflow.words.phrase import Phrase, Text, joined, say

TITLE_LIMIT = 200
OBSERVED_LIMIT = (8000, 200)  # characters, lines
AFFECTED_LIMIT = (2000, 50)
SHORT_LIMIT = 120
LINK_LIMIT = 500
ISSUE_TITLE_PREFIX = "[障害 / Incident]"


class NotADeclaration(Exception):
    """The input is not something to declare (another kind of issue, an outsider's issue)."""

    def __init__(self, reason: str, **values: object) -> None:
        self.phrase = say(NOT_A_DECLARATION[reason], **values)
        super().__init__(str(self.phrase))


@dataclass(frozen=True, slots=True)
class Declaration:
    key: str  # "issue-12" or "alert-<hash>": one branch and one pull request per key
    origin: str  # "issue" or "alert"
    title: str
    severity: str | None  # a config severity key; None: the usual default
    source: str  # a detection source
    reported_by: str
    detected_at: datetime
    personal_data: str | None  # the reporter's answer: yes, no, unknown (issues only)
    observed: str | None = None
    affected: str | None = None
    service: str | None = None
    link: str | None = None
    issue_number: int | None = None
    issue_url: str | None = None
    digest: str | None = None  # alerts: this very payload
    notes: tuple[Phrase, ...] = ()  # what was adjusted on the way in, for the pull request

    @property
    def urgent(self) -> bool:
        """Personal data might be involved: the reporter said yes or did not know."""
        return self.personal_data in ("yes", "unknown")


@dataclass(frozen=True, slots=True)
class PersonalDataFound:
    field: str  # the form's label, or the alert's fact
    kind: str
    redacted: Text


def _time(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _detected(moment: datetime | None, notes: list[Phrase], what: str) -> datetime:
    """``what``: which time it was (a key of ``words.declare.NOTES``)."""
    current = now.current()
    if moment is None:
        notes.append(say(NOTES["no_time"], what=say(NOTES[what])))
        return current
    if moment > current + CLOCK_SKEW:
        notes.append(say(NOTES["future_time"], what=say(NOTES[what])))
        return current
    return moment


# -- issues ----------------------------------------------------------------------------------


def from_issue(issue: Mapping[str, Any], config: Config) -> Declaration:
    settings = config.declare
    labels = {
        str(label.get("name") if isinstance(label, Mapping) else label)
        for label in issue.get("labels") or ()
    }
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise NotADeclaration("no_number")
    if issue.get("pull_request") is not None:
        raise NotADeclaration("pull_request", number=number)
    if settings.label not in labels:
        raise NotADeclaration("no_label", number=number, label=settings.label)
    association = str(issue.get("author_association") or "NONE")
    if association not in settings.issue_authors:
        allowed = ", ".join(settings.issue_authors)
        raise NotADeclaration("author", number=number, association=association, allowed=allowed)
    body = issue.get("body")
    answers = parse_form_body(body if isinstance(body, str) else "")
    if answers.empty:
        raise NotADeclaration("no_headings", number=number)
    notes: list[Phrase] = []
    raw_title = answers.get(form.TITLE) or str(issue.get("title") or "")
    raw_title = raw_title.strip().removeprefix(ISSUE_TITLE_PREFIX)
    title = one_line(raw_title, TITLE_LIMIT) or f"Issue #{number}"

    source = match_choice(answers.get(form.SOURCE), form.SOURCES)
    if source is None:
        notes.append(say(NOTES["source_other"]))
    severity = match_choice(answers.get(form.SEVERITY), form.severity_choices(config))
    if severity is None and answers.get(form.SEVERITY) is not None:
        notes.append(say(NOTES["severity_default"]))
    personal = match_choice(answers.get(form.PERSONAL_DATA), form.PERSONAL_DATA_CHOICES)
    if personal is None:
        notes.append(say(NOTES["personal_unknown"]))

    observed = affected = None
    if answers.get(form.OBSERVED):
        observed, cut = block(
            answers.get(form.OBSERVED) or "", chars=OBSERVED_LIMIT[0], lines=OBSERVED_LIMIT[1]
        )
        if cut:
            notes.append(say(NOTES["observed_long"]))
    if answers.get(form.AFFECTED):
        affected, cut = block(
            answers.get(form.AFFECTED) or "", chars=AFFECTED_LIMIT[0], lines=AFFECTED_LIMIT[1]
        )
        if cut:
            notes.append(say(NOTES["affected_long"]))
    author = issue.get("user")
    login = str(author.get("login")) if isinstance(author, Mapping) else ""
    url = issue.get("html_url")
    return Declaration(
        key=f"issue-{number}",
        origin="issue",
        title=title,
        # "Not sure" is the choice without a key: the usual default then.
        severity=(severity.key or None) if severity is not None else None,
        source=source.key if source is not None else "other",
        reported_by=one_line(f"{login or 'unknown'} (GitHub issue #{number})", SHORT_LIMIT),
        detected_at=_detected(_time(issue.get("created_at")), notes, "issue_created_at"),
        personal_data=personal.key if personal is not None else "unknown",
        observed=observed or None,
        affected=affected or None,
        issue_number=number,
        issue_url=_web_link(url),
        notes=tuple(notes),
    )


def _web_link(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) > LINK_LIMIT or not text.startswith(("https://", "http://")):
        return None
    if any(char.isspace() or ord(char) < 32 for char in text):
        return None
    return text


# -- alerts ----------------------------------------------------------------------------------


def from_alert(payload: Mapping[str, Any], config: Config) -> Declaration:
    mapping = config.declare.alert
    facts = alert_facts(payload, mapping)
    notes: list[Phrase] = []
    language = config.language
    service = one_line(facts.service, SHORT_LIMIT) if facts.service else None
    title = one_line(facts.title, TITLE_LIMIT) if facts.title else ""
    if not title:
        title = (
            FILE["alert_title"](language, service=service)
            if service
            else FILE["alert_no_title"](language)
        )
        notes.append(say(NOTES["alert_no_title"]))
    severity = _alert_severity(facts.severity, config, notes)
    link = _web_link(facts.link)
    if facts.link and link is None:
        notes.append(say(NOTES["alert_link"]))
    return Declaration(
        key=f"alert-{dedup_hash(facts.dedup_key)}",
        origin="alert",
        title=title,
        severity=severity,
        source="system_alert",
        reported_by=mapping.reported_by,
        detected_at=_detected(_time(facts.started_at), notes, "alert_started_at"),
        personal_data=None,
        service=service,
        link=link,
        digest=facts.digest,
        notes=tuple(notes),
    )


def _alert_severity(word: str | None, config: Config, notes: list[Phrase]) -> str | None:
    mapping = config.declare.alert
    keys = config.severity_keys
    wrong = [(f"severities.{k}", v) for k, v in mapping.severities.items() if v not in keys]
    if mapping.default_severity is not None and mapping.default_severity not in keys:
        wrong.append(("default_severity", mapping.default_severity))
    if wrong:
        where, value = wrong[0]
        raise UsageError(ERRORS["severity_mapping"], where=where, value=value, keys=", ".join(keys))
    default = mapping.default_severity
    if word is not None:
        by_word = {key.casefold(): value for key, value in mapping.severities.items()}
        found = by_word.get(word.strip().casefold())
        if found is not None:
            return found
        if word.strip() in config.severity_keys:
            return word.strip()
        notes.append(say(NOTES["alert_severity"]))
    return default


# -- the personal-data guard ---------------------------------------------------------------


def _scanned_values(declaration: Declaration) -> list[tuple[str, str]]:
    values = [
        (form.TITLE.label, declaration.title),
        (form.OBSERVED.label, declaration.observed or ""),
        (form.AFFECTED.label, declaration.affected or ""),
        ("reported by", declaration.reported_by),
        ("service", declaration.service or ""),
        ("link", declaration.link or ""),
    ]
    return [(name, value) for name, value in values if value]


def personal_data_in(declaration: Declaration, config: Config) -> list[PersonalDataFound]:
    privacy = config.privacy
    allowed = [entry.value for entry in privacy.allow]
    found: list[PersonalDataFound] = []
    for name, value in _scanned_values(declaration):
        for hit in scan_text(
            value,
            allowed_email_domains=privacy.allowed_email_domains,
            allowed_values=allowed,
        ):
            found.append(PersonalDataFound(name, hit.kind.replace("_", " "), hit.redacted))
    return found


def without_personal_data(declaration: Declaration, config: Config) -> Declaration:
    """The alert with every fact that holds personal data replaced by a note saying so.

    An alerting system cannot be asked to edit its alert, and an incident must not wait, so
    the declaration goes ahead without those facts.
    """
    found = {item.field for item in personal_data_in(declaration, config)}
    if not found:
        return declaration
    language = config.language
    removed = FILE["removed"](language)
    changes: dict[str, Any] = {}
    if form.TITLE.label in found:
        changes["title"] = FILE["alert_removed"](language, removed=removed)
    if "service" in found:
        changes["service"] = removed
    if "link" in found:
        changes["link"] = None
    if "reported by" in found:
        changes["reported_by"] = "alert"
    fields = joined((_fact(name) for name in sorted(found)), en=", ")
    notes = (*declaration.notes, say(NOTES["alert_personal"], fields=fields))
    return replace(declaration, **changes, notes=notes)


def _fact(name: str) -> Text:
    """A fact's name for a note: the title by its own name rather than the form's label."""
    known = FIELDS.get("title" if name == form.TITLE.label else name)
    return say(known) if known else name
