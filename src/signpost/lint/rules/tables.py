"""Shape of the two files beside the trees: the catalogue of contacts (`contacts.yaml`)
and the glossary (`glossary.yaml`), entry by entry, into `CatalogueInfo` and
`GlossaryInfo`. Called by the shape check (`shape.py`), which reads every file once.
"""

from __future__ import annotations

from typing import Any

from signpost.content import spec
from signpost.content.yamlfile import DataPath
from signpost.lint.context import CatalogueInfo, ContactInfo, FileContext, Findings, GlossaryInfo
from signpost.lint.rules.fields import (
    BAD,
    bad_key_id,
    fields,
    kind_of,
    source_ref,
    top_mapping,
    value,
)


def _entry(
    findings: Findings, file: FileContext, entry: Any, path: DataPath, what: str, table: dict
) -> dict | None:
    """The checked fields of one entry of a glossary or the catalogue (`what` names it),
    or None, with a finding that names the keys it needs, when it is not a mapping."""
    keys = "`means:` and perhaps `source:`" if table is spec.TERM else "`name:`, `for:`, ..."
    if not isinstance(entry, dict):
        findings.add(
            "wrong-type",
            file,
            path,
            f"{what} should be a mapping ({keys}), not {kind_of(entry)}",
        )
        return None
    return fields(findings, file, entry, path, table)


def check_glossary(file: FileContext, findings: Findings) -> GlossaryInfo | None:
    data = top_mapping(findings, file, "the glossary is a mapping with one key, `terms:`")
    if data is None:
        return None
    glossary = GlossaryInfo(file)
    top = fields(findings, file, data, (), spec.GLOSSARY)
    terms = []
    for term, entry in (top.get("terms") or {}).items():
        path = ("terms", term)
        if not isinstance(term, str) or not term.strip():
            findings.add("wrong-type", file, path, "a term should be text", key=True)
            continue
        got = _entry(findings, file, entry, path, f"the term `{term}`", spec.TERM)
        if got is None:
            continue
        if "means" in got:
            terms.append(term)
        if "source" in got:
            glossary.sources.append(source_ref(findings, file, got["source"], path + ("source",)))
    glossary.terms = frozenset(terms)
    return glossary


def _names(findings: Findings, file: FileContext, items: list, path: DataPath) -> tuple[str, ...]:
    """The text items of a contact's `names`, after reporting any that is not text."""
    field = spec.Field("text")
    got = (value(findings, file, item, path + (index,), field) for index, item in enumerate(items))
    return tuple(item for item in got if item is not BAD)


def check_catalogue(file: FileContext, findings: Findings) -> CatalogueInfo | None:
    data = top_mapping(findings, file, "the catalogue is a mapping with one key, `contacts:`")
    if data is None:
        return None
    catalogue = CatalogueInfo(file)
    top = fields(findings, file, data, (), spec.CATALOGUE)
    catalogue.declared = {key for key in (top.get("contacts") or {}) if isinstance(key, str)}
    for contact_id, entry in (top.get("contacts") or {}).items():
        path = ("contacts", contact_id)
        if bad_key_id(findings, file, path, "contact id", "dorset-send-team"):
            continue
        got = _entry(findings, file, entry, path, f"the contact `{contact_id}`", spec.CONTACT)
        if got is None:
            continue
        contact = ContactInfo(
            contact_id,
            got,
            names=_names(findings, file, got.get("names") or [], path + ("names",)),
        )
        if "source" in got:
            contact.source = source_ref(findings, file, got["source"], path + ("source",))
        elif "source" not in entry and not got.get("national"):
            findings.add(
                "missing-source",
                file,
                path,
                f"the contact `{contact_id}` has no "
                "`source`; add the `doc` in seeds/ and the `quote` that gives these "
                "details",
                key=True,
            )
        catalogue.contacts[contact_id] = contact
    return catalogue
