"""unreachable-contact and `ask-for`: a contact under "Who to contact" can be reached,
or says how to reach the role; the model keeps `ask-for` for the screens."""

from helpers import lint_folder, small_tree, write

from signpost.content.model import build_contacts
from signpost.content.yamlfile import load_file

CATALOGUE = """\
contacts:
  senco:
    name: Your child's school SENCO
    for: Support at school.
{ask}    source:
      doc: 000_cd7fdd44bcd59a55.txt
      quote: "SENCOs (Special Educational Needs Co-ordinators)"
  team:
    name: Locality teams
    for: Contact details for the locality teams.
    page: Locality teams in Dorset - Dorset Council
    source:
      doc: 001_65b7c983f0e9fb53.txt
      quote: "You can find contact details for the locality teams on this page"
"""
ON = ("toml", '[lint.rules]\nunreachable-contact = "error"\n')


def run(tmp_path, ask: str) -> str:
    write(
        tmp_path,
        {
            ".signpost.toml": ON,
            "trees/example.yaml": ("yaml", small_tree(contacts="[senco, team]")),
            "trees/contacts.yaml": ("yaml", CATALOGUE.format(ask=ask)),
        },
    )
    return lint_folder(tmp_path)


def test_a_role_with_no_details_and_no_ask_for_is_named_where_it_is_listed(tmp_path):
    assert run(tmp_path, "") == (
        "trees/example.yaml:23:18: error [unreachable-contact] `senco` is listed under "
        '"Who to contact" but contacts.yaml gives no way to reach it (no phone, email, web '
        "or page); list a contact the family can reach instead, or, if it is a role to ask "
        "for, say how to reach it in its `ask-for` (\"Ask your child's school for its "
        'SENCO.")\n'
    )


def test_ask_for_makes_a_role_reachable_and_the_model_keeps_it(tmp_path):
    ask = "    ask-for: Ask your child's school for its SENCO.\n"
    assert run(tmp_path, ask) == ""
    contacts = build_contacts(load_file(tmp_path / "trees" / "contacts.yaml"))
    assert contacts["senco"].ask_for == "Ask your child's school for its SENCO."
    assert contacts["team"].ask_for is None


def test_ask_for_must_be_text(tmp_path):
    output = run(tmp_path, "    ask-for: true\n")
    assert "[unquoted-boolean] `ask-for` reads as true, not text" in output
