"""The ``incident`` command line: parse, dispatch, print, pick the exit code. Nothing else.

Exit codes: 0 clean, 1 findings, 2 usage or configuration error, 3 internal bug, 130 interrupt.
"""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from incidentflow import __version__
from incidentflow.cli.output import (
    OutputFormat,
    default_format,
    markdown_findings_table,
    render_github,
    render_json,
    render_text,
    summary_line,
    write_step_summary,
)
from incidentflow.errors import ConfigError
from incidentflow.rules.findings import Finding, has_errors

if TYPE_CHECKING:
    from incidentflow.config.workspace import Repository

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice([f.value for f in OutputFormat]),
    default=None,
    help="Output format; 'github' is the default inside GitHub Actions.",
)


class Context:
    def __init__(self, directory: Path, config: Path | None) -> None:
        self.directory = directory
        self.config = config
        self._repository: Repository | None = None

    @property
    def repository(self) -> Repository:
        if self._repository is None:
            from incidentflow.config.workspace import open_repository

            self._repository = open_repository(self.directory, self.config)
        return self._repository


def _emit_config_error(error: ConfigError) -> None:
    """Config findings in the format the command was asked for, then exit 2."""
    context = click.get_current_context(silent=True)
    requested = context.params.get("output_format") if context is not None else None
    known = {f.value for f in OutputFormat}
    output = resolve_format(requested if requested in known else None)
    if output is OutputFormat.JSON:
        click.echo(render_json(1, error.findings))
    elif output is OutputFormat.GITHUB:
        click.echo(render_github(1, error.findings))
        write_step_summary(
            "## incidentflow.yaml has errors\n\n" + markdown_findings_table(error.findings)
        )
    else:
        click.echo(render_text(1, error.findings), err=True)
    click.echo("incident: the config has errors; fix them first (exit 2)", err=True)


def guarded(command: F) -> F:
    """Map failures to exit codes: config errors 2, interrupts 130, anything else 3."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ConfigError as error:
            _emit_config_error(error)
            sys.exit(EXIT_USAGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("incident: interrupted", err=True)
            sys.exit(130)
        except Exception as error:
            click.echo(
                f"incident: internal error ({type(error).__name__}: {error}); this is a bug, "
                "please report it with the command you ran",
                err=True,
            )
            if os.environ.get("INCIDENTFLOW_DEBUG"):
                raise
            sys.exit(EXIT_BUG)

    return wrapper  # type: ignore[return-value]


def resolve_format(value: str | None) -> OutputFormat:
    return OutputFormat(value) if value else default_format()


def report_findings(files: int, findings: list[Finding], output: OutputFormat, title: str) -> int:
    if output is OutputFormat.JSON:
        click.echo(render_json(files, findings))
    elif output is OutputFormat.GITHUB:
        click.echo(render_github(files, findings))
        write_step_summary(
            f"## {title}\n\n{summary_line(files, findings)}\n\n{markdown_findings_table(findings)}"
        )
    else:
        click.echo(render_text(files, findings))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_CLEAN


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="incident")
@click.option(
    "-C",
    "--directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    help="Run as if started in this directory.",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Config file (default: incidentflow.yaml in this or a parent directory).",
)
@click.pass_context
def main(ctx: click.Context, directory: Path, config: Path | None) -> None:
    """Incident-as-code for GitHub: declare, validate, gate and sync incidents."""
    ctx.obj = Context(directory, config)


def _reporter_name() -> str:
    try:
        name = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        name = ""
    return name or getpass.getuser()


@main.command()
@click.argument("title")
@click.option("--severity", default=None, help="A severity key from incidentflow.yaml.")
@click.option(
    "--source",
    type=click.Choice(
        ["shop_inquiry", "system_alert", "sales_contact", "internal", "partner", "other"]
    ),
    default="other",
    show_default=True,
    help="How the incident came in.",
)
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help="Template language.")
@click.option("--reported-by", default=None, help="Who reported it (default: git user.name).")
@click.option(
    "--detected-at",
    default=None,
    help="When it was detected, ISO 8601 with a zone (default: now).",
)
@click.option(
    "--slug",
    default=None,
    help="ASCII words for the ID when the title has none (e.g. a Japanese title).",
)
@click.pass_obj
@guarded
def new(
    obj: Context,
    title: str,
    severity: str | None,
    source: str,
    lang: str | None,
    reported_by: str | None,
    detected_at: str | None,
    slug: str | None,
) -> None:
    """Write a new incident from the template and print its path."""
    from incidentflow.commands.new import NewIncidentRequest, NewUsageError, create_incident

    repository = obj.repository
    try:
        request = NewIncidentRequest.checked(
            repository.config,
            title=title,
            severity=severity,
            source=source,
            reported_by=reported_by or _reporter_name(),
            lang=lang,
            detected_at=detected_at,
            slug=slug,
        )
    except NewUsageError as error:
        raise click.BadParameter(error.message, param_hint=error.option) from error
    created = create_incident(repository, request)
    click.echo(repository.display(created.path))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@FORMAT_OPTION
@click.pass_obj
@guarded
def validate(obj: Context, paths: tuple[Path, ...], output_format: str | None) -> None:
    """Validate incident files (default: all under incidents/)."""
    from incidentflow.commands.validate import NotARepositoryError, run_validate

    try:
        run = run_validate(obj.repository, list(paths))
    except NotARepositoryError as error:
        raise click.UsageError(str(error)) from error
    sys.exit(
        report_findings(run.files, run.findings, resolve_format(output_format), "incident validate")
    )


@main.command()
@click.argument("target", required=False)
@FORMAT_OPTION
@click.pass_obj
@guarded
def status(obj: Context, target: str | None, output_format: str | None) -> None:
    """Phase, what the next phase needs, and running clocks (all incidents without TARGET)."""
    from incidentflow.commands.status import render_status, run_status

    run = run_status(obj.repository, target)
    if target is not None and not run.states and not run.findings:
        raise click.BadParameter(f"no incident '{target}'", param_hint="TARGET")
    output = resolve_format(output_format)
    if output is OutputFormat.JSON:
        click.echo(json.dumps(run.as_dict(), ensure_ascii=False, indent=2))
    else:
        text = render_status(run)
        click.echo(text)
        if output is OutputFormat.GITHUB:
            write_step_summary("## incident status\n\n```\n" + text + "\n```\n")
    sys.exit(EXIT_FINDINGS if has_errors(run.findings) else EXIT_CLEAN)


@main.command()
@click.option("--base", default=None, help="Base ref (default: the pull request's base).")
@click.option("--head", default="HEAD", show_default=True, help="Head ref to check.")
@FORMAT_OPTION
@click.pass_obj
@guarded
def check(obj: Context, base: str | None, head: str, output_format: str | None) -> None:
    """The pull-request gate: validate what changed since BASE, transitions, closure."""
    from incidentflow.commands.check import (
        CheckUsageError,
        render_check_text,
        run_check,
        summary_markdown,
    )

    config = obj.config.as_posix() if obj.config is not None else None
    try:
        run = run_check(obj.directory, base, head, config)
    except CheckUsageError as error:
        raise click.UsageError(str(error)) from error
    output = resolve_format(output_format)
    if output is OutputFormat.JSON:
        incidents = [incident.as_dict() for incident in run.incidents]
        click.echo(
            render_json(run.files, run.findings, base=run.base, head=run.head, incidents=incidents)
        )
    elif output is OutputFormat.GITHUB:
        click.echo(render_github(run.files, run.findings))
        write_step_summary(summary_markdown(run))
    else:
        click.echo(render_check_text(run))
    sys.exit(EXIT_FINDINGS if has_errors(run.findings) else EXIT_CLEAN)


@main.command()
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--dry-run", is_flag=True, help="Print the plan; make no change on GitHub.")
@FORMAT_OPTION
@click.pass_obj
@guarded
def sync(obj: Context, ids: tuple[str, ...], dry_run: bool, output_format: str | None) -> None:
    """Checklist issues per stakeholder team, tracking issues per prevention item, and their
    numbers written back into the incident files (every incident when no ID is given)."""
    from incidentflow.commands.sync import run_sync_command
    from incidentflow.sync.report import (
        Action,
        action_line,
        render_json,
        summary_markdown,
        summary_text,
    )
    from incidentflow.sync.run import SyncUsageError

    as_json = output_format == OutputFormat.JSON.value

    def progress(action: Action) -> None:
        if not as_json:
            click.echo(action_line(action))

    try:
        report = run_sync_command(obj.repository, dry_run=dry_run, ids=ids, emit=progress)
    except SyncUsageError as error:
        click.echo(f"incident sync: {error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(render_json(report) if as_json else summary_text(report))
    write_step_summary(summary_markdown(report))
    sys.exit(EXIT_FINDINGS if report.unfinished else EXIT_CLEAN)


@main.command()
@click.option("--check", is_flag=True, help="Fail if the schema file differs from the models.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write (default: schemas/incident.schema.json in the repository).",
)
@click.pass_obj
@guarded
def schema(obj: Context, check: bool, output: Path | None) -> None:
    """Write, or check, the JSON Schema for incident front matter."""
    from incidentflow.commands.schema import check_schema, write_schema

    repository = obj.repository
    target = output or repository.root / "schemas" / "incident.schema.json"
    if check:
        finding = check_schema(repository, target)
        if finding is not None:
            click.echo(render_text(1, [finding]))
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{repository.display(target)} is up to date")
        return
    changed = write_schema(repository, target)
    click.echo(f"{'wrote' if changed else 'unchanged'} {repository.display(target)}")


@main.command()
@click.option("--month", default=None, help="Calendar month YYYY-MM (default: the last one).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help="Report language.")
@click.pass_obj
@guarded
def report(obj: Context, month: str | None, output_format: str, lang: str | None) -> None:
    """Monthly figures for management: counts, speed, personal data, prevention."""
    from incidentflow.commands.report import month_period, render_markdown, run_report

    if month is not None and not _is_month(month):
        raise click.BadParameter("use YYYY-MM, e.g. 2026-11", param_hint="--month")
    repository = obj.repository
    result = run_report(repository, month_period(month, repository))
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        markdown = render_markdown(result, lang or repository.config.language, repository.config)
        click.echo(markdown)
        write_step_summary(markdown)


def _is_month(value: str) -> bool:
    year, _, month = value.partition("-")
    return len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--post",
    is_flag=True,
    help="Also comment on each overdue item's GitHub issue, at most once a day.",
)
@click.pass_obj
@guarded
def remind(obj: Context, output_format: str, post: bool) -> None:
    """List what is overdue: regulatory clocks and prevention items past their due date."""
    from incidentflow.commands import remind as reminding
    from incidentflow.forge.interface import ForgeError

    repository = obj.repository
    found = reminding.run_remind(repository)
    outcomes: dict[int, str] = {}
    if post and found:
        try:
            tracker, repository_name = reminding.open_tracker()
            posted = reminding.post_reminders(
                found, tracker, reminding.today(repository), repository_name
            )
        except reminding.RemindUsageError as error:
            raise click.UsageError(str(error)) from error
        except ForgeError as error:
            click.echo(f"incident remind: GitHub: {error}", err=True)
            sys.exit(EXIT_FINDINGS)
        outcomes = {id(p.reminder): p.outcome for p in posted}
    if output_format == "json":
        rows = [{**item.as_dict(), "posted": outcomes.get(id(item))} for item in found]
        click.echo(json.dumps({"overdue": rows}, ensure_ascii=False, indent=2))
    else:
        click.echo(reminding.render_text(found, repository.config.language))
        for item in found:
            if id(item) in outcomes:
                click.echo(f"  {item.incident_id} {item.key}: {outcomes[id(item)]}")


def run() -> None:
    main(prog_name="incident")


if __name__ == "__main__":
    run()
