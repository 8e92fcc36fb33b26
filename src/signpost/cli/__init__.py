"""The `signpost` command: a typer app (`app`) of small modules, one per group of
commands; `main` is the console script."""

from signpost.cli.app import app, main

__all__ = ["app", "main"]
