"""The plan a walk ends at: steps, contacts and sources resolved, as data and as Markdown.

A `Plan` is what every output is made from: the rich screen, the plain-text
screen, `--format json` and the saved Markdown file, so they cannot disagree.
Saving is atomic and never replaces an existing file unless asked to.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from signpost import __version__, safetext
from signpost.content.glossary import Explainer, Term
from signpost.content.library import Library
from signpost.content.model import Contact, Outcome, Tree
from signpost.content.sources import About, long_date
from signpost.errors import SaveError, TreeError
from signpost.walk.state import Answer, Walk


class CitedStep(NamedTuple):
    number: int
    text: str
    doc: str
    doc_title: str
    passage: str  # as published in the document
    line: int  # 1-based line of the passage in the document
    about: About | None = None  # who published the document, what kind, its date
    who: str | None = None  # "Define Fine, a parent-led group": shown beside the step
    says: str | None = None  # "Define Fine, a parent-led group, says": before the passage

    @property
    def marker(self) -> str:
        """`[1: Define Fine, a parent-led group]`, or `[1]` for a document not described."""
        return f"[{self.number}: {self.who}]" if self.who else f"[{self.number}]"

    @property
    def source_name(self) -> str:
        """The document as a family sees it: its title and publisher, never its file name."""
        publisher = self.about.publisher if self.about else ""
        if publisher and publisher.casefold() not in self.doc_title.casefold():
            return f"{self.doc_title}, published by {publisher}"
        return self.doc_title

    @property
    def quoted(self) -> str:
        """The passage in quotation marks, after who says it when that is known."""
        passage = f"\u201c{self.passage}\u201d"
        return f"{self.says}: {passage}" if self.says else passage

    def to_dict(self) -> dict:
        about = self.about
        return {
            "number": self.number,
            "text": self.text,
            "source": {
                "doc": self.doc,
                "title": self.doc_title,
                "quote": self.passage,
                "line": self.line,
                "publisher": about.publisher if about else None,
                "kind": about.kind if about else None,
                "date": about.date.isoformat() if about and about.date else None,
                "who": self.who,
            },
        }


# The parts of a plan, in order; the first screen is what a person needs at once.
# The steps come before the words they use are explained: on a small screen the steps
# are what must show first, and the explanations are still on the same screen.
PARTS = ("title", "urgent", "intro", "steps", "terms", "contacts", "sources", "answers", "footer")
FIRST_SCREEN = ("title", "urgent", "intro", "steps", "terms", "contacts")


def dates_note(reviewed: dt.date, steps: tuple[CitedStep, ...]) -> str:
    """What the dates mean, for the foot of a plan: when the guide was checked, and the
    dates the cited documents give for themselves (most give none)."""
    note = (
        f"About the dates: this guide was last checked against its sources on "
        f"{long_date(reviewed)}. That is not when the sources were written."
    )
    dated: dict[str, dt.date] = {}
    undated = False
    for step in steps:
        if step.about is not None and step.about.date is not None:
            dated.setdefault(step.doc_title, step.about.date)
        else:
            undated = True
    for title, date in dated.items():
        note += f" \u201c{title}\u201d is from {long_date(date)}."
    if undated:
        note += (
            " The other sources give no date, so things may have changed since."
            if dated
            else " The sources give no date of their own, so things may have changed since."
        )
    return note + " Check with a service before you rely on it."


class Plan(NamedTuple):
    tree: Tree  # the tree the person chose
    outcome_tree: Tree  # the tree the outcome is in (differs after a cross-tree link)
    outcome: Outcome
    steps: tuple[CitedStep, ...]
    contacts: tuple[Contact, ...]
    answers: tuple[Answer, ...]
    made: dt.date
    terms: tuple[Term, ...] = ()  # glossary terms the plan uses and does not spell out
    # The national emergency routes, kept at the top of a plan reached by carrying on
    # after an urgent answer: the person told us their child may be at risk.
    safety: tuple[Contact, ...] = ()

    @property
    def urgent_contacts(self) -> tuple[Contact, ...]:
        return split_contacts(self.outcome, self.contacts)[0] or self.safety

    @property
    def urgent_title(self) -> str:
        return urgent_title(self.outcome, self.safety)

    @property
    def other_contacts(self) -> tuple[Contact, ...]:
        return split_contacts(self.outcome, self.contacts)[1]

    def to_dict(self) -> dict:
        return {
            "version": 1,
            "tree": self.tree.id,
            "situation": self.tree.title,
            "outcome": {
                "id": self.outcome.id,
                "tree": self.outcome_tree.id,
                "title": self.outcome.title,
                "intro": self.outcome.intro,
                "urgent": self.outcome.urgent,
            },
            "terms": [t.to_dict() for t in self.terms],
            "steps": [s.to_dict() for s in self.steps],
            "contacts": [contact_dict(c) for c in self.contacts],
            "path": [answer_dict(a) for a in self.answers],
            "at_risk": bool(self.safety) or self.outcome.urgent,
            "reviewed": self.outcome_tree.reviewed.isoformat(),
            "about_dates": dates_note(self.outcome_tree.reviewed, self.steps),
            "date": self.made.isoformat(),
        }

    def to_markdown(self) -> str:
        """The plan as Markdown: what is saved, and what `--format markdown` prints."""
        return self._lines(markdown=True)

    def to_text(self) -> str:
        """The plan as plain text with no markup, for `--plain` and screen readers.

        The same content as the Markdown, without `#`, `**` and `-` marks that a
        screen reader would read aloud. On screen a source is named by its title;
        the saved Markdown and the JSON also give its file and line.
        """
        return self._lines(markdown=False)

    def first_screen_text(self) -> str:
        """Plain text of what a person needs at once: up to and including the contacts."""
        return self._lines(markdown=False, parts=FIRST_SCREEN)

    def sources_text(self) -> str:
        return self._lines(markdown=False, parts=("sources",))

    def answers_text(self) -> str:
        return self._lines(markdown=False, parts=("answers",))

    def _lines(self, markdown: bool, parts: tuple[str, ...] = PARTS) -> str:
        # Every piece of tree (and source) text goes through `t`: literal Markdown in the
        # Markdown, and no control character or bidi override in either.
        style = PLAN_MARKDOWN if markdown else PLAN_TEXT
        t = style.escape
        lines: list[str] = []
        if "title" in parts:
            title = t(self.outcome.title)
            lines += [f"# {title}" if markdown else title, ""]
            lines += [f"Situation: {t(self.tree.title)}", f"Date: {self.made.isoformat()}", ""]
        lines += outcome_lines(
            self.outcome,
            self.steps,
            self.contacts,
            style,
            terms=self.terms,
            parts=parts,
            safety=self.safety,
        )
        if self.answers and "answers" in parts:
            lines += style.head("Your answers")
            lines += [
                f"{style.bullet}{t(a.question)} {style.strong(t(a.said))}" for a in self.answers
            ]
            lines.append("")
        if "footer" in parts:
            lines.append(t(dates_note(self.outcome_tree.reviewed, self.steps)))
            lines.append("")
            lines.append(
                f"Made with signpost {__version__}, which stores and sends nothing unless you "
                "save the plan."
            )
        return "\n".join(lines).rstrip("\n") + "\n"


URGENT_TITLE = "First, if your child is at risk right now"
CARRIED_TITLE = "You told us your child may be at risk"


def urgent_title(outcome: Outcome, safety: tuple[Contact, ...]) -> str:
    """The heading of the urgent box: an urgent outcome's, or a carried-on plan's."""
    return CARRIED_TITLE if safety and not outcome.urgent else URGENT_TITLE


def answer_dict(a: Answer) -> dict:
    """One answer as `--format json` gives it: what was said, and any carry-on after it."""
    found: dict = {"tree": a.tree, "node": a.node, "question": a.question, "answer": a.label}
    if a.then is not None:
        found["carried_on"] = True
        found["then"] = a.then_label
    return found


def split_contacts(
    outcome: Outcome, contacts: tuple[Contact, ...]
) -> tuple[tuple[Contact, ...], tuple[Contact, ...]]:
    """The contacts to call at once (the national ones, on an urgent outcome) and the rest."""
    urgent = tuple(c for c in contacts if c.national) if outcome.urgent else ()
    return urgent, tuple(c for c in contacts if c not in urgent)


class Style(NamedTuple):
    """How an outcome is written out: a plan's Markdown, a plan's plain text, a booklet."""

    escape: Callable[[str], str]  # safetext.markdown or safetext.terminal: every tree text
    heading: tuple[str, ...]  # the lines of a heading, `{}` standing for its words
    bullet: str  # before each item of a list: "- ", or nothing
    bold: str  # around a name: "**", or nothing
    steps_heading: bool  # "What to do next" above the numbered steps
    source_on_one_line: bool  # passage and document on one line, or the document below
    source_file: bool  # name the document's file and line beside its title

    def head(self, words: str) -> list[str]:
        return [line.format(words) for line in self.heading]

    def strong(self, text: str) -> str:
        return f"{self.bold}{text}{self.bold}"


PLAN_MARKDOWN = Style(
    safetext.markdown,
    ("## {}", ""),
    "- ",
    "**",
    steps_heading=True,
    source_on_one_line=False,
    source_file=False,
)
PLAN_TEXT = Style(
    safetext.terminal,
    ("{}:",),
    "",
    "",
    steps_heading=True,
    source_on_one_line=False,
    source_file=False,
)
OUTCOME_PARTS = ("urgent", "intro", "steps", "terms", "contacts", "sources")


def outcome_lines(
    outcome: Outcome,
    steps: tuple[CitedStep, ...],
    contacts: tuple[Contact, ...],
    style: Style,
    *,
    terms: tuple[Term, ...] = (),
    parts: tuple[str, ...] = OUTCOME_PARTS,
    safety: tuple[Contact, ...] = (),
) -> list[str]:
    """The body of an outcome, as a plan and a booklet both write it: the contacts to
    call at once, the intro, the numbered steps, the `terms` explained, who to contact,
    and where each step comes from. Only the `parts` named are written, each followed
    by a blank line; every piece of tree and source text goes through `style.escape`."""
    t = style.escape
    urgent, others = split_contacts(outcome, contacts)
    urgent = urgent or safety
    lines: list[str] = []
    if urgent and "urgent" in parts:
        lines += style.head(urgent_title(outcome, safety))
        lines += [
            f"{style.bullet}{style.strong(t(c.name))}: call {t(c.phone or '')}. {t(c.for_)}"
            for c in urgent
        ]
        lines.append("")
    if outcome.intro and "intro" in parts:
        lines += [t(outcome.intro), ""]
    if "steps" in parts:
        lines += style.head("What to do next") if style.steps_heading else []
        lines += [f"{s.number}. {t(s.text)} {t(s.marker)}" for s in steps]
        lines.append("")
    if terms and "terms" in parts:
        lines += style.head("Words used here")
        lines += [f"{style.bullet}{t(term.sentence)}" for term in terms]
        lines.append("")
    if others and "contacts" in parts:
        lines += _contact_lines(others, style)
    if "sources" in parts:
        lines += _source_lines(steps, style)
    return lines


def _contact_lines(contacts: tuple[Contact, ...], style: Style) -> list[str]:
    t, bullet = style.escape, style.bullet
    lines = style.head("Who to contact")
    for contact in contacts:
        lines.append(f"{bullet}{style.strong(t(contact.name))}: {t(contact.for_)}")
        lines += [f"  {bullet}{label}: {t(value)}" for label, value in contact_details(contact)]
    return [*lines, ""]


def _source_lines(steps: tuple[CitedStep, ...], style: Style) -> list[str]:
    t = style.escape
    lines = style.head("Where this comes from")
    for s in steps:
        where = f" ({t(s.doc)}, line {s.line})" if style.source_file else ""
        if style.source_on_one_line:
            lines.append(
                f"{style.bullet}[{s.number}] {t(s.quoted)} \u2014 {t(s.source_name)}{where}"
            )
        else:
            lines += [f"[{s.number}] {t(s.quoted)}", f"    {t(s.source_name)}{where}"]
    return [*lines, ""]


def contact_details(contact: Contact) -> list[tuple[str, str]]:
    details = []
    if contact.phone:
        details.append(("Phone", contact.phone))
    if contact.email:
        details.append(("Email", contact.email))
    if contact.web:
        details.append(("Web", contact.web))
    if contact.page:
        details.append(("Web page", f"search for \u201c{contact.page}\u201d"))
    return details


def contact_dict(contact: Contact) -> dict:
    return {
        "id": contact.id,
        "name": contact.name,
        "for": contact.for_,
        "phone": contact.phone,
        "email": contact.email,
        "web": contact.web,
        "page": contact.page,
        "national": contact.national,
    }


def make_plan(walk: Walk, today: dt.date | None = None) -> Plan:
    """Resolve the walk's outcome: contacts from the catalogue, passages from the sources."""
    return build_plan(walk.library, walk.first, walk.tree, walk.outcome, tuple(walk.answers), today)


def build_plan(
    library: Library,
    tree: Tree,
    outcome_tree: Tree,
    outcome: Outcome,
    answers: tuple[Answer, ...],
    today: dt.date | None = None,
    steps: tuple[CitedStep, ...] | None = None,
) -> Plan:
    """The one plan every screen shows (terminal, Markdown, JSON, web page, site page) for
    `answers` ending at `outcome`; `steps`, when given, are the outcome's, cited before."""
    contacts = tuple(library.contact(c, where=outcome_tree.file) for c in outcome.contacts)
    steps = cite_steps(library, outcome_tree, outcome) if steps is None else steps
    return Plan(
        tree,
        outcome_tree,
        outcome,
        steps,
        contacts,
        answers,
        today or dt.date.today(),
        tuple(Explainer(library.glossary).explain(outcome_texts(outcome, steps, contacts))),
        safety_contacts(library, outcome, answers),
    )


def safety_contacts(library: Library, outcome: Outcome, answers: tuple[Answer, ...]) -> tuple:
    """The national emergency routes, when a person said their child may be at risk and then
    carried on to a plan that is not itself urgent; else none."""
    if outcome.urgent or not any(a.carried_on for a in answers):
        return ()
    return tuple(c for c in library.contacts.values() if c.national and c.phone)


def outcome_texts(
    outcome: Outcome, steps: tuple[CitedStep, ...], contacts: tuple[Contact, ...]
) -> list[str | None]:
    """What an outcome shows, in reading order: for finding the terms it uses. (A plan is
    read on its own, so it explains its terms whatever the walk explained before it.)"""
    first, rest = split_contacts(outcome, contacts)
    return [
        outcome.title,
        *(text for c in first for text in (c.name, c.for_)),
        outcome.intro,
        *(s.text for s in steps),
        *(text for c in rest for text in (c.name, c.for_)),
        *(s.passage for s in steps),
    ]


def cite_steps(library: Library, tree: Tree, outcome: Outcome) -> tuple[CitedStep, ...]:
    """Each step of `outcome` with its passage as published (document title and line)."""
    steps = []
    for number, step in enumerate(outcome.steps, 1):
        doc = library.sources.get(step.source.doc)
        passage = doc.find(step.source.quote) if doc else None
        if doc is None or passage is None:
            raise TreeError(
                f"step {number} of `{outcome.id}` quotes words that are not in {step.source.doc}",
                where=tree.file,
                hint="Run `signpost lint` to see the closest passage.",
            )
        steps.append(
            CitedStep(
                number,
                step.text,
                step.source.doc,
                doc.title,
                passage.text,
                passage.line,
                doc.about,
                doc.who,
                doc.says,
            )
        )
    return tuple(steps)


def default_plan_name(plan: Plan) -> str:
    return f"signpost-plan-{plan.tree.id}-{plan.made.isoformat()}.md"


def saved_text(plan: Plan, path: Path) -> str:
    """What saving `plan` to `path` writes: a standalone web page (the same one
    `signpost site` shows) when the name ends in .html or .htm, else Markdown."""
    if Path(path).suffix.lower() in (".html", ".htm"):
        from signpost.reports.site import plan_page  # Jinja2 only for a web page

        return plan_page(plan)
    return plan.to_markdown()


def default_plan_path(plan: Plan, home: Path | None = None) -> Path:
    """Where a plan is saved unless the person says otherwise, somewhere they can find it:
    their Documents folder if they have one, else their home folder, as a full path."""
    home = (home or Path.home()).resolve()
    folder = home / "Documents"
    return (folder if folder.is_dir() else home) / default_plan_name(plan)


def save_text(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write `text` to `path` atomically; refuse to replace a file unless `overwrite`.

    The text goes to a temporary file in the same folder first, so an
    interruption never leaves half a plan, and the final step is a single
    rename (or a hard link, which fails rather than replace an existing file).
    SIGTERM and SIGHUP while saving end the save as Ctrl-C does: the temporary
    file is removed first. A path that cannot be looked at (no permission, a name
    too long) is a `SaveError`, like any other place that cannot be written.
    """
    with _signals_interrupt():
        try:
            return _save(Path(path).expanduser(), text, overwrite)
        except OSError as exc:
            raise SaveError(
                f"cannot save the plan here ({exc.strerror})", where=str(path)
            ) from None


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `KeyboardInterrupt` inside the block (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    names = ("SIGTERM", "SIGHUP")
    wanted = [getattr(signal, n) for n in names if hasattr(signal, n)]
    before = {number: signal.signal(number, interrupt) for number in wanted}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _save(path: Path, text: str, overwrite: bool) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    _check_target(path, folder, overwrite)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(f"cannot write in {folder} ({exc.strerror})", where=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _put_new(tmp, path)
    except OSError as exc:
        raise SaveError(f"could not save the plan ({exc.strerror})", where=str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _check_target(path: Path, folder: Path, overwrite: bool) -> None:
    """Refuse a folder, a missing folder, a special file, or (unless `overwrite`) a file."""
    if path.is_dir():
        raise SaveError("is a folder; give a file name for the plan", where=str(path))
    if not folder.is_dir():
        raise SaveError(
            f"the folder {folder} does not exist",
            where=str(path),
            hint="Create it first or choose another place.",
        )
    if overwrite and (path.exists() or path.is_symlink()):
        mode = path.lstat().st_mode
        if not stat.S_ISREG(mode):  # `--save /dev/null --force` must not replace a device
            raise SaveError(
                "is not a regular file (it is a link, device or pipe), so it was not replaced",
                where=str(path),
                hint="Choose a file name.",
            )
    if path.exists() and not overwrite:
        raise SaveError(
            "already exists, so it was not replaced",
            where=str(path),
            hint="Choose another name, or add --force to replace it.",
        )


def _put_new(tmp: str, path: Path) -> None:
    """Move `tmp` to `path` only if nothing is there: a hard link fails rather than replace."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise SaveError(
            "already exists, so it was not replaced",
            where=str(path),
            hint="Choose another name, or add --force to replace it.",
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.EACCES, errno.EROFS, errno.ENOSPC):
            raise
        if path.exists():  # a filesystem without hard links: a plain rename instead
            raise SaveError("already exists, so it was not replaced", where=str(path)) from None
        os.replace(tmp, path)
