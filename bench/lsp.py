"""Time `signpost lsp` as an editor uses it: diagnostics after an edit, through the real
server over standard input and output.

    .venv/bin/python bench/lsp.py               # 30 edits each, after 3 to warm up
    .venv/bin/python bench/lsp.py --edits 100
    .venv/bin/python bench/lsp.py --full        # each edit sends the whole text

Two folders, each a copy in a temporary folder (removed afterwards) with the shipped
seeds beside it: the shipped trees, editing the largest (`not-attending.yaml`), and the
shipped trees with a generated tree of 2,000 nodes (`bench/bigtree.py`), editing that
(and, in process only, the largest shipped tree beside it, which must not cost the
2,000 nodes again).
Each edit changes one character of an option's label (a real edit, so nothing can be
cached from the last one), sent as the range it changes, as editors send it (or, with
`--full`, as the whole new text), and the time is from sending `textDocument/didChange`
to reading the `textDocument/publishDiagnostics` it causes; the server process's CPU
time per edit is given beside it. Targets (issue 26): median and p95 at most 50 ms for
the shipped tree, at most 300 ms for 2,000 nodes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class Server:
    def __init__(self, root: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "signpost", "lsp"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.id = 0

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict:
        assert self.proc.stdout is not None
        length = 0
        while (line := self.proc.stdout.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def wait(self, method: str | None = None, id_: int | None = None) -> dict:
        while True:
            message = self.read()
            if method is not None and message.get("method") == method:
                return message
            if id_ is not None and message.get("id") == id_ and "method" not in message:
                return message

    def request(self, method: str, params: object) -> dict:
        self.id += 1
        self.send({"id": self.id, "method": method, "params": params})
        return self.wait(id_=self.id)

    def close(self) -> None:
        self.request("shutdown", None)
        self.send({"method": "exit", "params": {}})
        self.proc.wait(timeout=10)


def edits(
    root: Path, tree: Path, count: int, full: bool, warm: int = 3
) -> tuple[list[float], float]:
    """Milliseconds from each didChange to its diagnostics, after `warm` untimed edits,
    and the server process's CPU milliseconds per timed edit (its mean, from /proc)."""
    server = Server(root)
    server.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
    server.send({"method": "initialized", "params": {}})
    text = tree.read_text(encoding="utf-8")
    uri = tree.as_uri()
    server.send(
        {
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
            },
        }
    )
    server.wait("textDocument/publishDiagnostics")
    times, cpu = [], 0.0
    for number in range(warm + count):
        if number == warm:
            cpu = cpu_ms(server.proc.pid)
        start = time.perf_counter()
        server.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": number + 2},
                    "contentChanges": [change(text, number, full)],
                },
            }
        )
        server.wait("textDocument/publishDiagnostics")
        if number >= warm:
            times.append((time.perf_counter() - start) * 1000)
    cpu = (cpu_ms(server.proc.pid) - cpu) / count
    server.close()
    return times, cpu


def edited(text: str, number: int) -> str:
    """The text after edit `number`: one character before the first option's label,
    X and Y in turn, so each edit changes the text."""
    return text.replace("label: ", f"label: {'X' if number % 2 else 'Y'}", 1)


def change(text: str, number: int, full: bool) -> dict:
    """Edit `number` as an editor sends it: the range it changes (the first inserts the
    character, the others replace it), or with `full` the whole new text."""
    if full:
        return {"text": edited(text, number)}
    at = text.index("label: ") + len("label: ")
    line = text.count("\n", 0, at)
    column = len(text[text.rfind("\n", 0, at) + 1 : at].encode("utf-16-le")) // 2
    end = column if number == 0 else column + 1
    span = {"start": {"line": line, "character": column}, "end": {"line": line, "character": end}}
    return {"range": span, "text": "X" if number % 2 else "Y"}


def cpu_ms(pid: int) -> float:
    """The CPU time (user and system) process `pid` has used, in milliseconds: NaN
    where there is no /proc to read it from."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def in_process(tree: Path, count: int, warm: int = 3) -> list[float]:
    """CPU milliseconds of the server's own work for each edit (`Workspace.diagnostics`,
    in this process): the same figure with the protocol and the machine's other load
    left out, for a machine that is busy with other work."""
    from signpost.lint.editor import Workspace

    files = Workspace()
    text = tree.read_text(encoding="utf-8")
    times = []
    for number in range(warm + count):
        files.set(tree, edited(text, number))
        start = time.process_time()
        files.diagnostics(tree)
        if number >= warm:
            times.append((time.process_time() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   ({len(times)} edits)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--full", action="store_true", help="send the whole text on each edit")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).parent))
    from bigtree import tree_yaml

    def through(root: Path, tree: Path) -> str:
        times, cpu = edits(root, tree, args.edits, args.full)
        return f"{summary(times)}   server CPU {cpu:5.1f} ms/edit"

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "trees", root / "trees")
        shutil.copytree(REPO / "seeds", root / "seeds")
        largest = root / "trees" / "not-attending.yaml"
        big = root / "trees" / "big.yaml"
        sent = "the whole text" if args.full else "the changed range"
        print(f"through the server (wall clock, didChange with {sent} to publishDiagnostics):")
        print(f"  largest shipped tree     {through(root, largest)}")
        big.write_text(tree_yaml(2000), encoding="utf-8")
        print(f"  a 2,000-node tree        {through(root, big)}")
        print("the server's own work (CPU time of Workspace.diagnostics, in process):")
        big.unlink()
        print(f"  largest shipped tree     {summary(in_process(largest, args.edits))}")
        big.write_text(tree_yaml(2000), encoding="utf-8")
        print(f"  a 2,000-node tree        {summary(in_process(big, args.edits))}")
        print(f"  largest, beside 2,000    {summary(in_process(largest, args.edits))}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
