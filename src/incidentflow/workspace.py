"""Finding the repository and its config for a command run."""

from __future__ import annotations

from pathlib import Path

from incidentflow.config import find_config, load_config
from incidentflow.repository import Repository


def open_repository(directory: Path, config_path: Path | None = None) -> Repository:
    """The repository around ``directory``.

    Its root is the folder of the nearest ``incidentflow.yaml`` (up to the git root), or the
    git root, or ``directory``. ``--config`` swaps only the config, never the root. Without any
    config file the packaged default applies, so a first try needs no setup.
    """
    directory = directory.resolve()
    found = find_config(directory)
    root = found.parent if found is not None else _git_root(directory) or directory
    chosen = config_path if config_path is not None else found
    if chosen is None:
        return Repository(root, load_config(None).config)
    chosen = chosen if chosen.is_absolute() else (Path.cwd() / chosen)
    loaded = load_config(chosen, _display(chosen, root))
    return Repository(root, loaded.config, chosen)


def _git_root(directory: Path) -> Path | None:
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
