"""Announcements by staff: stored first, previewed with their recipients, then queued in the
same transaction as the decision to send (every announcement is kept: who, when, text, to whom,
how many delivered)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from scheduler import outbox
from scheduler import subscriptions as subs
from scheduler.events import check_window

MAX_TEXT = 3500  # leaves room for the heading within Telegram's 4096

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS announcements (
        id INTEGER PRIMARY KEY,
        author_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        topic TEXT,                       -- also to subscribers of this topic
        send_at TEXT,                     -- UTC ISO; NULL: at once
        status TEXT NOT NULL DEFAULT 'draft',  -- draft | queued | cancelled
        recipients INTEGER,
        created_at TEXT NOT NULL,
        decided_at TEXT
    )""",
]


@dataclass(frozen=True)
class Announcement:
    """A stored announcement."""

    id: int
    author_id: int
    text: str
    topic: str | None
    send_at: datetime | None
    status: str
    recipients: int | None


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the table if it is missing."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


def recipient_topics(topic: str | None) -> set[str]:
    """Who hears an announcement: subscribers of announcements, of everything, of its topic."""
    return {subs.ALL, subs.ANNOUNCEMENTS} | ({subs.topic_key(topic)} if topic else set())


def recipients(db: sqlite_utils.Database, topic: str | None) -> list[int]:
    """Chat ids that would get an announcement now."""
    return [s.chat_id for s in subs.subscribers_for(db, recipient_topics(topic))]


def create(
    db: sqlite_utils.Database,
    *,
    author_id: int,
    text: str,
    topic: str | None,
    send_at: datetime | None,
    now: datetime,
) -> Announcement:
    """Store a draft (durable before anything is shown or sent). A send time outside the
    calendar's window raises ParseError("date_out_of_range")."""
    if send_at is not None:
        check_window(send_at)
    with db.conn:
        cur = db.conn.execute(
            "INSERT INTO announcements(author_id, text, topic, send_at, created_at) "
            "VALUES (?,?,?,?,?)",
            (
                author_id,
                text[:MAX_TEXT],
                topic,
                send_at.isoformat() if send_at else None,
                now.isoformat(),
            ),
        )
    found = get(db, int(cur.lastrowid or 0))
    assert found is not None
    return found


def get(db: sqlite_utils.Database, announcement_id: int) -> Announcement | None:
    """One announcement."""
    row = db.conn.execute(
        "SELECT id, author_id, text, topic, send_at, status, recipients FROM announcements "
        "WHERE id = ?",
        (announcement_id,),
    ).fetchone()
    if row is None:
        return None
    return Announcement(
        row[0],
        row[1],
        row[2],
        row[3],
        datetime.fromisoformat(row[4]) if row[4] else None,
        row[5],
        row[6],
    )


def queue(db: sqlite_utils.Database, announcement_id: int, *, now: datetime) -> int | None:
    """Queue a draft for all its recipients, in one transaction; returns how many, or None when
    it is no draft any more (sent or cancelled already: pressing "send" twice sends once)."""
    with db.conn:
        row = db.conn.execute(
            "SELECT topic, send_at FROM announcements WHERE id = ? AND status = 'draft'",
            (announcement_id,),
        ).fetchone()
        if row is None:
            return None
        topic, send_at = row
        due = datetime.fromisoformat(send_at) if send_at else now
        chats = recipients(db, topic)
        for chat_id in chats:
            outbox.enqueue(
                db,
                key=f"ann:{announcement_id}:{chat_id}",
                chat_id=chat_id,
                kind="announcement",
                ref_id=announcement_id,
                not_before=max(due, now),
                now=now,
            )
        db.conn.execute(
            "UPDATE announcements SET status = 'queued', recipients = ?, decided_at = ? "
            "WHERE id = ?",
            (len(chats), now.isoformat(), announcement_id),
        )
        return len(chats)


def cancel(db: sqlite_utils.Database, announcement_id: int, *, now: datetime) -> bool:
    """Cancel a draft; False when it was already queued or cancelled."""
    with db.conn:
        cur = db.conn.execute(
            "UPDATE announcements SET status = 'cancelled', decided_at = ? "
            "WHERE id = ? AND status = 'draft'",
            (now.isoformat(), announcement_id),
        )
        return cur.rowcount > 0


def delivered(db: sqlite_utils.Database, announcement_id: int) -> int:
    """How many recipients got it so far."""
    row = db.conn.execute(
        "SELECT count(*) FROM outbox WHERE kind = 'announcement' AND ref_id = ? "
        "AND status = 'sent'",
        (announcement_id,),
    ).fetchone()
    return int(row[0])
