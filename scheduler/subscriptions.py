"""Subscribers, their topics and reminder offsets; staff added by admins."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from scheduler.events import Event

ALL = "*"
ANNOUNCEMENTS = "ankuendigungen"
# Event kinds everyone can subscribe to; committees come from the events themselves.
KINDS = ("sitzungen", "jury", "veranstaltungen", ANNOUNCEMENTS)
DEFAULT_KIND = "veranstaltungen"

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS subscribers (
        chat_id INTEGER PRIMARY KEY,
        user_id INTEGER,
        language TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        offsets TEXT,                   -- JSON list of seconds; NULL: the default offsets
        created_at TEXT NOT NULL,
        deactivated_at TEXT,
        reason TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS subscriptions (
        chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        PRIMARY KEY (chat_id, topic)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS subscriptions_topic ON subscriptions(topic)",
    """CREATE TABLE IF NOT EXISTS staff (
        user_id INTEGER PRIMARY KEY,
        added_by INTEGER NOT NULL,
        added_at TEXT NOT NULL
    )""",
]


@dataclass(frozen=True)
class Subscriber:
    """Someone who gets reminders and announcements."""

    chat_id: int
    language: str | None
    offsets: tuple[timedelta, ...] | None  # None: the configured default


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables if they are missing."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


def topic_key(label: str | None) -> str:
    """The subscription key of an event topic: lower case, "veranstaltungen" when empty."""
    return (label or DEFAULT_KIND).strip().lower()


EVENT_KINDS = ("sitzungen", "jury", "veranstaltungen")
# Words of a title that make an event a session ("Sitzung des Sozialausschusses",
# "Integrationsrat", "Kreistag", "Beirat") or a jury ("Jurytreffen"); anything else is an event.
_JURY_RE = re.compile(r"jury|juroren", re.I)
_SESSION_RE = re.compile(r"sitzung|ausschuss|ausschuß|kreistag|beirat|beiräte", re.I)
_COUNCIL_RE = re.compile(r"\w*(?:rat|rats|rates|räte|räten)\b", re.I)
_NOT_COUNCIL = frozenset({
    "referat", "referats", "referates", "apparat", "apparats", "inserat", "separat", "karat",
    "quadrat", "demokrat", "bürokrat", "pirat", "heirat", "vorrat", "unrat", "hausrat",
    "verrat", "zierat", "geräte", "geräten",
})  # fmt: skip


def kind_from_title(title: str) -> str:
    """The event kind a title speaks of: "jury", "sitzungen" or "veranstaltungen"."""
    if _JURY_RE.search(title):
        return "jury"
    if _SESSION_RE.search(title):
        return "sitzungen"
    for word in _COUNCIL_RE.findall(title):
        if word.lower() not in _NOT_COUNCIL:
            return "sitzungen"
    return DEFAULT_KIND


def event_kind(event: Event) -> str:
    """An event's kind: its topic when that is a kind, else what its title speaks of (a
    committee's event is a session or an event by its title)."""
    key = topic_key(event.topic) if event.topic else None
    return key if key in EVENT_KINDS else kind_from_title(event.title)


def event_topics(event: Event, committees: Iterable[str] = ()) -> set[str]:
    """The topics whose subscribers hear about an event: everything, its kind, and its topic
    (a committee) when it has one, and every committee of a joint session."""
    named = [t for t in (event.topic, *committees) if t]
    return {ALL, event_kind(event)} | {topic_key(t) for t in named}


_KIND_NAMES = {
    "sitzung": "sitzungen", "sitzungen": "sitzungen", "session": "sitzungen",
    "sessions": "sitzungen", "jury": "jury", "juries": "jury", "jurys": "jury",
    "veranstaltung": "veranstaltungen", "veranstaltungen": "veranstaltungen",
    "event": "veranstaltungen", "events": "veranstaltungen",
}  # fmt: skip


def _fold(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def event_topic(db: sqlite_utils.Database, name: str) -> str | None:
    """The topic a staff member means by `#name` for an event: a kind (also in the singular
    or in English), or a committee, spelled as /abo offers it when an event has it already
    (case, spaces, hyphens and underscores do not matter). None for announcements and "alle",
    which are no event topics."""
    folded = _fold(name)
    if (
        not folded
        or folded.isdigit()
        or folded in (_fold(ANNOUNCEMENTS), "ankündigungen", "alle", "all")
    ):
        return None
    if folded in _KIND_NAMES:
        return _KIND_NAMES[folded]
    for offered in available_topics(db):
        if _fold(offered) == folded:
            return offered
    return name.strip().strip("#").replace("_", " ").lower() or None


def available_topics(db: sqlite_utils.Database) -> list[str]:
    """Event kinds plus the committees and topics that upcoming events carry."""
    extra = sorted(
        {
            topic_key(t)
            for (t,) in db.conn.execute(
                "SELECT DISTINCT topic FROM events WHERE topic IS NOT NULL AND status='confirmed' "
                "UNION SELECT DISTINCT c.name FROM event_committees c JOIN events e "
                "ON e.id = c.event_id WHERE e.status = 'confirmed'"
            )
        }
        - set(KINDS)
    )
    return [*KINDS, *extra]


def _ensure_subscriber(
    db: sqlite_utils.Database,
    chat_id: int,
    user_id: int | None,
    language: str | None,
    now: datetime,
    *,
    activate: bool = True,
) -> None:
    """The chat's subscriber row; `activate` (subscribing) makes a stopped one active again."""
    if not activate:
        db.conn.execute(
            "INSERT INTO subscribers(chat_id, user_id, language, created_at) VALUES (?,?,?,?) "
            "ON CONFLICT(chat_id) DO UPDATE SET language = COALESCE(excluded.language, language)",
            (chat_id, user_id, language, now.isoformat()),
        )
        return
    db.conn.execute(
        "INSERT INTO subscribers(chat_id, user_id, language, created_at) VALUES (?,?,?,?) "
        "ON CONFLICT(chat_id) DO UPDATE SET active = 1, deactivated_at = NULL, reason = NULL, "
        "language = COALESCE(excluded.language, language)",
        (chat_id, user_id, language, now.isoformat()),
    )


def ensure_subscriber(
    db: sqlite_utils.Database,
    chat_id: int,
    user_id: int | None,
    language: str | None,
    now: datetime,
) -> None:
    """The chat's subscriber row, active (inside the caller's transaction)."""
    _ensure_subscriber(db, chat_id, user_id, language, now)


def topics_of(db: sqlite_utils.Database, chat_id: int) -> set[str]:
    """The topics a chat is subscribed to (empty when inactive)."""
    rows = db.conn.execute(
        "SELECT s.topic FROM subscriptions s JOIN subscribers u USING (chat_id) "
        "WHERE s.chat_id = ? AND u.active = 1",
        (chat_id,),
    )
    return {r[0] for r in rows}


def toggle(
    db: sqlite_utils.Database,
    chat_id: int,
    topic: str,
    *,
    user_id: int | None,
    language: str | None,
    now: datetime,
) -> bool:
    """Subscribe to a topic, or unsubscribe when already subscribed; True when now subscribed."""
    with db.conn:
        _ensure_subscriber(db, chat_id, user_id, language, now)
        if topic in topics_of(db, chat_id):
            db.conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? AND topic = ?", (chat_id, topic)
            )
            return False
        db.conn.execute(
            "INSERT OR IGNORE INTO subscriptions(chat_id, topic) VALUES (?,?)", (chat_id, topic)
        )
        return True


def subscribe_all(
    db: sqlite_utils.Database,
    chat_id: int,
    *,
    user_id: int | None,
    language: str | None,
    now: datetime,
) -> None:
    """Everything: all events and announcements."""
    with db.conn:
        _ensure_subscriber(db, chat_id, user_id, language, now)
        db.conn.execute(
            "INSERT OR IGNORE INTO subscriptions(chat_id, topic) VALUES (?,?)", (chat_id, ALL)
        )


def unsubscribe_all(db: sqlite_utils.Database, chat_id: int, *, now: datetime) -> int:
    """Stop everything for a chat (it counts as stopped until it subscribes again); returns
    how many topics it had."""
    with db.conn:
        cur = db.conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
        db.conn.execute(
            "UPDATE subscribers SET active = 0, deactivated_at = ?, reason = 'unsubscribed' "
            "WHERE chat_id = ? AND active = 1",
            (now.isoformat(), chat_id),
        )
        return cur.rowcount


def set_offsets(
    db: sqlite_utils.Database,
    chat_id: int,
    offsets: Iterable[timedelta] | None,
    *,
    user_id: int | None,
    language: str | None,
    now: datetime,
) -> None:
    """A chat's own reminder offsets (None: back to the default); kept for later when the
    chat subscribes to nothing (setting offsets subscribes to nothing)."""
    value = None if offsets is None else json.dumps([int(o.total_seconds()) for o in offsets])
    with db.conn:
        _ensure_subscriber(db, chat_id, user_id, language, now, activate=False)
        db.conn.execute("UPDATE subscribers SET offsets = ? WHERE chat_id = ?", (value, chat_id))


def offsets_of(db: sqlite_utils.Database, chat_id: int) -> tuple[timedelta, ...] | None:
    """A chat's own offsets, or None for the default."""
    row = db.conn.execute(
        "SELECT offsets FROM subscribers WHERE chat_id = ?", (chat_id,)
    ).fetchone()
    if not row or row[0] is None:
        return None
    return tuple(timedelta(seconds=s) for s in json.loads(row[0]))


def _subscriber(row: tuple[object, ...]) -> Subscriber:
    chat_id, language, offsets = row
    parsed = tuple(timedelta(seconds=s) for s in json.loads(str(offsets))) if offsets else None
    return Subscriber(int(str(chat_id)), str(language) if language else None, parsed)


def subscribers_for(db: sqlite_utils.Database, topics: Iterable[str]) -> list[Subscriber]:
    """Active subscribers of any of the topics."""
    wanted = sorted(set(topics))
    marks = ",".join("?" * len(wanted))
    rows = db.conn.execute(
        "SELECT DISTINCT u.chat_id, u.language, u.offsets FROM subscribers u "
        f"JOIN subscriptions s USING (chat_id) WHERE u.active = 1 AND s.topic IN ({marks}) "
        "ORDER BY u.chat_id",
        wanted,
    )
    return [_subscriber(r) for r in rows]


def subscriber(db: sqlite_utils.Database, chat_id: int) -> Subscriber | None:
    """One active subscriber."""
    row = db.conn.execute(
        "SELECT chat_id, language, offsets FROM subscribers WHERE chat_id = ? AND active = 1",
        (chat_id,),
    ).fetchone()
    return _subscriber(row) if row else None


def deactivate(db: sqlite_utils.Database, chat_id: int, reason: str, *, now: datetime) -> None:
    """Stop sending to a chat that refuses messages (blocked the bot, deleted, not found)."""
    db.conn.execute(
        "UPDATE subscribers SET active = 0, deactivated_at = ?, reason = ? WHERE chat_id = ?",
        (now.isoformat(), reason[:200], chat_id),
    )


def add_staff(db: sqlite_utils.Database, user_id: int, *, by: int, now: datetime) -> bool:
    """Make a user staff; False when they already were."""
    with db.conn:
        cur = db.conn.execute(
            "INSERT OR IGNORE INTO staff(user_id, added_by, added_at) VALUES (?,?,?)",
            (user_id, by, now.isoformat()),
        )
        return cur.rowcount > 0


def is_staff(db: sqlite_utils.Database, user_id: int, admins: frozenset[int]) -> bool:
    """Admins from the configuration, and staff they added."""
    if user_id in admins:
        return True
    return (
        db.conn.execute("SELECT 1 FROM staff WHERE user_id = ?", (user_id,)).fetchone() is not None
    )
