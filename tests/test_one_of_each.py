"""One of each: the names, the "did you mean", the pluraliser and the reading order
are each written once, and the places that use them agree with it."""

from __future__ import annotations

from signpost import names
from signpost.cli.linting import LintFormat
from signpost.cli.reviewing import DiffFormat
from signpost.content.model import reading_order
from signpost.ids import ID
from signpost.lint.formats import FORMATS as LINT_FORMATS
from signpost.lint.schema import tree_schema
from signpost.reports.diffrender import FORMATS as DIFF_FORMATS
from signpost.similar import did_you_mean
from signpost.words import count


def test_the_command_line_offers_the_formats_named_once():
    assert tuple(LintFormat) == names.LINT_FORMATS == LINT_FORMATS
    assert tuple(DiffFormat) == names.DIFF_FORMATS == DIFF_FORMATS


def test_the_id_pattern_is_the_one_the_schema_gives_editors():
    properties = tree_schema()["$defs"]["tree"]["properties"]
    assert properties["nodes"]["propertyNames"]["pattern"] == names.ID_PATTERN
    # the same pattern, ending at the end of the text as JSON Schema's `$` does
    assert ID.pattern == names.ID_PATTERN.removesuffix("$") + r"\Z"
    assert ID.match("talk-to-school") and not ID.match("Talk_to")
    assert not ID.match("talk-to-school\n")


def test_did_you_mean_names_the_near_misses_or_says_nothing():
    assert did_you_mean("unknwn-key", ["unknown-key", "bad-id"]) == "did you mean `unknown-key`?"
    assert did_you_mean("paren", ["parents"], sentence=True) == "Did you mean `parents`?"
    assert (
        did_you_mean("send", ["send-a", "send-b", "other"], n=3, cutoff=0.5)
        == "did you mean `send-b`, `send-a`?"
    )
    assert did_you_mean("zzz", ["parents"]) == ""


def test_count_says_one_or_many():
    assert [count(0, "route"), count(1, "route"), count(2, "route")] == [
        "0 routes",
        "1 route",
        "2 routes",
    ]
    assert count(2, "person", "people") == "2 people"


def test_reading_order_is_breadth_first_then_the_nodes_no_route_reaches():
    nodes = {"a": ["c", "b"], "b": ["d", None], "c": ["a", "missing"], "d": [], "lost": ["a"]}
    assert reading_order("a", nodes, lambda after: after) == ["a", "c", "b", "d", "lost"]
    assert reading_order(None, nodes, lambda after: after) == ["a", "b", "c", "d", "lost"]
