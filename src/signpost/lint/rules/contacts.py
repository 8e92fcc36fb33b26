"""Contacts: the catalogue (`contacts.yaml`) and how outcomes use it.

Unknown and unused ids, phone numbers, emails and web addresses that are not
well formed, one service with two numbers, urgent outcomes that do not start
with the national route, `national: true` used for anything but 999 and 111, and
contacts an outcome lists that a family cannot reach (no details and no `ask-for`).
"""

from __future__ import annotations

import re

from signpost.content.details import digits, web_parts
from signpost.lint.config import Config
from signpost.lint.context import (
    CatalogueInfo,
    ContactInfo,
    FileContext,
    Findings,
    Folder,
    NodeInfo,
)
from signpost.similar import did_you_mean

# The patterns are kept as text and compiled by `re` (which keeps what it compiled) the
# first time a detail is checked, not on every import of the linter.
UK_PHONE = r"^(?:0\d{9,10}|44\d{9,10}|999|111|112|116\d{3}|118\d{3})$"
_PHONE_CHARS = r"^\+?[\d ()-]+$"
EMAIL = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
WEB = r"^(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[/?#]\S*)?$"
NATIONAL_NUMBERS = {"999", "111"}
# Top-level names kept for examples and tests, never given to a real site (RFC 2606,
# RFC 6761): `www.nhs.uk.evil.example` is not a web address a source could give.
RESERVED_TLDS = frozenset(("example", "invalid", "localhost", "test", "local", "internal"))


def phone_ok(phone: str) -> bool:
    """Whether `phone` has the shape of a UK phone number (what `bad-phone` checks)."""
    return bool(re.match(_PHONE_CHARS, phone.strip()) and re.match(UK_PHONE, digits(phone)))


def email_ok(email: str) -> bool:
    """Whether `email` has the shape of an email address (what `bad-email` checks)."""
    return bool(re.match(EMAIL, email.strip()))


def web_ok(web: str) -> bool:
    """Whether `web` is a web address (what `bad-web` checks): the right shape, no name
    or port before its host (`a.uk@evil.example` goes to evil.example), and a real
    top-level name (not `.example` or `.test`)."""
    parts = web_parts(web)
    return bool(
        re.match(WEB, web.strip())
        and parts is not None
        and parts[0].rsplit(".", 1)[-1] not in RESERVED_TLDS
    )


def check(folder: Folder, findings: Findings, config: Config) -> None:
    used = _uses(folder, findings)
    catalogue = folder.catalogue
    if catalogue is None:
        return
    all_trees_read = all(f.doc is not None for f in folder.files if f.is_tree)
    has_trees = any(f.is_tree for f in folder.files)
    by_name: dict[str, tuple[str, str]] = {}
    for contact in catalogue.contacts.values():
        if has_trees and all_trees_read and contact.id not in used:
            findings.add(
                "unused-contact",
                catalogue.file,
                contact.path,
                f"no tree uses the contact `{contact.id}`; "
                "list it in an outcome's `contacts`, or remove it",
                key=True,
            )
        _details(contact, catalogue.file, findings, by_name)


def _uses(folder: Folder, findings: Findings) -> set[str]:
    """The contact ids the trees use, reporting those the catalogue does not have."""
    catalogue = folder.catalogue
    used: set[str] = set()
    for tree in folder.trees:
        for node in tree.nodes.values():
            for index, contact_id in node.contacts:
                used.add(contact_id)
                path = node.path + ("outcome", "contacts", index)
                if not folder.has_catalogue_file:
                    findings.add(
                        "unknown-contact",
                        tree.file,
                        path,
                        f"the contact `{contact_id}` "
                        "cannot be found: there is no contacts.yaml beside this tree; "
                        "add the catalogue",
                    )
                elif catalogue is not None and contact_id not in catalogue.declared:
                    hint = did_you_mean(contact_id, sorted(catalogue.declared)) or (
                        "add it to contacts.yaml"
                    )
                    findings.add(
                        "unknown-contact",
                        tree.file,
                        path,
                        f"the contact `{contact_id}` is not in contacts.yaml; {hint}",
                    )
            if node.kind == "outcome" and node.get("urgent") and catalogue is not None:
                _urgent(node, tree.file, catalogue, findings)
            if catalogue is not None:
                _reachable(node, tree.file, catalogue, findings)
    return used


REACH = ("phone", "email", "web", "page", "ask-for")


def _reachable(
    node: NodeInfo, file: FileContext, catalogue: CatalogueInfo, findings: Findings
) -> None:
    """`unreachable-contact`: each contact listed under "Who to contact" has a way to
    reach it (phone, email, web, page) or is a role to ask for (`ask-for`)."""
    for index, contact_id in node.contacts:
        contact = catalogue.contacts.get(contact_id)
        if contact is None or any(contact.get(key) for key in REACH):
            continue
        findings.add(
            "unreachable-contact",
            file,
            node.path + ("outcome", "contacts", index),
            f'`{contact_id}` is listed under "Who to contact" but contacts.yaml gives no '
            "way to reach it (no phone, email, web or page); list a contact the family can "
            "reach instead, or, if it is a role to ask for, say how to reach it in its "
            '`ask-for` ("Ask your child\'s school for its SENCO.")',
        )


def _details(
    contact: ContactInfo, file: FileContext, findings: Findings, by_name: dict[str, tuple[str, str]]
) -> None:
    """The phone, email, web address and `national` of one contact; `by_name` is the
    number each service name had first, to find one service given two numbers."""
    path = contact.path
    phone, email, web = contact.get("phone"), contact.get("email"), contact.get("web")
    if phone is not None:
        _phone(contact, file, findings, by_name)
    if email is not None and not email_ok(email):
        findings.add(
            "bad-email",
            file,
            path + ("email",),
            f"`{email}` is not an "
            "email address (like `name@example.org.uk`); copy it exactly from the "
            "source",
        )
    if web is not None and not web_ok(web):
        findings.add(
            "bad-web",
            file,
            path + ("web",),
            f"`{web}` is not a web address "
            "(like `www.example.org.uk` or `https://example.org/page`, with no name or "
            "port before the host and a real ending); a page the source names without "
            "its address belongs in `page`",
        )
    if contact.get("national"):
        national = digits(phone) if phone is not None else None
        if national not in (None, *NATIONAL_NUMBERS) or email or web:
            findings.add(
                "bad-national",
                file,
                path + ("national",),
                f"only 999 and NHS 111 may be `national: true`, and with a phone "
                f"number alone; remove `national` from `{contact.id}` and give it "
                "a `source`",
            )


def _phone(
    contact: ContactInfo, file: FileContext, findings: Findings, by_name: dict[str, tuple[str, str]]
) -> None:
    path = contact.path
    phone, name = contact.get("phone"), contact.get("name")
    number = digits(phone)
    if not phone_ok(phone):
        findings.add(
            "bad-phone",
            file,
            path + ("phone",),
            f"`{phone}` is not a UK "
            "phone number (10 or 11 digits starting with 0, like `01305 "
            "228866`); copy it exactly from the source",
        )
    elif name is not None:
        key = re.sub(r"\s+", " ", name).strip().casefold()
        if key in by_name and by_name[key][1] != number:
            other, _ = by_name[key]
            findings.add(
                "conflicting-phone",
                file,
                path + ("phone",),
                f"`{name}` has the number `{phone}` here but a "
                f"different one in `{other}`; one service needs one number — "
                "check the source and keep the right one",
            )
        by_name.setdefault(key, (contact.id, number))


def _urgent(
    node: NodeInfo, file: FileContext, catalogue: CatalogueInfo, findings: Findings
) -> None:
    path = node.path + ("outcome",)
    if not node.contacts:
        findings.add(
            "urgent-contact-first",
            file,
            path + ("urgent",),
            "this outcome is "
            "`urgent: true` but lists no contacts; list `emergency-999` (or another "
            "`national: true` contact) first",
            key=True,
        )
        return
    index, first = node.contacts[0]
    contact = catalogue.contacts.get(first)
    if contact is not None and not contact.get("national"):
        national = sorted(c.id for c in catalogue.contacts.values() if c.get("national"))
        suggestion = f"`{national[0]}`" if national else "a `national: true` contact"
        findings.add(
            "urgent-contact-first",
            file,
            path + ("contacts", index),
            f"this outcome is `urgent: true` but its first contact is `{first}`; "
            f"list {suggestion} first, so the urgent route comes first",
        )
