"""The durable outbox: every reminder and announcement is a row before it is sent.

Rows are written in the same transaction as the change that causes them (an event, a
subscription, an announcement), with a unique key, so planning twice is harmless. One sender
drains due rows within Telegram's limits; a row is "sending" only while in flight, so a kill
repeats at most the rows in flight (IN_FLIGHT) after the restart.

The drain never stops claiming while a row is due: it does not wait for a slow send while
another row could go (a row set back after a 429 or a network error goes out as soon as it is
due again), a chat that must wait does not hold back the chats behind it, a send gets at most
SEND_TIMEOUT, and a row whose result could not be written goes back to pending at once.
429s and network errors never make a row fail: they are nobody's fault, the row just waits.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Protocol

import sqlite_utils

from scheduler import events as ev
from scheduler import quiet as qt
from scheduler import subscriptions as subs
from scheduler.reminders import Reminder, plan

log = logging.getLogger("gremienbot.outbox")

IN_FLIGHT = 8  # concurrent sends; also the most a crash can repeat
GLOBAL_RATE = 29.0  # messages per second overall (Telegram: about 30)
CHAT_INTERVAL = timedelta(seconds=1)  # per chat (Telegram: about 1/s)
GROUP_INTERVAL = timedelta(seconds=3)  # groups: 20 per minute
MAX_ATTEMPTS = 8  # for failures of unknown cause (429s and network errors never give up)
STALE_SENDING = timedelta(minutes=2)
CATCH_UP = timedelta(seconds=0.5)  # lateness the pacer makes up for (a burst of at most 15)
SEND_TIMEOUT = 30.0  # seconds; a send without an answer by then counts as a network error
NETWORK_BACKOFF_CAP = 30.0  # seconds; the longest a row waits after a network error
POLL = 0.05  # seconds; how soon the drain looks again while nothing can go right now
OVERDUE = timedelta(minutes=1)  # due rows waiting longer are reported (/status, the log)

Kind = Literal["reminder", "announcement", "notice", "alert"]

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS outbox (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,           -- dedup key: the same message is never queued twice
        chat_id INTEGER NOT NULL,
        kind TEXT NOT NULL,                 -- reminder | announcement | notice | alert
        ref_id INTEGER NOT NULL,            -- event | announcement | event | document id
        payload TEXT NOT NULL DEFAULT '{}', -- JSON: offset seconds for reminders
        not_before TEXT NOT NULL,           -- UTC ISO; due from then on
        status TEXT NOT NULL DEFAULT 'pending',  -- pending|sending|sent|failed|dropped
        attempts INTEGER NOT NULL DEFAULT 0,
        claimed_at TEXT,
        sent_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS outbox_due ON outbox(status, not_before)",
    "CREATE INDEX IF NOT EXISTS outbox_ref ON outbox(kind, ref_id, status)",
]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the outbox table if it is missing."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


@dataclass(frozen=True)
class Delivery:
    """One message to send."""

    id: int
    key: str
    chat_id: int
    kind: Kind
    ref_id: int
    payload: dict[str, Any]
    attempts: int


Result = Literal["sent", "retry", "gone", "failed", "dropped", "held"]


@dataclass(frozen=True)
class Outcome:
    """What happened to a send: sent; retry after `retry_after` s (429), or with backoff
    (`network`: the connection failed or timed out, maybe delivered; otherwise an error of
    unknown cause, given up after MAX_ATTEMPTS); gone (blocked, deactivated, chat not found:
    the subscriber is deactivated); failed (refused for good); dropped (nothing to send any
    more, e.g. the event began); held (the chat's quiet time: not sent, due again at
    `until`, no attempt counted)."""

    result: Result
    retry_after: float = 0.0
    error: str = ""
    network: bool = False
    until: datetime | None = None


class Sender(Protocol):
    """Sends one delivery (implemented in bot/sender.py with Telegram)."""

    async def deliver(self, delivery: Delivery) -> Outcome:
        """Send it and say what happened."""
        ...


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def enqueue(
    db: sqlite_utils.Database,
    *,
    key: str,
    chat_id: int,
    kind: Kind,
    ref_id: int,
    not_before: datetime,
    now: datetime,
    payload: dict[str, Any] | None = None,
) -> bool:
    """Queue a message unless its key is queued already (inside the caller's transaction)."""
    cur = db.conn.execute(
        "INSERT OR IGNORE INTO outbox(key, chat_id, kind, ref_id, payload, not_before, "
        "created_at) VALUES (?,?,?,?,?,?,?)",
        (key, chat_id, kind, ref_id, json.dumps(payload or {}), _iso(not_before), _iso(now)),
    )
    return cur.rowcount > 0


# -- planning reminders --------------------------------------------------------------------


def _interested(
    db: sqlite_utils.Database, events: list[ev.Event], chat_id: int | None
) -> dict[int, list[subs.Subscriber]]:
    """Event id -> subscribers who hear about it (only `chat_id` when given: one query)."""
    if chat_id is not None:
        sub = subs.subscriber(db, chat_id)
        topics = subs.topics_of(db, chat_id)
        return {
            e.id: [sub]
            if sub is not None and subs.event_topics(e, ev.committees_of(db, e.id)) & topics
            else []
            for e in events
            if e.id is not None
        }
    # a joint session reaches the subscribers of each of its committees, each chat once
    return {
        e.id: subs.subscribers_for(db, subs.event_topics(e, ev.committees_of(db, e.id)))
        for e in events
        if e.id is not None
    }


def sync_reminders(
    db: sqlite_utils.Database,
    default_offsets: tuple[timedelta, ...],
    *,
    now: datetime,
    event_ids: list[int] | None = None,
    chat_id: int | None = None,
) -> tuple[int, int]:
    """Make the pending reminder rows match events x subscriptions x offsets: add missing ones,
    cancel those no longer wanted (event moved, deleted, unsubscribed). Idempotent. Limited to
    the given events and/or chat, else everything upcoming. Returns (added, cancelled)."""
    with db.conn:
        if event_ids is None:
            events = ev.upcoming(db, now=now, limit=100_000)
        else:
            found = [ev.get_event(db, i) for i in event_ids]
            events = [e for e in found if e is not None]
        planned = plan(events, _interested(db, events, chat_id), default_offsets, now=now)
        wanted = _around_quiet(db, events, planned, now)
        keys = {r.key for r in wanted}
        where = ["kind = 'reminder'", "status = 'pending'"]
        args: list[object] = []
        if event_ids is not None:
            where.append(f"ref_id IN ({','.join('?' * len(event_ids))})")
            args += event_ids
        if chat_id is not None:
            where.append("chat_id = ?")
            args.append(chat_id)
        rows = db.conn.execute(f"SELECT id, key FROM outbox WHERE {' AND '.join(where)}", args)
        stale = [rid for rid, key in rows if key not in keys]
        for i in range(0, len(stale), 500):
            chunk = stale[i : i + 500]
            db.conn.execute(
                "UPDATE outbox SET status = 'dropped', last_error = 'no longer wanted' "
                f"WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        added = sum(_enqueue_reminder(db, r, now) for r in wanted if not r.late)
        return added, len(stale)


def _around_quiet(
    db: sqlite_utils.Database, events: list[ev.Event], wanted: list[Reminder], now: datetime
) -> list[Reminder]:
    """Reminders due in their chat's quiet time move (scheduler.quiet.reminder_due)."""
    quiet = qt.all_quiet(db)
    if not quiet:
        return wanted
    starts = {e.id: e.start_at for e in events}
    out = []
    for r in wanted:
        q = quiet.get(r.chat_id)
        if q is not None and not r.late:
            due = qt.reminder_due(q, r.due_at, starts[r.event_id], now=now)
            r = replace(r, due_at=due)
        out.append(r)
    return out


def _enqueue_reminder(db: sqlite_utils.Database, r: Reminder, now: datetime) -> bool:
    """Queue a wanted reminder. Its key may be taken by a row dropped earlier (the chat
    unsubscribed or left the topic, then came back): that row is wanted again and pending.
    A sent row stays sent (exactly once); a pending one takes the time wanted now (quiet
    hours set or changed)."""
    if enqueue(
        db,
        key=r.key,
        chat_id=r.chat_id,
        kind="reminder",
        ref_id=r.event_id,
        not_before=r.due_at,
        now=now,
        payload={"offset": int(r.offset.total_seconds())},
    ):
        return True
    db.conn.execute(
        "UPDATE outbox SET not_before = ? WHERE key = ? AND status = 'pending' AND not_before != ?",
        (_iso(r.due_at), r.key, _iso(r.due_at)),
    )
    cur = db.conn.execute(
        "UPDATE outbox SET status = 'pending', not_before = ?, attempts = 0, claimed_at = NULL, "
        "last_error = NULL WHERE key = ? AND status = 'dropped'",
        (_iso(r.due_at), r.key),
    )
    return cur.rowcount > 0


# -- notices: a session moved or called off ---------------------------------------------------


def pending_reminder_chats(db: sqlite_utils.Database, event_id: int) -> list[int]:
    """Chats with a reminder for the event still pending (they are told when it changes)."""
    rows = db.conn.execute(
        "SELECT DISTINCT chat_id FROM outbox WHERE kind = 'reminder' AND ref_id = ? "
        "AND status = 'pending' ORDER BY chat_id",
        (event_id,),
    )
    return [int(r[0]) for r in rows]


def notice_change(before: ev.Event, after: ev.Event) -> str | None:
    """What subscribers are told about: "cancelled" (a confirmed event is called off),
    "moved" (a confirmed event starts at another time), or nothing."""
    if before.status != "confirmed":
        return None
    if after.status == "cancelled":
        return "cancelled"
    if after.status == "confirmed" and after.start_at != before.start_at:
        return "moved"
    return None


def queue_notices(
    db: sqlite_utils.Database,
    before: ev.Event,
    after: ev.Event,
    chats: list[int],
    *,
    now: datetime,
) -> int:
    """One notice per chat that had reminders pending, inside the caller's transaction (the
    same as the event change). The key names the event, the chat and the change (with the old
    and new start), so a second sync or a restart never queues it twice. Returns how many
    were queued."""
    change = notice_change(before, after)
    if change is None or after.id is None:
        return 0
    old = int(before.start_at.timestamp())
    tail = (
        f"cancelled:{old}"
        if change == "cancelled"
        else f"moved:{old}:{int(after.start_at.timestamp())}"
    )
    payload = {
        "change": change,
        "title": before.title,
        "old": before.start_at.isoformat(),
        "new": after.start_at.isoformat(),
        "all_day": before.all_day,
    }
    return sum(
        enqueue(
            db,
            key=f"notice:{after.id}:{chat}:{tail}",
            chat_id=chat,
            kind="notice",
            ref_id=after.id,
            not_before=now,
            now=now,
            payload=payload,
        )
        for chat in chats
    )


def cancel_chat(db: sqlite_utils.Database, chat_id: int) -> int:
    """Drop everything still pending for a chat (it unsubscribed or refuses messages)."""
    cur = db.conn.execute(
        "UPDATE outbox SET status = 'dropped', last_error = 'unsubscribed' "
        "WHERE chat_id = ? AND status = 'pending'",
        (chat_id,),
    )
    return cur.rowcount


# -- sending -------------------------------------------------------------------------------


def release_stale(
    db: sqlite_utils.Database, *, now: datetime, older: timedelta = STALE_SENDING
) -> int:
    """Rows left "sending" by a killed process go back to pending (sent again: at least once)."""
    with db.conn:
        cur = db.conn.execute(
            "UPDATE outbox SET status = 'pending' WHERE status = 'sending' AND claimed_at <= ?",
            (_iso(now - older),),
        )
        return cur.rowcount


def release(db: sqlite_utils.Database, ids: list[int]) -> int:
    """Rows claimed but not recorded (the send was cut off, or its result could not be
    written) go back to pending: sent again, at least once, never lost."""
    if not ids:
        return 0
    with db.conn:
        cur = db.conn.execute(
            "UPDATE outbox SET status = 'pending' "
            f"WHERE status = 'sending' AND id IN ({','.join('?' * len(ids))})",
            ids,
        )
        return cur.rowcount


def release_orphans(db: sqlite_utils.Database, *, in_flight: set[int]) -> int:
    """Rows "sending" that this process is not sending (one sender per database) go back to
    pending: nothing stays claimed until the next restart."""
    rows = db.conn.execute("SELECT id FROM outbox WHERE status = 'sending'").fetchall()
    orphans = [r[0] for r in rows if r[0] not in in_flight]
    released = sum(release(db, orphans[i : i + 500]) for i in range(0, len(orphans), 500))
    if released:
        log.warning("%d deliveries were left claimed; they are sent again", released)
    return released


def claim(
    db: sqlite_utils.Database, *, now: datetime, limit: int, skip_chats: set[int] | None = None
) -> list[Delivery]:
    """Mark up to `limit` due rows as sending and return them (oldest due first). Rows of
    `skip_chats` (chats that must wait a moment) are passed over in the query itself, so
    however many of them are due, they never hide the rows of other chats."""
    skip = sorted(skip_chats or ())
    not_skipped = f" AND chat_id NOT IN ({','.join('?' * len(skip))})" if skip else ""
    with db.conn:
        picked = db.conn.execute(
            "SELECT id, key, chat_id, kind, ref_id, payload, attempts FROM outbox "
            f"WHERE status = 'pending' AND not_before <= ?{not_skipped} "
            "ORDER BY not_before, id LIMIT ?",
            (_iso(now), *skip, limit),
        ).fetchall()
        if picked:
            db.conn.execute(
                f"UPDATE outbox SET status = 'sending', claimed_at = ? "
                f"WHERE id IN ({','.join('?' * len(picked))})",
                [_iso(now), *(r[0] for r in picked)],
            )
    return [Delivery(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6]) for r in picked]


def record(
    db: sqlite_utils.Database, delivery: Delivery, outcome: Outcome, *, now: datetime
) -> None:
    """Store what happened to a delivery (one small transaction, right after the send).
    A 429 waits `retry_after`; a network error backs off (2, 4, 8 ... NETWORK_BACKOFF_CAP s)
    and, like a 429, never gives up; an error of unknown cause backs off up to 5 minutes and
    fails after MAX_ATTEMPTS attempts."""
    with db.conn:
        if outcome.result == "held" and outcome.until is not None:
            db.conn.execute(
                "UPDATE outbox SET status = 'pending', not_before = ?, last_error = ? WHERE id = ?",
                (_iso(outcome.until), "quiet hours", delivery.id),
            )
        elif outcome.result == "sent":
            db.conn.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 "
                "WHERE id = ?",
                (_iso(now), delivery.id),
            )
        elif outcome.result == "retry" and (
            outcome.retry_after or outcome.network or delivery.attempts + 1 < MAX_ATTEMPTS
        ):
            backoff = 2.0 ** min(delivery.attempts + 1, 9)
            if outcome.retry_after:
                wait = outcome.retry_after
            elif outcome.network:
                wait = min(NETWORK_BACKOFF_CAP, backoff)
            else:
                wait = min(300.0, backoff)
            db.conn.execute(
                "UPDATE outbox SET status = 'pending', attempts = attempts + 1, not_before = ?, "
                "last_error = ? WHERE id = ?",
                (_iso(now + timedelta(seconds=wait)), outcome.error[:300], delivery.id),
            )
        elif outcome.result == "gone":
            db.conn.execute(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? "
                "WHERE id = ?",
                (outcome.error[:300], delivery.id),
            )
            subs.deactivate(db, delivery.chat_id, outcome.error or "gone", now=now)
            cancel_chat(db, delivery.chat_id)
        else:
            status = "dropped" if outcome.result == "dropped" else "failed"
            db.conn.execute(
                "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? "
                "WHERE id = ?",
                (status, outcome.error[:300], delivery.id),
            )


def overdue(
    db: sqlite_utils.Database, *, now: datetime, older: timedelta = OVERDUE
) -> tuple[int, datetime | None]:
    """Due rows still pending longer than `older`: how many, and the oldest due time."""
    found, oldest = db.conn.execute(
        "SELECT count(*), min(not_before) FROM outbox WHERE status = 'pending' AND not_before < ?",
        (_iso(now - older),),
    ).fetchone()
    return int(found), datetime.fromisoformat(oldest) if oldest else None


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many rows are pending, sending, sent, failed, dropped."""
    found = dict(db.conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    return {s: int(found.get(s, 0)) for s in ("pending", "sending", "sent", "failed", "dropped")}


def _too_late(db: sqlite_utils.Database, delivery: Delivery, now: datetime) -> Outcome | None:
    """A reminder whose event is gone, not confirmed, or has begun is not sent; an alert or
    announcement in the chat's quiet time waits for its end (a reminder's time is moved
    around quiet hours when it is planned: see sync_reminders)."""
    if delivery.kind in ("alert", "announcement"):
        until = qt.hold(qt.quiet_of(db, delivery.chat_id), now)
        return Outcome("held", until=until) if until > now else None
    if delivery.kind != "reminder":
        return None
    event = ev.get_event(db, delivery.ref_id)
    if event is None or event.status != "confirmed":
        return Outcome("dropped", error="event gone")
    if event.start_at <= now:
        return Outcome("dropped", error="event has begun")
    return None


class Pacer:
    """Keeps sends within Telegram's limits: overall rate, one per chat per second, groups
    slower. Time comes from the clock; waiting goes through the injected sleep."""

    def __init__(self, *, rate: float = GLOBAL_RATE) -> None:
        self.interval = timedelta(seconds=1 / rate)
        self.next_at: datetime | None = None
        self.last_chat: dict[int, datetime] = {}

    def busy_chats(self, now: datetime) -> set[int]:
        """Chats that must wait before their next message."""
        out = set()
        for chat, at in list(self.last_chat.items()):
            gap = GROUP_INTERVAL if chat < 0 else CHAT_INTERVAL
            if now - at < gap:
                out.add(chat)
            else:
                del self.last_chat[chat]
        return out

    def delay(self, now: datetime) -> float:
        """Seconds to wait before the next send may start."""
        if self.next_at is None or now >= self.next_at:
            return 0.0
        return (self.next_at - now).total_seconds()

    def sent(self, chat_id: int, now: datetime) -> None:
        """Account for a send that starts now. A send that starts a little late (loop
        overhead) does not push the schedule back, so the average rate holds; idle time
        longer than CATCH_UP earns no burst."""
        base = now
        if self.next_at is not None and self.next_at > now - CATCH_UP:
            base = self.next_at
        self.next_at = base + self.interval
        self.last_chat[chat_id] = now


async def _attempt(
    db: sqlite_utils.Database,
    sender: Sender,
    delivery: Delivery,
    now: Callable[[], datetime],
    send_timeout: float | None,
) -> Outcome:
    """One send and what became of it; never raises (except when cancelled)."""
    try:
        late = _too_late(db, delivery, now())
        if late is not None:
            return late
        return await asyncio.wait_for(sender.deliver(delivery), send_timeout)
    except TimeoutError:  # maybe delivered: at least once
        return Outcome("retry", network=True, error=f"no answer within {send_timeout} s")
    except Exception as exc:  # a bug in the sender must not lose the row
        log.exception("delivery %s failed unexpectedly", delivery.key)
        return Outcome("retry", error=f"{type(exc).__name__}: {exc}")


async def _pause(
    running: set[asyncio.Task[None]], sleep: Callable[[float], Awaitable[None]], seconds: float
) -> set[asyncio.Task[None]]:
    """Wait until a send in flight finishes or `seconds` pass, whichever comes first; returns
    the sends still in flight. Never waits for a slow send alone: meanwhile a row may fall due
    (set back after a 429 or a network error), a chat may be free again, a row may be added."""
    await asyncio.sleep(0)  # sends that are done already need no timer
    if not any(task.done() for task in running):
        timer = asyncio.ensure_future(sleep(seconds))
        try:
            await asyncio.wait({*running, timer}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            timer.cancel()
    return {task for task in running if not task.done()}


async def drain(
    db: sqlite_utils.Database,
    sender: Sender,
    now: Callable[[], datetime],
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    pacer: Pacer | None = None,
    in_flight: int = IN_FLIGHT,
    max_messages: int | None = None,
    stopping: Callable[[], bool] = lambda: False,
    sending: set[int] | None = None,
    send_timeout: float | None = SEND_TIMEOUT,
) -> int:
    """Send every due row, paced, with at most `in_flight` sends at a time; returns how many
    were attempted. Returns when nothing is due and nothing is in flight (or after
    `max_messages`). Once `stopping()` is true it claims nothing more and returns when the
    sends in flight are recorded, so a graceful stop sends nothing twice.

    `sending` holds the ids of the rows this process has in flight; the caller keeps it across
    wake-ups (Calendar does), so a row claimed but never recorded is found and sent again."""
    pacer = pacer or Pacer()
    sending = set() if sending is None else sending
    release_orphans(db, in_flight=sending)
    attempted = 0
    running: set[asyncio.Task[None]] = set()
    lost = False  # a row could not be put back: look for orphans before the next claim

    async def one(delivery: Delivery) -> None:
        nonlocal lost
        try:
            outcome = await _attempt(db, sender, delivery, now, send_timeout)
            record(db, delivery, outcome, now=now())
            if outcome.result == "retry" and outcome.retry_after:
                pause = now() + timedelta(seconds=outcome.retry_after)
                pacer.next_at = max(pause, pacer.next_at or pause)
        except BaseException as exc:  # the result is not stored: the row must not stay claimed
            if isinstance(exc, Exception):
                log.exception("delivery %s: result not stored; it is sent again", delivery.key)
            try:
                release(db, [delivery.id])
            except Exception:
                lost = True
            if not isinstance(exc, Exception):  # cancelled (shutdown): pass it on
                raise
        finally:
            sending.discard(delivery.id)

    try:
        while (max_messages is None or attempted < max_messages) and not stopping():
            if len(running) >= in_flight:
                _done, pending = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                running = set(pending)
                continue
            wait = pacer.delay(now())
            if wait > 0:
                await sleep(wait)
                if stopping():
                    break
            if lost:
                lost = False
                release_orphans(db, in_flight=sending)
            current = now()
            batch = claim(db, now=current, limit=1, skip_chats=pacer.busy_chats(current))
            if batch:
                delivery = batch[0]
                sending.add(delivery.id)
                pacer.sent(delivery.chat_id, current)
                attempted += 1
                running.add(asyncio.create_task(one(delivery)))
                continue
            if not running and not _due(db, current):
                break
            running = await _pause(running, sleep, POLL)
    except Exception:
        await asyncio.gather(*running, return_exceptions=True)  # recorded, not orphaned
        raise
    if running:
        await asyncio.gather(*running)
    return attempted


def _due(db: sqlite_utils.Database, now: datetime) -> bool:
    return (
        db.conn.execute(
            "SELECT 1 FROM outbox WHERE status = 'pending' AND not_before <= ? LIMIT 1",
            (_iso(now),),
        ).fetchone()
        is not None
    )
