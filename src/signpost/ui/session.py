"""The interactive walk: the menu of situations, the questions, the plan, saving it.

Everything here talks through an injected `Terminal` (a rich console and a
prompter), so tests drive it with scripted or piped answers and a recording
console; the CLI builds the real one. Nothing is written to disk unless the
person chooses to save.

The flow, screen by screen: the menu of situations (when the walk began there),
then the questions, each with the keys to go back, change an answer, start again
or quit; then the plan's first screen (title, urgent routes, steps, contacts), a
page at a time if it is taller than the terminal, with a bar of what to do next:
carry on after an urgent outcome, save, see where the steps come from, see or
change the answers. Start again goes back to where the walk began.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.segment import Segment, Segments
from rich.text import Text

from signpost.content.glossary import Explainer
from signpost.content.library import START_TREE, Library
from signpost.content.model import Question
from signpost.errors import Interrupted, SaveError, Stopped, TreeError
from signpost.safetext import rich_text
from signpost.ui.menu import (
    ANSWERS,
    BACK,
    HELP,
    KEEP,
    MENU,
    QUIT,
    RESTART,
    SHORT,
    Menu,
    Prompter,
    bar_height,
)
from signpost.ui.tell import TELL, TELL_LABEL, TELL_SUMMARY, Chosen, tell_us
from signpost.walk.state import Walk

if TYPE_CHECKING:  # the plan, its text and saving are imported once a walk reaches a plan,
    # so the first question (the menu's or a tree's) is drawn without them
    from rich.console import Console, RenderableType

    from signpost.walk.plan import Plan

# What the bar under the plan offers (its options; Back, Start again and Quit are controls).
READ_ON, BACK_PAGE, CARRY_ON, SAVE, SOURCES = "read on", "page back", "carry on", "save", "sources"
AFTER_LABELS = {
    READ_ON: "Read on",
    BACK_PAGE: "Page back",
    CARRY_ON: "My child is safe now: carry on",
    SAVE: "Save this plan",
    SOURCES: "Where this comes from",
}
AFTER_KEYS = {READ_ON: "", BACK_PAGE: "p", CARRY_ON: "c", SAVE: "s", SOURCES: "w"}
# on a short terminal, so the plan's first page keeps its urgent box in view
AFTER_SHORT = {
    READ_ON: "More",
    BACK_PAGE: "Back a page",
    CARRY_ON: "Safe now: carry on",
    SAVE: "Save",
    SOURCES: "Sources",
}


class Terminal:
    """Where the walk is shown and answered: a rich console and a prompter."""

    __slots__ = ("console", "explainer", "plain", "prompter")

    def __init__(self, console: Console, prompter: Prompter, plain: bool = False) -> None:
        self.console = console
        self.prompter = prompter
        self.plain = plain
        self.explainer: Explainer | None = None  # the glossary terms this person has been shown

    def explain(self, library: Library, texts: list[str | None]) -> tuple[str, ...]:
        """What the terms on this screen mean, for those the person has not met yet."""
        if self.explainer is None:
            self.explainer = Explainer(library.glossary)
        return tuple(term.sentence for term in self.explainer.explain(texts))


class _State:
    """What one run of the program remembers across walks: where a plan was saved."""

    __slots__ = ("saved",)

    def __init__(self) -> None:
        self.saved: list[Path] = []

    @property
    def last(self) -> Path | None:
        return self.saved[-1] if self.saved else None


def goodbye(saved: Path | None) -> str:
    """The calm line when a person quits on purpose."""
    if saved:
        return f"Goodbye. Your plan is saved in {saved}."
    return "Goodbye. Nothing you answered was stored or sent."


def choose_tree(library: Library, term: Terminal, current: str | None = None) -> str | None:
    """The menu of situations; the triage tree ("I'm not sure where to start") comes first.
    The cursor starts on `current`, the situation the person came back from, if given.

    None if the person quits.
    """
    from signpost.content.library import broken_line

    usable, broken = library.usable_trees()
    for file in broken:
        term.console.print(rich_text(broken_line(file), style="yellow"))
    trees = library.menu_trees(usable)
    trees.sort(key=lambda t: t.id != START_TREE)
    if not trees:
        raise TreeError(
            f"there are no trees to choose from in {library.trees_dir}",
            hint="Check --trees or SIGNPOST_TREES.",
        )
    titles = tuple(t.title for t in trees)
    summaries = tuple(t.summary for t in trees)
    choice = term.prompter.choose(
        Menu(
            "What would you like help with?",
            (*titles, TELL_LABEL),  # and, beside the list, a sentence (ui/tell.py)
            (QUIT,),
            descriptions=(*summaries, TELL_SUMMARY),
            # the words of the titles: a summary shows under the list only for the one
            # pointed at, and explaining every summary's words would fill the screen
            notes=term.explain(library, list(titles)),
            default=len(trees)
            if current == TELL
            else next((n for n, t in enumerate(trees) if t.id == current), None),
        )
    )
    if choice == QUIT:
        return None
    return TELL if choice == len(trees) else trees[int(choice)].id


def run_menu(library: Library, term: Terminal) -> Plan | None:
    """The menu of situations and the walks chosen from it, until the person quits."""
    state = _State()
    plan: Plan | None = None
    tree_id: str | None = None
    try:
        while True:
            tree_id = choose_tree(library, term, tree_id)
            answers: tuple[int, ...] = ()
            if tree_id == TELL:
                told = tell_us(library, term)
                if told == MENU:
                    continue
                tree_id, answers = told if isinstance(told, Chosen) else (None, ())
            if tree_id is None:
                term.console.print(rich_text(goodbye(state.last)))
                return plan
            plan, again = _run(library, tree_id, term, state, from_menu=True, answers=answers)
            if not again:
                return plan
    except Stopped as exc:
        raise type(exc)(state.last) from None
    except SystemExit as exc:
        raise _closed_pipe(exc) from None


def run_walk(
    library: Library,
    tree_id: str,
    term: Terminal,
    *,
    save_to: Path | None = None,
    overwrite: bool = False,
) -> Plan | None:
    """Walk `tree_id` with the person. Returns the last plan shown, or None if they quit first.

    Raises `Stopped` on Ctrl-C or end of input at a question (carrying where the
    plan was saved, if it was); `SaveError` only for `save_to`.
    """
    state = _State()
    try:
        return _run(library, tree_id, term, state, save_to=save_to, overwrite=overwrite)[0]
    except Stopped as exc:
        raise type(exc)(state.last) from None
    except SystemExit as exc:
        raise _closed_pipe(exc) from None


def _closed_pipe(exc: SystemExit) -> BaseException:
    """rich exits when the reader of a pipe has gone: give the handler the BrokenPipeError
    behind it (exit 141), and any other exit as it was."""
    return exc.__context__ if isinstance(exc.__context__, BrokenPipeError) else exc


def _run(
    library: Library,
    tree_id: str,
    term: Terminal,
    state: _State,
    *,
    from_menu: bool = False,
    save_to: Path | None = None,
    overwrite: bool = False,
    answers: tuple[int, ...] = (),
) -> tuple[Plan | None, bool]:
    """One walk, first giving `answers` (option indexes) if any. Returns the last plan
    shown and whether to go back to the menu."""
    walk = Walk(library, tree_id)
    for index in answers:  # straight to a plan chosen from a sentence (ui/tell.py)
        walk.choose(index)
    _header(walk, term)
    plan: Plan | None = None
    cursor: int | str | None = None  # where the next question's cursor starts
    while True:
        if not walk.finished:
            leave, cursor = _at_question(walk, term, state, cursor, from_menu)
            if leave is not None:
                return (plan if leave == MENU else None), leave == MENU
            continue
        from signpost.walk.plan import make_plan

        plan = make_plan(walk)
        if save_to is not None:
            from signpost.savefile import save_text

            _show_whole(plan, term)
            save_text(save_to, _saved_text(plan, save_to, walk.library), overwrite=overwrite)
            term.console.print(rich_text(f"Saved your plan to {save_to.resolve()}."))
            return plan, False
        leave, cursor = _at_plan(walk, plan, term, state, from_menu)
        if leave is not None:
            return plan, leave == MENU


# What a step of the walk asks of `_run`: stay (None), back to the menu (MENU), or end (QUIT);
# and where the next question's cursor starts.
_Step = tuple[str | None, int | str | None]


def _at_question(
    walk: Walk, term: Terminal, state: _State, cursor: int | str | None, from_menu: bool
) -> _Step:
    """Ask the question the walk is at, and act on the answer or control chosen."""
    question = walk.node
    assert isinstance(question, Question)  # the walk is not at an outcome
    choice = term.prompter.choose(_question_menu(walk, question, term, cursor, from_menu))
    if choice == HELP:
        term.console.print(
            Text("Why are we asking? ", style="bold").append(rich_text(question.help or ""))
        )
        for note in term.explain(walk.library, [question.help]):
            term.console.print(rich_text(note))
        return None, (None if cursor == HELP else cursor)  # back on the options, not on "?"
    if choice == BACK:
        return None, walk.back().choice
    if choice == ANSWERS:
        picked = _choose_answer(walk, term)
        return None, (None if picked is None else walk.change(picked).choice)
    if choice == MENU or (choice == RESTART and from_menu):
        return MENU, None
    if choice == RESTART:
        walk.restart()
    elif choice == QUIT:
        term.console.print(rich_text(goodbye(state.last)))
        return QUIT, None
    else:
        before = walk.tree.id
        walk.choose(int(choice))
        if walk.tree.id != before:  # into another situation: say so, as the site's caption does
            term.console.print(rich_text(f"This continues in: {walk.tree.title}", style="bold"))
    return None, None


def _question_menu(
    walk: Walk, question: Question, term: Terminal, cursor: int | str | None, from_menu: bool
) -> Menu:
    """The question on screen, with the controls that apply at this point of the walk."""
    controls: tuple[str, ...] = (HELP,) if question.help else ()
    if walk.can_go_back:
        controls += ((ANSWERS,) if len(walk.answers) > 1 else ()) + (BACK, RESTART)
    elif from_menu:
        controls += (MENU,)
    number = len(walk.answers) + 1
    labels = tuple(option.label for option in question.options)
    return Menu(
        question.question,
        labels,
        controls + (QUIT,),
        hint=None if term.plain or number == 1 else f"(question {number})",
        default=cursor,
        notes=term.explain(walk.library, [question.question, *labels]),
    )


def _at_plan(walk: Walk, plan: Plan, term: Terminal, state: _State, from_menu: bool) -> _Step:
    """Show the plan, and act on where the person goes next."""
    action = _after_plan(walk, plan, term, state)
    if action == QUIT:
        term.console.print(rich_text(goodbye(state.last)))
        return QUIT, None
    if action == RESTART:
        if from_menu:
            return MENU, None
        walk.restart()
        _header(walk, term)
        return None, None
    if action == BACK:
        return None, walk.back().choice
    if action == CARRY_ON:
        return None, walk.carry_on()
    return None, walk.change(int(action)).choice  # the number of an answer to change


def _header(walk: Walk, term: Terminal) -> None:
    tree = walk.first
    if term.plain:
        term.console.print(rich_text(f"\n{tree.title}\n{tree.summary}"))
    else:
        term.console.print(rich_text(tree.title, style="bold cyan"))
        term.console.print(rich_text(tree.summary, style="dim"))
    for note in term.explain(walk.library, [tree.title, tree.summary]):
        term.console.print(rich_text(note))


def _choose_answer(walk: Walk, term: Terminal) -> int | None:
    """ "Your answers": the one to change (0-based), or None to keep them all."""
    answers = tuple(f"{a.question} \u2014 {a.said}" for a in walk.answers)
    choice = term.prompter.choose(Menu("Your answers. Choose one to change it.", answers, (KEEP,)))
    return choice if isinstance(choice, int) else None


def plan_pages(plan: Plan, term: Terminal, bar: Menu | None = None) -> list[list[list[Segment]]]:
    """The plan's first screen cut into pages that fit above the bar (rich mode)."""
    from signpost.ui.screens import plan_screen, plan_top

    console = term.console
    lines = console.render_lines(plan_screen(plan, console.width), pad=False)
    while lines and not "".join(s.text for s in lines[-1]).strip():
        lines.pop()
    short = console.height < SHORT
    reserve = 1 + (bar_height(bar, console.width, short) if bar else 3)
    size = max(4, console.height - reserve)
    # the first page holds the title and the whole urgent box, whatever the terminal's size
    first = max(size, len(console.render_lines(plan_top(plan, console.width), pad=False)))
    pages = [lines[:first]] + [lines[n : n + size] for n in range(first, len(lines), size)]
    return [page for page in pages if page] or [[]]


def _show(term: Terminal, page: list[list[Segment]] | None, plan: Plan) -> None:
    if page is None:
        from signpost.walk import plantext

        term.console.print(Text("\n" + plantext.first_screen_text(plan).rstrip("\n")))
        return
    term.console.print(Segments([s for line in page for s in (*line, Segment.line())]), end="")


def _show_whole(plan: Plan, term: Terminal) -> None:
    from signpost.ui.screens import outcome_screen
    from signpost.walk import plantext

    _print(term, outcome_screen(plan, term.console.width), plantext.text(plan))


def _print(term: Terminal, renderable: RenderableType, text: str) -> None:
    term.console.print(Text("\n" + text.rstrip("\n")) if term.plain else renderable)


def _after_plan(walk: Walk, plan: Plan, term: Terminal, state: _State) -> int | str:
    """Show the plan and the bar under it until the person picks where to go next.

    Returns QUIT, RESTART, BACK, CARRY_ON or the number of an answer to change.
    End of input here ends like Quit: the plan has been shown.
    """
    pages: list[list[list[Segment]] | None] = [None]
    if not term.plain:
        pages = list(plan_pages(plan, term, _plan_bar(walk, plan, 1, 9)[1]))
        term.console.print()
    page = 0
    _show(term, pages[0], plan)
    while True:
        actions, menu = _plan_bar(walk, plan, page, len(pages))
        try:
            choice = term.prompter.choose(menu)
        except Interrupted:
            raise
        except Stopped:  # end of input once the plan is shown: as Quit
            return QUIT
        if isinstance(choice, int):
            action = actions[choice]
            if action in (READ_ON, BACK_PAGE):
                page += 1 if action == READ_ON else -1
                _show(term, pages[page], plan)
            elif action == CARRY_ON:
                return CARRY_ON
            else:
                _save_or_sources(action, plan, term, state, walk.library)
        elif choice == ANSWERS:
            picked = _choose_answer(walk, term)
            if picked is not None:
                return picked
        else:
            return choice


def _plan_bar(walk: Walk, plan: Plan, page: int, pages: int) -> tuple[tuple[str, ...], Menu]:
    """The bar under page `page` of the plan: its actions, and the menu that offers them."""
    more = page + 1 < pages
    urgent = plan.outcome.urgent and walk.can_go_back
    actions = ((READ_ON,) if more else ()) + ((BACK_PAGE,) if page else ())
    actions += (CARRY_ON,) if urgent else ()
    actions += (SAVE, SOURCES)
    return actions, Menu(
        f"Page {page + 1} of {pages}. What next?" if more else "What next?",
        tuple(AFTER_LABELS[a] for a in actions),
        ((ANSWERS,) if plan.answers else ())
        + ((BACK,) if walk.can_go_back else ())
        + (RESTART, QUIT),
        keys=tuple(AFTER_KEYS[a] for a in actions),
        short=tuple(AFTER_SHORT[a] for a in actions),
        compact=True,
        # Enter reads on; on the last page it saves (never leaves the urgent box by habit)
        default=actions.index(READ_ON if more else SAVE),
    )


def _save_or_sources(
    action: str, plan: Plan, term: Terminal, state: _State, library: Library
) -> None:
    """Save the plan (SAVE) or show where its steps come from (SOURCES)."""
    if action == SAVE:
        path = _save_interactively(plan, term, library)
        if path is not None:
            state.saved.append(path)
    else:
        from signpost.ui.screens import sources_screen
        from signpost.walk import plantext

        _print(term, sources_screen(plan), plantext.sources_text(plan))


def _save_interactively(plan: Plan, term: Terminal, library: Library) -> Path | None:
    """Ask where to save; never replace a file without asking. The full path once saved.

    Ctrl-C at any of these prompts cancels the save only.
    """
    try:
        return _ask_and_save(plan, term, library)
    except Interrupted:
        term.console.print(Text("Not saved."))
        return None


def _ask_and_save(plan: Plan, term: Terminal, library: Library) -> Path | None:
    from signpost.savefile import save_text
    from signpost.walk.plan import default_plan_path

    default = str(default_plan_path(plan))
    while True:
        answer = term.prompter.text("Save the plan as (a file name or path)", default=default)
        if not answer.strip():
            return None
        path = Path(answer.strip()).expanduser().absolute()
        overwrite = False
        if path.exists() and not path.is_dir():
            overwrite = term.prompter.confirm(f"{path} already exists. Replace it?", default=False)
            if not overwrite:
                default = answer
                continue
        try:
            save_text(path, _saved_text(plan, path, library), overwrite=overwrite)
        except (SaveError, TreeError) as exc:  # TreeError: a web page from unsafe trees
            term.console.print(rich_text(f"Could not save: {exc}"))
            if not term.prompter.confirm("Try another place?", default=True):
                return None
            continue
        term.console.print(rich_text(f"Saved your plan to {path}. It stays on this computer only."))
        return path


def _saved_text(plan: Plan, path: Path, library: Library) -> str:
    """The saved plan: a web page only from trees that pass the rules that protect a
    family, as `signpost site` and `run --save x.html` (`require_safe`); else Markdown."""
    from signpost.reports.site import require_safe, saved_text  # Jinja2 only once saved

    if path.suffix.lower() in (".html", ".htm"):
        require_safe(library)
    return saved_text(plan, path)
