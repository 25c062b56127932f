"""A small checker for the Mermaid we generate: each ```mermaid block is parsed back, so a
chart never breaks silently on GitHub.

It knows the subset we write — gantt, xychart-beta and pie — and is stricter than Mermaid:
anything it does not recognise is an error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

_BLOCK = re.compile(r"^```mermaid\n(.*?)\n```$", re.S | re.M)
_INIT = re.compile(r"^%%\{init: (\{.*\})\}%%$")
# Characters that end or change a statement in a label: never allowed in a name we write.
_FORBIDDEN = re.compile(r"[:;#%\"`<>{}\[\],|\\&\n\r\t]")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_DURATION = re.compile(r"^\d+[mhdw]$")
_KEYWORD = (
    r"(title|section|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|weekday"
    r"|weekend|click|call|href|inclusiveenddates|topaxis|acctitle|accdescr|displaymode)"
)
_TAGS = {"done", "active", "crit", "milestone"}
_NUMBER = r"-?\d+(?:\.\d+)?"


class MermaidError(AssertionError):
    pass


@dataclass
class Chart:
    kind: str
    title: str = ""
    sections: list[str] = field(default_factory=list)
    # gantt: (section, name, tags, id, start, end or None for a duration)
    tasks: list[tuple[str, str, list[str], str, datetime, datetime | None]] = field(
        default_factory=list
    )
    categories: list[str] = field(default_factory=list)
    series: list[tuple[str, list[float]]] = field(default_factory=list)
    slices: list[tuple[str, float]] = field(default_factory=list)
    init: dict[str, object] | None = None


def blocks(markdown: str) -> list[str]:
    return _BLOCK.findall(markdown.replace("\r\n", "\n"))


def parse_all(markdown: str) -> list[Chart]:
    return [parse(block) for block in blocks(markdown)]


def _name(text: str, where: str) -> str:
    text = text.strip()
    if not text or _FORBIDDEN.search(text):
        raise MermaidError(f"{where}: unsafe name {text!r}")
    return text


def _quoted(text: str, where: str) -> str:
    match = re.fullmatch(r'"([^"]*)"', text.strip())
    if match is None:
        raise MermaidError(f"{where}: expected a quoted string, got {text!r}")
    return _name(match.group(1), where)


def parse(block: str) -> Chart:
    lines = [line for line in block.split("\n") if line.strip()]
    init = None
    if lines and lines[0].startswith("%%{"):
        found = _INIT.match(lines[0])
        if found is None:
            raise MermaidError(f"bad init directive {lines[0]!r}")
        init = json.loads(found.group(1))
        lines = lines[1:]
    if not lines:
        raise MermaidError("empty chart")
    kind = lines[0].strip()
    if kind == "gantt":
        chart = _gantt(lines[1:])
    elif kind == "xychart-beta":
        chart = _xychart(lines[1:])
    elif kind in ("pie", "pie showData"):
        chart = _pie(lines[1:])
    else:
        raise MermaidError(f"unknown chart type {kind!r}")
    chart.init = init
    return chart


def _gantt(lines: list[str]) -> Chart:
    chart = Chart("gantt")
    section = ""
    ids: set[str] = set()
    date_format = None
    for line in lines:
        text = line.strip()
        if text.startswith("title "):
            chart.title = _name(text[6:], "title")
        elif text.startswith("dateFormat "):
            date_format = text[11:]
            if date_format != "YYYY-MM-DD HH:mm":
                raise MermaidError(f"unexpected dateFormat {date_format!r}")
        elif text.startswith("axisFormat "):
            if not re.fullmatch(r"(%[a-zA-Z][ \-/:]?)+", text[11:].replace(" ", " ")):
                raise MermaidError(f"bad axisFormat {text!r}")
        elif text.startswith("section "):
            section = _name(text[8:], "section")
            chart.sections.append(section)
        else:
            name, colon, rest = text.partition(" :")
            if not colon:
                raise MermaidError(f"not a task line {text!r}")
            if date_format is None:
                raise MermaidError("task before dateFormat")
            parts = [part.strip() for part in rest.split(",")]
            tags = [part for part in parts if part in _TAGS]
            others = [part for part in parts if part not in _TAGS]
            if parts[: len(tags)] != tags or len(others) != 3:
                raise MermaidError(f"task needs tags, then id, start, end: {text!r}")
            task_id, start_text, end_text = others
            if not _ID.match(task_id) or task_id in ids:
                raise MermaidError(f"bad or repeated task id {task_id!r}")
            ids.add(task_id)
            start = datetime.strptime(start_text, "%Y-%m-%d %H:%M")
            end = None
            if not _DURATION.match(end_text):
                end = datetime.strptime(end_text, "%Y-%m-%d %H:%M")
                if end < start:
                    raise MermaidError(f"task ends before it starts: {text!r}")
            if "milestone" in tags and end is not None:
                raise MermaidError(f"a milestone takes a duration: {text!r}")
            if re.match(_KEYWORD, name.strip(), re.I):
                raise MermaidError(f"a task name read as a statement: {text!r}")
            chart.tasks.append((section, _name(name, "task"), tags, task_id, start, end))
    return chart


def _xychart(lines: list[str]) -> Chart:
    chart = Chart("xychart-beta")
    for line in lines:
        text = line.strip()
        if text.startswith("title "):
            chart.title = _quoted(text[6:], "title")
        elif text.startswith("x-axis "):
            found = re.fullmatch(r"x-axis \[(.*)\]", text)
            if found is None:
                raise MermaidError(f"bad x-axis {text!r}")
            chart.categories = [
                _quoted(part, "category") for part in re.findall(r'"[^"]*"', found.group(1))
            ]
            if found.group(1).count('"') != 2 * len(chart.categories):
                raise MermaidError(f"bad categories {text!r}")
        elif text.startswith("y-axis "):
            found = re.fullmatch(rf'y-axis ("[^"]*") ({_NUMBER}) --> ({_NUMBER})', text)
            if found is None or float(found.group(2)) >= float(found.group(3)):
                raise MermaidError(f"bad y-axis {text!r}")
            _quoted(found.group(1), "y-axis")
        else:
            found = re.fullmatch(rf"(bar|line) \[((?:{_NUMBER})(?:, {_NUMBER})*)\]", text)
            if found is None:
                raise MermaidError(f"not a series line {text!r}")
            values = [float(v) for v in found.group(2).split(", ")]
            chart.series.append((found.group(1), values))
    if not chart.categories or not chart.series:
        raise MermaidError("xychart without categories or series")
    for _, values in chart.series:
        if len(values) != len(chart.categories):
            raise MermaidError("a series does not match the categories")
    return chart


def _pie(lines: list[str]) -> Chart:
    chart = Chart("pie")
    for line in lines:
        text = line.strip()
        if text.startswith("title "):
            chart.title = _name(text[6:], "title")
            continue
        found = re.fullmatch(rf'("[^"]*") : ({_NUMBER})', text)
        if found is None:
            raise MermaidError(f"not a slice {text!r}")
        chart.slices.append((_quoted(found.group(1), "slice"), float(found.group(2))))
    if not chart.slices:
        raise MermaidError("pie without slices")
    return chart
