"""Where a field sits in a YAML file: 1-based line and column for findings.

Uses ruamel.yaml's round-trip loader, which records the position of every key and value. It
is several times slower than the safe loader, so it only runs for files that have findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError

from incidentflow.record.load import text_timestamps


def _round_trip_yaml() -> YAML:
    # Timestamps stay text here too, so an impossible date still gets a position.
    yaml = YAML(typ="rt")
    yaml.Constructor = text_timestamps(RoundTripConstructor)
    return yaml


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


class PositionIndex:
    """Positions of keys and values in one YAML document that starts at ``first_line``."""

    def __init__(self, source: str, first_line: int) -> None:
        self._first_line = first_line
        self.root: Any = None
        try:
            self.root = _round_trip_yaml().load(source)
        except (YAMLError, ValueError, TypeError):
            self.root = None

    def _at(self, line: int, column: int) -> Position:
        return Position(self._first_line + line, column + 1)

    def locate(self, loc: Sequence[str | int], *, value: bool = False) -> Position:
        """Position of the deepest part of ``loc`` that exists: the key, or its value.

        A missing key points at its parent's key, which is where the user must add it.
        """
        node = self.root
        best = Position(self._first_line, 1)
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
                line, column = node.lc.value(part) if (value and last) else node.lc.key(part)
                best = self._at(line, column)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line, column = node.lc.item(part)
                best = self._at(line, column)
                node = node[part]
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
