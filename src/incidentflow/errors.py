"""The errors a user can act on, and the exit code each one means.

Core code raises these and never prints or exits; the command line's one handler
(``cli/errors.py``) turns them into a message and an exit code. Kept free of heavy imports:
the CLI loads it at start-up, before it knows whether a command needs pydantic or PyGithub.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from incidentflow.rules.findings import Finding

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


class IncidentflowError(Exception):
    """Something the user can fix: the message says what and how. Exit 1 unless a subclass
    says otherwise."""

    exit_code = EXIT_FINDINGS


class UsageError(IncidentflowError):
    """The command cannot run as asked (an option, the environment, the repository): exit 2.

    ``option`` names the option or argument at fault, when there is one.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.option = option


class ConfigError(UsageError):
    """The config cannot be used; its findings are shown in the requested format: exit 2."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(finding.message for finding in findings))
        self.findings = findings
