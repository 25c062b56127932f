"""Mermaid charts GitHub renders: an incident's phases and deadlines, and the monthly trends.

Every function returns a fenced ```mermaid block (or "" when there is nothing to draw).
Text in a chart comes from incident files and the config, so it is data: ``label`` keeps
only characters that cannot end a statement, open a comment or change the syntax.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

from incidentflow.config.conditions import lookup
from incidentflow.record.times import parse_moment
from incidentflow.words.charts import POINTS, SECTIONS, SPANS

# Colours of the series, in order, and the square of the same colour for the legend below
# the chart (xychart-beta draws no legend of its own).
PALETTE: tuple[tuple[str, str], ...] = (
    ("#e53935", "🟥"),
    ("#fb8c00", "🟧"),
    ("#fdd835", "🟨"),
    ("#43a047", "🟩"),
    ("#1e88e5", "🟦"),
    ("#8e24aa", "🟪"),
)

# Mermaid syntax characters and their look-alikes that mean nothing to it.
_REPLACEMENTS = str.maketrans(
    {
        ":": "：",
        ";": "；",
        "#": "＃",
        "%": "％",
        '"': "”",
        "`": "'",
        "<": "‹",
        ">": "›",
        "{": "(",
        "}": ")",
        "[": "(",
        "]": ")",
        ",": "，",
        "|": "｜",
        "\\": "＼",
        "&": "＆",
    }
)


def label(text: Any, limit: int = 60) -> str:
    """``text`` safe inside any Mermaid statement: one line, no syntax characters."""
    value = "".join(
        " " if unicodedata.category(char)[0] in "CZ" else char for char in str(text or "")
    )
    value = re.sub(r"\s+", " ", value.translate(_REPLACEMENTS)).strip()
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value or "-"


# Words that start a statement of their own in a Gantt: a task named like this would be read
# as that statement, so it gets a mark in front.
GANTT_KEYWORDS = (
    "title", "section", "dateformat", "axisformat", "tickinterval", "excludes", "includes",
    "todaymarker", "weekday", "weekend", "click", "call", "href", "inclusiveenddates",
    "topaxis", "accTitle", "accDescr", "displaymode",
)  # fmt: skip


def task_name(text: Any) -> str:
    """``label`` for a Gantt task: never read as a keyword statement."""
    name = label(text)
    first = name.split(" ", 1)[0].lower()
    return f"・{name}" if any(first.startswith(k.lower()) for k in GANTT_KEYWORDS) else name


def fence(lines: Sequence[str]) -> str:
    return "```mermaid\n" + "\n".join(lines) + "\n```"


def _palette_init(picked: Sequence[int]) -> str:
    colours = ", ".join(PALETTE[i % len(PALETTE)][0] for i in picked)
    return '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "' + colours + '"}}}}%%'


def legend(names: Sequence[str], picked: Sequence[int] | None = None) -> str:
    """The squares matching the series colours: '🟥 sev1 · 🟧 sev2'."""
    order = list(picked) if picked is not None else list(range(len(names)))
    return " · ".join(
        f"{PALETTE[i % len(PALETTE)][1]} {name}" for i, name in zip(order, names, strict=True)
    )


# ---------------------------------------------------------------------------- one incident

# The points of an incident's life, in order, and the phase each span between two recorded
# points is called by.
PHASE_POINTS: tuple[tuple[str, str], ...] = (
    ("started", "started_at"),
    ("detected", "detected_at"),
    ("decided", "decision.decided_at"),
    ("mitigated", "mitigated_at"),
    ("resolved", "resolved_at"),
    ("closed", "closed_at"),
)
GANTT_DATE = "%Y-%m-%d %H:%M"


def _when(value: Any, zone: tzinfo) -> datetime | None:
    moment = parse_moment(value, zone)
    return moment.earliest.astimezone(zone) if moment is not None else None


def phase_points(data: Mapping[str, Any], zone: tzinfo) -> list[tuple[str, datetime]]:
    """The recorded points in time order (phase order for equal times), so the chart never
    draws a span backwards: the impact may stop before the decision, for one."""
    points: list[tuple[str, datetime]] = []
    for key, path in PHASE_POINTS:
        moment = _when(lookup(data, path), zone)
        if moment is not None:
            points.append((key, moment))
    return sorted(points, key=lambda point: point[1])


def incident_gantt(
    data: Mapping[str, Any],
    clocks: Sequence[Mapping[str, Any]],
    zone: tzinfo,
    language: str,
    now: datetime | None,
) -> str:
    """A Gantt of the incident's phases with its regulatory deadlines as milestones.

    ``clocks`` are clock dictionaries (``ClockState.as_dict``): name, state, due. With
    ``now``, an open incident's current phase runs until then; without it the chart shows
    only what is recorded, so it stays the same from one run to the next (issue headers).
    """
    points = phase_points(data, zone)
    if not points:
        return ""
    local_now = now.astimezone(zone) if now is not None else None
    final = str(data.get("status")) in ("closed", "declined", "duplicate")
    lines = [
        "gantt",
        f"    title {label(data.get('id') or data.get('title'))}",
        "    dateFormat YYYY-MM-DD HH:mm",
    ]
    dues = [_when(clock.get("due"), zone) for clock in clocks]
    moments = [when for _, when in points] + [d for d in dues if d is not None]
    if not final and local_now is not None:
        moments.append(local_now)
    spread = max(moments) - min(moments)
    lines.append(f"    axisFormat {'%m-%d %H:%M' if spread.days < 3 else '%m-%d'}")
    lines.append(f"    section {SECTIONS['phases'](language)}")
    spans = list(itertools.pairwise(points))
    for number, ((key, start), (_, end)) in enumerate(spans, start=1):
        name = (SPANS.get(key) or POINTS[key])(language)
        lines.append(
            f"    {task_name(name)} :done, p{number}, {start:{GANTT_DATE}}, {end:{GANTT_DATE}}"
        )
    last_key, last = points[-1]
    if not final and local_now is not None and last_key in SPANS and local_now > last:
        name = SPANS[last_key](language)
        lines.append(
            f"    {task_name(name)} :active, p{len(spans) + 1}, "
            f"{last:{GANTT_DATE}}, {local_now:{GANTT_DATE}}"
        )
    for number, (key, when) in enumerate(points, start=1):
        name = POINTS[key](language)
        lines.append(f"    {task_name(name)} :milestone, t{number}, {when:{GANTT_DATE}}, 0m")
    deadlines = [(clock, due) for clock, due in zip(clocks, dues, strict=True) if due is not None]
    if deadlines:
        lines.append(f"    section {SECTIONS['deadlines'](language)}")
        for number, (clock, due) in enumerate(deadlines, start=1):
            state = str(clock.get("state"))
            tag = {"overdue": "crit, ", "done": "done, ", "done_late": "crit, done, "}.get(
                state, "active, " if state == "running" else ""
            )
            lines.append(
                f"    {task_name(clock.get('name'))} :{tag}milestone, c{number}, "
                f"{due:{GANTT_DATE}}, 0m"
            )
    return fence(lines)


# ---------------------------------------------------------------------------- monthly charts


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def xychart(
    title: str,
    categories: Sequence[str],
    y_title: str,
    series: Sequence[tuple[str, str, Sequence[float]]],
    colours: Sequence[int] | None = None,
) -> str:
    """An xychart-beta with ``series`` of (kind 'bar' or 'line', name, values), coloured in
    order (or by ``colours``, indexes into ``PALETTE``), and its legend line under it.
    Empty when every value is zero."""
    if not categories or not any(any(values) for _, _, values in series):
        return ""
    top = max(max(values) for _, _, values in series)
    axis = ", ".join(f'"{label(c, 20)}"' for c in categories)
    picked = list(colours) if colours is not None else list(range(len(series)))
    lines = [
        _palette_init(picked),
        "xychart-beta",
        f'    title "{label(title)}"',
        f"    x-axis [{axis}]",
        f'    y-axis "{label(y_title)}" 0 --> {max(1, math.ceil(top * 1.1))}',
    ]
    for kind, _, values in series:
        lines.append(f"    {kind} [{', '.join(_number(v) for v in values)}]")
    return fence(lines) + "\n\n" + legend([name for _, name, _ in series], picked)


def pie(title: str, slices: Sequence[tuple[str, int]]) -> str:
    shown = [(name, value) for name, value in slices if value > 0]
    if not shown:
        return ""
    lines = ["pie showData", f"    title {label(title)}"]
    lines += [f'    "{label(name, 40)}" : {value}' for name, value in shown]
    return fence(lines)
