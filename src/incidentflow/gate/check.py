"""The pull-request gate over what changed since the base: which files, judged by which
config, and each changed incident through validation, transitions and the closure."""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from incidentflow import git
from incidentflow.config.settings import (
    CONFIG_FILE_NAME,
    Config,
    config_from_bytes,
    default_config_text,
    parse_config,
)
from incidentflow.config.workspace import Repository
from incidentflow.errors import ConfigError, UsageError
from incidentflow.gate.closure import closure_checklists
from incidentflow.gate.config_change import config_change_findings
from incidentflow.gate.transitions import Transition, transition_findings, waivers
from incidentflow.record.load import parse_document
from incidentflow.reports.index import (
    amend_index,
    index_entries,
    index_row,
    render_index,
    stale_index,
)
from incidentflow.rules import files as incidents_folder
from incidentflow.rules.clocks import ClockState, is_imported
from incidentflow.rules.findings import Finding, Level, finding, wrapped
from incidentflow.rules.identity import files_by_name, name_clash
from incidentflow.rules.run import validate_bytes
from incidentflow.rules.waivers import apply_overrides
from incidentflow.words import check as said


class CheckUsageError(UsageError):
    """The check cannot run as asked (no base, unknown ref, shallow clone): exit 2."""


@dataclass(slots=True)
class ChangedIncident:
    path: str
    transition: Transition
    findings: list[Finding] = field(default_factory=list)
    waived: list[Finding] = field(default_factory=list)
    clocks: list[dict[str, Any]] = field(default_factory=list)
    # What the job summary draws (phases, deadlines, checklists): the file's front matter
    # and its clocks, empty when the file could not be read.
    data: dict[str, Any] = field(default_factory=dict)
    clock_states: list[ClockState] = field(default_factory=list)

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
    config: Config | None = None  # the config in force, once known


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


# Files that decide how the gate runs: a change to them is named in every run, since the
# workflow that runs this check is the pull request's own (see docs/github.md).
GATE_FILES = (".github", "CODEOWNERS", "docs/CODEOWNERS", "schemas")


def _parsed_config(raw: bytes | None, config_path: str) -> tuple[Config | None, list[Finding]]:
    try:
        if raw is None:
            return parse_config(default_config_text(), CONFIG_FILE_NAME), []
        return config_from_bytes(raw, config_path), []
    except ConfigError as error:
        return None, error.findings


def _config_blob(root: Path, revision: str, config_path: str) -> tuple[str | None, bytes | None]:
    entries = [
        entry
        for entry in git.tree_entries(root, revision, [config_path])
        if entry.path == config_path and entry.mode in git.REGULAR_FILE_MODES
    ]
    if not entries:
        return None, None
    blob = entries[0].blob
    return blob, git.read_blobs(root, [blob])[blob]


def run_check(directory: Path, base: str | None, head: str, config_path: str | None) -> CheckRun:
    """Judge what changed between the merge base and ``head`` with the base's rules.

    The config in force is the base commit's. When the change also edits the config, the
    proposed config is validated, what it relaxes is named (GT040 unless approved), and every
    changed incident must pass under both.
    """
    try:
        root = git.toplevel(directory)
        chosen_base = base or base_from_event()
        if not chosen_base:
            raise CheckUsageError(said.NO_BASE)
        head_sha = git.resolve(root, head)
        base_tip = git.resolve(root, chosen_base)
        base_sha = git.merge_base(root, base_tip, head_sha)
    except git.GitError as error:
        raise CheckUsageError(error) from error
    run = CheckRun(base_sha, head_sha)
    relative_config = _in_repository(root, config_path) if config_path else CONFIG_FILE_NAME
    base_blob, base_raw = _config_blob(root, base_tip, relative_config)
    head_blob, head_raw = _config_blob(root, head_sha, relative_config)
    in_force, base_problems = _parsed_config(base_raw, relative_config)
    proposed: Config | None = None
    if head_blob != base_blob:
        run.files += 1
        proposed, head_problems = _parsed_config(head_raw, relative_config)
        run.findings.extend(head_problems)
        if in_force is not None and proposed is not None:
            text = (head_raw or b"").decode("utf-8", "replace").removeprefix("\ufeff")
            run.findings.extend(config_change_findings(in_force, proposed, relative_config, text))
    if in_force is None:
        # The base's config is broken (it was merged past the gate): the proposed one judges,
        # and the run says so, so fixing the config is possible through a pull request.
        if proposed is None:
            run.findings.extend(base_problems)
            run.files = max(run.files, 1)
            return run
        run.findings.append(finding(relative_config, 1, 1, "GT043", Level.WARNING, "broken_base"))
        in_force, proposed = proposed, None
    run.config = in_force
    judges = [Repository(root, in_force)]
    if proposed is not None and proposed != in_force:
        judges.append(Repository(root, proposed))
    folders = list(dict.fromkeys(judge.config.incidents_dir for judge in judges))
    index = in_force.index_path
    watched = [*folders, relative_config, *GATE_FILES, *([index] if index else [])]
    changed = git.changes(root, base_sha, head_sha, watched)
    ours = [c for c in changed if any(_touches(c, folder) for folder in folders)]
    run.findings.extend(
        _gate_file_findings([c for c in changed if c.path != index], folders, relative_config)
    )
    run.files += len(ours)
    generated: str | None = None  # the index, when it is exactly what the files call for
    index_changed = index is not None and any(index in (c.path, c.old_path) for c in changed)
    if index is not None and (ours or index_changed):
        # A config change may change every row (names, language, what is withheld).
        whole = head_blob != base_blob
        revisions = (base_sha, head_sha)
        stale = _index_findings(root, revisions, in_force, index, changed, whole, index_changed)
        run.findings.extend(stale)
        generated = index if not stale else None
    if not ours:
        return run
    contents = git.read_blobs(
        root,
        [
            blob
            for c in ours
            for blob, mode in ((c.old_blob, c.old_mode), (c.new_blob, c.new_mode))
            if blob is not None and mode in git.REGULAR_FILE_MODES
        ],
    )
    names_at_head = files_by_name(
        path
        for path in git.list_files(root, head_sha, folders[0])
        if incidents_folder.kind_of(path) is incidents_folder.Kind.INCIDENT
    )
    for change in ours:
        if change.path == generated:
            continue  # written row by row with every cell scanned (reports/index.py)
        problem = _folder_findings(change, contents, in_force)
        if problem is not None:
            run.findings.extend(problem)
            continue
        incident = _check_one(judges[0], change, contents, names_at_head, closure=True)
        for other in judges[1:]:
            again = _check_one(other, change, contents, names_at_head, closure=False)
            seen = set(incident.findings)
            incident.findings.extend(
                _under_proposed(found) for found in again.findings if found not in seen
            )
        run.incidents.append(incident)
        run.findings.extend(incident.findings)
    return run


def _index_findings(
    root: Path,
    revisions: tuple[str, str],
    config: Config,
    index: str,
    changes: list[git.Change],
    whole: bool,
    index_changed: bool,
) -> list[Finding]:
    """SC002 when the index at the head is not what the incident files at the head call for:
    a change to the incidents brings its regenerated index (`incident index`).

    The base's index, when it reads back as this config writes it, is amended by the changed
    incidents' rows alone, so the check costs what the change costs, not what the repository
    holds; otherwise (no index at the base, a config change, an index written differently)
    every incident at the head is read. A repository that has never written its index (none at
    the base, none at the head) is not asked for one here; ``incident index --check`` is."""
    head = revisions[1]
    actual = git.read_files(root, head, [index])[index]
    if actual is None and not index_changed:
        return []
    expected = None if whole else _amended_index(root, revisions, config, index, changes)
    if expected is None:
        expected = _whole_index(root, head, config, index)
    found = stale_index(incidents_folder.shown(index), actual, expected)
    return [] if found is None else [found]


def _is_listed(path: str, mode: str, config: Config) -> bool:
    """An incident file the index lists: under the folder, a regular file, a safe name."""
    return (
        mode in git.REGULAR_FILE_MODES
        and incidents_folder.under(path, config.incidents_dir)
        and incidents_folder.kind_of(path) is incidents_folder.Kind.INCIDENT
        and incidents_folder.unsafe_name(path) is None
    )


def _whole_index(root: Path, head: str, config: Config, index: str) -> str:
    entries = [
        entry
        for entry in git.tree_entries(root, head, [config.incidents_dir])
        if entry.path != index and _is_listed(entry.path, entry.mode, config)
    ]
    blobs = git.read_blobs(root, [entry.blob for entry in entries])
    files = [(entry.path, blobs[entry.blob]) for entry in entries]
    return render_index(index_entries(files, index), config)


def _amended_index(
    root: Path, revisions: tuple[str, str], config: Config, index: str, changes: list[git.Change]
) -> str | None:
    """The base's index with the changed incidents' rows replaced; None when the base's
    index cannot be read back row by row."""
    base, _ = revisions
    raw = git.read_files(root, base, [index])[index]
    try:
        text = raw.decode("utf-8") if raw is not None else None
    except UnicodeDecodeError:
        text = None
    if text is None:
        return None
    folder = posixpath.dirname(index) or "."
    touched = {
        posixpath.relpath(path, folder)
        for change in changes
        for path in (change.path, change.old_path)
        if path is not None
    }
    fresh = [
        change
        for change in changes
        if change.kind != "D"
        and change.new_blob
        and _is_listed(change.path, change.new_mode, config)
    ]
    blobs = git.read_blobs(root, [change.new_blob for change in fresh if change.new_blob])
    files = [(change.path, blobs[change.new_blob]) for change in fresh if change.new_blob]
    added = [index_row(entry, config) for entry in index_entries(files, index)]
    return amend_index(text, touched, added, config)


def _touches(change: git.Change, folder: str) -> bool:
    return incidents_folder.under(change.path, folder) or (
        change.old_path is not None and incidents_folder.under(change.old_path, folder)
    )


def _under_proposed(found: Finding) -> Finding:
    if found.args:
        return wrapped(found, "proposed_config")
    # A finding made without the catalogue has only its English words to wrap.
    return replace(found, message=f"under the proposed config: {found.message}")


def _folder_findings(
    change: git.Change, contents: dict[str, bytes], config: Config
) -> list[Finding] | None:
    """Findings for a path that is not an incident file to validate; None when it is one."""
    for path in (change.path, change.old_path):
        reason = incidents_folder.unsafe_name(path) if path is not None else None
        if path is not None and reason is not None:
            return [incidents_folder.name_finding(path, reason)]
    if change.kind == "D":
        kind = incidents_folder.kind_of(change.path)
        return None if kind is incidents_folder.Kind.INCIDENT else []
    if change.new_mode == git.SYMLINK_MODE:
        return [incidents_folder.not_a_file_finding(change.path, incidents_folder.SYMLINK)]
    if change.new_mode not in git.REGULAR_FILE_MODES:
        return [incidents_folder.not_a_file_finding(change.path, incidents_folder.OTHER_ENTRY)]
    raw = contents.get(change.new_blob or "", b"")
    kind = incidents_folder.kind_of(change.path)
    if kind is incidents_folder.Kind.DOCUMENT:
        return incidents_folder.personal_data_in(change.path, raw, config)
    if kind is incidents_folder.Kind.OTHER:
        return incidents_folder.stray_file_findings(change.path, raw, config)
    return None


def _gate_file_findings(
    changed: list[git.Change], folders: list[str], config_path: str
) -> list[Finding]:
    """GT042: the change edits the files that run or describe the gate itself."""
    findings: list[Finding] = []
    for change in changed:
        if change.path == config_path or any(_touches(change, f) for f in folders):
            continue
        shown = incidents_folder.shown(change.path)
        findings.append(finding(shown, None, None, "GT042", Level.WARNING, "gate_file"))
    return findings


def _in_repository(root: Path, config_path: str) -> str:
    """The config's path inside the repository: the gate reads it at the head commit."""
    try:
        return (Path.cwd() / config_path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError as error:
        raise CheckUsageError(said.CONFIG_OUTSIDE, path=config_path, root=root) from error


def _check_one(
    repository: Repository,
    change: git.Change,
    contents: dict[str, bytes],
    names_at_head: dict[str, list[str]],
    *,
    closure: bool,
) -> ChangedIncident:
    base_raw = contents.get(change.old_blob) if change.old_blob else None
    base_data = _data(base_raw, change.path)
    before = base_data.get("status") if isinstance(base_data.get("status"), str) else None
    if change.kind == "D":
        gone = finding(change.path, 1, 1, "GT001", Level.ERROR, "deleted")
        deleted = Transition(change.path, before, None, deleted=True)
        return ChangedIncident(change.path, deleted, [gone])
    head_raw = contents.get(change.new_blob, b"") if change.new_blob else b""
    result, findings = validate_bytes(repository, head_raw, change.path)
    after = result.status.value if result is not None and result.status else None
    incident = ChangedIncident(
        change.path, Transition(change.path, None if change.kind == "A" else before, after)
    )
    incident.findings.extend(findings)
    if change.kind in ("R", "C") and change.old_path:
        incident.findings.append(
            finding(change.path, 1, 1, "GT002", Level.ERROR, "renamed", old_path=change.old_path)
        )
    if result is None:
        return incident
    clash = name_clash(result, names_at_head)
    if clash is not None:
        incident.findings.append(clash)
    zone = repository.config.zone
    gate_findings = list(transition_findings(base_data, result, zone)) if base_data else []
    # An imported record is a past incident written from its sources: no checklist issues
    # were ever opened for it (the sync leaves imported records alone).
    if closure and after == "closed" and before != "closed" and not is_imported(result.data):
        gate_findings.extend(closure_checklists(result, repository.config))
    incident.findings.extend(apply_overrides(result, gate_findings))
    incident.waived = waivers(incident.findings)
    incident.clocks = [state.as_dict() for state in result.clocks]
    incident.data, incident.clock_states = result.data, list(result.clocks)
    return incident


def _data(raw: bytes | None, path: str) -> dict[str, Any]:
    if raw is None:
        return {}
    document, _ = parse_document(raw, path)
    return document.data if document is not None else {}
