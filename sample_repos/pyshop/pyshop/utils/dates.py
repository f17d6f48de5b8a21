"""Date and time helpers.

All timestamps in pyshop are timezone-aware UTC datetimes and are stored in
SQLite as ISO 8601 strings (``2024-05-01T12:00:00+00:00``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone


def utcnow() -> datetime:
    """Current time as an aware UTC datetime, truncated to whole seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def to_iso(value: datetime | None) -> str | None:
    """Serialise ``value`` for storage; naive datetimes are assumed to be UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def parse_iso(value: str | None) -> datetime | None:
    """Inverse of :func:`to_iso`; returns ``None`` for empty values."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def is_past(moment: datetime | None, now: datetime | None = None) -> bool:
    """True when ``moment`` is set and lies strictly before ``now``."""
    if moment is None:
        return False
    return moment < (now or utcnow())


def add_business_days(start: date, days: int) -> date:
    """Add ``days`` working days (Mon–Fri) to ``start``; used for delivery estimates."""
    current = start
    remaining = days
    step = 1 if days >= 0 else -1
    while remaining != 0:
        current += timedelta(days=step)
        if current.weekday() < 5:
            remaining -= step
    return current


def format_date(value: datetime | date) -> str:
    """Human friendly date used in emails and invoices, e.g. ``3 May 2024``."""
    return f"{value.day} {value.strftime('%B %Y')}"
