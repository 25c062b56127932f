"""The GitHub side: workflows, the composite action and the pre-commit hooks.

These tests hold the delivery to "secure by construction":

* zizmor (offline) finds nothing, in the regular and the pedantic persona;
* every workflow and the action validate against the schemas vendored in
  check-jsonschema;
* remote actions are pinned to full commit SHAs with a matching version comment;
* no privileged triggers, explicit least permissions, no persisted git credentials;
* no ``${{ }}`` expression is ever spliced into a ``run:`` script, and the real
  ``run:`` scripts, executed with bash the way the runner executes them, treat
  hostile branch names, titles and inputs as data.

Nothing here needs the network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
GITHUB_DIR = ROOT / ".github"
WORKFLOW_DIR = GITHUB_DIR / "workflows"
ACTION_FILE = GITHUB_DIR / "actions" / "incident-check" / "action.yml"
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
DOCS_FILE = ROOT / "docs" / "github.md"

WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
ACTIONS = sorted(
    [*GITHUB_DIR.glob("actions/*/action.yml"), *GITHUB_DIR.glob("actions/*/action.yaml")]
)

# The only third-party actions this project uses, by the release commit they are pinned to.
KNOWN_PINS: dict[str, tuple[str, str]] = {
    "actions/checkout": ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
    "actions/setup-python": ("0b93645e9fea7318ecaed2b359559ac225c90de2", "v5.3.0"),
    "actions/upload-artifact": ("b4b15b8c7c6ac21ea08fcf65892d2ee8c75cf882", "v4.4.3"),
}

# `${{ }}` expressions tolerated inside `run:` scripts. Deliberately empty: every value a
# script needs reaches it through `env:`, where the runner sets it as an environment
# variable and the shell never parses it as code. Anything added here must be a value no
# outsider can influence (e.g. a matrix entry defined in the workflow file itself).
ALLOWED_RUN_EXPRESSIONS: frozenset[str] = frozenset()

# Contexts an outsider can put text into (fork branch names, titles, bodies, inputs, ...).
ATTACKER_CONTROLLED = re.compile(
    r"github\.event\.|github\.head_ref|inputs\.|steps\.[^.]+\.outputs|needs\.|env\.|vars\.",
)

SHA_PIN = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)(?:/[\w./-]+)?@(?P<ref>[0-9a-f]{40})$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*?))?\s*$")
EXPRESSION = re.compile(r"\$\{\{\s*(?P<expr>.*?)\s*\}\}", re.DOTALL)
WHOLE_EXPRESSION = re.compile(r"^\$\{\{\s*(?P<expr>.*?)\s*\}\}$", re.DOTALL)


# --------------------------------------------------------------------------- helpers


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The `on:` block as a mapping, whichever of its three spellings is used."""
    on = workflow["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return dict(on)


def all_steps() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every step of every job of every workflow, and of every composite action."""
    for path in WORKFLOWS:
        for job_id, job in load_yaml(path)["jobs"].items():
            for step in job.get("steps", []):
                yield f"{rel(path)}:{job_id}", step
    for path in ACTIONS:
        for step in load_yaml(path)["runs"].get("steps", []):
            yield rel(path), step


def all_uses() -> Iterator[tuple[str, str]]:
    for where, step in all_steps():
        if "uses" in step:
            yield where, str(step["uses"])
    for path in WORKFLOWS:
        for job_id, job in load_yaml(path)["jobs"].items():
            if "uses" in job:  # a reusable workflow call
                yield f"{rel(path)}:{job_id}", str(job["uses"])


def is_local(uses: str) -> bool:
    return uses.startswith(("./", "$/"))


def find_step(steps: list[dict[str, Any]], name: str) -> dict[str, Any]:
    for step in steps:
        if step.get("name") == name:
            return step
    raise AssertionError(f"no step named {name!r}")


def action_step(name: str) -> dict[str, Any]:
    return find_step(load_yaml(ACTION_FILE)["runs"]["steps"], name)


def workflow_step(file: str, job: str, name: str) -> dict[str, Any]:
    return find_step(load_yaml(WORKFLOW_DIR / file)["jobs"][job]["steps"], name)


def find_tool(name: str) -> str | None:
    """The executable from this interpreter's environment, else from PATH."""
    for directory in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(directory) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def zizmor_command() -> list[str]:
    probe = subprocess.run(
        [sys.executable, "-m", "zizmor", "--version"], capture_output=True, text=True, check=False
    )
    if probe.returncode == 0:
        return [sys.executable, "-m", "zizmor"]
    exe = find_tool("zizmor")
    if exe is None:
        pytest.skip("zizmor is not installed (pip install zizmor, or pip install -e '.[test]')")
    return [exe]


def offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN"}}
    env.update(ZIZMOR_OFFLINE="true", NO_COLOR="1")
    return env


def run_zizmor(*args: str | Path, cwd: Path = ROOT) -> tuple[int, list[dict[str, Any]], str]:
    proc = subprocess.run(
        [*zizmor_command(), "--offline", "--no-progress", "--format", "json", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=offline_env(),
        check=False,
        timeout=120,
    )
    try:
        findings = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        pytest.fail(f"zizmor printed no JSON (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.returncode, findings, proc.stderr


def describe(findings: list[dict[str, Any]]) -> str:
    """One line per zizmor finding: audit, file:line, description."""
    lines = []
    for finding in findings:
        places = []
        for location in finding.get("locations", []):
            try:
                path = location["symbolic"]["key"]["Local"]["verbatim_path"]
                row = location["concrete"]["location"]["start_point"]["row"] + 1
            except (KeyError, TypeError):
                continue
            places.append(f"{path}:{row}")
        lines.append(f"{finding.get('ident')} at {', '.join(places)}: {finding.get('desc')}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- inventory


def test_the_expected_files_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"incident-check.yml", "ci.yml", "incident-sync.yml", "incident-declare.yml"} <= names
    assert ACTION_FILE in ACTIONS
    assert HOOKS_FILE.is_file()


# --------------------------------------------------------------------------- (1) zizmor


@pytest.mark.parametrize("persona", ["regular", "pedantic"])
def test_zizmor_reports_nothing(persona: str) -> None:
    # --no-ignores: an inline "zizmor: ignore" comment must not hide anything either.
    code, findings, stderr = run_zizmor(
        "--persona",
        persona,
        "--no-ignores",
        "--strict-collection",
        ".github",
        ".pre-commit-hooks.yaml",
    )
    assert findings == [], describe(findings)
    assert code == 0, stderr


def test_zizmor_is_not_vacuous(tmp_path: Path) -> None:
    """The same invocation does flag a workflow with a classic script injection."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request\n"
        "jobs:\n"
        "  greet:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    code, findings, _ = run_zizmor("--no-ignores", ".github", cwd=tmp_path)
    assert code != 0
    assert "template-injection" in {f.get("ident") for f in findings}


# --------------------------------------------------------------------------- (2) schemas


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"]
)
def test_workflows_match_the_github_workflow_schema(schema: str) -> None:
    proc = check_jsonschema(schema, WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_action_matches_the_github_action_schema() -> None:
    proc = check_jsonschema("vendor.github-actions", ACTIONS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --------------------------------------------------------------------------- (3) pinning


def test_every_remote_action_is_pinned_to_a_known_commit_with_a_version_comment() -> None:
    files = [*WORKFLOWS, *ACTIONS]
    lines = [
        (rel(path), number, match)
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (match := USES_LINE.match(line))
    ]
    parsed = [uses for _, uses in all_uses()]
    # Every `uses:` the YAML parser sees is on a line this scan checks (no flow-style escapes).
    assert sorted(m["ref"].strip("'\"") for *_, m in lines) == sorted(parsed)

    for where, number, match in lines:
        ref = match["ref"].strip("'\"")
        if is_local(ref):
            continue
        assert not ref.startswith("docker://"), f"{where}:{number}: docker actions are not allowed"
        pin = SHA_PIN.match(ref)
        assert pin, f"{where}:{number}: {ref} is not pinned to a full 40-hex commit SHA"
        assert pin["action"] in KNOWN_PINS, f"{where}:{number}: {pin['action']} is not allowed"
        sha, version = KNOWN_PINS[pin["action"]]
        assert pin["ref"] == sha, f"{where}:{number}: unexpected commit for {pin['action']}"
        assert match["comment"] == version, f"{where}:{number}: comment must be '# {version}'"


def test_local_actions_exist() -> None:
    for where, uses in all_uses():
        if is_local(uses):
            target = ROOT / uses[2:]
            assert (target / "action.yml").is_file() or target.is_file(), f"{where}: {uses}"


# --------------------------------------------------------------------------- (4) privileges

DANGEROUS_TRIGGERS = {"pull_request_target", "workflow_run"}

EXPECTED_PERMISSIONS = {
    "incident-check.yml": {"incident-check": {"contents": "read", "issues": "read"}},
    "ci.yml": {"test": {"contents": "read"}},
    "incident-sync.yml": {
        "sync": {"issues": "write", "contents": "write", "pull-requests": "write"}
    },
    "incident-remind.yml": {"remind": {"contents": "read", "issues": "write"}},
    "incident-declare.yml": {
        "declare": {"contents": "write", "pull-requests": "write", "issues": "write"}
    },
}


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_no_privileged_triggers(path: Path) -> None:
    assert not DANGEROUS_TRIGGERS & set(triggers(load_yaml(path)))


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_permissions_are_explicit_and_least(path: Path) -> None:
    workflow = load_yaml(path)
    assert workflow.get("permissions") == {}, "top level must be `permissions: {}`"
    granted = {}
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"job {job_id} needs explicit permissions"
        assert set(job["permissions"].values()) <= {"read", "write", "none"}
        granted[job_id] = dict(job["permissions"])
        if "pull_request" in triggers(workflow) or "merge_group" in triggers(workflow):
            assert "write" not in granted[job_id].values(), f"{job_id}: write on untrusted code"
    assert granted == EXPECTED_PERMISSIONS[path.name]


def test_checkout_never_persists_credentials() -> None:
    checkouts = [
        (where, step)
        for where, step in all_steps()
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkouts
    for where, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, where


def test_secrets_are_never_referenced() -> None:
    for path in [*WORKFLOWS, *ACTIONS]:
        assert "secrets." not in path.read_text(encoding="utf-8"), rel(path)


# --------------------------------------------------------------------------- workflow shape


def test_incident_check_is_one_stable_always_running_job() -> None:
    workflow = load_yaml(WORKFLOW_DIR / "incident-check.yml")
    on = triggers(workflow)
    assert "pull_request" in on
    # A path or branch filter would leave a required check pending forever.
    assert not on["pull_request"], "pull_request must not be filtered"
    job = workflow["jobs"]["incident-check"]
    assert job["name"] == "incident-check"
    assert "strategy" not in job and "if" not in job
    checkout = find_step(job["steps"], "Check out with full history")
    assert checkout["with"]["fetch-depth"] == 0
    gate = find_step(job["steps"], "incident check")
    assert gate["uses"] in {"./.github/actions/incident-check", "$/.github/actions/incident-check"}


def test_incident_sync_triggers_and_concurrency() -> None:
    workflow = load_yaml(WORKFLOW_DIR / "incident-sync.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert set(on["push"]["paths"]) == {"incidents/**", "incidentflow.yaml"}
    assert "workflow_dispatch" in on
    assert on["schedule"] and all("cron" in entry for entry in on["schedule"])
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert workflow["concurrency"]["group"]
    assert "${{" not in workflow["concurrency"]["group"], "one sync per repository"


def test_ci_runs_every_gate_on_both_pythons() -> None:
    workflow = load_yaml(WORKFLOW_DIR / "ci.yml")
    assert {"push", "pull_request"} <= set(triggers(workflow))
    job = workflow["jobs"]["test"]
    assert list(job["strategy"]["matrix"]["python-version"]) == ["3.11", "3.13"]
    script = "\n".join(step.get("run", "") for step in job["steps"])
    for command in (
        "pip install --disable-pip-version-check -e '.[test]'",
        "ruff check",
        "ruff format --check",
        "mypy",
        "incident schema --check",
        "incident index --check",
        "incident validate",
        "pytest",
        "zizmor --offline",
    ):
        assert command in script, command


def test_action_inputs() -> None:
    inputs = load_yaml(ACTION_FILE)["inputs"]
    assert {
        "base-ref",
        "config",
        "format",
        "python-version",
        "incidentflow-version",
        "incidentflow-source",
    } <= set(inputs)
    assert "github.event.pull_request.base.sha" in inputs["base-ref"]["default"]
    assert inputs["config"]["default"] == "incidentflow.yaml"
    assert inputs["format"]["default"] == "github"
    assert all(not spec.get("required", False) for spec in inputs.values())


# --------------------------------------------------------------------------- (5) injection


def run_blocks() -> list[tuple[str, str]]:
    return [(where, str(step["run"])) for where, step in all_steps() if "run" in step]


def test_run_scripts_contain_no_expressions() -> None:
    blocks = run_blocks()
    assert blocks
    for where, script in blocks:
        for match in EXPRESSION.finditer(script):
            expr = match["expr"]
            assert not ATTACKER_CONTROLLED.search(expr), f"{where}: attacker-controlled {expr!r}"
            assert expr in ALLOWED_RUN_EXPRESSIONS, f"{where}: move {expr!r} into env:"


def test_other_shell_fields_contain_no_expressions() -> None:
    for where, step in all_steps():
        for key in ("shell", "working-directory"):
            assert "${{" not in str(step.get(key, "")), f"{where}: {key}"


def test_composite_action_steps_state_their_shell() -> None:
    for where, step in all_steps():
        if where.endswith("action.yml") and "run" in step:
            assert step.get("shell") == "bash", where


def test_run_scripts_are_valid_bash() -> None:
    for where, script in run_blocks():
        proc = subprocess.run(
            ["bash", "-n"], input=script, capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, f"{where}: {proc.stderr}"


# The runner writes a `run:` script to a file and runs `bash --noprofile --norc -eo pipefail`.


class Runner:
    """Executes a step's `run:` script as the runner would, with stubs on PATH."""

    def __init__(self, tmp_path: Path, payload: str) -> None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        self.tmp = tmp_path
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.calls_log = tmp_path / "calls.jsonl"
        self.output = tmp_path / "github_output"
        self.summary = tmp_path / "step_summary"
        self.runner_temp = tmp_path / "runner_temp"
        self.runner_temp.mkdir()
        self.output.touch()
        self.summary.touch()
        event = tmp_path / "event.json"
        # Everything an attacker controls in a pull_request event, set to the payload.
        event.write_text(
            json.dumps(
                {"pull_request": {"title": payload, "body": payload, "head": {"ref": payload}}}
            ),
            encoding="utf-8",
        )
        self.ambient = {
            "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(tmp_path),
            "LANG": "C.UTF-8",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_HEAD_REF": payload,
            "GITHUB_OUTPUT": str(self.output),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "RUNNER_TEMP": str(self.runner_temp),
            "GITHUB_ACTION_PATH": str(ACTION_FILE.parent),
        }

    def stub(self, path: Path, *, make_venv: bool = False) -> Path:
        """An executable that appends its argv as JSON to the calls log."""
        path.parent.mkdir(parents=True, exist_ok=True)
        venv_part = (
            "if sys.argv[1:3] == ['-m', 'venv']:\n"
            "    target = pathlib.Path(sys.argv[-1]) / 'bin' / 'python'\n"
            "    target.parent.mkdir(parents=True, exist_ok=True)\n"
            "    shutil.copy(__file__, target)\n"
            "    target.chmod(0o755)\n"
            if make_venv
            else ""
        )
        path.write_text(
            f"#!{sys.executable}\n"
            "import json, pathlib, shutil, sys\n"
            f"with open({str(self.calls_log)!r}, 'a', encoding='utf-8') as log:\n"
            "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n" + venv_part,
            encoding="utf-8",
        )
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path

    def calls(self) -> list[list[str]]:
        if not self.calls_log.exists():
            return []
        lines = self.calls_log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def outputs(self) -> dict[str, str]:
        lines = self.output.read_text(encoding="utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line)

    def run(
        self, step: dict[str, Any], contexts: dict[str, str], cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Substitute the step's env expressions from `contexts`, then run its script."""
        env = dict(self.ambient)
        for key, value in (step.get("env") or {}).items():
            text = str(value)
            whole = WHOLE_EXPRESSION.match(text)
            if whole:
                assert whole["expr"] in contexts, f"test does not simulate {whole['expr']!r}"
                env[key] = contexts[whole["expr"]]
            else:
                assert "${{" not in text, f"{key}: mixed expression"
                env[key] = text
        script = self.tmp / "step.sh"
        script.write_text(str(step["run"]), encoding="utf-8")
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd or self.tmp,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )


def hostile_values(marker: Path) -> list[str]:
    m = str(marker)
    return [
        f'a";touch {m};echo "',
        f"$(touch {m})",
        f"`touch {m}`",
        f"'; touch {m}; '",
        f"x\ntouch {m}",
        f"main && touch {m} || true",
        f"${{IFS}}$(touch${{IFS}}{m})",
        f"--help$(touch {m})",
        f"x\n::add-mask::x\n$(touch {m})",
    ]


def hostile(tmp_path: Path) -> tuple[Path, list[str]]:
    marker = tmp_path / "pwned"
    return marker, hostile_values(marker)


def test_hostile_values_do_inject_when_spliced(tmp_path: Path) -> None:
    """Sanity check of the payloads: pasted into a script as `${{ }}` would be, they run."""
    marker, values = hostile(tmp_path)
    for value in values[:3]:
        subprocess.run(
            ["bash", "-c", f'echo "{value}"'], capture_output=True, check=False, timeout=30
        )
        assert marker.exists(), value
        marker.unlink()


def git(repo: Path, *args: str) -> str:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    proc = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout.strip()


@pytest.fixture
def pr_repo(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose HEAD is a pull request on top of `base`."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("hello\n", encoding="utf-8")
    (repo / "incidentflow.yaml").write_text("timezone: Asia/Tokyo\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo, git(repo, "rev-parse", "HEAD")


DETECT = "Check the inputs and the checkout"


def detect_contexts(base: str, config: str = "incidentflow.yaml") -> dict[str, str]:
    return {"inputs.base-ref": base, "inputs.config": config}


def test_input_step_resolves_the_base(pr_repo: tuple[Path, str], tmp_path: Path) -> None:
    repo, base = pr_repo
    (repo / "incidentflow.yaml").write_text("timezone: UTC\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "config")
    runner = Runner(tmp_path / "r", "x")
    proc = runner.run(action_step(DETECT), detect_contexts("main~1"), cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert runner.outputs() == {"base-sha": base}


def test_no_step_reads_the_config_in_shell() -> None:
    """What is relevant is decided by `incident check` with the base's config, never by a
    shell parse of the pull request's YAML, so every later step runs unconditionally."""
    action = YAML(typ="safe", pure=True).load(ACTION_FILE.read_text(encoding="utf-8"))
    for step in action["runs"]["steps"]:
        assert "if" not in step, step["name"]
        assert "incidents_dir" not in step.get("run", ""), step["name"]
        assert "sed " not in step.get("run", ""), step["name"]


def test_detect_step_refuses_a_shallow_checkout(pr_repo: tuple[Path, str], tmp_path: Path) -> None:
    repo, base = pr_repo
    (repo / "incidentflow.yaml").write_text("timezone: UTC\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "config")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    runner = Runner(tmp_path / "r", "x")
    proc = runner.run(action_step(DETECT), detect_contexts(base), cwd=shallow)
    assert proc.returncode == 2
    assert "fetch-depth: 0" in proc.stdout
    assert "base-sha" not in runner.outputs()


def test_detect_step_treats_hostile_refs_as_data(pr_repo: tuple[Path, str], tmp_path: Path) -> None:
    repo, base = pr_repo
    marker, values = hostile(tmp_path)
    for index, value in enumerate(values):
        runner = Runner(tmp_path / f"r{index}", value)
        proc = runner.run(action_step(DETECT), detect_contexts(value), cwd=repo)
        assert proc.returncode == 2, (value, proc.stdout, proc.stderr)
        assert not marker.exists(), f"injected by base-ref {value!r}"
        assert runner.outputs() == {}
        # The hostile text is never echoed, so it cannot smuggle in workflow commands.
        assert value not in proc.stdout
        # Hostile config paths are only ever literal pathspecs.
        runner = Runner(tmp_path / f"c{index}", value)
        proc = runner.run(action_step(DETECT), detect_contexts(base, value), cwd=repo)
        assert proc.returncode in {0, 2}, (value, proc.stdout, proc.stderr)
        assert not marker.exists(), f"injected by config {value!r}"


def check_contexts(
    base: str, fmt: str = "github", config: str = "incidentflow.yaml"
) -> dict[str, str]:
    return {
        "steps.changes.outputs.base-sha": base,
        "inputs.format": fmt,
        "inputs.config": config,
        "inputs.token": "ghs_dummy",
        "inputs.bot-login": "",
    }


def test_check_step_passes_hostile_values_as_single_arguments(tmp_path: Path) -> None:
    marker, values = hostile(tmp_path)
    for index, value in enumerate(values):
        runner = Runner(tmp_path / f"r{index}", value)
        runner.stub(runner.runner_temp / "incidentflow-venv" / "bin" / "incident")
        proc = runner.run(action_step("Check incidents"), check_contexts(value, config=value))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert not marker.exists(), f"injected by {value!r}"
        assert runner.calls() == [
            [f"--config={value}", "check", f"--base={value}", "--format=github"]
        ]


def test_check_step_rejects_unknown_formats(tmp_path: Path) -> None:
    marker, values = hostile(tmp_path)
    for index, value in enumerate([*values, "yaml"]):
        runner = Runner(tmp_path / f"r{index}", value)
        runner.stub(runner.runner_temp / "incidentflow-venv" / "bin" / "incident")
        proc = runner.run(action_step("Check incidents"), check_contexts("a" * 40, value))
        assert proc.returncode == 2
        assert runner.calls() == []
        assert not marker.exists()


def test_detect_then_check_end_to_end(pr_repo: tuple[Path, str], tmp_path: Path) -> None:
    repo, base = pr_repo
    (repo / "incidents").mkdir()
    (repo / "incidents" / "INC-2.md").write_text("---\nid: INC-2\n---\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "declare")
    runner = Runner(tmp_path / "r", 'evil";touch pwned;"')
    runner.stub(runner.runner_temp / "incidentflow-venv" / "bin" / "incident")
    assert runner.run(action_step(DETECT), detect_contexts(base), cwd=repo).returncode == 0
    sha = runner.outputs()["base-sha"]
    proc = runner.run(action_step("Check incidents"), check_contexts(sha), cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert runner.calls() == [
        ["--config=incidentflow.yaml", "check", f"--base={base}", "--format=github"]
    ]


def install_contexts(python: str, version: str = "", source: str = "") -> dict[str, str]:
    return {
        "steps.python.outputs.python-path": python,
        "inputs.incidentflow-version": version,
        "inputs.incidentflow-source": source,
    }


PIP = ["-m", "pip", "--disable-pip-version-check", "--no-input", "install", "--"]


def test_install_step_defaults_to_the_pinned_action_source(tmp_path: Path) -> None:
    runner = Runner(tmp_path / "r", "x")
    python = runner.stub(tmp_path / "python" / "python3", make_venv=True)
    proc = runner.run(action_step("Install incidentflow"), install_contexts(str(python)))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    venv_call, pip_call = runner.calls()
    assert venv_call == ["-m", "venv", "--clear", str(runner.runner_temp / "incidentflow-venv")]
    assert pip_call[:-1] == PIP
    assert os.path.realpath(pip_call[-1]) == os.path.realpath(ROOT)


def test_install_step_pins_a_released_version(tmp_path: Path) -> None:
    runner = Runner(tmp_path / "r", "x")
    python = runner.stub(tmp_path / "python" / "python3", make_venv=True)
    proc = runner.run(action_step("Install incidentflow"), install_contexts(str(python), "0.1.0"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert runner.calls()[-1] == [*PIP, "incidentflow==0.1.0"]


def test_install_step_treats_hostile_inputs_as_data(tmp_path: Path) -> None:
    marker, values = hostile(tmp_path)
    for index, value in enumerate(values):
        runner = Runner(tmp_path / f"v{index}", value)
        python = runner.stub(tmp_path / f"py{index}" / "python3", make_venv=True)
        proc = runner.run(action_step("Install incidentflow"), install_contexts(str(python), value))
        assert proc.returncode == 2, "a hostile version is refused"
        assert not marker.exists(), f"injected by version {value!r}"

        runner = Runner(tmp_path / f"s{index}", value)
        python = runner.stub(tmp_path / f"ps{index}" / "python3", make_venv=True)
        contexts = install_contexts(str(python), source=value)
        proc = runner.run(action_step("Install incidentflow"), contexts)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert not marker.exists(), f"injected by source {value!r}"
        assert runner.calls()[-1] == [*PIP, value]


def sync_contexts(ids: str, dry_run: str = "false") -> dict[str, str]:
    return {"github.token": "ghs_dummy", "inputs.ids": ids, "inputs.dry-run": dry_run}


def test_sync_step_arguments(tmp_path: Path) -> None:
    step = workflow_step("incident-sync.yml", "sync", "incident sync")
    cases = [
        (sync_contexts(""), ["sync", "--format", "text", "--"]),
        (sync_contexts("INC-1  INC-2", "true"), ["sync", "--format", "text", "--dry-run", "--"]),
    ]
    for index, (contexts, expected) in enumerate(cases):
        runner = Runner(tmp_path / f"r{index}", "x")
        runner.stub(runner.bin / "incident")
        proc = runner.run(step, contexts)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert runner.calls() == [expected + contexts["inputs.ids"].split()]


def test_sync_step_treats_hostile_ids_as_data(tmp_path: Path) -> None:
    step = workflow_step("incident-sync.yml", "sync", "incident sync")
    marker, values = hostile(tmp_path)
    for index, value in enumerate([*values, "INC-*", "--delete-everything"]):
        runner = Runner(tmp_path / f"r{index}", value)
        runner.stub(runner.bin / "incident")
        (runner.tmp / "INC-glob").touch()  # a glob must not expand to files
        proc = runner.run(step, sync_contexts(value, dry_run=value))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert not marker.exists(), f"injected by {value!r}"
        (call,) = runner.calls()
        assert call[:4] == ["sync", "--format", "text", "--"], "no option smuggled in"
        assert call[4:] == value.split("\n", 1)[0].split()


def test_remind_step_takes_no_outside_input(tmp_path: Path) -> None:
    step = workflow_step("incident-remind.yml", "remind", "incident remind")
    runner = Runner(tmp_path / "r", "x")
    runner.stub(runner.bin / "incident")
    proc = runner.run(step, {"github.token": "ghs_dummy"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert runner.calls() == [["remind", "--post"]]


def test_declare_workflow_triggers_and_label() -> None:
    workflow = load_yaml(WORKFLOW_DIR / "incident-declare.yml")
    on = triggers(workflow)
    assert set(on) == {"issues", "repository_dispatch"}
    assert set(on["issues"]["types"]) == {"opened", "edited", "labeled"}
    assert on["repository_dispatch"]["types"] == ["incident-alert"]
    job = workflow["jobs"]["declare"]
    from incidentflow.config.settings import load_config

    label = load_config(ROOT / "incidentflow.yaml").config.declare.label
    assert f"'{label}'" in job["if"], "the job runs for the form's label"
    assert workflow["concurrency"]["cancel-in-progress"] is False


def declare_runner(tmp_path: Path, event_name: str, event: dict[str, Any]) -> Runner:
    runner = Runner(tmp_path, "x")
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    runner.ambient["GITHUB_EVENT_NAME"] = event_name
    runner.ambient["GITHUB_EVENT_PATH"] = str(path)
    runner.stub(runner.bin / "incident")
    return runner


def test_declare_step_reads_hostile_events_only_as_a_file(tmp_path: Path) -> None:
    step = workflow_step("incident-declare.yml", "declare", "incident declare")
    marker, values = hostile(tmp_path)
    for index, value in enumerate(values):
        issue: dict[str, Any] = {"issue": {"title": value, "body": value, "labels": [value]}}
        alert: dict[str, Any] = {"action": "incident-alert", "client_payload": {"title": value}}
        for kind, (name, event) in enumerate([("issues", issue), ("repository_dispatch", alert)]):
            runner = declare_runner(tmp_path / f"r{index}-{kind}", name, event)
            proc = runner.run(step, {"github.token": "ghs_dummy"})
            assert proc.returncode == 0, proc.stdout + proc.stderr
            option = "--from-alert" if name == "repository_dispatch" else "--from-issue"
            assert runner.calls() == [["declare", option, runner.ambient["GITHUB_EVENT_PATH"]]]
            assert value not in proc.stdout
    assert not marker.exists()


# --------------------------------------------------------------------------- docs


@pytest.fixture
def documented_workflows(tmp_path: Path) -> list[Path]:
    """The workflows docs/github.md tells adopters to copy, with placeholders filled in."""
    if not DOCS_FILE.is_file():
        pytest.skip("docs/github.md is absent")
    text = DOCS_FILE.read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if "\njobs:" in b]
    assert len(blocks) >= 2, "the check and sync workflows are documented"
    directory = tmp_path / ".github" / "workflows"
    directory.mkdir(parents=True)
    paths = []
    for index, block in enumerate(blocks):
        filled = (
            block.replace("<owner>", "example")
            .replace("<full-commit-sha>", "0123456789abcdef0123456789abcdef01234567")
            .replace("X.Y.Z", "0.1.0")
        )
        path = directory / f"documented-{index}.yml"
        path.write_text(filled, encoding="utf-8")
        paths.append(path)
    return paths


def test_documented_workflows_are_as_safe_as_ours(documented_workflows: list[Path]) -> None:
    root = documented_workflows[0].parents[2]
    args = ("--persona", "pedantic", "--no-ignores", "--strict-collection", ".github")
    code, findings, stderr = run_zizmor(*args, cwd=root)
    assert findings == [], describe(findings)
    assert code == 0, stderr
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        proc = check_jsonschema(schema, documented_workflows)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    for path in documented_workflows:
        workflow = load_yaml(path)
        assert workflow["permissions"] == {}
        for step in (s for job in workflow["jobs"].values() for s in job["steps"]):
            assert "${{" not in str(step.get("run", ""))


# --------------------------------------------------------------------------- pre-commit


def test_pre_commit_hooks() -> None:
    hooks = {hook["id"]: hook for hook in load_yaml(HOOKS_FILE)}
    assert set(hooks) == {"incident-validate", "incident-schema-check", "incident-index"}

    validate = hooks["incident-validate"]
    assert validate["entry"] == "incident validate"
    assert validate["language"] == "python"
    assert validate.get("pass_filenames", True) is True
    pattern = re.compile(validate["files"])
    assert pattern.search("incidents/2025/INC-2025-001.md")
    assert not pattern.search("docs/incidents/x.md")
    assert not pattern.search("incidents/2025/INC-1.txt")

    schema = hooks["incident-schema-check"]
    assert schema["entry"] == "incident schema --check"
    assert schema["language"] == "python"
    assert schema["pass_filenames"] is False
    assert re.compile(schema["files"]).search("incidentflow.yaml")

    index = hooks["incident-index"]
    assert index["entry"] == "incident index"
    assert index["pass_filenames"] is False
    assert re.compile(index["files"]).search("incidents/2026/INC-20261129-1530-x-k3f9.md")
    assert re.compile(index["files"]).search("incidentflow.yaml")
