"""Incident texts at each phase, for gate tests that commit a base and a head version."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Result, git, run_incident

INCIDENT_ID = "INC-20261110-0900-checkout-errors-ab12"
PATH = f"incidents/2026/{INCIDENT_ID}.md"

DETECTED = f"""---
id: {INCIDENT_ID}
title: Checkout errors for card payments
status: detected
severity: sev2
detected_at: 2026-11-10T09:00:00+09:00
detection:
  source: system_alert
  reported_by: Sato (SRE)
"""

INVESTIGATION = """investigation:
  summary: Authorisation calls to the processor time out.
  impact: Card checkout on all shops.
personal_data:
  status: none
  assessed_by: Tanaka (security)
"""

DECISION = """decision:
  leader: Suzuki (EM)
  decided_at: 2026-11-10T10:00:00+09:00
  policy: Fail over to the secondary processor connection.
stakeholders: [engineering, cs]
notifications:
  shops:
    required: false
    reason: Recovered before shops had to act.
  partners:
    required: false
    reason: The processor is already involved.
  regulators:
    required: false
    reason: No personal data involved.
"""

RESPONSE = """response:
  started_at: 2026-11-10T10:05:00+09:00
"""

RESOLUTION = """resolved_at: 2026-11-10T11:30:00+09:00
impact:
  orders: 830
  duration_minutes: 150
cause:
  summary: The connection pool to the processor was exhausted after a config change.
"""

CLOSING = """retrospective:
  held_at: 2026-11-17T15:00:00+09:00
  participants: [Suzuki (EM), Sato (SRE), Yamada (CS)]
reported_to_management_at: 2026-11-18T10:00:00+09:00
closed_at: 2026-11-18T11:00:00+09:00
prevention:
  - id: P1
    title: Alert on connection pool saturation
    owner: Sato (SRE)
    due: 2026-12-01
    horizon: now
  - id: P2
    title: Review config changes to payment paths
    owner: Suzuki (EM)
    due: 2027-03-31
    horizon: later
"""

BODY_EMPTY = """---

# Checkout errors for card payments

## Timeline

<!-- one line per event -->

## Cause

TODO

## Retrospective

### What went well

### What went wrong

### Where we got lucky
"""

BODY_FILLED = """---

# Checkout errors for card payments

## Timeline

- 2026-11-10 09:00 JST alert on authorisation errors
- 2026-11-10 10:00 JST decided to fail over
- 2026-11-10 11:30 JST recovered

## Cause

A config change halved the connection pool to the processor.

## Retrospective

### What went well

The alert fired within two minutes.

### What went wrong

The config change had no review by the payments team.

### Where we got lucky

The change was deployed on a quiet Tuesday morning.
"""

PHASES = {
    "detected": DETECTED,
    "investigating": DETECTED + INVESTIGATION,
    "decided": DETECTED + INVESTIGATION + DECISION,
    "responding": DETECTED + INVESTIGATION + DECISION + RESPONSE,
    "resolved": DETECTED + INVESTIGATION + DECISION + RESPONSE + RESOLUTION,
    "closed": DETECTED + INVESTIGATION + DECISION + RESPONSE + RESOLUTION + CLOSING,
}


def incident(status: str, *, fields_of: str | None = None, body: str = BODY_FILLED) -> str:
    """The incident at ``status`` with the fields of phase ``fields_of`` (default: same)."""
    text = PHASES[fields_of or status]
    return text.replace("status: detected", f"status: {status}", 1) + body


def commit(repo: Path, message: str, files: dict[str, str | None]) -> str:
    for relative, content in files.items():
        target = repo / relative
        if content is None:
            git(repo, "rm", "-q", relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")
        git(repo, "add", relative)
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def start_branch(repo: Path, base_files: dict[str, str | None]) -> None:
    commit(
        repo,
        "base",
        {"incidentflow.yaml": (repo / "incidentflow.yaml").read_text("utf-8"), **base_files},
    )
    git(repo, "checkout", "-q", "-b", "change")


def check_in_actions(
    repo: Path, *extra: str, language: str = "", env: dict[str, str] | None = None
) -> tuple[Result, str]:
    """`incident check --base main` as GitHub Actions runs it: the result and the job summary.
    ``language`` is INCIDENTFLOW_LANG ("" follows the config, `ja` in the test repositories)."""
    summary = repo.parent / "summary.md"
    summary.unlink(missing_ok=True)
    result = run_incident(
        "check",
        "--base",
        "main",
        *extra,
        cwd=repo,
        env={
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(summary),
            "INCIDENTFLOW_LANG": language,
            **(env or {}),
        },
    )
    return result, summary.read_text("utf-8") if summary.exists() else ""
