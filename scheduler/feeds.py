"""Calendars from outside kept in step: `.ics` files and ICS feeds (a council information
system's export, a team calendar) read over HTTP(S).

`fetch_ics` reads one URL: http(s) only, at most MAX_BYTES, at most TIMEOUT seconds in all, no
HTML page, a body that starts like a calendar. `apply_ics` brings the calendar in step with one
read (scheduler.ics expands recurring events): a new event is created, a changed one changed
(its reminders follow; a moved start is told as "verlegt"), an unchanged one is not written.
With `feed` (the URL), the events that came from that feed are remembered (feed_events), and an
upcoming event that came from it and is gone from it is cancelled ("abgesagt"); the notices are
those of OParl sessions (Calendar.change(notify=True): one per chat with pending reminders,
exactly once). A feed never cancels an event it did not bring, nor one that is over, nor one
another feed still lists; a read without any event while the feed had upcoming ones cancels
nothing (a broken export looks like that). `FeedSync` reads the configured feeds in a worker
thread while `gremienbot run` runs (at start and every 30 minutes), one read at a time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

import httpx
import sqlite_utils

from scheduler import events as ev
from scheduler.calendar import DEFAULT_OFFSETS, Calendar
from scheduler.clock import Clock
from scheduler.ics import IcsError, Refused, import_ics

log = logging.getLogger("gremienbot.feeds")

MAX_BYTES = 5 * 2**20
TIMEOUT = 30.0  # seconds for the whole read (connect, wait, body)
INTERVAL = 30 * 60  # seconds between two reads inside `gremienbot run`
FEED_SOURCE = "ICS-Feed"
FILE_SOURCE = "ICS-Import"
_HTML = ("text/html", "application/xhtml+xml")

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS feed_events (
        feed TEXT NOT NULL,
        uid TEXT NOT NULL,
        PRIMARY KEY (feed, uid)
    )""",
    "CREATE INDEX IF NOT EXISTS feed_events_uid ON feed_events(uid)",
    """CREATE TABLE IF NOT EXISTS feed_runs (
        feed TEXT PRIMARY KEY,
        finished_at TEXT NOT NULL,
        ok INTEGER NOT NULL,
        summary TEXT NOT NULL
    )""",
]


class FeedError(ValueError):
    """The URL gave no calendar; str(exc) says why in a few German words."""


def ensure_schema(db: sqlite_utils.Database) -> None:
    """The tables of the feeds."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


def parse_feeds(value: str | Sequence[str] | None) -> list[str]:
    """Feed URLs from a comma/space separated setting (or a list), each once, in order;
    FeedError for one that is not an http(s) address."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value or [])
    out: list[str] = []
    for url in (str(i).strip() for i in items):
        if url and url not in out:
            check_url(url)
            out.append(url)
    return out


def check_url(url: str) -> None:
    """FeedError unless `url` is an http(s) address with a host."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise FeedError(f"{url[:200]}: keine http(s)-Adresse")


def fetch_ics(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> bytes:
    """The body of an ICS feed, or FeedError (not http(s), unreachable, not 200, too large,
    too slow, an HTML page, no BEGIN:VCALENDAR at its start)."""
    check_url(url)
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": "gremienbot (ICS feed)", "Accept": "text/calendar, */*;q=0.5"}
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=5,
                headers=headers,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise FeedError(f"{url[:200]}: HTTP {response.status_code}")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind in _HTML:
                raise FeedError(f"{url[:200]}: eine Webseite ({kind}), kein Kalender")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(f"{url[:200]}: größer als {_size(max_bytes)}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise FeedError(f"{url[:200]}: größer als {_size(max_bytes)}")
                if time.monotonic() > deadline:
                    raise FeedError(f"{url[:200]}: keine Antwort in {timeout:g} s")
                if len(body) >= 2000 and not _looks_like_calendar(body):
                    break
    except httpx.HTTPError as exc:
        raise FeedError(f"{url[:200]}: {type(exc).__name__} {str(exc)[:120]}".strip()) from exc
    if not _looks_like_calendar(body):
        raise FeedError(f"{url[:200]}: kein iCalendar (kein BEGIN:VCALENDAR am Anfang)")
    return bytes(body)


def _size(n: int) -> str:
    return f"{n / 2**20:g} MB" if n >= 2**20 else f"{n / 1024:g} KB"


def _looks_like_calendar(body: bytes | bytearray) -> bool:
    return b"BEGIN:VCALENDAR" in bytes(body[:2000]).lstrip(b"\xef\xbb\xbf").upper()


@dataclass
class Applied:
    """What one read changed."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    cancelled: int = 0
    refused: list[Refused] = field(default_factory=list)
    kept: bool = False  # a read without any event: nothing was cancelled

    def line(self) -> str:
        """One German line for the CLI and the log."""
        text = (
            f"{self.new} neu, {self.changed} geändert, {self.unchanged} unverändert, "
            f"{self.cancelled} abgesagt"
        )
        if self.refused:
            text += f", {len(self.refused)} abgelehnt"
        if self.kept:
            text += " (leerer Kalender: nichts abgesagt)"
        return text


_COMPARED = ("title", "start_at", "end_at", "all_day", "place", "topic", "description", "source")


def _same(a: ev.Event, b: ev.Event) -> bool:
    return a.status == "confirmed" and all(getattr(a, k) == getattr(b, k) for k in _COMPARED)


def apply_ics(cal: Calendar, data: bytes, *, feed: str | None = None) -> Applied:
    """Bring the calendar in step with one read of a file (feed None) or a feed (its URL);
    IcsError when the data is no calendar (then nothing changes)."""
    ensure_schema(cal.db)
    now = cal.clock.now()
    report = Applied()
    found = import_ics(data, refused=report.refused, now=now)
    source = FEED_SOURCE if feed else FILE_SOURCE
    seen: set[str] = set()
    for event in found:
        event = replace(event, source=source)
        assert event.uid is not None  # import_ics gives every event one
        if event.uid in seen:  # the same UID twice in a file: the first one counts
            continue
        seen.add(event.uid)
        existing = ev.get_event_by_uid(cal.db, event.uid)
        if existing is None:
            cal.create(event)
            report.new += 1
        elif _same(existing, event):
            report.unchanged += 1
        else:
            cal.change(replace(event, id=existing.id), notify=True)
            report.changed += 1
        if feed:
            with cal.db.conn:
                cal.db.conn.execute(
                    "INSERT OR IGNORE INTO feed_events(feed, uid) VALUES (?, ?)", (feed, event.uid)
                )
    if feed:
        _cancel_gone(cal, feed, seen, now, report, empty=not found)
    return report


def _cancel_gone(
    cal: Calendar, feed: str, seen: set[str], now: datetime, report: Applied, *, empty: bool
) -> None:
    rows = cal.db.conn.execute("SELECT uid FROM feed_events WHERE feed = ?", (feed,)).fetchall()
    gone = [str(r[0]) for r in rows if str(r[0]) not in seen]
    upcoming = []
    for uid in gone:
        existing = ev.get_event_by_uid(cal.db, uid)
        if (
            existing is not None
            and existing.status == "confirmed"
            and ev.usable(existing)
            and not ev.is_over(existing, now)
        ):
            upcoming.append(existing)
    if empty and upcoming:
        report.kept = True
        log.warning(
            "ICS feed %s: no events in this read, %d upcoming from it kept", feed, len(upcoming)
        )
        return
    for existing in upcoming:
        assert existing.uid is not None
        elsewhere = cal.db.conn.execute(
            "SELECT 1 FROM feed_events WHERE uid = ? AND feed != ?", (existing.uid, feed)
        ).fetchone()
        if elsewhere is None:
            cal.change(replace(existing, status="cancelled"), notify=True)
            report.cancelled += 1
    with cal.db.conn:  # forgotten: what is gone (cancelled, over, or deleted by staff)
        cal.db.conn.executemany(
            "DELETE FROM feed_events WHERE feed = ? AND uid = ?", [(feed, uid) for uid in gone]
        )


def record(db: sqlite_utils.Database, feed: str, *, ok: bool, summary: str, at: datetime) -> None:
    """The outcome of the last read of a feed (for `gremienbot doctor`)."""
    ensure_schema(db)
    with db.conn:
        db.conn.execute(
            "INSERT OR REPLACE INTO feed_runs(feed, finished_at, ok, summary) VALUES (?,?,?,?)",
            (feed, at.isoformat(), int(ok), summary[:500]),
        )


@dataclass(frozen=True)
class Run:
    """The last recorded read of a feed."""

    finished_at: datetime
    ok: bool
    summary: str


def last_runs(db: sqlite_utils.Database) -> dict[str, Run]:
    """The last read of each feed read so far."""
    ensure_schema(db)
    return {
        str(feed): Run(datetime.fromisoformat(str(at)), bool(ok), str(summary))
        for feed, at, ok, summary in db.conn.execute(
            "SELECT feed, finished_at, ok, summary FROM feed_runs"
        )
    }


def read_feed(
    cal: Calendar, url: str, *, fetch: Callable[[str], bytes] = fetch_ics
) -> Applied | None:
    """Fetch and apply one feed; the outcome is recorded either way (None: it failed)."""
    try:
        report = apply_ics(cal, fetch(url), feed=url)
    except (FeedError, IcsError) as exc:
        log.error("ICS feed %s: %s", url, exc)
        record(cal.db, url, ok=False, summary=str(exc), at=cal.clock.now())
        return None
    log.info("ICS feed %s: %s", url, report.line())
    record(cal.db, url, ok=True, summary=report.line(), at=cal.clock.now())
    return report


class FeedSync:
    """Reads the configured feeds into the database, one read of all of them at a time, in a
    worker thread with its own connection (`connect`), never on the event loop."""

    def __init__(
        self,
        connect: Callable[[], sqlite_utils.Database],
        feeds: Sequence[str],
        clock: Clock,
        *,
        default_offsets: str = DEFAULT_OFFSETS,
        interval: float = INTERVAL,
        fetch: Callable[[str], bytes] = fetch_ics,
    ) -> None:
        self.connect = connect
        self.feeds = list(feeds)
        self.clock = clock
        self.default_offsets = default_offsets
        self.interval = interval
        self.fetch = fetch
        self.running = False  # set and cleared on the event loop only
        self.task: asyncio.Task[dict[str, Applied | None]] | None = None

    def start(self) -> bool:
        """Start a read now (from the running event loop); False when one is running."""
        if self.running:
            return False
        self.running = True
        self.task = asyncio.get_running_loop().create_task(self._run(), name="gremienbot-ics")
        return True

    async def _run(self) -> dict[str, Applied | None]:
        try:
            return await asyncio.to_thread(self._in_thread)
        except Exception:  # one failed read must not stop the next
            log.exception("ICS feeds failed")
            return {}
        finally:
            self.running = False

    def _in_thread(self) -> dict[str, Applied | None]:
        db = self.connect()
        try:
            cal = Calendar(db, self.clock, default_offsets=self.default_offsets)
            out: dict[str, Applied | None] = {}
            for url in self.feeds:
                try:
                    out[url] = read_feed(cal, url, fetch=self.fetch)
                except Exception:  # one feed must not stop the others
                    log.exception("ICS feed %s failed", url)
                    out[url] = None
            return out
        finally:
            db.conn.close()
