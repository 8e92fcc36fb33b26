"""Saving a file atomically, never replacing one unless asked: what a saved plan uses,
and anything else that writes a person's file (the site may reuse it).

The text goes to a temporary file in the same folder first and is then moved into place
in one step, so an interruption never leaves half a file. `what` names the thing saved
in messages ("the plan").
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from signpost.errors import SaveError


def save_text(path: Path, text: str, *, overwrite: bool = False, what: str = "the plan") -> Path:
    """Write `text` to `path` atomically; refuse to replace a file unless `overwrite`.

    The text goes to a temporary file in the same folder first, so an
    interruption never leaves half a plan, and the final step is a single
    rename (or a hard link, which fails rather than replace an existing file).
    SIGTERM and SIGHUP while saving end the save as Ctrl-C does: the temporary
    file is removed first. A path that cannot be looked at (no permission, a name
    too long) is a `SaveError`, like any other place that cannot be written.
    """
    with signals_interrupt():
        try:
            return _save(Path(path).expanduser(), text, overwrite, what)
        except OSError as exc:
            raise SaveError(f"cannot save {what} here ({exc.strerror})", where=str(path)) from None


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `KeyboardInterrupt` inside the block (main thread only),
    so whatever the block made is cleaned up as after Ctrl-C (a saved plan, a site)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    names = ("SIGTERM", "SIGHUP")
    wanted = [getattr(signal, n) for n in names if hasattr(signal, n)]
    before = {number: signal.signal(number, interrupt) for number in wanted}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _save(path: Path, text: str, overwrite: bool, what: str) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    _check_target(path, folder, overwrite, what)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(f"cannot write in {folder} ({exc.strerror})", where=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _put_new(tmp, path)
    except OSError as exc:
        raise SaveError(f"could not save {what} ({exc.strerror})", where=str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _check_target(path: Path, folder: Path, overwrite: bool, what: str) -> None:
    """Refuse a folder, a missing folder, a special file, or (unless `overwrite`) a file."""
    if path.is_dir():
        raise SaveError(f"is a folder; give a file name for {what}", where=str(path))
    if not folder.is_dir():
        raise SaveError(
            f"the folder {folder} does not exist",
            where=str(path),
            hint="Create it first or choose another place.",
        )
    if overwrite and (path.exists() or path.is_symlink()):
        mode = path.lstat().st_mode
        if not stat.S_ISREG(mode):  # `--save /dev/null --force` must not replace a device
            raise SaveError(
                "is not a regular file (it is a link, device or pipe), so it was not replaced",
                where=str(path),
                hint="Choose a file name.",
            )
    if path.exists() and not overwrite:
        raise SaveError(
            "already exists, so it was not replaced",
            where=str(path),
            hint="Choose another name, or add --force to replace it.",
        )


def _put_new(tmp: str, path: Path) -> None:
    """Move `tmp` to `path` only if nothing is there: a hard link fails rather than replace."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise SaveError(
            "already exists, so it was not replaced",
            where=str(path),
            hint="Choose another name, or add --force to replace it.",
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.EACCES, errno.EROFS, errno.ENOSPC):
            raise
        if path.exists():  # a filesystem without hard links: a plain rename instead
            raise SaveError("already exists, so it was not replaced", where=str(path)) from None
        os.replace(tmp, path)
