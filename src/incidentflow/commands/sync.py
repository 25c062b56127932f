"""``incident sync``: the sync core wired to GitHub through the environment.

PyGithub is imported here, inside the function, so that other commands (and ``--version``)
never pay for it.
"""

from __future__ import annotations

from collections.abc import Callable

from incidentflow.config.workspace import Repository
from incidentflow.forge.interface import ForgeSettings
from incidentflow.forge.request_policy import PolicyError, RequestPolicy, env_float
from incidentflow.sync.report import Action, SyncReport
from incidentflow.sync.run import SyncOptions, SyncUsageError, run_sync

LOCK_POLL_SECONDS = 1.0


def run_sync_command(
    repository: Repository,
    *,
    dry_run: bool,
    ids: tuple[str, ...],
    emit: Callable[[Action], None],
) -> SyncReport:
    settings = ForgeSettings.from_environment()
    if settings is None:
        raise SyncUsageError(
            "GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) must be set; GITHUB_API_URL "
            "points at GitHub Enterprise (https://HOST/api/v3). In GitHub Actions, pass "
            "GITHUB_TOKEN: ${{ github.token }} to the step."
        )
    if settings.repository.count("/") != 1 or settings.repository.startswith("/"):
        raise SyncUsageError(f"GITHUB_REPOSITORY={settings.repository!r} is not owner/name")
    try:
        policy = RequestPolicy.from_environment()
        lock_wait = env_float("INCIDENTFLOW_LOCK_WAIT", 300.0)
    except PolicyError as error:
        raise SyncUsageError(str(error)) from error
    from incidentflow.forge.pygithub_adapter import PyGithubTracker

    tracker = PyGithubTracker(settings, policy)
    options = SyncOptions(
        repository=settings.repository,
        server_url=settings.server_url,
        dry_run=dry_run,
        ids=ids,
        lock_wait=lock_wait,
        lock_poll=LOCK_POLL_SECONDS,
    )
    return run_sync(repository, tracker, options, emit)
