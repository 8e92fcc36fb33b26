"""Lint settings: defaults, `[tool.signpost.lint]` in a pyproject.toml or `[lint]`
in a `.signpost.toml` found upward from the linted path, and the command line.

A misspelt setting is a usage error, not silently ignored: a config that does
nothing is worse than none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from signpost.errors import UsageError
from signpost.similar import did_you_mean

DEFAULT_ACRONYMS = ("GP", "NHS", "OK", "SEND", "UK")

# The rules that protect a family: what they report is never shown to one. No settings
# file can make them warnings or switch them off, and `disable=all` passes them by; a
# line is excused only by naming the rule with a reason (`lint.disable`). `signpost
# site` and `run --save x.html` refuse trees with any of their errors.
PROTECTED = frozenset(
    (
        "unsafe-text",  # control characters, bidi overrides, markup
        "unsourced-detail",  # a phone, email or web address no source gives
        "bad-phone",
        "bad-email",
        "bad-web",
        "missing-source",
        "unknown-doc",
        "quote-not-found",  # a step that says what no source says
        "bad-national",
        "urgent-contact-first",
        "yaml-tag",
    )
)
# A settings file is a few lines: more than this is not one (and is not read whole).
MAX_SETTINGS_BYTES = 1_000_000

SETTINGS = {
    "stale-after-months": "months after `reviewed` before a tree is stale (a whole number)",
    "max-sentence-words": "the longest sentence, in words, in text a family reads",
    "max-depth": "the most answers on any route from a tree's start to an outcome",
    "max-lix": "the hardest an outcome may read, as its LIX readability score (a whole number)",
    "acronyms": "capitalised words that need no explanation (a list)",
    "rules": "a table of rule name to `error`, `warning` or `off`",
}


class Config(NamedTuple):
    """Everything that changes what the linter reports."""

    stale_after_months: int = 12
    max_sentence_words: int = 30
    max_depth: int = 12
    max_lix: int = 40
    acronyms: frozenset[str] = frozenset(DEFAULT_ACRONYMS)
    severities: Mapping[str, str] = MappingProxyType({})  # rule -> error|warning|off
    as_of: dt.date | None = None  # None: today
    seeds: Path | None = None
    source: str | None = None  # the config file these settings came from

    def today(self) -> dt.date:
        return self.as_of or dt.date.today()

    def with_overrides(self, **changes: Any) -> Config:
        return self._replace(**{k: v for k, v in changes.items() if v is not None})


# The largest number a setting takes: 1,000 years of months, far more words or answers
# than any tree has; beyond it dates and counts stop meaning anything.
MAX_SETTING = 12_000


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest `.signpost.toml` (its `[lint]`) or pyproject.toml with `[tool.signpost.lint]`."""
    try:
        start = start.resolve()
    except (OSError, RuntimeError):  # a link round a loop: lint reports the file itself
        start = start.absolute().parent.resolve() / start.name
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        own = directory / ".signpost.toml"
        if own.is_file():
            return own, _read_toml(own).get("lint", {})
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and b"signpost" in _read_bytes(pyproject):  # skip parsing others
            table = _read_toml(pyproject).get("tool", {}).get("signpost", {}).get("lint")
            if table is not None:
                return pyproject, table
    return None


def _read_bytes(path: Path) -> bytes:
    """A settings file's bytes: a one-line error if it cannot be read or is too large."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            f"cannot read the settings file ({exc.strerror})",
            where=str(path),
            hint="Make it readable, or give another with --config.",
        ) from None
    if len(data) > MAX_SETTINGS_BYTES:
        raise UsageError(
            f"the settings file is larger than {MAX_SETTINGS_BYTES:,} bytes, so it is not one",
            where=str(path),
            hint="Give another with --config.",
        )
    return data


def _read_toml(path: Path) -> dict:
    import tomllib

    data = _read_bytes(path)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"the settings file is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
            "save it as UTF-8 and try again",
            where=str(path),
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"cannot read the settings ({exc})", where=str(path)) from None
    except RecursionError:
        raise UsageError("cannot read the settings (nested too deeply)", where=str(path)) from None


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The settings that apply to files under `start` (or those in `explicit`)."""
    if explicit is not None:
        if not explicit.is_file():  # a folder, a FIFO, a device: not read
            raise UsageError("no such settings file", where=str(explicit))
        data = _read_toml(explicit)
        table = data.get("tool", {}).get("signpost", {}).get("lint", data.get("lint", {}))
        return config_from_table(table, str(explicit))
    found = find_config(start)
    if found is None:
        return Config()
    path, table = found
    return config_from_table(table, str(path))


def config_from_table(table: Any, where: str) -> Config:
    """Check and apply one settings table; any mistake is a `UsageError` naming it."""
    from signpost.lint.registry import RULES

    if not isinstance(table, dict):
        raise UsageError("the lint settings should be a table", where=where)
    config = Config(source=where)
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key not in SETTINGS:
            raise UsageError(
                f"unknown lint setting `{key}`",
                where=where,
                hint=_did_you_mean(key, SETTINGS) or f"The settings are: {', '.join(SETTINGS)}.",
            )
        if key == "acronyms":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(
                    '`acronyms` should be a list of words, e.g. ["NHS", "GP"]', where=where
                )
            changes["acronyms"] = frozenset(value)
        elif key == "rules":
            if not isinstance(value, dict):
                raise UsageError("`rules` should be a table of rule name to severity", where=where)
            severities = {}
            for rule, level in value.items():
                if rule not in RULES:
                    raise UsageError(
                        f"unknown lint rule `{rule}` in `rules`",
                        where=where,
                        hint=_did_you_mean(rule, RULES)
                        or "Run `signpost lint --list-rules` to see them.",
                    )
                if level not in ("error", "warning", "off"):
                    raise UsageError(
                        f'`rules.{rule}` should be "error", "warning" or "off"', where=where
                    )
                if rule in PROTECTED and level != "error":
                    raise UsageError(
                        f"`rules.{rule}` cannot be {level}: the rule protects families, so "
                        "what it finds is always an error",
                        where=where,
                        hint="Remove the setting; to excuse one line, write "
                        f"`# signpost: disable={rule} -- why` on it.",
                    )
                severities[rule] = level
            changes["severities"] = severities
        else:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise UsageError(f"`{key}` should be a whole number above 0", where=where)
            if value > MAX_SETTING:
                raise UsageError(
                    f"`{key}` should be a whole number from 1 to {MAX_SETTING:,}", where=where
                )
            changes[key.replace("-", "_")] = value
    return config._replace(**changes)


def _did_you_mean(word: str, choices) -> str:
    return did_you_mean(word, choices, sentence=True)
