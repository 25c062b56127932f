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
    clocks = [(i.path, c) for i in run.incidents for c in i.clocks]
    if clocks:
        lines += [
            "",
            "### Regulatory clocks",
            "",
            "| incident | clock | state | due | owner |",
            "|---|---|---|---|---|",
        ]
        for path, entry in clocks:
            lines.append(
                f"| `{path.rsplit('/', 1)[-1]}` | {entry['name']} | {entry['state']} | "
                f"{entry['due']} | {entry['stakeholder']} |"
            )
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


def render_check_text(run: CheckRun) -> str:
    lines = [render_text(run.files, run.findings)]
    for incident in run.incidents:
        lines.append(f"  {incident.path}: {incident.transition.label}")
        lines += [f"  WAIVER honoured: {w.code} at line {w.line}" for w in incident.waived]
    return "\n".join(lines)
