"""The import layering of docs/architecture.md, enforced with the ast module.

Every module of `src/signpost` belongs to one layer. At module level (not inside a
function, not under `if TYPE_CHECKING:`) a module may import only modules of its own
layer or a lower one, and only the third-party packages its layer allows. The table
below is the one in docs/architecture.md; a test holds the two the same.

Also held to the doc: its map of the modules, the 60-line limit on a function, and
which heavy packages the quick commands import (none they do not use).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import run_main

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "signpost"
DOC = ROOT / "docs" / "architecture.md"

# layer: (rank, modules, third-party packages allowed at module level)
LAYERS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "base": (
        0,
        ("signpost", "errors", "ids", "names", "safetext", "savefile", "similar", "words"),
        (),
    ),
    "content": (1, ("content", "content.*"), ("yaml",)),
    "walk": (2, ("walk", "walk.*"), ()),
    "lint": (2, ("lint", "lint.*"), ()),
    "reports": (3, ("reports", "reports.*"), ()),
    "ui": (4, ("ui", "ui.*"), ("questionary", "rich")),
    "cli": (5, ("__main__", "cli"), ("click", "rich", "typer")),
}

THIRD_PARTY = {"click", "questionary", "rich", "typer", "yaml"}


def module_names() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts) or "signpost")
    return names


def layer_of(module: str) -> str:
    exact = [name for name, (_, mods, _) in LAYERS.items() if module in mods]
    if exact:
        return exact[0]
    for name, (_, mods, _) in LAYERS.items():
        if any(m.endswith(".*") and module.startswith(m[:-1]) for m in mods):
            return name
    raise AssertionError(f"`{module}` is in no layer of docs/architecture.md")


def top_level_imports(path: Path) -> list[str]:
    """The modules a file imports when it is imported: not in functions, not for typing."""
    found: list[str] = []
    known = set(module_names())

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.extend(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and not child.level and child.module:
                for alias in child.names:
                    inner = f"{child.module}.{alias.name}".removeprefix("signpost.")
                    found.append(f"signpost.{inner}" if inner in known else child.module)
            else:
                visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def own(name: str) -> str | None:
    if name == "signpost":
        return "signpost"
    return name.removeprefix("signpost.") if name.startswith("signpost.") else None


def test_every_module_imports_only_its_layer_and_below():
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "signpost"
        rank, _, allowed = LAYERS[layer_of(module)]
        for name in top_level_imports(path):
            target = own(name)
            if target is not None:
                if LAYERS[layer_of(target)][0] > rank:
                    wrong.append(f"{module} ({layer_of(module)}) imports {target}")
            elif name.split(".")[0] in THIRD_PARTY and name.split(".")[0] not in allowed:
                wrong.append(f"{module} ({layer_of(module)}) imports {name}")
    assert wrong == []


def test_the_check_sees_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import rich\nfrom signpost.ui.session import x\nfrom signpost import cli\n"
        "def f():\n    import typer\n"
        "if TYPE_CHECKING:\n    import questionary\n",
        encoding="utf-8",
    )
    assert top_level_imports(bad) == ["rich", "signpost.ui.session", "signpost.cli"]


def doc_table() -> dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- layers -->")[1]
    rows = {}
    for line in block.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[1].isdigit():
            continue
        names = lambda cell: tuple(re.findall(r"`([^`]+)`", cell))  # noqa: E731
        rows[cells[0]] = (int(cells[1]), names(cells[2]), names(cells[3]))
    return rows


def test_the_doc_shows_the_same_layers():
    assert doc_table() == LAYERS


def doc_layout() -> dict[str, set[str]]:
    """The map at the top of docs/architecture.md: each package's modules (subpackages
    with a `/`), and under "" the top-level modules."""
    block = DOC.read_text(encoding="utf-8").split("```")[1]
    layout: dict[str, set[str]] = {}
    for line in block.splitlines()[1:]:
        words = line.split()
        if not words or words[0] in ("src/signpost/", "bench/"):
            continue
        if words[0].endswith("/"):
            layout[words[0].rstrip("/")] = set(words[1:])
        elif words[0].endswith(".py"):
            layout.setdefault("", set()).update(w for w in words if w.endswith(".py"))
    return layout


def tree_layout() -> dict[str, set[str]]:
    layout: dict[str, set[str]] = {"": set()}
    for path in SRC.iterdir():
        if path.suffix == ".py" and path.stem not in ("__init__", "__main__"):
            layout[""].add(path.name)
        elif path.is_dir() and (path / "__init__.py").exists():
            layout[path.name] = {
                f"{child.name}/" if child.is_dir() else child.stem
                for child in path.iterdir()
                if child.name != "__pycache__"
                and child.stem != "__init__"
                and (child.suffix == ".py" or child.is_dir())
            }
    return layout


def test_the_doc_shows_the_layout_of_the_tree():
    assert doc_layout() == tree_layout()


LONGEST = 60  # lines, from `def` to the last line of the body


def test_no_function_is_longer_than_sixty_lines():
    long = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > LONGEST:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({lines})")
    assert long == []


# What a command imports is most of its start-up time (docs/performance.md): the heavy
# packages are imported inside the command bodies that use them. This runs each command
# in a fresh interpreter and lists, as it ends, which of them it had imported.
_MODULES_AT_EXIT = (
    "import os, sys\n"
    "heavy = ('rich', 'questionary', 'prompt_toolkit', 'yaml', 'jinja2', 'json')\n"
    "real = os._exit\n"
    "def report(code):\n"
    "    sys.stderr.write(' '.join(m for m in heavy if m in sys.modules) + '\\n')\n"
    "    real(code)\n"
    "os._exit = report\n"
)


@pytest.mark.parametrize(
    ("args", "imported"),
    [
        (("--help",), ""),
        (("--version",), ""),
        (("lint", "--list-rules"), ""),
        (("lint", "trees"), "yaml"),
        (("list",), "yaml"),
        (("list", "--format", "json"), "yaml json"),
    ],
    ids=" ".join,
)
def test_each_command_imports_only_what_it_uses(args, imported):
    done = run_main(args, _MODULES_AT_EXIT, cwd=ROOT)
    assert (done.returncode, done.stderr.splitlines()[-1:]) == (0, [imported])
