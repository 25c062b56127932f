"""The one handler: every way a command can end becomes a message and an exit code.

0 clean, 1 findings (or a GitHub failure), 2 usage or configuration error, 3 a bug (one
line, never a traceback; ``INCIDENTFLOW_DEBUG=1`` re-raises it), 130 interrupted.

Messages are said in ``language``, the reader's (``cli.main.State.error_language``); click's
own parser messages ("Usage: ...", "No such option") stay as click writes them.
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
    said,
)
from incidentflow.words import errors as say


def exit_code_for(
    error: BaseException, output_format: OutputFormat, command: str = "", language: str = "en"
) -> int:
    """Report ``error`` on the terminal in ``language`` and return the exit code it means."""
    if isinstance(error, click.exceptions.Exit):
        return error.exit_code  # --help, --version
    if isinstance(error, click.ClickException):
        error.show()
        return error.exit_code
    if isinstance(error, click.exceptions.Abort | KeyboardInterrupt):
        click.echo(f"incident: {say.INTERRUPTED(language)}", err=True)
        return EXIT_INTERRUPTED
    if isinstance(error, ConfigError):
        rendered = render_findings(
            output_format,
            1,
            error.findings,
            title=say.CONFIG_TITLE(language),
            language=language,
        )
        click.echo(rendered.stdout, err=output_format is OutputFormat.TEXT)
        rendered.write_summary()
        click.echo(f"incident: {say.CONFIG_FIX_FIRST(language)}", err=True)
        return EXIT_USAGE
    who = f"incident {command}".strip()
    if isinstance(error, UsageError):
        where = f"{error.option}: " if error.option else ""
        click.echo(f"{who}: {where}{said(error, language)}", err=True)
        return error.exit_code
    if isinstance(error, IncidentflowError):
        click.echo(f"{who}: {said(error, language)}", err=True)
        return error.exit_code
    if os.environ.get("INCIDENTFLOW_DEBUG"):
        raise error
    problem = f"{type(error).__name__}: {error}"
    click.echo(f"incident: {say.INTERNAL_ERROR(language, error=problem)}", err=True)
    return EXIT_BUG
