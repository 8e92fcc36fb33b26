"""Freshness: a tree whose `reviewed` date is older than `stale-after-months`
before today (or `--as-of DATE`) is due to be checked against its sources again."""

from __future__ import annotations

import datetime as dt

from signpost.lint.config import Config
from signpost.lint.context import Findings, Folder


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day where it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, _days_in(year, month)))


def _days_in(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]`, without importing calendar (and locale)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def check(folder: Folder, findings: Findings, config: Config) -> None:
    today = config.today()
    try:
        limit = months_before(today, config.stale_after_months)
    except (ValueError, OverflowError):  # before the year 1: nothing can be that old
        limit = dt.date.min
    for tree in folder.trees:
        reviewed = tree.get("reviewed")
        if reviewed is not None and reviewed < limit:
            findings.add(
                "stale-review",
                tree.file,
                ("reviewed",),
                f"this tree was reviewed on {reviewed.isoformat()}, more than "
                f"{config.stale_after_months} months before {today.isoformat()}; check "
                "it against its sources again, then update `reviewed`",
            )
