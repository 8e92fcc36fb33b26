"""`signpost lint`: its options, `--explain`, `--list-rules` and the settings in force;
a run itself is `lintrun`.
"""

from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from signpost.cli.lintrun import LintExtras, lint_run
from signpost.cli.shared import (
    AsOfOption,
    SeedsOption,
    TreesOption,
    as_of_day,
    complete_rules,
    default_trees,
    env_path,
    handled,
    print_json,
    run_options,
)
from signpost.errors import ExitStatus, UsageError
from signpost.names import LINT_FORMATS, SEEDS_ENV

# The choices of --format, from the one list of them (names.py), so they cannot drift.
LintFormat = StrEnum("LintFormat", {name: name for name in LINT_FORMATS})  # type: ignore[misc]


LintPaths = typer.Argument(
    None,
    metavar="[PATHS]...",
    show_default=False,
    help="Tree files or folders of trees (default: the trees folder).",
)

LintFormatOption = typer.Option(
    None,
    "--format",
    show_default=False,
    help="human (grouped, with the source line; the default on a terminal), concise "
    "(one `file:line:col: severity [rule] message` line each; the default otherwise), "
    "json, github (workflow annotations) or sarif (SARIF 2.1.0, for code scanning).",
)

ExplainOption = typer.Option(
    None,
    "--explain",
    metavar="RULE",
    help="Print the documentation of one rule and exit.",
    autocompletion=complete_rules,
)

ConfigOption = typer.Option(
    None,
    "--config",
    metavar="FILE",
    help="Settings file (default: the nearest .signpost.toml, or pyproject.toml with "
    "[tool.signpost.lint], upward from the first path).",
)

StdinFilenameOption = typer.Option(
    None, "--stdin-filename", metavar="FILE", help="With `-`: lint standard input as FILE."
)

SelectOption = typer.Option(
    None,
    "--select",
    metavar="RULES",
    help="Report only these rules or groups (a,b).",
    autocompletion=complete_rules,
)

IgnoreOption = typer.Option(
    None,
    "--ignore",
    metavar="RULES",
    help="Leave out these rules or groups (a,b).",
    autocompletion=complete_rules,
)

StatisticsOption = typer.Option(
    False, "--statistics", help="Count the findings of each rule instead of listing them."
)

ExitZeroOption = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings.")

OutputOption = typer.Option(
    None, "-o", "--output-file", metavar="FILE", help="Write the report to FILE."
)

FixOption = typer.Option(
    False, "--fix", help="Make the safe fixes (each single `did you mean`) in the files."
)

DiffOption = typer.Option(False, "--diff", help="Show the safe fixes as a diff; change nothing.")

WatchOption = typer.Option(False, "--watch", help="Lint again whenever a file changes.")


@handled
def lint(
    ctx: typer.Context,
    paths: list[Path] | None = LintPaths,
    fmt: LintFormat | None = LintFormatOption,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    explain: str | None = ExplainOption,
    list_rules: bool = typer.Option(False, "--list-rules", help="List the rules and exit."),
    as_of: str | None = AsOfOption,
    seeds: Path | None = SeedsOption,
    config: Path | None = ConfigOption,
    trees: Path | None = TreesOption,
    stdin_filename: Path | None = StdinFilenameOption,
    select: list[str] | None = SelectOption,
    ignore: list[str] | None = IgnoreOption,
    statistics: bool = StatisticsOption,
    exit_zero: bool = ExitZeroOption,
    output: Path | None = OutputOption,
    fix: bool = FixOption,
    diff: bool = DiffOption,
    watch: bool = WatchOption,
) -> None:
    """Check trees and the contacts catalogue, as a compiler would. `-` reads a tree
    from standard input. Exit 0 when clean, 1 on errors (or warnings with --strict),
    2 for a usage error.

    \b
    Examples:
      signpost lint
      signpost lint trees/not-attending.yaml --format concise
      signpost lint --explain quote-not-found
      signpost lint --fix
      cat trees/start.yaml | signpost lint - --stdin-filename trees/start.yaml
    """
    if explain is not None:
        _explain_rule(explain)
        return
    fmt_name = fmt.value if fmt is not None else None
    options = run_options(ctx)
    folder = trees or options.trees or default_trees()
    extras = LintExtras(
        stdin_filename, select, ignore, statistics, exit_zero, output, fix, diff, watch, folder
    )
    _check_options(fmt_name, paths, extras)
    if list_rules:
        where = (paths or [folder])[0]
        _list_rules(fmt_name, lint_settings(where, None, seeds, config).severities)
        return
    paths = paths or [folder]
    anchor = (stdin_filename or folder) if str(paths[0]) == "-" else paths[0]
    settings = lint_settings(anchor, as_of_day(as_of), seeds, config)
    if lint_run(paths, fmt_name, strict, settings, options.env, extras):
        raise typer.Exit(int(ExitStatus.FINDINGS))


def _check_options(fmt: str | None, paths: list[Path] | None, extras: LintExtras) -> None:
    """Options that cannot mean anything together, or name nothing, are usage errors
    (rather than one quietly winning)."""
    stdin = [str(p) for p in paths or []] == ["-"]
    if extras.fix and extras.diff:
        raise UsageError("--fix and --diff do not go together: --diff shows what --fix would do")
    if extras.watch and stdin:
        raise UsageError("--watch needs files to watch, not standard input")
    if extras.statistics and fmt not in (None, "human", "concise"):
        raise UsageError(
            f"--statistics prints a table; it does not go with --format {fmt}",
            hint="Leave out one of them.",
        )
    name = extras.stdin_filename
    if name is not None and not stdin:
        raise UsageError("--stdin-filename goes with `-` (read the tree from standard input)")
    if name is not None and (not name.name or name.is_dir()):
        raise UsageError(
            f"--stdin-filename `{name}` names a folder, not a file",
            hint="Give the tree's file name, e.g. trees/my-tree.yaml.",
        )


def _explain_rule(name: str) -> None:
    """`signpost lint --explain RULE`: the rule's documentation."""
    from signpost.lint.registry import RULES, explain

    if name not in RULES:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"there is no lint rule called `{name}`",
            hint=did_you_mean(name, RULES, sentence=True)
            or "Run `signpost lint --list-rules` to see them.",
        )
    typer.echo(explain(name), nl=False)


def _list_rules(fmt: str | None, set_here: dict[str, str]) -> None:
    """`signpost lint --list-rules`: a table, or JSON with `--format json`, each rule with
    the severity in force here (the settings file's, else its default)."""
    from signpost.lint.registry import RULES

    if fmt == "json":
        from signpost.lint.formats import docs_ref

        rules = [
            {
                "name": r.name,
                "group": r.group,
                "severity": r.severity.value,
                "in_force": set_here.get(r.name, r.severity.value),
                "summary": r.summary,
                "docs": docs_ref(r.name),
            }
            for r in RULES.values()
        ]
        print_json({"version": 1, "rules": rules})
        return
    if fmt is not None and fmt != "human":
        raise UsageError(f"--list-rules prints a table, or JSON with --format json, not {fmt}")
    width = max(len(name) for name in RULES)
    for rule in RULES.values():
        level = set_here.get(rule.name, rule.severity.value)
        note = (
            f" (default {rule.severity.value}; set in your settings)"
            if level != rule.severity.value
            else ""
        )
        typer.echo(f"{rule.name:<{width}}  {level:<7}  {rule.summary}{note}")


def lint_settings(anchor: Path, day: Any, seeds: Path | None, config: Path | None) -> Any:
    """The lint settings for files under `anchor`, with the command line's overrides."""
    from signpost.lint.config import load_config

    settings = load_config(anchor, config).with_overrides(as_of=day, seeds=seeds)
    if settings.seeds is None:
        settings = settings.with_overrides(seeds=env_path(SEEDS_ENV))
    return settings
