"""Every quote in every shipped tree and in the catalogue is in its source, and
every phone number, email and web address a family sees appears in a source."""

import pytest

from signpost.model import Question
from conftest import ROOT
from signpost.library import Library

LIB = Library(ROOT / "trees", ROOT / "seeds")
TREE_IDS = LIB.tree_ids()


def _citations():
    for tree_id in TREE_IDS:
        tree = LIB.tree(tree_id)
        for outcome in tree.outcomes():
            for index, step in enumerate(outcome.steps):
                yield pytest.param(step.source, id=f"{tree_id}:{outcome.id}:{index}")
    for contact in LIB.contacts.values():
        if contact.source:
            yield pytest.param(contact.source, id=f"contacts:{contact.id}")


@pytest.mark.parametrize("source", list(_citations()))
def test_quote_is_in_cited_document(source):
    doc = LIB.sources.get(source.doc)
    assert doc is not None, f"{source.doc} is not in seeds/"
    assert doc.find(source.quote) is not None, f"not found in {source.doc}: {source.quote!r}"


@pytest.mark.parametrize("contact", list(LIB.contacts.values()), ids=lambda c: c.id)
def test_contact_details_come_from_sources(contact):
    if contact.national:
        assert contact.phone in {"999", "111"} and not (contact.email or contact.web)
        assert contact.source is None
        return
    assert contact.source is not None
    if contact.phone:
        assert LIB.sources.find_phone(contact.phone), contact.phone
    for value in (contact.email, contact.web):
        if value:
            assert LIB.sources.find_value(value), value


def test_only_the_two_national_routes_are_national():
    assert sorted(c.id for c in LIB.contacts.values() if c.national) == ["emergency-999", "nhs-111"]


@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_tree_contacts_exist_and_links_resolve(tree_id):
    tree = LIB.tree(tree_id)
    assert tree.id == tree_id
    for node in tree.nodes.values():
        if isinstance(node, Question):
            for option in node.options:
                if option.tree:
                    assert option.tree in TREE_IDS, f"{node.id}: {option.tree}"
        else:
            for contact_id in node.contacts:
                assert contact_id in LIB.contacts, f"{node.id}: {contact_id}"
            if node.urgent:
                assert node.contacts[:1] == ("emergency-999",), node.id


def test_every_source_document_is_shipped_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in shared.iterdir():
        assert (ROOT / "seeds" / path.name).read_bytes() == path.read_bytes(), path.name
