"""The pattern every id follows (trees, nodes, contacts): kebab-case.

In a module of its own so that `signpost lint` can check ids without importing the
tree model (`signpost.content.model`), which only walking and listing trees need.
"""

import re

from signpost.names import ID_PATTERN

# Python's `$` also matches before a final newline (`"alpha\n"`), which JSON Schema's
# does not: the end of the text is `\Z`, so `ID.match` is a whole-id match.
ID = re.compile(ID_PATTERN.removesuffix("$") + r"\Z")
