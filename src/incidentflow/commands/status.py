"""``incident status``: where an incident stands and what its next phase needs.

Printed in the reader's language (``INCIDENTFLOW_LANG``, else the config's), clocks and
notifications included; the words are in ``words/status.py``. An incident's page
(``--format markdown``) speaks the incident's own language, like its issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentflow.cli.output import display_width, finding_dict, one_line, pad, said
from incidentflow.config import now
from incidentflow.config.workspace import Repository
from incidentflow.record.model import Status, parse_status
from incidentflow.record.phases import PHASES, TERMINAL, next_status, rank
from incidentflow.record.positions import format_loc
from incidentflow.record.sections import SECTION_BY_KEY
from incidentflow.reports.notifications import LogRow, clock_line, log_line, log_rows
from incidentflow.rules.clocks import is_imported
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.phases import unfilled_sections, unmet_fields
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.run import validate_repository
from incidentflow.words import is_ja, output_language
from incidentflow.words import status as say


@dataclass(slots=True)
class IncidentStatus:
    incident_id: str | None
    path: str
    title: str | None
    status: str | None
    severity: str | None
    next_status: str | None
    missing: list[str]  # field paths, and "section: Timeline / タイムライン" (JSON's words)
    missing_lines: list[int | None]
    findings: list[Finding]
    missing_sections: list[str | None] = field(default_factory=list)  # the section's key
    clocks: list[dict[str, Any]] = field(default_factory=list)
    clock_lines: list[str] = field(default_factory=list)  # in the incident's language
    notifications: list[LogRow] = field(default_factory=list)
    language: str = "en"
    imported: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.incident_id,
            "path": self.path,
            "title": self.title,
            "status": self.status,
            "severity": self.severity,
            "next_status": self.next_status,
            "missing_for_next": self.missing,
            "missing_for_next_at": self.missing_lines,
            "errors": sum(1 for f in self.findings if f.level is Level.ERROR),
            "warnings": sum(1 for f in self.findings if f.level is Level.WARNING),
            "clocks": self.clocks,
            "notifications": [row.as_dict() for row in self.notifications],
            "imported": self.imported,
        }


def describe(
    result: ValidatedIncident,
    repository: Repository,
    *,
    with_lines: bool = False,
    language: str | None = None,
) -> IncidentStatus:
    """Where the incident stands; ``with_lines`` adds where each missing item goes. Its words
    are in ``language``, by default the incident's (``INCIDENTFLOW_LANG``, else its ``lang``,
    else the config's)."""
    data = result.data
    status = result.status
    upcoming = next_status(status) if status is not None else None
    missing: list[str] = []
    lines: list[int | None] = []
    section_keys: list[str | None] = []
    if upcoming is not None:
        for _, _, loc in unmet_fields(data, upcoming, repository.config):
            missing.append(format_loc(loc))
            lines.append(_line_for(result, loc) if with_lines else None)
            section_keys.append(None)
        sections = {section.key: section.line for section in result.sections()}
        for _, key in unfilled_sections(result, upcoming):
            missing.append(missing_section(key, "en"))
            lines.append(sections.get(key, result.document.body_line) if with_lines else None)
            section_keys.append(key)
    config = repository.config
    lang = data.get("lang")
    if language is None:
        language = output_language(lang if lang in ("ja", "en") else config.language)
    moment = now.current()
    clocks = [state.as_dict(moment, language) for state in result.clocks]
    return IncidentStatus(
        incident_id=data.get("id") if isinstance(data.get("id"), str) else None,
        path=result.document.path,
        title=data.get("title") if isinstance(data.get("title"), str) else None,
        status=status.value if status is not None else None,
        severity=data.get("severity") if isinstance(data.get("severity"), str) else None,
        next_status=upcoming.value if upcoming is not None else None,
        missing=missing,
        missing_lines=lines,
        findings=result.findings,
        missing_sections=section_keys,
        clocks=clocks,
        clock_lines=[clock_line(state, moment, language) for state in result.clocks],
        notifications=log_rows(data, config.zone),
        language=language,
        imported=is_imported(data),
    )


def missing_section(key: str, language: str) -> str:
    """A section the next phase needs: 'section: Timeline / タイムライン' in English (and
    JSON), 'セクション「タイムライン」' in Japanese."""
    section = SECTION_BY_KEY[key]
    return say.SECTION(language, en=section.en, ja=section.ja)


def missing_items(state: IncidentStatus) -> list[str]:
    """What the next phase needs, in the incident's language: field paths as they are typed,
    sections by their heading."""
    keys = state.missing_sections or [None] * len(state.missing)
    return [
        missing_section(key, state.language) if key is not None else item
        for item, key in zip(state.missing, keys, strict=True)
    ]


def _line_for(result: ValidatedIncident, loc: tuple[str | int, ...]) -> int:
    """The line to add a missing field at: its parent key, else the status line."""
    anchor = loc if loc[0] in result.data else ("status",)
    return result.positions().key_of(anchor).line


def select(repository: Repository, target: str | None) -> tuple[list[Path], bool]:
    """Files for ``target`` (an ID or a path), or every incident for the overview."""
    if target is None:
        return repository.incident_files(), True
    candidate = Path(target)
    if candidate.exists():
        return [candidate], False
    matches = [file for file in repository.incident_files() if file.stem == target]
    return matches, False


@dataclass(slots=True)
class StatusRun:
    files: int  # every file looked at, readable or not
    states: list[IncidentStatus]
    findings: list[Finding]
    overview: bool

    def as_dict(self, language: str = "en") -> dict[str, Any]:
        return {
            "files": self.files,
            "incidents": [state.as_dict() for state in self.states],
            "findings": [finding_dict(finding, language) for finding in self.findings],
        }


def run_status(repository: Repository, target: str | None, language: str = "en") -> StatusRun:
    """The incidents ``target`` names (all without it), described in ``language``."""
    files, overview = select(repository, target)
    if not files:
        return StatusRun(0, [], [], overview)
    results, findings = validate_repository(repository, files)
    states = [
        describe(result, repository, with_lines=not overview, language=language)
        for result in results
    ]
    known = {state.path for state in states}
    broken = [f for f in findings if f.path not in known]
    states.sort(key=_overview_order)
    return StatusRun(len(files), states, broken + [f for s in states for f in s.findings], overview)


def _overview_order(state: IncidentStatus) -> tuple[int, int, int, int, str]:
    """Most urgent first: open before final, overdue clocks, then problems, then phase."""
    status = parse_status(state.status)
    final = 1 if status in TERMINAL else 0
    overdue = sum(1 for c in state.clocks if c["state"] == "overdue")
    errors = sum(1 for f in state.findings if f.level is Level.ERROR)
    return (final, -overdue, -errors, -(rank(status) if status else 0), state.incident_id or "")


def _labelled(labels: dict[str, str], key: str, value: str = "") -> str:
    """'  status:    responding': the labels in one column, however wide their characters."""
    width = max(display_width(label) for label in labels.values()) + 2
    return f"  {pad(labels[key], width)}{value}".rstrip()


def render_one(state: IncidentStatus) -> str:
    language = state.language
    labels = {key: words(language) for key, words in say.LABELS.items()}
    status = parse_status(state.status)
    if status is not None:
        phase = say.PHASE(language, status=status.value, ja=PHASES[status].ja, en=PHASES[status].en)
    else:
        phase = say.UNKNOWN_PHASE(language)
    title = state.title or say.NO_TITLE(language)
    lines = [
        one_line(f"{state.incident_id or state.path}: {title}"),
        _labelled(labels, "file", state.path),
        _labelled(labels, "status", phase),
        _labelled(labels, "severity", state.severity or "-"),
    ]
    if state.next_status is not None:
        nxt = PHASES[Status(state.next_status)]
        values = {"status": state.next_status, "ja": nxt.ja}
        if state.missing:
            lines.append(_labelled(labels, "next", say.NEXT_NEEDS(language, **values)))
            for item, line in zip(missing_items(state), state.missing_lines, strict=True):
                where = say.AT_LINE(language, line=line) if line is not None else ""
                lines.append(f"    - {item}{where}")
        else:
            lines.append(_labelled(labels, "next", say.NEXT_READY(language, **values)))
    elif status in TERMINAL:
        lines.append(_labelled(labels, "next", say.FINAL(language)))
    if state.imported:
        lines.append(_labelled(labels, "imported", say.IMPORTED(language)))
    if state.clock_lines:
        lines.append(_labelled(labels, "clocks"))
        lines.extend(f"    - {one_line(line)}" for line in state.clock_lines)
    if state.notifications:
        lines.append(_labelled(labels, "notified"))
        lines.extend(f"    - {one_line(log_line(row, language))}" for row in state.notifications)
    errors = [f for f in state.findings if f.level is Level.ERROR]
    if errors:
        count = say.PROBLEMS(language, count=len(errors), path=state.path)
        lines.append(_labelled(labels, "problems", count))
        for f in errors[:5]:
            where = say.PROBLEM_AT(language, line=f.line) if f.line is not None else ""
            lines.append(f"    - {where}{f.code} {one_line(said(f, language))}")
    return "\n".join(lines)


def _overview_status(state: IncidentStatus, language: str) -> str:
    """'responding !2' / '障害対応 !2': the phase, and how many errors its file has."""
    status = parse_status(state.status)
    errors = sum(1 for f in state.findings if f.level is Level.ERROR)
    shown = state.status or "?"
    if status is not None and is_ja(language):
        shown = PHASES[status].ja
    return shown + (f" !{errors}" if errors else "")


def render_overview(states: list[IncidentStatus], language: str = "en") -> str:
    if not states:
        return say.NO_INCIDENTS(language)
    header = say.COLUMNS["ja" if is_ja(language) else "en"]
    rows = [header]
    for state in states:
        running = [c for c in state.clocks if c["state"] in ("running", "overdue")]
        overdue = sum(1 for c in running if c["state"] == "overdue")
        clocks = (
            say.CLOCKS_RUNNING(language, running=len(running), overdue=overdue) if running else "-"
        )
        needs = str(len(state.missing)) if state.next_status else "-"
        rows.append(
            (
                one_line(state.incident_id or state.path),
                _overview_status(state, language),
                one_line(state.severity or "-"),
                needs,
                clocks,
                one_line(state.title or ""),
            )
        )
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header) - 1)]
    table = "\n".join(
        "  ".join(pad(cell, width) for cell, width in zip(row[:-1], widths, strict=True))
        + "  "
        + row[-1]
        for row in rows
    )
    return f"{table}\n\n{say.LEGEND(language)}"


def render_status(run: StatusRun, language: str = "en") -> str:
    """The overview, or each incident, in ``language`` (that of ``run_status``)."""
    from incidentflow.cli.output import render_text

    if run.overview:
        text = render_overview(run.states, language)
    else:
        text = "\n\n".join(render_one(state) for state in run.states)
    shown = {state.path for state in run.states}
    broken = [finding for finding in run.findings if finding.path not in shown]
    if broken:
        unread = f"{say.CANNOT_READ(language)}\n" + render_text(run.files, broken, language)
        text = f"{text}\n\n{unread}" if text else unread
    return text
