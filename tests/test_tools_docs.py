"""Every command is documented: in the README's table, in docs/commands.md, with help text."""

import re

import pytest
from conftest import ROOT
from tools_cli import signpost

from signpost.cli import app

COMMANDS = sorted(
    info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands
)
README = (ROOT / "README.md").read_text(encoding="utf-8")
REFERENCE = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")


def test_the_commands_are_the_ones_we_know():
    assert {"run", "list", "show", "graph", "paths", "test", "search", "contacts", "export"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme_table(name):
    assert re.search(rf"^\| `signpost {name}( [^`]*)?` \|", README, re.M), name


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_command_reference(name):
    reference = REFERENCE.split("## Command reference", 1)[1]
    assert re.search(rf"^### `signpost {name}( [^`]*)?`$", reference, re.M), name


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name):
    result = signpost(name, "--help", fixtures=False)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: signpost {name} ")
    assert re.search(rf"Examples?:\s+signpost {name}\b", result.stdout), result.stdout


def test_readme_links_to_the_reference():
    assert "(docs/commands.md#command-reference)" in README


def test_readme_scripted_example_reaches_an_outcome():
    line = next(line for line in README.splitlines() if line.startswith("echo '{"))
    answers = line.split("'")[1]
    tree = line.split("signpost run ")[1].split()[0]
    result = signpost(
        "run", tree, "--answers", "-", "--format", "markdown", input=answers, fixtures=False
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Start with an honest conversation with the school\n")


def test_readme_exit_codes_are_exactly_the_ones_signpost_uses():
    from signpost.errors import ExitStatus

    table = README.split("## Exit codes", 1)[1].split("\n\n", 2)[1]
    documented = [int(row.split("|")[1]) for row in table.splitlines()[2:]]
    assert documented == sorted(int(status) for status in ExitStatus)
