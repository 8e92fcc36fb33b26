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
import sys
from pathlib import Path

import pytest
from conftest import run_main

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "signpost"
DOC = ROOT / "docs" / "architecture.md"

# layer: (rank, modules, third-party at module level, third-party inside functions)
LAYERS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "base": (
        0,
        (
            "signpost",
            "errors",
            "ids",
            "names",
            "safetext",
            "savefile",
            "similar",
            "tokens",
            "words",
        ),
        (),
        ("markupsafe", "rich"),
    ),
    "content": (1, ("content", "content.*"), ("yaml",), ()),
    "walk": (2, ("walk", "walk.*"), (), ()),
    "lint": (2, ("lint", "lint.*"), (), ("yaml",)),
    "reports": (3, ("reports", "reports.*"), ("jinja2", "markupsafe"), ("rich",)),
    "ui": (4, ("ui", "ui.*"), ("prompt_toolkit", "questionary", "rich"), ()),
    "cli": (
        5,
        ("__main__", "cli", "cli.*", "lsp"),
        ("click", "lsprotocol", "pygls", "rich", "typer"),
        ("watchfiles",),
    ),
}

# An import inside a function that climbs to a higher layer, with the reason it may:
# (importer, imported): why. Aim for none.
CLIMBS: dict[tuple[str, str], str] = {}


def module_names() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts) or "signpost")
    return names


def module_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "signpost"


def layer_of(module: str) -> str:
    exact = [name for name, (_, mods, *_) in LAYERS.items() if module in mods]
    if exact:
        return exact[0]
    for name, (_, mods, *_) in LAYERS.items():
        if any(m.endswith(".*") and module.startswith(m[:-1]) for m in mods):
            return name
    raise AssertionError(f"`{module}` is in no layer of docs/architecture.md")


def _imported(node: ast.AST, known: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        found = []
        for alias in node.names:
            inner = f"{node.module}.{alias.name}".removeprefix("signpost.")
            found.append(f"signpost.{inner}" if inner in known else node.module)
        return found
    return []


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
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.extend(_imported(child, known))
            else:
                visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def all_imports(path: Path) -> list[str]:
    """Every module a file imports anywhere: at module level, inside functions, and for
    typing alike."""
    known = set(module_names())
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [name for node in ast.walk(tree) for name in _imported(node, known)]


def own(name: str) -> str | None:
    if name == "signpost":
        return "signpost"
    return name.removeprefix("signpost.") if name.startswith("signpost.") else None


def third_party(name: str) -> str | None:
    top = name.split(".")[0]
    if own(name) is not None or top in sys.stdlib_module_names or top == "__future__":
        return None
    return top


def test_every_module_imports_only_its_layer_and_below():
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        module = module_of(path)
        rank, _, allowed, _ = LAYERS[layer_of(module)]
        for name in top_level_imports(path):
            target = own(name)
            if target is not None:
                if LAYERS[layer_of(target)][0] > rank:
                    wrong.append(f"{module} ({layer_of(module)}) imports {target}")
            elif third_party(name) and third_party(name) not in allowed:
                wrong.append(f"{module} ({layer_of(module)}) imports {name}")
    assert wrong == []


def test_no_import_inside_a_function_climbs_a_layer_unless_listed():
    climbs = set()
    for path in sorted(SRC.rglob("*.py")):
        module = module_of(path)
        for name in all_imports(path):
            target = own(name)
            if target is not None and LAYERS[layer_of(target)][0] > LAYERS[layer_of(module)][0]:
                climbs.add((module, target))
    assert climbs == set(CLIMBS)


def test_every_third_party_package_a_layer_uses_is_in_its_table():
    unlisted = set()
    for path in sorted(SRC.rglob("*.py")):
        module = module_of(path)
        _, _, at_top, inside = LAYERS[layer_of(module)]
        for name in all_imports(path):
            package = third_party(name)
            if package and package not in at_top + inside:
                unlisted.add(f"{module} ({layer_of(module)}) imports {package}")
    assert sorted(unlisted) == []


def run_time_imports(path: Path) -> list[str]:
    """Every module a file imports when it runs: at module level and inside functions,
    but not under `if TYPE_CHECKING:` (an annotation's import never runs)."""
    known = set(module_names())
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            found.extend(_imported(child, known))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of signpost it imports when it runs (a package's `__init__`
    is the package)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        module = module_of(path)
        targets = {own(name) for name in run_time_imports(path)} - {None, module}
        graph.setdefault(module, set()).update(t for t in targets if t is not None)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another round a loop (Tarjan's strongly
    connected components with more than one module), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


# Loops that remain, each with what removes it. A new loop fails the test, and so does
# one that is gone but still listed.
KNOWN_LOOPS: dict[tuple[str, ...], str] = {}


def test_no_modules_import_each_other_round_a_loop():
    assert cycles(import_graph()) == [list(loop) for loop in KNOWN_LOOPS]


def test_the_loop_finder_finds_a_loop_through_a_function_body():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_check_sees_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import rich\nfrom signpost.ui.session import x\nfrom signpost import cli\n"
        "def f():\n    import typer\n"
        "if TYPE_CHECKING:\n    import questionary\n",
        encoding="utf-8",
    )
    assert top_level_imports(bad) == ["rich", "signpost.ui.session", "signpost.cli"]
    everywhere = ["rich", "signpost.ui.session", "signpost.cli", "typer", "questionary"]
    assert sorted(all_imports(bad)) == sorted(everywhere)
    assert sorted(run_time_imports(bad)) == sorted(everywhere[:-1])


def doc_table() -> dict[str, tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- layers -->")[1]
    rows = {}
    for line in block.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[1].isdigit():
            continue
        names = lambda cell: tuple(re.findall(r"`([^`]+)`", cell))  # noqa: E731
        rows[cells[0]] = (int(cells[1]), names(cells[2]), names(cells[3]), names(cells[4]))
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
        (("search", "camhs"), "yaml"),
        (("search", "she's hurting herself", "--format", "json"), "yaml json"),
    ],
    ids=" ".join,
)
def test_each_command_imports_only_what_it_uses(args, imported):
    done = run_main(args, _MODULES_AT_EXIT, cwd=ROOT)
    assert (done.returncode, done.stderr.splitlines()[-1:]) == (0, [imported])
