"""Rendering findings: plain text, JSON, and GitHub workflow commands with a job summary.

Only the CLI calls these; they return strings so that tests can read them directly.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from incidentflow.rules.findings import Finding, Level, sort_key

# GitHub shows at most 10 error and 10 warning annotations per step (50 per job); beyond
# that they are dropped silently, so we annotate the first ones and count the rest.
ANNOTATIONS_PER_LEVEL = 10
ANNOTATIONS_PER_JOB = 50
MAX_ANNOTATION_MESSAGE = 4000


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def default_format() -> OutputFormat:
    return OutputFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.TEXT


def resolve_format(value: str | None) -> OutputFormat:
    """The format asked for, else the default for where we run."""
    return OutputFormat(value) if value else default_format()


@dataclass(frozen=True, slots=True)
class Rendered:
    """What a reporter produced: the log text, and the job summary in GitHub Actions."""

    stdout: str
    summary: str | None = None

    def write_summary(self) -> None:
        if self.summary is not None:
            write_step_summary(self.summary)


@dataclass(frozen=True, slots=True)
class FindingsReport:
    files: int
    findings: Sequence[Finding]
    title: str
    extra: Mapping[str, object] = field(default_factory=dict)  # more keys for JSON
    summary: str | None = None  # a job summary of the command's own; default: the table


def _text_reporter(report: FindingsReport) -> Rendered:
    return Rendered(render_text(report.files, report.findings))


def _json_reporter(report: FindingsReport) -> Rendered:
    return Rendered(render_json(report.files, report.findings, **report.extra))


def _github_reporter(report: FindingsReport) -> Rendered:
    summary = report.summary or (
        f"## {report.title}\n\n{summary_line(report.files, report.findings)}\n\n"
        f"{markdown_findings_table(report.findings)}"
    )
    return Rendered(render_github(report.files, report.findings), summary)


# One reporter per output format: every command that reports findings goes through here.
REPORTERS: dict[OutputFormat, Callable[[FindingsReport], Rendered]] = {
    OutputFormat.TEXT: _text_reporter,
    OutputFormat.JSON: _json_reporter,
    OutputFormat.GITHUB: _github_reporter,
}


def render_findings(
    output_format: OutputFormat,
    files: int,
    findings: Sequence[Finding],
    *,
    title: str,
    extra: Mapping[str, object] | None = None,
    summary: str | None = None,
) -> Rendered:
    report = FindingsReport(files, findings, title, extra or {}, summary)
    return REPORTERS[output_format](report)


def counts(findings: Sequence[Finding]) -> dict[Level, int]:
    result = dict.fromkeys(Level, 0)
    for finding in findings:
        result[finding.level] += 1
    return result


def summary_line(files: int, findings: Sequence[Finding]) -> str:
    tally = counts(findings)
    noun = "file" if files == 1 else "files"
    parts = [
        f"{files} {noun} checked",
        f"{tally[Level.ERROR]} errors",
        f"{tally[Level.WARNING]} warnings",
    ]
    if tally[Level.NOTICE]:
        parts.append(f"{tally[Level.NOTICE]} notices")
    return ", ".join(parts)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\n]")


def one_line(text: str) -> str:
    """Text from incident files on one line: a newline or carriage return inside a value could
    otherwise start a forged line in the log (``::error …`` is a command in GitHub Actions)."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def render_text(files: int, findings: Sequence[Finding]) -> str:
    lines = []
    for finding in sorted(findings, key=sort_key):
        where = one_line(finding.path)
        if finding.line is not None:
            where += f":{finding.line}"
            if finding.column is not None:
                where += f":{finding.column}"
        lines.append(f"{where}: {finding.level.value} {finding.code} {one_line(finding.message)}")
    lines.append(summary_line(files, findings))
    return "\n".join(lines)


def render_json(files: int, findings: Sequence[Finding], **extra: object) -> str:
    payload: dict[str, object] = {
        "files": files,
        "findings": [finding.as_dict() for finding in sorted(findings, key=sort_key)],
    }
    payload.update(extra)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    command = {"error": "error", "warning": "warning", "notice": "notice"}[finding.level.value]
    properties = [f"file={_escape_property(finding.path)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_property(finding.code)}")
    message = finding.message[:MAX_ANNOTATION_MESSAGE]
    return f"::{command} {','.join(properties)}::{_escape_data(message)}"


def render_github(files: int, findings: Sequence[Finding]) -> str:
    """Annotations within GitHub's limits, then the plain log so that nothing is lost."""
    ordered = sorted(findings, key=sort_key)
    shown: list[Finding] = []
    per_level = dict.fromkeys(Level, 0)
    for finding in ordered:
        if len(shown) >= ANNOTATIONS_PER_JOB - 1:
            break
        if per_level[finding.level] < ANNOTATIONS_PER_LEVEL:
            per_level[finding.level] += 1
            shown.append(finding)
    lines = [annotation(finding) for finding in shown]
    hidden = len(ordered) - len(shown)
    if hidden:
        lines.append(
            f"::notice title=incidentflow::{hidden} more findings are not annotated "
            "(GitHub shows at most 10 per level); all of them are listed in the log and the "
            "job summary"
        )
    # The plain log follows with workflow commands switched off, so nothing in it can act as
    # one, whatever the files contain.
    import secrets  # only here: the module costs start-up time every other command skips

    token = secrets.token_hex(16)
    lines += [f"::stop-commands::{token}", render_text(files, findings), f"::{token}::"]
    return "\n".join(lines)


def markdown_findings_table(findings: Sequence[Finding], limit: int = 200) -> str:
    if not findings:
        return "No findings.\n"
    rows = ["| | file | line | rule | what to do |", "|---|---|---|---|---|"]
    icon = {Level.ERROR: "❌", Level.WARNING: "⚠️", Level.NOTICE: "ℹ️"}
    for finding in sorted(findings, key=sort_key)[:limit]:
        message = one_line(finding.message).replace("|", "\\|")
        rows.append(
            f"| {icon[finding.level]} | `{finding.path}` | {finding.line or ''} | "
            f"{finding.code} | {message} |"
        )
    if len(findings) > limit:
        rows.append(f"\n… and {len(findings) - limit} more in the job log.")
    return "\n".join(rows) + "\n"


def write_step_summary(markdown: str) -> bool:
    """Append to ``$GITHUB_STEP_SUMMARY`` when running in Actions; returns whether it did."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    with Path(target).open("a", encoding="utf-8") as handle:
        handle.write(markdown)
        if not markdown.endswith("\n"):
            handle.write("\n")
    return True
