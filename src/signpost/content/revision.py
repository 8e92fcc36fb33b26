"""The trees folder as it is in a git revision (or the staging area), read with
`git ls-tree` / `git ls-files` and `git show`: nothing is checked out or written.

`signpost diff main HEAD` compares two of these; they behave as a `Library`
whose files come from git instead of the disk.
"""

from __future__ import annotations

import subprocess
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from signpost.content.library import GLOSSARY_FILE, Library, shipped
from signpost.content.yamlfile import Document, decode, load_text
from signpost.errors import TreeError, UsageError

if TYPE_CHECKING:
    from signpost.content.glossary import Glossary

STAGED = ""  # the revision name that means the staging area (`git show :path`)


# No hook, filesystem monitor or pager a repository's own settings name is run.
_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", *_SAFE, "-C", str(repo), *args], capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise UsageError(
            "git is not installed, so a revision cannot be read",
            hint="Compare two folders instead.",
        ) from None


def repository(start: Path) -> Path | None:
    """The top folder of the git repository `start` is in, or None."""
    if not start.is_dir():
        return None
    try:
        done = _git(start, "rev-parse", "--show-toplevel")
    except UsageError:
        return None
    return Path(done.stdout.decode().strip()) if done.returncode == 0 else None


def is_revision(repo: Path, rev: str) -> bool:
    if rev.startswith("-"):
        return False
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode == 0


class RevisionLibrary(Library):
    """The `.yaml` files of `folder` (a path inside the repository) at `rev`."""

    def __init__(self, repo: Path, rev: str, folder: str = "trees"):
        self.repo = repo
        self.rev = rev
        self.folder = folder.strip("/") or "."
        self._names: list[str] = []
        super().__init__(Path(self.folder), shipped("seeds"))  # a diff never reads the sources

    def _open_files(self) -> None:
        """The folder's `.yaml` files, listed from git: nothing on the disk is read."""
        prefix = "" if self.folder == "." else f"{self.folder}/"
        if self.rev == STAGED:
            done = _git(self.repo, "ls-files", "-z", "--", prefix or ".")
        else:
            done = _git(self.repo, "ls-tree", "-z", "--name-only", self.rev, "--", prefix or ".")
        if done.returncode != 0:
            raise UsageError(
                f"cannot list {self.folder}/ at {self.label} "
                f"({done.stderr.decode(errors='replace').strip()})"
            )
        names = [p[len(prefix) :] for p in done.stdout.decode().split("\0") if p]
        self._names = [n for n in names if "/" not in n and n.endswith(".yaml")]
        if not self._names:
            raise UsageError(
                f"there are no trees in {self.folder}/ at {self.label}",
                hint="Give the trees folder inside the repository with --path.",
            )

    @property
    def label(self) -> str:
        return "the staging area" if self.rev == STAGED else self.rev

    def file_names(self) -> list[str]:
        return list(self._names)

    @cached_property
    def glossary(self) -> Glossary:
        """The glossary from git, never from the disk (`Library.glossary` reads a file)."""
        return _glossary(self)

    def document(self, name: str) -> Document:
        inside = name if self.folder == "." else f"{self.folder}/{name}"
        where = f"{self.rev}:{inside}"
        done = _git(self.repo, "show", where)
        if done.returncode != 0:
            raise TreeError("cannot read this file from git", where=where)
        return load_text(decode(done.stdout, where), where)


REVISION = "revision"
FOLDER = "folder"


def _glossary(library: RevisionLibrary) -> Glossary:
    """The glossary as it is at the revision (or staged), or an empty one."""
    from signpost.content.glossary import MISSING, Glossary, glossary_from

    if GLOSSARY_FILE not in library.file_names():
        return Glossary()
    where = f"{library.rev}:{library.folder}/{GLOSSARY_FILE}"

    def fail(message: str) -> TreeError:
        return TreeError(message, where=where, hint="Run `signpost lint` on the folder.")

    doc = library.document(GLOSSARY_FILE)
    if doc.problems:
        raise fail(doc.problems[0].message)
    entries = doc.data.get("terms") if isinstance(doc.data, dict) else None
    if not isinstance(entries, dict):
        raise fail(MISSING)
    return glossary_from(entries, fail)


def here() -> Path:
    """The current folder, or a one-line error if it was deleted under us."""
    try:
        return Path.cwd()
    except OSError:
        raise UsageError(
            "the current folder no longer exists", hint="Change to a folder that does, then retry."
        ) from None


def _is_dir(spec: str) -> bool:
    try:
        return Path(spec).is_dir()
    except OSError:  # a name too long, no permission to look
        return False


def open_side(
    spec: str, folder: str = "trees", start: Path | None = None, as_: str | None = None
) -> Library:
    """`spec` as one side of a diff, resolved as git resolves an argument: a git revision
    of the repository `start` (default: here) is in, whose trees are in `folder`, or a
    trees folder on disk. A name that is both is refused as ambiguous unless `as_` says
    which (`REVISION` or `FOLDER`: what `--` says on the command line)."""
    if folder.startswith(":") or ".." in Path(folder).parts:
        raise UsageError(
            f"--path {folder} is not a folder inside the repository",
            hint="Give the trees folder as a plain path, such as `trees`.",
        )
    repo = repository(start or here())
    revision = as_ != FOLDER and repo is not None and is_revision(repo, spec)
    directory = as_ != REVISION and _is_dir(spec)
    if revision and directory:
        raise UsageError(
            f"`{spec}` is both a git revision and a folder, so it is ambiguous",
            hint="Put revisions before `--` and folders after it, as git does: "
            f"`signpost diff {spec} HEAD --` compares revisions, "
            f"`signpost diff -- {spec} other/` folders.",
        )
    if revision:
        assert repo is not None
        return RevisionLibrary(repo, spec, folder)
    if directory:
        return Library(Path(spec))
    if as_ == FOLDER:
        raise UsageError(f"`{spec}` is not a folder", hint="Check the path after `--`.")
    if as_ == REVISION:
        where = "" if repo is not None else " (and this is not a git repository)"
        raise UsageError(
            f"`{spec}` is not a git revision{where}", hint="Check the name before `--`."
        )
    where = "" if repo is not None else " (and this is not a git repository)"
    raise UsageError(
        f"`{spec}` is neither a trees folder nor a git revision{where}",
        hint="Give two folders, or two revisions such as `main HEAD`.",
    )
