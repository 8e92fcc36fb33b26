"""`signpost lint`: a compiler-grade checker for tree authors.

The core returns data: `lint(paths, config)` gives a `Report` of frozen
`Diagnostic`s; `signpost.lint.formats` turns one into text; only `signpost.cli`
prints and exits. The rules are listed in `signpost.lint.registry`.
"""

from signpost.lint.config import Config, load_config
from signpost.lint.diagnostic import Diagnostic, Report, Severity
from signpost.lint.engine import lint

__all__ = ["Config", "Diagnostic", "Report", "Severity", "lint", "load_config"]
