"""One sync run: incidents → plan → one listing → check → branches → lock → reconcile →
write-back.

Forge-agnostic: everything goes through an ``IssueTracker``. Problems with single items are
reported and the run goes on; a rate limit that asks for too long a wait, or GitHub failing
item after item, stops the run, and what was not attempted is reported as left for the next
run, which converges because identity lives in the issues themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from incidentflow import git
from incidentflow.config import now
from incidentflow.config.workspace import Repository
from incidentflow.errors import SaidError, UsageError
from incidentflow.forge.interface import ForgeError, ForgeRefused, IssueTracker, RateLimited
from incidentflow.sync.branches import (
    BranchRefused,
    check_branch_name,
    check_own_branch,
    lock_branch,
)
from incidentflow.sync.delivery import Delivery, FileUpdate
from incidentflow.sync.incidents import SyncIncident, UnknownIncident, load_incidents
from incidentflow.sync.lock import SyncLock
from incidentflow.sync.markers import CHECKLIST, IssueKey
from incidentflow.sync.plan import DesiredIssue, PlanContext, SyncPlan, build_plan
from incidentflow.sync.reconcile import IssueIndex, ItemFailed, Reconciler
from incidentflow.sync.report import (
    Action,
    ActionKind,
    NotDone,
    SyncReport,
    explained,
)
from incidentflow.sync.writeback import TrackingUpdate, pending_tracking
from incidentflow.words.phrase import say
from incidentflow.words.sync import DETAILS, ERRORS, SUBJECTS

FAILURES_BEFORE_STOPPING = 3
# How far back to look for an issue whose creation we did not hear about (clock skew margin).
LOOK_BACK = timedelta(minutes=10)


class SyncUsageError(UsageError):
    """The sync cannot start as asked: unknown incident, no checkout, token or repository
    refused. The CLI exits 2."""


@dataclass(frozen=True, slots=True)
class SyncOptions:
    repository: str  # owner/name on the forge
    server_url: str
    dry_run: bool = False
    ids: tuple[str, ...] = ()
    lock_wait: float = 300.0
    lock_poll: float = 2.0


def read_template(root: Path, relative: str) -> str | None:
    from incidentflow.config.checklists import read_checklist

    return read_checklist(root, relative)


def _preflight(tracker: IssueTracker, repository: str) -> str:
    """Who we are and whether the repository is there: a refusal here is a setup problem."""
    try:
        me = tracker.authenticated_login()
        tracker.default_branch()
    except ForgeRefused as error:
        if error.status == 401:
            raise SyncUsageError(ERRORS["bad_token"]) from error
        if error.status in (403, 404):
            raise SyncUsageError(
                ERRORS["not_visible"],
                repository=repository,
                status=error.status,
                error=str(error),
            ) from error
        raise
    return me


def _check_branches(tracker: IssueTracker, mode: str, branch: str, me: str) -> None:
    """The branches this run may move and delete are the sync's own (see ``branches``)."""
    default = tracker.default_branch()
    ours = [branch, lock_branch(branch)] if mode == "pull_request" else [lock_branch(branch)]
    try:
        check_branch_name(branch, default)
        for name in ours:
            check_own_branch(tracker, name, account=me, default=default)
    except BranchRefused as error:
        raise SyncUsageError(ERRORS["nothing_changed"], error=error) from error


def run_sync(
    repository: Repository,
    tracker: IssueTracker,
    options: SyncOptions,
    emit: Callable[[Action], None],
) -> SyncReport:
    """Check first (reads only); take the lock and act only when there is something to do,
    so a run with nothing to do, like a dry run, sends no mutating request at all."""
    report = SyncReport(options.dry_run)

    def record(action: Action) -> None:
        report.actions.append(action)
        emit(action)

    config = repository.config
    try:
        check_branch_name(config.sync.branch)
        incidents, problems = load_incidents(repository, options.ids)
        commit = git.head_commit(repository.root)
    except (BranchRefused, UnknownIncident, git.GitError) as error:
        raise SyncUsageError(error if isinstance(error, SaidError) else str(error)) from error
    context = PlanContext(
        config,
        options.server_url,
        options.repository,
        commit,
        now.current(),
        lambda relative: read_template(repository.root, relative),
    )
    plan = build_plan(incidents, context)
    for problem in problems:
        record(Action(ActionKind.FAILED, problem.path, detail=problem.message))
    for skipped in plan.problems:
        subject = say(
            SUBJECTS["in_incident"], incident=skipped.incident_id, subject=skipped.subject
        )
        record(Action(ActionKind.SKIPPED, subject, detail=skipped.message))
    if not plan.issues:
        return report  # no incident needs an issue: nothing to ask GitHub
    lock = SyncLock(
        tracker, lock_branch(config.sync.branch), wait=options.lock_wait, poll=options.lock_poll
    )
    started = datetime.now(UTC)
    run = _Pass(tracker, plan, incidents, repository, started)
    label = config.sync.label
    try:
        me = _preflight(tracker, options.repository)
        # The one full listing of the run.
        recorded = {d.known_number: d.key for d in plan.issues if d.known_number is not None}
        index = IssueIndex.build(
            tracker.list_issues(label), me, recorded, repository=options.repository
        )
        check = SyncReport(dry_run=True)
        probe = not options.dry_run
        run.execute(index, check, check.actions.append, dry_run=True, probe=probe)
        work = not check.stopped and any(a.planned for a in check.actions)
        if work:
            # Before the first write, and in a dry run too: a refusal leaves GitHub untouched.
            _check_branches(tracker, config.sync.write_back, config.sync.branch, me)
        if options.dry_run or not work:
            for action in check.actions:
                record(action)
            report.stopped = check.stopped
        else:
            base = tracker.branch_head(tracker.default_branch())
            if base is None:
                raise NotDone(say(DETAILS["no_lock_base"]))
            lock.acquire(base)
            # Another run may have acted between our listing and the lock: add what changed.
            index = index.merged(tracker.list_issues_since(label, started - LOOK_BACK))
            run.execute(index, report, record, dry_run=False)
    except ForgeError as error:
        report.stopped = explained(error)
        done = {a.subject for a in report.actions}
        _leave([d for d in plan.issues if d.key.subject() not in done], record)
    finally:
        try:
            lock.release()
        except ForgeError as error:
            detail = say(DETAILS["not_released"], error=explained(error))
            subject = say(SUBJECTS["lock"], branch=lock.branch)
            record(Action(ActionKind.FAILED, subject, detail=detail))
        report.requests = tracker.counts()
    return report


class _Pass:
    """One pass over the plan: duplicates, every desired issue, then the write-back."""

    def __init__(
        self,
        tracker: IssueTracker,
        plan: SyncPlan,
        incidents: list[SyncIncident],
        repository: Repository,
        started: datetime,
    ) -> None:
        self._tracker = tracker
        self._plan = plan
        self._incidents = incidents
        self._config = repository.config
        self._started = started

    def execute(
        self,
        index: IssueIndex,
        report: SyncReport,
        record: Callable[[Action], None],
        *,
        dry_run: bool,
        probe: bool = False,
    ) -> None:
        """``probe``: a check that only needs to know whether there is work, so the file
        reads of the write-back are skipped once an issue already needs a change."""
        config = self._config
        reconciler = Reconciler(
            self._tracker,
            index,
            label=config.sync.label,
            emit=record,
            dry_run=dry_run,
            look_since=self._started - LOOK_BACK,
        )
        for key, duplicate in index.duplicates:
            try:
                reconciler.close_duplicate(key, duplicate)
            except ForgeError as error:
                record(
                    Action(
                        ActionKind.FAILED,
                        key.subject(),
                        duplicate.number,
                        detail=explained(error),
                    )
                )
        numbers = _reconcile_all(self._plan.issues, reconciler, report, record)
        if report.stopped:
            return  # GitHub is refusing us; the next run delivers the numbers
        if probe and any(action.planned for action in report.actions):
            return
        delivery = Delivery(
            self._tracker,
            mode=config.sync.write_back,
            branch=config.sync.branch,
            emit=record,
            dry_run=dry_run,
            language=config.language,
        )
        try:
            delivery.deliver(tracking_updates(self._incidents, numbers))
        except RateLimited:
            raise
        except ForgeError as error:
            subject = say(SUBJECTS["write_back"])
            record(Action(ActionKind.FAILED, subject, detail=explained(error)))


def _reconcile_all(
    issues: list[DesiredIssue],
    reconciler: Reconciler,
    report: SyncReport,
    record: Callable[[Action], None],
) -> dict[IssueKey, int]:
    numbers: dict[IssueKey, int] = {}
    failures_in_a_row = 0
    for position, desired in enumerate(issues):
        subject = desired.key.subject()
        try:
            number = reconciler.apply(desired)
        except RateLimited as error:
            report.stopped = explained(error)
            _leave(issues[position:], record)
            break
        except ItemFailed as error:
            record(Action(ActionKind.FAILED, subject, detail=error.phrase))
            continue
        except ForgeError as error:
            record(Action(ActionKind.FAILED, subject, detail=explained(error)))
            failures_in_a_row += 1
            if failures_in_a_row >= FAILURES_BEFORE_STOPPING:
                report.stopped = say(
                    DETAILS["failed_in_a_row"], count=failures_in_a_row, error=explained(error)
                )
                _leave(issues[position + 1 :], record)
                break
            continue
        failures_in_a_row = 0
        if number is not None:
            numbers[desired.key] = number
    return numbers


def _leave(issues: list[DesiredIssue], record: Callable[[Action], None]) -> None:
    for desired in issues:
        detail = say(DETAILS["not_attempted"])
        record(Action(ActionKind.SKIPPED, desired.key.subject(), detail=detail, left=True))


def tracking_updates(
    incidents: list[SyncIncident], numbers: dict[IssueKey, int]
) -> list[FileUpdate]:
    """Numbers each incident file does not record yet (in a dry run, 0 for a new issue)."""
    by_incident: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
    for key, number in numbers.items():
        teams, items = by_incident.setdefault(key.incident_id, ({}, {}))
        (teams if key.kind == CHECKLIST else items)[key.item] = number
    updates: list[FileUpdate] = []
    for incident in incidents:
        if incident.id not in by_incident:
            continue
        update = pending_tracking(incident.data, TrackingUpdate(*by_incident[incident.id]))
        if not update.empty:
            updates.append(FileUpdate(incident.path, incident.id, update))
    return updates
