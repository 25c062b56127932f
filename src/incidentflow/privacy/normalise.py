"""The text the personal-data scan reads: one spelling for characters that look alike.

A file can hide a card number from a scanner without hiding it from a reader: zero-width
characters between the digits, full-width or circled digits, a dash of another kind,
``taro[at]gmail[dot]com``. The scan therefore reads a normalised copy, in which

- every character has its NFKC form (full-width ``０９０－１２３４`` and ``＠``, ``①``,
  mathematical digits), any decimal digit is its ASCII digit, every dash is ``-`` and
  every space is a plain space;
- format characters (category Cf: zero-width space and joiner, word joiner, soft hyphen,
  byte-order mark, bidirectional controls, ...) and combining marks (keycaps, strokes
  drawn through digits) are gone;
- ``ー`` or ``・`` between two digits is ``-`` (an IME slip in ``090ー1234ー5678``);
- disguised at signs and dots of e-mail addresses are plain (``address_disguises``).

Separators between digit groups stay: ``digit_runs`` reads them, since they tell a
phone number from a version string or a date. Every index of the copy maps back to the
original, so findings point at the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from incidentflow.privacy.address_disguises import undisguise_addresses
from incidentflow.privacy.offsets import OffsetMap, Rewriter

# Characters NFKC leaves alone and that are none of the above: ASCII, kana, kanji and
# the common Japanese punctuation. Everything else goes through _fold_char, once per
# distinct character, so a Japanese paragraph costs one regex pass.
_STABLE = (
    "\x00-\x7f"
    "\u3001\u3002\u3005\u3006\u3008-\u3011"  # 、。々〆〈〉《》「」『』【】
    "\u3041-\u3096\u30a1-\u30fa\u30fb-\u30fe"  # kana; ・ and ー are read in context below
    "\u3400-\u4dbf\u4e00-\u9fff"  # kanji
)
_UNSTABLE_RUN = re.compile(f"[^{_STABLE}]+")
_DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
# Minus signs outside the dash category that people type between digit groups.
_MINUS_SIGNS = frozenset("\u2212\u2043\u02d7\u2796")
_BETWEEN_DIGITS = re.compile("[\u30fb\u30fc](?<=[0-9][\u30fb\u30fc])(?=[0-9])")
# Kana voiced sound marks combine with the kana before them (ﾊﾞ is バ), so マイナンバー
# typed in half-width kana still names a My Number. Other combining marks are dropped:
# composed, they could turn an ASCII letter of an address into one the scan skips.
_KANA_MARKS = "\u3099\u309a"
_KANA_MARKED = re.compile(f"[^\\n]?[{_KANA_MARKS}]+")


@dataclass(frozen=True, slots=True)
class NormalisedText:
    text: str
    edits: tuple[OffsetMap, ...]  # one per rewriting step, in the order applied

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` was made from."""
        for offsets in reversed(self.edits):
            start, end = offsets.old_start(start), offsets.old_end(end)
        return start, end


def normalise(text: str) -> NormalisedText:
    folded, char_edits = _fold_characters(text)
    folded, kana_edits = _compose_kana(folded)
    if "\u30fb" in folded or "\u30fc" in folded:
        folded = _BETWEEN_DIGITS.sub("-", folded)  # one for one: no index moves
    plain, address_edits = undisguise_addresses(folded)
    edits = (char_edits, kana_edits, address_edits)
    return NormalisedText(plain, tuple(e for e in edits if e))


class _Folds(dict[str, str]):
    """What each character becomes, computed the first time it is seen."""

    def __missing__(self, char: str) -> str:
        folded = _fold_char(char)
        self[char] = folded
        return folded


_FOLDS = _Folds()


def _fold_char(char: str) -> str:
    category = unicodedata.category(char)
    if char in _KANA_MARKS:
        return char
    if category in _DROPPED_CATEGORIES:
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if category == "Pd" or char in _MINUS_SIGNS:
        return "-"
    if category == "Zs":
        return " "
    normal = unicodedata.normalize("NFKC", char)
    if normal == char:
        return char
    return "".join(_FOLDS[c] for c in normal)  # NFKC is idempotent: no endless recursion


def _fold_characters(text: str) -> tuple[str, OffsetMap]:
    """Fold every character; only removals and expansions are recorded as edits."""
    edits = OffsetMap()
    out: list[str] = []
    copied = 0  # the original is copied to the output up to here
    shift = 0  # output length minus original length so far
    for match in _UNSTABLE_RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        pieces = [_FOLDS[c] for c in run]
        folded = "".join(pieces)
        out.append(text[copied:start])
        copied = end
        if len(folded) == len(run) and all(len(piece) == 1 for piece in pieces):
            out.append(folded)
        elif not folded:  # a run of invisible characters, the common disguise: one edit
            edits.record(start, end, start + shift, start + shift)
            shift -= end - start
        else:
            out.append(folded)
            shift = _record_run(edits, start, pieces, shift)
    if not out:
        return text, edits
    out.append(text[copied:])
    return "".join(out), edits


def _record_run(edits: OffsetMap, start: int, pieces: list[str], shift: int) -> int:
    """Record the edits of a run whose characters do not all map one for one, and return
    the new shift. Consecutive removed characters are one edit; an expansion (``⑽`` to
    ``(10)``) is an edit of its own, so a value starting inside it still points at the
    character it came from."""
    i, n = 0, len(pieces)
    while i < n:
        j = i + 1
        size = len(pieces[i])
        if size == 0:
            while j < n and not pieces[j]:
                j += 1
        if size != 1:
            old_start, new_start = start + i, start + i + shift
            edits.record(old_start, start + j, new_start, new_start + size)
            shift += size - (j - i)
        i = j
    return shift


def _compose_kana(text: str) -> tuple[str, OffsetMap]:
    rewriter = Rewriter(text)
    if "\u3099" in text or "\u309a" in text:
        for match in _KANA_MARKED.finditer(text):
            marked = match.group()
            composed = unicodedata.normalize("NFC", marked[:2])
            if marked[0] in _KANA_MARKS:
                rewriter.replace(*match.span(), "")  # marks on nothing
            elif len(composed) == 1:
                rewriter.replace(*match.span(), composed)
            else:
                rewriter.replace(match.start() + 1, match.end(), "")
    return rewriter.text(), rewriter.offsets
