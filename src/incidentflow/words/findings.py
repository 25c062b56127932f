"""The message catalogue: every finding's message, by rule code and kind, in ja and en.

A rule never writes a sentence itself. It names its code, the kind of problem and the values
(``rules.findings.finding``); the English message is rendered from here when the finding is
made, and ``message`` renders it again in the reader's language when it is shown. The codes
are the same in both languages, so a search, a waiver or a CI log reads the same either way.

Each family keeps its entries in its own module (``findings_format``, ``findings_flow``,
``findings_gate``, ``findings_generated``); this module joins them and refuses a code claimed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from incidentflow.words import Words, fill, is_ja
from incidentflow.words.findings_flow import MESSAGES as FLOW
from incidentflow.words.findings_flow import WAIVED
from incidentflow.words.findings_format import MESSAGES as FORMAT
from incidentflow.words.findings_gate import MESSAGES as GATE
from incidentflow.words.findings_generated import MESSAGES as GENERATED

if TYPE_CHECKING:
    from incidentflow.rules.findings import Finding

Catalogue = Mapping[str, Mapping[str, Words]]


def _join(*families: Catalogue) -> dict[str, Mapping[str, Words]]:
    joined: dict[str, Mapping[str, Words]] = {}
    for family in families:
        for code, kinds in family.items():
            if code in joined:
                raise RuntimeError(f"{code} is catalogued twice")
            joined[code] = kinds
    return joined


CATALOGUE: dict[str, Mapping[str, Words]] = _join(FORMAT, FLOW, GATE, GENERATED)

# A finding seen in a particular light: the gate's second pass under a proposed config.
WRAPPERS: dict[str, Words] = {
    "proposed_config": Words(
        en="under the proposed config: {message}",
        ja="変更後の設定では: {message}",
    ),
    "waived": WAIVED,
}

# Sentences added after a message, in order (``rules.findings.with_note``).
NOTES: dict[str, Words] = {
    "did_you_mean": Words(
        en=" Did you mean '{suggestion}'?", ja="「{suggestion}」の誤りではありませんか？"
    ),
    "status_for_new": Words(
        en=" Add 'status: detected' for a new incident, or the phase it stands in.",
        ja="新しいインシデントなら 'status: detected' を、そうでなければ今のフェーズを"
        "追加してください。",
    ),
    "status_from_field": Words(
        en=" This file records {recorded}, a field of '{suggested}' ({suggested:phase_ja}): "
        "add 'status: {suggested}' if it stands there.",
        ja="このファイルには状態 {suggested:phase} の項目「{recorded}」があります。"
        "そのフェーズなら 'status: {suggested}' を追加してください。",
    ),
}


def words_for(code: str, kind: str) -> Words:
    """The catalogue entry; a KeyError names a rule that speaks without one (a bug)."""
    try:
        return CATALOGUE[code][kind]
    except KeyError:
        raise KeyError(f"no message for {code} kind {kind!r} in the catalogue") from None


def render(code: str, args: Iterable[tuple[str, str]], language: str) -> str:
    """The message a finding with these ``args`` says: its kind's words with its values, any
    notes after it and the wrapping it was given (their values share the same names)."""
    values: dict[str, str] = {}
    notes: list[str] = []
    wraps: list[str] = []
    for name, value in args:
        if name == "note":
            notes.append(value)
        elif name == "wrap":
            wraps.append(value)
        else:
            values[name] = value
    kind = values.pop("kind", "")
    text = fill(words_for(code, kind).template(language), language, values)
    for note in notes:
        text += fill(NOTES[note].template(language), language, values)
    for wrap in wraps:  # innermost first: a waived finding seen under the proposed config
        text = fill(WRAPPERS[wrap].template(language), language, {**values, "message": text})
    return text


def message(finding: Finding, language: str) -> str:
    """The finding's message in ``language``. A finding made without the catalogue (only
    possible from code outside the rules) keeps its English message."""
    if not is_ja(language) or not finding.args:
        return finding.message
    try:
        return render(finding.code, finding.args, language)
    except KeyError:  # args from elsewhere that name no entry: the English is still right
        return finding.message
