"""Quiet hours per chat ("/ruhezeit 22-7"): pure time arithmetic in Berlin wall time, and the
table that keeps them.

Alerts and announcements that fall inside a chat's quiet time wait until it ends. A reminder
due inside it moves: to the end when the event starts after the quiet time, else to just
before the quiet time begins (a reminder after the start would be no use).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import sqlite_utils

from scheduler.events import BERLIN

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS quiet_hours (
        chat_id INTEGER PRIMARY KEY,
        start_min INTEGER NOT NULL,      -- minutes after midnight, Berlin wall time
        end_min INTEGER NOT NULL         -- the same; earlier than start: over midnight
    )""",
]
BEFORE = timedelta(minutes=1)  # a reminder moved earlier goes out this long before the start
OFF_WORDS = frozenset({"aus", "off", "keine", "none", "0"})


@dataclass(frozen=True)
class Quiet:
    """A daily quiet time from `start` to `end` (minutes after midnight, Berlin)."""

    start: int
    end: int

    def label(self) -> str:
        """'22:00–07:00'."""
        return f"{_hhmm(self.start)}–{_hhmm(self.end)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


_RANGE_RE = re.compile(
    r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr)?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr)?\s*$",
    re.I,
)


def parse(text: str) -> Quiet | None:
    """'22-7', '22:30-6:45', '22 - 7 Uhr' -> Quiet; 'aus'/'off' -> None; ValueError otherwise."""
    cleaned = text.strip().lower()
    if cleaned in OFF_WORDS:
        return None
    m = _RANGE_RE.match(cleaned)
    if not m:
        raise ValueError("quiet_usage")
    h1, m1, h2, m2 = (int(g) if g else 0 for g in m.groups())
    if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59:
        raise ValueError("quiet_usage")
    start, end = (h1 * 60 + m1) % 1440, (h2 * 60 + m2) % 1440
    if start == end:
        raise ValueError("quiet_usage")
    return Quiet(start, end)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the table if it is missing."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


def set_quiet(db: sqlite_utils.Database, chat_id: int, quiet: Quiet | None) -> None:
    """Store (or with None remove) a chat's quiet time (inside the caller's transaction)."""
    if quiet is None:
        db.conn.execute("DELETE FROM quiet_hours WHERE chat_id = ?", (chat_id,))
        return
    db.conn.execute(
        "INSERT INTO quiet_hours(chat_id, start_min, end_min) VALUES (?,?,?) "
        "ON CONFLICT(chat_id) DO UPDATE SET start_min = excluded.start_min, "
        "end_min = excluded.end_min",
        (chat_id, quiet.start, quiet.end),
    )


def quiet_of(db: sqlite_utils.Database, chat_id: int) -> Quiet | None:
    """A chat's quiet time, or None."""
    row = db.conn.execute(
        "SELECT start_min, end_min FROM quiet_hours WHERE chat_id = ?", (chat_id,)
    ).fetchone()
    return Quiet(int(row[0]), int(row[1])) if row else None


def all_quiet(db: sqlite_utils.Database) -> dict[int, Quiet]:
    """Every chat's quiet time."""
    rows = db.conn.execute("SELECT chat_id, start_min, end_min FROM quiet_hours")
    return {int(c): Quiet(int(s), int(e)) for c, s, e in rows}


def _at(day: datetime, minutes: int) -> datetime:
    wall = datetime.combine(day.date(), time(minutes // 60, minutes % 60), tzinfo=BERLIN)
    return wall.astimezone(day.tzinfo)


def window(quiet: Quiet, at: datetime) -> tuple[datetime, datetime] | None:
    """The quiet time (begin, end) that `at` falls into, or None (aware datetimes)."""
    local = at.astimezone(BERLIN)
    for back in (1, 0):
        day = local - timedelta(days=back)
        begin = _at(day, quiet.start)
        end = _at(day + timedelta(days=1 if quiet.end <= quiet.start else 0), quiet.end)
        if begin <= local < end:
            return begin.astimezone(at.tzinfo), end.astimezone(at.tzinfo)
    return None


def hold(quiet: Quiet | None, at: datetime) -> datetime:
    """When a message due `at` may go: `at`, or the end of the quiet time it falls into."""
    found = window(quiet, at) if quiet else None
    return found[1] if found else at


def reminder_due(
    quiet: Quiet | None, due: datetime, event_start: datetime, *, now: datetime
) -> datetime:
    """When a reminder due `due` goes out: unchanged outside quiet hours; inside, at their end
    when the event starts later, else just before they begin (never before `now`)."""
    found = window(quiet, due) if quiet else None
    if found is None:
        return due
    begin, end = found
    if event_start > end:
        return end
    return max(now, begin - BEFORE)
