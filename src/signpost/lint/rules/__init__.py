"""The checks, one module per group of rules (see `signpost.lint.registry`)."""
