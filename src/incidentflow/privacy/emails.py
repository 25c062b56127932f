"""E-mail addresses (PD103).

Ignored without configuration: the documentation domains reserved by RFC 2606 and
RFC 6761 (example.com/.net/.org and their subdomains, and the ``.example``, ``.test``,
``.invalid`` and ``.localhost`` top-level domains), since nobody can own an address
there, and the SSH form ``git@host:owner/repo`` which is a remote, not a person.
Everything else hits unless its domain (or a parent domain) is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"(?P<local>[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]{0,63}))"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
    r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)
_SSH_REMOTE_PATH = re.compile(r":[A-Za-z0-9_.~\-]")

_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")


def normalise_domains(domains: Collection[str]) -> tuple[str, ...]:
    return tuple(d.strip().lower().lstrip("@").removeprefix("*.") for d in domains if d.strip())


def find_emails(folded: str, allowed_domains: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each reportable address in the folded text."""
    for match in _EMAIL.finditer(folded):
        domain = match.group("domain").lower()
        if _is_ignored(domain, allowed_domains):
            continue
        if match.group("local") == "git" and _SSH_REMOTE_PATH.match(folded, match.end()):
            continue
        yield match.start(), match.end()


def _is_ignored(domain: str, allowed: tuple[str, ...]) -> bool:
    if domain.rsplit(".", 1)[-1] in _RESERVED_TLDS:
        return True
    return any(_within(domain, parent) for parent in (*_RESERVED_DOMAINS, *allowed))


def _within(domain: str, parent: str) -> bool:
    return domain == parent or domain.endswith("." + parent)
