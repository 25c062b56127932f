"""The incident index under the gate: a pull request that changes incidents brings its
regenerated index, wherever the config keeps it; a repository without one is not asked."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tests.conftest import Result, git, run_incident
from tests.gate.fixtures import commit, incident, start_branch

PATH = "incidents/2026/INC-20261110-0900-checkout-errors-ab12.md"
OTHER = "incidents/2026/INC-20261111-0900-search-slow-cd34.md"
INDEX = "incidents/README.md"


def check(repo: Path) -> Result:
    return run_incident("check", "--base", "main", "--format", "json", cwd=repo)


def sc002(result: Result) -> list[dict[str, object]]:
    found = result.json()["findings"]
    assert isinstance(found, list)
    return [f for f in found if f["code"] == "SC002"]


def second_incident() -> str:
    return incident("detected").replace("INC-20261110-0900-checkout-errors-ab12", OTHER[15:-3])


def with_index(repo: Path, files: Mapping[str, str | None]) -> dict[str, str | None]:
    """``files`` plus the index `incident index` writes for them, as a contributor commits."""
    for relative, content in files.items():
        if content is not None:
            (repo / relative).parent.mkdir(parents=True, exist_ok=True)
            (repo / relative).write_text(content, "utf-8")
    assert run_incident("index", cwd=repo).code == 0
    index = repo / (run_incident("index", "--check", cwd=repo).stdout.split(" ", 1)[0])
    return {**files, index.relative_to(repo).as_posix(): index.read_text("utf-8")}


def test_a_new_incident_without_its_index_line_is_stopped(repo: Path) -> None:
    start_branch(repo, with_index(repo, {PATH: incident("detected")}))
    commit(repo, "add", {OTHER: second_incident()})

    result = check(repo)

    assert result.code == 1
    (found,) = sc002(result)
    assert found["path"] == INDEX and found["level"] == "error"
    assert "incident index" in str(found["message"])
    commit(repo, "index", with_index(repo, {}))
    assert check(repo).code == 0, check(repo).stdout


def test_the_gate_and_index_check_agree_on_what_is_current(repo: Path) -> None:
    start_branch(repo, with_index(repo, {PATH: incident("detected")}))
    commit(repo, "add", with_index(repo, {OTHER: second_incident()}))

    assert sc002(check(repo)) == []
    assert run_incident("index", "--check", cwd=repo).code == 0


def test_editing_or_deleting_the_index_by_hand_is_stopped(repo: Path) -> None:
    start_branch(repo, with_index(repo, {PATH: incident("detected")}))
    edited = (repo / INDEX).read_text("utf-8").replace("2026-11-10", "2026-11-09")
    commit(repo, "edit", {INDEX: edited})
    (found,) = sc002(check(repo))
    assert found["line"] is not None

    git(repo, "reset", "-q", "--hard", "main")
    commit(repo, "delete", {INDEX: None})
    (found,) = sc002(check(repo))
    assert "missing" in str(found["message"])


def test_a_repository_without_an_index_is_not_asked_for_one_by_the_gate(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "add", {OTHER: second_incident()})

    assert sc002(check(repo)) == []
    assert run_incident("index", "--check", cwd=repo).code == 1  # CI's own step still asks


def test_the_config_names_the_index_and_links_follow_it(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8") + "index_file: docs/incidents.md\n", "utf-8")
    start_branch(repo, with_index(repo, {PATH: incident("detected")}))

    written = (repo / "docs" / "incidents.md").read_text("utf-8")
    assert f"(../{PATH})" in written
    assert not (repo / INDEX).exists()
    commit(repo, "add", {OTHER: second_incident()})
    (found,) = sc002(check(repo))
    assert found["path"] == "docs/incidents.md"
    git(repo, "reset", "-q", "--hard", "main")
    commit(repo, "edit", {"docs/incidents.md": written + "\nhand-written line\n"})
    (found,) = sc002(check(repo))
    assert found["path"] == "docs/incidents.md"
    assert {f["code"] for f in check(repo).json()["findings"]} == {"SC002"}, "not a gate file"


def test_an_index_turned_off_is_neither_written_nor_asked_for(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8") + "index_file: false\n", "utf-8")
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "add", {OTHER: second_incident()})

    assert sc002(check(repo)) == []
    for args in (("index",), ("index", "--check")):
        result = run_incident(*args, cwd=repo)
        assert result.code == 0 and "index_file: false" in result.stdout
    assert not (repo / INDEX).exists()


def _incident_at(day: str, hour: str, slug: str) -> tuple[str, str]:
    ident = f"INC-2026{day}-{hour}00-{slug}-ab12"
    text = incident("detected").replace("INC-20261110-0900-checkout-errors-ab12", ident)
    text = text.replace("2026-11-10T09:00:00+09:00", f"2026-{day[:2]}-{day[2:]}T{hour}:00:00+09:00")
    return f"incidents/2026/{ident}.md", text


def test_the_amended_index_is_the_whole_index(repo: Path) -> None:
    """The gate amends the base's index by the changed rows; what it expects is exactly what
    reading every file gives, for additions, edits that move a row, renames and deletions."""
    from incidentflow import git as gitops
    from incidentflow.config.settings import load_config
    from incidentflow.gate.check import _amended_index, _whole_index

    files = dict(_incident_at(f"11{day:02d}", f"{hour:02d}", f"case{day}{hour}")
                 for day in (3, 5, 9) for hour in (8, 17))  # fmt: skip
    start_branch(repo, with_index(repo, files))
    paths = sorted(files)
    moved = (
        files[paths[0]]
        .replace("T08:00:00+09:00", "T23:00:00+09:00")
        .replace("2026-11-03", "2026-11-20")
    )
    added_path, added = _incident_at("1104", "12", "new")
    git(repo, "mv", paths[1], paths[1].replace("case", "renamed"))
    commit(repo, "change", {paths[0]: moved, paths[2]: None, added_path: added})

    config = load_config(repo / "incidentflow.yaml").config
    base = git(repo, "rev-parse", "main").strip()
    head = git(repo, "rev-parse", "HEAD").strip()
    changes = gitops.changes(repo, base, head, ["incidents"])
    index = "incidents/README.md"
    amended = _amended_index(repo, (base, head), config, index, changes)
    assert amended is not None, "the base's index reads back row by row"
    assert amended == _whole_index(repo, head, config, index)
    assert sc002(check(repo)), "the change did not bring its index"


def test_an_index_that_does_not_read_back_is_checked_in_full(repo: Path) -> None:
    start_branch(repo, with_index(repo, {PATH: incident("detected")}))
    git(repo, "checkout", "-q", "main")
    stale = (repo / INDEX).read_text("utf-8").replace("| ID |", "| id |")
    commit(repo, "an index by an older version", {INDEX: stale})
    git(repo, "checkout", "-q", "change")
    git(repo, "merge", "-q", "main", "-m", "merge")
    commit(repo, "add", with_index(repo, {OTHER: second_incident()}))

    assert sc002(check(repo)) == []
    commit(repo, "hand edit", {INDEX: stale})
    assert sc002(check(repo))


def test_a_row_withheld_whole_sends_the_gate_to_every_file(repo: Path) -> None:
    """A row whose link itself held personal data is written without it; the gate cannot tell
    whose it is, so it reads every file instead of amending."""
    from incidentflow.config.settings import load_config
    from incidentflow.reports.index import amend_index

    start_branch(repo, with_index(repo, {PATH: incident("detected")}))
    config = load_config(repo / "incidentflow.yaml").config
    text = (repo / INDEX).read_text("utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| ["))
    withheld = text.replace(row, "| " + " | ".join(["(withheld)"] * 8) + " |")
    assert amend_index(text, set(), [], config) == text
    assert amend_index(withheld, set(), [], config) is None
