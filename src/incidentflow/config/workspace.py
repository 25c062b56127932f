"""An incident repository (its root, its config, its incident files) and finding it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidentflow.config.settings import Config, find_config, load_config


@dataclass(frozen=True, slots=True)
class Repository:
    root: Path
    config: Config
    # The config file in use; None when the packaged default applies (no file was found).
    config_file: Path | None = None

    @property
    def incidents_dir(self) -> Path:
        return self.root / self.config.incidents_dir

    def display(self, file: Path) -> str:
        try:
            return file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return file.as_posix()

    def incident_files(self) -> list[Path]:
        """Every incident file: ``incidents/<year>/<ID>.md``; README files are documentation."""
        if not self.incidents_dir.is_dir():
            return []
        return sorted(
            file
            for file in self.incidents_dir.rglob("*.md")
            if file.is_file() and file.name.lower() != "readme.md"
        )


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
    from incidentflow.config.checklists import check_checklists

    if chosen is None:
        loaded = load_config(None)
        check_checklists(loaded, root, "incidentflow.yaml (packaged default)")
        return Repository(root, loaded.config)
    chosen = chosen if chosen.is_absolute() else (Path.cwd() / chosen)
    shown = _display(chosen, root)
    loaded = load_config(chosen, shown)
    check_checklists(loaded, root, shown)
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
