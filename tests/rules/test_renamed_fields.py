"""Fields of earlier versions of the record say where their facts go now."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_incident

ID = "INC-20261104-1000-old-fields-zz00"
OLD = f"""---
id: {ID}
title: Old fields
status: detected
severity: sev2
detected_at: '2026-11-04T10:00:00+09:00'
detection: {{source: internal, reported_by: Sato}}
impact:
  orders_affected: 5
  shops_affected: 2
  amount_jpy: 1000
notifications:
  shops:
    notified_at: '2026-11-04T11:00:00+09:00'
---
# Old fields
"""


def test_each_old_field_names_its_new_home(repo: Path) -> None:
    (repo / "incidents" / "2026").mkdir(parents=True)
    (repo / "incidents" / "2026" / f"{ID}.md").write_text(OLD, "utf-8")

    result = run_incident("validate", "--format", "json", cwd=repo)

    found = {(f["line"], f["code"]): f["message"] for f in result.json()["findings"]}
    assert "write the count as impact.orders" in found[(9, "IF020")]
    assert "write the count as impact.shops" in found[(10, "IF020")]
    assert "impact.amount with value and currency" in found[(11, "IF020")]
    assert "an entry of notifications.log" in found[(14, "IF020")]
    assert len(found) == 4
