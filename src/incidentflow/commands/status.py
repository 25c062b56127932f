"""``incident status``: where an incident stands and what its next phase needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentflow.cli.output import one_line
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


@dataclass(slots=True)
class IncidentStatus:
    incident_id: str | None
    path: str
    title: str | None
    status: str | None
    severity: str | None
    next_status: str | None
    missing: list[str]
    missing_lines: list[int | None]
    findings: list[Finding]
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
    result: ValidatedIncident, repository: Repository, *, with_lines: bool = False
) -> IncidentStatus:
    """Where the incident stands; ``with_lines`` adds where each missing item goes."""
    data = result.data
    status = result.status
    upcoming = next_status(status) if status is not None else None
    missing: list[str] = []
    lines: list[int | None] = []
    if upcoming is not None:
        for _, _, loc in unmet_fields(data, upcoming, repository.config):
            missing.append(format_loc(loc))
            lines.append(_line_for(result, loc) if with_lines else None)
        sections = {section.key: section.line for section in result.sections()}
        for _, key in unfilled_sections(result, upcoming):
            missing.append(f"section: {SECTION_BY_KEY[key].en} / {SECTION_BY_KEY[key].ja}")
            lines.append(sections.get(key, result.document.body_line) if with_lines else None)
    config = repository.config
    lang = data.get("lang")
    language = lang if lang in ("ja", "en") else config.language
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
        clocks=clocks,
        clock_lines=[clock_line(state, moment, language) for state in result.clocks],
        notifications=log_rows(data, config.zone),
        language=language,
        imported=is_imported(data),
    )


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

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "incidents": [state.as_dict() for state in self.states],
            "findings": [finding.as_dict() for finding in self.findings],
        }


def run_status(repository: Repository, target: str | None) -> StatusRun:
    files, overview = select(repository, target)
    if not files:
        return StatusRun(0, [], [], overview)
    results, findings = validate_repository(repository, files)
    states = [describe(result, repository, with_lines=not overview) for result in results]
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


def render_one(state: IncidentStatus) -> str:
    status = parse_status(state.status)
    phase = f"{state.status} ({PHASES[status].ja} / {PHASES[status].en})" if status else "unknown"
    lines = [
        one_line(f"{state.incident_id or state.path}: {state.title or '(no title)'}"),
        f"  file:      {state.path}",
        f"  status:    {phase}",
        f"  severity:  {state.severity or '-'}",
    ]
    if state.next_status is not None:
        nxt = PHASES[Status(state.next_status)]
        if state.missing:
            lines.append(f"  next:      {state.next_status} ({nxt.ja}) needs:")
            for item, line in zip(state.missing, state.missing_lines, strict=True):
                where = f"  (line {line})" if line is not None else ""
                lines.append(f"    - {item}{where}")
        else:
            lines.append(f"  next:      {state.next_status} ({nxt.ja}): ready, nothing missing")
    elif status in TERMINAL:
        lines.append("  next:      none (final)")
    if state.imported:
        lines.append("  imported:  yes (a past incident written from its sources)")
    if state.clock_lines:
        lines.append("  clocks:")
        lines.extend(f"    - {one_line(line)}" for line in state.clock_lines)
    if state.notifications:
        lines.append("  notified:")
        lines.extend(
            f"    - {one_line(log_line(row, state.language))}" for row in state.notifications
        )
    errors = [f for f in state.findings if f.level is Level.ERROR]
    if errors:
        lines.append(f"  problems:  {len(errors)} (run `incident validate {state.path}`)")
        lines.extend(f"    - line {f.line}: {f.code} {one_line(f.message)}" for f in errors[:5])
    return "\n".join(lines)


def render_overview(states: list[IncidentStatus]) -> str:
    if not states:
        return "No incidents yet. Declare one with `incident new TITLE`."
    header = ("ID", "STATUS", "SEV", "NEXT NEEDS", "CLOCKS", "TITLE")
    rows = [header]
    for state in states:
        running = [c for c in state.clocks if c["state"] in ("running", "overdue")]
        overdue = sum(1 for c in running if c["state"] == "overdue")
        clocks = f"{len(running)} ({overdue} overdue)" if running else "-"
        needs = str(len(state.missing)) if state.next_status else "-"
        errors = sum(1 for f in state.findings if f.level is Level.ERROR)
        status = (state.status or "?") + (f" !{errors}" if errors else "")
        rows.append(
            (
                one_line(state.incident_id or state.path),
                status,
                one_line(state.severity or "-"),
                needs,
                clocks,
                one_line(state.title or ""),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    table = "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True))
        + "  "
        + row[-1]
        for row in rows
    )
    legend = (
        "Most urgent first. STATUS !N: N errors (`incident validate`); NEXT NEEDS: fields and "
        "sections missing for the next phase (`incident status ID`); CLOCKS: running (overdue)."
    )
    return f"{table}\n\n{legend}"


def render_status(run: StatusRun) -> str:
    from incidentflow.cli.output import render_text

    if run.overview:
        text = render_overview(run.states)
    else:
        text = "\n\n".join(render_one(state) for state in run.states)
    shown = {state.path for state in run.states}
    broken = [finding for finding in run.findings if finding.path not in shown]
    if broken:
        text += "\n\nFiles that cannot be read:\n" + render_text(run.files, broken)
    return text
