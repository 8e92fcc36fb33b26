"""The interactive walk: the menu of situations, the questions, the plan, saving it.

Everything here talks through an injected `Terminal` (a rich console and a
prompter), so tests drive it with scripted or piped answers and a recording
console; the CLI builds the real one. Nothing is written to disk unless the
person chooses to save.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.text import Text

from signpost.errors import SaveError, Stopped
from signpost.glossary import Explainer
from signpost.library import Library
from signpost.plan import Plan, default_plan_name, make_plan, save_text
from signpost.prompts import BACK, HELP, QUIT, RESTART, Menu, Prompter
from signpost.walk import Walk

START_TREE = "start"

AFTER_SAVE, AFTER_RESTART, AFTER_BACK, AFTER_QUIT = range(4)
AFTER_OPTIONS = ("Save this plan", "Start again", "Go back and change my last answer", "Quit")


@dataclass
class Terminal:
    console: Console
    prompter: Prompter
    plain: bool = False
    explainer: Explainer | None = None  # the glossary terms this person has been shown

    def explain(self, library: Library, texts: list[str | None]) -> tuple[str, ...]:
        """What the terms on this screen mean, for those the person has not met yet."""
        if self.explainer is None:
            self.explainer = Explainer(library.glossary)
        return tuple(term.sentence for term in self.explainer.explain(texts))


def choose_tree(library: Library, term: Terminal) -> str:
    """The menu of situations; the triage tree ("I'm not sure where to start") comes first."""
    trees = [t for t in library.trees() if t.menu or t.id == START_TREE]
    trees.sort(key=lambda t: t.id != START_TREE)
    if not trees:
        raise Stopped()
    titles = tuple(t.title for t in trees)
    summaries = tuple(t.summary for t in trees)
    choice = term.prompter.choose(
        Menu(
            "What would you like help with?",
            titles,
            (QUIT,),
            descriptions=summaries,
            notes=term.explain(library, [*titles, *summaries]),
        )
    )
    if choice == QUIT:
        raise Stopped()
    return trees[int(choice)].id


def run_walk(
    library: Library,
    tree_id: str,
    term: Terminal,
    *,
    save_to: Path | None = None,
    overwrite: bool = False,
) -> Plan | None:
    """Walk `tree_id` with the person. Returns the last plan shown, or None if they quit first.

    Raises `Stopped` on Ctrl-C or end of input (carrying where the plan was saved,
    if it was); `SaveError` only for `save_to`.
    """
    walk = Walk(library, tree_id)
    _header(walk, term)
    saved: list[Path] = []  # filled by the loop, read if the person stops mid-way
    try:
        return _walk_loop(walk, term, save_to, overwrite, saved)
    except Stopped:
        raise Stopped(saved[-1] if saved else None) from None


def _walk_loop(
    walk: Walk, term: Terminal, save_to: Path | None, overwrite: bool, saved: list[Path]
) -> Plan | None:
    console = term.console
    plan: Plan | None = None
    while True:
        if walk.finished:
            plan = make_plan(walk)
            _show_plan(plan, term)
            if save_to is not None:
                save_text(save_to, plan.to_markdown(), overwrite=overwrite)
                console.print(f"Saved your plan to {save_to}.")
                return plan
            choice = term.prompter.choose(Menu("What would you like to do now?", AFTER_OPTIONS))
            if choice == AFTER_SAVE:
                path = _save_interactively(plan, term)
                if path is not None:
                    saved.append(path)
            elif choice == AFTER_RESTART:
                walk.restart()
                _header(walk, term)
            elif choice == AFTER_BACK:
                walk.back()
            else:
                console.print(Stopped(saved[-1] if saved else None).message)
                return plan
            continue
        question = walk.node
        controls = (
            ((HELP,) if question.help else ())
            + ((BACK, RESTART) if walk.can_go_back else ())
            + (QUIT,)
        )
        number = len(walk.answers) + 1
        labels = tuple(option.label for option in question.options)
        choice = term.prompter.choose(
            Menu(
                question.question,
                labels,
                controls,
                hint=None if term.plain or number == 1 else f"(question {number})",
                notes=term.explain(walk.library, [question.question, *labels]),
            )
        )
        if choice == HELP:
            console.print(
                Text("Why are we asking? ", style="bold").append(
                    Text(question.help or "", style="")
                )
            )
            for note in term.explain(walk.library, [question.help]):
                console.print(Text(note))
        elif choice == BACK:
            walk.back()
        elif choice == RESTART:
            walk.restart()
        elif choice == QUIT:
            console.print(Stopped(saved[-1] if saved else None).message)
            return None
        else:
            walk.choose(int(choice))


def _header(walk: Walk, term: Terminal) -> None:
    tree = walk.first
    if term.plain:
        term.console.print(Text(f"\n{tree.title}\n{tree.summary}"))
    else:
        term.console.print(Text(tree.title, style="bold cyan"))
        term.console.print(Text(tree.summary, style="dim"))
    for note in term.explain(walk.library, [tree.title, tree.summary]):
        term.console.print(Text(note))


def _show_plan(plan: Plan, term: Terminal) -> None:
    if term.plain:
        term.console.print(Text("\n" + plan.to_text()))
        return
    from signpost.render import outcome_screen

    term.console.print()
    term.console.print(outcome_screen(plan, term.console.width))


def _save_interactively(plan: Plan, term: Terminal) -> Path | None:
    """Ask where to save; never replace a file without asking. The path once saved."""
    default = default_plan_name(plan)
    while True:
        answer = term.prompter.text("Save the plan as (a file name or path)", default=default)
        if not answer.strip():
            return None
        path = Path(answer.strip()).expanduser()
        overwrite = False
        if path.exists() and not path.is_dir():
            overwrite = term.prompter.confirm(f"{path} already exists. Replace it?", default=False)
            if not overwrite:
                default = answer
                continue
        try:
            save_text(path, plan.to_markdown(), overwrite=overwrite)
        except SaveError as exc:
            term.console.print(Text(f"Could not save: {exc}"))
            if not term.prompter.confirm("Try another place?", default=True):
                return None
            continue
        term.console.print(Text(f"Saved your plan to {path}. It stays on this computer only."))
        return path
