"""The README's two quick-start commands are what CI runs."""

from __future__ import annotations

from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text("utf-8")
CI = (PROJECT_ROOT / ".ci" / "run").read_text("utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    command = "pip install -e '.[test]' && pytest"
    assert f"```sh\n{command}\n```" in README
    assert command.replace("pip install", "pip install --quiet") in CI


def test_readme_main_command_is_documented() -> None:
    assert "```sh\npip install . && incident validate && incident status\n```" in README
