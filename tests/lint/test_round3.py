"""Each issue-25 and issue-24 check, run on the trees the round-3 content reviews read
(`round3/trees`, a copy of the shipped trees at fd0a62c), finds the findings of its
class that the reviews named: the check would have caught them.

`expected.txt` is the exact output of these checks on that copy (SIGNPOST_UPDATE_DOCS=1
rewrites it; read the diff); `CAUGHT` names, for each review finding, the line that
catches it.
"""

import os
from functools import cache
from pathlib import Path

from helpers import AS_OF, ROOT

from signpost.lint import lint, load_config
from signpost.lint.formats import concise

HERE = Path(__file__).parent / "round3"
CHECKS = (
    "mixed-voices",
    "not-an-answer",
    "short-quote",
    "unnamed-group",
    "risk-question",
    "unreachable-contact",
    "unexplained-word",
    "long-sentence",
    "hard-to-read",
)
SETTINGS = Path(__file__).parent / "issue25.toml"  # the repository's, with these checks on

# review finding -> (file:line, rule) of the diagnostic that catches it
CAUGHT = {
    "A F1: ap-out-of-school step 1 quotes the parent's question as the council's words": (
        "trees/alternative-provision.yaml:210",
        "mixed-voices",
    ),
    "B F3: crisis-help step 3 quotes the parent's question (000:121) as the council's": (
        "trees/mental-health.yaml:121",
        "mixed-voices",
    ),
    "B F4: missed-education step 1 quotes the parent's complaint as the council's": (
        "trees/not-attending.yaml:404",
        "mixed-voices",
    ),
    "B F1 (serious): bullying-safety asks about harm but never about suicide or self-harm": (
        "trees/school-not-helping.yaml:43",
        "risk-question",
    ),
    "A Q4: alternative-provision (excluded, long out of school) never asks about risk": (
        "trees/alternative-provision.yaml:18",
        "risk-question",
    ),
    "A Q4: home-education (pressure to take a child off the roll) never asks": (
        "trees/home-education.yaml:14",
        "risk-question",
    ),
    "A Q4: the whole EHC needs assessment tree never asks": (
        "trees/ehc-needs-assessment.yaml:20",
        "risk-question",
    ),
    "B P3: specialist-provision never asks": (
        "trees/specialist-provision.yaml:19",
        "risk-question",
    ),
    "B P3 / F23: support-in-school's masking route never asks": (
        "trees/support-in-school.yaml:14",
        "risk-question",
    ),
    "B P3: school-not-helping/what-is-happening never asks": (
        "trees/school-not-helping.yaml:14",
        "risk-question",
    ),
    "A F4: ap-interim-review's contacts: the SEND Provision Lead has no details": (
        "trees/alternative-provision.yaml:119",
        "unreachable-contact",
    ),
    "A F4: ap-keep-links's only contact is the SEND Provision Lead": (
        "trees/alternative-provision.yaml:152",
        "unreachable-contact",
    ),
    "A F4: plan-part-time-education's only contact is the SEND Provision Lead": (
        "trees/health-needs.yaml:132",
        "unreachable-contact",
    ),
    "A F4: ask-for-an-interim-review's only contact is the SEND Provision Lead": (
        "trees/health-needs.yaml:209",
        "unreachable-contact",
    ),
    "A F5: call-send-team's Locality Inclusion Lead with no way to reach them": (
        "trees/council-help.yaml:218",
        "unreachable-contact",
    ),
    "B F14 / P2: locality-inclusion-lead lists TADSS, a service for schools": (
        "trees/school-not-helping.yaml:86",
        "unreachable-contact",
    ),
    "B F19 / P2: no-place-outreach lists TADSS and Dorset Learning Centres": (
        "trees/specialist-provision.yaml:218",
        "unreachable-contact",
    ),
    "B P2: get-extra-support-for-return lists Dorset Learning Centres": (
        "trees/not-attending.yaml:216",
        "unreachable-contact",
    ),
    "issue 25 words: stimming": (
        "trees/school-not-helping.yaml:18",
        "unexplained-word",
    ),
    "issue 25 words: mainstream (plan-being-drafted, P5)": (
        "trees/ehc-needs-assessment.yaml:210",
        "unexplained-word",
    ),
    "issue 25 words: safeguarding": (
        "trees/not-attending.yaml:348",
        "unexplained-word",
    ),
    "issue 25 words: Early Help": (
        "trees/not-attending.yaml:26",
        "unexplained-word",
    ),
    "issue 25 words: social prescriber": (
        "trees/mental-health.yaml:4",
        "unexplained-word",
    ),
    "issue 25 words: care coordinator": (
        "trees/camhs-refused.yaml:112",
        "unexplained-word",
    ),
    "issue 25 words: flexi-schooling": (
        "trees/home-education.yaml:215",
        "unexplained-word",
    ),
    "issue 25 words: SEND Code of Practice": (
        "trees/home-education.yaml:135",
        "unexplained-word",
    ),
    "issue 25 words: authorise an absence": (
        "trees/attendance-and-illness.yaml:80",
        "unexplained-word",
    ),
    "issue 25 words: key worker": (
        "trees/preparing-for-adulthood.yaml:4",
        "unexplained-word",
    ),
    "issue 25 words: inclusion hub": (
        "trees/specialist-provision.yaml:3",
        "unexplained-word",
    ),
    "issue 25 words: alternative provision (specialist-provision)": (
        "trees/specialist-provision.yaml:25",
        "unexplained-word",
    ),
    "issue 25 words: neurodiverse": (
        "trees/support-in-school.yaml:131",
        "unexplained-word",
    ),
    "issue 25 words: High Needs Funding": (
        "trees/ehc-needs-assessment.yaml:236",
        "unexplained-word",
    ),
    "A P1: the 15-day sentence (29 words), attendance-and-illness/education-while-off": (
        "trees/attendance-and-illness.yaml:222",
        "long-sentence",
    ),
    "A P1: the 15-day sentence, health-needs/arrange-education-while-away": (
        "trees/health-needs.yaml:142",
        "long-sentence",
    ),
    "A P1: the 15-day sentence (28 words), alternative-provision/ap-out-of-school": (
        "trees/alternative-provision.yaml:212",
        "long-sentence",
    ),
    "B hardest 1: ask-for-specialist-advice step 4, two conditions (28 words)": (
        "trees/school-not-helping.yaml:105",
        "long-sentence",
    ),
    "B hardest 2: missed-education step 2 (28 words)": (
        "trees/not-attending.yaml:406",
        "long-sentence",
    ),
    "B hardest 5: not-a-parenting-problem step 1, 'safeguarding'": (
        "trees/not-attending.yaml:348",
        "unexplained-word",
    ),
}


@cache
def round3_output() -> str:
    config = load_config(ROOT, SETTINGS).with_overrides(as_of=AS_OF, seeds=ROOT / "seeds")
    here = os.getcwd()
    os.chdir(HERE)
    try:
        report = lint([Path("trees")], config)
    finally:
        os.chdir(here)
    lines = concise(report).splitlines()
    return "".join(line + "\n" for line in lines if line.split("[", 1)[-1].split("]")[0] in CHECKS)


def test_the_checks_give_exactly_the_expected_findings_on_the_reviewed_trees():
    output = round3_output()
    expected = HERE / "expected.txt"
    if os.environ.get("SIGNPOST_UPDATE_DOCS") == "1":
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")


def test_each_review_finding_of_a_checked_class_is_caught():
    found = {
        (line.split(":")[0] + ":" + line.split(":")[1], line.split("[", 1)[1].split("]")[0])
        for line in round3_output().splitlines()
    }
    missed = [finding for finding, where in CAUGHT.items() if where not in found]
    assert missed == []


def test_the_reviewed_trees_are_as_the_reviewers_read_them():
    """`round3/trees` is a record: SHA256SUMS was written when it was copied from
    fd0a62c (`git archive fd0a62c trees`); a change to it would move the goalposts."""
    import hashlib

    sums = dict(
        reversed(line.split("  ", 1))
        for line in (HERE / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    )
    files = sorted(p.name for p in (HERE / "trees").iterdir())
    assert files == sorted(sums)
    for name in files:
        assert hashlib.sha256((HERE / "trees" / name).read_bytes()).hexdigest() == sums[name]
