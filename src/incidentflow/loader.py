"""Reading incident files safely: bytes → text → front matter → plain data.

Two YAML loaders, on purpose. The C-accelerated safe loader does the read-only load every
validation needs; the slower round-trip loader runs only when a finding needs a position
(``positions.py``) or a file is rewritten. Timestamps stay strings here so that pydantic's
core parses them, and so that a naive or impossible date becomes a finding, not a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from incidentflow.findings import Finding, Level

MAX_FILE_BYTES = 1_000_000
# Aliases are legal YAML, but a few nested ones expand into billions of nodes for whoever
# walks the result (an "alias bomb"); an incident's front matter has a few hundred nodes.
MAX_EXPANDED_NODES = 20_000
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


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe")
    yaml.Constructor = text_timestamps(SafeConstructor)
    return yaml


_FAST = _fast_yaml()


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


def finding(path: str, line: int | None, column: int | None, code: str, message: str) -> Finding:
    return Finding(path, line, column, code, Level.ERROR, message)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Bytes to text: UTF-8 with or without BOM, LF or CRLF; anything else is a finding."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            finding(
                path,
                1,
                1,
                "IF001",
                f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit: "
                "keep logs and dumps out of the incident file and link to them instead",
            )
        ]
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return None, [
            finding(
                path,
                line,
                1,
                "IF002",
                "file is binary (it contains NUL bytes): incident files are UTF-8 Markdown text",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        return None, [
            finding(
                path,
                line,
                column,
                "IF003",
                f"invalid UTF-8 (byte 0x{raw[error.start]:02x}): save the file as UTF-8",
            )
        ]
    text = text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [
            finding(
                path,
                1,
                1,
                "IF004",
                "file is empty: create incidents with `incident new TITLE` "
                "to start from the template",
            )
        ]
    return text, []


def split_front_matter(text: str, path: str) -> tuple[Document | None, list[Finding]]:
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != FRONT_MATTER_FENCE:
        return None, [
            finding(
                path,
                1,
                1,
                "IF005",
                "no front matter: the file must start with a line '---', the YAML fields, "
                "and a closing '---' (see `incident new`)",
            )
        ]
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
    return None, [
        finding(
            path,
            1,
            1,
            "IF006",
            "front matter is not closed: add a line '---' after the last YAML field",
        )
    ]


def _yaml_error(error: YAMLError, path: str, first_line: int, source: str) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    column = mark.column + 1 if mark is not None else 1
    problem = str(getattr(error, "problem", "") or error).strip()
    if "duplicate key" in problem:
        return finding(
            path, line, column, "IF011", f"{problem}: keep one of them and delete the other"
        )
    if "constructor for the tag" in problem or "could not determine" in problem:
        return finding(
            path,
            line,
            column,
            "IF012",
            f"{problem}: tags are not allowed in incident files; write a plain value",
        )
    if mark is not None and _starts_with_tab(source, mark.line):
        return finding(
            path, line, column, "IF010", "tab used for indentation: indent YAML with spaces"
        )
    return finding(
        path,
        line,
        column,
        "IF010",
        f"YAML syntax error: {problem}; check indentation, quotes and brackets on this line",
    )


def _starts_with_tab(source: str, line_index: int) -> bool:
    lines = source.split("\n")
    return 0 <= line_index < len(lines) and lines[line_index][:1] == "\t"


def _expanded_size(value: Any, budget: int) -> int:
    """Count nodes as a consumer walking the data would see them, stopping past ``budget``.

    Shared (aliased) subtrees are counted every time they are reached, which is the cost an
    alias bomb inflicts; a self-referencing alias counts as exceeding the budget.
    """
    count = 0
    stack: list[tuple[Any, frozenset[int]]] = [(value, frozenset())]
    while stack:
        node, ancestors = stack.pop()
        count += 1
        if count > budget:
            return count
        if isinstance(node, Mapping | list):
            if id(node) in ancestors:
                return budget + 1
            inner = ancestors | {id(node)}
            children = node.values() if isinstance(node, Mapping) else node
            stack.extend((child, inner) for child in children)
    return count


def _first_alias_line(front_matter: str, first_line: int) -> int:
    for offset, line in enumerate(front_matter.split("\n")):
        if "&" in line or "*" in line:
            return first_line + offset
    return first_line


def load_front_matter(document: Document) -> list[Finding]:
    """Load the YAML into ``document.data``; on failure return findings and leave it empty."""
    path, first_line = document.path, document.front_matter_line
    try:
        data = _FAST.load(document.front_matter)
    except YAMLError as error:
        return [_yaml_error(error, path, first_line, document.front_matter)]
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # Constructors for ints and floats raise plain errors on some malformed scalars.
        return [finding(path, first_line, 1, "IF010", f"YAML value cannot be read: {error}")]
    if data is None:
        return [
            finding(
                path,
                first_line,
                1,
                "IF014",
                "front matter is empty: it must hold the incident's fields "
                "(id, title, status, ...)",
            )
        ]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        return [
            finding(
                path,
                first_line,
                1,
                "IF014",
                f"front matter is {kind}, not a mapping: write 'key: value' lines (id, title, ...)",
            )
        ]
    # Without a '*' there is no alias, so nothing can expand: skip the walk (most files).
    if "*" in document.front_matter and _expanded_size(data, MAX_EXPANDED_NODES) > (
        MAX_EXPANDED_NODES
    ):
        return [
            finding(
                path,
                _first_alias_line(document.front_matter, first_line),
                1,
                "IF013",
                f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values (or refer to "
                "themselves): write the values out instead of using anchors and aliases",
            )
        ]
    non_string_keys = [key for key in data if not isinstance(key, str)]
    if non_string_keys:
        return [
            finding(
                path,
                first_line,
                1,
                "IF014",
                f"front matter key {non_string_keys[0]!r} is not text: quote it or rename it",
            )
        ]
    document.data = data
    return []


def read_document(file: Path, display_path: str) -> tuple[Document | None, list[Finding]]:
    """Read and parse one incident file; every failure is a finding with a position."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, [
            finding(display_path, None, None, "IF000", f"cannot read file: {error.strerror}")
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
    "MAX_FILE_BYTES",
    "Document",
    "MarkedYAMLError",
    "parse_document",
    "read_document",
]
