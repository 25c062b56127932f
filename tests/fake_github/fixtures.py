"""Pytest fixtures for FakeGitHub. Make them available to a test tree from its conftest.py:

from tests.fake_github.fixtures import (  # noqa: F401
    fake_github,
    fake_github_env,
    fake_github_factory,
)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .server import FakeGitHub

StartFakeGitHub = Callable[..., FakeGitHub]


@pytest.fixture
def fake_github_factory() -> Iterator[StartFakeGitHub]:
    """Start servers with any `FakeGitHub(...)` arguments; all are stopped after the test."""
    running: list[FakeGitHub] = []

    def start(**kwargs: Any) -> FakeGitHub:
        server = FakeGitHub(**kwargs).start()
        running.append(server)
        return server

    yield start
    for server in reversed(running):
        server.stop()


@pytest.fixture
def fake_github(fake_github_factory: StartFakeGitHub) -> FakeGitHub:
    """A running server for acme/incidents with token `t0ken` and no API prefix."""
    return fake_github_factory()


@pytest.fixture
def fake_github_env(fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    """`fake_github` with GITHUB_API_URL, GITHUB_TOKEN and GITHUB_REPOSITORY pointing at it."""
    for name, value in fake_github.env().items():
        monkeypatch.setenv(name, value)
    return fake_github
