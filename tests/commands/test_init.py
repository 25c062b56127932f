"""`incident init`: an empty or existing repository gets everything, and nothing is overwritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from incidentflow.commands.init import WORKFLOWS
from tests.conftest import PROJECT_ROOT, git, run_incident
from tests.test_workflows import check_jsonschema, describe, run_zizmor

EXPECTED = {
    "incidentflow.yaml",
    ".github/CODEOWNERS",
    ".github/ISSUE_TEMPLATE/declare-incident.yml",
    "schemas/incident.schema.json",
    "incidents/.gitkeep",
    "incidents/README.md",  # the incident index, which the gate keeps current
    *(f".github/workflows/{name}.yml" for name in WORKFLOWS),
    *(
        f".github/incident-checklists/{team}.{lang}.md"
        for team in ("engineering", "cs", "sales", "legal", "security", "pr", "liaison")
        for lang in ("ja", "en")
    ),
    ".github/incident-checklists/management.ja.md",
    ".github/incident-checklists/management.en.md",
}


def files_under(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    root = tmp_path / "adopter"
    root.mkdir()
    git(root, "init", "-q", "-b", "trunk")
    return root


def test_an_empty_repository_gets_everything_and_it_all_checks(empty: Path) -> None:
    result = run_incident(
        "init", "--org", "shopco", "--team", "cs=support", "--language", "en",
        "--timezone", "Europe/Berlin", "--calendar", "DE", "-y", cwd=empty,
    )  # fmt: skip

    assert result.code == 0, result.stdout + result.stderr
    assert files_under(empty) == EXPECTED
    config = YAML(typ="safe").load((empty / "incidentflow.yaml").read_text(encoding="utf-8"))
    assert config["language"] == "en" and config["timezone"] == "Europe/Berlin"
    assert config["calendar"] == "DE"
    teams = {team["key"]: team["github"]["team"] for team in config["stakeholders"]}
    assert teams["cs"] == "shopco/support" and teams["legal"] == "shopco/legal"
    codeowners = (empty / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/.github/CODEOWNERS" in codeowners and "@shopco/incident-process-owners" in codeowners
    sync = (empty / ".github/workflows/incident-sync.yml").read_text(encoding="utf-8")
    assert "branches: ['trunk']" in sync, "the repository's own default branch"
    assert "incidentflow==" in sync
    for command in (("validate",), ("schema", "--check"), ("status",)):
        assert run_incident(*command, cwd=empty).code == 0, command
    assert "Next:" in result.stdout and "incident-declaration" in result.stdout


def test_the_written_workflows_and_form_pass_the_same_checks_as_ours(empty: Path) -> None:
    assert run_incident("init", "--org", "shopco", "-y", cwd=empty).code == 0
    args = ("--persona", "pedantic", "--no-ignores", "--strict-collection", ".github")
    code, findings, stderr = run_zizmor(*args, cwd=empty)
    assert findings == [], describe(findings)
    assert code == 0, stderr
    workflows = sorted((empty / ".github" / "workflows").glob("*.yml"))
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        proc = check_jsonschema(schema, workflows)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    form = empty / ".github" / "ISSUE_TEMPLATE" / "declare-incident.yml"
    proc = check_jsonschema("vendor.github-issue-forms", [form])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for path in workflows:
        workflow = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {}
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in str(step.get("run", "")), path.name


def test_nothing_is_ever_overwritten(empty: Path) -> None:
    (empty / "incidentflow.yaml").write_text("# ours\n", encoding="utf-8")
    (empty / ".github").mkdir()
    (empty / ".github" / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")
    result = run_incident("init", "--org", "shopco", "-y", cwd=empty)
    # The existing config is broken on purpose: it is kept, and init says why it stops.
    assert result.code == 2, result.stdout + result.stderr
    assert (empty / "incidentflow.yaml").read_text(encoding="utf-8") == "# ours\n"

    (empty / "incidentflow.yaml").unlink()
    assert run_incident("init", "--org", "shopco", "-y", cwd=empty).code == 0
    first = {name: (empty / name).read_bytes() for name in files_under(empty)}
    assert first[".github/CODEOWNERS"] == b"* @someone\n"
    again = run_incident("init", "--org", "other", "--language", "en", "-y", cwd=empty)
    assert again.code == 0
    assert {name: (empty / name).read_bytes() for name in files_under(empty)} == first
    assert "kept  incidentflow.yaml (exists)" in again.stdout
    assert "Suggested CODEOWNERS lines" in again.stdout


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--org", "acme corp"),
        ("--org", "a;touch x"),
        ("--team", "cs=a b"),
        ("--team", "nobody=x"),
        ("--team", "cs"),
        ("--timezone", "Asia/Tokyo\nprivacy: {}"),
        ("--timezone", "Nowhere/Special"),
        ("--calendar", "XX"),
        ("--branch", "main'] }"),
        ("--requirement", "incidentflow'\n  evil: x"),
        ("--requirement", "${{ github.token }}"),
        ("--process-owners", "a/b"),
    ],
)
def test_bad_options_are_usage_errors_and_write_nothing(
    empty: Path, option: str, value: str
) -> None:
    args = ["init", "--org", "shopco", "-y", option, value]
    result = run_incident(*args, cwd=empty)
    assert result.code == 2, result.stdout + result.stderr
    assert files_under(empty) == set()


def test_init_asks_when_run_in_a_terminal(empty: Path) -> None:
    """Interactive: organisation, team slugs, language and time zone are asked for."""
    script = (
        "import sys, pty\n"
        "sys.exit(pty.spawn([sys.executable, '-m', 'incidentflow', 'init']) >> 8)\n"
    )
    answers = "shopco\n" + "\n" * 8 + "en\nAsia/Tokyo\n"
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=empty,
        input=answers,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "GitHub organisation" in proc.stdout, proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = (empty / "incidentflow.yaml").read_text(encoding="utf-8")
    assert "team: shopco/legal" in config and "language: en" in config


def test_init_indexes_the_incidents_already_there(tmp_path: Path) -> None:
    """Adopting a repository that already holds incidents: the index lists them, so the first
    pull request's gate check starts from a current index."""
    root = tmp_path / "adopting"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "incidents" / "2026").mkdir(parents=True)
    source = PROJECT_ROOT / "tests" / "examples" / "valid"
    example = next(source.glob("*.md"))
    (root / "incidents" / "2026" / example.name).write_bytes(example.read_bytes())

    assert run_incident("init", "--org", "shopco", "-y", cwd=root).code == 0

    index = (root / "incidents" / "README.md").read_text("utf-8")
    assert f"[{example.stem}](2026/{example.name})" in index
    assert run_incident("index", "--check", cwd=root).code == 0
