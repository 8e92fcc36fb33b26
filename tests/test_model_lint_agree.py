"""The tree model and lint agree, because both are made from `signpost.content.spec`.

For any tree-shaped data, `model.build_tree` refuses the tree exactly when lint
reports an error of one of the rules the model enforces (`spec.FLOOR_RULES`, and
the `yaml` group).
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from signpost.content.model import build_tree
from signpost.content.spec import FLOOR_RULES
from signpost.content.yamlfile import load_file
from signpost.errors import TreeError
from signpost.lint import Config, lint
from signpost.lint.registry import RULES

NODE_IDS = ["a", "b", "c"]
FLOOR = FLOOR_RULES | {name for name, rule in RULES.items() if rule.group == "yaml"}


def mostly(valid: st.SearchStrategy, *bad: object) -> st.SearchStrategy:
    """Usually a valid value, now and then one of the `bad` ones, so that a good share
    the trees are sound and the rest have one or two faults."""
    sound = 150  # valid this many times in (150 + the number of bad values)
    return st.sampled_from(range(sound + len(bad))).flatmap(
        lambda n: valid if n < sound else st.just(bad[n - sound])
    )


OMIT = object()  # a key left out


def mapping(**fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.fixed_dictionaries({key: mostly(value, OMIT) for key, value in fields.items()}).map(
        lambda data: {key: value for key, value in data.items() if value is not OMIT}
    )


def optional(**fields: st.SearchStrategy) -> dict:
    """Optional keys: left out half the time."""
    return {key: st.one_of(st.just(OMIT), value) for key, value in fields.items()}


text = mostly(st.just("Words"), "", "  ", True, 3, [], {})
ref = mostly(st.sampled_from(NODE_IDS), "nowhere", True, 3, "")
flag = mostly(st.booleans(), "true", 1)
number = mostly(st.sampled_from([1, 2.5]), "1", True)
date = mostly(
    st.sampled_from([dt.date(2026, 1, 1), "2026-01-01"]), "2026-13-01", "soon", 5, "20260101"
)
audience = mostly(
    st.lists(
        mostly(st.sampled_from(["parents", "professionals"]), "aliens", 3), min_size=1, max_size=2
    ),
    "parents",
    [],
)
source = mostly(mapping(doc=text, quote=text), "junk", 3)
step = mostly(mapping(text=text, source=source), "junk", [])
outcome = mostly(
    st.fixed_dictionaries(
        {"title": text, "steps": mostly(st.lists(step, min_size=1, max_size=2), [])},
        optional=optional(
            intro=text,
            urgent=flag,
            contacts=st.lists(mostly(st.just("sendias"), 3), max_size=2),
        ),
    ).map(lambda data: {k: v for k, v in data.items() if v is not OMIT}),
    "junk",
)
target = st.one_of(
    st.fixed_dictionaries({"next": ref}),
    st.fixed_dictionaries({"tree": mostly(st.just("other"), "", 3)}),
    st.just({}),
    st.just({"next": "a", "tree": "other"}),
)
option = mostly(
    st.tuples(mapping(label=text), target).map(lambda lt: {**lt[0], **lt[1]}), "junk", 3
)
question = st.fixed_dictionaries(
    {"question": text, "options": mostly(st.lists(option, min_size=2, max_size=3), [], ["x"])},
    optional=optional(help=text),
).map(lambda data: {k: v for k, v in data.items() if v is not OMIT})
node = mostly(
    st.one_of(question, st.fixed_dictionaries({"outcome": outcome})),
    "junk",
    {"question": "Q?", "outcome": {"title": "T"}},
    {"help": "H", "outcome": {"title": "T"}},
    {},
)
tree = mapping(
    id=mostly(st.just("t"), 3, ""),
    title=text,
    summary=text,
    audience=audience,
    reviewed=date,
    start=ref,
    nodes=mostly(st.fixed_dictionaries({key: node for key in NODE_IDS}), "junk", {}),
).flatmap(
    lambda top: st.fixed_dictionaries(
        {key: st.just(value) for key, value in top.items()},
        optional=optional(order=number, menu=flag),
    ).map(lambda data: {k: v for k, v in data.items() if v is not OMIT})
)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=tree)
def test_the_model_refuses_a_tree_exactly_when_lint_finds_a_floor_error(tmp_path, data):
    path = tmp_path / "t.yaml"
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True), encoding="utf-8")
    config = Config(as_of=dt.date(2026, 6, 1))
    errors = [
        d.rule
        for d in lint([path], config).diagnostics
        if d.severity == "error" and d.rule in FLOOR
    ]
    try:
        build_tree(load_file(path))
    except TreeError as error:
        assert errors, f"the model refused ({error}) but lint found no floor error"
        event("refused")
    else:
        event("built")
        assert not errors, f"lint found {errors} but the model built the tree"


@pytest.mark.parametrize("options", [0, 1])
def test_a_question_needs_two_options_in_the_model_and_in_lint(tmp_path, options):
    data = {
        "id": "t",
        "title": "T",
        "summary": "S",
        "audience": ["parents"],
        "reviewed": dt.date(2026, 1, 1),
        "start": "a",
        "nodes": {
            "a": {"question": "Q?", "options": [{"label": "L", "next": "b"}] * options},
            "b": {
                "outcome": {
                    "title": "O",
                    "steps": [{"text": "S", "source": {"doc": "d", "quote": "q"}}],
                }
            },
        },
    }
    path = tmp_path / "t.yaml"
    path.write_text(yaml.dump(data, Dumper=_Dumper), encoding="utf-8")
    with pytest.raises(TreeError) as refused:
        build_tree(load_file(path))
    assert f"nodes.a.options: has {options}; it needs at least 2" in str(refused.value)
    assert "too-few-options" in [d.rule for d in lint([path]).diagnostics]


# Lint's records (signpost.lint.context) hold, as attributes, the well-typed values of
# the tree keys the later checks read, named as spec names them (`for` as `for_`), plus
# a few derived facts. This keeps them in step with spec's table: a new key in spec
# fails here until it is either kept by lint or listed as not read by any check.
_RECORDS = {
    # record: (its spec tables, spec keys no later check reads, derived attributes)
    "TreeInfo": (("TREE",), {"audience", "order", "menu"}, {"declared", "file"}),
    "NodeInfo": (
        ("QUESTION", "OUTCOME"),
        set(),
        {"id", "kind", "option_count", "options_ok", "step_count", "steps_ok"},
    ),
    "OptionInfo": (("OPTION",), set(), {"index"}),
    "ContactInfo": (("CONTACT",), set(), {"id"}),
    "SourceRef": (("SOURCE",), set(), {"path"}),
}


@pytest.mark.parametrize("record", sorted(_RECORDS))
def test_lint_records_hold_the_keys_spec_names(record):
    from signpost.content import spec
    from signpost.lint import context

    tables, unread, derived = _RECORDS[record]
    keys = {key for table in tables for key in getattr(spec, table)}
    assert unread <= keys
    kept = {"for_" if key == "for" else key for key in keys - unread}
    cls = getattr(context, record)
    attributes = set(getattr(cls, "_fields", None) or cls.__slots__)
    assert attributes == kept | derived
