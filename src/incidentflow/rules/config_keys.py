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
    severity = result.data.get("severity")
    if isinstance(severity, str) and severity not in config.severity_keys:
        found = result.say(
            ("severity",),
            "IF043",
            "unknown_severity",
            value=True,
            given=shown(severity),
            choices=", ".join(config.severity_keys),
        )
        yield did_you_mean(found, severity, config.severity_keys)
    stakeholders = result.data.get("stakeholders")
    if isinstance(stakeholders, list):
        for number, key in enumerate(stakeholders):
            if isinstance(key, str) and key not in config.stakeholder_keys:
                found = result.say(
                    ("stakeholders", number),
                    "IF044",
                    "unknown_team",
                    value=True,
                    given=shown(key),
                    choices=", ".join(config.stakeholder_keys),
                )
                yield did_you_mean(found, key, config.stakeholder_keys)
