"""The catalogue's gate family: transitions and closure (GT0xx), config changes (GT040-GT043)
and the personal-data guard (PD1xx), in ja and en."""

from __future__ import annotations

from incidentflow.words import Words

MESSAGES: dict[str, dict[str, Words]] = {}
