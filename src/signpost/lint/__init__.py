"""`signpost lint`: a compiler-grade checker for tree authors.

The core returns data: `engine.lint(paths, config)` gives a `Report` of frozen
`Diagnostic`s (`diagnostic`); `config.load_config` finds the settings; `formats`
turns a report into text; only `signpost.cli` prints and exits. The rules are listed
in `registry` and live in `rules/`. Import each name from its module: this package
re-exports nothing, so importing one part never loads the others.
"""
