"""`signpost contacts`: the catalogue as a table and JSON, filtered by words."""

import json

from tools_cli import signpost


def test_query_filters_and_the_table_shows_every_detail():
    result = signpost("contacts", "dorset", "send")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == """\
contact                     \u2503 phone        \u2503 email / web                       \u2503 for                       
\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2547\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2547\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2547\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501
Dorset Council SEND team    \u2502 01305 228866 \u2502 letstalksend@dorsetcouncil.gov.uk \u2502 Talk through your child's 
(Let's Talk SEND)           \u2502              \u2502                                   \u2502 situation and agree the   
[dorset-send-team]          \u2502              \u2502                                   \u2502 next steps with the       
                            \u2502              \u2502                                   \u2502 council's team.           
\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
NHS Dorset \u2013 the council's  \u2502              \u2502 send@nhsdorset.nhs.uk             \u2502 Ask them what help there  
health colleagues           \u2502              \u2502                                   \u2502 is, for example when other
[nhs-dorset-send]           \u2502              \u2502                                   \u2502 routes have said no.      
\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u253c\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
Dorset SEND Local Offer     \u2502              \u2502 search for \u201cDorset SEND Local     \u2502 Information, resources and
[local-offer]               \u2502              \u2502 Offer\u201d                            \u2502 local and national support
                            \u2502              \u2502                                   \u2502 for families of children  
                            \u2502              \u2502                                   \u2502 with SEND.                
3 contacts.
"""
    )


def test_json_uses_the_plan_contact_fields():
    result = signpost("contacts", "Kooth", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "query": "Kooth",
        "contacts": [
            {
                "id": "kooth",
                "name": "Kooth",
                "for": "Free online therapy for young people.",
                "phone": None,
                "email": None,
                "web": "kooth.com",
                "page": None,
                "national": False,
            }
        ],
    }


def test_every_contact_without_a_query():
    data = json.loads(signpost("contacts", "--format", "json").stdout)
    assert data["query"] is None
    assert len(data["contacts"]) == 21
    assert [c["id"] for c in data["contacts"][:3]] == [
        "emergency-999",
        "nhs-111",
        "dorset-send-team",
    ]
    assert signpost("contacts").stdout.endswith("\n21 contacts.\n")


def test_no_match_says_what_to_do():
    result = signpost("contacts", "zebra")
    assert (result.exit_code, result.stdout) == (
        0,
        "No contact mentions \u201czebra\u201d. Try one word, or run `signpost contacts` "
        "to see them all.\n",
    )


def test_narrow_terminal_lists_contacts_with_details_whole():
    from tools_cli import FIXTURE_TREES
    from typer.testing import CliRunner

    from signpost.cli import app

    result = CliRunner().invoke(
        app,
        ["--trees", str(FIXTURE_TREES), "contacts", "dorset", "send"],
        env={"TERM": "dumb", "COLUMNS": "60", "NO_COLOR": "1"},
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Dorset Council SEND team (Let's Talk SEND) [dorset-send-team]\n"
        "  Phone: 01305 228866\n"
        "  Email: letstalksend@dorsetcouncil.gov.uk\n"
    )
    assert result.stdout.endswith("3 contacts.\n")
