"""`signpost site OUT`: the trees as a folder of static web pages, and a plan as one page.

One page per point of a walk, found by `paths.explore` (the route enumeration
`signpost paths` uses too). A page's file name is the option numbers that lead to it
(`not-attending/2-1.html`), so the address records the answers and Back, Change and
"Your answers" need no script, server or cookie. An urgent outcome's "My child is safe
now: carry on" leads to the walks that carry on from it (`1c2.html`; `1c.html` asks the
question again when there are several ways on), whose answers keep the urgent one. Every
outcome page renders the same `Plan` the terminal does (`walk.plan.build_plan`).
Options are plain links, not a radio form: a form needs a server (or a script) to turn
its answer into the next page, and a file:// folder has neither.

Tree text only ever reaches a page through Jinja2's autoescaping; link targets are built
only from the contacts catalogue's phone numbers, emails and web addresses, and only
when they have the shape of one. Each page's Content-Security-Policy forbids scripts and
anything from elsewhere. The output depends on the trees alone (no dates but their
review dates, a fixed order), so a rebuild is byte-identical.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from signpost import __version__
from signpost.content.library import START_TREE, Library
from signpost.content.model import Contact, Outcome, Question, Tree
from signpost.content.sources import EMAIL, WEB, long_date
from signpost.errors import SaveError, TreeError, UsageError
from signpost.walk import plantext
from signpost.walk.plan import CitedStep, Plan, build_plan, cite_steps, contact_details
from signpost.walk.routes import Loop, Point, explore
from signpost.walk.state import Answer, calm_options, carried

MAX_PAGES = 20_000  # far beyond the shipped trees (about 1,400); stops a runaway site
STYLESHEET = "style.css"
INDEX = "index.html"
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_NO_REMOTE = "default-src 'none'; base-uri 'none'; form-action 'none'"
SITE_CSP = f"{_NO_REMOTE}; style-src 'self'"
_PHONE_DIGITS = re.compile(r"\+?[0-9][0-9 ]*")


class Built(NamedTuple):
    out: Path
    pages: int  # HTML pages written, the menu among them

    @property
    def index(self) -> Path:  # type: ignore[override]  # the menu page; hides tuple.index
        return self.out / INDEX


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,  # every template, whatever its name: tree text is only text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the package's own templates: no stat before every page
    )


@cache
def stylesheet() -> str:
    return (_TEMPLATES / STYLESHEET).read_text(encoding="utf-8")


def _render(template: str, **values: Any) -> str:
    values.setdefault("inline_css", None)
    values.setdefault("csp", SITE_CSP)
    return _environment().get_template(template).render(version=__version__, **values)


def page_name(answers: tuple[Answer, ...]) -> str:
    """The file a point's page is written to: its option numbers, or index.html at the start."""
    if not answers:
        return INDEX
    return "-".join(_answer_name(a) for a in answers) + ".html"


def _answer_name(answer: Answer) -> str:
    """`2`, or `1c3` for an urgent answer 1 carried on by option 3 once the child was safe."""
    if answer.then is None:
        return str(answer.index + 1)
    return f"{answer.index + 1}c{answer.then + 1}"


def carry_page_name(answers: tuple[Answer, ...]) -> str:
    """The page that asks again, once the child is safe, the question whose urgent answer
    ends `answers`, when it has several ways on: `1c.html`."""
    return page_name(answers)[: -len(".html")] + "c.html"


def tel_href(phone: str | None) -> str | None:
    """`tel:` and the digits of a catalogue phone number; None if it is not only digits."""
    if phone is None or not _PHONE_DIGITS.fullmatch(phone.strip()):
        return None
    return "tel:" + phone.replace(" ", "")


def _detail_href(label: str, value: str, contact: Contact) -> str | None:
    if label == "Phone":
        return tel_href(contact.phone)
    if label == "Email" and contact.email and EMAIL.fullmatch(contact.email):
        return f"mailto:{contact.email}"
    if label == "Web" and contact.web and WEB.fullmatch(contact.web):
        address = re.sub(r"^https?://", "", contact.web, flags=re.IGNORECASE)
        return f"https://{address}"
    return None  # a web page named without an address, or a value of no known shape


def contact_view(contact: Contact) -> dict[str, Any]:
    """What a page shows of a contact: its catalogue values, each with a link if it is one."""
    return {
        "name": contact.name,
        "for_": contact.for_,
        "phone": contact.phone,
        "tel": tel_href(contact.phone),
        "details": [
            (label, value, _detail_href(label, value, contact))
            for label, value in contact_details(contact)
        ],
    }


def _outcome_values(plan: Plan) -> dict[str, Any]:
    return {
        "plan": plan,
        "situation": plan.outcome_tree.title,
        "urgent": [contact_view(c) for c in plan.urgent_contacts if c.phone],
        "contacts": [contact_view(c) for c in plan.other_contacts],
    }


def plan_page(plan: Plan) -> str:
    """A plan as one standalone page (its stylesheet inside it): what `--save plan.html` writes."""
    css = stylesheet()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return _render(
        "outcome.html",
        **_outcome_values(plan),
        inline_css=Markup(css),  # the package's own stylesheet, not tree text
        csp=f"{_NO_REMOTE}; style-src 'sha256-{digest}'",
        back=None,
        change=None,
        root=None,
        carry=None,
        made=long_date(plan.made),
    )


def saved_text(plan: Plan, path: Path) -> str:
    """What saving `plan` to `path` writes: a standalone web page (the same one
    `signpost site` shows) when the name ends in .html or .htm, else Markdown."""
    if Path(path).suffix.lower() in (".html", ".htm"):
        return plan_page(plan)
    return plantext.markdown(plan)


def chosen_trees(library: Library, tree_id: str | None = None) -> list[Tree]:
    """The situations of the menu (the triage tree among them), or the one asked for."""
    if tree_id is not None:
        return [library.tree(tree_id)]
    return library.menu_trees()


def tree_pages(library: Library, tree: Tree, budget: int | None = None) -> dict[str, str]:
    """Every page of one situation, by file name, in walk order.

    Raises `TreeError` once there would be more than `budget` pages (`MAX_PAGES`).
    """
    budget = MAX_PAGES if budget is None else budget
    points: dict[tuple[Answer, ...], Point] = {}
    loops: dict[tuple[Answer, ...], str] = {}
    for item in explore(library, tree.id, carry_on=True):
        if isinstance(item, Loop):
            loops[item.answers] = item.target
            continue
        if len(points) >= budget:
            raise TreeError(
                f"the site would have more than {MAX_PAGES} pages",
                where=tree.file,
                hint="Split the largest trees into smaller ones.",
            )
        points[item.answers] = item
    steps: dict[tuple[str, str], tuple[CitedStep, ...]] = {}  # an outcome's, cited once
    pages: dict[str, str] = {}
    for answers, point in points.items():
        links = {
            "back": page_name(answers[:-1]) if answers else f"../{INDEX}",
            "change": [page_name(answers[:i]) for i in range(len(answers))],
            "root": "../",
        }
        if isinstance(point.node, Outcome):
            carry = _carry_on(library, point, points)
            html = _outcome_page(library, tree, point, steps, {**links, "carry": carry})
            if carry and carry.endswith("c.html"):
                pages[carry] = _carry_page(library, point, links)
        else:
            html = _question_page(library, point, points, loops, links)
        pages[page_name(answers)] = html
    return pages


def _outcome_page(
    library: Library,
    tree: Tree,
    point: Point,
    steps: dict[tuple[str, str], tuple[CitedStep, ...]],
    links: dict[str, Any],
) -> str:
    outcome = point.node
    assert isinstance(outcome, Outcome)
    outcome_tree = library.tree(point.at_tree)
    key = (outcome_tree.id, outcome.id)
    if key not in steps:
        steps[key] = cite_steps(library, outcome_tree, outcome)
    # the date is not shown on the site: pages carry no date of making
    plan = build_plan(
        library, tree, outcome_tree, outcome, point.answers, outcome_tree.reviewed, steps[key]
    )
    return _render("outcome.html", **_outcome_values(plan), **links, made=None)


def _carry_on(
    library: Library, point: Point, points: dict[tuple[Answer, ...], Point]
) -> str | None:
    """Where "My child is safe now: carry on" leads from an urgent outcome: the way on if
    there is one, a page asking the question again if there are several, or nowhere."""
    answers = point.answers
    if not (isinstance(point.node, Outcome) and point.node.urgent and answers):
        return None
    if answers[-1].then is not None:
        return None
    tree = library.tree(point.stops[-2][0])
    question = tree.node(point.stops[-2][1])
    assert isinstance(question, Question)
    calm = calm_options(library, tree, question)
    ways = [
        answers[:-1] + (carried(answers[-1], k, calm, question.options[k].label),) for k in calm
    ]
    ways = [way for way in ways if way in points]  # the site carries on once on a route
    if len(ways) == 1 and ways[0][-1].then_label is None:
        return page_name(ways[0])
    return carry_page_name(answers) if ways else None


def _carry_page(library: Library, point: Point, links: dict[str, Any]) -> str:
    """The question asked again once the child is safe, offering the ways on only."""
    answers = point.answers
    tree_id, node_id = point.stops[-2]
    tree = library.tree(tree_id)
    question = tree.node(node_id)
    assert isinstance(question, Question)
    calm = calm_options(library, tree, question)
    options = [
        {
            "label": question.options[k].label,
            "href": page_name(
                answers[:-1] + (carried(answers[-1], k, calm, question.options[k].label),)
            ),
        }
        for k in calm
    ]
    return _render(
        "question.html",
        question=question,
        lead="Your child is safe now. Which of these is closest?",
        situation=tree.title,
        options=options,
        answers=answers,
        **{**links, "back": page_name(answers)},
    )


def _question_page(
    library: Library,
    point: Point,
    points: dict[tuple[Answer, ...], Point],
    loops: dict[tuple[Answer, ...], str],
    links: dict[str, Any],
) -> str:
    question, answers = point.node, point.answers
    assert isinstance(question, Question)
    options = []
    for index, option in enumerate(question.options):
        taken = answers + (
            Answer(point.at_tree, question.id, question.question, option.label, index),
        )
        if taken in points:
            href = page_name(taken)
        else:  # back round to a question on the way, as the walk goes back
            target_tree, target_node = loops[taken].split(":", 1)
            href = page_name(answers[: point.stops.index((target_tree, target_node))])
        options.append({"label": option.label, "href": href})
    return _render(
        "question.html",
        question=question,
        situation=library.tree(point.at_tree).title,
        options=options,
        answers=answers,
        lead=None,
        **links,
    )


def menu_page(library: Library, trees: list[Tree]) -> str:
    def entry(tree: Tree) -> dict[str, str]:
        return {"title": tree.title, "summary": tree.summary, "href": f"{tree.id}/{INDEX}"}

    not_sure = next((t for t in trees if t.id == START_TREE), None)
    danger = [
        contact_view(c) for c in library.contacts.values() if c.national and tel_href(c.phone)
    ]
    return _render(
        "menu.html",
        root="",
        danger=danger,
        situations=[entry(t) for t in trees if t.id != START_TREE],
        not_sure=entry(not_sure) if not_sure else None,
    )


def _is_site(folder: Path) -> bool:
    try:
        head = (folder / INDEX).read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return False
    return '<meta name="generator" content="signpost' in head


def build_site(library: Library, out: Path, tree_id: str | None = None) -> Built:
    """Write the site to `out`: built in a folder beside it, then renamed into its place
    (an old site is renamed away first, then removed).

    `out` must be new, empty, or a site signpost built before (which is replaced).
    """
    out = Path(out).expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError("is a file, not a folder", where=str(out), hint="Choose a folder name.")
    if out.is_dir() and any(out.iterdir()) and not _is_site(out):
        raise UsageError(
            "is not empty and was not made by `signpost site`, so it was not replaced",
            where=str(out),
            hint="Choose a new or empty folder.",
        )
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise SaveError(
            f"the folder {parent} does not exist",
            where=str(out),
            hint="Create it first or choose another place.",
        )
    from signpost.reports.az import AZ, az_page

    trees = chosen_trees(library, tree_id)
    pages = {INDEX: menu_page(library, trees), AZ: az_page(library, trees)}
    for tree in trees:
        budget = MAX_PAGES - len(pages)
        pages.update({f"{tree.id}/{n}": h for n, h in tree_pages(library, tree, budget).items()})
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    except OSError as exc:
        raise SaveError(f"cannot write in {parent} ({exc.strerror})", where=str(out)) from None
    try:
        staging.chmod(0o755)
        (staging / STYLESHEET).write_text(stylesheet(), encoding="utf-8", newline="\n")
        for tree in trees:
            (staging / tree.id).mkdir()
        for name, html in pages.items():
            (staging / name).write_text(html, encoding="utf-8", newline="\n")
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=parent))
            out.rename(old / out.name)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except OSError as exc:
        raise SaveError(f"could not write the site ({exc.strerror})", where=str(out)) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return Built(out, len(pages))
