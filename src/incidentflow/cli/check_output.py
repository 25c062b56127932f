"""How `incident check` shows its run: the job summary and the plain-text log."""

from __future__ import annotations

from incidentflow.cli.output import one_line, render_text
from incidentflow.gate.check import ChangedIncident, CheckRun
from incidentflow.rules.findings import Finding, Level, sort_key
from incidentflow.words.findings import message as localised
from incidentflow.words.states import status_word

# The job summary's own words in the language of the config in force; the findings' messages
# come from the rules, in Japanese where the catalogue (rules/messages.py) has them.
SUMMARY_WORDS: dict[str, dict[str, str]] = {
    "ja": {
        "failed": "❌ incident check: 不合格",
        "passed": "✅ incident check: 合格",
        "range": "ベース `{base}` → ヘッド `{head}`。",
        "tally": "{files} ファイルを確認、エラー {errors} 件、警告 {warnings} 件",
        "notices": "、通知 {notices} 件",
        "broken_config": "incidentflow.yaml にエラーがあるため、インシデントは確認していません。"
        "先に直してください。",
        "nothing": "変更されたインシデントファイルはありません。",
        "table": "| インシデント | 状態 | エラー | 適用した例外 |",
        "new": "新規",
        "unchanged": "変更なし",
        "deleted": "削除",
        "waivers": "### ⚠️ 適用した例外（overrides）",
        "relaxations": "### ⚠️ 設定の緩和",
        "approved": "承認済み",
        "not_approved": "未承認",
        "allowed": "### 個人情報の例外として受け入れた値（allow）",
        "findings": "### 指摘事項",
        "findings_table": "| | ファイル | 行 | ルール | 対応 |",
        "more": "… ほか {count} 件はジョブのログにあります。",
        "line": "{line} 行目",
    },
    "en": {
        "failed": "❌ incident check failed",
        "passed": "✅ incident check passed",
        "range": "Base `{base}` → head `{head}`. ",
        "tally": "{files} {noun} checked, {errors} errors, {warnings} warnings",
        "notices": ", {notices} notices",
        "broken_config": "incidentflow.yaml has errors, so no incident was checked: fix it first.",
        "nothing": "No incident files changed.",
        "table": "| incident | status | errors | waivers |",
        "new": "new",
        "unchanged": "unchanged",
        "deleted": "deleted",
        "waivers": "### ⚠️ Waivers honoured",
        "relaxations": "### ⚠️ Config relaxations",
        "approved": "approved",
        "not_approved": "not approved",
        "allowed": "### Personal-data exceptions honoured (allow entries)",
        "findings": "### Findings",
        "findings_table": "| | file | line | rule | what to do |",
        "more": "… and {count} more in the job log.",
        "line": "line {line}",
    },
}
_ICONS = {Level.ERROR: "❌", Level.WARNING: "⚠️", Level.NOTICE: "ℹ️"}
MAX_ROWS = 200


def _status(value: str | None, words: dict[str, str], language: str) -> str:
    return status_word(value, language) if value else words["deleted"]


def _transition(incident: ChangedIncident, words: dict[str, str], language: str) -> str:
    move = incident.transition
    after = words["deleted"] if move.deleted else _status(move.after, words, language)
    if move.before is None:
        return f"{words['new']} → {after}"
    if move.before == move.after:
        return f"{after} ({words['unchanged']})"
    return f"{_status(move.before, words, language)} → {after}"


def _tally(run: CheckRun, words: dict[str, str]) -> str:
    errors = sum(1 for f in run.findings if f.level is Level.ERROR)
    warnings = sum(1 for f in run.findings if f.level is Level.WARNING)
    notices = sum(1 for f in run.findings if f.level is Level.NOTICE)
    noun = "file" if run.files == 1 else "files"
    text = words["tally"].format(files=run.files, noun=noun, errors=errors, warnings=warnings)
    return text + (words["notices"].format(notices=notices) if notices else "")


def _findings_table(findings: list[Finding], words: dict[str, str], language: str) -> str:
    rows = [words["findings_table"], "|---|---|---|---|---|"]
    for finding in sorted(findings, key=sort_key)[:MAX_ROWS]:
        message = one_line(localised(finding, language)).replace("|", "\\|")
        rows.append(
            f"| {_ICONS[finding.level]} | `{one_line(finding.path)}` | {finding.line or ''} | "
            f"{finding.code} | {message} |"
        )
    if len(findings) > MAX_ROWS:
        rows.append("\n" + words["more"].format(count=len(findings) - MAX_ROWS))
    return "\n".join(rows) + "\n"


def summary_markdown(run: CheckRun) -> str:
    """The job summary: one row per changed incident, each drawn with its charts, then
    waivers, relaxations, accepted values and findings, in the config's language."""
    language = run.config.language if run.config is not None else "en"
    words = SUMMARY_WORDS["ja" if language == "ja" else "en"]
    errors = sum(1 for f in run.findings if f.level is Level.ERROR)
    lines = [
        f"## {words['failed'] if errors else words['passed']}",
        "",
        words["range"].format(base=run.base[:12], head=run.head[:12]) + _tally(run, words),
        "",
    ]
    if not run.incidents and any(f.code.startswith("CF") for f in run.findings):
        lines.append(words["broken_config"])
    elif not run.incidents:
        lines.append(words["nothing"])
    else:
        lines += [words["table"], "|---|---|---|---|"]
        for incident in run.incidents:
            lines.append(
                f"| `{one_line(incident.path)}` | {_transition(incident, words, language)} | "
                f"{incident.errors} | {len(incident.waived)} |"
            )
    lines += _incident_pages(run)
    at = words["line"]
    waived = [f for i in run.incidents for f in i.waived]
    if waived:
        lines += ["", words["waivers"], ""]
        lines += [
            f"- `{one_line(f.path)}` {at.format(line=f.line)}: {f.code}: {one_line(f.message)}"
            for f in waived
        ]
    relaxed = [f for f in run.findings if f.code in ("GT040", "GT041")]
    if relaxed:
        lines += ["", words["relaxations"], ""]
        lines += [
            f"- {at.format(line=f.line)}: {f.code} "
            f"({words['approved'] if f.code == 'GT041' else words['not_approved']})"
            f": {one_line(f.message)}"
            for f in relaxed
        ]
    allowed = [f for f in run.findings if f.level is Level.NOTICE and f.code.startswith("PD")]
    if allowed:
        lines += ["", words["allowed"], ""]
        lines += [
            f"- `{one_line(f.path)}` {at.format(line=f.line)}: {f.code}: {one_line(f.message)}"
            for f in allowed
        ]
    problems = [f for f in run.findings if f.level is not Level.NOTICE]
    if problems:
        lines += ["", words["findings"], "", _findings_table(problems, words, language)]
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
