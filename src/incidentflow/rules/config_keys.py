"""Values that must come from the config: severities (IF043) and stakeholder keys (IF044)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from incidentflow.config.settings import Config
from incidentflow.rules.findings import Finding, with_note
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.schema import shown


def did_you_mean(found: Finding, word: str, choices: Iterable[str]) -> Finding:
    """``found``, then "Did you mean …?" when one of ``choices`` is close to ``word``."""
    if shown(word) != word:
        return found  # nothing that long is a typo of a name, and difflib is quadratic
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return with_note(found, "did_you_mean", suggestion=matches[0]) if matches else found


def config_key_findings(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    # (where, the value given, code, kind of message, the config's keys)
    values: list[tuple[tuple[str | int, ...], str, str, str, list[str]]] = []
    severity = result.data.get("severity")
    if isinstance(severity, str):
        values.append((("severity",), severity, "IF043", "unknown_severity", config.severity_keys))
    stakeholders = result.data.get("stakeholders")
    if isinstance(stakeholders, list):
        for number, key in enumerate(stakeholders):
            if isinstance(key, str):
                where: tuple[str | int, ...] = ("stakeholders", number)
                values.append((where, key, "IF044", "unknown_team", config.stakeholder_keys))
    for loc, given, code, kind, keys in values:
        if given not in keys:
            found = result.say(
                loc, code, kind, value=True, given=shown(given), choices=", ".join(keys)
            )
            yield did_you_mean(found, given, keys)
