"""The one place that builds a GitHub client from the environment.

``GITHUB_TOKEN``, ``GITHUB_REPOSITORY`` and ``GITHUB_API_URL`` (GitHub Enterprise, a local test
server) say where; ``INCIDENTFLOW_WRITE_PAUSE`` and friends tune pacing (``request_policy``).
PyGithub is imported only here, when a command actually talks to GitHub.
"""

from __future__ import annotations

from incidentflow.errors import UsageError
from incidentflow.forge.interface import ForgeSettings, IssueTracker
from incidentflow.forge.request_policy import RequestPolicy

MISSING_SETTINGS = (
    "GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) must be set; GITHUB_API_URL points at "
    "GitHub Enterprise (https://HOST/api/v3) or a local test server. In GitHub Actions, pass "
    "GITHUB_TOKEN: ${{ github.token }} to the step."
)


def required_settings(command: str) -> ForgeSettings:
    """The settings, or a usage error naming what ``command`` needs."""
    settings = ForgeSettings.from_environment()
    if settings is None:
        raise UsageError(f"{command} needs GitHub: {MISSING_SETTINGS}")
    if settings.repository.count("/") != 1 or settings.repository.startswith("/"):
        raise UsageError(f"GITHUB_REPOSITORY={settings.repository!r} is not owner/name")
    return settings


def connect(settings: ForgeSettings) -> IssueTracker:
    """A paced, retrying client for ``settings``; a bad pacing variable is a usage error."""
    policy = RequestPolicy.from_environment()
    from incidentflow.forge.pygithub_adapter import PyGithubTracker

    return PyGithubTracker(settings, policy)
