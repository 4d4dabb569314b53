"""Events: the calendar of sessions, juries and events, stored as UTC, shown in Berlin time.

Pure parsing (staff commands, offsets) plus the database functions for events. Time always
arrives as an argument; the only clock is scheduler.clock.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import sqlite_utils

log = logging.getLogger("gremienbot.events")

BERLIN = ZoneInfo("Europe/Berlin")
# "cancelled": a session the council information system called off (kept, never reminded of).
EventStatus = Literal["proposed", "confirmed", "discarded", "cancelled"]
MAX_TITLE = 200
MAX_TEXT = 2000
# The window of dates the calendar accepts (every entry point: ICS, staff commands,
# announcements, proposals, later OParl). Far from datetime's limits (years 1 and 9999), so
# any arithmetic on a date inside it (Berlin time, reminder offsets, a day more) is safe.
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)


@dataclass(frozen=True)
class Event:
    """A session, jury, or event. `start_at` is UTC; `all_day` events have no time of day."""

    title: str
    start_at: datetime
    end_at: datetime | None = None
    all_day: bool = False
    place: str | None = None
    topic: str | None = None
    description: str | None = None
    source: str | None = None
    document: str | None = None
    status: EventStatus = "confirmed"
    uid: str | None = None
    id: int | None = None
    version: int = 1

    def local_start(self) -> datetime:
        """The start in Berlin wall time (as stored when that is not representable)."""
        try:
            return self.start_at.astimezone(BERLIN)
        except (OverflowError, ValueError):
            return self.start_at


def to_utc(day: date, at: time | None) -> datetime:
    """Berlin wall time (or the start of the day) as a UTC instant; DST-correct."""
    local = datetime.combine(day, at or time(0, 0), tzinfo=BERLIN)
    # A wall time that does not exist (spring forward, 02:30) is normalised by a round trip.
    return local.astimezone(UTC)


def format_local(at: datetime, *, all_day: bool = False) -> str:
    """TT.MM.JJJJ HH:MM in Berlin time (TT.MM.JJJJ for all-day events). Never raises: an
    instant Berlin time cannot show (year 1 or 9999) is shown as stored, with its zone."""
    try:
        local = at.astimezone(BERLIN)
    except (OverflowError, ValueError):
        day = f"{at.day:02d}.{at.month:02d}.{at.year:04d}"
        if all_day:
            return day
        return f"{day} {at.hour:02d}:{at.minute:02d} {at.tzname() or ''}".strip()
    return local.strftime("%d.%m.%Y") if all_day else local.strftime("%d.%m.%Y %H:%M")


class ParseError(ValueError):
    """User input that is not a valid event; str(exc) is a key into the texts."""


def in_window(at: date | datetime) -> bool:
    """Whether a date (or an instant, by its own calendar day) lies in EARLIEST..LATEST. The
    check for every way in, also a later OParl sync; it never converts, so it never raises."""
    day = at.date() if isinstance(at, datetime) else at
    return EARLIEST <= day <= LATEST


def check_window(at: date | datetime) -> None:
    """ParseError("date_out_of_range") unless `at` is in the window (see in_window)."""
    if not in_window(at):
        raise ParseError("date_out_of_range")


def window_text() -> str:
    """The window as TT.MM.JJJJ–TT.MM.JJJJ, for messages."""
    return f"{EARLIEST:%d.%m.%Y}–{LATEST:%d.%m.%Y}"


def usable(event: Event) -> bool:
    """Whether an event's dates lie in the window: only such events are listed, exported,
    reminded of. Rows stored before the window existed may lie outside it."""
    return in_window(event.start_at) and (event.end_at is None or in_window(event.end_at))


_DATE_RE = re.compile(
    r"^(?:(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))$"
)
_TIME_RE = re.compile(r"^(?P<h>\d{1,2})[:.](?P<min>\d{2})(?:\s*Uhr)?$", re.I)


def parse_date(text: str) -> date:
    """TT.MM.JJJJ, TT.MM.JJ or JJJJ-MM-TT; ParseError("bad_date") otherwise, and
    ParseError("date_out_of_range") outside the window."""
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ParseError("bad_date")
    try:
        if m.group("iy"):
            day = date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        else:
            year = int(m.group("y"))
            day = date(year + 2000 if year < 100 else year, int(m.group("m")), int(m.group("d")))
    except ValueError as exc:
        raise ParseError("bad_date") from exc
    check_window(day)
    return day


def parse_time(text: str) -> time:
    """HH:MM (24 h) or HH.MM; ParseError("bad_time") otherwise."""
    m = _TIME_RE.match(text.strip())
    if not m:
        raise ParseError("bad_time")
    try:
        return time(int(m.group("h")), int(m.group("min")))
    except ValueError as exc:
        raise ParseError("bad_time") from exc


@dataclass(frozen=True)
class EventInput:
    """What a staff member typed for a new event."""

    day: date
    at: time | None
    title: str
    place: str | None


def parse_event_command(args: str) -> EventInput:
    """`TT.MM.JJJJ HH:MM Titel [@ Ort]` (ISO dates and date-only too) -> EventInput."""
    text = " ".join(args.split())
    if not text:
        raise ParseError("event_usage")
    first, _, rest = text.partition(" ")
    day = parse_date(first)
    at: time | None = None
    second, _, after = rest.partition(" ")
    if second and _TIME_RE.match(second):
        at = parse_time(second)
        rest = after
        if rest.lower().startswith("uhr "):
            rest = rest[4:]
    title, _, place = rest.partition("@")
    title, place = title.strip(), place.strip()
    if not title:
        raise ParseError("event_no_title")
    if len(title) > MAX_TITLE:
        raise ParseError("event_title_too_long")
    return EventInput(day, at, title, place or None)


_OFFSET_RE = re.compile(r"^(\d{1,4})\s*(m|min|h|std|d|t|tag|tage|w)$", re.I)
_UNITS = {
    "m": timedelta(minutes=1), "min": timedelta(minutes=1), "h": timedelta(hours=1),
    "std": timedelta(hours=1), "d": timedelta(days=1), "t": timedelta(days=1),
    "tag": timedelta(days=1), "tage": timedelta(days=1), "w": timedelta(weeks=1),
}  # fmt: skip
MAX_OFFSET = timedelta(days=60)
MAX_OFFSETS = 6


def parse_offsets(text: str) -> tuple[timedelta, ...]:
    """Reminder offsets such as "7d,1d,2h" or "1d 30m" (units m, h, d; also min, Std, T, w),
    largest first, without duplicates; ParseError("bad_offsets") for anything else."""
    items = [i for i in re.split(r"[,;\s]+", text.strip()) if i]
    if not items or len(items) > MAX_OFFSETS:
        raise ParseError("bad_offsets")
    out: set[timedelta] = set()
    for item in items:
        m = _OFFSET_RE.match(item)
        if not m:
            raise ParseError("bad_offsets")
        value = int(m.group(1)) * _UNITS[m.group(2).lower()]
        if not timedelta(0) < value <= MAX_OFFSET:
            raise ParseError("bad_offsets")
        out.add(value)
    return tuple(sorted(out, reverse=True))


def format_offset(offset: timedelta) -> str:
    """7d, 2h, 30m: the compact form of an offset."""
    seconds = int(offset.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


# -- storage ------------------------------------------------------------------------------

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        start_at TEXT NOT NULL,          -- UTC ISO 8601
        end_at TEXT,
        all_day INTEGER NOT NULL DEFAULT 0,
        place TEXT,
        topic TEXT,
        description TEXT,
        source TEXT,
        document TEXT,
        status TEXT NOT NULL DEFAULT 'confirmed',
        uid TEXT UNIQUE,
        version INTEGER NOT NULL DEFAULT 1,  -- changes on every edit; part of reminder keys
        created_by INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS events_start ON events(status, start_at)",
    # Agenda items and the web page of a session from the council information system (OParl).
    """CREATE TABLE IF NOT EXISTS event_agenda (
        event_id INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        number TEXT,
        name TEXT NOT NULL,
        public INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (event_id, ord)
    )""",
    """CREATE TABLE IF NOT EXISTS event_links (
        event_id INTEGER PRIMARY KEY,
        web TEXT NOT NULL
    )""",
    # The committees of a joint session (more than one): each is a topic of the event.
    """CREATE TABLE IF NOT EXISTS event_committees (
        event_id INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (event_id, ord)
    )""",
    "CREATE INDEX IF NOT EXISTS event_committees_name ON event_committees(name)",
]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the events table if it is missing."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


_COLUMNS = (
    "id, title, start_at, end_at, all_day, place, topic, description, source, document, "
    "status, uid, version"
)


# What a stored date that cannot be read becomes: an instant outside the window, so the row
# is skipped like any other out-of-window row instead of breaking a listing.
_UNREADABLE = datetime.min.replace(tzinfo=UTC)


def _stored_instant(value: object) -> datetime:
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return _UNREADABLE
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


_reported: set[tuple[int, str, str | None]] = set()


def _usable_only(events: list[Event]) -> list[Event]:
    """The events whose dates lie in the window; each other one is named once per process
    in one log line (rows stored before the window existed, or by hand)."""
    out = []
    for e in events:
        if usable(e):
            out.append(e)
            continue
        key = (e.id or 0, e.start_at.isoformat(), e.end_at.isoformat() if e.end_at else None)
        if key not in _reported:
            _reported.add(key)
            log.warning(
                "Termin #%s „%s“ übersprungen: Datum außerhalb von %s (Beginn %s, Ende %s)",
                e.id,
                e.title[:80],
                window_text(),
                "unlesbar" if e.start_at == _UNREADABLE else e.start_at.isoformat(),
                e.end_at.isoformat() if e.end_at else "-",
            )
    return out


def _event(row: tuple[object, ...]) -> Event:
    (eid, title, start, end, all_day, place, topic, desc, source, document, status, uid,
     version) = row  # fmt: skip
    return Event(
        id=int(str(eid)),
        title=str(title),
        start_at=_stored_instant(start),
        end_at=_stored_instant(end) if end else None,
        all_day=bool(all_day),
        place=str(place) if place else None,
        topic=str(topic) if topic else None,
        description=str(desc) if desc else None,
        source=str(source) if source else None,
        document=str(document) if document else None,
        status=str(status),  # type: ignore[arg-type]
        uid=str(uid) if uid else None,
        version=int(str(version)),
    )


def add_event(
    db: sqlite_utils.Database, event: Event, *, now: datetime, by: int | None = None
) -> Event:
    """Store a new event (an existing uid is updated instead: imports are idempotent)."""
    if event.start_at.tzinfo is None:
        raise ValueError("start_at must be timezone-aware")
    if event.uid:
        existing = get_event_by_uid(db, event.uid)
        if existing is not None:
            return update_event(db, replace(event, id=existing.id), now=now)
    values = _values(event)
    cur = db.conn.execute(
        "INSERT INTO events(title, start_at, end_at, all_day, place, topic, description, "
        "source, document, status, uid, created_by, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (*values, by, now.isoformat(), now.isoformat()),
    )
    return replace(event, id=int(cur.lastrowid or 0), version=1)


def _values(event: Event) -> tuple[object, ...]:
    check_window(event.start_at)  # the last line of defence for every way in
    if event.end_at is not None:
        check_window(event.end_at)
    return (
        event.title[:MAX_TITLE],
        event.start_at.astimezone(UTC).isoformat(),
        event.end_at.astimezone(UTC).isoformat() if event.end_at else None,
        int(event.all_day),
        event.place,
        event.topic,
        (event.description or "")[:MAX_TEXT] or None,
        event.source,
        event.document,
        event.status,
        event.uid,
    )


def update_event(db: sqlite_utils.Database, event: Event, *, now: datetime) -> Event:
    """Replace an event's fields; its version goes up so pending reminders are re-planned."""
    if event.id is None:
        raise ValueError("update needs an id")
    db.conn.execute(
        "UPDATE events SET title=?, start_at=?, end_at=?, all_day=?, place=?, topic=?, "
        "description=?, source=?, document=?, status=?, uid=?, version=version+1, updated_at=? "
        "WHERE id=?",
        (*_values(event), now.isoformat(), event.id),
    )
    found = get_event(db, event.id)
    if found is None:
        raise KeyError(event.id)
    return found


def set_status(
    db: sqlite_utils.Database, event_id: int, status: EventStatus, *, now: datetime
) -> Event | None:
    """Confirm or discard an event (a proposal); None when there is no such event."""
    db.conn.execute(
        "UPDATE events SET status=?, version=version+1, updated_at=? WHERE id=?",
        (status, now.isoformat(), event_id),
    )
    return get_event(db, event_id)


def discard_proposals_of(db: sqlite_utils.Database, document: str, *, now: datetime) -> int:
    """Discard the open proposals found in a document (it was removed: what it said is no
    longer the bot's to propose); returns how many. Accepted events stay."""
    with db.conn:
        cur = db.conn.execute(
            "UPDATE events SET status='discarded', version=version+1, updated_at=? "
            "WHERE document = ? AND status = 'proposed'",
            (now.isoformat(), document),
        )
    return cur.rowcount


def delete_event(db: sqlite_utils.Database, event_id: int) -> bool:
    """Remove an event; False when there was none."""
    cur = db.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
    db.conn.execute("DELETE FROM event_agenda WHERE event_id = ?", (event_id,))
    db.conn.execute("DELETE FROM event_links WHERE event_id = ?", (event_id,))
    db.conn.execute("DELETE FROM event_committees WHERE event_id = ?", (event_id,))
    return cur.rowcount > 0


@dataclass(frozen=True)
class AgendaItem:
    """One item of a session's agenda (Tagesordnungspunkt)."""

    number: str | None
    name: str
    public: bool = True


def set_details(
    db: sqlite_utils.Database, event_id: int, web: str | None, agenda: Iterable[AgendaItem]
) -> None:
    """Replace an event's agenda and web link (inside the caller's transaction)."""
    db.conn.execute("DELETE FROM event_agenda WHERE event_id = ?", (event_id,))
    db.conn.executemany(
        "INSERT INTO event_agenda(event_id, ord, number, name, public) VALUES (?,?,?,?,?)",
        [
            (event_id, i, item.number, item.name[:MAX_TEXT], int(item.public))
            for i, item in enumerate(agenda)
        ],
    )
    db.conn.execute("DELETE FROM event_links WHERE event_id = ?", (event_id,))
    if web:
        db.conn.execute("INSERT INTO event_links(event_id, web) VALUES (?, ?)", (event_id, web))


def agenda_of(db: sqlite_utils.Database, event_id: int) -> list[AgendaItem]:
    """An event's agenda items in order (empty when it has none)."""
    rows = db.conn.execute(
        "SELECT number, name, public FROM event_agenda WHERE event_id = ? ORDER BY ord",
        (event_id,),
    )
    return [AgendaItem(r[0], r[1], bool(r[2])) for r in rows]


def web_of(db: sqlite_utils.Database, event_id: int) -> str | None:
    """An event's web page (a session in the council information system), if any."""
    row = db.conn.execute("SELECT web FROM event_links WHERE event_id = ?", (event_id,)).fetchone()
    return str(row[0]) if row else None


def set_committees(db: sqlite_utils.Database, event_id: int, names: Iterable[str]) -> None:
    """Replace the committees of a joint session (inside the caller's transaction); none or
    one: the event's topic says it all."""
    db.conn.execute("DELETE FROM event_committees WHERE event_id = ?", (event_id,))
    found = list(dict.fromkeys(n[:MAX_TITLE] for n in names if n.strip()))
    if len(found) > 1:
        db.conn.executemany(
            "INSERT INTO event_committees(event_id, ord, name) VALUES (?,?,?)",
            [(event_id, i, name) for i, name in enumerate(found)],
        )


def committees_of(db: sqlite_utils.Database, event_id: int) -> list[str]:
    """The committees of a joint session in order (empty for any other event)."""
    rows = db.conn.execute(
        "SELECT name FROM event_committees WHERE event_id = ? ORDER BY ord", (event_id,)
    )
    return [str(r[0]) for r in rows]


def get_event(db: sqlite_utils.Database, event_id: int) -> Event | None:
    """One event by id."""
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
    return _event(row) if row else None


def get_event_by_uid(db: sqlite_utils.Database, uid: str) -> Event | None:
    """One event by its calendar UID."""
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM events WHERE uid = ?", (uid,)).fetchone()
    return _event(row) if row else None


def upcoming(
    db: sqlite_utils.Database, *, now: datetime, limit: int = 10, status: EventStatus = "confirmed"
) -> list[Event]:
    """Events that have not ended (all-day events: not before their day is over), soonest first;
    rows outside the date window are skipped (one log line each)."""
    since = (now - timedelta(days=1)).astimezone(UTC).isoformat()
    rows = db.conn.execute(
        f"SELECT {_COLUMNS} FROM events WHERE status = ? AND start_at >= ? "
        "ORDER BY start_at LIMIT ?",
        (status, since, limit * 3),
    ).fetchall()
    events = _usable_only([_event(r) for r in rows])
    return [e for e in events if _not_over(e, now)][:limit]


def _not_over(event: Event, now: datetime) -> bool:
    if event.end_at is not None:
        return event.end_at > now
    if event.all_day:  # (arithmetic on `now`, never on a stored date: it cannot overflow)
        return event.start_at > now - timedelta(days=1)
    return event.start_at > now


def is_over(event: Event, now: datetime) -> bool:
    """Whether an event lies in the past: its end has passed, an all-day event's day is over,
    a timed event has begun (the rule /termin_neu applies to new events)."""
    return not _not_over(event, now)


def all_events(
    db: sqlite_utils.Database,
    *,
    statuses: Iterable[EventStatus] = ("confirmed",),
) -> list[Event]:
    """Every event with one of the statuses, by start; rows outside the date window are
    skipped (one log line each)."""
    wanted = list(statuses)
    marks = ",".join("?" * len(wanted))
    rows = db.conn.execute(
        f"SELECT {_COLUMNS} FROM events WHERE status IN ({marks}) ORDER BY start_at, id", wanted
    ).fetchall()
    return _usable_only([_event(r) for r in rows])
