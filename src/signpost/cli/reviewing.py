"""The commands that check a change to the trees: `test` (scenarios and their coverage,
`--scaffold`) and `diff` (what a change does to a family's walk).
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from signpost.cli.shared import (
    AsOfOption,
    TextJson,
    TreesOption,
    as_of_day,
    echo,
    err,
    handled,
    make_console,
    open_library,
    print_json,
    run_options,
    write_out,
)
from signpost.errors import ExitStatus, UsageError
from signpost.names import DIFF_FORMATS
from signpost.ui.environment import Environment

if TYPE_CHECKING:
    from signpost.reports.diffrecords import Review

SCENARIO_FORMAT = """A scenario file (YAML; docs/commands.md has more):

\b
  tree: alpha
  scenarios:
    - name: in school, not helped        # optional
      answers: {first: "Yes", second: 2} # question id: option label or number
      outcome: call-team                 # or other-tree:node after a link
      title: Call the council team       # optional: the outcome's exact title
      contacts: [dorset-send-team]       # optional: its exact contact ids
      says: ["an honest conversation"]   # optional: phrases the outcome shows
      not_says: ["must"]                 # optional: phrases it must not show

An unknown key, a value of the wrong kind, or an answer for a question the tree does
not have is an error."""


@handled
def test_trees(
    ctx: typer.Context,
    paths_: list[Path] | None = typer.Argument(
        None,
        metavar="[PATHS]...",
        help="Scenario files, or folders of them. Default: the scenarios/ or tests/scenarios/ "
        "folder beside the trees folder.",
    ),
    min_coverage: float | None = typer.Option(
        None,
        "--min-coverage",
        min=0,
        max=100,
        metavar="PCT",
        help="Fail (exit 1) if any tree reported has less than PCT% of its nodes "
        "(questions and outcomes) reached by a scenario.",
    ),
    fmt: TextJson = typer.Option(TextJson.text, "--format", help="text or json."),
    trees: Path | None = TreesOption,
    scaffold: str | None = typer.Option(
        None, "--scaffold", metavar="TREE", help="Print a scenario for each untested route."
    ),
) -> None:
    """Run tree scenarios: each walks a tree with set answers and must reach the outcome it
    names. Reports each scenario, then per tree the nodes and outcomes no scenario reached
    and the routes (`signpost paths`) no scenario walks. Exit 1 if a scenario fails or
    coverage is below --min-coverage.

    \b
    Examples:
      signpost test
      signpost test tests/scenarios/not-attending.yaml --min-coverage 100
      signpost test --scaffold home-education
    """
    from signpost.reports.scenarios import format_report, report_dict, run_tests, scenarios_beside

    library = open_library(ctx, trees)
    if not paths_:
        paths_ = [scenarios_beside(library.trees_dir)]
    if min_coverage is not None and min_coverage != min_coverage:  # NaN passes min= and max=
        raise UsageError("--min-coverage must be a number from 0 to 100")
    report = run_tests(library, list(paths_))
    if scaffold is not None:
        scaffold_scenarios(library, report, scaffold)
        return
    if fmt is TextJson.json:
        print_json(report_dict(report, min_coverage))
    else:
        echo(format_report(report, min_coverage))
    if report.failed or (min_coverage is not None and report.below(min_coverage)):
        raise typer.Exit(int(ExitStatus.FINDINGS))


# The choices of --format, from the one list of them (names.py), so they cannot drift.
DiffFormat = StrEnum("DiffFormat", {name: name for name in DIFF_FORMATS})  # type: ignore[misc]


OldArgument = typer.Argument(
    None, metavar="OLD", help="A trees folder, or a git revision (a branch, tag or commit)."
)

NewArgument = typer.Argument(
    None, metavar="NEW", help="A trees folder, or a git revision, to compare with OLD."
)

StagedOption = typer.Option(
    False, "--staged", help="Compare the last commit (HEAD) with the staged trees."
)

RepoPathOption = typer.Option(
    "trees",
    "--path",
    metavar="PATH",
    help="Where the trees are inside the repository, for revisions (default: trees).",
)

DiffFormatOption = typer.Option(
    DiffFormat("human"),
    "--format",
    help="human (grouped; coloured on a terminal), markdown (for a pull request "
    "comment), json or github (workflow annotations).",
)

ExitCodeOption = typer.Option(
    False, "--exit-code", help="Exit 1 when there are changes, 0 when there are none."
)


class DashDash(typer.core.TyperCommand):
    """A command that notes how many arguments came after `--` (git's way of saying that
    what follows are paths, not revisions), which Click otherwise drops."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["after_dashdash"] = len(args) - args.index("--") - 1 if "--" in args else None
        return super().parse_args(ctx, args)


@handled
def diff(
    ctx: typer.Context,
    old: str | None = OldArgument,
    new: str | None = NewArgument,
    staged: bool = StagedOption,
    path: str = RepoPathOption,
    fmt: DiffFormat = DiffFormatOption,
    exit_code_: bool = ExitCodeOption,
    as_of: str | None = AsOfOption,
) -> None:
    """Show what a change to the trees does to a family's walk: routes added, removed
    or leading elsewhere; questions, options and outcomes changed; contact details
    changed (first, as a wrong number is the worst mistake); ids renamed; review dates.
    Git revisions are read with `git show`: nothing is checked out.

    \b
    Examples:
      signpost diff main HEAD
      signpost diff old-trees/ trees/ --format markdown
      signpost diff --staged
      signpost diff main HEAD --          (revisions, where a folder has the same name)
      signpost diff -- old-trees/ trees/  (folders)
    """
    import datetime as dt

    from signpost.content.revision import RevisionLibrary, here
    from signpost.lint.config import load_config
    from signpost.reports.diff import compare

    before, after, old, new = _diff_sides(old, new, staged, path, ctx.meta.get("after_dashdash"))
    today = as_of_day(as_of, default=dt.date.today())
    revision = isinstance(after, RevisionLibrary)
    settings = load_config(here() if revision else after.trees_dir)
    review = compare(
        before,
        after,
        old_name=old,
        new_name=new,
        today=today,
        stale_after_months=settings.stale_after_months,
    )
    _print_review(review, fmt, run_options(ctx).env)
    if exit_code_ and review.changed:
        raise typer.Exit(int(ExitStatus.FINDINGS))


def _print_review(review: "Review", fmt: DiffFormat, env: Environment) -> None:
    """The diff's review: coloured lines on a terminal (human), else the chosen format."""
    from signpost.reports.diffrender import human_lines, render

    if fmt.value == "human" and env.styled:
        from rich.text import Text

        console = make_console(env, False)
        for line in human_lines(review):
            console.print(Text.assemble(*line), soft_wrap=True)
    else:
        typer.echo(render(review, fmt.value), nl=False)


def _diff_sides(
    old: str | None, new: str | None, staged: bool, path: str, folders: int | None = None
):
    """The two libraries `signpost diff` compares, and their names. `folders` is how many
    of OLD and NEW came after `--` (those are folders, those before it revisions)."""
    from signpost.content.library import Library
    from signpost.content.revision import (
        FOLDER,
        REVISION,
        STAGED,
        RevisionLibrary,
        here,
        is_revision,
        open_side,
        repository,
    )

    if staged:
        if old is not None or new is not None:
            raise UsageError("--staged compares HEAD with the staged trees: give no OLD or NEW")
        repo = repository(here())
        if repo is None:
            raise UsageError("--staged needs a git repository, and this folder is not in one")
        if not is_revision(repo, "HEAD"):
            raise UsageError(
                "--staged compares HEAD with the staged trees, and there is no commit yet",
                hint="Commit once, or compare two folders.",
            )
        before: Library = open_side("HEAD", path, as_=REVISION)  # git objects only
        return before, RevisionLibrary(repo, STAGED, path), "HEAD", "staged"
    if old is None or new is None:
        raise UsageError(
            "give two trees folders or two git revisions to compare",
            hint="For example: signpost diff main HEAD",
        )
    kinds = [None, None] if folders is None else [REVISION] * (2 - folders) + [FOLDER] * folders
    return open_side(old, path, as_=kinds[0]), open_side(new, path, as_=kinds[1]), old, new


def scaffold_scenarios(library: Any, report: Any, tree_id: str) -> None:
    """`signpost test --scaffold TREE`: a scenario for each route of TREE no scenario
    walks, on standard output: a whole file if TREE has no scenarios yet, else the
    items to add under its file's `scenarios:`; what to do with it on standard error."""
    from signpost.reports.scenarios import scaffold
    from signpost.words import count

    library.tree(tree_id)  # an unknown tree is a usage error, with "did you mean"
    tested = sorted({r.scenario.file for r in report.results if r.scenario.tree == tree_id})
    files = tested or report.files_of(tree_id)
    text = scaffold(library, tree_id, report.results, whole=not tested)
    if not text:
        err(f"Every route of {tree_id} is walked by a scenario: nothing to add.")
        return
    write_out(text)
    made = count(text.count("\n  - name: ") + text.startswith("  - name: "), "scenario")
    if tested:
        err(f"{made} for the untested routes: add under `scenarios:` in {files[0]}.")
    elif files:  # `scenarios: []`: items cannot go under it, and a second `tree:` clashes
        err(f"{made} for the untested routes: replace what {files[0]} holds with it.")
    else:
        err(f"{made} for the untested routes: save as scenarios/{tree_id}.yaml.")
