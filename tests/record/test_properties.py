"""Whatever text or YAML arrives, the loader and validator return findings and never raise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from incidentflow.config.settings import load_config
from incidentflow.config.workspace import Repository
from incidentflow.record.load import parse_document
from incidentflow.rules.findings import Finding
from incidentflow.rules.run import validate_bytes

CONFIG = load_config(Path(__file__).resolve().parents[2] / "incidentflow.yaml").config
REPOSITORY = Repository(Path("."), CONFIG)
KEYS = st.sampled_from(
    [
        "id",
        "title",
        "status",
        "severity",
        "detected_at",
        "detection",
        "personal_data",
        "decision",
        "prevention",
        "stakeholders",
        "overrides",
        "impact",
        "source",
        "x",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "detected",
            "closed",
            "suspected",
            "2026-02-30",
            "2026-11-29T10:00:00",
            "2026-11-29T10:00:00+09:00",
            "sev1",
            "legal",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=20,
)


def _check(findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.code and finding.message
        assert finding.line is None or finding.line >= 1
        assert finding.column is None or finding.column >= 1


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    for raw in (text.encode("utf-8"), ("---\n" + text + "\n---\n").encode("utf-8")):
        _, findings = validate_bytes(REPOSITORY, raw, "incidents/2026/x.md")
        _check(findings)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    document, findings = parse_document(raw, "x.md")
    _check(findings)
    assert document is not None or findings


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_arbitrary_mappings_never_raise(mapping: dict[str, object]) -> None:
    import io

    stream = io.StringIO()
    YAML(typ="safe").dump(mapping, stream)
    raw = ("---\n" + stream.getvalue() + "---\n\n## Timeline\n\nTODO\n").encode("utf-8")
    _, findings = validate_bytes(REPOSITORY, raw, "incidents/2026/x.md")
    _check(findings)
