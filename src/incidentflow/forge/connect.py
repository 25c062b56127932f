"""The one place that builds a GitHub client from the environment.

``GITHUB_TOKEN``, ``GITHUB_REPOSITORY`` and ``GITHUB_API_URL`` (GitHub Enterprise, a local test
server) say where; ``INCIDENTFLOW_WRITE_PAUSE`` and friends tune pacing (``request_policy``).
PyGithub is imported only here, when a command actually talks to GitHub.
"""

from __future__ import annotations

from incidentflow.errors import UsageError
from incidentflow.forge.interface import ForgeSettings, IssueTracker
from incidentflow.forge.request_policy import RequestPolicy
from incidentflow.words import errors as say


def required_settings(command: str) -> ForgeSettings:
    """The settings, or a usage error naming what ``command`` needs."""
    settings = ForgeSettings.from_environment()
    if settings is None:
        raise UsageError(say.NEEDS_GITHUB, command=command)
    if settings.repository.count("/") != 1 or settings.repository.startswith("/"):
        raise UsageError(say.REPOSITORY_NOT_OWNER_NAME, repository=settings.repository)
    return settings


def connect(settings: ForgeSettings) -> IssueTracker:
    """A paced, retrying client for ``settings``; a bad pacing variable is a usage error."""
    policy = RequestPolicy.from_environment()
    from incidentflow.forge.pygithub_adapter import PyGithubTracker

    return PyGithubTracker(settings, policy)
