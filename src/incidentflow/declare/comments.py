"""What a declaration writes on GitHub: the pull request, and comments on the issue.

Each text starts with its hidden marker (``declare.markers``) and is written in the
repository's language; the words are in ``words/declare.py``. Everything that came from the
reporter or the alerting system is escaped for Markdown and quietened (``forge.mentions``):
it reads as written but mentions nobody, links no issue and closes nothing. The reporter's
longer text is not repeated here: it is in the file, which the pull request shows.
"""

from __future__ import annotations

from incidentflow.declare.declaration import Declaration, PersonalDataFound
from incidentflow.declare.draft import IncidentDraft
from incidentflow.declare.markers import (
    DeclarationMarker,
    declared_marker,
    refusal_digest,
    refused_marker,
    repeat_marker,
)
from incidentflow.declare.text import escape_markdown, one_line
from incidentflow.forge.mentions import quieten
from incidentflow.words import is_ja
from incidentflow.words.declare import (
    COMMENTS,
    FIELDS,
    PERSONAL_ANSWERS,
    PULL,
)
from incidentflow.words.findings_gate import personal_data_kind
from incidentflow.words.phrase import render

PULL_TITLE_LIMIT = 200


def outside(text: str) -> str:
    """Text from the reporter or the alert, for a GitHub Markdown body."""
    return quieten(escape_markdown(text))


def pull_title(declaration: Declaration, draft: IncidentDraft, language: str) -> str:
    title = quieten(one_line(declaration.title, PULL_TITLE_LIMIT))
    return PULL["title"](language, incident=draft.incident_id, title=title)


def pull_body(
    declaration: Declaration,
    draft: IncidentDraft,
    marker: DeclarationMarker,
    teams: list[str],
    language: str,
) -> str:
    answer = PERSONAL_ANSWERS.get(declaration.personal_data or "")
    personal = answer(language) if answer else "-"
    if declaration.origin == "issue":
        origin = f"#{declaration.issue_number}"
    else:
        origin = PULL["alert_origin"](language)
        if declaration.service:
            service = outside(declaration.service)
            origin = PULL["alert_service"](language, origin=origin, service=service)
    rows = [
        ("title_row", outside(declaration.title)),
        ("severity_row", f"`{draft.severity}`"),
        ("detected_row", draft.detected_at),
        ("source_row", f"`{declaration.source}`"),
        ("personal_row", personal),
        ("origin_row", origin),
        ("file_row", f"`{draft.path}`"),
    ]
    if declaration.link:
        rows.append(("link_row", f"<{declaration.link}>"))
    table = "\n".join(f"| {PULL[name](language)} | {value} |" for name, value in rows)
    parts = [
        marker.render(),
        PULL["heading"](language, incident=draft.incident_id),
        f"| | |\n|---|---|\n{table}",
    ]
    if declaration.urgent:
        parts.append(PULL["urgent"](language, teams=", ".join(teams) or "-"))
    parts.append(PULL["next_steps"](language, incident=draft.incident_id))
    if declaration.notes:
        notes = "\n".join(f"- {render(note, language)}" for note in declaration.notes)
        summary = PULL["adjusted"](language)
        parts.append(f"<details><summary>{summary}</summary>\n\n{notes}\n\n</details>")
    return "\n\n".join(parts) + "\n"


def declared_comment(
    declaration: Declaration, draft_id: str, pull_number: int, pull_url: str, language: str
) -> str:
    lines = [
        declared_marker(declaration.key),
        COMMENTS["declared"](language, incident=draft_id, pull=pull_number),
    ]
    if declaration.urgent:
        lines.append(COMMENTS["declared_urgent"](language))
    lines.append(f"\n{pull_url}")
    return "\n".join(lines) + "\n"


def field_name(field: str, language: str) -> str:
    """A form field's label in one language ('件名 / Title' → '件名'), or a fact's name."""
    if " / " in field:
        ja, _, en = field.partition(" / ")
        return ja if is_ja(language) else en
    known = FIELDS.get(field)
    return known(language) if known else field


def kind_name(kind: str, language: str) -> str:
    """A kind as recorded in the markers ('card number') in the reader's words."""
    return personal_data_kind(kind.replace(" ", "_"), language)


def refused_comment(declaration: Declaration, found: list[PersonalDataFound], language: str) -> str:
    items = "\n".join(
        COMMENTS["refused_item"](
            language,
            field=field_name(item.field, language),
            kind=quieten(kind_name(item.kind, language)),
            redacted=quieten(render(item.redacted, language)),
        )
        for item in found
    )
    marker = refused_marker(declaration.key, refusal_digest(found))
    return f"{marker}\n{COMMENTS['refused'](language, items=items)}"


def repeat_comment(digest: str, line: str, merged: bool, language: str) -> str:
    where = COMMENTS["repeat_merged" if merged else "repeat_added"](language)
    text = COMMENTS["repeat"](language, line=quieten(line), where=where)
    return f"{repeat_marker(digest)}\n{text}"
