"""The hidden markers of a declaration's texts on GitHub.

Each text a declaration writes starts with a hidden marker of the declaration it belongs to,
which is how a run repeated on the same issue or alert finds its earlier work: the pull
request names its key, incident and file; the comments name the key and what they answer.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from incidentflow.declare.declaration import PersonalDataFound
from incidentflow.words.phrase import render

_MARKER = re.compile(
    r"^<!-- incidentflow:declaration (?P<key>[a-z0-9-]+) (?P<id>[A-Za-z0-9-]+) "
    r"(?P<path>[A-Za-z0-9._/-]+\.md) (?P<digest>[0-9a-f]+|-) -->"
)


@dataclass(frozen=True, slots=True)
class DeclarationMarker:
    """The first line of a declaration's pull request: its key, incident and file."""

    key: str
    incident_id: str
    path: str
    digest: str  # the first alert's payload; "-" for an issue

    def render(self) -> str:
        return (
            f"<!-- incidentflow:declaration {self.key} {self.incident_id} {self.path} "
            f"{self.digest} -->"
        )

    @classmethod
    def parse(cls, body: str) -> DeclarationMarker | None:
        found = _MARKER.match(body.split("\n", 1)[0].rstrip("\r"))
        if found is None or ".." in found["path"].split("/"):
            return None
        return cls(found["key"], found["id"], found["path"], found["digest"])


def declared_marker(key: str) -> str:
    return f"<!-- incidentflow:declared {key} -->"


def refusal_digest(found: list[PersonalDataFound]) -> str:
    text = "\n".join(f"{item.field}|{item.kind}|{render(item.redacted, 'en')}" for item in found)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def refused_marker(key: str, digest: str) -> str:
    return f"<!-- incidentflow:declaration-refused {key} {digest} -->"


def repeat_marker(digest: str) -> str:
    return f"<!-- incidentflow:alert-repeat {digest} -->"
