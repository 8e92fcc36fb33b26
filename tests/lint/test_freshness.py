"""`stale-after-months` counts calendar months back, to the month's last day where
the month is shorter."""

import calendar
import datetime as dt

import pytest

from signpost.lint.rules.freshness import _days_in, months_before


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (dt.date(2026, 11, 22), 12, dt.date(2025, 11, 22)),
        (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),  # a leap year's February
        (dt.date(2025, 3, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2026, 1, 15), 1, dt.date(2025, 12, 15)),  # back over a new year
        (dt.date(2026, 12, 31), 6, dt.date(2026, 6, 30)),
        (dt.date(2026, 5, 31), 0, dt.date(2026, 5, 31)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_days_in_every_month_agrees_with_calendar():
    assert all(
        _days_in(year, month) == calendar.monthrange(year, month)[1]
        for year in (1900, 2000, 2023, 2024, 2100)
        for month in range(1, 13)
    )
