"""How `incident check` shows its run: the job summary and the plain-text log."""

from __future__ import annotations

from incidentflow.cli.output import markdown_findings_table, one_line, render_text, summary_line
from incidentflow.gate.check import ChangedIncident, CheckRun
from incidentflow.rules.findings import Finding, Level
from incidentflow.words import Words, output_language
from incidentflow.words import check as said
from incidentflow.words.findings import message as localised
from incidentflow.words.states import status_word

MAX_ROWS = 200


def check_language(run: CheckRun) -> str:
    """``INCIDENTFLOW_LANG`` when set, else the language of the config in force."""
    return output_language(run.config.language if run.config is not None else None)


def _transition(incident: ChangedIncident, language: str, status: Words | None = None) -> str:
    """The incident's move in phase words with marks, or (``status``) as the log says it."""
    move = incident.transition

    def word(value: str | None) -> str:
        if value is None:
            return said.NO_STATUS(language)
        return status(language, status=value) if status else status_word(value, language)

    after = said.DELETED(language) if move.deleted else word(move.after)
    if move.before is None:
        return said.NEW(language, after=after)
    if move.before == move.after:
        return said.UNCHANGED(language, after=after)
    return said.MOVED(language, before=word(move.before), after=after)


def _tally(run: CheckRun, language: str) -> str:
    return summary_line(run.files, run.findings, language)


def _listed(found: Finding, language: str, label: str = "") -> str:
    """One line of the waivers, relaxations or accepted values: where, code, message."""
    where = f"`{one_line(found.path)}` " if not label else ""
    at = said.LINE(language, line=found.line)
    return f"- {where}{at}: {found.code}{label}: {one_line(localised(found, language))}"


def summary_markdown(run: CheckRun) -> str:
    """The job summary: one row per changed incident, each drawn with its charts, then
    waivers, relaxations, accepted values and findings, in the reader's language."""
    language = check_language(run)
    errors = sum(1 for f in run.findings if f.level is Level.ERROR)
    verdict = said.FAILED if errors else said.PASSED
    lines = [
        f"## {verdict(language)}",
        "",
        said.RANGE(language, base=run.base[:12], head=run.head[:12]) + _tally(run, language),
        "",
    ]
    if not run.incidents and any(f.code.startswith("CF") for f in run.findings):
        lines.append(said.BROKEN_CONFIG(language))
    elif not run.incidents:
        lines.append(said.NOTHING(language))
    else:
        lines += [said.INCIDENTS_TABLE(language), "|---|---|---|---|"]
        for incident in run.incidents:
            lines.append(
                f"| `{one_line(incident.path)}` | {_transition(incident, language)} | "
                f"{incident.errors} | {len(incident.waived)} |"
            )
    lines += _incident_pages(run, language)
    waived = [f for i in run.incidents for f in i.waived]
    if waived:
        lines += ["", said.WAIVERS(language), ""]
        lines += [_listed(f, language) for f in waived]
    relaxed = [f for f in run.findings if f.code in ("GT040", "GT041")]
    if relaxed:
        lines += ["", said.RELAXATIONS(language), ""]
        lines += [
            _listed(
                f, language, (said.APPROVED if f.code == "GT041" else said.NOT_APPROVED)(language)
            )
            for f in relaxed
        ]
    allowed = [f for f in run.findings if f.level is Level.NOTICE and f.code.startswith("PD")]
    if allowed:
        lines += ["", said.ALLOWED(language), ""]
        lines += [_listed(f, language) for f in allowed]
    problems = [f for f in run.findings if f.level is not Level.NOTICE]
    if problems:
        lines += [
            "",
            said.FINDINGS(language),
            "",
            markdown_findings_table(problems, MAX_ROWS, language=language),
        ]
    return "\n".join(lines) + "\n"


# A job summary holds at most 1 MiB; pages past this many incidents are left to the log.
MAX_PAGES = 10


def _incident_pages(run: CheckRun, language: str) -> list[str]:
    """Each changed incident's phases and deadlines as a chart, its clocks with time left or
    late, and its teams' checklists, in the incident's language."""
    from incidentflow.commands.checklist_progress import checklist_progress, open_tracker
    from incidentflow.commands.status_markdown import repository_url
    from incidentflow.config import now
    from incidentflow.reports.incident_page import incident_page

    drawn = [incident for incident in run.incidents if incident.data]
    if run.config is None or not drawn:
        return []
    moment = now.local(run.config)
    tracker = open_tracker()
    lines: list[str] = []
    for incident in drawn[:MAX_PAGES]:
        page = incident_page(
            incident.data,
            incident.clock_states,
            run.config,
            moment,
            repository_url=repository_url(),
            heading="###",
            progress=checklist_progress(incident.data, tracker),
        )
        lines += ["", page.rstrip()]
    if len(drawn) > MAX_PAGES:
        lines += ["", said.MORE_INCIDENTS(language, count=len(drawn) - MAX_PAGES)]
    return lines


def render_check_text(run: CheckRun) -> str:
    """The text log: each finding in the reader's language, the tally, then each changed
    incident's move and the waivers honoured in it."""
    language = check_language(run)
    lines = [render_text(run.files, run.findings, language)]
    for incident in run.incidents:
        lines.append(f"  {incident.path}: {_transition(incident, language, said.LOG_STATUS)}")
        lines += [
            "  " + said.LOG_WAIVER(language, code=w.code, line=w.line) for w in incident.waived
        ]
    return "\n".join(lines)
