"""`signpost run`, `list` and the menu, through typer's CliRunner (stdin is not a terminal,
so the plain numbered mode is used)."""

import datetime as dt
import json

from conftest import ROOT
from tools_cli import FIXTURE_TREES, signpost
from typer.testing import CliRunner

from signpost.cli import app
from signpost.content.document import long_date

FIXTURES = str(ROOT / "tests" / "fixtures" / "trees")
ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}


def invoke(*args, input=None):
    return CliRunner().invoke(app, ["--trees", FIXTURES, *args], input=input, env=ENV)


def test_scripted_run_json_gives_exact_outcome_and_contacts(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("first: Yes\nsecond: 2\n")
    result = invoke("run", "alpha", "--answers", str(answers), "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["outcome"] == {
        "id": "call-team",
        "tree": "alpha",
        "title": "Call the council team",
        "intro": None,
        "urgent": False,
    }
    assert [c["id"] for c in plan["contacts"]] == ["dorset-send-team", "gp"]
    assert plan["contacts"][0]["phone"] == "01305 228866"
    assert plan["contacts"][0]["email"] == "letstalksend@dorsetcouncil.gov.uk"
    assert plan["steps"][0] == {
        "number": 1,
        "text": "Call the team to agree next steps.",
        "source": {
            "doc": "000_cd7fdd44bcd59a55.txt",
            "title": "Dorset Council answers to parents' questions (attendance, EBSA and mental "
            "health Q&A)",
            "quote": "If you\u2019re struggling and need extra support, please do call 01305 228866.",
            "line": 17,
            "publisher": "Dorset Council",
            "kind": "council-answers",
            "date": None,
            "who": "Dorset Council",
        },
    }
    assert plan["path"] == [
        {
            "tree": "alpha",
            "node": "first",
            "question": "Has your child been in school this week?",
            "answer": "Yes",
        },
        {"tree": "alpha", "node": "second", "question": "Is the school helping?", "answer": "No"},
    ]
    assert plan["reviewed"] == "2026-11-01"


def test_scripted_run_from_stdin_crossing_into_another_tree():
    result = invoke(
        "run", "alpha", "--answers", "-", "--format", "json", input='{"first": 3, "risk": "Yes"}'
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert (plan["outcome"]["tree"], plan["outcome"]["id"], plan["outcome"]["urgent"]) == (
        "beta",
        "urgent",
        True,
    )
    assert [c["id"] for c in plan["contacts"]] == ["emergency-999", "nhs-111", "dorset-send-team"]


def test_a_scripted_run_carries_on_and_the_record_keeps_the_urgent_answer():
    answers = "first: 3\nrisk: {answer: 'Yes', then: 'No'}\n"
    result = invoke("run", "alpha", "--answers", "-", "--format", "json", input=answers)
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["outcome"]["id"] == "kooth" and plan["at_risk"] is True
    assert plan["path"][-1] == {
        "tree": "beta",
        "node": "risk",
        "question": "Is your child in danger right now?",
        "answer": "Yes",
        "carried_on": True,
        "then": None,
    }
    result = invoke("run", "alpha", "--answers", "-", "--format", "markdown", input=answers)
    assert result.stdout.index("## You told us your child may be at risk") < result.stdout.index(
        "## What to do next"
    )
    assert "**Yes (then carried on, once your child was safe)**" in result.stdout
    result = invoke(
        "run", "alpha", "--answers", "-", input="first: 3\nrisk: {answer: 2, then: 1}\n"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "signpost: error: <stdin>: `risk`: `then` carries on after an urgent answer, and this one "
        "is not. Give the answer alone.\n"
    )


def test_scripted_run_markdown_starts_with_urgent_route():
    result = invoke(
        "run", "alpha", "--answers", "-", "--format", "markdown", input="first: 3\nrisk: 1\n"
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "# Get urgent help now\n\nSituation: Alpha situation (continued in: Beta situation)\nDate: "
    )
    urgent = result.stdout.index("## First, if your child is at risk right now")
    steps = result.stdout.index("## What to do next")
    assert urgent < steps
    assert "- **Emergency services (999)**: call 999." in result.stdout


def test_bad_answer_is_one_line_naming_node_and_options():
    result = invoke("run", "alpha", "--answers", "-", input="first: Perhaps\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "signpost: error: <stdin>: the answer 'Perhaps' for `first` is not one of its options. "
        "Give the option's number or label: 1. Yes; 2. No; 3. It is about mental health.\n"
    )


def test_answers_that_are_not_a_mapping():
    result = invoke("run", "alpha", "--answers", "-", input="- 1\n- 2\n")
    assert result.exit_code == 2
    assert result.stderr == (
        "signpost: error: <stdin>: the answers must be a mapping of question id to answer, "
        "for example `talked-to-school: Not yet`\n"
    )


def test_unknown_tree_exit_2_with_suggestion():
    result = invoke("run", "alpah")
    assert result.exit_code == 2
    assert (
        result.stderr == "signpost: error: there is no tree called `alpah`. Did you mean `alpha`?\n"
    )


def test_plain_walk_over_stdin_with_help_back_and_quit():
    # ? shows why we ask; 1 = Yes; b = back to the first question; 2 = No -> outcome; q = Quit
    result = invoke("run", "alpha", input="?\n1\nb\n2\nq\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Why are we asking? This tells us where to begin." in out
    assert (
        "Is the school helping?\n  1. Yes\n  2. No\n  b = back, r = start again, q = quit\n" in out
    )
    # asked again after Back: the answer given before is said
    assert "Has your child been in school this week?\n  (Before, you chose 1. Yes)\n" in out
    # the plan's first screen: title, steps, contacts; sources and answers a key away
    assert (
        "\nTalk to the school\n\nSituation: Alpha situation\nDate: "
        f"{long_date(dt.date.today())}\n\n"
        "What to do next:\n1. Have an honest talk with the school. [1: Dorset Council]\n\n"
        "Who to contact:\n"
        "Dorset Council SEND team (Let's Talk SEND): Talk through your child's situation and "
        "agree the next steps with the council's team.\n"
        "  Phone: 01305 228866\n  Email: letstalksend@dorsetcouncil.gov.uk\n"
        "\nWhat next?\n  1. Save this plan (s)\n  2. Where this comes from (w)\n"
        "  a = your answers, b = back, r = start again, q = quit\n"
    ) in out
    assert "Your answers" not in out and "Where this comes from:" not in out
    assert "**" not in out and "## " not in out  # no markup for a screen reader to read out
    assert out.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")
    assert "Stopped" not in result.output


def test_plain_sources_cite_the_title_and_your_answers_change_any_answer():
    # 1 Yes, 1 Yes -> keep-going; w = sources; a = your answers, 1 = the first answer;
    # 2 = No -> talk-to-school (the second answer no longer applies); a, b = keep them; q
    result = invoke("run", "alpha", input="1\n1\nw\na\n1\n2\na\nb\nq\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "\nWhere this comes from:\n"
        "[1] Dorset Council, in its answers to parents' questions, says: \u201cIt may be useful "
        "to talk to the school about whether they have sought support from the school\u2019s "
        "link educational psychologist\u201d\n"
        "    Dorset Council answers to parents' questions (attendance, EBSA and mental health "
        "Q&A)\n"
    ) in out
    assert ".txt" not in out  # on screen the document's title is enough
    assert (
        "Your answers. Choose one to change it.\n"
        "  1. Has your child been in school this week? \u2014 Yes\n"
        "  2. Is the school helping? \u2014 Yes\n"
        "  b = back\n"
    ) in out
    assert "Has your child been in school this week?\n  (Before, you chose 1. Yes)\n" in out
    assert (
        "Your answers. Choose one to change it.\n"
        "  1. Has your child been in school this week? \u2014 No\n"
        "  b = back\n"
    ) in out
    assert out.count("\nTalk to the school\n") == 1
    assert out.count("\nWhat next?\n") == 4  # after the plan, sources, a change, and keeping


def test_plain_start_again_and_back_go_to_the_menu_when_the_walk_began_there():
    # 1 = Alpha; b = back to the situations; 1 = Alpha; 2 = No -> plan; r = start again
    # -> the menu; q = quit
    result = invoke(input="1\nb\n1\n2\nr\nq\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "  ? = why we ask, b = back to the situations, q = quit\n" in out
    assert out.count("What would you like help with?") == 3
    assert out.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")


def test_plain_start_again_at_a_question_goes_to_the_menu_too():
    # 1 = Alpha; 1 = Yes; r at the second question -> the menu; 1 = Alpha; 2 = No; q
    result = invoke(input="1\n1\nr\n1\n2\nq\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("What would you like help with?") == 2
    assert "\nTalk to the school\n" in result.stdout


def test_plain_start_again_goes_to_the_first_question_with_run_tree():
    result = invoke("run", "alpha", input="2\nr\nq\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "What would you like help with?" not in out
    assert "back to the situations" not in out
    assert out.count("Has your child been in school this week?\n  1. Yes") == 2


def test_plain_carry_on_after_an_urgent_outcome():
    # 3 = mental health -> beta; 1 = in danger -> urgent; c = my child is safe now: carry on
    result = invoke("run", "alpha", input="3\n1\nc\nq\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    first = out.index("\nGet urgent help now\n")
    assert out.index("First, if your child is at risk right now:") > first
    assert "  1. My child is safe now: carry on (c)\n  2. Save this plan (s)\n" in out
    # the only answer that is not urgent is taken: "No" leads to the online support outcome
    assert "\nTry online support\n" in out[first:]
    assert out.index("\nTry online support\n") > first


def test_eof_at_the_menu_after_the_plan_ends_like_quit():
    result = invoke("run", "alpha", input="2\n")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")
    assert result.stderr == ""


def test_plain_walk_rejects_out_of_range_then_accepts():
    result = invoke("run", "alpha", input="9\nx\n2\n4\n")
    assert result.exit_code == 0
    assert result.stdout.count("Please type a number from 1 to 3, or one of ?, q.") == 2


def test_eof_at_a_prompt_stops_with_130_and_no_traceback():
    result = invoke("run", "alpha", input="1\n")
    assert result.exit_code == 130
    assert result.stderr == "Stopped \u2014 nothing was saved.\n"
    assert "Traceback" not in result.output


def test_menu_lists_menu_trees_and_walks_the_choice():
    result = invoke(input="1\n2\nq\n")
    assert result.exit_code == 0, result.output
    assert (
        "What would you like help with?\n  1. Alpha situation \u2014 A small tree for tests.\n"
        "  2. Tell us what is happening, in your own words \u2014 Type a sentence, and we "
        "suggest the plans that may fit.\n  q = quit\n" in result.stdout
    )
    assert "Beta situation" not in result.stdout.split("Alpha situation")[0]  # menu: false
    assert "\nTalk to the school\n" in result.stdout


def test_save_from_the_plan_menu_and_refuse_to_overwrite(tmp_path):
    target = tmp_path / "plan.md"
    result = invoke("run", "alpha", input=f"2\ns\n{target}\nq\n")
    assert result.exit_code == 0, result.output
    saved = target.read_text()
    assert saved.startswith("# Talk to the school\n")
    assert ".txt" not in saved  # documents by title and publisher, never a file name
    # the full path said once when saved (and again in the goodbye), the plan not printed again
    assert result.stdout.split("Goodbye")[0].count(str(target)) == 1
    assert f"Saved your plan to {target}. It stays on this computer only.\n" in result.stdout
    assert result.stdout.count("\nTalk to the school\n") == 1
    assert result.stdout.rstrip().endswith(f"Goodbye. Your plan is saved in {target}.")
    # Again to the same path: asked to replace; say no, then give another name.
    other = tmp_path / "plan2.md"
    result = invoke("run", "alpha", input=f"2\n1\n{target}\nn\n{other}\nq\n")
    assert result.exit_code == 0, result.output
    assert f"{target} already exists. Replace it? (y/N): " in result.stdout
    assert target.read_text() == saved
    assert other.exists()


def test_save_offers_the_documents_folder_in_full(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    name = f"signpost-plan-alpha-{dt.date.today().isoformat()}.md"
    result = invoke("run", "alpha", input="2\ns\n\nq\n")  # Enter takes the default
    assert f"Save the plan as (a file name or path) [{tmp_path / name}]: " in result.stdout
    assert (tmp_path / name).exists()
    (tmp_path / "Documents").mkdir()
    result = invoke("run", "alpha", input="2\ns\n\nq\n")
    assert f"[{tmp_path / 'Documents' / name}]: " in result.stdout
    assert (tmp_path / "Documents" / name).exists()


def test_a_relative_name_is_saved_and_said_as_a_full_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("run", "alpha", input="2\ns\nmine.md\nq\n")
    assert result.exit_code == 0, result.output
    assert f"Saved your plan to {tmp_path / 'mine.md'}. It stays" in result.stdout


def test_save_option_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("keep me")
    result = invoke("run", "alpha", "--answers", "-", "--save", str(target), input="first: 2\n")
    assert result.exit_code == 4
    assert result.stderr == (
        f"signpost: error: {target}: already exists, so it was not replaced. "
        "Choose another name, or add --force to replace it.\n"
    )
    assert target.read_text() == "keep me"
    result = invoke(
        "run", "alpha", "--answers", "-", "--save", str(target), "--force", input="first: 2\n"
    )
    assert result.exit_code == 0
    assert target.read_text().startswith("# Talk to the school\n")
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_save_into_missing_folder(tmp_path):
    target = tmp_path / "nope" / "plan.md"
    result = invoke("run", "alpha", "--answers", "-", "--save", str(target), input="first: 2\n")
    assert result.exit_code == 4
    assert result.stderr == (
        f"signpost: error: {target}: the folder {target.parent} does not "
        "exist. Create it first or choose another place.\n"
    )


def test_nothing_is_written_unless_asked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("run", "alpha", input="2\nq\n")
    assert result.exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_list_json_and_table():
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["version"], data["broken"]) == (1, [])
    rows = data["trees"]
    assert [r["id"] for r in rows] == ["alpha", "beta", "loop"]
    assert rows[0] == {
        "id": "alpha",
        "title": "Alpha situation",
        "summary": "A small tree for tests.",
        "audience": ["parents"],
        "reviewed": "2026-11-01",
    }
    table = invoke("list")
    assert table.exit_code == 0
    assert table.stdout == (
        "id     situation                                                 for                     reviewed\n"
        "-----  --------------------------------------------------------  ----------------------  ----------\n"
        "alpha  Alpha situation                                           parents                 2026-11-01\n"
        "       A small tree for tests.\n"
        "\n"
        "beta   Beta situation                                            parents, professionals  2026-10-01\n"
        "       Linked from alpha.\n"
        "\n"
        "loop   Loop                                                      parents                 2026-10-01\n"
        "       Links back into itself through another tree.\n"
        "\n"
        "3 trees. Start one with: signpost run ID\n"
    )


def test_list_of_one_tree_says_one_tree(tmp_path):
    for name in ("beta.yaml", "contacts.yaml"):
        (tmp_path / name).write_bytes((ROOT / "tests" / "fixtures" / "trees" / name).read_bytes())
    result = CliRunner().invoke(app, ["--trees", str(tmp_path), "list"], env=ENV)
    assert result.stdout.endswith("\n\n1 tree. Start one with: signpost run ID\n")


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == "signpost 0.1.0\n"


def test_a_broken_tree_is_one_line_with_position(tmp_path):
    (tmp_path / "bad.yaml").write_text("id: bad\nnodes: [\n")
    result = CliRunner().invoke(app, ["--trees", str(tmp_path), "run", "bad"], env=ENV)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"signpost: error: {tmp_path / 'bad.yaml'}:3:1: ")
    assert result.stderr.count("\n") == 1


def test_text_format_off_a_terminal_is_plain_text():
    result = invoke("run", "alpha", "--answers", "-", input="first: 1\nsecond: 1\n")
    assert result.exit_code == 0
    assert result.stdout == (
        "Keep working with the school\n"
        "\n"
        "Situation: Alpha situation\n"
        f"Date: {long_date(dt.date.today())}\n"
        "\n"
        "You are doing the right things.\n"
        "\n"
        "What to do next:\n"
        "1. Ask about the link educational psychologist. [1: Dorset Council]\n"
        "\n"
        "Where this comes from:\n"
        "[1] Dorset Council, in its answers to parents' questions, says: \u201cIt may be "
        "useful to talk to the school about whether they have sought support "
        "from the school\u2019s link educational psychologist\u201d\n"
        "    Dorset Council answers to parents' questions (attendance, EBSA and mental health "
        "Q&A)\n"
        "\n"
        "Your answers:\n"
        "Has your child been in school this week? Yes\n"
        "Is the school helping? Yes\n"
        "\n"
        "About the dates: this guide was last checked against its sources on 1 November 2026. "
        "That is not when the sources were written. The sources give no date of their own, so "
        "things may have changed since. Check with a service before you rely on it.\n"
        "\n"
        "Made with signpost 0.1.0, which stores and sends nothing unless you save the plan.\n"
    )


def test_stopping_after_saving_says_where_the_plan_is(tmp_path):
    target = tmp_path / "plan.md"
    result = invoke("run", "alpha", input=f"2\ns\n{target}\nr\n")  # then end of input
    assert result.exit_code == 130
    assert result.stderr == f"Stopped. Your plan was saved to {target}.\n"
    other = tmp_path / "plan2.md"
    result = invoke("run", "alpha", input=f"2\ns\n{other}\nr\nq\n")  # save, start again, quit
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith(f"Goodbye. Your plan is saved in {other}.")


def test_one_broken_tree_does_not_hide_the_others(tmp_path):
    import shutil

    trees = tmp_path / "trees"
    shutil.copytree(FIXTURE_TREES, trees)
    # a problem of signpost's own wording, not the YAML parser's (which may change)
    (trees / "beta.yaml").write_text("id: beta\ntitle: Beta\n", encoding="utf-8")
    line = (
        f"signpost: {trees}/beta.yaml:1:1 cannot be read (the key `reviewed` is missing), so it "
        f"is not shown here; run `signpost lint {trees}/beta.yaml` for the details.\n"
    )
    table = signpost("--trees", str(trees), "list", fixtures=False)
    assert table.exit_code == 0
    assert [row.split()[0] for row in table.stdout.splitlines()[2::3]] == ["alpha", "loop", "2"]
    assert table.stderr == line
    listed = signpost("--trees", str(trees), "list", "--format", "json", fixtures=False)
    data = json.loads(listed.stdout)
    assert [t["id"] for t in data["trees"]] == ["alpha", "loop"]
    assert data["broken"] == [f"{trees}/beta.yaml"]
    menu = signpost("--trees", str(trees), "--plain", input="1\n2\n", fixtures=False)
    assert menu.stdout.startswith(line.removeprefix("signpost: "))
    assert "  1. Alpha situation \u2014 A small tree for tests.\n  2. Tell us" in menu.stdout
    assert "\nTalk to the school\n" in menu.stdout  # the walk goes on as usual


def test_quit_at_the_menu_of_situations_is_calm():
    result = invoke(input="q\n")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")
    assert result.stderr == ""


def test_list_on_a_narrow_terminal_puts_each_part_under_the_id():
    result = CliRunner().invoke(app, ["--trees", FIXTURES, "list"], env={**ENV, "COLUMNS": "40"})
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "alpha\n  Alpha situation\n  A small tree for tests.\n"
        "  for parents; reviewed 2026-11-01\n\nbeta\n"
    )
    assert max(len(line) for line in result.stdout.splitlines()) <= 40


def test_debug_does_not_stick_to_the_next_run_in_the_same_process(monkeypatch):
    from signpost.walk import plan as plan_module

    def bug(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(plan_module, "make_plan", bug)
    args = ["--trees", FIXTURES, "run", "alpha", "--answers", "-"]
    debugged = CliRunner().invoke(app, ["--debug", *args], input="first: 2\n", env=ENV)
    assert isinstance(debugged.exception, RuntimeError)  # the traceback, with --debug
    again = CliRunner().invoke(app, args, input="first: 2\n", env=ENV)
    assert again.exit_code == 70  # one line asking for a report, as without --debug
    assert again.stderr.startswith("signpost: internal error: RuntimeError: boom.")
    assert "Traceback" not in again.output
