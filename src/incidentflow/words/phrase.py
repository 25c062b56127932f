"""Words said before the reader is known: a phrase with its values, rendered later.

Core code (a sync, a declaration) makes its texts before anyone knows whether they are
printed in Japanese, posted in the incident's language or written as English JSON. It keeps
a ``Phrase`` (the words and their values) and the output renders it in its own language. A
plain ``str`` stands for itself: data, such as a path or GitHub's own answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from incidentflow.words import Words, is_ja

if TYPE_CHECKING:
    from incidentflow.rules.findings import Finding


class Said(Protocol):
    """Anything that says itself in a language."""

    def __call__(self, language: str) -> str: ...


Text = str | Said


def render(text: Text, language: str) -> str:
    """``text`` in ``language``: a string is data and stays as it is."""
    return text if isinstance(text, str) else text(language)


@dataclass(frozen=True, slots=True)
class Phrase:
    """``words`` with its values; a value that is itself said is rendered in the same
    language, so phrases nest."""

    words: Words
    values: tuple[tuple[str, object], ...] = ()

    def __call__(self, language: str) -> str:
        values = {
            name: value if isinstance(value, str | int | float) else _render_value(value, language)
            for name, value in self.values
        }
        return self.words(language, **values)

    def __str__(self) -> str:
        return self("en")


def _render_value(value: object, language: str) -> object:
    if callable(value):
        return render(value, language)
    return value


@dataclass(frozen=True, slots=True)
class Both:
    """A text already said in both languages, with nothing left to fill in (it may hold
    braces: text from incident files)."""

    en: str
    ja: str

    def __call__(self, language: str) -> str:
        return self.ja if is_ja(language) else self.en


def both(words: Words, **values: object) -> Both:
    """``words`` with ``values`` in both languages at once."""
    phrase = Phrase(words, tuple(values.items()))
    return Both(phrase("en"), phrase("ja"))


def say(words: Words, **values: object) -> Phrase:
    return Phrase(words, tuple(values.items()))


@dataclass(frozen=True, slots=True)
class Joined:
    """Several texts in a row: '; ' between them in English, '、' in Japanese (or the
    separators given)."""

    parts: tuple[Text, ...]
    en: str = "; "
    ja: str = "、"

    def __call__(self, language: str) -> str:
        separator = self.ja if is_ja(language) else self.en
        return separator.join(render(part, language) for part in self.parts if part)

    def __bool__(self) -> bool:
        return any(self.parts)

    def __str__(self) -> str:
        return self("en")


def joined(parts: Iterable[Text], *, en: str = "; ", ja: str = "、") -> Joined:
    return Joined(tuple(parts), en, ja)


@dataclass(frozen=True, slots=True)
class FindingText:
    """A finding's message, said in the reader's language (the findings catalogue)."""

    finding: Finding

    def __call__(self, language: str) -> str:
        from incidentflow.words.findings import message

        return message(self.finding, language)
