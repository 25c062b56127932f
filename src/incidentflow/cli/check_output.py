"""How `incident check` shows its run: the job summary and the plain-text log."""

from __future__ import annotations

from incidentflow.cli.output import markdown_findings_table, render_text, summary_line
from incidentflow.gate.check import CheckRun
from incidentflow.rules.findings import Level


def summary_markdown(run: CheckRun) -> str:
    """The job summary: one row per changed incident, then clocks, waivers and findings."""
    errors = sum(1 for f in run.findings if f.level is Level.ERROR)
    verdict = "❌ incident check failed" if errors else "✅ incident check passed"
    lines = [
        f"## {verdict}",
        "",
        f"Base `{run.base[:12]}` → head `{run.head[:12]}`. "
        + summary_line(run.files, run.findings)
        + ".",
        "",
    ]
    if not run.incidents and any(f.code.startswith("CF") for f in run.findings):
        lines.append("incidentflow.yaml has errors, so no incident was checked: fix it first.")
    elif not run.incidents:
        lines.append("No incident files changed.")
    else:
        lines += ["| incident | status | errors | waivers |", "|---|---|---|---|"]
        for incident in run.incidents:
            lines.append(
                f"| `{incident.path}` | {incident.transition.label} | {incident.errors} | "
                f"{len(incident.waived)} |"
            )
    lines += _incident_pages(run)
    waived = [f for i in run.incidents for f in i.waived]
    if waived:
        lines += ["", "### ⚠️ Waivers honoured", ""]
        lines += [f"- `{f.path}` line {f.line}: {f.code}: {f.message}" for f in waived]
    relaxed = [f for f in run.findings if f.code in ("GT040", "GT041")]
    if relaxed:
        lines += ["", "### ⚠️ Config relaxations", ""]
        lines += [
            f"- line {f.line}: {f.code} ({'approved' if f.code == 'GT041' else 'not approved'})"
            f": {f.message}"
            for f in relaxed
        ]
    allowed = [f for f in run.findings if f.level is Level.NOTICE and f.code.startswith("PD")]
    if allowed:
        lines += ["", "### Personal-data exceptions honoured (allow entries)", ""]
        lines += [f"- `{f.path}` line {f.line}: {f.code}: {f.message}" for f in allowed]
    problems = [f for f in run.findings if f.level is not Level.NOTICE]
    if problems:
        lines += ["", "### Findings", "", markdown_findings_table(problems)]
    return "\n".join(lines) + "\n"


# A job summary holds at most 1 MiB; pages past this many incidents are left to the log.
MAX_PAGES = 10


def _incident_pages(run: CheckRun) -> list[str]:
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
        lines += ["", f"… and {len(drawn) - MAX_PAGES} more changed incidents (`incident status`)."]
    return lines


def render_check_text(run: CheckRun) -> str:
    lines = [render_text(run.files, run.findings)]
    for incident in run.incidents:
        lines.append(f"  {incident.path}: {incident.transition.label}")
        lines += [f"  WAIVER honoured: {w.code} at line {w.line}" for w in incident.waived]
    return "\n".join(lines)
