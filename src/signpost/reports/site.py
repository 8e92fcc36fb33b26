"""`signpost site OUT`: the trees as a folder of static web pages, and a plan as one page.

One page per point of a walk, found by `paths.explore` (the route enumeration
`signpost paths` uses too). A page's file name is the option numbers that lead to it
(`not-attending/2-1.html`), so the address records the answers and Back, Change and
"Your answers" need no script, server or cookie. An urgent outcome's "My child is safe
now: carry on" leads to the walks that carry on from it (`1c2.html`; `1c.html` asks the
question again when there are several ways on), whose answers keep the urgent one. Every
outcome page renders the same `Plan` the terminal does (`walk.plan.build_plan`). Many
walks end at the same outcome, so a build makes each outcome's plan, and the parts of its
page no walk changes, once (`Made`); a page adds only what its walk changes: Back, the
"carry on" link and "Your answers" (each answer's row made once too).
Options are plain links, not a radio form: a form needs a server (or a script) to turn
its answer into the next page, and a file:// folder has neither.

Tree text only ever reaches a page through Jinja2's autoescaping; link targets are built
only from the contacts catalogue's phone numbers, emails and web addresses, and only
when they have the shape of one. Each page's Content-Security-Policy forbids scripts and
anything from elsewhere. The output depends on the trees alone (no dates but their
review dates, a fixed order), so a rebuild is byte-identical. Writing the folder without
deleting anything signpost did not write is `sitefolder`'s job.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup, escape

from signpost import __version__, safetext
from signpost.content.details import EMAIL, WEB, web_parts
from signpost.content.document import long_date
from signpost.content.library import START_TREE, Library
from signpost.content.model import Contact, Outcome, Question, Tree
from signpost.errors import TreeError
from signpost.reports import sitefolder
from signpost.reports.pagenames import AZ, INDEX, carry_page_name, page_name
from signpost.walk import plantext
from signpost.walk.plan import Plan, build_plan, contact_details, safety_contacts
from signpost.walk.routes import Loop, Point, explore
from signpost.walk.state import Answer, calm_options, carried

MAX_PAGES = 20_000  # beyond the shipped trees (about 12,000); stops a runaway site
MAX_BYTES = 500_000_000  # the shipped site is about 100 MB; stops a site of huge pages
STYLESHEET = "style.css"
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_NO_REMOTE = "default-src 'none'; base-uri 'none'; form-action 'none'"
SITE_CSP = f"{_NO_REMOTE}; style-src 'self'"
_SLOT = "\x00"  # where a walk's own part goes in an outcome's page (`Made.outcome_page`)
_PHONE_DIGITS = re.compile(r"\+?[0-9][0-9 ]*")


class Built(NamedTuple):
    out: Path
    pages: int  # HTML pages written, the menu among them

    @property
    def menu_page(self) -> Path:  # the menu of situations, the site's index.html
        return self.out / INDEX


def wrote_line(built: Built, out: Path) -> str:
    """What `signpost site OUT` says once the site is written."""
    pages = f"{built.pages:,} page{'' if built.pages == 1 else 's'}"
    return f"Wrote {pages} to {out}. Open {built.menu_page} in a web browser."


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,  # every template, whatever its name: tree text is only text
        finalize=safetext.html,  # and no control character or bidi override, raw
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
    if label == "Web" and contact.web and WEB.fullmatch(contact.web) and web_parts(contact.web):
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


class OutcomeParts(NamedTuple):
    """The parts of a plan's page that no walk to it changes (`outcome_parts.html`)."""

    top: Markup  # the title and the urgent box
    steps: Markup  # the introduction and the steps
    more: Markup  # the words explained, the contacts and the sources
    end: Markup  # keeping the plan, the dates, Start again


def outcome_parts(plan: Plan, root: str | None, made: str | None) -> OutcomeParts:
    """The parts of `plan`'s page that are the same whatever the answers before it (for
    the site, the same for every page of an outcome once its urgent box is known)."""
    parts: Any = _environment().get_template("outcome_parts.html").module
    situation = plan.outcome_tree.title
    urgent = [contact_view(c) for c in plan.urgent_contacts if c.phone]
    contacts = [contact_view(c) for c in plan.other_contacts]
    return OutcomeParts(
        parts.top(plan, situation, urgent),
        parts.steps(plan),
        parts.more(plan, contacts),
        parts.end(plan, root, made),
    )


def answer_row(answer: Answer, change: str | None) -> Markup:
    """One answer of "Your answers", with its Change link when `change` names a page."""
    macros: Any = _environment().get_template("macros.html").module
    row: Markup = macros.answer_row(answer, change)
    return row


def _outcome_page(plan: Plan, parts: OutcomeParts, rows: Markup, **links: Any) -> str:
    return _render(
        "outcome.html",
        plan=plan,
        situation=plan.outcome_tree.title,
        parts=parts,
        rows=rows,
        **links,
    )


def plan_page(plan: Plan) -> str:
    """A plan as one standalone page (its stylesheet inside it): what `--save plan.html` writes."""
    css = stylesheet()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return _outcome_page(
        plan,
        outcome_parts(plan, None, long_date(plan.made)),
        Markup("").join(answer_row(a, None) for a in plan.answers),
        inline_css=Markup(css),  # the package's own stylesheet, not tree text
        csp=f"{_NO_REMOTE}; style-src 'sha256-{digest}'",
        back=None,
        carry=None,
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


class Made:
    """What the pages of one build share, each made once however many walks reach it:
    an outcome's plan (its steps cited, its words explained) and the parts of its page
    no walk changes (`OutcomeParts`, one set with the urgent box of a walk that carried
    on after saying the child may be at risk, one without)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._plans: dict[tuple[str, str], Plan] = {}
        self._parts: dict[tuple[str, str, bool], OutcomeParts] = {}
        self._forms: dict[tuple[str, str, bool, bool, bool], list[str]] = {}

    def plan(self, tree: Tree, point: Point) -> Plan:
        """The plan at `point` (an outcome) of a walk from the start of `tree`."""
        outcome = point.node
        assert isinstance(outcome, Outcome)
        key = (point.at_tree, outcome.id)
        if key not in self._plans:
            at = self.library.tree(point.at_tree)
            # the date is not shown on the site: pages carry no date of making
            self._plans[key] = build_plan(self.library, tree, at, outcome, (), at.reviewed)
        safety = safety_contacts(self.library, outcome, point.answers)
        return self._plans[key]._replace(tree=tree, answers=point.answers, safety=safety)

    def parts(self, plan: Plan) -> OutcomeParts:
        key = (plan.outcome_tree.id, plan.outcome.id, bool(plan.safety))
        if key not in self._parts:
            self._parts[key] = outcome_parts(plan, "../", None)
        return self._parts[key]

    def outcome_page(self, plan: Plan, back: str, carry: str | None, rows: Markup) -> str:
        """The page of `plan` on the site: its outcome's page rendered once with a slot
        where each of the walk's own parts goes (Back, "carry on", "Your answers"),
        and the walk's put in. Only a slot can be a NUL: the templates hold none, and a
        text from a tree reaches a page through `safetext.html`, which shows every
        control character as an escape."""
        has = (carry is not None, bool(plan.answers))
        key = (plan.outcome_tree.id, plan.outcome.id, bool(plan.safety), *has)
        if key not in self._forms:
            slot = Markup(_SLOT)
            form = _outcome_page(
                plan,
                self.parts(plan),
                slot if plan.answers else Markup(""),
                back=slot,
                carry=slot if carry is not None else None,
                root="../",
            )
            self._forms[key] = form.split(_SLOT)
            assert len(self._forms[key]) == 2 + sum(has), "a slot too many: a NUL in a page"
        values = [_attribute(back)]
        if carry is not None:
            values.append(_attribute(carry))
        if plan.answers:
            values.append(rows)
        first, *rest = self._forms[key]
        page = [first]
        for value, piece in zip(values, rest, strict=True):
            page += [value, piece]
        return "".join(page)  # str's join: the pieces are HTML already, not escaped again


def _attribute(value: str) -> Markup:
    """`value` as the templates put it in an attribute (`finalize`, then autoescaping)."""
    return escape(safetext.html(value))


def _points(
    library: Library, tree: Tree, budget: int
) -> tuple[dict[tuple[Answer, ...], Point], dict[tuple[Answer, ...], str]]:
    """Every point of every walk from the start of `tree` (and where each option that
    leads back goes), or a `TreeError` once there would be more than `budget` pages."""
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
    return points, loops


def tree_pages(library: Library, tree: Tree, budget: int, made: Made) -> Iterator[tuple[str, str]]:
    """Every page of one situation, (file name, page), in walk order, each made as it is
    asked for (so a site's pages need not all be held at once); `made` is what the pages
    of one build share.

    Raises `TreeError` once there would be more than `budget` pages (`MAX_PAGES`).
    """
    points, loops = _points(library, tree, budget)
    names: dict[tuple[Answer, ...], str] = {(): INDEX}  # each point's page, to link back to
    rows: dict[tuple[Answer, ...], Markup] = {(): Markup("")}  # its "Your answers", each row once
    carried: set[str] = set()  # the "carry on" pages made so far (one a question again)
    for answers, point in points.items():
        back = f"../{INDEX}"  # the menu, from a situation's first question
        if answers:
            names[answers] = page_name(answers)
            back = names[answers[:-1]]
            rows[answers] = rows[answers[:-1]] + answer_row(answers[-1], back)
        links = {"back": back, "root": "../"}
        if isinstance(point.node, Outcome):
            carry = _carry_on(library, point, points)
            plan = made.plan(tree, point)
            html = made.outcome_page(plan, back, carry, rows[answers])
            if carry and carry.endswith("c.html") and carry not in carried:
                carried.add(carry)
                yield carry, _carry_page(library, point, rows[answers])
        else:
            html = _question_page(library, point, points, loops, rows[answers], links)
        yield names[answers], html


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


def _carry_page(library: Library, point: Point, rows: Markup) -> str:
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
        rows=rows,
        back=page_name(answers),
        root="../",
    )


def _question_page(
    library: Library,
    point: Point,
    points: dict[tuple[Answer, ...], Point],
    loops: dict[tuple[Answer, ...], str],
    rows: Markup,
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
        rows=rows,
        lead=None,
        **links,
    )


def menu_page(library: Library, trees: list[Tree]) -> str:
    def entry(tree: Tree) -> dict[str, str]:
        return {"title": tree.title, "summary": tree.summary, "href": f"{tree.id}/{INDEX}"}

    not_sure = next((t for t in trees if t.id == START_TREE), None)
    danger = [contact_view(c) for c in library.national_contacts() if tel_href(c.phone)]
    return _render(
        "menu.html",
        root="",
        danger=danger,
        situations=[entry(t) for t in trees if t.id != START_TREE],
        not_sure=entry(not_sure) if not_sure else None,
    )


def require_safe(library: Library) -> None:
    """Refuse to make a web page from trees with errors from the rules that protect a
    family (`lint.config.PROTECTED`: unsafe text, details or quotes no source gives, bad
    phone numbers and web addresses), as a compiler refuses to emit: a `TreeError`
    naming the first and how many there are. No settings file can excuse them."""
    from signpost.lint.config import PROTECTED, Config
    from signpost.lint.engine import lint

    report = lint([library.trees_dir], Config(seeds=library.seeds_dir))
    found = [d for d in report.diagnostics if d.rule in PROTECTED and d.severity == "error"]
    if not found:
        return
    first = found[0]
    errors = "1 error" if len(found) == 1 else f"{len(found):,} errors"
    raise TreeError(
        f"[{first.rule}] {first.message}; {errors} from the rules that protect families, "
        "so no web page was made",
        where=f"{first.file}:{first.line}:{first.column}",
        hint="Run `signpost lint` and fix them first.",
    )


def build_site(library: Library, out: Path, tree_id: str | None = None) -> Built:
    """Write the site to `out`, deleting nothing signpost did not write.

    `out` must be new, empty, or a site signpost built before with nothing else in it:
    its manifest (`sitefolder.MANIFEST`) names each file it wrote and that file's hash,
    and a rebuild replaces only those. The pages are written as they are made to a
    folder beside `out` (memory does not grow with the pages), then moved into place;
    a page the same as the one already there is left as it is (`sitefolder.swap`).
    """
    out, parent, old = sitefolder.prepare(Path(out).expanduser())
    trees = chosen_trees(library, tree_id)
    library.glossary  # noqa: B018 (a broken glossary is refused here, as by run and export)
    with sitefolder.staged(out, parent) as staging:
        written = _write_pages(library, trees, staging, old)
        sitefolder.swap(staging, out, old, written)
    return Built(out, sum(name.endswith(".html") for name in written))


def _write_pages(
    library: Library, trees: list[Tree], staging: Path, old: dict[str, str]
) -> dict[str, str]:
    """Write the site's files into `staging` as each page is made, but for those the
    same as in the build being replaced (`old`, name -> sha256); name -> sha256."""
    staging.chmod(0o755)
    written: dict[str, str] = {}

    size = 0

    def write(name: str, text: str) -> None:
        nonlocal size
        data = text.encode("utf-8")
        size += len(data)
        if size > MAX_BYTES:
            raise TreeError(
                f"the site would be more than {MAX_BYTES // 1_000_000:,} MB",
                where=str(library.trees_dir),
                hint="Shorten the longest texts, or split the largest trees.",
            )
        written[name] = sitefolder.digest(data)
        if old.get(name) != written[name]:  # else the same file is already in place
            (staging / name).write_bytes(data)

    write(STYLESHEET, stylesheet())
    write(INDEX, menu_page(library, trees))
    write(AZ, az_page(library, trees))
    pages = 2
    made = Made(library)  # an outcome's page parts, shared by every situation reaching it
    for tree in trees:
        (staging / tree.id).mkdir()
        for name, html in tree_pages(library, tree, MAX_PAGES - pages, made):
            write(f"{tree.id}/{name}", html)
            pages += 1
    sitefolder.write_manifest(staging, written)
    return written


def _letter(entry: Any) -> str:
    first = entry.words[:1].upper()
    return first if "A" <= first <= "Z" else "0\u20139"


def az_page(library: Library, trees: list[Tree]) -> str:
    """The A to Z page, at the site's root."""
    from signpost.reports.az import entries

    groups: dict[str, list[Any]] = {}

    for entry in entries(library, trees):
        groups.setdefault(_letter(entry), []).append(entry)
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    order = [*(["0\u20139"] if "0\u20139" in groups else []), *letters]
    anchor = {letter: f"letter-{letter[0].lower()}" for letter in order}  # 0-9: letter-0
    return _render(
        "az.html",
        root="",
        back=INDEX,
        letters=[(letter, anchor[letter], letter in groups) for letter in order],
        groups=[(letter, anchor[letter], groups[letter]) for letter in order if letter in groups],
    )
