"""The names signpost uses in more than one place, each written once.

Environment variables, file names, the id pattern and the output formats. A module
that needs one of these imports it from here rather than spelling it again.
"""

from __future__ import annotations

TREES_ENV = "SIGNPOST_TREES"  # a folder of trees to use instead of the shipped ones
SEEDS_ENV = "SIGNPOST_SEEDS"  # a folder of source documents to check the trees against
DEBUG_ENV = "SIGNPOST_DEBUG"  # set: show the traceback behind an error

CONTACTS_FILE = "contacts.yaml"  # the contacts catalogue, beside the trees

# The most answers on one route: the walk, `paths`, `site` and `diff` refuse a longer
# one, and lint reports it as an error (far beyond any sensible tree).
MAX_DEPTH = 50
# The most routes through one tree (those that lead back to a question on the way
# among them): `paths`, `search`, `diff` and `site` refuse more, and so does lint.
MAX_ROUTES = 10_000

# Every id (trees, nodes, contacts) is kebab-case.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

LINT_FORMATS = ("human", "concise", "json", "github", "sarif")  # signpost lint --format
DIFF_FORMATS = ("human", "markdown", "json", "github")  # signpost diff --format
