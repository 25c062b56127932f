"""The errors a user can act on, and the exit code each one means.

Core code raises these and never prints or exits; the command line's one handler
(``cli/errors.py``) turns them into a message and an exit code. Kept free of heavy imports:
the CLI loads it at start-up, before it knows whether a command needs pydantic or PyGithub.

An error says its message in the reader's language: it is raised with catalogued words
(``words.Words``, kept in ``words/errors.py`` or a family module) and the values to fill in,
``UsageError(NO_INCIDENT, "TARGET", target=target)``; ``str(error)`` is the English, and the
handler asks ``said(error, language)``. An error raised with a plain string says that string
in every language. A value that is itself such an error is said in the same language, so an
error can wrap another (``UsageError(NOTHING_CHANGED, cause=git_error)``, or simply
``UsageError(git_error)``), and a value that is ``Words`` is its text in that language (taken
as it is: its places are not filled). Code that words its reason before the reader is known
(the sync, a declaration) raises with that phrase (``words.phrase``), said the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from incidentflow.words import Words

if TYPE_CHECKING:
    from incidentflow.rules.findings import Finding
    from incidentflow.words.phrase import Said

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


class SaidError(Exception):
    """An error whose message can be said in Japanese and English (see the module's text)."""

    def __init__(
        self, message: str | Words | BaseException | Said = "", /, **values: object
    ) -> None:
        self.words: Words | None = None
        self.values: dict[str, object] = values
        if isinstance(message, SaidError) and message.words is not None:  # the same words
            self.words, self.values = message.words, {**message.values, **values}
        elif isinstance(message, Words):
            self.words = message
        elif isinstance(message, BaseException) or callable(message):
            # Another error, or a phrase made before the reader was known (``words.phrase``):
            # said as it says itself, in the reader's language.
            self.words, self.values = _ITSELF, {"error": message}
        super().__init__(self._render("en") if self.words is not None else message)

    def _render(self, language: str) -> str:
        assert self.words is not None
        return self.words(language, **{k: _value(v, language) for k, v in self.values.items()})

    def message_in(self, language: str) -> str:
        """The message in ``language`` (English where it was raised without words)."""
        return self._render(language) if self.words is not None else str(self)


_ITSELF = Words(en="{error}", ja="{error}")


def _value(value: object, language: str) -> object:
    """A value as said in ``language``: an error in its own words, a ``Words`` as its text, a
    phrase (``words.phrase``: anything called with the language) as it says itself."""
    if isinstance(value, BaseException):
        return said(value, language)
    if isinstance(value, Words):
        return value.template(language)
    if callable(value):
        return value(language)
    return value


def said(error: BaseException, language: str) -> str:
    """Any exception's message in ``language``: its words where it was raised with them, else
    what it says itself (a library's error, GitHub's answer: data to the reader)."""
    if isinstance(error, SaidError):
        return error.message_in(language)
    return str(error)


class IncidentflowError(SaidError):
    """Something the user can fix: the message says what and how. Exit 1 unless a subclass
    says otherwise."""

    exit_code = EXIT_FINDINGS


class UsageError(IncidentflowError):
    """The command cannot run as asked (an option, the environment, the repository): exit 2.

    ``option`` names the option or argument at fault, when there is one; the other keywords
    are the values of the message's words.
    """

    exit_code = EXIT_USAGE

    def __init__(
        self, message: str | Words | BaseException, option: str | None = None, /, **values: object
    ) -> None:
        super().__init__(message, **values)
        self.message = str(self)
        self.option = option


class ConfigError(UsageError):
    """The config cannot be used; its findings are shown in the requested format (and the
    reader's language, from the message catalogue): exit 2."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(finding.message for finding in findings))
        self.findings = findings
