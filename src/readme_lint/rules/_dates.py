"""Dates (RL3xx): the Date column's format and range, agreement with arXiv, and the citation update notes.

The helpers ``date-range``, ``update-note`` share.
"""

from __future__ import annotations

import datetime as dt


def days_in_month(year: int, month: int) -> int:
    """Days in a month (``calendar`` would pull in ``locale`` at every start)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days
