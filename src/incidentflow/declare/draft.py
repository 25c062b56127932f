"""The incident file of a declaration, written by the same code as ``incident new``.

``NewIncidentRequest.checked`` checks the title, severity and time as it does for
``incident new``; ``render_new`` writes the file. A declaration then adds what it knows: the
personal-data answer, the teams the config's personal-data rules bring in (so the sync
escalates as soon as the declaration merges), links to the issue or alert, and the reporter's
words, quoted in fences under Summary and Impact, with a first Timeline line.

The ID's random suffix is derived from the declaration's key instead, so a run repeated on
the same issue or alert names the same file.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from incidentflow.commands.new import NewIncidentRequest
from incidentflow.config.settings import Config
from incidentflow.declare.declaration import Declaration
from incidentflow.declare.form import PERSONAL_DATA_CHOICES, SOURCES, Choice
from incidentflow.declare.text import escape_markdown, fenced
from incidentflow.record.model import PersonalDataStatus
from incidentflow.record.sections import SECTION_BY_KEY
from incidentflow.record.templates import new_id
from incidentflow.words.declare import FILE

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class IncidentDraft:
    incident_id: str
    path: str  # relative to the repository root, with forward slashes
    text: str
    severity: str
    lang: str
    detected_at: str  # as written into the file: in the configured zone


def _suffix(seed: str) -> str:
    number = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "big")
    digits = []
    for _ in range(4):
        number, digit = divmod(number, 36)
        digits.append(_BASE36[digit])
    return "".join(digits)


def escalation_teams(config: Config, severity: str) -> list[str]:
    """The teams the config's rules require because personal data is suspected.

    Each rule is tried at the phase it applies from, once with personal data suspected and
    once with none: a rule that holds only with it is a personal-data rule.
    """
    teams: list[str] = []
    for rule in config.rules:
        base: dict[str, Any] = {"status": rule.applies_from.value, "severity": severity}
        suspected = {**base, "personal_data": {"status": PersonalDataStatus.SUSPECTED.value}}
        cleared = {**base, "personal_data": {"status": PersonalDataStatus.NONE.value}}
        if rule.when.holds(suspected) and not rule.when.holds(cleared):
            teams += [team for team in rule.require_stakeholders if team not in teams]
    return teams


def draft_incident(declaration: Declaration, config: Config) -> IncidentDraft:
    local = declaration.detected_at.astimezone(config.zone).replace(microsecond=0)
    written = local.isoformat(timespec="seconds")
    request = NewIncidentRequest.checked(
        config,
        title=declaration.title,
        severity=declaration.severity,
        source=declaration.source,
        reported_by=declaration.reported_by,
        lang=None,
        detected_at=written,
        slug=declaration.service if declaration.origin == "alert" else None,
    )
    slug = request.slug or request.title
    incident_id = new_id(config.id_prefix, local, slug)
    # new_id ends in a random four-character suffix; a declaration's is derived from its key.
    incident_id = incident_id[:-4] + _suffix(f"{declaration.key}\n{written}")
    text = request.render(incident_id, written)
    text = _amend_front_matter(text, declaration, config, request.severity)
    text = _add_notes(text, request.lang, _notes(declaration, request.lang, written))
    path = f"{config.incidents_dir}/{local.year}/{incident_id}.md"
    return IncidentDraft(incident_id, path, text, request.severity, request.lang, written)


def _amend_front_matter(text: str, declaration: Declaration, config: Config, severity: str) -> str:
    end = text.index("\n---\n", 4)
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.default_flow_style = False
    data: CommentedMap = yaml.load(text[4 : end + 1])
    if declaration.personal_data == "yes":
        data["personal_data"]["status"] = PersonalDataStatus.SUSPECTED.value
    position = list(data.keys()).index("detection")
    if declaration.urgent:
        teams = escalation_teams(config, severity)
        if teams:
            data.insert(position, "stakeholders", CommentedSeq(teams))
            position += 1
    links = []
    if declaration.issue_url:
        links.append(
            {"kind": "other", "url": declaration.issue_url, "title": f"#{declaration.issue_number}"}
        )
    if declaration.link:
        links.append({"kind": "other", "url": declaration.link, "title": "alert"})
    if links:
        data.insert(position, "links", links)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return f"---\n{stream.getvalue()}{text[end + 1 :]}"


def _label(choices: tuple[Choice, ...], key: str | None, lang: str) -> str:
    for choice in choices:
        if choice.key == key:
            ja, _, en = choice.label.partition(" / ")
            return ja if lang == "ja" else en
    return key or ""


def _notes(declaration: Declaration, lang: str, written: str) -> dict[str, str]:
    notes: dict[str, str] = {}
    if declaration.origin == "issue":
        number = declaration.issue_number
        event = FILE["declared_in_issue"](
            lang,
            number=number,
            source=_label(SOURCES, declaration.source, lang),
            personal=_label(PERSONAL_DATA_CHOICES, declaration.personal_data, lang),
        )
        if declaration.observed:
            heading = FILE["as_reported"](lang, number=number)
            notes["summary"] = f"{heading}\n\n{fenced(declaration.observed)}"
        if declaration.affected:
            heading = FILE["affected_as_reported"](lang)
            notes["impact"] = f"{heading}\n\n{fenced(declaration.affected)}"
    else:
        title = escape_markdown(declaration.title)
        event = FILE["alert_event"](lang, title=title)
        if declaration.service:
            service = escape_markdown(declaration.service)
            event = FILE["alert_event_service"](lang, title=title, service=service)
            notes["impact"] = FILE["service_alerting"](lang, service=service)
    notes["timeline"] = f"- {written} {event}"
    return notes


def _add_notes(text: str, lang: str, notes: dict[str, str]) -> str:
    """Each note after its section's guidance comment, as the template wrote them."""
    for key, note in notes.items():
        spec = SECTION_BY_KEY[key]
        heading = f"\n{'#' * spec.level} {spec.ja if lang == 'ja' else spec.en}\n\n<!-- "
        start = text.index(heading)
        end = text.index("-->\n", start) + len("-->\n")
        text = f"{text[:end]}\n{note}\n{text[end:]}"
    return text
