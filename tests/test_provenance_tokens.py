"""Provenance on whole tokens (issue 23, red team round 3 H4 and M1): a phone number is
found only where a source writes that number, an email only as a whole address, a web
address only by a whole host a source gives and never with a name before its host.

The property test mutates every contact value in the shipped catalogue (a digit
changed or dropped, a host's leading label dropped, an email's local part cut, a name
put before the host) and checks lint fails on each.
"""

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from tools_cli import signpost

from signpost.content.library import Library
from signpost.content.sources import Sources, phone_key, web_parts
from signpost.lint.config import Config
from signpost.lint.engine import lint
from signpost.reports import site

SEEDS = ROOT / "seeds"
CATALOGUE = (ROOT / "trees" / "contacts.yaml").read_text(encoding="utf-8")
SOURCES = Sources(SEEDS)


def lint_catalogue(tmp_path: Path, text: str) -> list[str]:
    """The errors lint finds in `text` as a catalogue on its own, against the seeds."""
    folder = tmp_path / "trees"
    folder.mkdir(exist_ok=True)
    (folder / "contacts.yaml").write_text(text, encoding="utf-8")
    report = lint([folder], Config(seeds=SEEDS))
    return [f"{d.rule}: {d.message}" for d in report.diagnostics if d.severity.value == "error"]


def test_the_shipped_catalogue_passes_on_its_own(tmp_path):
    assert lint_catalogue(tmp_path, CATALOGUE) == []


def _digit_mutations(value: str) -> set[str]:
    out = set()
    for at, char in enumerate(value):
        if char.isdigit():
            out.add(value[:at] + str((int(char) + 1) % 10) + value[at + 1 :])
            out.add(value[:at] + value[at + 1 :])
    return out


def mutations(field: str, value: str) -> set[str]:
    value = str(value)
    if field == "phone":
        return _digit_mutations(value)
    if field == "email":
        local, domain = value.split("@", 1)
        out = {value[cut:] for cut in range(1, len(local))}  # the local part cut
        out |= {f"{local}@{domain.split('.', 1)[1]}"}  # a label of the domain dropped
        return out
    labels = value.split("/", 1)[0].split(".")
    out = {".".join(labels[drop:]) for drop in range(1, len(labels))}
    out |= {f"dorsetcouncil.gov.uk@{value}", f"{value}@evil.example", f"www.{value}"}
    out |= {value.replace(labels[-2], labels[-2][1:], 1)}  # a host label cut short
    return out


def _values() -> list[tuple[str, str, str]]:
    data = yaml.safe_load(CATALOGUE)
    return [
        (cid, field, str(entry[field]))
        for cid, entry in data["contacts"].items()
        if not entry.get("national")
        for field in ("phone", "email", "web")
        if field in entry
    ]


@pytest.mark.parametrize(("cid", "field", "value"), _values(), ids=lambda v: str(v))
def test_every_mutation_of_a_shipped_contact_value_fails_lint(tmp_path, cid, field, value):
    changed = mutations(field, value) - {value}
    assert changed
    passed = []
    for mutant in sorted(changed):
        text = re.sub(
            rf"(\n  {re.escape(cid)}:\n(?:    .*\n)*?    {field}: ){re.escape(value)}\n",
            lambda m, mutant=mutant: f'{m.group(1)}"{mutant}"\n',
            CATALOGUE,
        )
        assert text != CATALOGUE
        if not lint_catalogue(tmp_path, text):
            passed.append(mutant)
    assert passed == []


@pytest.mark.parametrize(
    ("kind", "value", "found"),
    [
        ("phone", "01305 228558", True),
        ("phone", "+44 1305 228558", True),
        ("phone", "01952 020202", False),  # digits of "2019 ... 5 % ... 2020" in one doc
        ("phone", "01305 228559", False),
        ("phone", "2019", True),  # a year is a number as written; bad-phone refuses it
        ("email", "letstalksend@dorsetcouncil.gov.uk", True),
        ("email", "LetsTalkSEND@dorsetcouncil.gov.uk", True),
        ("email", "talksend@dorsetcouncil.gov.uk", False),
        ("email", "letstalksend@dorsetcouncil.gov", False),
        ("web", "kooth.com", True),
        ("web", "https://kooth.com/", True),
        ("web", "ooth.com", False),
        ("web", "h.com", False),
        ("web", "www.kooth.com", False),
        ("web", "dorsetcouncil.gov.uk@evil.example/x", False),
        ("web", "www.nhs.uk.evil.example", False),
        ("web", "www.nhs.uk", True),
        ("web", "nhs.uk", False),
        ("web", "nhsdorset.nhs.uk", False),  # only the domain of an email address
    ],
)
def test_whole_tokens(kind, value, found):
    find = {"phone": SOURCES.find_phone, "email": SOURCES.find_email, "web": SOURCES.find_web}
    assert (find[kind](value) is not None) is found


def test_phone_keys_and_web_parts():
    assert phone_key("+44 (0)1305 228866") == "01305228866"
    assert phone_key("01305 228866") == "01305228866"
    assert web_parts("HTTPS://Kooth.com/") == ("kooth.com", "")
    assert web_parts("a.uk@evil.example/x") is None
    assert web_parts("kooth.com:8080") is None


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("phone", "01952 020202", "unsourced-detail"),
        ("web", "ooth.com", "unsourced-detail"),
        ("email", "talksend@dorsetcouncil.gov.uk", "unsourced-detail"),
        ("web", "www.nhs.uk.evil.example", "bad-web"),
        ("web", "dorsetcouncil.gov.uk@evil.example/x", "bad-web"),
    ],
)
def test_lint_refuses_the_red_team_values(tmp_path, field, value, rule):
    cid = {"phone": "family-support-line", "web": "kooth", "email": "dorset-send-team"}[field]
    old = {"phone": "01305 228558", "web": "kooth.com"}.get(
        field, "letstalksend@dorsetcouncil.gov.uk"
    )
    text = re.sub(
        rf"(\n  {cid}:\n(?:    .*\n)*?    {field}: ){re.escape(old)}\n",
        lambda m: f'{m.group(1)}"{value}"\n',
        CATALOGUE,
    )
    assert text != CATALOGUE
    errors = lint_catalogue(tmp_path, text)
    assert any(e.startswith(f"{rule}: ") for e in errors), errors


def test_the_site_never_links_an_address_with_a_name_before_its_host(tmp_path):
    trees = tmp_path / "trees"
    trees.mkdir()
    for path in (ROOT / "tests" / "fixtures" / "trees").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "contacts.yaml":
            text = text.replace("web: kooth.com", 'web: "dorsetcouncil.gov.uk@evil.example/x"')
        (trees / path.name).write_text(text, encoding="utf-8")
    assert "evil.example" in (trees / "contacts.yaml").read_text()
    out = tmp_path / "out"
    site.build_site(Library(trees, SEEDS), out)
    pages = " ".join(p.read_text() for p in out.rglob("*.html"))
    assert "dorsetcouncil.gov.uk@evil.example/x" in pages  # shown as text
    assert 'href="https://dorsetcouncil.gov.uk@' not in pages


def test_lint_of_the_shipped_trees_still_passes():
    result = signpost("lint", str(ROOT / "trees"), fixtures=False)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Call 01952.020202 today.", "01952 020202"),
        ("Call (01952) 020202 today.", "01952 020202"),
        ("Call 01952\u2013020202 today.", "01952 020202"),
        ("Call \uff10\uff11\uff19\uff15\uff12 \uff10\uff12\uff10\uff12\uff10\uff12.", None),
        ("Call 01952\u200b020202 today.", None),
    ],
)
def test_a_phone_number_however_written_is_checked(tmp_path, text, found):
    """Found while hunting: a number in a step written with dots, brackets, a dash,
    fullwidth digits or a zero-width space was not seen as a number at all, so lint
    passed it though no source gives it."""
    trees = tmp_path / "trees"
    trees.mkdir()
    for path in (ROOT / "tests" / "fixtures" / "trees").glob("*.yaml"):
        (trees / path.name).write_bytes(path.read_bytes())
    alpha = trees / "alpha.yaml"
    old = "- text: Have an honest talk with the school."
    source = alpha.read_text(encoding="utf-8")
    assert old in source
    alpha.write_text(source.replace(old, f"- text: {json.dumps(text)}"), encoding="utf-8")
    report = lint([trees], Config(seeds=SEEDS))
    errors = [d for d in report.diagnostics if d.severity.value == "error"]
    assert errors, "lint passed an invented number"
    if found:
        assert any(f"the phone number `{found}` is not in any source" in d.message for d in errors)
    same = text.replace("01952", "01305").replace("020202", "228866")
    alpha.write_text(source.replace(old, f"- text: {json.dumps(same)}"), encoding="utf-8")
    if "\u200b" not in same and "\uff10" not in same:
        report = lint([trees], Config(seeds=SEEDS))
        assert not [d for d in report.diagnostics if d.rule == "unsourced-detail"]
