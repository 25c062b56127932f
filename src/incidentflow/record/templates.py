"""New incident files, generated from the phase and section declarations.

Nothing here restates a rule: the skeleton of fields comes from ``phases.PHASES`` and the
headings from ``sections.SECTIONS``, so a new requirement shows up in new files by itself.
"""

from __future__ import annotations

import io
import re
import secrets
import string
import unicodedata
from datetime import datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from incidentflow.record.model import Status
from incidentflow.record.phases import PHASES, next_status
from incidentflow.record.sections import SECTIONS

SCHEMA_MODELINE = "# yaml-language-server: $schema=../../schemas/incident.schema.json"
_SUFFIX_ALPHABET = string.ascii_lowercase + string.digits
BODY_SECTIONS = (
    "summary",
    "timeline",
    "impact",
    "response",
    "cause",
    "retrospective",
    "went_well",
    "went_wrong",
    "got_lucky",
    "prevention",
)


def slugify(title: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def new_id(prefix: str, detected_local: datetime, title: str) -> str:
    """``INC-20261129-1530-payment-timeout-k3f9``: time, slug, and a random suffix.

    The suffix keeps two people who declare the same thing in the same minute, on two
    machines, from ever producing the same ID; callers also retry on a local collision.
    """
    suffix = "".join(secrets.choice(_SUFFIX_ALPHABET) for _ in range(4))
    slug = slugify(title)
    stamp = detected_local.strftime("%Y%m%d-%H%M")
    return f"{prefix}-{stamp}-{slug}-{suffix}" if slug else f"{prefix}-{stamp}-{suffix}"


def _nest(target: CommentedMap, path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        child = target.get(part)
        if not isinstance(child, CommentedMap):
            child = CommentedMap()
            target[part] = child
        target = child
    target.setdefault(parts[-1], value)


def render_new(
    *,
    incident_id: str,
    title: str,
    severity: str,
    source: str,
    reported_by: str,
    detected_at: str,
    lang: str,
) -> str:
    data = CommentedMap()
    data["id"] = incident_id
    data["title"] = title
    data["status"] = Status.DETECTED.value
    data["severity"] = severity
    data["lang"] = lang
    data["detected_at"] = detected_at
    _nest(data, "detection.source", source)
    _nest(data, "detection.reported_by", reported_by)
    upcoming = next_status(Status.DETECTED)
    if upcoming is not None:
        for requirement in PHASES[upcoming].fields:
            if requirement.when is None and "[*]" not in requirement.path:
                _nest(
                    data,
                    requirement.path,
                    requirement.not_values[0] if requirement.not_values else None,
                )
        heading = "次のフェーズ" if lang == "ja" else "Next phase"
        data.yaml_set_comment_before_after_key(
            "investigation", before=f"{heading}: {upcoming.value} ({PHASES[upcoming].ja})"
        )
    stream = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.dump(data, stream)
    front_matter = stream.getvalue()
    return f"---\n{SCHEMA_MODELINE}\n{front_matter}---\n\n# {title}\n\n{render_body(lang)}"


def render_body(lang: str) -> str:
    chunks: list[str] = []
    by_key = {spec.key: spec for spec in SECTIONS}
    for key in BODY_SECTIONS:
        spec = by_key[key]
        heading = spec.ja if lang == "ja" else spec.en
        guidance = spec.guidance_ja if lang == "ja" else spec.guidance_en
        chunks.append(f"{'#' * spec.level} {heading}\n\n<!-- {guidance} -->\n")
    return "\n".join(chunks)
