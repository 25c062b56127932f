"""Text people wrote, made quiet for GitHub: no mentions, no issue references.

GitHub notifies whoever ``@login`` or ``@org/team`` names in an issue or comment, links
``#123``, ``GH-123`` and ``owner/repo#123`` to those issues (each gets a "mentioned this"
event in its timeline, in other repositories too), and in a pull request description or a
commit message on the default branch closes the issues that ``fixes #12`` names. Incident
text reaches issues the sync's account writes; there it must read the same and do none of
that, so that only the teams and assignees of the config are notified.

A zero-width joiner (U+200D) after the ``@`` or ``#`` breaks GitHub's patterns and stays
invisible; backticks would work too, but they change how the text looks and the text itself
could close them. The patterns are deliberately wider than GitHub's: the full-width ``＠``
and the small ``﹫``, HTML entities that render as ``@`` or ``#``, and an ``@`` after any
character that is not an ASCII letter, digit or underscore (so ``name@example.com`` stays as
it is, while ``Sato(@sato)``, ``[@sato](…)`` and ``\\@sato`` are quietened). Web addresses
of issues have neither sign and stay links: someone wrote them on purpose (a ``#12`` fragment
of an address does get the joiner).
"""

from __future__ import annotations

import re

JOINER = "\u200d"

_AT = r"[@\uff20\ufe6b]|&(?:#0*64|#[xX]0*40|commat);"
_HASH = r"#|&(?:#0*35|#[xX]0*23|num);"
_QUIETEN = re.compile(
    rf"(?<![A-Za-z0-9_])(?P<at>{_AT})"  # @login, @org/team
    rf"|(?<!&)(?P<hash>{_HASH})(?=[0-9]|&#)"  # #123, owner/repo#123, fixes #12
    r"|(?<![A-Za-z0-9_])(?P<gh>GH-)(?=[0-9])",  # GH-123
    re.IGNORECASE,
)


def _quiet(found: re.Match[str]) -> str:
    if found.group("at") is not None:
        at = found.group("at")
        return (at if len(at) == 1 else "@") + JOINER
    if found.group("hash") is not None:
        return ("#" if found.group("hash").startswith("&") else found.group("hash")) + JOINER
    return found.group(0) + JOINER


def quieten(text: str) -> str:
    """``text`` as it reads, without mentions or issue references GitHub would act on."""
    return _QUIETEN.sub(_quiet, text)
