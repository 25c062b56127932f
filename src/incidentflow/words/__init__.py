"""Every sentence and label people read, in Japanese and English: the one home for both.

A module here holds the words of one kind of output; code elsewhere picks them by key and
fills in values, so "where is every Japanese string?" has one answer. The record's own
vocabulary (section headings, phase names, the issue form's labels) is part of the data
contract and stays with it in ``record/`` and ``declare/form.py``.

phrase.py           a phrase said before the reader is known, rendered later (sync, declare)

Findings (the message catalogue, by rule code and kind; the codes are the same in both):
findings.py             joining the families and rendering a finding, notes and wrappers
findings_format.py      the file, YAML and fields (IF000-IF025), the config (CF)
findings_flow.py        phases, identity, teams, times, waivers, imports (IF030-IF072), clocks
findings_gate.py        the gate (GT) and the personal-data guard (PD)
findings_generated.py   the schema and the index drifting from the files (SC)
library_texts.py        Japanese for what the YAML parser, dates and the OS say in English

Outputs, one module per kind:
states.py          durations, time left or late, clock / prevention / status words and marks
output.py          the counts line, levels, findings tables and notices around findings
status.py          `incident status`: labels, the overview's headings and legend
page.py            an incident's page (status markdown, the gate's summary) and the index
check.py           `incident check`: the job summary and the text log
errors.py          why a command cannot run (the one handler says these)
sync.py            `incident sync`: action lines, summary, job summary, details
issues.py          what the sync writes on GitHub: issue headers, comments, its pull request
declare.py         `incident declare`: the pull request, comments, notes, outcomes
remind.py          `incident remind`: reminders, the list, the posted comment
report.py          `incident report`: the monthly report's headings, tables and charts
charts.py          the words in an incident's Gantt chart
notifications.py   the notification log and the clocks in words
init.py            `incident init`: files written, next steps, CODEOWNERS, errors
"""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("ja", "en")


def is_ja(language: str | None) -> bool:
    return language == "ja"


def output_language(configured: str | None) -> str:
    """The language of what a command prints: ``INCIDENTFLOW_LANG`` (ja or en) when set,
    for a reader who wants the other one, else the config's ``language``."""
    chosen = os.environ.get("INCIDENTFLOW_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    return configured if configured in LANGUAGES else "en"


# Named format specs: ``{phase:phase}`` shows a status with its name in the reader's language.
# Each takes the value and the language; modules register their own (``spec``).
_SPECS: dict[str, Callable[[str, str], str]] = {}


def spec(name: str) -> Callable[[Callable[[str, str], str]], Callable[[str, str], str]]:
    def register(function: Callable[[str, str], str]) -> Callable[[str, str], str]:
        _SPECS[name] = function
        return function

    return register


class _Formatter(string.Formatter):
    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        named = _SPECS.get(format_spec)
        if named is not None:
            return named(str(value), self.language)
        return str(format(value, format_spec))


def fill(template: str, language: str, values: Mapping[str, object]) -> str:
    """``template`` with ``values``; ``{name:spec}`` goes through a registered spec."""
    return _Formatter(language).vformat(template, (), values)


@dataclass(frozen=True, slots=True)
class Words:
    """One phrase in both languages, with ``{name}`` places for values."""

    en: str
    ja: str

    def template(self, language: str) -> str:
        return self.ja if is_ja(language) else self.en

    def __call__(self, language: str, **values: object) -> str:
        return fill(self.template(language), language, values)


@spec("phase")
def _phase(value: str, language: str) -> str:
    """'resolved' → 'resolved（復旧）' in Japanese; the status key stays, it is what people type."""
    from incidentflow.record.model import parse_status
    from incidentflow.record.phases import PHASES

    status = parse_status(value)
    if status is None or not is_ja(language):
        return value
    return f"{value}（{PHASES[status].ja}）"


@spec("phase_ja")
def _phase_ja(value: str, language: str) -> str:
    """The Japanese name of a phase, in either language: '復旧' for 'resolved'."""
    from incidentflow.record.model import parse_status
    from incidentflow.record.phases import PHASES

    status = parse_status(value)
    return PHASES[status].ja if status is not None else value


@spec("requirement")
def _requirement(path: str, language: str) -> str:
    """What the requirement at ``path`` asks for (``record.phases.hint_for``)."""
    from incidentflow.record.phases import hint_for

    return hint_for(path).template(language)


@spec("add_under")
def _add_under(parent: str, language: str) -> str:
    if is_ja(language):
        return f"「{parent}:」の下に追加してください" if parent else "追加してください"
    return f"add it under '{parent}:'" if parent else "add it"
