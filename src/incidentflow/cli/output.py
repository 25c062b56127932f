"""Rendering findings: plain text, JSON, and GitHub workflow commands with a job summary.

Only the CLI calls these; they return strings so that tests can read them directly. Each
takes the reader's ``language``: the findings' messages come from the message catalogue
(``words.findings.message``) and the words around them from ``words/output.py``. In JSON,
``message`` is in that language and, when it is not English, ``message_en`` holds the English
too, so tools that match messages read the same field in every repository.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from incidentflow.rules.findings import Finding, Level, sort_key
from incidentflow.words import is_ja
from incidentflow.words import output as say

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
    language: str = "en"


def _text_reporter(report: FindingsReport) -> Rendered:
    return Rendered(render_text(report.files, report.findings, report.language))


def _json_reporter(report: FindingsReport) -> Rendered:
    return Rendered(
        render_json(report.files, report.findings, language=report.language, **report.extra)
    )


def _github_reporter(report: FindingsReport) -> Rendered:
    language = report.language
    summary = report.summary or (
        f"## {report.title}\n\n{summary_line(report.files, report.findings, language)}\n\n"
        f"{markdown_findings_table(report.findings, language=language)}"
    )
    return Rendered(render_github(report.files, report.findings, language), summary)


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
    language: str = "en",
) -> Rendered:
    report = FindingsReport(files, findings, title, extra or {}, summary, language)
    return REPORTERS[output_format](report)


def counts(findings: Sequence[Finding]) -> dict[Level, int]:
    result = dict.fromkeys(Level, 0)
    for finding in findings:
        result[finding.level] += 1
    return result


def summary_line(files: int, findings: Sequence[Finding], language: str = "en") -> str:
    tally = counts(findings)
    return say.counts_line(
        files, tally[Level.ERROR], tally[Level.WARNING], tally[Level.NOTICE], language
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\n]")


def one_line(text: str) -> str:
    """Text from incident files on one line: a newline or carriage return inside a value could
    otherwise start a forged line in the log (``::error …`` is a command in GitHub Actions)."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """``text`` filled with spaces to ``width`` terminal columns (``ljust`` counts characters,
    so a Japanese cell would push every column after it)."""
    return text + " " * max(0, width - display_width(text))


def said(finding: Finding, language: str) -> str:
    """The finding's message in ``language`` (the catalogue loads only when it is needed)."""
    if not is_ja(language):
        return finding.message
    from incidentflow.words.findings import message

    return message(finding, language)


def level_word(finding: Finding, language: str) -> str:
    return say.LEVELS[finding.level.value](language)


def render_text(files: int, findings: Sequence[Finding], language: str = "en") -> str:
    lines = []
    for finding in sorted(findings, key=sort_key):
        where = one_line(finding.path)
        if finding.line is not None:
            where += f":{finding.line}"
            if finding.column is not None:
                where += f":{finding.column}"
        lines.append(
            f"{where}: {level_word(finding, language)} {finding.code} "
            f"{one_line(said(finding, language))}"
        )
    lines.append(summary_line(files, findings, language))
    return "\n".join(lines)


def finding_dict(finding: Finding, language: str = "en") -> dict[str, object]:
    """A finding for JSON: ``message`` in ``language``, ``message_en`` when that is not
    English."""
    shown = finding.as_dict()
    if is_ja(language):
        shown["message"] = said(finding, language)
        shown["message_en"] = finding.message
    return shown


def render_json(
    files: int, findings: Sequence[Finding], *, language: str = "en", **extra: object
) -> str:
    payload: dict[str, object] = {
        "files": files,
        "findings": [finding_dict(f, language) for f in sorted(findings, key=sort_key)],
    }
    payload.update(extra)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, language: str = "en") -> str:
    command = {"error": "error", "warning": "warning", "notice": "notice"}[finding.level.value]
    properties = [f"file={_escape_property(finding.path)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_property(finding.code)}")
    message = said(finding, language)[:MAX_ANNOTATION_MESSAGE]
    return f"::{command} {','.join(properties)}::{_escape_data(message)}"


def render_github(files: int, findings: Sequence[Finding], language: str = "en") -> str:
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
    lines = [annotation(finding, language) for finding in shown]
    hidden = len(ordered) - len(shown)
    if hidden:
        notice = say.NOT_ANNOTATED(language, count=hidden, limit=ANNOTATIONS_PER_LEVEL)
        lines.append(f"::notice title=incidentflow::{_escape_data(notice)}")
    # The plain log follows with workflow commands switched off, so nothing in it can act as
    # one, whatever the files contain.
    import secrets  # only here: the module costs start-up time every other command skips

    token = secrets.token_hex(16)
    lines += [f"::stop-commands::{token}", render_text(files, findings, language), f"::{token}::"]
    return "\n".join(lines)


def markdown_findings_table(
    findings: Sequence[Finding], limit: int = 200, *, language: str = "en"
) -> str:
    if not findings:
        return say.NO_FINDINGS(language) + "\n"
    rows = [say.TABLE_HEADER(language), "|---|---|---|---|---|"]
    icon = {Level.ERROR: "❌", Level.WARNING: "⚠️", Level.NOTICE: "ℹ️"}
    for finding in sorted(findings, key=sort_key)[:limit]:
        message = one_line(said(finding, language)).replace("|", "\\|")
        rows.append(
            f"| {icon[finding.level]} | `{one_line(finding.path)}` | {finding.line or ''} | "
            f"{finding.code} | {message} |"
        )
    if len(findings) > limit:
        rows.append("\n" + say.MORE_IN_LOG(language, count=len(findings) - limit))
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
