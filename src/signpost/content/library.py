"""Where trees, the contacts catalogue and the source documents are, and loading them.

After an install the repo's `trees/` and `seeds/` sit inside the package as
`signpost/_data/`; in a source checkout (an editable install) they are read
from the repo itself, so there is only ever one copy. `--trees DIR` or
`SIGNPOST_TREES` (read by the command line, which passes the folder in) points at an
author's own folder; its sources are the `seeds/` beside it when there is one (or the
folder the command line passes in from `--seeds` or `SIGNPOST_SEEDS`), else the shipped
ones. Nothing here reads the environment.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from signpost.errors import TreeError, UsageError
from signpost.ids import ID
from signpost.names import CONTACTS_FILE
from signpost.similar import did_you_mean

if TYPE_CHECKING:  # the model and the loader are imported when a tree is first loaded, so
    # `signpost lint`, which only needs `seeds_for` from here, does not pay for them
    from signpost.content.everyday import Everyday
    from signpost.content.glossary import Glossary
    from signpost.content.model import Contact, Option, Outcome, Question, Tree
    from signpost.content.sources import Sources
    from signpost.content.yamlfile import Document


START_TREE = "start"  # the triage tree, "I'm not sure where to start", first in the menu
GLOSSARY_FILE = "glossary.yaml"
EVERYDAY_FILE = "everyday-words.yaml"  # the words people use, for search (content/everyday.py)
_NOT_TREES = (CONTACTS_FILE, GLOSSARY_FILE, EVERYDAY_FILE)


def shipped(name: str) -> Path:
    """The shipped `trees` or `seeds` folder: inside the package, or the repo's. Found
    when asked (resolving this file's path touches the disk), not when imported: `lint`
    with its own trees, and every command given --trees and --seeds, never asks."""
    package = Path(__file__).resolve().parent.parent  # src/signpost
    packaged = package / "_data" / name
    return packaged if packaged.is_dir() else package.parent.parent / name


def default_trees_dir() -> Path:
    """The trees used when none are named: the shipped ones."""
    return shipped("trees")


def seeds_for(trees_dir: Path) -> Path:
    """The source documents of a trees folder: the `seeds/` beside it, else the shipped."""
    beside = trees_dir.resolve().parent / "seeds"
    return beside if beside.is_dir() else shipped("seeds")


class Library:
    """The trees of one folder, loaded on demand and kept once loaded."""

    def __init__(self, trees_dir: Path | None = None, seeds_dir: Path | None = None):
        self.trees_dir = Path(trees_dir) if trees_dir else default_trees_dir()
        self._open_files()
        self.seeds_dir = Path(seeds_dir) if seeds_dir else seeds_for(self.trees_dir)
        self._trees: dict[str, Tree] = {}

    def _open_files(self) -> None:
        """Refuse a trees folder that cannot be read, before any tree is asked for (a
        library whose files come from elsewhere, as `RevisionLibrary`'s from git, checks
        there instead)."""
        try:
            os.listdir(self.trees_dir)  # a folder we may read, not a file or a forbidden place
        except (FileNotFoundError, NotADirectoryError):
            pass  # said below
        except OSError as exc:
            raise TreeError(
                f"cannot read the trees folder {self.trees_dir} ({exc.strerror})",
                hint="Check --trees or SIGNPOST_TREES.",
            ) from None
        if not self.trees_dir.is_dir():
            what = "is a file, not a folder" if self.trees_dir.exists() else "does not exist"
            raise UsageError(
                f"the trees folder {self.trees_dir} {what}",
                hint="Check --trees or SIGNPOST_TREES.",
            )

    def file_names(self) -> list[str]:
        """The names of the folder's `.yaml` files (the catalogue's too)."""
        return [path.name for path in self.trees_dir.glob("*.yaml")]

    def document(self, name: str) -> Document:
        """One file of the folder, loaded (`signpost diff` reads a git revision instead)."""
        from signpost.content.yamlfile import load_file

        return load_file(self.trees_dir / name, self.trees_dir)

    def tree_ids(self) -> list[str]:
        return sorted(
            name.removesuffix(".yaml")
            for name in self.file_names()
            if name not in _NOT_TREES and ID.match(name.removesuffix(".yaml"))
        )

    def tree(self, tree_id: str) -> Tree:
        """The tree called `tree_id`. Only a plain id is accepted: never a path."""
        if tree_id in self._trees:
            return self._trees[tree_id]
        ids = self.tree_ids()
        if not ID.match(tree_id or "") or tree_id not in ids:
            hint = did_you_mean(tree_id or "", ids, n=3, cutoff=0.5, sentence=True) or (
                "Run `signpost list` to see the trees."
            )
            raise UsageError(f"there is no tree called `{tree_id}`", hint=hint)
        return self._built(tree_id)

    def _built(self, tree_id: str) -> Tree:
        """`tree` for an id of `tree_ids` (so the folder is not listed again for each
        tree when every tree is loaded), kept once built."""
        tree = self._trees.get(tree_id)
        if tree is not None:
            return tree
        from signpost.content.model import build_tree

        tree = build_tree(self.document(f"{tree_id}.yaml"))
        if tree.id != tree_id:
            raise TreeError(
                f"the file says `id: {tree.id}` but is named {tree_id}.yaml",
                where=tree.file,
                hint="Make the id and the file name match.",
            )
        self._trees[tree_id] = tree
        return tree

    def linked_tree(self, tree: Tree, question: Question, option: Option) -> Tree:
        """The tree an option links to, or a `TreeError` naming the option if there is none."""
        try:
            return self.tree(option.tree or "")
        except UsageError:
            raise TreeError(
                f"the option `{option.label}` at `{question.id}` links to the tree "
                f"`{option.tree}`, which does not exist",
                where=tree.file,
                hint="Run `signpost lint` on the tree.",
            ) from None

    def leads_to(self, tree: Tree, question: Question, option: Option) -> tuple[str, str]:
        """Where an option of `question` (in `tree`) leads, as (tree id, node id): a node of
        the same tree, or the start of the tree it links to. The one step through a link,
        for the walk and the routes alike. A missing tree raises as `tree` does."""
        if option.tree:
            linked = self.tree(option.tree)
            return linked.id, linked.start
        return tree.id, option.node

    def trees(self) -> list[Tree]:
        """Every tree, in menu order (`order`, then title)."""
        return _menu_order([self._built(tree_id) for tree_id in self.tree_ids()])

    def usable_trees(self) -> tuple[list[Tree], list[Broken]]:
        """The trees that load, in menu order, and the files of those that do not, with
        why: one broken file must not hide the others from `signpost list` and the menu."""
        trees, broken = [], []
        for tree_id in self.tree_ids():
            try:
                trees.append(self._built(tree_id))
            except TreeError as exc:
                file = str(self.trees_dir / f"{tree_id}.yaml")
                broken.append(Broken(file, exc.message, exc.where or file))
        return _menu_order(trees), broken

    def menu_trees(self, usable: list[Tree] | None = None) -> list[Tree]:
        """The situations of the menu, in menu order: every tree with `menu` on, and the
        triage tree (`start`) whatever its `menu`; of `usable` (`usable_trees`), or else
        of every tree, which must then all load."""
        trees = self.trees() if usable is None else usable
        return [t for t in trees if t.menu or t.id == START_TREE]

    @cached_property
    def contacts(self) -> dict[str, Contact]:
        from signpost.content.model import build_contacts

        if CONTACTS_FILE not in self.file_names():
            return {}
        return build_contacts(self.document(CONTACTS_FILE))

    def contact(self, contact_id: str, *, where: str = "") -> Contact:
        """The catalogue's contact `contact_id`: the one lookup of a contact by its id,
        or a `TreeError` (at `where`, the file that names it) if the catalogue lacks it."""
        try:
            return self.contacts[contact_id]
        except KeyError:
            raise TreeError(
                f"the contact `{contact_id}` is not in {CONTACTS_FILE}",
                where=where or None,
                hint="Add it to the catalogue or fix the id.",
            ) from None

    def contacts_of(self, tree: Tree, outcome: Outcome) -> tuple[Contact, ...]:
        """The contacts an outcome of `tree` lists, from the catalogue, in its order."""
        return tuple(self.contact(c, where=tree.file) for c in outcome.contacts)

    def national_contacts(self) -> tuple[Contact, ...]:
        """The catalogue's national emergency routes (999, NHS 111) that give a phone
        number, in catalogue order: what a family at risk is told to call at once."""
        return tuple(c for c in self.contacts.values() if c.national and c.phone)

    @cached_property
    def glossary(self) -> Glossary:
        """The folder's glossary (`glossary.yaml`), or an empty one."""
        from signpost.content.glossary import load_glossary

        return load_glossary(self.trees_dir / GLOSSARY_FILE)

    @cached_property
    def everyday(self) -> tuple[Everyday, ...]:
        """The folder's everyday-words table (`everyday-words.yaml`), or none."""
        from signpost.content.everyday import load_everyday

        return load_everyday(self.trees_dir / EVERYDAY_FILE)

    @cached_property
    def sources(self) -> Sources:
        from signpost.content.sources import Sources

        return Sources(self.seeds_dir)


def _menu_order(trees: list[Tree]) -> list[Tree]:
    return sorted(trees, key=lambda t: (t.order is None, t.order or 0, t.title.casefold()))


class Broken(NamedTuple):
    """A tree file that cannot be loaded, and the first problem with it."""

    file: str
    problem: str
    where: str  # the file, with the line and column where there is one


def broken_line(broken: Broken) -> str:
    """The one line that names a tree file which cannot be read, for the list and the menu."""
    return (
        f"{broken.where} cannot be read ({broken.problem}), so it is not shown here; "
        f"run `signpost lint {broken.file}` for the details."
    )
