"""The command line's own words: every entry of words/errors.py, words/output.py,
words/status.py and words/page.py says something in Japanese, errors carry their words to the
one handler, and the generated-file findings (SC) are catalogued."""

from __future__ import annotations

import string
from pathlib import Path

import click
import pytest

from incidentflow import git
from incidentflow.cli.errors import exit_code_for
from incidentflow.cli.output import OutputFormat
from incidentflow.errors import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    IncidentflowError,
    SaidError,
    UsageError,
    said,
)
from incidentflow.rules.codes import KNOWN
from incidentflow.rules.findings import Level, finding
from incidentflow.words import Words
from incidentflow.words import errors as error_words
from incidentflow.words import output as output_words
from incidentflow.words import page as page_words
from incidentflow.words import status as status_words
from incidentflow.words.findings import message
from incidentflow.words.findings_generated import MESSAGES as GENERATED
from incidentflow.words.phrase import say
from tests.words.english import english_sentences


def _entries() -> list[tuple[str, Words]]:
    found: list[tuple[str, Words]] = []
    for module in (error_words, output_words, status_words, page_words):
        for name, value in vars(module).items():
            if isinstance(value, Words):
                found.append((f"{module.__name__}.{name}", value))
            elif isinstance(value, dict):
                found += [
                    (f"{module.__name__}.{name}[{key}]", words)
                    for key, words in value.items()
                    if isinstance(words, Words)
                ]
    return found


def _values(words: Words) -> dict[str, object]:
    names = {
        field.split(":")[0].split("!")[0]
        for template in (words.en, words.ja)
        for _, field, _, _ in string.Formatter().parse(template)
        if field
    }
    return {name: "responding" if name == "status" else "x.md" for name in names}


ENTRIES = _entries()


@pytest.mark.parametrize(("name", "words"), ENTRIES, ids=[name for name, _ in ENTRIES])
def test_every_entry_says_something_in_both_languages(name: str, words: Words) -> None:
    values = _values(words)
    english, japanese = words("en", **values), words("ja", **values)
    assert english and japanese
    assert not english_sentences(japanese), (name, japanese)
    assert english != japanese or not any(c.isalpha() for c in english if c.isascii()), name


def test_the_column_headings_and_the_catalogue_of_generated_files() -> None:
    assert len(status_words.COLUMNS["ja"]) == len(status_words.COLUMNS["en"])
    for code, kinds in GENERATED.items():
        assert code in KNOWN
        for kind in kinds:
            made = finding("schemas/incident.schema.json", 1, 1, code, Level.ERROR, kind)
            assert made.message == kinds[kind].en
            assert not english_sentences(message(made, "ja"))


def test_an_error_keeps_its_english_and_says_its_words_in_japanese() -> None:
    error = UsageError(error_words.NO_INCIDENT, "TARGET", target="INC-1")
    assert str(error) == error.message == "no incident 'INC-1'" and error.option == "TARGET"
    assert said(error, "ja").startswith("インシデント「INC-1」が見つかりません。")
    plain = UsageError("as it was written")
    assert said(plain, "ja") == "as it was written"
    assert said(ValueError("other"), "ja") == "other"


def test_an_error_wrapping_another_says_both_in_one_language() -> None:
    inner = SaidError(error_words.NOT_A_COMMIT, revision="main")
    outer = UsageError(
        Words(en="{cause}; nothing was changed", ja="{cause}何も変更していません。"), cause=inner
    )
    assert str(outer).startswith("'main' is not a commit here;")
    assert said(outer, "ja").startswith("「main」はこのリポジトリのコミットではありません。")
    assert said(UsageError(inner), "ja") == said(inner, "ja")


def test_an_error_raised_with_a_phrase_is_said_through_a_wrapper() -> None:
    """The sync words its reasons before it knows the reader (``words.phrase``)."""
    stopped = IncidentflowError(say(Words(en="sync stopped", ja="同期を中断しました。")))
    wrapped = UsageError(stopped, "--dry-run")
    assert str(wrapped) == "sync stopped" and wrapped.option == "--dry-run"
    assert said(wrapped, "ja") == "同期を中断しました。"
    assert said(stopped, "en") == "sync stopped"


def test_a_git_failure_is_said_in_japanese(repo: Path) -> None:
    with pytest.raises(git.GitError) as raised:
        git.resolve(repo, "no-such-branch")
    assert "is not a commit here" in str(raised.value)
    assert not english_sentences(said(raised.value, "ja"))


@pytest.mark.parametrize(
    ("error", "code", "expected"),
    [
        (KeyboardInterrupt(), EXIT_INTERRUPTED, "incident: 中断しました。"),
        (RuntimeError("boom"), EXIT_BUG, "incident: 内部エラーです（RuntimeError: boom）。"),
    ],
)
def test_the_handler_speaks_japanese(
    error: BaseException, code: int, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_code_for(error, OutputFormat.TEXT, "status", "ja") == code
    assert capsys.readouterr().err.startswith(expected)


def test_clicks_own_parser_messages_stay_as_click_writes_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    error = click.UsageError("No such option: --nope")
    assert exit_code_for(error, OutputFormat.TEXT, "status", "ja") == 2
    assert "No such option: --nope" in capsys.readouterr().err
