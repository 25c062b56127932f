"""The one handler: every way a command can end becomes a message and an exit code.

0 clean, 1 findings (or a GitHub failure), 2 usage or configuration error, 3 a bug (one
line, never a traceback; ``INCIDENTFLOW_DEBUG=1`` re-raises it), 130 interrupted.
"""

from __future__ import annotations

import os

import click

from incidentflow.cli.output import OutputFormat, render_findings
from incidentflow.errors import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    ConfigError,
    IncidentflowError,
    UsageError,
)


def exit_code_for(error: BaseException, output_format: OutputFormat, command: str = "") -> int:
    """Report ``error`` on the terminal and return the exit code it means."""
    if isinstance(error, click.exceptions.Exit):
        return error.exit_code  # --help, --version
    if isinstance(error, click.ClickException):
        error.show()
        return error.exit_code
    if isinstance(error, click.exceptions.Abort | KeyboardInterrupt):
        click.echo("incident: interrupted", err=True)
        return EXIT_INTERRUPTED
    if isinstance(error, ConfigError):
        rendered = render_findings(
            output_format, 1, error.findings, title="incidentflow.yaml has errors"
        )
        click.echo(rendered.stdout, err=output_format is OutputFormat.TEXT)
        rendered.write_summary()
        click.echo("incident: the config has errors; fix them first (exit 2)", err=True)
        return EXIT_USAGE
    if isinstance(error, UsageError):
        who = f"incident {command}".strip()
        where = f"{error.option}: " if error.option else ""
        click.echo(f"{who}: {where}{error.message}", err=True)
        return error.exit_code
    if isinstance(error, IncidentflowError):
        click.echo(f"incident {command}: {error}".replace("incident :", "incident:"), err=True)
        return error.exit_code
    if os.environ.get("INCIDENTFLOW_DEBUG"):
        raise error
    click.echo(
        f"incident: internal error ({type(error).__name__}: {error}); this is a bug, please "
        "report it with the command you ran",
        err=True,
    )
    return EXIT_BUG
