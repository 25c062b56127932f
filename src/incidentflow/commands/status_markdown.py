"""``incident status [ID] --format markdown``: each incident as a page with its charts."""

from __future__ import annotations

import os

from incidentflow.commands.checklist_progress import checklist_progress, open_tracker
from incidentflow.commands.status import describe, missing_items, select
from incidentflow.config import now
from incidentflow.config.workspace import Repository
from incidentflow.record.phases import next_status
from incidentflow.reports.incident_page import incident_page, language_of
from incidentflow.rules.run import validate_repository
from incidentflow.words import output_language


def repository_url() -> str | None:
    """The repository in a browser, from Actions' own variables, for links to issues."""
    name = os.environ.get("GITHUB_REPOSITORY", "").strip()
    if not name:
        return None
    server = os.environ.get("GITHUB_SERVER_URL", "").strip().rstrip("/") or "https://github.com"
    return f"{server}/{name}"


def render_status_markdown(repository: Repository, target: str | None) -> tuple[str, int]:
    """The pages of the selected incidents (all, most recent first, without ``target``) and
    how many files were looked at. Each page is in its incident's language, unless the
    reader chose one (``INCIDENTFLOW_LANG``)."""
    files, _ = select(repository, target)
    if not files:
        return "", 0
    results, _ = validate_repository(repository, files)
    moment = now.local(repository.config)
    url = repository_url()
    tracker = open_tracker()
    pages: list[str] = []
    ordered = sorted(results, key=lambda r: str(r.data.get("detected_at") or ""), reverse=True)
    for result in ordered:
        language = output_language(language_of(result.data, repository.config))
        state = describe(result, repository, with_lines=target is not None, language=language)
        upcoming = next_status(result.status) if result.status is not None else None
        pages.append(
            incident_page(
                result.data,
                result.clocks,
                repository.config,
                moment,
                missing=list(zip(missing_items(state), state.missing_lines, strict=True)),
                next_phase=upcoming.value if upcoming is not None else None,
                repository_url=url,
                progress=checklist_progress(result.data, tracker),
                language=language,
            )
        )
    return "\n".join(pages), len(files)
