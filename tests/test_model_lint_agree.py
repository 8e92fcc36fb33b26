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


# Lint's records (`signpost.lint.context.Checked`) keep what a mapping holds by spec's
# keys, so a tree key is described once, in spec. A tree and a catalogue that use every
# key of spec's tables, each with a sound value, are kept whole.
EVERY_KEY = {
    "trees/every-key.yaml": """\
id: every-key
title: Every key
summary: A tree that uses every key of the format.
audience: [parents, professionals]
reviewed: 2026-11-01
start: ask
order: 2.5
menu: false
nodes:
  ask:
    question: Is this a question?
    help: It is.
    options:
      - label: "Yes"
        next: done
      - label: Another tree
        tree: other
  done:
    outcome:
      title: Done
      intro: All done.
      urgent: true
      steps:
        - text: Read it.
          source:
            doc: doc.txt
            quote: Read it.
      contacts: [helpline]
""",
    "trees/contacts.yaml": """\
contacts:
  helpline:
    name: The Helpline
    for: Help.
    phone: "01305 228866"
    email: help@example.org.uk
    web: www.example.org.uk
    page: the help page
    ask-for: Ask your child's school for the helpline.
    names: [Helpline]
    national: false
    source:
      doc: doc.txt
      quote: The Helpline
""",
}


def _checked(tmp_path):
    from signpost.lint.context import FileContext, Findings, Folder
    from signpost.lint.rules import shape

    files = []
    for name, text in EVERY_KEY.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(
            FileContext(
                path, name, text.splitlines(), load_file(path), path.name == "contacts.yaml"
            )
        )
    folder = Folder(tmp_path / "trees", tmp_path, files)
    findings = Findings()
    shape.check(folder, findings, Config(as_of=dt.date(2026, 12, 2)))
    assert findings.items == []
    return folder, files


def test_every_key_of_the_spec_is_used_by_the_every_key_files(tmp_path):
    from signpost.content import spec

    _, files = _checked(tmp_path)
    used: dict[str, set[str]] = {}

    def keys(table: str, mapping: dict) -> None:
        used.setdefault(table, set()).update(mapping)

    tree, catalogue = (f.doc.data for f in files)
    keys("TREE", tree)
    keys("QUESTION", tree["nodes"]["ask"])
    for option in tree["nodes"]["ask"]["options"]:
        keys("OPTION", option)
    outcome = tree["nodes"]["done"]["outcome"]
    keys("OUTCOME", outcome)
    keys("STEP", outcome["steps"][0])
    keys("SOURCE", outcome["steps"][0]["source"])
    keys("CONTACT", catalogue["contacts"]["helpline"])
    for table, found in used.items():
        assert found == set(getattr(spec, table)), table


def test_lint_records_keep_every_sound_value_by_its_spec_key(tmp_path):
    folder, files = _checked(tmp_path)
    data = files[0].doc.data
    (tree,) = folder.trees
    assert tree.values == {**data, "reviewed": dt.date(2026, 11, 1)}
    ask, done = tree.nodes["ask"], tree.nodes["done"]
    assert ask.values == data["nodes"]["ask"]
    assert [o.values for o in ask.options] == data["nodes"]["ask"]["options"]
    assert done.values == data["nodes"]["done"]["outcome"]
    ((_, text, source),) = done.steps
    assert (text, source.values) == ("Read it.", {"doc": "doc.txt", "quote": "Read it."})
    assert folder.catalogue is not None
    contact = folder.catalogue.contacts["helpline"]
    assert contact.values == files[1].doc.data["contacts"]["helpline"]
    assert (contact.names, contact.source.get("quote")) == (("Helpline",), "The Helpline")


def test_a_record_refuses_a_key_its_spec_table_does_not_have(tmp_path):
    folder, _ = _checked(tmp_path)
    option = folder.trees[0].nodes["ask"].options[0]
    assert option.get("label") == "Yes"
    assert option.get("tree") is None  # a key of the table that this option leaves out
    with pytest.raises(KeyError, match="`lable` is not a key of this record's table in spec"):
        option.get("lable")


def test_no_lint_record_repeats_a_spec_key_as_an_attribute():
    """What a key holds is read with `get`; a record's own attributes are what the shape
    check derived (ids, counts, checked items), never a second name for a key's value."""
    from signpost.content import spec
    from signpost.lint import context

    tables = {
        "TreeInfo": [spec.TREE],
        "NodeInfo": [spec.QUESTION, spec.OUTCOME],
        "OptionInfo": [spec.OPTION],
        "SourceRef": [spec.SOURCE],
        "ContactInfo": [spec.CONTACT],
    }
    records = {
        name: c
        for name, c in vars(context).items()
        if isinstance(c, type) and issubclass(c, context.Checked) and c is not context.Checked
    }
    assert set(records) == set(tables)
    for name, record in records.items():
        values = {
            key
            for table in tables[name]
            for key, field in table.items()
            if field.kind not in ("list", "mapping")
        }
        assert not set(record.__slots__) & values, name
