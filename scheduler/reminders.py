"""Pure: when reminders are due, from events x subscribers x offsets.

Offsets in whole days keep the wall-clock time in Berlin ("1d" before a 10:00 session is 10:00
the day before, also across a DST change); shorter offsets are exact durations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from scheduler.events import BERLIN, Event, usable
from scheduler.subscriptions import Subscriber


@dataclass(frozen=True)
class Reminder:
    """One reminder for one subscriber; `key` makes enqueueing it twice harmless."""

    key: str
    chat_id: int
    event_id: int
    offset: timedelta
    due_at: datetime
    late: bool = False  # its time has passed (the event has not begun)


def reminder_instant(start_at: datetime, offset: timedelta) -> datetime:
    """When a reminder `offset` before an event start falls due (UTC)."""
    day = timedelta(days=1)
    if offset % day == timedelta(0):
        local = start_at.astimezone(BERLIN)
        wall = local.replace(tzinfo=None) - offset
        # Re-attach the zone to the wall time; a time that does not exist (spring gap) or is
        # ambiguous (autumn) resolves through the round trip to UTC like zoneinfo's fold=0.
        return wall.replace(tzinfo=BERLIN).astimezone(UTC)
    return (start_at - offset).astimezone(UTC)


def reminder_key(event: Event, chat_id: int, offset: timedelta) -> str:
    """Stable across title or place edits; a new start time gives new keys (and reminders)."""
    start = int(event.start_at.timestamp())
    return f"rem:{event.id}:{chat_id}:{int(offset.total_seconds())}:{start}"


def plan(
    events: Iterable[Event],
    subscribers: dict[int, list[Subscriber]],
    default_offsets: tuple[timedelta, ...],
    *,
    now: datetime,
) -> list[Reminder]:
    """Reminders for confirmed events that have not begun. `subscribers` maps event id ->
    interested subscribers. Reminders whose time has passed come marked `late`: the outbox
    keeps (and sends) such a row when it was queued in time, but never queues a new one, so
    an event created tomorrow does not remind of "in 7 days" today."""
    out: list[Reminder] = []
    for event in events:
        if event.status != "confirmed" or event.id is None or event.start_at <= now:
            continue
        if not usable(event):  # a row stored outside the date window: no arithmetic on it
            continue
        for sub in subscribers.get(event.id, []):
            for offset in sub.offsets or default_offsets:
                due = reminder_instant(event.start_at, offset)
                key = reminder_key(event, sub.chat_id, offset)
                out.append(Reminder(key, sub.chat_id, event.id, offset, due, late=due <= now))
    return out
