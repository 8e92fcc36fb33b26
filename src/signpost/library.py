"""Where trees, the contacts catalogue and the source documents are, and loading them.

After an install the repo's `trees/` and `seeds/` sit inside the package as
`signpost/_data/`; in a source checkout (an editable install) they are read
from the repo itself, so there is only ever one copy. `--trees DIR` or
`SIGNPOST_TREES` points at an author's own folder; its sources are the `seeds/`
beside it when there is one (or `SIGNPOST_SEEDS`), else the shipped ones.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from signpost.errors import TreeError, UsageError
from signpost.ids import ID
from signpost.similar import close_matches

if TYPE_CHECKING:  # the model and the loader are imported when a tree is first loaded, so
    # `signpost lint`, which only needs `seeds_for` from here, does not pay for them
    from signpost.glossary import Glossary
    from signpost.model import Contact, Tree
    from signpost.sources import Sources

CONTACTS_FILE = "contacts.yaml"
GLOSSARY_FILE = "glossary.yaml"
TREES_ENV = "SIGNPOST_TREES"
SEEDS_ENV = "SIGNPOST_SEEDS"

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent


def shipped(name: str) -> Path:
    """The shipped `trees` or `seeds` folder: inside the package, or the repo's."""
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _REPO / name


def default_trees_dir() -> Path:
    return Path(os.environ[TREES_ENV]) if os.environ.get(TREES_ENV) else shipped("trees")


def seeds_for(trees_dir: Path) -> Path:
    if os.environ.get(SEEDS_ENV):
        return Path(os.environ[SEEDS_ENV])
    beside = trees_dir.resolve().parent / "seeds"
    return beside if beside.is_dir() else shipped("seeds")


class Library:
    """The trees of one folder, loaded on demand and kept once loaded."""

    def __init__(self, trees_dir: Path | None = None, seeds_dir: Path | None = None):
        self.trees_dir = Path(trees_dir) if trees_dir else default_trees_dir()
        if not self.trees_dir.is_dir():
            raise UsageError(
                f"the trees folder {self.trees_dir} does not exist",
                hint="Check --trees or SIGNPOST_TREES.",
            )
        self.seeds_dir = Path(seeds_dir) if seeds_dir else seeds_for(self.trees_dir)
        self._trees: dict[str, Tree] = {}

    def tree_ids(self) -> list[str]:
        return sorted(
            path.stem
            for path in self.trees_dir.glob("*.yaml")
            if path.name not in (CONTACTS_FILE, GLOSSARY_FILE) and ID.match(path.stem)
        )

    def tree(self, tree_id: str) -> Tree:
        """The tree called `tree_id`. Only a plain id is accepted: never a path."""
        if tree_id in self._trees:
            return self._trees[tree_id]
        ids = self.tree_ids()
        if not ID.match(tree_id or "") or tree_id not in ids:
            close = close_matches(tree_id or "", ids, n=3, cutoff=0.5)
            hint = (
                f"Did you mean {', '.join(f'`{c}`' for c in close)}?"
                if close
                else "Run `signpost list` to see the trees."
            )
            raise UsageError(f"there is no tree called `{tree_id}`", hint=hint)
        from signpost.model import build_tree
        from signpost.yamlfile import load_file

        tree = build_tree(load_file(self.trees_dir / f"{tree_id}.yaml"))
        if tree.id != tree_id:
            raise TreeError(
                f"the file says `id: {tree.id}` but is named {tree_id}.yaml",
                where=tree.file,
                hint="Make the id and the file name match.",
            )
        self._trees[tree_id] = tree
        return tree

    def trees(self) -> list[Tree]:
        """Every tree, in menu order (`order`, then title)."""
        trees = [self.tree(tree_id) for tree_id in self.tree_ids()]
        return sorted(trees, key=lambda t: (t.order is None, t.order or 0, t.title.casefold()))

    @cached_property
    def contacts(self) -> dict[str, Contact]:
        from signpost.model import build_contacts
        from signpost.yamlfile import load_file

        path = self.trees_dir / CONTACTS_FILE
        if not path.exists():
            return {}
        return build_contacts(load_file(path))

    def contact(self, contact_id: str, *, where: str = "") -> Contact:
        try:
            return self.contacts[contact_id]
        except KeyError:
            raise TreeError(
                f"the contact `{contact_id}` is not in {CONTACTS_FILE}",
                where=where or None,
                hint="Add it to the catalogue or fix the id.",
            ) from None

    @cached_property
    def glossary(self) -> Glossary:
        """The folder's glossary (`glossary.yaml`), or an empty one."""
        from signpost.glossary import load_glossary

        return load_glossary(self.trees_dir / GLOSSARY_FILE)

    @cached_property
    def sources(self) -> Sources:
        from signpost.sources import Sources

        return Sources(self.seeds_dir)
