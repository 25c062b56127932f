"""Where a field sits in a YAML file: 1-based line and column for findings.

Positions come from the start marks of the nodes that ruamel.yaml's C composer builds, the
same parser that loaded the data, so they agree with it. Nothing is parsed until the first
lookup: a clean file never asks, and a file with findings pays about what its load cost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from incidentflow.record import load

# Keys the loaders turn into text: strings, and timestamps (kept as their source text).
_TEXT_KEY_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


def _compose(source: str) -> Node | None:
    """The document's node tree, or None when it cannot be read or breaks the shape limits.

    Composing recurses once per nesting level (in C), so the same shape limits that guard the
    load guard it here; callers normally pass text that has loaded already.
    """
    if not load.surely_within_limits(source) and load.shape_problem(source) is not None:
        return None
    yaml = YAML(typ="safe")  # with the C parser, as the load had
    try:
        _, composer = yaml.get_constructor_parser(source)
        try:
            node: Node | None = composer.get_single_node()
        finally:
            dispose = getattr(composer, "dispose", None)
            if dispose is not None:
                dispose()
    except (YAMLError, ValueError, TypeError):
        return None
    return node


def _key_text(node: Node) -> str | None:
    if isinstance(node, ScalarNode) and node.tag in _TEXT_KEY_TAGS:
        return str(node.value)
    return None


def _pairs(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    """A mapping's own key/value nodes, then those merged in with ``<<`` (they count less)."""
    merged: list[MappingNode] = []
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.tag == _MERGE_TAG:
            if isinstance(value, MappingNode):
                merged.append(value)
            elif isinstance(value, SequenceNode):
                merged.extend(item for item in value.value if isinstance(item, MappingNode))
        else:
            yield key, value
    for source in merged:
        yield from _pairs(source)


def _entry(node: MappingNode, key: str) -> tuple[Node, Node] | None:
    # Own keys before merged ones, earlier merges before later ones: the data's precedence.
    for key_node, value_node in _pairs(node):
        if _key_text(key_node) == key:
            return key_node, value_node
    return None


class PositionIndex:
    """Positions of keys and values in one YAML document that starts at ``first_line``."""

    def __init__(self, source: str, first_line: int) -> None:
        self._source = source
        self._first_line = first_line
        self._root: Node | None = None
        self._composed = False

    @property
    def parsed(self) -> bool:
        """Whether the text has been parsed: it is, on the first lookup."""
        return self._composed

    @property
    def root(self) -> Node | None:
        """The composed node tree (None for text that cannot be read), built on first use."""
        if not self._composed:
            self._root = _compose(self._source)
            self._composed = True
        return self._root

    def _at(self, node: Node) -> Position:
        return Position(self._first_line + node.start_mark.line, node.start_mark.column + 1)

    def locate(self, loc: Sequence[str | int], *, value: bool = False) -> Position:
        """Position of the deepest part of ``loc`` that exists: the key, or its value.

        A missing key points at its parent's key, which is where the user must add it.
        """
        node = self.root
        best = Position(self._first_line, 1)
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, MappingNode) and isinstance(part, str):
                entry = _entry(node, part)
                if entry is None:
                    break
                key_node, node = entry
                best = self._at(node if (value and last) else key_node)
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                best = self._at(node)
            else:
                break
        return best

    def key_of(self, loc: Sequence[str | int]) -> Position:
        return self.locate(loc)

    def value_of(self, loc: Sequence[str | int]) -> Position:
        return self.locate(loc, value=True)


def parse_path(path: str) -> list[str | int]:
    """``prevention[1].owner`` → ``["prevention", 1, "owner"]``."""
    parts: list[str | int] = []
    for chunk in path.split("."):
        while "[" in chunk:
            name, _, rest = chunk.partition("[")
            if name:
                parts.append(name)
            index, _, chunk = rest.partition("]")
            parts.append(int(index) if index.isdigit() else index)
        if chunk:
            parts.append(chunk)
    return parts


def format_loc(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text
