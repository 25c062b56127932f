"""How we treat GitHub's limits: pacing of writes, retries, and how long we are willing to wait.

GitHub asks integrations to send mutating requests serially with at least one second between
them, to honour ``Retry-After`` and ``x-ratelimit-reset``, and to back off on server errors.
This module decides *what* to do about a response; the adapter does the sleeping and sending.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from incidentflow.errors import UsageError

# GitHub documents no Retry-After for some secondary limits: "wait at least one minute".
SECONDARY_LIMIT_DEFAULT_WAIT = 60.0


class PolicyError(UsageError, ValueError):
    """An INCIDENTFLOW_* setting is not a usable number."""


def env_float(name: str, default: float, minimum: float = 0.0) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as error:
        raise PolicyError(f"{name}={raw!r} is not a number of seconds") from error
    if not math.isfinite(value) or value < minimum:
        raise PolicyError(f"{name}={raw!r} must be a number of seconds ≥ {minimum:g}")
    return value


@dataclass(frozen=True, slots=True)
class RequestPolicy:
    write_pause: float = 1.0  # seconds between mutating requests
    max_attempts: int = 5  # per request, the first one included
    backoff: float = 1.0  # first retry delay for 5xx and dropped connections; doubles each time
    max_backoff: float = 30.0
    max_wait: float = 120.0  # longest single wait for a rate limit before the run gives up
    timeout: int = 30  # seconds per HTTP request

    @classmethod
    def from_environment(cls) -> RequestPolicy:
        """Defaults suit github.com; the variables let tests and busy installations tune them."""
        return cls(
            write_pause=env_float("INCIDENTFLOW_WRITE_PAUSE", 1.0),
            backoff=env_float("INCIDENTFLOW_RETRY_BACKOFF", 1.0),
            max_wait=env_float("INCIDENTFLOW_MAX_WAIT", 120.0),
            timeout=max(1, int(env_float("INCIDENTFLOW_HTTP_TIMEOUT", 30.0, minimum=1.0))),
        )

    def backoff_delay(self, attempt: int) -> float:
        """Delay before retry number ``attempt`` (1-based) after a server error."""
        return float(min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff))


@dataclass(frozen=True, slots=True)
class RateLimitWait:
    seconds: float
    reason: str


def rate_limit_wait(
    status: int, headers: Mapping[str, str], message: str, now: float
) -> RateLimitWait | None:
    """How long a 403/429 asks us to wait, or None when it is not a rate limit at all."""
    lowered = {name.lower(): value for name, value in headers.items()}
    retry_after = lowered.get("retry-after")
    if retry_after is not None:
        try:
            return RateLimitWait(max(float(retry_after), 0.0), f"Retry-After: {retry_after}")
        except ValueError:
            pass
    remaining, reset = lowered.get("x-ratelimit-remaining"), lowered.get("x-ratelimit-reset")
    if remaining == "0" and reset is not None:
        try:
            # One more second: the window resets at the start of that second, not before.
            return RateLimitWait(max(float(reset) - now, 0.0) + 1.0, "primary rate limit")
        except ValueError:
            pass
    text = message.lower()
    if status == 429 or "secondary rate limit" in text or "rate limit" in text:
        return RateLimitWait(SECONDARY_LIMIT_DEFAULT_WAIT, "secondary rate limit")
    return None


def exhausted_budget_wait(headers: Mapping[str, str], now: float) -> float:
    """After a successful response: seconds until the next request may go, 0 if at once."""
    lowered = {name.lower(): value for name, value in headers.items()}
    if lowered.get("x-ratelimit-remaining") != "0":
        return 0.0
    try:
        return max(float(lowered.get("x-ratelimit-reset", "0")) - now, 0.0) + 1.0
    except ValueError:
        return 0.0


class Pacer:
    """Keeps mutating requests at least ``pause`` seconds apart, measured end to start."""

    def __init__(
        self,
        pause: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.pause = pause
        self._clock = clock
        self._sleep = sleep
        self._last_write_end: float | None = None
        self.waited = 0.0

    def before_write(self) -> None:
        if self._last_write_end is None or self.pause <= 0:
            return
        due = self._last_write_end + self.pause - self._clock()
        if due > 0:
            self.waited += due
            self._sleep(due)

    def after_write(self) -> None:
        self._last_write_end = self._clock()
