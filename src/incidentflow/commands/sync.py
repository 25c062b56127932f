"""``incident sync``: the sync core wired to GitHub through the environment.

PyGithub is imported here, inside the function, so that other commands (and ``--version``)
never pay for it.
"""

from __future__ import annotations

from collections.abc import Callable

from incidentflow.config.workspace import Repository
from incidentflow.forge.connect import connect, required_settings
from incidentflow.forge.request_policy import env_float
from incidentflow.sync.report import Action, SyncReport
from incidentflow.sync.run import SyncOptions, run_sync

LOCK_POLL_SECONDS = 1.0


def run_sync_command(
    repository: Repository,
    *,
    dry_run: bool,
    ids: tuple[str, ...],
    emit: Callable[[Action], None],
) -> SyncReport:
    settings = required_settings("incident sync")
    lock_wait = env_float("INCIDENTFLOW_LOCK_WAIT", 300.0)
    tracker = connect(settings)
    options = SyncOptions(
        repository=settings.repository,
        server_url=settings.server_url,
        dry_run=dry_run,
        ids=ids,
        lock_wait=lock_wait,
        lock_poll=LOCK_POLL_SECONDS,
    )
    return run_sync(repository, tracker, options, emit)
