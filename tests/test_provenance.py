"""Never invent a fact: the guarantees behind every step and contact a family sees.

The checks themselves are lint rules (`quote-not-found`, `unsourced-detail`, ...) and
tests/lint/test_shipped.py proves the shipped trees pass all of them. This file makes
sure nobody can switch those rules off for the shipped trees, and that the sources
they are checked against are the published documents, unchanged.
"""

import pytest
from conftest import ROOT

from signpost.lint.config import load_config
from signpost.lint.registry import RULES

PROVENANCE_RULES = [
    "missing-source",  # every step and contact cites a passage
    "unknown-doc",  # ... of a document in seeds/
    "quote-not-found",  # ... quoted exactly
    "unsourced-detail",  # no phone, email or web address that no source gives
    "bad-national",  # only 999 and 111 may come from outside the sources
    "urgent-contact-first",  # risk paths give the urgent route first
    "unknown-contact",
    "unknown-tree",
]


@pytest.mark.parametrize("rule", PROVENANCE_RULES)
def test_provenance_rules_are_errors_for_the_shipped_trees(rule):
    config = load_config(ROOT / "trees")
    assert RULES[rule].severity.value == "error"
    assert config.severities.get(rule, "error") == "error"


def test_no_shipped_file_disables_a_rule():
    for path in (ROOT / "trees").glob("*.yaml"):
        assert "signpost: disable" not in path.read_text(encoding="utf-8"), path.name


def test_every_source_document_is_shipped_unchanged():
    # seeds/SHA256SUMS was written when the documents were copied in as published;
    # `sha256sum -c seeds/SHA256SUMS` checks the same by hand.
    import hashlib

    sums = (ROOT / "seeds" / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    expected = {name: digest for digest, name in (line.split("  ") for line in sums)}
    shipped = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert shipped == set(expected)
    for name, digest in expected.items():
        assert hashlib.sha256((ROOT / "seeds" / name).read_bytes()).hexdigest() == digest, name
