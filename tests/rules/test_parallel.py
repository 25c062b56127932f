"""Validating on several cores gives exactly the findings of the serial path, in order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from incidentflow.config.settings import load_config
from incidentflow.config.workspace import Repository
from incidentflow.rules import parallel
from tests.conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
from bench_corpus import generate  # type: ignore[import-not-found]


def test_parallel_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = generate(tmp_path, 60)
    files[3].write_text("---\nid: [\n---\n", "utf-8")
    files[10].write_text(files[10].read_text("utf-8").replace("severity: sev", "severity: bad"))
    twin = files[20].parent / "copy" / files[21].name
    twin.parent.mkdir()
    twin.write_bytes(files[21].read_bytes())
    files.append(twin)
    repository = Repository(tmp_path, load_config(tmp_path / "incidentflow.yaml").config)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10_000)
    serial = parallel.validate_files(repository, files)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    forked = parallel.validate_files(repository, files)
    assert forked == serial
    codes = sorted({f.code for f in serial})
    assert codes == ["IF010", "IF041", "IF043"], codes
