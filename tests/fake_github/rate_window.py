"""The primary rate-limit window whose numbers every response carries in `x-ratelimit-*`."""

from __future__ import annotations

import threading
import time


class RateWindow:
    """GitHub's core budget: `limit` requests per hour, counted per served request."""

    def __init__(self, limit: int = 5000, window_seconds: int = 3600) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._lock = threading.Lock()
        self._used = 0
        self._reset = int(time.time()) + window_seconds

    def spend(self) -> tuple[int, int]:
        """Count one request; returns (used, reset epoch) after counting."""
        with self._lock:
            now = int(time.time())
            if now >= self._reset:
                self._used = 0
                self._reset = now + self.window_seconds
            self._used += 1
            return self._used, self._reset

    def snapshot(self) -> tuple[int, int]:
        with self._lock:
            return self._used, self._reset

    def headers(self, used: int, reset: int, *, remaining: int | None = None) -> dict[str, str]:
        left = max(self.limit - used, 0) if remaining is None else remaining
        return {
            "x-ratelimit-limit": str(self.limit),
            "x-ratelimit-remaining": str(left),
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": "core",
        }
