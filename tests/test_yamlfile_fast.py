"""The loader's fast path (text taken without a resolver call, events read directly)
gives exactly what PyYAML gives: the same data as `yaml.safe_load`, and the same
positions as the nodes `yaml.compose` makes, for any YAML PyYAML itself writes."""

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from signpost.content.yamlfile import load_text

# Text that looks like other things to YAML: booleans, numbers, nulls, dates, ...
TRICKY = st.sampled_from(
    [
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "true",
        "~",
        "null",
        "",
        "0",
        "012",
        "0x1f",
        "1e3",
        ".inf",
        "-.5",
        "+1",
        "1_000",
        "2026-11-22",
        "2026-11-22 10:00:00",
        "=",
        "<<",
        "Yes, it is",
        "NHS",
        "not-a-date",
        "Oct 12",
        "nullable",
        "Yesterday",
        "FALSE!!",
        "offline work",
        "~ about",
        "0800 111 999",
        "a: b",
        "- x",
        "# not a comment",
        "é",
    ]
)
scalars = st.one_of(
    TRICKY,
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(TRICKY, st.text(min_size=1, max_size=8)), children, max_size=4),
    ),
    max_leaves=25,
)


def positions(node, path, out):
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            positions(value, path + (yaml.safe_load(yaml.serialize(key)),), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            positions(value, path + (index,), out)
    return out


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([None, False, True]), st.booleans(), st.sampled_from([None, '"']))
def test_same_data_and_positions_as_pyyaml(data, flow, unicode, style):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode, default_style=style)
    doc = load_text(text, "t.yaml")
    assert doc.data == yaml.safe_load(text)
    assert {path: (m.line, m.column) for path, m in doc.values.items()} == positions(
        yaml.compose(text, Loader=yaml.SafeLoader), (), {}
    )
