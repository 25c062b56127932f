"""Writing issue numbers back into an incident file, changing nothing else.

ruamel.yaml's round-trip mode makes the edit (it knows where a key goes and how it is
indented), but its output is never written as a whole: we dump the front matter twice, as
loaded (R0) and as edited (R1), and transplant only the lines that differ between the two onto
the original text, aligned through the lines R0 reproduced exactly. Every other byte (comments,
key order, quoting, line endings, a BOM, the Markdown body) stays as it was, and a file that
already holds the numbers comes back byte-identical.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from incidentflow.record.load import Document, parse_document
from incidentflow.words.phrase import say
from incidentflow.words.sync import WRITE_BACK

_BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_BLOCK_KEY = re.compile(r"^[^\s#-][^#]*:\s*(#.*)?$")


class WriteBackError(Exception):
    """The file cannot be edited without touching more than the tracking lines."""

    def __init__(self, reason: str, **values: object) -> None:
        self.phrase = say(WRITE_BACK[reason], **values)
        super().__init__(str(self.phrase))


@dataclass(frozen=True, slots=True)
class TrackingUpdate:
    stakeholders: Mapping[str, int]
    prevention: Mapping[str, int]

    @property
    def empty(self) -> bool:
        return not self.stakeholders and not self.prevention


def pending_tracking(data: Mapping[str, Any], update: TrackingUpdate) -> TrackingUpdate:
    """The part of ``update`` that ``data`` (a loaded front matter) does not hold yet."""
    tracking = data.get("tracking")
    recorded = tracking if isinstance(tracking, Mapping) else {}

    def missing(name: str, wanted: Mapping[str, int]) -> dict[str, int]:
        have = recorded.get(name)
        have = have if isinstance(have, Mapping) else {}
        return {key: number for key, number in wanted.items() if not _same(have.get(key), number)}

    return TrackingUpdate(
        missing("stakeholders", update.stakeholders), missing("prevention", update.prevention)
    )


def _same(value: Any, number: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value == number


def set_tracking(raw: bytes, update: TrackingUpdate) -> bytes:
    """``raw`` with ``tracking.stakeholders`` / ``tracking.prevention`` holding these numbers."""
    # Most calls find the numbers already there (every run compares the default branch's
    # files): the fast loader answers that, and ruamel's round trip runs only for an edit.
    loaded, _ = parse_document(raw, "incident")
    data = loaded.data if loaded is not None else None
    if isinstance(data, Mapping) and pending_tracking(data, update).empty:
        return raw
    bom = raw.startswith(_BOM)
    try:
        text = raw[len(_BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as error:
        raise WriteBackError("not_utf8") from error
    lines = _LINE.findall(text)
    if not lines or _content(lines[0]).rstrip() != "---":
        raise WriteBackError("no_front_matter")
    close = next(
        (i for i in range(1, len(lines)) if _content(lines[i]).rstrip() in ("---", "...")), None
    )
    if close is None:
        raise WriteBackError("not_closed")
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    original = [_content(line) for line in lines[1:close]]
    if any("\r" in line for line in original):
        raise WriteBackError("bare_cr")
    source = "".join(line + "\n" for line in original)
    if isinstance(data, Mapping) and "tracking" not in data:
        # The first write-back of a file: a block of plain lines at the end of the front
        # matter, no round trip. Verified like any edit; a file it does not fit goes to ruamel.
        block = _tracking_block(update, _guess_indent(source)[0])
        if block is not None:
            middle = "".join(lines[1:close]) + "".join(row + newline for row in block)
            result = "".join(lines[:1]) + middle + "".join(lines[close:])
            output = (_BOM if bom else b"") + result.encode("utf-8")
            try:
                _verify(loaded, output, update)
                return output
            except WriteBackError:
                pass

    yaml = _yaml(source)
    try:
        data = yaml.load(source)
    except YAMLError as error:
        raise WriteBackError("not_yaml", error=str(error)) from error
    if not isinstance(data, CommentedMap):
        raise WriteBackError("not_mapping")
    pending = pending_tracking(data, update)
    if pending.empty:
        return raw
    as_loaded = _dump(yaml, data)
    _apply(data, pending)
    spliced = _transplant(original, as_loaded, _dump(yaml, data))
    kept = lines[1:close]
    middle = "".join(kept[item] if isinstance(item, int) else item + newline for item in spliced)
    result = "".join(lines[:1]) + middle + "".join(lines[close:])
    output = (_BOM if bom else b"") + result.encode("utf-8")
    _verify(loaded, output, update)
    return output


_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


def _tracking_block(update: TrackingUpdate, indent: int) -> list[str] | None:
    """``tracking:`` with the numbers as plain YAML lines; None for a key that would need
    quoting (ruamel writes those)."""
    rows = ["tracking:"]
    for name, values in (("stakeholders", update.stakeholders), ("prevention", update.prevention)):
        if not values:
            continue
        rows.append(f"{' ' * indent}{name}:")
        for key, number in values.items():
            if not _PLAIN_KEY.match(key):
                return None
            rows.append(f"{' ' * 2 * indent}{key}: {number}")
    return rows


def _content(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")


def _guess_indent(source: str) -> tuple[int, int]:
    """(mapping indent, sequence dash offset) as the file writes them; defaults 2 and 0."""
    mapping: int | None = None
    offset: int | None = None
    rows = source.split("\n")
    for number, row in enumerate(rows):
        if not _BLOCK_KEY.match(row):
            continue
        for child in rows[number + 1 :]:
            stripped = child.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                continue
            indent = len(child) - len(stripped)
            if indent and stripped.startswith("- "):
                offset = indent if offset is None else offset
            elif indent:
                mapping = indent if mapping is None else mapping
            break
        if mapping is not None and offset is not None:
            break
    return mapping or 2, offset or 0


def _yaml(source: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.default_flow_style = False
    mapping, offset = _guess_indent(source)
    yaml.indent(mapping=mapping, sequence=mapping + offset, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> list[str]:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().split("\n")[:-1]


def _apply(data: CommentedMap, pending: TrackingUpdate) -> None:
    """Write the numbers that ``pending_tracking`` found missing or different."""
    tracking = data.get("tracking")
    if not isinstance(tracking, CommentedMap):
        tracking = CommentedMap()
        data["tracking"] = tracking
    for name, values in (
        ("stakeholders", pending.stakeholders),
        ("prevention", pending.prevention),
    ):
        if not values:
            continue
        section = tracking.get(name)
        if not isinstance(section, CommentedMap):
            section = CommentedMap()
            tracking[name] = section
        for key, number in values.items():
            section[key] = number


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _transplant(original: list[str], before: list[str], after: list[str]) -> list[int | str]:
    """The original lines (as indexes) with the before→after edits spliced in (as text).

    ``before`` lines that equal an original line anchor the edits. Where the file writes a
    line differently from ruamel (``tracking: null`` for ``tracking:``), that line is replaced
    only if the edit nests under it; otherwise new lines go next to the nearest anchor.
    """
    to_original: dict[int, int] = {}
    for tag, o1, _, b1, b2 in SequenceMatcher(None, original, before, False).get_opcodes():
        if tag == "equal":
            to_original.update({b1 + k: o1 + k for k in range(b2 - b1)})

    def anchor_before(index: int) -> int:
        """The original position just after the last anchored line before ``index``."""
        while index > 0 and index - 1 not in to_original:
            index -= 1
        return to_original[index - 1] + 1 if index > 0 else 0

    def anchor_after(index: int) -> int:
        """The original position of the first anchored line at or after ``index``."""
        while index < len(before) and index not in to_original:
            index += 1
        return to_original[index] if index < len(before) else len(original)

    splices: list[tuple[int, int, list[str]]] = []
    for tag, b1, b2, a1, a2 in SequenceMatcher(None, before, after, False).get_opcodes():
        if tag == "equal":
            continue
        text = after[a1:a2]
        parent = b1 - 1
        if b1 < b2:
            mapped = [to_original.get(k) for k in range(b1, b2)]
            first = mapped[0]
            if first is not None and mapped == list(range(first, first + len(mapped))):
                start, end = first, first + len(mapped)
            else:
                start, end = anchor_before(b1), anchor_after(b2)
        elif parent in to_original:
            start = end = to_original[parent] + 1
        elif parent >= 0 and text and _indent(text[0]) > _indent(before[parent]):
            lowest = parent
            while lowest > 0 and lowest - 1 not in to_original:
                lowest -= 1
            text = after[a1 - (b1 - lowest) : a2]
            start, end = anchor_before(lowest), anchor_after(b1)
        else:
            start = end = anchor_after(b1)
        splices.append((start, end, text))
    result: list[int | str] = []
    position = 0
    for start, end, text in splices:
        if start < position:
            raise WriteBackError("unusual_lines")
        result.extend(range(position, start))
        result.extend(text)
        position = end
    result.extend(range(position, len(original)))
    return result


def _verify(before: Document | None, output: bytes, update: TrackingUpdate) -> None:
    """The edit set these numbers, kept every other value, or it is refused. ``before`` is
    the file as loaded before the edit."""
    after, _ = parse_document(output, "after")
    if before is None or after is None:
        raise WriteBackError("would_not_load")
    old, new = dict(before.data), dict(after.data)
    old_tracking = old.pop("tracking", None)
    expected: dict[str, Any] = dict(old_tracking) if isinstance(old_tracking, Mapping) else {}
    for name, values in (("stakeholders", update.stakeholders), ("prevention", update.prevention)):
        if values:
            section = expected.get(name)
            expected[name] = {**(section if isinstance(section, Mapping) else {}), **values}
    new_tracking = new.pop("tracking", None)
    if old != new or before.body != after.body or new_tracking != expected:
        raise WriteBackError("more_than_tracking")
