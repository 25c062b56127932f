"""The catalogue's format family: the file itself (IF000-IF008), YAML and its limits
(IF010-IF016), the fields' shapes (IF020-IF025) and the config (CF0xx), in ja and en."""

from __future__ import annotations

from incidentflow.words import Words

MESSAGES: dict[str, dict[str, Words]] = {}
