"""Writing the site's folder safely: `signpost site` deletes nothing it did not write.

A build records each file it wrote and that file's sha256 in a manifest (`MANIFEST`);
a rebuild replaces only those files, unchanged since, and refuses a folder holding
anything else (`foreign_files`), before anything changes (`prepare`). The pages are
written to a staging folder beside the site (`staged`), then moved into place
(`swap`) with Ctrl-C, SIGTERM and SIGHUP held; a signal during the build stops it as
Ctrl-C does, and the staging folder is removed. What the pages say is `site`'s job.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from signpost.errors import SaveError, UsageError
from signpost.savefile import signals_interrupt

MANIFEST = "signpost-site.json"  # what a build wrote: each file's name and sha256
_MANIFEST_KIND = "signpost site manifest"
_SHOWN = 5  # foreign names quoted in a refusal; the rest are counted
_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _listing(folder: Path) -> tuple[list[str], list[str]]:
    """The files and folders under `folder` as relative `/` names, never following a link
    (a link, to a folder or not, is listed as a file: never taken for a folder we made)."""
    files: list[str] = []
    folders: list[str] = []
    stack = [""]
    while stack:
        prefix = stack.pop()
        with os.scandir(folder / prefix) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    folders.append(name)
                    stack.append(name + "/")
                elif entry.is_file(follow_symlinks=False):
                    files.append(name)
                else:  # a link, a FIFO, a device: never read, never ours
                    files.append(f"{name}\0")
    return files, folders


def _manifest(folder: Path) -> dict[str, str]:
    """The files an earlier build wrote in `folder` (name -> sha256); {} if it has no
    manifest of signpost's own (a saved plan, a folder of someone's files)."""
    path = folder / MANIFEST
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 10_000_000:
            return {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("kind") != _MANIFEST_KIND:
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(v, str) and _plain_name(k)}


def _plain_name(name: object) -> bool:
    """A name a build could have written: relative, no `..`, no empty part."""
    return isinstance(name, str) and all(p not in ("", ".", "..") for p in name.split("/"))


def foreign_files(folder: Path) -> tuple[list[str], dict[str, str]]:
    """What in `folder` signpost did not write (each file not in its manifest or changed
    since, each folder holding none of its files), and the files it did write, unchanged.
    With no manifest, everything in the folder is foreign."""
    files, folders = _listing(folder)
    written = _manifest(folder)
    ours_dirs = {name.rsplit("/", 1)[0] for name in written if "/" in name}
    foreign_dirs = [name for name in sorted(folders) if name not in ours_dirs]
    foreign = [f"{name}/" for name in foreign_dirs if "/" not in name]
    ours: dict[str, str] = {}
    for name in sorted(files):
        if name.split("/", 1)[0] in foreign_dirs:
            continue  # inside a folder already named
        if name.endswith("\0"):
            foreign.append(name[:-1])
            continue
        if name == MANIFEST and written:
            continue
        try:
            same = name in written and digest((folder / name).read_bytes()) == written[name]
        except OSError:
            same = False
        if same:
            ours[name] = written[name]
        else:
            foreign.append(f"{name} (changed)" if name in written else name)
    return foreign, ours


def _refuse_foreign(out: Path, foreign: list[str], has_manifest: bool) -> UsageError:
    names = ", ".join(foreign[:_SHOWN])
    if len(foreign) > _SHOWN:
        names += f" and {len(foreign) - _SHOWN:,} more"
    why = "was not made by `signpost site`" if not has_manifest else "holds what it did not write"
    return UsageError(
        f"{why} ({names}), so nothing was replaced or deleted",
        where=str(out),
        hint="Choose a new or empty folder, or move those out first.",
    )


def prepare(out: Path) -> tuple[Path, Path, dict[str, str]]:
    """`out`, the folder it is in, and the files an earlier build wrote there (name ->
    sha256), once `out` is known to be new, empty, or a site signpost built before
    with nothing else in it, and writable: else a `UsageError` or `SaveError`, before
    anything changes."""
    out, parent = _site_folder(out)
    old: dict[str, str] = {}
    if out.exists():
        foreign, old = foreign_files(out)
        if foreign:
            raise _refuse_foreign(out, foreign, bool(_manifest(out)))
        _writable(out, old)
    return out, parent, old


@contextlib.contextmanager
def staged(out: Path, parent: Path) -> Iterator[Path]:
    """A new staging folder in `parent` for the build of `out`, removed when the block
    ends however it ends; a signal stops the build as Ctrl-C does, and a failure to
    write is a `SaveError` naming `out`."""
    with signals_interrupt():  # SIGTERM, SIGHUP: the staging folder is removed
        try:
            staging = Path(tempfile.mkdtemp(prefix=".signpost-site.", dir=parent))
        except OSError as exc:
            raise SaveError(f"cannot write in {parent} ({exc.strerror})", where=str(out)) from None
        try:
            yield staging
        except OSError as exc:
            raise SaveError(f"could not write the site ({exc.strerror})", where=str(out)) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def write_manifest(staging: Path, written: dict[str, str]) -> None:
    """The manifest of a build that wrote `written` (name -> sha256), in `staging`."""
    manifest = {"kind": _MANIFEST_KIND, "version": 1, "files": dict(sorted(written.items()))}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _site_folder(out: Path) -> tuple[Path, Path]:
    """`out` and the folder it is in, once both are known to be usable."""
    try:
        if out.exists() and not out.is_dir():
            raise UsageError(
                "is a file, not a folder", where=str(out), hint="Choose a folder name."
            )
        parent = out.resolve().parent if out.exists() else out.parent
        if not parent.is_dir():
            raise SaveError(
                f"the folder {parent} does not exist",
                where=str(out),
                hint="Create it first or choose another place.",
            )
    except OSError as exc:
        raise SaveError(f"cannot use this folder ({exc.strerror})", where=str(out)) from None
    return out, parent


def _writable(out: Path, old: dict[str, str]) -> None:
    """Refuse before anything changes if a folder the rebuild must write in is read-only."""
    for folder in {out} | {out / name.rsplit("/", 1)[0] for name in old if "/" in name}:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise SaveError(
                f"{folder} is read-only, so the site was not replaced",
                where=str(out),
                hint="Make it writable, or choose another folder.",
            )


def swap(staging: Path, out: Path, old: dict[str, str], written: dict[str, str]) -> None:
    """Put the new site in place: a new folder is renamed into place; in an existing one
    (empty, or an earlier build) each new file replaces its old self unless it is the same
    (then it was not written to `staging`: the old file, unchanged since, stays), the files
    of the old build the new one lacks are removed, and the manifest goes last. Signals
    wait."""
    if not out.exists():
        staging.rename(out)
        return
    with _signals_held():
        for name in written:
            if old.get(name) == written[name]:
                continue  # the same bytes already in place: not written again
            (out / name).parent.mkdir(exist_ok=True)
            os.replace(staging / name, out / name)
        for name in sorted(set(old) - set(written), reverse=True):
            (out / name).unlink(missing_ok=True)
        for folder in sorted({n.rsplit("/", 1)[0] for n in set(old) - set(written) if "/" in n}):
            with contextlib.suppress(OSError):  # still holds a page of the new build
                (out / folder).rmdir()
        os.replace(staging / MANIFEST, out / MANIFEST)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block ends (moving files takes moments)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {getattr(signal, name) for name in _SIGNALS}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
