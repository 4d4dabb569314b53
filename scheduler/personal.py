"""What the scheduler tables hold about one member, and forgetting it (DSGVO Art. 15 and 17).

A member is a private chat (its chat id is the Telegram user id). Their data: the subscriber
record, its topics, keywords, quiet hours and reminder offsets, the deliveries to that chat;
also the staff entry, the announcements they wrote, and the group subscriptions they set up
(where their user id is kept).
Forgetting removes the subscriber, its topics and offsets and the deliveries still queued, and
strips the chat id from the delivery history (the rows stay as counts, so an announcement's
"delivered" figure does not change); announcements by staff stay as the audit record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlite_utils

from scheduler import subscriptions as subs
from scheduler.events import format_offset

QUEUED = ("pending", "sending")  # deliveries not yet done
FORGOTTEN = "forgotten:"  # key prefix of delivery records that no longer name a chat (chat id 0)


@dataclass(frozen=True)
class Forgotten:
    """What forgetting a member removed."""

    subscriber: bool
    topics: int
    queued: int  # deliveries still to be sent, deleted
    history: int  # delivery records kept as counts, the chat id removed
    groups: int  # group subscriptions that no longer name the member


def _offsets(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [format_offset(timedelta(seconds=s)) for s in json.loads(value)]


def _topic_name(topic: str) -> str:
    return "alle" if topic == subs.ALL else topic


def member_data(db: sqlite_utils.Database, chat_id: int, user_id: int) -> dict[str, Any]:
    """Everything these tables hold about a member, as plain JSON-ready values."""
    conn = db.conn
    row = conn.execute(
        "SELECT chat_id, user_id, language, active, offsets, created_at, deactivated_at, reason "
        "FROM subscribers WHERE chat_id = ?",
        (chat_id,),
    ).fetchone()
    subscriber = None
    offsets = None
    if row is not None:
        subscriber = {
            "chat_id": row[0],
            "user_id": row[1],
            "language": row[2],
            "active": bool(row[3]),
            "subscribed_at": row[5],
            "stopped_at": row[6],
            "stop_reason": row[7],
        }
        offsets = _offsets(row[4])
    topics = sorted(
        _topic_name(t)
        for (t,) in conn.execute("SELECT topic FROM subscriptions WHERE chat_id = ?", (chat_id,))
    )
    deliveries = [
        {
            "kind": kind,
            "event_or_announcement_id": ref_id,
            "due": due,
            "status": status,
            "sent_at": sent_at,
            "queued_at": created_at,
        }
        for kind, ref_id, due, status, sent_at, created_at in conn.execute(
            "SELECT kind, ref_id, not_before, status, sent_at, created_at FROM outbox "
            "WHERE chat_id = ? AND key NOT LIKE ? ORDER BY not_before, id",
            (chat_id, FORGOTTEN + "%"),
        )
    ]
    groups = [
        g
        for (g,) in conn.execute(
            "SELECT chat_id FROM subscribers WHERE user_id = ? AND chat_id != ? ORDER BY chat_id",
            (user_id, chat_id),
        )
    ]
    staff = conn.execute(
        "SELECT added_by, added_at FROM staff WHERE user_id = ?", (user_id,)
    ).fetchone()
    written = [
        {"id": i, "created_at": created, "status": status, "recipients": n}
        for i, created, status, n in conn.execute(
            "SELECT id, created_at, status, recipients FROM announcements WHERE author_id = ? "
            "ORDER BY id",
            (user_id,),
        )
    ]
    keywords = (
        [
            w
            for (w,) in conn.execute(
                "SELECT word FROM keywords WHERE chat_id = ? ORDER BY id", (chat_id,)
            )
        ]
        if db["keywords"].exists()
        else []
    )
    quiet = (
        conn.execute(
            "SELECT start_min, end_min FROM quiet_hours WHERE chat_id = ?", (chat_id,)
        ).fetchone()
        if db["quiet_hours"].exists()
        else None
    )
    return {
        "subscriber": subscriber,
        "topics": topics,
        "keywords": keywords,
        "quiet_hours": f"{quiet[0] // 60:02d}:{quiet[0] % 60:02d}-{quiet[1] // 60:02d}:"
        f"{quiet[1] % 60:02d}"
        if quiet
        else None,
        "reminder_offsets": offsets,
        "deliveries": deliveries,
        "group_subscriptions_set_up": groups,
        "staff": {"added_by": staff[0], "added_at": staff[1]} if staff else None,
        "announcements_written": written,
    }


def queued_count(db: sqlite_utils.Database, chat_id: int) -> int:
    """Deliveries to a chat that are still to be sent."""
    marks = ",".join("?" * len(QUEUED))
    row = db.conn.execute(
        f"SELECT count(*) FROM outbox WHERE chat_id = ? AND status IN ({marks})",
        (chat_id, *QUEUED),
    ).fetchone()
    return int(row[0])


def forget(db: sqlite_utils.Database, chat_id: int, user_id: int) -> Forgotten:
    """Remove a member's subscription, topics, offsets and queued deliveries, and their id from
    the delivery history and from group subscriptions (one transaction). Nothing is sent to the
    chat afterwards until it subscribes again."""
    marks = ",".join("?" * len(QUEUED))
    with db.conn:
        conn = db.conn
        topics = conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,)).rowcount
        for table in ("keywords", "quiet_hours"):  # a member's keyword alerts and quiet hours
            if db[table].exists():
                topics += conn.execute(
                    f"DELETE FROM {table} WHERE chat_id = ?", (chat_id,)
                ).rowcount
        subscriber = conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (chat_id,)).rowcount
        queued = conn.execute(
            f"DELETE FROM outbox WHERE chat_id = ? AND status IN ({marks})", (chat_id, *QUEUED)
        ).rowcount
        # The history keeps its counts (an announcement's "delivered"), not who it went to.
        # The key names the chat too: "forgotten:<row id>" is unique and names nobody.
        history = conn.execute(
            "UPDATE outbox SET chat_id = 0, key = ? || id, last_error = NULL "
            "WHERE chat_id = ? AND key NOT LIKE ?",
            (FORGOTTEN, chat_id, FORGOTTEN + "%"),
        ).rowcount
        groups = conn.execute(
            "UPDATE subscribers SET user_id = NULL WHERE user_id = ? AND chat_id != ?",
            (user_id, chat_id),
        ).rowcount
    return Forgotten(subscriber > 0, topics, queued, history, groups)
