"""Import PyYAML without paying for a pattern that signpost never uses.

When `yaml` is imported, its pure-Python reader compiles `Reader.NON_PRINTABLE`, a
character class spanning all of Unicode: ~6 ms, about 5% of every `signpost lint`
run, and more than reading the contacts catalogue. Only that reader uses the pattern;
signpost reads with libyaml's parser (`yaml.CSafeLoader`), which checks characters
in C.

So, while `yaml` is first imported, `re`'s cache holds a stand-in under that exact
pattern, and `re.compile` returns it instead of compiling; the entry is removed as
soon as the import is done. The stand-in compiles the real pattern the first time
anything uses it (the pure-Python loader, if a program uses one), so nothing
behaves differently, only later. Where any of this does not hold (another PyYAML
spells the pattern differently, a Python keeps its cache elsewhere, `yaml` is already
imported), it does nothing and `yaml` is imported as usual.
"""

from __future__ import annotations

import re
import sys

# Exactly as PyYAML 5.1 to 6.0.3 write it in yaml/reader.py.
NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_CACHES = ("_cache", "_cache2")  # re's caches of compiled patterns (3.11; 3.12 and later)


class CompiledOnUse:
    """A compiled pattern, compiled the first time one of its methods is wanted."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.flags = re.UNICODE
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            # With re.UNICODE spelled out (the default for text) the cache key differs
            # from the stand-in's, so this compiles even if the stand-in is still cached.
            self._compiled = re.compile(self.pattern, re.UNICODE)
        return getattr(self._compiled, name)


def import_yaml():
    """The `yaml` module, imported without compiling `Reader.NON_PRINTABLE` up front."""
    cache = getattr(re, "_cache", None)
    if "yaml" in sys.modules or not isinstance(cache, dict):
        import yaml

        return yaml
    key = (str, NON_PRINTABLE, 0)
    cache[key] = CompiledOnUse(NON_PRINTABLE)
    try:
        import yaml
    finally:
        for name in _CACHES:
            table = getattr(re, name, None)
            if isinstance(table, dict) and isinstance(table.get(key), CompiledOnUse):
                del table[key]
    return yaml
