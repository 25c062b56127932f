"""The ``incident`` command line: parse, dispatch, print, pick the exit code. Nothing else.

Exit codes: 0 clean, 1 findings, 2 usage or configuration error, 3 internal bug, 130 interrupt.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from incidentflow import __version__
from incidentflow.cli.errors import exit_code_for
from incidentflow.cli.output import (
    OutputFormat,
    default_format,
    render_findings,
    resolve_format,
    write_step_summary,
)
from incidentflow.errors import EXIT_CLEAN, EXIT_FINDINGS, UsageError
from incidentflow.rules.findings import Finding, has_errors
from incidentflow.words.errors import (
    MONTH_FORMAT,
    NOT_KEY_SLUG,
    ONE_EVENT,
    ORGANISATION_NEEDED,
    PROMPTS,
)

if TYPE_CHECKING:
    from incidentflow.config.workspace import Repository


class State:
    """What the group's options chose, shared by every command and by the error handler."""

    def __init__(self) -> None:
        self.directory = Path(".")
        self.config: Path | None = None
        self.command = ""
        self.output_format = default_format()
        self._repository: Repository | None = None

    @property
    def language(self) -> str:
        """The language of what commands print: ``INCIDENTFLOW_LANG``, else the config's."""
        from incidentflow.words import output_language

        return output_language(self.repository.config.language)

    def error_language(self) -> str:
        """The language to report an error in, without failing again: the config's when it
        was read, else ``INCIDENTFLOW_LANG``, else the ``language:`` line of the config file
        (a broken config still says which language its readers want), else English."""
        from incidentflow.words import output_language

        if self._repository is not None:
            return output_language(self._repository.config.language)
        return output_language(_configured_language(self.directory, self.config))

    @property
    def repository(self) -> Repository:
        if self._repository is None:
            from incidentflow.config.workspace import open_repository

            self._repository = open_repository(self.directory, self.config)
        return self._repository


_LANGUAGE_LINE = re.compile(r"^language:[ \t]*[\"']?(ja|en)\b", re.MULTILINE)


def _configured_language(directory: Path, config: Path | None) -> str | None:
    """The config's ``language`` read from its text alone, for a config that cannot load."""
    from incidentflow.config.settings import default_config_text, find_config

    try:
        chosen = config or find_config(directory.resolve())
        text = (
            chosen.read_bytes()[:65536].decode("utf-8", "replace")
            if chosen is not None
            else default_config_text()
        )
    except OSError:
        return None
    found = _LANGUAGE_LINE.search(text)
    return found.group(1) if found else None


def _remember_format(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    # Known as soon as the option is parsed, so even a config error is reported in it.
    if value in {f.value for f in OutputFormat}:
        ctx.ensure_object(State).output_format = resolve_format(value)
    return value


FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice([f.value for f in OutputFormat]),
    default=None,
    callback=_remember_format,
    help="Output format; 'github' is the default inside GitHub Actions.",
)


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
def cli(ctx: click.Context, directory: Path, config: Path | None) -> None:
    """Incident-as-code for GitHub: declare, validate, gate and sync incidents."""
    state = ctx.ensure_object(State)
    state.directory, state.config = directory, config
    state.command = ctx.invoked_subcommand or ""


def _reporter_name() -> str:
    try:
        import subprocess  # only here: `incident --version` and most commands never need it

        name = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        name = ""
    import getpass

    return name or getpass.getuser()


@cli.command()
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
    help="When it was detected: ISO 8601 with a zone, or a day alone (2021-12-07) (default: now).",
)
@click.option(
    "--slug",
    default=None,
    help="ASCII words for the ID when the title has none (e.g. a Japanese title).",
)
@click.pass_obj
def new(
    obj: State,
    title: str,
    severity: str | None,
    source: str,
    lang: str | None,
    reported_by: str | None,
    detected_at: str | None,
    slug: str | None,
) -> int:
    """Write a new incident from the template and print its path."""
    from incidentflow.commands.new import NewIncidentRequest, create_incident

    repository = obj.repository
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
    created = create_incident(repository, request)
    click.echo(repository.display(created.path))
    from incidentflow.commands.index import add_to_index, index_path

    index = index_path(repository)
    if index is not None and index.exists() and add_to_index(repository, created.path):
        # The index the gate asks for comes along; stdout stays the new file's path alone.
        from incidentflow.words.output import WROTE

        click.echo(WROTE(obj.language, path=repository.display(index)), err=True)
    return EXIT_CLEAN


@cli.command()
@click.option(
    "--from-issue",
    "issue_event",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An `issues` event (or an issue) from the declaration form, as JSON.",
)
@click.option(
    "--from-alert",
    "alert_event",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A `repository_dispatch` event (or its client_payload) from an alerting system.",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def declare(
    obj: State, issue_event: Path | None, alert_event: Path | None, output_format: str
) -> int:
    """Declare an incident from an issue form or an alert: a branch, the new incident file
    and a pull request on GitHub, once per issue or alert."""
    from incidentflow.commands import declare as declaring

    if (issue_event is None) == (alert_event is None):
        raise UsageError(ONE_EVENT)
    repository = obj.repository
    if issue_event is not None:
        outcome = declaring.declare_from_issue(repository, issue_event)
    else:
        assert alert_event is not None
        outcome = declaring.declare_from_alert(repository, alert_event)
    if output_format == "json":
        click.echo(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(declaring.render_outcome(outcome, obj.language))
    return EXIT_FINDINGS if outcome.kind == "refused" else EXIT_CLEAN


@cli.command()
@click.option("--org", "organisation", default=None, help="GitHub organisation owning the teams.")
@click.option(
    "--team",
    "teams",
    multiple=True,
    metavar="KEY=SLUG",
    help="Team slug for a stakeholder key, e.g. cs=customer-support (repeatable).",
)
@click.option("--process-owners", default=None, metavar="SLUG", help="Team owning the process.")
@click.option("--language", type=click.Choice(["ja", "en"]), default=None)
@click.option("--timezone", default=None, help="IANA time zone, e.g. Asia/Tokyo.")
@click.option("--calendar", default=None, help="Country of the public holidays, e.g. JP.")
@click.option("--branch", default=None, help="The default branch (default: the current one).")
@click.option("--requirement", default=None, help="What the workflows pip-install.")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing; take the defaults.")
@click.pass_obj
def init(
    obj: State,
    organisation: str | None,
    teams: tuple[str, ...],
    process_owners: str | None,
    language: str | None,
    timezone: str | None,
    calendar: str | None,
    branch: str | None,
    requirement: str | None,
    yes: bool,
) -> int:
    """Set up a repository: config, checklists, workflows, issue form, schema, index, CODEOWNERS.
    Never overwrites a file."""
    from incidentflow import git
    from incidentflow.commands import init as adopting

    directory = obj.directory.resolve()
    try:
        root = git.toplevel(directory)
    except git.GitError:
        root = directory
    ask = not yes and sys.stdin.isatty()
    defaults = adopting.InitOptions(organisation="")
    if ask:
        organisation = click.prompt(PROMPTS["organisation"], default=organisation or None)
    if not organisation:
        raise UsageError(ORGANISATION_NEEDED, "--org")
    slugs: dict[str, str] = {}
    for item in teams:
        key, sep, slug = item.partition("=")
        if not sep:
            raise UsageError(NOT_KEY_SLUG, "--team", item=item)
        slugs[key.strip()] = slug.strip()
    if ask:
        for key, slug in adopting.default_team_slugs().items():
            prompt = PROMPTS["team"].format(key=key)
            slugs[key] = click.prompt(prompt, default=slugs.get(key, slug))
        language = click.prompt(
            PROMPTS["language"],
            type=click.Choice(["ja", "en"]),
            default=language or defaults.language,
        )
        timezone = click.prompt(PROMPTS["timezone"], default=timezone or defaults.timezone)
    options = adopting.InitOptions(
        organisation=organisation,
        teams=slugs,
        process_owners=process_owners or defaults.process_owners,
        language=language or defaults.language,
        timezone=timezone or defaults.timezone,
        calendar=calendar or defaults.calendar,
        branch=branch or git.current_branch(root) or defaults.branch,
        requirement=requirement or defaults.requirement,
    )
    from incidentflow.words import output_language

    result = adopting.run_init(root, options)
    click.echo(adopting.render_result(result, output_language(result.config.language)))
    return EXIT_CLEAN


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@FORMAT_OPTION
@click.pass_obj
def validate(obj: State, paths: tuple[Path, ...], output_format: str | None) -> int:
    """Validate incident files (default: all under incidents/)."""
    from incidentflow.commands.validate import run_validate

    run = run_validate(obj.repository, list(paths))
    rendered = render_findings(
        obj.output_format,
        run.files,
        run.findings,
        title="incident validate",
        language=obj.language,
    )
    return _report(rendered, run.findings)


@cli.command()
@click.argument("target", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*(f.value for f in OutputFormat), "markdown"]),
    default=None,
    callback=_remember_format,
    help="Output format; 'markdown' draws each incident's phases and deadlines as a chart.",
)
@click.pass_obj
def status(obj: State, target: str | None, output_format: str | None) -> int:
    """Phase, what the next phase needs, and running clocks (all incidents without TARGET)."""
    from incidentflow.commands.status import render_status, run_status
    from incidentflow.words.errors import NO_INCIDENT

    if output_format == "markdown":
        from incidentflow.commands.status_markdown import render_status_markdown

        markdown, files = render_status_markdown(obj.repository, target)
        if target is not None and not files:
            raise UsageError(NO_INCIDENT, "TARGET", target=target)
        click.echo(markdown)
        return EXIT_CLEAN
    language = obj.language
    run = run_status(obj.repository, target, language)
    if target is not None and not run.states and not run.findings:
        raise UsageError(NO_INCIDENT, "TARGET", target=target)
    output = obj.output_format
    if output is OutputFormat.JSON:
        click.echo(json.dumps(run.as_dict(language), ensure_ascii=False, indent=2))
    else:
        text = render_status(run, language)
        click.echo(text)
        if output is OutputFormat.GITHUB:
            write_step_summary("## incident status\n\n```\n" + text + "\n```\n")
    return EXIT_FINDINGS if has_errors(run.findings) else EXIT_CLEAN


@cli.command()
@click.option("--base", default=None, help="Base ref (default: the pull request's base).")
@click.option("--head", default="HEAD", show_default=True, help="Head ref to check.")
@FORMAT_OPTION
@click.pass_obj
def check(obj: State, base: str | None, head: str, output_format: str | None) -> int:
    """The pull-request gate: validate what changed since BASE, transitions, closure."""
    from incidentflow.cli.check_output import check_language, render_check_text, summary_markdown
    from incidentflow.gate.check import run_check

    config = obj.config.as_posix() if obj.config is not None else None
    run = run_check(obj.directory, base, head, config)
    output = obj.output_format
    incidents = [incident.as_dict() for incident in run.incidents]
    rendered = render_findings(
        output,
        run.files,
        run.findings,
        title="incident check",
        extra={"base": run.base, "head": run.head, "incidents": incidents},
        summary=summary_markdown(run),
        language=check_language(run),
    )
    if output is OutputFormat.TEXT:
        rendered = type(rendered)(render_check_text(run))
    return _report(rendered, run.findings)


@cli.command()
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--dry-run", is_flag=True, help="Print the plan; make no change on GitHub.")
@FORMAT_OPTION
@click.pass_obj
def sync(obj: State, ids: tuple[str, ...], dry_run: bool, output_format: str | None) -> int:
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

    as_json = output_format == OutputFormat.JSON.value

    def progress(action: Action) -> None:
        if not as_json:
            click.echo(action_line(action, language))

    language = obj.language
    report = run_sync_command(obj.repository, dry_run=dry_run, ids=ids, emit=progress)
    click.echo(render_json(report) if as_json else summary_text(report, language))
    write_step_summary(summary_markdown(report, language))
    return EXIT_FINDINGS if report.unfinished else EXIT_CLEAN


@cli.command()
@click.option("--check", is_flag=True, help="Fail if the schema file differs from the models.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write (default: schemas/incident.schema.json in the repository).",
)
@click.pass_obj
def schema(obj: State, check: bool, output: Path | None) -> int:
    """Write, or check, the JSON Schema for incident front matter."""
    from incidentflow.commands.schema import check_schema, write_schema

    repository = obj.repository
    target = output or repository.root / "schemas" / "incident.schema.json"
    shown = repository.display(target)
    if check:
        return _check_generated(obj, check_schema(repository, target), shown, "schema")
    return _wrote(obj, shown, write_schema(repository, target))


@cli.command()
@click.option("--check", is_flag=True, help="Fail if the index differs from the incident files.")
@click.pass_obj
def index(obj: State, check: bool) -> int:
    """Write, or check, the incident index (incidents/README.md unless the config's
    index_file says otherwise), newest first."""
    from incidentflow.commands.index import check_index, index_path, write_index

    repository = obj.repository
    path = index_path(repository)
    if path is None:
        from incidentflow.words.output import NO_INDEX

        click.echo(NO_INDEX(obj.language))
        return EXIT_CLEAN
    target = repository.display(path)
    if check:
        return _check_generated(obj, check_index(repository), target, "index")
    return _wrote(obj, target, write_index(repository))


def _check_generated(obj: State, finding: Finding | None, shown: str, title: str) -> int:
    """``--check`` of a generated file: its finding, or that it is up to date."""
    from incidentflow.words.output import UP_TO_DATE

    language = obj.language
    if finding is not None:
        rendered = render_findings(OutputFormat.TEXT, 1, [finding], title=title, language=language)
        click.echo(rendered.stdout)
        return EXIT_FINDINGS
    click.echo(UP_TO_DATE(language, path=shown))
    return EXIT_CLEAN


def _wrote(obj: State, shown: str, changed: bool) -> int:
    from incidentflow.words.output import UNCHANGED, WROTE

    click.echo((WROTE if changed else UNCHANGED)(obj.language, path=shown))
    return EXIT_CLEAN


@cli.command()
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
def report(obj: State, month: str | None, output_format: str, lang: str | None) -> int:
    """Monthly figures for management: counts, speed, personal data, prevention."""
    from incidentflow.commands.report import month_period, render_markdown, run_monthly

    if month is not None and not _is_month(month):
        raise UsageError(MONTH_FORMAT, "--month")
    repository = obj.repository
    result, trend = run_monthly(repository, month_period(month, repository))
    if output_format == "json":
        figures = {**result.as_dict(), "trend": trend.as_dict()}
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        language = lang or obj.language
        markdown = render_markdown(result, language, repository.config, trend)
        click.echo(markdown)
        write_step_summary(markdown)
    return EXIT_CLEAN


def _is_month(value: str) -> bool:
    year, _, month = value.partition("-")
    return len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--post",
    is_flag=True,
    help="Also comment on each overdue item's GitHub issue, at most once a day.",
)
@click.pass_obj
def remind(obj: State, output_format: str, post: bool) -> int:
    """List what is overdue: regulatory clocks and prevention items past their due date."""
    from incidentflow.commands import remind as reminding

    repository = obj.repository
    found = reminding.run_remind(repository)
    outcomes: dict[int, reminding.Posted] = {}
    if post and found:
        tracker, repository_name = reminding.open_tracker()
        posted = reminding.post_reminders(
            found, tracker, reminding.today(repository), repository_name
        )
        outcomes = {id(p.reminder): p for p in posted}
    if output_format == "json":
        rows = [
            {
                **item.as_dict(),
                "posted": outcomes[id(item)].outcome if id(item) in outcomes else None,
            }
            for item in found
        ]
        click.echo(json.dumps({"overdue": rows}, ensure_ascii=False, indent=2))
    else:
        click.echo(reminding.render_text(found, obj.language))
        for item in found:
            if id(item) in outcomes:
                said = outcomes[id(item)].describe(obj.language)
                click.echo(f"  {item.incident_id} {item.key}: {said}")
    return EXIT_CLEAN


def _report(rendered: Any, findings: Sequence[Any]) -> int:
    click.echo(rendered.stdout)
    rendered.write_summary()
    return EXIT_FINDINGS if has_errors(list(findings)) else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default: the process's) and return the exit code.

    Commands return their exit code; every exception ends here, in one handler.
    """
    state = State()
    try:
        result = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="incident",
            standalone_mode=False,
            obj=state,
        )
    except BaseException as error:
        if isinstance(error, SystemExit):
            return error.code if isinstance(error.code, int) else EXIT_CLEAN
        return exit_code_for(error, state.output_format, state.command, _safely(state))
    return result if isinstance(result, int) else EXIT_CLEAN


def _safely(state: State) -> str:
    """The language to report in; English if even that cannot be found out."""
    try:
        return state.error_language()
    except Exception:  # the error being reported matters more than its language
        return "en"


def run() -> None:
    sys.exit(main())
