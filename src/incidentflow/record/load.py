"""Reading incident files safely: bytes → text → front matter → plain data.

One parser, ruamel.yaml's C parser, reads each front matter once. Its events become the data
in one pass (``fast_load.py``), with the shape limits (depth, number of values) checked on the
way; the rare front matter that pass leaves alone (tags, aliases, merge keys, errors) goes to
ruamel.yaml's own safe loader, after one pass over the events has enforced the limits there
too, so no recursive walk can run away. Only when a finding needs a position is the text
parsed again, for the node marks (``positions.py``). Timestamps stay strings so that
pydantic's core parses them, and a naive or impossible date becomes a finding, not a crash.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from incidentflow.record.fast_load import CParser, Unusual, load_plain
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.findings import finding as make_finding

MAX_FILE_BYTES = 1_000_000
# Markdown parsing costs some 10 to 25 µs a line, so lines, not bytes, bound its time.
MAX_LINES = 10_000
FRONT_MATTER_FENCE = "---"
_BOM = "\ufeff"


def text_timestamps(base: type[SafeConstructor]) -> type[SafeConstructor]:
    """A constructor like ``base`` that keeps YAML timestamps as their source text.

    The model layer types them, so a naive or impossible date becomes a finding (with a
    position) instead of an exception inside the YAML library.
    """

    class TextTimestampConstructor(base):  # type: ignore[valid-type,misc]
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            return self.construct_scalar(node)

    TextTimestampConstructor.add_constructor(
        "tag:yaml.org,2002:timestamp", TextTimestampConstructor.construct_yaml_timestamp
    )
    return TextTimestampConstructor


def _safe_loader() -> YAML:
    yaml = YAML(typ="safe")
    yaml.Constructor = text_timestamps(SafeConstructor)
    return yaml


_SAFE_LOADER = _safe_loader()


@dataclass(slots=True)
class Document:
    """An incident file split into its parts, with line numbers back into the file."""

    path: str
    text: str
    front_matter: str
    # 1-based file line of the first front-matter line (the line after the opening fence).
    front_matter_line: int
    body: str
    # 1-based file line of the first body line (the line after the closing fence).
    body_line: int
    data: dict[str, Any] = field(default_factory=dict)


def error(
    path: str, line: int | None, column: int | None, code: str, kind: str, /, **values: object
) -> Finding:
    """An error finding in the catalogue's words (``words/findings.py``)."""
    return make_finding(path, line, column, code, Level.ERROR, kind, **values)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Bytes to text: UTF-8 with or without BOM, LF or CRLF; anything else is a finding."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            error(
                path,
                1,
                1,
                "IF001",
                "too_large",
                size=f"{len(raw):,}",
                limit=f"{MAX_FILE_BYTES:,}",
            )
        ]
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return None, [error(path, line, 1, "IF002", "binary")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = raw.count(b"\n", 0, problem.start) + 1
        line_start = raw.rfind(b"\n", 0, problem.start) + 1
        column = len(raw[line_start : problem.start].decode("utf-8", "replace")) + 1
        return None, [
            error(path, line, column, "IF003", "not_utf8", byte=f"{raw[problem.start]:02x}")
        ]
    text = text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\n", 0, len(text) - 1) >= MAX_LINES:
        return None, [
            error(path, MAX_LINES + 1, 1, "IF001", "too_many_lines", limit=f"{MAX_LINES:,}")
        ]
    if not text.strip():
        return None, [error(path, 1, 1, "IF004", "empty")]
    return text, []


def split_front_matter(text: str, path: str) -> tuple[Document | None, list[Finding]]:
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != FRONT_MATTER_FENCE:
        return None, [error(path, 1, 1, "IF005", "no_front_matter")]
    start = first_end + 1
    position = start
    line_number = 2
    while position <= len(text):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        if line.rstrip() in (FRONT_MATTER_FENCE, "..."):
            body_start = len(text) if end < 0 else end + 1
            return (
                Document(
                    path=path,
                    text=text,
                    front_matter=text[start:position],
                    front_matter_line=2,
                    body=text[body_start:],
                    body_line=line_number + 1,
                ),
                [],
            )
        if end < 0:
            break
        position = end + 1
        line_number += 1
    return None, [error(path, 1, 1, "IF006", "not_closed")]


# ruamel.yaml's words for a duplicate key and an unknown tag, to name the key and the tag.
_DUPLICATE_KEY = re.compile(
    r'^found duplicate key "(?P<key>.*)" with value "(?P<value>.*)" '
    r'\(original value: "(?P<original>.*)"\)$',
    re.DOTALL,
)
_UNKNOWN_TAG = re.compile(r"^could not determine a constructor for the tag (?P<tag>.+)$", re.DOTALL)


def _yaml_error(raised: YAMLError, path: str, first_line: int, source: str) -> Finding:
    mark = getattr(raised, "problem_mark", None) or getattr(raised, "context_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    column = mark.column + 1 if mark is not None else 1
    problem = str(getattr(raised, "problem", "") or raised).strip()
    duplicate = _DUPLICATE_KEY.match(problem)
    if duplicate is not None:
        return error(path, line, column, "IF011", "duplicate_key", **duplicate.groupdict())
    tag = _UNKNOWN_TAG.match(problem)
    if tag is not None:
        return error(path, line, column, "IF012", "tag", tag=tag["tag"])
    if mark is not None and _starts_with_tab(source, mark.line):
        return error(path, line, column, "IF010", "tab")
    return error(path, line, column, "IF010", "syntax", problem=problem)


def _starts_with_tab(source: str, line_index: int) -> bool:
    lines = source.split("\n")
    return 0 <= line_index < len(lines) and lines[line_index][:1] == "\t"


# Shape limits, checked on the parser's event stream before anything builds a tree. Building
# one recurses once per nesting level: in the C loader's composer (a segfault some 20,000
# levels down), in the Python constructors and in pydantic (a RecursionError a few hundred
# down); and every value costs time in each later walk. An incident has three or four levels
# and a few hundred values, a config about ten levels and under a thousand values.
MAX_DEPTH = 64
MAX_VALUES = 10_000
# A line's leading run of indentation and block indicators ('- ', '? ', ': ').
_LINE_LEAD = re.compile(r"^[ \t?:-]*", re.MULTILINE)


def surely_within_limits(front_matter: str) -> bool:
    """Whether the text alone proves the shape limits hold, so most files skip the scan.

    A value takes at least one character, so a short text holds few values. Without aliases
    ('*'), depth comes from flow brackets, one level each, and from block collections, which
    start where their line's leading run ends and move right at least every second level.
    """
    if len(front_matter) > MAX_VALUES // 2 or "*" in front_matter:
        return False
    brackets = front_matter.count("[") + front_matter.count("{")
    lead = max(map(len, _LINE_LEAD.findall(front_matter)), default=0)
    return 2 * (lead + 1) + brackets <= MAX_DEPTH


def _events(text: str) -> Iterator[Any]:
    if CParser is None:  # pragma: no cover - without ruamel's C extension (not CPython)
        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    try:
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            yield event
    finally:
        parser.dispose()


@dataclass(slots=True)
class _Open:
    """A collection the scan is inside: its anchor, its values so far, its levels so far."""

    anchor: str | None
    values: int = 1
    height: int = 1


def shape_problem(front_matter: str) -> tuple[str, Any, str, str] | None:
    """The first shape limit the text breaks: its code, its parser mark, the catalogue's kind
    and the alias it is about ('' for none); None when it breaks none.

    One pass over the events with an explicit stack: nothing here recurses. An alias counts
    as the values and levels of what it names, so aliases cannot hide depth or size.
    """
    inside: list[_Open] = []
    anchors: dict[str, _Open | tuple[int, int]] = {}
    total = 0
    by_aliases = 0  # of the total, what aliases added beyond themselves
    biggest_alias: tuple[int, Any] = (1, None)  # (values it expands to, its mark)
    try:
        for event in _events(front_matter):
            done: tuple[int, int] | None = None  # (values, levels) of a finished node
            if isinstance(event, SequenceStartEvent | MappingStartEvent):
                total += 1
                inside.append(_Open(event.anchor))
                if event.anchor is not None:
                    anchors[event.anchor] = inside[-1]
                if len(inside) > MAX_DEPTH:
                    return "IF015", event.start_mark, "too_deep", ""
            elif isinstance(event, SequenceEndEvent | MappingEndEvent):
                node = inside.pop()
                done = (node.values, node.height)
                if node.anchor is not None and anchors.get(node.anchor) is node:
                    anchors[node.anchor] = done
            elif isinstance(event, ScalarEvent):
                total += 1
                done = (1, 0)
                if event.anchor is not None:
                    anchors[event.anchor] = done
            elif isinstance(event, AliasEvent):
                target = anchors.get(event.anchor)
                if isinstance(target, _Open):
                    return "IF013", event.start_mark, "self_reference", event.anchor
                done = target or (1, 0)  # an unknown anchor is the loader's error to report
                total += done[0]
                by_aliases += done[0] - 1
                if done[0] > biggest_alias[0]:
                    biggest_alias = (done[0], event.start_mark)
                if len(inside) + done[1] > MAX_DEPTH:
                    return "IF015", event.start_mark, "too_deep_alias", ""
            if total > MAX_VALUES:
                if isinstance(event, AliasEvent) and done is not None and done[0] > 1:
                    return "IF013", event.start_mark, "alias_bomb", ""
                if 2 * by_aliases > total:
                    return "IF013", biggest_alias[1], "alias_bomb", ""
                return "IF016", event.start_mark, "too_many", ""
            if done is not None and inside:
                inside[-1].values += done[0]
                inside[-1].height = max(inside[-1].height, done[1] + 1)
    except YAMLError:
        return None  # a syntax error: the loader reports it, with its own message
    return None


def _shape_finding(document: Document) -> Finding | None:
    if surely_within_limits(document.front_matter):
        return None
    problem = shape_problem(document.front_matter)
    if problem is None:
        return None
    code, mark, kind, anchor = problem
    line, column = document.front_matter_line + mark.line, mark.column + 1
    if kind == "self_reference":
        return error(document.path, line, column, code, kind, anchor=anchor)
    limit = f"{MAX_VALUES:,}" if code == "IF016" or kind == "alias_bomb" else str(MAX_DEPTH)
    return error(document.path, line, column, code, kind, limit=limit)


def _overlong_number(document: Document) -> Finding | None:
    """IF021 for an integer longer than Python converts (``sys.get_int_max_str_digits``)."""
    limit = sys.get_int_max_str_digits()
    if limit == 0:
        return None
    for match in re.finditer(r"\d[\d_]*", document.front_matter):
        digits = len(match.group()) - match.group().count("_")
        if digits > limit:
            before = document.front_matter[: match.start()]
            line_start = before.rfind("\n") + 1
            return error(
                document.path,
                document.front_matter_line + before.count("\n"),
                match.start() - line_start + 1,
                "IF021",
                "number_too_long",
                digits=f"{digits:,}",
                limit=f"{limit:,}",
            )
    return None


def load_front_matter(document: Document) -> list[Finding]:
    """Load the YAML into ``document.data``; on failure return findings and leave it empty."""
    path, first_line = document.path, document.front_matter_line
    try:
        data = load_plain(document.front_matter, MAX_DEPTH, MAX_VALUES)
    except Unusual:
        data, problem = _load_in_full(document)
        if problem is not None:
            return [problem]
    if data is None:
        return [error(path, first_line, 1, "IF014", "empty")]
    if not isinstance(data, dict):
        return [error(path, first_line, 1, "IF014", "not_mapping", type=type(data).__name__)]
    non_string_keys = [key for key in data if not isinstance(key, str)]
    if non_string_keys:
        return [error(path, first_line, 1, "IF014", "key_not_text", key=repr(non_string_keys[0]))]
    document.data = data
    return []


def _load_in_full(document: Document) -> tuple[Any, Finding | None]:
    """ruamel.yaml's own loader, for what ``load_plain`` leaves to it: the data, or a finding."""
    path, first_line = document.path, document.front_matter_line
    shape = _shape_finding(document)
    if shape is not None:
        return None, shape
    try:
        return _SAFE_LOADER.load(document.front_matter), None
    except YAMLError as problem:
        return None, _yaml_error(problem, path, first_line, document.front_matter)
    except (ValueError, TypeError, OverflowError, RecursionError, KeyError) as problem:
        # Constructors for ints, floats and booleans raise plain errors on some malformed
        # scalars ('!!int x', '!!bool x').
        number = _overlong_number(document) if isinstance(problem, ValueError) else None
        if number is not None:
            return None, number
        return None, error(path, first_line, 1, "IF010", "unreadable_value", error=problem)


def read_document(file: Path, display_path: str) -> tuple[Document | None, list[Finding]]:
    """Read and parse one incident file; every failure is a finding with a position."""
    try:
        raw = file.read_bytes()
    except OSError as problem:
        return None, [
            error(
                display_path, None, None, "IF000", "unreadable", reason=problem.strerror or problem
            )
        ]
    return parse_document(raw, display_path)


def parse_document(raw: bytes, display_path: str) -> tuple[Document | None, list[Finding]]:
    text, findings = decode(raw, display_path)
    if text is None:
        return None, findings
    document, findings = split_front_matter(text, display_path)
    if document is None:
        return None, findings
    findings = load_front_matter(document)
    if findings:
        return None, findings
    return document, []


__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_LINES",
    "MAX_VALUES",
    "Document",
    "MarkedYAMLError",
    "parse_document",
    "read_document",
]
