"""``incident init``: everything a repository needs to adopt incidentflow, never overwriting.

Writes the config (the packaged default with the organisation, its team slugs, the language,
the time zone and the holiday calendar filled in), the stakeholder checklists, the four
workflows, the declaration issue form, the JSON Schema, a CODEOWNERS suggestion and an empty
incidents folder. A file that exists already is kept as it is and reported; run it again
after deleting one to get the default back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from incidentflow import __version__
from incidentflow.commands.new import write_new_file
from incidentflow.config.checklists import read_checklist
from incidentflow.config.settings import (
    CONFIG_FILE_NAME,
    Config,
    default_config_text,
    parse_config,
)
from incidentflow.declare.form import FORM_PATH, render_form
from incidentflow.errors import ConfigError, UsageError
from incidentflow.record.json_schema import render_schema
from incidentflow.words.init import CODEOWNERS, ERRORS, RESULT
from incidentflow.words.phrase import Both

WORKFLOWS = ("incident-check", "incident-sync", "incident-remind", "incident-declare")
SCHEMA_PATH = "schemas/incident.schema.json"
CODEOWNERS_PATH = ".github/CODEOWNERS"
# GitHub's rules for organisation and team slugs, and a branch name without surprises.
_ORGANISATION = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_TEAM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_BRANCH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")
# What may stand in a single-quoted YAML value of a workflow: a pip requirement or a URL.
_REQUIREMENT = re.compile(r"^[A-Za-z0-9._\-\[\]=<>!~,+:/@#% ]{1,300}$")


@dataclass(frozen=True, slots=True)
class InitOptions:
    organisation: str
    teams: dict[str, str] = field(default_factory=dict)  # stakeholder key -> team slug
    process_owners: str = "incident-process-owners"
    language: str = "ja"
    timezone: str = "Asia/Tokyo"
    calendar: str = "JP"
    branch: str = "main"
    requirement: str = f"incidentflow=={__version__}"


@dataclass(frozen=True, slots=True)
class InitResult:
    written: list[str]
    kept: list[str]
    config: Config
    codeowners: str  # the suggestion, also when an existing CODEOWNERS was kept


def default_team_slugs() -> dict[str, str]:
    """The packaged config's team slugs by stakeholder key (``legal`` -> ``legal``)."""
    config = parse_config(default_config_text(), CONFIG_FILE_NAME)
    return {
        team.key: team.github.team.split("/", 1)[1]
        for team in config.stakeholders
        if team.github.team is not None
    }


def check_options(options: InitOptions) -> None:
    if not _ORGANISATION.match(options.organisation):
        raise UsageError(ERRORS["organisation"], "--org", value=options.organisation)
    known = default_team_slugs()
    for key, slug in options.teams.items():
        if key not in known:
            keys = Both(", ".join(known), "、".join(f"「{k}」" for k in known))
            raise UsageError(ERRORS["unknown_team"], "--team", value=key, known=keys)
        if not _TEAM.match(slug):
            raise UsageError(ERRORS["team_slug"], "--team", value=slug)
    if not _TEAM.match(options.process_owners):
        raise UsageError(ERRORS["process_owners"], "--process-owners", value=options.process_owners)
    if not _BRANCH.match(options.branch):
        raise UsageError(ERRORS["branch"], "--branch", value=options.branch)
    if not _REQUIREMENT.match(options.requirement):
        raise UsageError(ERRORS["requirement"], "--requirement")


def render_config(options: InitOptions) -> str:
    """The packaged default config with this organisation's choices; checked as it would be."""
    text = default_config_text()
    text = _set_value(text, "language", options.language)
    text = _set_value(text, "timezone", options.timezone)
    text = _set_value(text, "calendar", options.calendar)
    default = parse_config(default_config_text(), CONFIG_FILE_NAME)
    for team in default.stakeholders:
        if team.github.team is None:
            continue
        slug = options.teams.get(team.key, team.github.team.split("/", 1)[1])
        text = text.replace(f"team: {team.github.team}", f"team: {options.organisation}/{slug}")
    text += DECLARE_EXAMPLE
    try:
        parse_config(text, CONFIG_FILE_NAME)
    except ConfigError as error:
        raise UsageError(ERRORS["config_invalid"], error=error) from error
    return text


def _set_value(text: str, key: str, value: str) -> str:
    """A top-level ``key: value`` line with a new value, its comment kept in its column."""
    if not re.fullmatch(r"[A-Za-z0-9_/+-]{1,64}", value):
        raise UsageError(ERRORS["value"], f"--{key}", value=value, key=key)
    line = re.compile(rf"(?m)^{key}: (?P<old>\S+)(?P<gap> *)(?P<rest>#.*)?$")

    def replace(found: re.Match[str]) -> str:
        if not found["rest"]:
            return f"{key}: {value}"
        width = len(found["old"]) + len(found["gap"])
        return f"{key}: {value.ljust(width - 1)} {found['rest']}"

    return line.sub(replace, text, count=1)


DECLARE_EXAMPLE = """
# Declaring from an issue form or an alert (README, "Declare from anywhere"). The defaults
# need no entry. An alerting system that sends its own shape is mapped with paths into its
# payload; this example reads Prometheus Alertmanager's webhook body:
#
# declare:
#   alert:
#     fields:
#       title: [commonAnnotations.summary, commonLabels.alertname]
#       severity: commonLabels.severity
#       service: [commonLabels.service, commonLabels.job]
#       started_at: alerts.0.startsAt
#       link: [alerts.0.generatorURL, externalURL]
#       dedup_key: groupKey
#     severities: {critical: sev1, warning: sev3, info: sev4}
#     reported_by: Alertmanager
"""


def render_workflow(name: str, options: InitOptions, config: Config) -> str:
    template = resources.files("incidentflow").joinpath("defaults", "workflows", f"{name}.yml")
    text = template.read_text("utf-8")
    label = config.declare.label
    if "'" in label:
        raise UsageError(ERRORS["label_quote"], label=label)
    return (
        text.replace("@REQUIREMENT@", options.requirement)
        .replace("@BRANCH@", options.branch)
        .replace("@LABEL@", label)
    )


def render_codeowners(options: InitOptions, config: Config) -> str:
    org = options.organisation
    owners = f"@{org}/{options.process_owners}"
    legal = config.team("legal")
    legal_team = f" @{legal.github.team}" if legal is not None and legal.github.team else ""
    rows = [
        ("/incidentflow.yaml", owners),
        ("/.github/", owners),
        ("/.github/incident-checklists/", owners + legal_team),
        ("/schemas/", owners),
        ("/.github/CODEOWNERS", owners),
    ]
    width = max(len(path) for path, _ in rows) + 2
    lines = "".join(f"{path.ljust(width)}{who}\n" for path, who in rows)
    return CODEOWNERS.template(config.language) + lines


def run_init(root: Path, options: InitOptions) -> InitResult:
    check_options(options)
    config_text = render_config(options)
    config = parse_config(config_text, CONFIG_FILE_NAME)
    existing = root / CONFIG_FILE_NAME
    if existing.is_file():
        # Generate the rest from the config the repository already has.
        config = parse_config(existing.read_text("utf-8"), CONFIG_FILE_NAME)
    planned: list[tuple[str, str]] = [(CONFIG_FILE_NAME, config_text)]
    for team in config.stakeholders:
        for relative in team.checklist.values():
            text = read_checklist(root, relative)
            if text is not None:
                planned.append((relative, text))
    for name in WORKFLOWS:
        planned.append((f".github/workflows/{name}.yml", render_workflow(name, options, config)))
    codeowners = render_codeowners(options, config)
    planned += [
        (FORM_PATH, render_form(config)),
        (SCHEMA_PATH, render_schema(config)),
        (CODEOWNERS_PATH, codeowners),
        (f"{config.incidents_dir}/.gitkeep", ""),
    ]
    if config.index_path is not None:
        # From the first incident on, the gate keeps the index current (SC002).
        planned.append((config.index_path, _index(root, config)))
    written: list[str] = []
    kept: list[str] = []
    for relative, text in planned:
        target = root / relative
        if target.exists() or target.is_symlink():
            kept.append(relative)
        elif write_new_file(target, text):
            written.append(relative)
        else:
            kept.append(relative)
    return InitResult(written, kept, config, codeowners)


def _index(root: Path, config: Config) -> str:
    """The incident index of the incident files already here (none, in a new repository)."""
    from incidentflow.commands.index import expected_index
    from incidentflow.config.workspace import Repository

    return expected_index(Repository(root, config))


def render_result(result: InitResult, language: str = "en") -> str:
    """What ``incident init`` prints: the files written and kept, then the next steps."""
    lines = [RESULT["wrote"](language, path=relative) for relative in result.written]
    lines += [RESULT["kept"](language, path=relative) for relative in result.kept]
    if CODEOWNERS_PATH in result.kept:
        lines += ["", RESULT["suggested_codeowners"](language), "", result.codeowners]
    lines.append(next_steps(result.config, language))
    return "\n".join(lines)


def next_steps(config: Config, language: str = "en") -> str:
    return RESULT["next_steps"](language, label=config.declare.label)
