"""Switchable GitHub failures: explicit rules plus a seeded random mode.

A rule matches by HTTP method and a regular expression searched in the API path (the part after
any ``/api/v3`` prefix, e.g. ``/repos/acme/incidents/issues``). Rules are consulted in the order
they were added; the random mode is consulted only when no rule fired.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

MUTATING = frozenset({"POST", "PATCH", "PUT", "DELETE"})


class FaultKind(StrEnum):
    SERVER_ERROR = "500"
    BAD_GATEWAY = "502"
    SECONDARY_RATE_LIMIT = "secondary_rate_limit"
    PRIMARY_RATE_LIMIT = "primary_rate_limit"
    LOST_WRITE = "lost_write"
    SLOW = "slow"


# Whether the request still takes effect when the fault fires, unless a rule says otherwise.
# A lost write is the nasty case: the change lands but the client never hears about it.
_APPLIES_BY_DEFAULT = {FaultKind.LOST_WRITE, FaultKind.SLOW}


@dataclass
class FaultRule:
    kind: FaultKind
    method: str = "*"
    path: str = ".*"
    count: int | None = 1
    skip: int = 0
    retry_after: int = 1
    status: int | None = None
    delay: float = 1.0
    apply: bool | None = None
    seen: int = 0
    fired: int = 0
    _pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.kind = FaultKind(self.kind)
        self.method = self.method.upper()
        self._pattern = re.compile(self.path)

    @property
    def applies(self) -> bool:
        """Does the request reach the repository state despite the fault?"""
        return self.kind in _APPLIES_BY_DEFAULT if self.apply is None else self.apply

    @property
    def exhausted(self) -> bool:
        return self.count is not None and self.fired >= self.count

    def _offer(self, method: str, path: str) -> bool:
        if self.exhausted or self.method not in ("*", method):
            return False
        if not self._pattern.search(path):
            return False
        self.seen += 1
        if self.seen <= self.skip:
            return False
        self.fired += 1
        return True


@dataclass
class _RandomMode:
    rng: random.Random
    rate: float
    kinds: tuple[FaultKind, ...]
    methods: frozenset[str]
    pattern: re.Pattern[str]
    limit: int | None
    retry_after: int
    delay: float
    fired: int = 0


class FaultPlan:
    """The server consults `pick` once per request; tests configure it through the other methods."""

    def __init__(self, retry_after: int = 1) -> None:
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._random: _RandomMode | None = None

    def add(
        self,
        kind: FaultKind | str,
        *,
        method: str = "*",
        path: str = ".*",
        count: int | None = 1,
        skip: int = 0,
        retry_after: int | None = None,
        status: int | None = None,
        delay: float = 1.0,
        apply: bool | None = None,
    ) -> FaultRule:
        """Fail the next `count` matching requests (None: all of them) after letting `skip` pass.

        `retry_after` is the Retry-After seconds of a secondary limit and the distance of
        `x-ratelimit-reset` for a primary one; `status` may be 429 for either rate limit;
        `delay` is how long `slow` waits; `apply` overrides whether the request takes effect.
        """
        rule = FaultRule(
            FaultKind(kind),
            method=method,
            path=path,
            count=count,
            skip=skip,
            retry_after=self.retry_after if retry_after is None else retry_after,
            status=status,
            delay=delay,
            apply=apply,
        )
        with self._lock:
            self._rules.append(rule)
        return rule

    def random(
        self,
        *,
        seed: int,
        rate: float = 0.2,
        kinds: Iterable[FaultKind | str] = (
            FaultKind.SERVER_ERROR,
            FaultKind.BAD_GATEWAY,
            FaultKind.SECONDARY_RATE_LIMIT,
            FaultKind.LOST_WRITE,
        ),
        methods: Iterable[str] = MUTATING,
        path: str = ".*",
        limit: int | None = None,
        delay: float = 0.2,
    ) -> None:
        """Fail each matching request with probability `rate`, kind drawn from `kinds`.

        Deterministic for a seed as long as requests arrive in the same order (one client thread).
        `limit` caps the number of injected faults.
        """
        chosen = tuple(FaultKind(k) for k in kinds)
        if not chosen:
            raise ValueError("random faults need at least one kind")
        with self._lock:
            self._random = _RandomMode(
                random.Random(seed),
                rate,
                chosen,
                frozenset(m.upper() for m in methods),
                re.compile(path),
                limit,
                self.retry_after,
                delay,
            )

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._random = None

    @property
    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def pick(self, method: str, path: str) -> FaultRule | None:
        with self._lock:
            for rule in self._rules:
                if rule._offer(method, path):
                    return rule
            mode = self._random
            if mode is None or method not in mode.methods or not mode.pattern.search(path):
                return None
            if mode.limit is not None and mode.fired >= mode.limit:
                return None
            # Draw both numbers every time so the sequence depends only on the request order.
            roll, kind = mode.rng.random(), mode.rng.choice(mode.kinds)
            if roll >= mode.rate:
                return None
            mode.fired += 1
            return FaultRule(kind, method, retry_after=mode.retry_after, delay=mode.delay, fired=1)
