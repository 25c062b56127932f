"""Finding the repository and its config for a command run."""

from __future__ import annotations

from pathlib import Path

from incidentflow.config import find_config, load_config
from incidentflow.repository import Repository


def open_repository(directory: Path, config_path: Path | None = None) -> Repository:
    """The repository around ``directory``: its config file decides where the root is.

    Without a config file the packaged default applies and ``directory`` is the root, so a
    first try needs no setup.
    """
    directory = directory.resolve()
    chosen = config_path if config_path is not None else find_config(directory)
    if chosen is None:
        return Repository(directory, load_config(None).config)
    chosen = chosen if chosen.is_absolute() else (Path.cwd() / chosen)
    loaded = load_config(chosen, _display(chosen, directory))
    return Repository(chosen.parent.resolve(), loaded.config)


def _display(path: Path, directory: Path) -> str:
    try:
        return path.resolve().relative_to(directory).as_posix()
    except ValueError:
        return path.as_posix()
