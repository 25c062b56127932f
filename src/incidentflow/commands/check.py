"""``incident check``: the pull-request gate over what changed since the base."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentflow import git
from incidentflow.config import (
    CONFIG_FILE_NAME,
    Config,
    config_from_bytes,
    default_config_text,
    parse_config,
)
from incidentflow.errors import ConfigError
from incidentflow.findings import Finding, Level
from incidentflow.gate.closure import closure_checklists
from incidentflow.gate.transitions import Transition, transition_findings, waivers
from incidentflow.loader import parse_document
from incidentflow.overrides import apply_overrides
from incidentflow.repository import Repository, files_by_name, name_clash, validate_bytes


class CheckUsageError(Exception):
    """The check cannot run as asked (no base, unknown ref, shallow clone): exit 2."""


@dataclass(slots=True)
class ChangedIncident:
    path: str
    transition: Transition
    findings: list[Finding] = field(default_factory=list)
    waived: list[Finding] = field(default_factory=list)
    clocks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.ERROR)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "from": self.transition.before,
            "to": self.transition.after,
            "errors": self.errors,
            "waivers": [waiver.as_dict() for waiver in self.waived],
            "clocks": self.clocks,
        }


@dataclass(slots=True)
class CheckRun:
    base: str
    head: str
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    incidents: list[ChangedIncident] = field(default_factory=list)


def base_from_event() -> str | None:
    """The pull request's base commit from the Actions event payload, if there is one."""
    event_path = os.environ.get("GITHUB_EVENT_PATH")
    if not event_path:
        return None
    try:
        event = json.loads(Path(event_path).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    for container in ("pull_request", "merge_group"):
        section = event.get(container) if isinstance(event, dict) else None
        if isinstance(section, dict):
            sha = (
                section.get("base", {}).get("sha")
                if container == "pull_request"
                else section.get("base_sha")
            )
            if isinstance(sha, str) and sha:
                return sha
    return None


def _load_config(root: Path, head: str, config_path: str) -> tuple[Config | None, list[Finding]]:
    raw = git.read_files(root, head, [config_path]).get(config_path)
    try:
        if raw is None:
            return parse_config(default_config_text(), CONFIG_FILE_NAME), []
        return config_from_bytes(raw, config_path), []
    except ConfigError as error:
        return None, error.findings


def run_check(directory: Path, base: str | None, head: str, config_path: str | None) -> CheckRun:
    try:
        root = git.toplevel(directory)
        chosen_base = base or base_from_event()
        if not chosen_base:
            raise CheckUsageError(
                "no base to compare with: pass --base REF (in a pull_request workflow the base "
                "is read from the event payload)"
            )
        head_sha = git.resolve(root, head)
        base_sha = git.merge_base(root, git.resolve(root, chosen_base), head_sha)
    except git.GitError as error:
        raise CheckUsageError(str(error)) from error
    run = CheckRun(base_sha, head_sha)
    relative_config = _in_repository(root, config_path) if config_path else CONFIG_FILE_NAME
    config, problems = _load_config(root, head_sha, relative_config)
    if config is None:
        run.findings.extend(problems)
        run.files = 1
        return run
    repository = Repository(root, config)
    changed = [
        change
        for change in git.changes(root, base_sha, head_sha, [config.incidents_dir])
        if repository.is_incident_path(change.path)
        or (change.old_path is not None and repository.is_incident_path(change.old_path))
    ]
    run.files = len(changed)
    if not changed:
        return run
    heads = git.read_files(root, head_sha, [c.path for c in changed if c.kind != "D"])
    bases = git.read_files(root, base_sha, [c.old_path or c.path for c in changed if c.kind != "A"])
    names_at_head = files_by_name(git.list_files(root, head_sha, config.incidents_dir))
    for change in changed:
        run.incidents.append(_check_one(repository, change, heads, bases, names_at_head))
    for incident in run.incidents:
        run.findings.extend(incident.findings)
    return run


def _in_repository(root: Path, config_path: str) -> str:
    """The config's path inside the repository: the gate reads it at the head commit."""
    try:
        return (Path.cwd() / config_path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError as error:
        raise CheckUsageError(
            f"--config {config_path} is outside the repository {root}: the gate reads the "
            "config from the commit being checked"
        ) from error


def _check_one(
    repository: Repository,
    change: git.Change,
    heads: dict[str, bytes | None],
    bases: dict[str, bytes | None],
    names_at_head: dict[str, list[str]],
) -> ChangedIncident:
    base_raw = bases.get(change.old_path or change.path)
    base_data = _data(base_raw, change.path)
    before = base_data.get("status") if isinstance(base_data.get("status"), str) else None
    if change.kind == "D":
        finding = Finding(
            change.path,
            1,
            1,
            "GT001",
            Level.ERROR,
            "incident files are never deleted: restore the file; to retire an incident, set "
            "status to declined or duplicate (before decided) or close it.",
        )
        return ChangedIncident(change.path, Transition(change.path, before, None), [finding])
    result, findings = validate_bytes(repository, heads.get(change.path) or b"", change.path)
    after = result.status.value if result is not None and result.status else None
    incident = ChangedIncident(
        change.path, Transition(change.path, None if change.kind == "A" else before, after)
    )
    incident.findings.extend(findings)
    if change.kind in ("R", "C") and change.old_path:
        incident.findings.append(
            Finding(
                change.path,
                1,
                1,
                "GT002",
                Level.ERROR,
                f"incident file renamed from {change.old_path}: files are never renamed, "
                "because the ID is the file name; move it back.",
            )
        )
    if result is None:
        return incident
    clash = name_clash(result, names_at_head)
    if clash is not None:
        incident.findings.append(clash)
    gate_findings = list(transition_findings(base_data, result)) if base_data else []
    if after == "closed" and before != "closed":
        gate_findings.extend(closure_checklists(result, repository.config))
    incident.findings.extend(apply_overrides(result, gate_findings))
    incident.waived = waivers(incident.findings)
    incident.clocks = [state.as_dict() for state in result.clocks]
    return incident


def _data(raw: bytes | None, path: str) -> dict[str, Any]:
    if raw is None:
        return {}
    document, _ = parse_document(raw, path)
    return document.data if document is not None else {}


def summary_markdown(run: CheckRun) -> str:
    """The job summary: one row per changed incident, then clocks, waivers and findings."""
    from incidentflow.reporting import markdown_findings_table, summary_line

    errors = sum(1 for f in run.findings if f.level is Level.ERROR)
    verdict = "❌ incident check failed" if errors else "✅ incident check passed"
    lines = [
        f"## {verdict}",
        "",
        f"Base `{run.base[:12]}` → head `{run.head[:12]}`. "
        + summary_line(run.files, run.findings)
        + ".",
        "",
    ]
    if not run.incidents and any(f.code.startswith("CF") for f in run.findings):
        lines.append("incidentflow.yaml has errors, so no incident was checked: fix it first.")
    elif not run.incidents:
        lines.append("No incident files changed.")
    else:
        lines += ["| incident | status | errors | waivers |", "|---|---|---|---|"]
        for incident in run.incidents:
            lines.append(
                f"| `{incident.path}` | {incident.transition.label} | {incident.errors} | "
                f"{len(incident.waived)} |"
            )
    clocks = [(i.path, c) for i in run.incidents for c in i.clocks]
    if clocks:
        lines += [
            "",
            "### Regulatory clocks",
            "",
            "| incident | clock | state | due | owner |",
            "|---|---|---|---|---|",
        ]
        for path, entry in clocks:
            lines.append(
                f"| `{path.rsplit('/', 1)[-1]}` | {entry['name']} | {entry['state']} | "
                f"{entry['due']} | {entry['stakeholder']} |"
            )
    waived = [f for i in run.incidents for f in i.waived]
    if waived:
        lines += ["", "### ⚠️ Waivers honoured", ""]
        lines += [f"- `{f.path}` line {f.line}: {f.code}: {f.message}" for f in waived]
    problems = [f for f in run.findings if f.level is not Level.NOTICE]
    if problems:
        lines += ["", "### Findings", "", markdown_findings_table(problems)]
    return "\n".join(lines) + "\n"


def render_check_text(run: CheckRun) -> str:
    from incidentflow.reporting import render_text

    lines = [render_text(run.files, run.findings)]
    for incident in run.incidents:
        lines.append(f"  {incident.path}: {incident.transition.label}")
        lines += [f"  WAIVER honoured: {w.code} at line {w.line}" for w in incident.waived]
    return "\n".join(lines)
