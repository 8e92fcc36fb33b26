"""`signpost lint --watch`: lint, then again each time a tree, a source or the settings
change, until Ctrl-C. With the `watch` extra (watchfiles) it waits on the system's
notices of changes; without it, it reads the files' times twice a second.
"""

from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import typer

from signpost.cli.shared import err
from signpost.errors import ExitStatus


def watch(lint_once: Callable[[], object], folders: list[Path], output: Path | None) -> NoReturn:
    """Lint (`lint_once`), then again each time a file of `folders` changes, until
    Ctrl-C, which ends it quietly: `Stopped watching.` and exit status 130."""
    try:
        while True:
            lint_once()
            err("Watching for changes; press Ctrl-C to stop.")
            changed = _wait(folders, output)
            err(f"\n{changed} changed; linting again.")
    except KeyboardInterrupt:
        err("Stopped watching.")
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None


def watched_folders(paths: list[Path], seeds: Path | None) -> list[Path]:
    """The folders a watch looks in: each linted folder (or a linted file's) and its
    sources (`seeds`, the settings' folder of them, else the one beside the trees)."""
    from signpost.content.library import seeds_for

    folders: list[Path] = []
    for given in paths:
        folder = given if given.is_dir() else given.absolute().parent
        for path in (folder, seeds or seeds_for(folder)):
            if path.is_dir() and path.resolve() not in folders:
                folders.append(path.resolve())
    return folders


def _wait(folders: list[Path], output: Path | None = None) -> str:
    """Block until a .yaml, .txt or settings file under `folders` changes (not the
    report `-o` writes, which would start it again and again); its name."""
    wanted = (".yaml", ".yml", ".txt", ".toml")
    mine = str(output.resolve()) if output is not None else None
    try:
        import watchfiles
    except ImportError:  # the `watch` extra is not installed: read the times twice a second
        return _poll(folders, wanted, mine)
    for changes in watchfiles.watch(*folders, debounce=200, rust_timeout=0, yield_on_timeout=False):
        names = sorted(Path(p).name for _, p in changes if p.endswith(wanted) and p != mine)
        if names:
            return ", ".join(names)
    raise KeyboardInterrupt  # watchfiles stops on Ctrl-C (it handles the signal itself)


def _poll(folders: list[Path], wanted: tuple[str, ...], mine: str | None) -> str:
    import time

    def times() -> dict[Path, int]:
        found = {}
        for folder in folders:
            try:  # a folder gone (a branch switched) changed: linting it again says so
                paths = list(folder.iterdir())
            except OSError:
                found[folder] = -1
                continue
            for path in paths:
                if path.suffix in wanted and str(path) != mine:
                    try:
                        found[path] = path.stat().st_mtime_ns
                    except OSError:
                        continue
        return found

    before = times()
    while True:
        time.sleep(0.5)
        now = times()
        if now != before:
            changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
            return ", ".join(sorted(p.name for p in changed))
