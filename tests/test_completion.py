"""Shell completion through typer: the script for the user's shell, and the answers the
shell asks for when TAB is pressed, for bash, zsh and fish."""

import os
import subprocess
import sys
from pathlib import Path


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "signpost", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_help_offers_completion():
    result = run({"COLUMNS": "80"}, "--help")
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout


def in_bash(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run signpost as a child of bash, as a user's shell runs it: typer finds the shell
    to write for by looking at the parent processes, which under CI may be no shell."""
    line = " ".join([sys.executable, "-m", "signpost", *args])
    return subprocess.run(
        ["bash", "-c", f"{line}; exit $?"],  # `; exit`: bash forks, so it stays the parent
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_show_completion_prints_a_bash_script():
    result = in_bash({}, "--show-completion")
    assert result.returncode == 0, result.stderr
    assert "_signpost_completion()" in result.stdout
    assert "complete -o default -F _signpost_completion signpost" in result.stdout


def test_install_completion_writes_to_the_shell_settings(tmp_path):
    result = in_bash({"HOME": str(tmp_path)}, "--install-completion")
    assert result.returncode == 0, result.stderr
    assert "bash completion installed" in result.stdout
    assert "_signpost_completion" in (tmp_path / ".bash_completions" / "signpost.sh").read_text()


def test_bash_completes_command_names():
    result = run(
        {"_SIGNPOST_COMPLETE": "complete_bash", "COMP_WORDS": "signpost li", "COMP_CWORD": "1"}
    )
    assert result.stdout.split() == ["list", "lint"]


def test_zsh_completes_command_names_with_their_help():
    result = run({"_SIGNPOST_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "signpost li"})
    assert '"list":"List the situations (trees) with their ids."' in result.stdout
    assert '"lint":"Check trees and the contacts catalogue, as..."' in result.stdout


def test_fish_completes_command_names_with_their_help():
    result = run(
        {
            "_SIGNPOST_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "signpost li",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert result.stdout.splitlines() == [
        "list\tList the situations (trees) with their ids.",
        "lint\tCheck trees and the contacts catalogue, as...",
    ]


def test_completing_an_option_value_lists_its_choices():
    result = run(
        {
            "_SIGNPOST_COMPLETE": "complete_bash",
            "COMP_WORDS": "signpost list --format ",
            "COMP_CWORD": "3",
        }
    )
    assert result.stdout.split() == ["table", "json"]


def test_bash_completes_tree_ids_from_the_trees_folder():
    env = {"_SIGNPOST_COMPLETE": "complete_bash", "COMP_CWORD": "2"}
    result = run({**env, "COMP_WORDS": "signpost show not-"})
    assert result.stdout.split() == ["not-attending"]
    fixtures = str(Path(__file__).parent / "fixtures" / "trees")
    result = run({**env, "COMP_WORDS": "signpost paths ", "SIGNPOST_TREES": fixtures})
    assert result.stdout.split() == ["alpha", "beta", "loop"]


def test_bash_completes_rule_names_and_groups():
    env = {"_SIGNPOST_COMPLETE": "complete_bash", "COMP_CWORD": "3"}
    result = run({**env, "COMP_WORDS": "signpost lint --explain quote-n"})
    assert result.stdout.split() == ["quote-not-found"]
    result = run({**env, "COMP_WORDS": "signpost lint --select graph,unknown-c"})
    assert result.stdout.split() == ["graph,unknown-contact"]
    result = run({**env, "COMP_WORDS": "signpost lint --ignore prov"})
    assert result.stdout.split() == ["provenance"]


def test_install_completion_in_an_odd_home_is_one_line(tmp_path):
    """Red team round 3 M8: typer's installer raised FileExistsError or IsADirectoryError
    (a traceback, exit 1) when HOME was a file or ~/.bashrc a folder."""
    homefile = tmp_path / "homefile"
    homefile.write_text("x")
    folder_rc = tmp_path / "home"
    (folder_rc / ".bashrc").mkdir(parents=True)
    file_completions = tmp_path / "home2"
    file_completions.mkdir()
    (file_completions / ".bash_completions").write_text("x")
    for home in (homefile, folder_rc, file_completions):
        result = in_bash({"HOME": str(home)}, "--install-completion")
        assert result.returncode == 4, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(f"signpost: error: cannot write {home}")
        assert result.stderr.endswith(
            "Check that folder, or add the completion by hand: signpost --show-completion\n"
        )
        assert result.stderr.count("\n") == 1
