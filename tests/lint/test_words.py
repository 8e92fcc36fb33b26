"""unexplained-word: a word of the reviewed list is explained by the glossary where a
tree first uses it. Exact diagnostics, on small trees."""

from helpers import lint_folder, small_tree, write

from signpost.lint.rules.readability import uncommon_words

ON = ("toml", '[lint.rules]\nunexplained-word = "error"\n')


def tree(tree_id: str, step: str, help_text: str = "Any answer is fine.") -> str:
    return small_tree(tree_id=tree_id, help_text=help_text, text=step)


def run(tmp_path, files: dict) -> str:
    write(tmp_path, {".signpost.toml": ON, **{f"trees/{k}": ("yaml", v) for k, v in files.items()}})
    return lint_folder(tmp_path)


def test_the_first_use_in_each_tree_is_named_with_its_line_and_form(tmp_path):
    step = "Ask whether your child can go to a mainstream school. Mainstream schools vary."
    output = run(
        tmp_path,
        {
            "a.yaml": tree("a", step),
            "b.yaml": tree("b", "Ask if the absence is authorised."),
        },
    )
    assert output == (
        "trees/a.yaml:20:52: error [unexplained-word] `mainstream` is a word a parent may "
        "not know, and the glossary does not explain it; add it to glossary.yaml as it is "
        "written here, with what it means (from the sources where they say), or use everyday "
        "words\n"
        'trees/b.yaml:20:39: error [unexplained-word] `authorised` (a form of "authorised '
        'absence") is a word a parent may not know, and the glossary does not explain it; add '
        "it to glossary.yaml as it is written here, with what it means (from the sources where "
        "they say), or use everyday words\n"
    )


def test_a_glossary_term_that_matches_the_word_explains_it(tmp_path):
    glossary = "terms:\n  mainstream school:\n    means: a school that is not a special school\n"
    step = "Ask about mainstream schools."
    assert run(tmp_path, {"a.yaml": tree("a", step), "glossary.yaml": glossary}) == ""


def test_help_is_read_too_and_spaces_or_hyphens_match_alike(tmp_path):
    output = run(tmp_path, {"a.yaml": tree("a", "Talk to the school.", "Or flexi schooling.")})
    assert output.startswith(
        "trees/a.yaml:10:14: error [unexplained-word] `flexi schooling` (a form of "
        '"flexi-schooling")'
    )


def test_everyday_words_are_not_in_the_list():
    terms = {term.casefold() for term, _ in uncommon_words()}
    assert {"school", "absence", "plan", "council"} & terms == set()
    assert {"stimming", "mainstream", "safeguarding", "early help", "neurodiverse"} <= terms


SETTINGS = '[lint]\nmax-lix = 1\n[lint.rules]\nhard-to-read = "warning"\n'


def test_hard_to_read_names_the_longest_sentence_and_where_it_is(tmp_path):
    text = tree("a", "Talk to the school.").replace(
        "      title: Talk to the school\n",
        "      title: Talk to the school\n"
        "      intro: If the school has said no, and you still feel your child needs more "
        "help, you can ask again.\n",
    )
    write(
        tmp_path,
        {
            ".signpost.toml": (
                "toml",
                '[lint]\nmax-lix = 1\n[lint.rules]\nhard-to-read = "warning"\n',
            ),
            "trees/a.yaml": ("yaml", text),
        },
    )
    assert lint_folder(tmp_path) == (
        "trees/a.yaml:17:5: warning [hard-to-read] this outcome scores 9 on LIX readability "
        "(9.0 words a sentence, 0% of words longer than 6 letters; the limit, `max-lix`, is 1); "
        'its hardest sentence, in the intro, has 19 words: "If the school has said no, and you '
        '…"; use shorter sentences and everyday words\n'
    )
