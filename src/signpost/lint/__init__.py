"""`signpost lint`: a compiler-grade checker for tree authors.

The core returns data: `lint(paths, config)` gives a `Report` of frozen
`Diagnostic`s; `signpost.lint.formats` turns one into text; only `signpost.cli`
prints and exits. The rules are listed in `signpost.lint.registry`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from signpost.lint.config import Config, load_config
    from signpost.lint.diagnostic import Diagnostic, Report, Severity
    from signpost.lint.engine import lint

__all__ = ["Config", "Diagnostic", "Report", "Severity", "lint", "load_config"]

# Where each name comes from. Imported on first use, so that the tree model can read
# the tables of `signpost.content.spec` without loading the linter.
_FROM = {
    "Config": "config",
    "load_config": "config",
    "Diagnostic": "diagnostic",
    "Report": "diagnostic",
    "Severity": "diagnostic",
    "lint": "engine",
}


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"signpost.lint.{_FROM[name]}"), name)
