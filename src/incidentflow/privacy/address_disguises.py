"""E-mail addresses written so that a scanner misses them: ``taro[at]gmail[dot]com``.

Rewritten to the plain form only where the whole shape of an address is there: a local
part, a disguised at sign, and a domain of at least two labels ending in letters. Alone,
``[at]`` or ``dot`` changes nothing.

The bare word ``at`` is ordinary English ("errors at api.payments.jp"), so it stands for
``@`` only when the domain is disguised too (``taro at gmail dot com``) or is a mail
provider where people have their private addresses (``taro at gmail.com``).
"""

from __future__ import annotations

import re

from incidentflow.privacy.offsets import OffsetMap, Rewriter

_OPEN = r"[\[({<]"
_CLOSE = r"[\])}>]"
_GAP = r"[ \t]*"

_AT = (
    r"(?P<at>@"
    rf"|{_GAP}{_OPEN}{_GAP}(?:(?i:at)|@|あっと|アット(?:マーク)?){_GAP}{_CLOSE}{_GAP}"
    rf"|{_GAP}(?:アットマーク|あっとまーく|★|☆){_GAP}"
    r"|%40|&\#0*64;|&\#[xX]0*40;|&commat;"
    rf"|{_GAP}@[ \t]+"  # a space after the at sign; one only before it is a mention
    r"|(?P<word>[ \t]+(?i:at)[ \t]+))"
)
_DOT_FORMS = (
    rf"{_GAP}{_OPEN}{_GAP}(?:(?i:dot)|\.|ドット|どっと){_GAP}{_CLOSE}{_GAP}"
    rf"|{_GAP}(?:ドット|どっと){_GAP}"
    r"|%2[eE]|&\#0*46;|&\#[xX]0*2[eE];|&period;"
    r"|[ \t]+(?i:dot)[ \t]+"
)
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_%+\-][A-Za-z0-9._%+\-]{0,63}"
    + _AT
    + rf"(?P<domain>{_LABEL}(?:(?:\.|{_DOT_FORMS}){_LABEL})+)"
    r"(?![A-Za-z0-9\-@]|\.[A-Za-z0-9])"
)
_DOT = re.compile(_DOT_FORMS)
_TOP_LEVEL = re.compile(r"[A-Za-z]{2,63}")

# Where people keep private addresses; "taro at gmail.com" needs no other disguise to
# count. Company and service domains are not here: "timeouts at api.partner.jp" is prose.
MAIL_PROVIDERS = frozenset(
    {
        "gmail.com", "googlemail.com", "icloud.com", "me.com", "mac.com",
        "outlook.com", "outlook.jp", "hotmail.com", "hotmail.co.jp", "live.com", "live.jp",
        "msn.com", "yahoo.com", "yahoo.co.jp", "ymail.com", "aol.com", "proton.me",
        "protonmail.com", "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp",
        "i.softbank.jp", "ymobile.ne.jp", "nifty.com", "biglobe.ne.jp", "ocn.ne.jp",
    }
)  # fmt: skip

_HINT = re.compile(r"@|%40|&\#|&commat;|[ \t\[({<](?i:at)[ \t\])}>]|アット|あっと|★|☆")


def undisguise_addresses(text: str) -> tuple[str, OffsetMap]:
    """Return ``text`` with disguised at signs and dots of addresses made plain."""
    rewriter = Rewriter(text)
    if _HINT.search(text) is None:
        return text, rewriter.offsets
    for match in _ADDRESS.finditer(text):
        domain_start, domain_end = match.span("domain")
        dots = [dot.span() for dot in _DOT.finditer(text, domain_start, domain_end)]
        if not _is_address(match, bool(dots), text[domain_start:domain_end]):
            continue
        if match.group("at") != "@":
            rewriter.replace(*match.span("at"), "@")
        for start, end in dots:
            rewriter.replace(start, end, ".")
    return rewriter.text(), rewriter.offsets


def _is_address(match: re.Match[str], disguised_dots: bool, domain: str) -> bool:
    if match.group("at") == "@" and not disguised_dots:
        return False  # plain already
    if _TOP_LEVEL.fullmatch(_DOT.sub(".", domain).rsplit(".", 1)[-1]) is None:
        return False
    if match.group("word") is None or disguised_dots:
        return True
    plain = domain.lower()
    return any(plain == p or plain.endswith("." + p) for p in MAIL_PROVIDERS)
