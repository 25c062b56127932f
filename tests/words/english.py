"""Finding English sentences in text meant to be Japanese.

What people type stays as it is in a Japanese message: codes (IF030), field names and paths
(``decision.leader``, ``prevention[0].due``), commands and YAML (`incident status`,
'status: detected'), quoted values and file names. What must not remain is English prose: a
run of three or more plain English words outside quotes and code.
"""

from __future__ import annotations

import re
import string

from incidentflow.words import Words

# Spans that hold data, not prose: code, quotes (ASCII and Japanese), links and paths.
_DATA = re.compile(
    r"`[^`]*`"
    r"|'[^'\n]*'"
    r'|"[^"\n]*"'
    r"|「[^」]*」"
    r"|https?://\S+"
    r"|\[[^\]]*\]\([^)]*\)"
)
# A token that is a name, not a word: contains a digit, '_', '.', '/', ':', '@', '[', '=' or
# '-', or is written in capitals (IF030, SEV1, UTC, JSON).
_NAME = re.compile(r"^(?:.*[\d_./:@\[\]=#*-].*|[A-Z]{2,})$")
_FIELDS = string.Formatter()
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def english_sentences(text: str, *, at_least: int = 3) -> list[str]:
    """Runs of ``at_least`` or more English words in a row, outside quotes and code."""
    found: list[str] = []
    for part in _DATA.split(text):
        run: list[str] = []
        for token in re.split(r"(\s+)", part):
            if not token or token.isspace():
                continue
            stripped = token.strip(",;()（）、。.!?")
            if _WORD.fullmatch(stripped) and not _NAME.match(stripped):
                run.append(stripped)
                continue
            if len(run) >= at_least:
                found.append(" ".join(run))
            run = []
        if len(run) >= at_least:
            found.append(" ".join(run))
    return found


def sample(words: Words, language: str) -> str:
    """``words`` in ``language`` with a placeholder value in each of its places (both
    languages' places, so a value only one of them uses is given too)."""
    names = {name for text in (words.en, words.ja) for _, name, _, _ in _FIELDS.parse(text)}
    return words(language, **dict.fromkeys((name for name in names if name), "x1"))
