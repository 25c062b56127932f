"""Request accounting: every exchange the server saw, in arrival order."""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .faults import MUTATING


@dataclass(frozen=True)
class Exchange:
    """One request and what the server did with it.

    `status` is what the server produced; when `delivered` is False (a lost write) the client never
    received it. `path` is percent-decoded and relative to the API root.
    """

    seq: int
    method: str
    path: str
    query: dict[str, str]
    status: int
    request_body: Any
    response_body: Any
    response_headers: dict[str, str]
    fault: str | None
    delivered: bool
    request_id: str
    api_version: str | None

    @property
    def is_write(self) -> bool:
        return self.method in MUTATING


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[Exchange] = []
        self._seq = 0

    def next_seq(self) -> int:
        with self._lock:
            self._seq += 1
            return self._seq

    def record(self, exchange: Exchange) -> None:
        with self._lock:
            self._entries.append(exchange)

    @property
    def entries(self) -> list[Exchange]:
        with self._lock:
            return sorted(self._entries, key=lambda e: e.seq)

    def reset(self) -> None:
        with self._lock:
            self._entries.clear()

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """Requests by exact method and/or a regular expression searched in the path."""
        pattern = re.compile(path) if path is not None else None
        return sum(
            1
            for e in self.entries
            if (method is None or e.method == method.upper())
            and (pattern is None or pattern.search(e.path))
        )

    def writes(self, path: str | None = None) -> int:
        pattern = re.compile(path) if path is not None else None
        return sum(
            1 for e in self.entries if e.is_write and (pattern is None or pattern.search(e.path))
        )

    def by_method(self) -> Counter[str]:
        return Counter(e.method for e in self.entries)
