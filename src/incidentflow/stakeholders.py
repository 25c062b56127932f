"""Which teams an incident involves: the ones it lists plus the ones the config's rules require.

Rules apply from the moment they trigger, so suspected personal data at ``investigating``
brings legal and security in at once, before anybody has written them into the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from incidentflow.config import Config
from incidentflow.model import Status
from incidentflow.phases import rank


def required_by_rules(data: Mapping[str, Any], config: Config) -> list[str]:
    value = data.get("status")
    try:
        status = Status(value) if isinstance(value, str) else None
    except ValueError:
        status = None
    if status is None:
        return []
    keys: list[str] = []
    for rule in config.rules:
        if rank(status) >= rank(rule.applies_from) and rule.when.holds(data):
            keys.extend(key for key in rule.require_stakeholders if key not in keys)
    return keys


def involved_teams(data: Mapping[str, Any], config: Config) -> list[str]:
    """Listed teams first, in their order, then rule-required ones; only configured keys."""
    listed = data.get("stakeholders")
    keys = [k for k in listed if isinstance(k, str)] if isinstance(listed, list) else []
    for key in required_by_rules(data, config):
        if key not in keys:
            keys.append(key)
    known = set(config.stakeholder_keys)
    return [key for key in keys if key in known]
