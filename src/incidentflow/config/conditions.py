"""Declarative conditions over incident fields, used by config rules, phase requirements and clocks.

A condition is data, never code: an organisation writes it in YAML and we evaluate it without
``eval``. Field paths are dotted (``personal_data.status``); a missing field is ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from incidentflow.record.model import invalid

_MISSING = None


def lookup(data: Mapping[str, Any], path: str) -> Any:
    """Return the value at a dotted path, or None when any part is absent."""
    current: Any = data
    for part in path.split("."):
        if not isinstance(current, Mapping):
            return _MISSING
        current = current.get(part, _MISSING)
        if current is _MISSING:
            return _MISSING
    return current


def is_filled(value: Any) -> bool:
    """A required value is filled when it is present and not blank."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Sequence | Mapping):
        return len(value) > 0
    return True


def number_bounds(value: Any) -> tuple[float, float] | None:
    """The lowest and highest a figure can be: a number, or a count written as a bound
    (``{at_least: N}``, ``{at_most: N}``, ``{about: N}``); None for anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), float(value)
    if not isinstance(value, Mapping):
        return None
    figures: dict[str, float] = {}
    for key in ("value", "about", "at_least", "at_most"):
        figure = value.get(key)
        if isinstance(figure, int | float) and not isinstance(figure, bool):
            figures[key] = float(figure)
    for key in ("value", "about"):
        if key in figures:
            return figures[key], figures[key]
    if not figures:
        return None
    return figures.get("at_least", 0.0), figures.get("at_most", float("inf"))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldTest(_Strict):
    """A test of one field. Exactly one operator besides ``field`` must be given."""

    field: str = Field(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")
    equals: str | int | float | bool | None = None
    in_: list[str | int | float | bool] | None = Field(default=None, alias="in")
    not_in: list[str | int | float | bool] | None = None
    contains_any: list[str] | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    exists: bool | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_operator(self) -> FieldTest:
        given = [
            name
            for name in self.model_fields_set
            if name != "field" and getattr(self, name) is not None
        ]
        if len(given) != 1:
            raise invalid("condition_one_operator")
        return self

    def holds(self, data: Mapping[str, Any]) -> bool:
        value = lookup(data, self.field)
        if self.exists is not None:
            return is_filled(value) is self.exists
        if self.equals is not None:
            return bool(value == self.equals)
        if self.in_ is not None:
            return value in self.in_
        if self.not_in is not None:
            return value not in self.not_in
        if self.contains_any is not None:
            items = value if isinstance(value, list) else []
            return any(item in items for item in self.contains_any)
        bounds = number_bounds(value)
        if bounds is None:
            return False
        # A bound holds when the figure may cross it: "at least 900" may be over 1,000, and
        # the duties these conditions start apply to what possibly happened.
        low, high = bounds
        if self.gt is not None:
            return high > self.gt
        if self.gte is not None:
            return high >= self.gte
        if self.lt is not None:
            return low < self.lt
        return self.lte is not None and low <= self.lte

    def describe(self) -> str:
        words = {
            "equals": "is",
            "in_": "is one of",
            "not_in": "is not one of",
            "contains_any": "includes any of",
            "gt": ">",
            "gte": "≥",
            "lt": "<",
            "lte": "≤",
            "exists": "is set:",
        }
        for name, word in words.items():
            operand = getattr(self, name)
            if operand is not None:
                shown = ", ".join(map(str, operand)) if isinstance(operand, list) else operand
                return f"{self.field} {word} {shown}"
        return self.field


class AllOf(_Strict):
    all: list[Condition] = Field(min_length=1)

    def holds(self, data: Mapping[str, Any]) -> bool:
        return all(part.holds(data) for part in self.all)

    def describe(self) -> str:
        return " and ".join(part.describe() for part in self.all)


class AnyOf(_Strict):
    any: list[Condition] = Field(min_length=1)

    def holds(self, data: Mapping[str, Any]) -> bool:
        return any(part.holds(data) for part in self.any)

    def describe(self) -> str:
        return "(" + " or ".join(part.describe() for part in self.any) + ")"


class NotCondition(_Strict):
    not_: Condition = Field(alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def holds(self, data: Mapping[str, Any]) -> bool:
        return not self.not_.holds(data)

    def describe(self) -> str:
        return f"not {self.not_.describe()}"


class Always(_Strict):
    always: Literal[True]

    def holds(self, data: Mapping[str, Any]) -> bool:
        return True

    def describe(self) -> str:
        return "always"


def _condition_kind(value: Any) -> str:
    """Pick the condition's shape by its key, so errors speak of one shape, not five.

    Anything that is neither a mapping nor a condition is checked as a field test, whose
    error says a mapping is expected."""
    if isinstance(value, Mapping):
        keys: Any = value.keys()
    elif isinstance(value, _Strict):
        keys = vars(value).keys()
    else:
        return "field"
    for key, kind in (("all", "all"), ("any", "any"), ("not", "not"), ("not_", "not")):
        if key in keys:
            return kind
    if "always" in keys:
        return "always"
    return "field"


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotCondition, Tag("not")]
    | Annotated[Always, Tag("always")]
    | Annotated[FieldTest, Tag("field")],
    Discriminator(_condition_kind),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotCondition.model_rebuild()
