"""The catalogue's generated-files family: the JSON Schema (SC001) and the incident index
(SC002) drifting from what the code would write, in ja and en."""

from __future__ import annotations

from incidentflow.words import Words

MESSAGES: dict[str, dict[str, Words]] = {}
