"""Turn pydantic validation errors into findings a person can act on."""

from __future__ import annotations

import difflib
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from incidentflow.record.positions import PositionIndex, format_loc
from incidentflow.rules.findings import Finding, Level


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...], list[...], dict[str, ...] annotations."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation
    for arg in reversed(typing.get_args(annotation)):
        if arg is type(None):
            continue
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    if origin in (types.UnionType, typing.Union):
        return None
    return None


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model that holds the last part of ``loc``, for suggesting its field names."""
    model: type[BaseModel] | None = root
    for part in loc[:-1]:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        inner = _unwrap(info.annotation)
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    return model


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    if len(word) > _LONGEST_SHOWN:
        return ""  # nothing that long is a typo of a name, and difflib is quadratic
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{matches[0]}'?" if matches else ""


@functools.cache
def _all_paths(root: type[BaseModel]) -> tuple[str, ...]:
    """Every field path of a model tree, lists shown as ``[*]``; each model visited once."""
    paths: list[str] = []
    seen: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            shown_name = info.alias or name
            inner = _unwrap(info.annotation)
            listed = typing.get_origin(info.annotation) is list or "list[" in str(info.annotation)
            path = f"{prefix}{shown_name}"
            paths.append(path)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner, f"{path}[*]." if listed else f"{path}.")

    walk(root, "")
    return tuple(paths)


def _homes(root: type[BaseModel], word: str) -> list[str]:
    return [path for path in _all_paths(root) if path.rsplit(".", 1)[-1] == word]


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def findings_from_error(
    error: ValidationError,
    *,
    path: str,
    root: type[BaseModel],
    positions: Callable[[], PositionIndex],
    prefix: str,
) -> list[Finding]:
    """One finding per pydantic error, positioned on the offending key or value.

    ``prefix`` is ``IF`` for incident files and ``CF`` for the config; codes are stable.
    """
    findings: list[Finding] = []
    index = positions()
    for item in error.errors(include_url=False):
        loc = _without_union_tags(item["loc"])
        where = format_loc(loc) or "(top level)"
        kind = item["type"]
        value = item.get("input")
        if kind == "extra_forbidden":
            model = model_at(root, loc)
            homes = [home for home in _homes(root, str(loc[-1])) if home != where]
            position = index.key_of(loc)
            if 0 < len(homes) <= 3:
                # A real field in the wrong place: say where it goes, not what it resembles.
                places = " or ".join(f"'{home}'" for home in homes)
                code, message = (
                    "020",
                    f"unknown field '{where}': '{loc[-1]}' belongs at {places}; move it there.",
                )
            else:
                hint = suggest(str(loc[-1]), _field_names(model)) if model else ""
                code, message = (
                    "020",
                    f"unknown field '{where}'.{hint} Remove it or fix its spelling.",
                )
        elif kind == "enum" or kind == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            options = [part.strip(" '\"") for part in str(expected).replace(" or ", ",").split(",")]
            hint = suggest(str(value), [option for option in options if option])
            position = index.value_of(loc)
            code, message = (
                "022",
                f"'{shown(value)}' is not allowed for {where}.{hint} Use one of: {expected}.",
            )
        elif kind == "timezone_aware":
            position = index.value_of(loc)
            code, message = (
                "023",
                f"{where} has no time zone: add one, e.g. '2026-11-29T15:30:00+09:00', or "
                "write the day alone (2026-11-29) if only the day is known.",
            )
        elif kind.startswith(("datetime_", "date_")) or kind in ("datetime_type", "date_type"):
            position = index.value_of(loc)
            code, message = (
                "024",
                f"{where}: '{shown(value)}' is not a real date/time ({item['msg'].lower()}). "
                "Write it as YYYY-MM-DDTHH:MM:SS+09:00, or YYYY-MM-DD for a day.",
            )
        elif kind == "string_pattern_mismatch":
            position = index.value_of(loc)
            code, message = ("025", f"{where}: '{shown(value)}' {_form_hint(loc)}")
        elif kind == "value_error":
            position = index.value_of(loc)
            reason = str(item["msg"]).removeprefix("Value error, ")
            code, message = ("021", f"{where}: {reason}.")
        elif kind == "missing":
            position = index.key_of(loc)
            code, message = ("021", f"{where} is required here: add it.")
        else:
            position = index.value_of(loc)
            code, message = (
                "021",
                f"{where}: {item['msg']}; got {_describe(value)}. Fix the value.",
            )
        findings.append(
            Finding(path, position.line, position.column, prefix + code, Level.ERROR, message)
        )
    return findings


_CONDITION_TAGS = frozenset({"all", "any", "not", "always", "field"})
_COUNT_TAGS = frozenset({"count:number", "count:bounds"})  # see ``model.CountValue``


def _without_union_tags(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop the tag names that pydantic adds to locations inside a condition.

    A tag follows every place a condition can stand: a ``when``/``not`` key or an item of an
    ``all``/``any`` list. It is not part of the YAML path, so positions would miss without this.
    """
    kept: list[str | int] = []
    expect_tag = False
    for part in loc:
        if part in _COUNT_TAGS:
            continue
        if expect_tag and part in _CONDITION_TAGS:
            expect_tag = False
            continue
        kept.append(part)
        previous = kept[-2] if len(kept) > 1 else None
        expect_tag = part in ("when", "not") or (
            isinstance(part, int) and previous in ("all", "any")
        )
    return tuple(kept)


# Values are quoted in messages up to this length: a pasted log must not become the message.
_LONGEST_SHOWN = 60


def shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= _LONGEST_SHOWN else text[: _LONGEST_SHOWN - 3] + "..."


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return shown(repr(value))


def _form_hint(loc: tuple[str | int, ...]) -> str:
    last = loc[-1] if loc else ""
    if last in ("id", "duplicate_of") and len(loc) == 1:
        return (
            "is not an incident ID: IDs look like INC-20261129-1530-payment-timeout-k3f9 "
            "(prefix, date, time, lowercase words); `incident new` makes them."
        )
    if last == "rule":
        return "is not a rule code: codes look like IF031 or GT030 (see the README)."
    if last == "lang":
        return "must be ja or en."
    return "must be letters, digits, '-' and '_' only, starting with a letter or digit."
