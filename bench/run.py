"""Time signpost as people use it: whole processes, medians, against the bare interpreter.

Run it with the project's own interpreter (the floor is that interpreter starting
and doing nothing):

    .venv/bin/python bench/run.py                 # sizes 2000 and 20000, 7 runs each
    .venv/bin/python bench/run.py --quick         # 2000 only, 3 runs, for a quick look
    .venv/bin/python bench/run.py --sizes 500,2000,8000 --repeat 11
    .venv/bin/python bench/run.py --site          # only `signpost site`, 7 runs
    .venv/bin/python bench/run.py --quick --no-site   # all but `signpost site`
    .venv/bin/python bench/run.py --instructions  # instruction counts (valgrind), one run each

What it times (each a fresh process; the runs of one table are interleaved so
that a busy moment of the machine hurts every row alike):

- `python -c pass` (the floor); importing the linter (`LINTER`: what `signpost lint`
  imports apart from typer, Click and the cli), as its time over the floor;
  `signpost --help`, `signpost list` and `signpost lint` on the shipped trees;
- the time until the first question is on screen, under a pseudo-terminal
  (`signpost run TREE` and the menu, with PROMPT_TOOLKIT_NO_CPR=1);
- `signpost site OUT` on the shipped trees (target ≤ 2 s) and on the trees twice
  over (each copied under another id: twice the pages, to show the growth), with
  the largest page's size together with its stylesheet (target ≤ 30 kB);
- for each generated tree (`bench/bigtree.py`, written to a temporary
  folder that is removed afterwards): PyYAML's C loader composing the file,
  `signpost lint` with every rule, and `yamllint -d relaxed` (skipped, with a
  note, if yamllint is not installed beside this interpreter).

Each row gives the median wall time and the median CPU time (user and system, the
child's own, from `getrusage`): on a machine shared with other work the CPU time moves
far less. Peak memory is each child's own maximum resident set size, from one extra run under
GNU time (`/usr/bin/time`; shown as nan without it).

Every command runs with its bytecode cached, as after `pip install` (which compiles
it): PYTHONDONTWRITEBYTECODE is dropped for the children, so a warm-up run of each
row writes `__pycache__` beside the modules, where Python keeps it (git ignores it).
With that variable set, as on some machines, an editable install would compile
signpost's modules on every run (~25 ms more on `lint`). PYTHONPYCACHEPREFIX is not
used instead: it slows every start-up, the floor's included, by ~5 ms here.
Apart from that cache, nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pty
import resource
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
BIN = Path(PY).parent
SIGNPOST = str(BIN / "signpost")
YAMLLINT = BIN / "yamllint"
# What `signpost lint` imports apart from typer, Click and the cli: the engine (and so
# every rule and the loader), the output formats, SARIF and the settings (tomllib reads
# a pyproject.toml).
LINTER = (
    "import signpost.lint.engine, signpost.lint.formats, signpost.lint.sarif, "
    "signpost.lint.config, tomllib"
)
COMPOSE = (
    "import sys, yaml; yaml.compose(open(sys.argv[1], encoding='utf-8').read(), "
    "Loader=yaml.CSafeLoader)"
)


TIME = Path("/usr/bin/time")  # GNU time: a small parent, so the child's peak RSS is its own
CHILD_ENV = {
    k: v
    for k, v in os.environ.items()  # see the module's docstring
    if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
}


def _rss_wrap(cmd: list[str], out: Path | None) -> list[str]:
    return [str(TIME), "-f", "%M", "-o", str(out), *cmd] if out is not None else cmd


def _read_rss(out: Path | None) -> float:
    """MB, from GNU time's output file; NaN without it. (A child's own `wait4` figure would
    include this script's memory, inherited across fork and exec.)"""
    try:
        return int(out.read_text().split()[-1]) / 1024 if out is not None else float("nan")
    except (OSError, ValueError, IndexError):
        return float("nan")


def _children_cpu() -> float:
    """CPU seconds (user and system) of every child waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(
    cmd: list[str], cwd: Path | None = None, rss_file: Path | None = None
) -> tuple[float, float]:
    """Wall time and CPU time (s) of one whole process, output discarded. The CPU time
    (the child's own, user and system) is what a busy machine inflates least."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        _rss_wrap(cmd, rss_file),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=CHILD_ENV,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def first_screen(
    cmd: list[str], text: str, rss_file: Path | None = None, timeout: float = 10.0
) -> tuple[float, float]:
    """Seconds from launch until `text` is on a pseudo-terminal; then Ctrl-C stops it.
    No CPU time (NaN): the child's would include its stopping."""
    cmd = _rss_wrap(cmd, rss_file)
    env = dict(
        CHILD_ENV, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", COLUMNS="80", LINES="24"
    )
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the command
        os.execve(cmd[0], cmd, env)
    seen = b""
    needle = text.encode()
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                # prompt_toolkit may paint a line in pieces; compare without escapes
                if needle in _visible(seen):
                    elapsed = time.perf_counter() - start
                    break
    finally:
        os.write(fd, b"\x03")  # Ctrl-C: "Stopped — nothing was saved."
        deadline = time.perf_counter() + 5
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.perf_counter() > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                break
            if select.select([fd], [], [], 0.05)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)
        os.close(fd)
    return elapsed, float("nan")


def _visible(data: bytes) -> bytes:
    import re

    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\r", b"", data)


class Row:
    def __init__(self, name: str, note: str = ""):
        self.name, self.note = name, note
        self.times: list[float] = []
        self.cpu: list[float] = []
        self.rss: list[float] = []

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    @property
    def peak(self) -> float:
        return max(self.rss) if self.rss else float("nan")  # one run, under GNU time


def bench(rows: list[tuple[Row, object]], repeat: int, tmp: Path) -> None:
    """Run every row `repeat` times, interleaved, after two warm-up runs each: one to
    write the bytecode cache, one to measure peak memory (under GNU time, if there is
    one)."""
    rss_file = tmp / "rss.txt" if TIME.exists() else None
    for row, action in rows:
        action(None)
        action(rss_file)
        row.rss.append(_read_rss(rss_file))
    for _ in range(repeat):
        for row, action in rows:
            wall, cpu = action(None)
            row.times.append(wall)
            row.cpu.append(cpu)


def first_question() -> tuple[str, str, str]:
    """The first tree id and its first question, and the menu's question."""
    sys.path.insert(0, str(REPO / "src"))
    from signpost.content.library import Library

    library = Library()
    tree = library.tree("not-attending")
    return tree.id, tree.node(tree.start).question, "What would you like help with?"


def site_bench(tmp: Path, trees_dir: Path):
    """Rows timing `signpost site` on the shipped trees and on them twice over, and a
    function giving the pages, the growth and the largest page once they have run."""
    from signpost.content.library import EVERYDAY_FILE, GLOSSARY_FILE
    from signpost.names import CONTACTS_FILE

    doubled = tmp / "trees-x2"
    doubled.mkdir()
    for path in sorted(trees_dir.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        shutil.copy(path, doubled / path.name)
        if path.name not in (CONTACTS_FILE, GLOSSARY_FILE, EVERYDAY_FILE):  # a tree: again
            copy = text.replace(f"\nid: {path.stem}\n", f"\nid: {path.stem}-copy\n", 1)
            (doubled / f"{path.stem}-copy.yaml").write_text(copy, encoding="utf-8")
    # The sites are written on the repository's disk, as a person's would be: on these
    # machines creating files under /tmp is about 20 times slower than elsewhere on the disk.
    work = Path(tempfile.mkdtemp(prefix=".bench-site-", dir=REPO))
    outs = {"shipped": work / "site", "twice": work / "site-x2"}
    once = Row("signpost site OUT: the shipped trees", "target ≤ 2 s")
    twice = Row("signpost site OUT: the trees twice over", "twice the pages")
    rows = [
        (once, lambda r: run_once([SIGNPOST, "site", str(outs["shipped"])], REPO, r)),
        (
            twice,
            lambda r: run_once(
                [SIGNPOST, "--trees", str(doubled), "site", str(outs["twice"])], REPO, r
            ),
        ),
    ]

    def note() -> str:
        from signpost.reports.site import MAX_PAGES

        counts = {k: sum(1 for _ in o.rglob("*.html")) for k, o in outs.items()}
        css = (outs["shipped"] / "style.css").stat().st_size
        largest = max(outs["shipped"].rglob("*.html"), key=lambda p: p.stat().st_size)
        size = largest.stat().st_size
        growth = (
            f"{counts['twice']:,} pages, {twice.median / once.median:.2f}× the time"
            if counts["twice"]
            else f"no pages (refused: `signpost site` writes at most {MAX_PAGES:,})"
        )
        return (
            f"Site: {counts['shipped']:,} pages, {once.median * 1000:,.0f} ms "
            f"({once.median / counts['shipped'] * 1000:.2f} ms a page); twice over: "
            f"{growth}. Largest "
            f"page {largest.relative_to(outs['shipped'])}: {size / 1000:.1f} kB, "
            f"{(size + css) / 1000:.1f} kB with its stylesheet (target ≤ 30 kB)."
        )

    return rows, note, work


VALGRIND = shutil.which("valgrind")


def instructions_of(cmd: list[str], tmp: Path, cwd: Path | None = None) -> int:
    """Instructions one whole process executes (valgrind's callgrind, `I refs`): a
    measure a busy machine does not move. About 50 times slower than a plain run."""
    out = tmp / "callgrind.out"
    result = subprocess.run(
        [VALGRIND or "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=CHILD_ENV,
    )
    out.unlink(missing_ok=True)
    refs = [line for line in result.stderr.splitlines() if "I   refs:" in line]
    return int(refs[-1].split()[-1].replace(",", "")) if refs else 0


def instructions_table(tmp: Path, tree_yaml) -> list[str]:
    """Instruction counts of the start-up and 2,000-node rows, one run each."""
    folder = tmp / "ir-2000"
    folder.mkdir()
    big = folder / "big.yaml"
    big.write_text(tree_yaml(2000), encoding="utf-8")
    lint_big = [SIGNPOST, "lint", str(folder), "--seeds", str(REPO / "seeds")]
    rows = [
        ("python -c pass (the floor)", [PY, "-c", "pass"]),
        ("importing the linter", [PY, "-c", LINTER]),
        ("signpost --help", [SIGNPOST, "--help"]),
        ("signpost lint trees/", [SIGNPOST, "lint", str(REPO / "trees")]),
        ("2000 nodes: PyYAML C compose", [PY, "-c", COMPOSE, str(big)]),
        ("2000 nodes: signpost lint, every rule", [*lint_big, "--format", "concise"]),
    ]
    if YAMLLINT.exists():
        rows.append(("2000 nodes: yamllint -d relaxed", [str(YAMLLINT), "-d", "relaxed", str(big)]))
    for _, cmd in rows:  # a warm-up run writes the bytecode cache
        run_once(cmd, REPO)
    counts = {}
    for name, cmd in rows:
        print(f"Counting instructions: {name}...", file=sys.stderr)
        counts[name] = instructions_of(cmd, tmp, REPO)
    floor = counts["python -c pass (the floor)"]
    out = ["| what | instructions | × floor |", "| --- | ---: | ---: |"]
    out += [f"| {n} | {c / 1e6:,.0f} M | {c / floor:.1f}× |" for n, c in counts.items()]
    lint, compose = counts[rows[5][0]], counts[rows[4][0]]
    out += ["", f"2000 nodes: lint is {lint / compose:.2f}× compose's instructions"]
    if YAMLLINT.exists():
        out[-1] += f"; yamllint is {counts[rows[6][0]] / lint:.1f}× lint's"
    out[-1] += (
        f". The linter's import is {(counts[rows[1][0]] - floor) / 1e6:,.0f} M over the floor."
    )
    return out


def _over_floor(row: Row, floor: Row) -> str:
    return (
        f"{(row.median - floor.median) * 1000:.0f} ms over the floor "
        f"(CPU {(row.cpu_median - floor.cpu_median) * 1000:.0f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="2000,20000",
        help="node counts of the generated trees (default 2000,20000)",
    )
    parser.add_argument("--repeat", type=int, default=7, help="runs per row (default 7)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="sizes 2000 only, 3 runs, no yamllint beyond 2000 nodes",
    )
    parser.add_argument(
        "--yamllint-repeat",
        type=int,
        default=3,
        help="runs of yamllint per size (it is slow; default 3)",
    )
    parser.add_argument("--site", action="store_true", help="time only `signpost site`")
    parser.add_argument("--no-site", action="store_true", help="leave `signpost site` out")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="only count instructions (valgrind), one run of each start-up and 2000-node row",
    )
    args = parser.parse_args(argv)
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    repeat = 3 if args.quick else args.repeat
    have_yamllint = YAMLLINT.exists()

    sys.path.insert(0, str(REPO / "src"))
    from bigtree import tree_yaml

    trees_dir = REPO / "trees"
    seeds_dir = REPO / "seeds"
    tmp = Path(tempfile.mkdtemp(prefix="signpost-bench-"))
    if args.instructions:
        try:
            print("\n".join(instructions_table(tmp, tree_yaml)))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return 0
    site_work: Path | None = None
    try:
        floor = Row("python -c pass (the floor)")
        start_rows = [
            (floor, lambda r: run_once([PY, "-c", "pass"], rss_file=r)),
        ]
        import_row = Row("importing the linter", "target ≤ 40 ms over the floor")
        help_row = Row("signpost --help", "target ≤ 8× floor")
        list_row = Row("signpost list", "target ≤ 9× floor")
        json_row = Row("signpost list --format json", "no rich")
        lint_row = Row("signpost lint trees/ (15 trees)", "target ≤ 12× floor")
        start_rows += [
            (import_row, lambda r: run_once([PY, "-c", LINTER], rss_file=r)),
            (help_row, lambda r: run_once([SIGNPOST, "--help"], rss_file=r)),
            (list_row, lambda r: run_once([SIGNPOST, "list"], rss_file=r)),
            (json_row, lambda r: run_once([SIGNPOST, "list", "--format", "json"], rss_file=r)),
            (lint_row, lambda r: run_once([SIGNPOST, "lint", str(trees_dir)], REPO, r)),
        ]
        site_rows, site_note, site_work = site_bench(tmp, trees_dir)
        if args.site:
            start_rows = start_rows[:1] + site_rows
            sizes = []
        elif not args.no_site:
            start_rows += site_rows
        tree_id, question, menu = first_question()
        walk_row = Row(f"first question on screen: run {tree_id}", "target ≤ 200 ms")
        menu_row = Row("first question on screen: the menu", "target ≤ 200 ms")
        if not args.site:
            start_rows += [
                (walk_row, lambda r: first_screen([SIGNPOST, "run", tree_id], question, r)),
                (menu_row, lambda r: first_screen([SIGNPOST], menu, r)),
            ]
        print(f"Timing start-up ({repeat} runs each)...", file=sys.stderr)
        bench(start_rows, repeat, tmp)
        site_line = "" if args.no_site else site_note()

        size_rows: list[tuple[int, Row, Row, Row | None]] = []
        for size in sizes:
            folder = tmp / str(size)
            folder.mkdir()
            path = folder / "big.yaml"
            path.write_text(tree_yaml(size), encoding="utf-8")
            kb = path.stat().st_size / 1024
            compose = Row(f"{size} nodes ({kb:,.0f} kB): PyYAML C compose")
            lint = Row(f"{size} nodes: signpost lint, every rule")
            rows = [
                (compose, lambda r, p=path: run_once([PY, "-c", COMPOSE, str(p)], rss_file=r)),
                (
                    lint,
                    lambda r, f=folder: run_once(
                        [
                            SIGNPOST,
                            "lint",
                            str(f),
                            "--seeds",
                            str(seeds_dir),
                            "--format",
                            "concise",
                        ],
                        rss_file=r,
                    ),
                ),
            ]
            print(f"Timing {size} nodes ({repeat} runs each)...", file=sys.stderr)
            bench(rows, repeat, tmp)
            ylint = None
            if have_yamllint and not (args.quick and size > 2000):
                ylint = Row(f"{size} nodes: yamllint -d relaxed")
                print(
                    f"Timing yamllint on {size} nodes ({args.yamllint_repeat} runs)...",
                    file=sys.stderr,
                )
                bench(
                    [
                        (
                            ylint,
                            lambda r, p=path: run_once(
                                [str(YAMLLINT), "-d", "relaxed", str(p)], rss_file=r
                            ),
                        )
                    ],
                    args.yamllint_repeat,
                    tmp,
                )
            size_rows.append((size, compose, lint, ylint))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if site_work is not None:
            shutil.rmtree(site_work, ignore_errors=True)

    base = floor.median
    out = [
        "| what | median | × floor | CPU | × floor's CPU | peak RSS | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]

    def line(row: Row, extra: str = "") -> None:
        note = "; ".join(n for n in (row.note, extra) if n)
        out.append(
            f"| {row.name} | {row.median * 1000:,.0f} ms | {row.median / base:.1f}× "
            f"| {row.cpu_median * 1000:,.0f} ms | {row.cpu_median / floor.cpu_median:.1f}× "
            f"| {row.peak:.0f} MB | {note} |"
        )

    def ratio(a: Row, b: Row) -> str:
        """a's median over b's, by the wall clock and by CPU time."""
        return f"{a.median / b.median:.2f}× (CPU {a.cpu_median / b.cpu_median:.2f}×)"

    for row, _ in start_rows:
        line(row, _over_floor(row, floor) if row is import_row else "")
    for size, compose, lint, ylint in size_rows:
        line(compose)
        line(lint, f"{ratio(lint, compose)} compose (target ≤ 1.5×)")
        if ylint is not None:
            line(ylint, f"signpost lint is {ratio(ylint, lint)} faster (target ≥ 10×)")
        elif not have_yamllint:
            out.append(
                f"| {size} nodes: yamllint | — | | | not installed beside {PY}: "
                "`pip install yamllint` to compare |"
            )
    if site_line:
        out += ["", site_line]
    if len(size_rows) >= 2:
        (s1, _, l1, _), (s2, _, l2, _) = size_rows[0], size_rows[-1]
        out.append("")
        out.append(
            f"Growth: {s2 // s1}× the nodes cost {l2.median / l1.median:.1f}× the lint "
            f"time ({(l2.median - base) / (l1.median - base):.1f}× above the floor) "
            f"and {l2.peak / l1.peak:.1f}× the peak memory."
        )
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; medians of {repeat} runs "
        f"(yamllint: {args.yamllint_repeat}).\n"
    )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
