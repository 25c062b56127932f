"""Front matter to plain data in one pass over the C parser's events.

ruamel.yaml's safe loader has its C parser compose a node tree, calling back into Python to
resolve every node's tag, and then walks that tree with a general constructor: for the
mappings, lists, text, numbers and booleans an incident file holds, that is most of the
load's cost. Here the same parser's events become the same data directly, with the shape
limits checked on the way. Anything else steps aside (``Unusual``) for the full loader, which
then gives exactly the data or the error it always gave: tags, anchors and aliases, merge
keys, duplicate or unhashable keys, directives, a second document, syntax errors, and shapes
past the limits.
"""

from __future__ import annotations

from re import Pattern
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

try:
    from ruamel.yaml.cyaml import CParser as CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - without ruamel's C extension (not CPython)
    CParser = None


class Unusual(Exception):
    """The text needs ruamel.yaml's full loader (or fails there, with its message)."""


_YAML = "tag:yaml.org,2002:"
# The YAML 1.2 rules that type a plain scalar, by its first character: the loader's own table.
_IMPLICIT: dict[str, list[tuple[str, Pattern[str]]]] = VersionedResolver().versioned_resolver
_BOOLEANS = SafeConstructor.bool_values
# An unanswered key in a mapping being built.
_NO_KEY = object()


def _numbers() -> SafeConstructor:
    """A constructor of the full loader's kind, for its exact reading of ints and floats."""
    yaml = YAML(typ="safe", pure=True)
    constructor: SafeConstructor = yaml.constructor
    return constructor


_NUMBERS = _numbers()


def _implicit_tag(value: str) -> str | None:
    """The tag the YAML 1.2 rules give a plain scalar, None for text."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return None


def _plain_scalar(value: str) -> Any:
    """A plain (unquoted, untagged) scalar as the safe loader types it; timestamps stay text."""
    tag = _implicit_tag(value)
    if tag is None:
        return value
    kind = tag[len(_YAML) :]
    if kind == "null":
        return None
    if kind == "bool":
        return _BOOLEANS[value.lower()]
    if kind == "timestamp":
        return value
    node = ScalarNode(tag, value, None, None)
    try:
        if kind == "int":
            return _NUMBERS.construct_yaml_int(node)
        if kind == "float":
            return _NUMBERS.construct_yaml_float(node)
    except (ValueError, TypeError, OverflowError, IndexError) as error:
        raise Unusual from error
    raise Unusual  # merge keys, '=' and the like


def load_plain(text: str, max_depth: int, max_values: int) -> Any:
    """The data of a YAML document, as ruamel.yaml's safe loader (with timestamps as text)
    builds it; raises ``Unusual`` where that loader has to decide."""
    if CParser is None:  # pragma: no cover - without ruamel's C extension (not CPython)
        raise Unusual
    parser = CParser(text)
    try:
        return _build(parser.get_event, max_depth, max_values)
    except YAMLError as error:
        raise Unusual from error
    finally:
        parser.dispose()


def _build(next_event: Any, max_depth: int, max_values: int) -> Any:
    # Open collections and, per open mapping, its key waiting for a value (or _NO_KEY).
    open_collections: list[Any] = []
    keys: list[Any] = []
    root: Any = None
    documents = 0
    values = 0
    while True:
        event = next_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.tag is not None or event.anchor is not None:
                raise Unusual
            value = _plain_scalar(event.value) if event.implicit[0] else event.value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None or event.anchor is not None:
                raise Unusual
            if len(open_collections) >= max_depth:
                raise Unusual
            value = {} if kind is MappingStartEvent else []
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            open_collections.pop()
            keys.pop()
            continue
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise Unusual
            continue
        elif kind is StreamEndEvent:
            return root
        elif kind is StreamStartEvent or kind is DocumentEndEvent:
            continue
        else:  # an alias, or an event this loader does not know
            raise Unusual
        values += 1
        if values > max_values:
            raise Unusual
        if not open_collections:
            root = value
        else:
            parent = open_collections[-1]
            if type(parent) is list:
                parent.append(value)
            elif keys[-1] is _NO_KEY:
                if type(value) is dict or type(value) is list or value in parent:
                    raise Unusual  # a collection as a key, or a duplicate key
                keys[-1] = value
            else:
                parent[keys[-1]] = value
                keys[-1] = _NO_KEY
        if type(value) is dict or type(value) is list:
            open_collections.append(value)
            keys.append(_NO_KEY)
