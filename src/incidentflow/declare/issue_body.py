"""Reading an issue that the declaration form produced.

GitHub writes a form's answers into the issue body as Markdown: each field's label as a
level-3 heading, then the answer as typed (``_No response_`` for an optional field left
empty). markdown-it-py finds the headings, so a heading inside a code block is code; the
answer is taken from the source lines, exactly as typed.

The reporter typed the answers, and an answer may itself contain a line that looks like one of
the form's headings. Headings are therefore matched in the form's order, each after the
previous one: a forged heading can at worst give a field a garbled value, never anything the
reporter could not have chosen in the form anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

from incidentflow.declare.form import FIELDS, NO_RESPONSE, Choice, FormField

_SPLIT = re.compile(r"\s*(?:/|／)\s*")


@dataclass(frozen=True, slots=True)
class FormAnswers:
    """Answers by field id; a field missing from the body, or left empty, is absent."""

    values: dict[str, str]

    def get(self, field: FormField) -> str | None:
        return self.values.get(field.id)

    @property
    def empty(self) -> bool:
        return not self.values


@cache
def _parser() -> MarkdownIt:
    # Block structure only: headings and code blocks are all that matter here.
    return MarkdownIt("commonmark", {"maxNesting": 100}).disable(["inline", "text_join"])


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip(":：").casefold())


def _names(field: FormField) -> set[str]:
    """The heading texts that name ``field``: the label, either language alone, the id."""
    names = {_normalise(field.label), _normalise(field.id)}
    names.update(_normalise(part) for part in _SPLIT.split(field.label) if part.strip())
    return names


def parse_form_body(body: str) -> FormAnswers:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tokens = _parser().parse(text)
    # Top-level level-3 headings: (first line, line after the heading, heading text).
    headings: list[tuple[int, int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h3" and token.level == 0 and token.map:
            headings.append((token.map[0], token.map[1], tokens[index + 1].content))
    # GitHub writes each label as its own "### label" line. An answer that opens a code fence
    # and never closes it would hide the later headings from a Markdown reading, so those
    # exact lines count as headings wherever they are.
    seen = {start for start, _, _ in headings}
    labels = {f"### {field.label}" for field in FIELDS}
    for number, line in enumerate(lines):
        if number not in seen and line.rstrip() in labels:
            headings.append((number, number + 1, line.rstrip()[4:]))
    headings.sort()
    found: list[tuple[FormField, int, int]] = []  # field, answer start, heading line
    position = 0
    for field in FIELDS:
        names = _names(field)
        for number in range(position, len(headings)):
            start, after, heading = headings[number]
            if _normalise(heading) in names:
                found.append((field, after, start))
                position = number + 1
                break
    values: dict[str, str] = {}
    for number, (field, start, _) in enumerate(found):
        end = found[number + 1][2] if number + 1 < len(found) else len(lines)
        answer = "\n".join(lines[start:end]).strip("\n").rstrip()
        if answer and answer.strip() != NO_RESPONSE:
            values[field.id] = answer
    return FormAnswers(values)


def match_choice(answer: str | None, choices: tuple[Choice, ...]) -> Choice | None:
    """The choice a dropdown answer names: its label, either language, or its key."""
    if answer is None:
        return None
    wanted = _normalise(answer)
    for choice in choices:
        names = {_normalise(choice.label), _normalise(choice.key)}
        names.update(_normalise(part) for part in _SPLIT.split(choice.label) if part.strip())
        if choice.key and wanted.startswith(_normalise(choice.key) + ":"):
            return choice
        if wanted in names:
            return choice
    return None
