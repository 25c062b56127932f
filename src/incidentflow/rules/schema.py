"""Turn pydantic validation errors into findings a person can act on.

Each error becomes a catalogued finding (``words/findings_format.py``): its kind names what
is wrong and its values say where and with what, so it reads in either language.
"""

from __future__ import annotations

import difflib
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from incidentflow.record.positions import PositionIndex, format_loc
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.words.findings_format import MESSAGES, REASONS, TOP_LEVEL


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


def closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The choice ``word`` is most likely a typo of, or None when none is close."""
    if len(word) > _LONGEST_SHOWN:
        return None  # nothing that long is a typo of a name, and difflib is quadratic
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


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
    """One finding per pydantic error (one per value where a value may take several
    types), positioned on the offending key or value.

    ``prefix`` is ``IF`` for incident files and ``CF`` for the config; codes are stable.
    """
    findings: list[Finding] = []
    index = positions()
    for item in _one_per_value(error.errors(include_url=False)):
        loc = _without_union_tags(item["loc"])
        code, kind, values, at_key = _describe_error(item, loc, root, prefix)
        if loc[-1:] == ("[key]",):  # the error is about a mapping's key, not its value
            loc, at_key = loc[:-1], True
        position = index.key_of(loc) if at_key else index.value_of(loc)
        findings.append(
            finding(
                path,
                position.line,
                position.column,
                prefix + code,
                Level.ERROR,
                kind,
                where=format_loc(loc) or TOP_LEVEL,
                **values,
            )
        )
    return findings


# Fields of earlier versions of the record, and where their facts go now: the record moved
# to typed counts under `impact` and a notification log (README, "The record").
_RENAMED: dict[tuple[str, str], tuple[str, str]] = {
    ("impact", "shops_affected"): ("renamed", "impact.shops"),
    ("impact", "orders_affected"): ("renamed", "impact.orders"),
    ("impact", "users_affected"): ("renamed", "impact.people"),
    ("impact", "transactions_affected"): ("renamed", "impact.transactions"),
    ("impact", "amount_jpy"): ("renamed_amount", "impact.amount"),
    **{
        ("notifications", slot): ("renamed_log", "notifications.log")
        for slot in ("notified_at", "preliminary_reported_at", "final_reported_at")
    },
}


def _describe_error(
    item: ErrorDetails, loc: tuple[str | int, ...], root: type[BaseModel], prefix: str
) -> tuple[str, str, dict[str, str], bool]:
    """The code's last digits, the catalogue's kind and its values for one pydantic error,
    and whether the finding points at the key (else at the value)."""
    kind = item["type"]
    value = item.get("input")
    context = item.get("ctx", {})
    if kind == "extra_forbidden":
        where = format_loc(loc)
        name = str(loc[-1])
        if root.__name__ == "Incident":
            renamed = _RENAMED.get((str(loc[0]), name)) if len(loc) <= 3 else None
            if renamed is not None:
                return "020", renamed[0], {"name": name, "replacement": renamed[1]}, True
        homes = [home for home in _homes(root, name) if home != where]
        if 0 < len(homes) <= 3:
            # A real field in the wrong place: say where it goes, not what it resembles.
            return "020", "misplaced", {"name": name, "homes": "\n".join(homes)}, True
        model = model_at(root, loc)
        suggestion = closest(name, _field_names(model)) if model else None
        if suggestion is not None:
            return "020", "unknown_suggested", {"suggestion": suggestion}, True
        return "020", "unknown", {}, True
    if kind in ("enum", "literal_error"):
        expected = str(context.get("expected", ""))
        options = [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",")]
        options = [option for option in options if option]
        values = {"value": shown(value), "expected": expected, "options": "\n".join(options)}
        kind = "not_allowed"
        if loc[-1:] == ("[key]",):
            kind, values["section"] = "key_not_allowed", format_loc(loc[:-2]) or TOP_LEVEL
        suggestion = closest(str(value), options)
        if suggestion is not None:
            return "022", kind + "_suggested", {**values, "suggestion": suggestion}, False
        return "022", kind, values, False
    if kind == _SCALAR_UNION:
        return "021", "scalar_expected", {"got": _got(value)}, False
    if kind == "timezone_aware":
        return "023", "no_zone", {}, False
    if kind.startswith(("datetime_", "date_")):
        reason = str(item["msg"]).lower()
        return "024", "not_a_time", {"value": shown(value), "reason": reason}, False
    if kind == "string_pattern_mismatch":
        return "025", _form_kind(loc, prefix), {"value": shown(value)}, False
    if kind == "missing":
        return "021", "missing", {}, True
    if kind == "value_error":
        reason = str(item["msg"]).removeprefix("Value error, ")
        return "021", "invalid", {"reason": reason}, False
    values = {name: str(data) for name, data in context.items() if name != "error"}
    if kind in REASONS:  # a validator's own error (``record.model.invalid``)
        return "021", kind, values, False
    values |= {"message": str(item["msg"]), "got": _got(value)}
    return "021", kind if kind in _PYDANTIC_KINDS else "other", values, False


# pydantic's error types with words of their own in the catalogue; any other says its message.
_PYDANTIC_KINDS = frozenset(MESSAGES["IF021"]) - frozenset(REASONS)


# A value that may be text, a number or true/false (a condition's operand) gets one error per
# type from pydantic, each at the value's path plus the type's name; they are one finding.
_SCALAR_TAGS = frozenset({"str", "int", "float", "bool"})
_SCALAR_UNION = "scalar_union"


def _one_per_value(items: list[ErrorDetails]) -> list[ErrorDetails]:
    kept: list[ErrorDetails] = []
    merged: set[tuple[str | int, ...]] = set()
    for item in items:
        loc = item["loc"]
        if not (loc and loc[-1] in _SCALAR_TAGS and item["type"].endswith(("_type", "_parsing"))):
            kept.append(item)
        elif loc[:-1] not in merged:
            merged.add(loc[:-1])
            kept.append(
                ErrorDetails(type=_SCALAR_UNION, loc=loc[:-1], msg=item["msg"], input=item["input"])
            )
    return kept


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


def _got(value: Any) -> str:
    """What a field holds instead of what it should: 'mapping', 'list' or the value's repr
    (``words.findings_format`` says the first two in the reader's language)."""
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return shown(repr(value))


# The catalogue's kind for a value that does not match its field's pattern, by field name.
_INCIDENT_FORMS = {
    "rule": "not_a_rule",
    "lang": "not_a_language",
    "currency": "currency",
    "url": "url",
}
_CONFIG_FORMS = {
    "key": "key",
    "id": "lower_id",
    "id_prefix": "id_prefix",
    "team": "team",
    "field": "field_path",
    "label": "label",
    "urgent_label": "label",
    "declared_label": "label",
}


def _form_kind(loc: tuple[str | int, ...], prefix: str) -> str:
    last = loc[-1] if loc else ""
    if prefix == "CF":
        return _CONFIG_FORMS.get(str(last), "plain_name")
    if last in ("id", "duplicate_of") and len(loc) == 1:
        return "not_an_id"
    return _INCIDENT_FORMS.get(str(last), "plain_name")
