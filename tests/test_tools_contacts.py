"""`signpost contacts`: the catalogue as a table and JSON, filtered by words."""

import json

from tools_cli import signpost


def test_query_filters_and_the_list_shows_every_detail():
    result = signpost("contacts", "dorset", "send")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Dorset Council SEND team (Let's Talk SEND) [dorset-send-team]\n"
        "  Phone: 01305 228866\n"
        "  Email: letstalksend@dorsetcouncil.gov.uk\n"
        "  Talk through your child's situation and agree the next steps with the council's "
        "team.\n"
        "NHS Dorset \u2013 the council's health colleagues [nhs-dorset-send]\n"
        "  Email: send@nhsdorset.nhs.uk\n"
        "  Ask them what help there is, for example when other routes have said no.\n"
        "Dorset SEND Local Offer [local-offer]\n"
        "  Web page: search for \u201cDorset SEND Local Offer\u201d\n"
        "  Information, resources and local and national support for families of children "
        "with SEND.\n"
        "3 contacts.\n"
    )
    assert "-\n" not in result.stdout  # no dash standing in for a missing detail


def test_the_same_list_at_every_width_in_a_pipe():
    from typer.testing import CliRunner

    from signpost.cli import app

    outputs = {
        CliRunner().invoke(app, ["contacts"], env={"COLUMNS": str(width), "NO_COLOR": "1"}).stdout
        for width in (40, 100, 200)
    }
    assert len(outputs) == 1
    assert "  Phone: 01305 228866\n  Email: letstalksend@dorsetcouncil.gov.uk\n" in outputs.pop()


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
                "ask_for": None,
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


def test_the_filter_is_a_plain_function_over_the_catalogue():
    from signpost.content.model import Contact
    from signpost.reports.contacts import contacts_dict, count_line, find_contacts

    catalogue = [
        Contact("gp", "Your GP", "Health worries.", phone="0300 1"),
        Contact("kooth", "Kooth", "Online therapy.", web="kooth.com"),
    ]
    assert find_contacts(catalogue, []) == catalogue
    assert find_contacts(catalogue, ["KOOTH.com"]) == [catalogue[1]]
    assert find_contacts(catalogue, ["your health"]) == [catalogue[0]]  # every word
    assert find_contacts(catalogue, ["your", "kooth"]) == []
    assert contacts_dict([], ["x", "y"])["query"] == "x y"
    assert (count_line(catalogue[:1]), count_line(catalogue)) == ("1 contact.", "2 contacts.")
