"""Read a YAML file safely into plain data, remembering where every value came from.

The file is read as every file is (`read_limited`: a regular file inside its folder,
of at most `MAX_BYTES`), decoded as UTF-8 (`decode`), and loaded by `load_text`: the
parser's events are built into plain data with positions by
`signpost.content.yamlbuild`, into the records of `signpost.content.yamlmarks`
(`Document`, `Mark`, `LoadProblem`, `YamlError`), which are named here too, as the
rest of signpost has always imported them from this module.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
from collections.abc import Callable
from pathlib import Path

import yaml

from signpost.content.yamlbuild import Builder, Loader
from signpost.content.yamlmarks import (
    DataPath,
    Document,
    LoadProblem,
    Mark,
    YamlError,
    control_character,
    format_path,
    sentence,
    syntax_problem,
)
from signpost.errors import TreeError

__all__ = [
    "MAX_BYTES",
    "MAX_TEXT",
    "DataPath",
    "Document",
    "LoadProblem",
    "Mark",
    "YamlError",
    "decode",
    "format_path",
    "load_entries",
    "load_file",
    "load_text",
    "read_limited",
]

# Far beyond any real tree (the 2,000-node benchmark tree is under 1 MB), and small
# enough that a stray data file is refused at once instead of eating memory.
MAX_BYTES = 10 * 1024 * 1024
# The longest text one value may hold (a title, a label, a step, a quote): the longest
# passage in seeds/ is under 1,000 characters. Longer text is refused rather than laid
# out, wrapped and searched, which takes time that grows faster than its length.
MAX_TEXT = 10_000


def decode(raw: bytes, file: Path | str) -> str:
    """UTF-8 (with or without a BOM) or a `YamlError` pointing at the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            file,
            LoadProblem(
                "not-utf8",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                "save it as UTF-8 and try again",
                line,
                column,
            ),
        ) from None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        raise YamlError(
            file,
            LoadProblem("not-utf8", "the file holds binary data, not YAML text", line, 1),
        )
    return text


# How a problem names what was read: (the file, what it should be, all such files).
KINDS = {
    "tree": ("the file", "a YAML file", "tree files"),
    "source": ("the source document", "a text file", "source documents"),
}


def read_limited(
    path: Path | str, folder: Path | None = None, limit: int = MAX_BYTES, *, kind: str = "tree"
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; a `YamlError` for anything else.

    The file is opened without blocking (a FIFO named `x.yaml` cannot hang the read), it
    must be a regular file once open (not `/dev/zero` behind a link), and the limit is
    checked on the opened file and again while reading, so a file that grows or lies
    about its size is still refused. Within `folder`, a symbolic link whose target is
    outside the folder is reported and not followed. `kind` (a key of `KINDS`) is what
    the problems call the file.
    """
    path = Path(path)

    def problem(message: str) -> YamlError:
        return _unreadable(path, message)

    if folder is not None and _links_outside(path, folder):
        raise problem(
            "is a link to a file outside its folder, so it was not read; "
            "copy the file into the folder instead"
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise TreeError(
            "no such file", where=str(path), hint="Check the name and folder."
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise problem("is a symbolic link that leads round in a loop; remove it") from None
        raise problem(f"cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise problem(f"is a folder, not {KINDS[kind][1]}")
        if not stat.S_ISREG(info.st_mode):
            raise problem(
                "is not a regular file (it is a device, pipe or socket), so it was not read"
            )
        if info.st_size > limit:
            raise YamlError(path, _too_large(info.st_size, limit, kind))
        return _read_all(fd, path, limit, kind)
    except OSError as exc:
        raise problem(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def _read_all(fd: int, path: Path, limit: int, kind: str) -> bytes:
    """All the bytes of open file `fd`, refused as soon as they pass `limit`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise YamlError(path, _too_large(size, limit, kind, at_least=True))


def _unreadable(path: Path, message: str) -> YamlError:
    return YamlError(path, LoadProblem("unreadable-file", message, 1, 1))


def _links_outside(path: Path, folder: Path) -> bool:
    """Whether `path` is a symbolic link to a file outside `folder`."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
        return not target.is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):  # a loop, or a link to nothing
        return False  # opening it says which


def _too_large(size: int, limit: int, kind: str, *, at_least: bool = False) -> LoadProblem:
    the, _, files = KINDS[kind]
    return LoadProblem(
        "file-too-large",
        f"{the} is {size / 1024 / 1024:.1f} MB{' or more' if at_least else ''}; {files} "
        f"are limited to {limit // 1024 // 1024} MB — is this the right file?",
        1,
        1,
    )


def load_file(path: Path | str, folder: Path | None = None) -> Document:
    """Read and load one YAML file (`read_limited`); an unreadable file raises `TreeError`."""
    path = Path(path)
    return load_text(decode(read_limited(path, folder), path), path)


def load_entries(path: Path, key: str, missing: str, fail: Callable[[str], TreeError]) -> dict:
    """The mapping under `key` in a small YAML file beside the trees or the seeds (the
    glossary, `documents.yaml`), read as every file is: a regular file inside its folder.
    A duplicate key, or no mapping under `key` (`missing` says what it should be), is
    `fail(message)` raised."""
    doc = load_file(path, path.parent)
    if doc.problems:
        raise fail(doc.problems[0].message)
    entries = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(entries, dict):
        raise fail(missing)
    return entries


def load_text(
    text: str, path: Path | str = "<text>", *, lines: list[str] | None = None
) -> Document:
    """Parse `text` and build plain data with positions.

    Raises `YamlError` for text that is not usable YAML (syntax, empty, aliases,
    unsafe tags, several documents). Duplicate keys are collected in `problems`;
    the first value is kept so that what the reader sees first is what counts.
    `lines` is `text.splitlines()` where the caller has it already.
    """
    path = Path(path)
    doc = Document(path=path, data=None, lines=text.splitlines() if lines is None else lines)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # parsing makes many small objects; the cyclic GC triples the time
    try:
        loader = Loader(text)
        try:
            doc.data = Builder(doc, loader.get_event).build()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(path, syntax_problem(exc, doc.lines)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (a raw control code)
        raise YamlError(path, control_character(exc, text)) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line, whatever PyYAML wrote
        raise YamlError(path, LoadProblem("yaml-syntax", sentence(message), 1, 1)) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    return doc
