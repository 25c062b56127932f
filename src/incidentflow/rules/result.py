"""One incident file after validation: its document, model, findings, and lazy extras."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from incidentflow.record.load import Document
from incidentflow.record.model import Incident, Status, parse_status
from incidentflow.record.positions import PositionIndex
from incidentflow.record.sections import Section, find_sections
from incidentflow.rules.clocks import ClockState
from incidentflow.rules.findings import Finding, Level, finding


@dataclass(slots=True)
class ValidatedIncident:
    document: Document
    incident: Incident | None
    findings: list[Finding] = field(default_factory=list)
    clocks: list[ClockState] = field(default_factory=list)  # the triggered regulatory clocks
    _positions: PositionIndex | None = None
    _sections: list[Section] | None = None

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    @property
    def status(self) -> Status | None:
        return parse_status(self.data.get("status"))

    @property
    def parsed_for_positions(self) -> bool:
        """Whether a finding needed positions, parsing the front matter a second time."""
        return self._positions is not None and self._positions.parsed

    def positions(self) -> PositionIndex:
        if self._positions is None:
            self._positions = PositionIndex(
                self.document.front_matter, self.document.front_matter_line
            )
        return self._positions

    def sections(self) -> list[Section]:
        if self._sections is None:
            self._sections = find_sections(self.document.text)
        return self._sections

    def say(
        self,
        loc: tuple[str | int, ...],
        code: str,
        kind: str,
        *,
        value: bool = False,
        level: Level = Level.ERROR,
        **values: object,
    ) -> Finding:
        """A catalogued finding (``words/findings.py``) on the key at ``loc``, or on its value."""
        index = self.positions()
        position = index.value_of(loc) if value else index.key_of(loc)
        return finding(
            self.document.path, position.line, position.column, code, level, kind, **values
        )
