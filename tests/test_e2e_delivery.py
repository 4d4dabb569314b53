"""Delivery end to end: `gremienbot run` broadcasting through the stand-in Bot API, killed
with SIGKILL mid-broadcast and restarted; blocked and unknown chats; injected 429s."""

from __future__ import annotations

import os
import signal
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from knowledge.store import open_db
from scheduler.calendar import Calendar
from scheduler.clock import SystemClock
from scheduler.events import BERLIN
from scheduler.outbox import IN_FLIGHT
from tests.botapi_server import FakeBotAPI
from tests.test_e2e_bot import start_bot, stop_bot


def queue_announcement(db_path: Path, chats: range, text: str) -> int:
    """Subscribers and a queued announcement, written the way the bot writes them."""
    cal = Calendar(open_db(db_path), SystemClock())
    for chat in chats:
        cal.subscribe_all(chat, user_id=chat, language="de")
    draft, count = cal.announce(author_id=1, text=text)
    assert count == len(chats)
    assert cal.send_announcement(draft.id) == len(chats)
    return draft.id


def announcement_counts(server: FakeBotAPI, text: str) -> Counter[int]:
    return Counter(int(m["chat"]["id"]) for m in server.sent() if text in str(m.get("text", "")))


def test_killed_mid_broadcast_loses_nothing_and_repeats_at_most_the_in_flight(
    tmp_path: Path,
) -> None:
    db = tmp_path / "bot.db"
    chats = range(5000, 5300)
    text = "Die Sitzung des Integrationsrats beginnt eine Stunde später."
    queue_announcement(db, chats, text)
    with FakeBotAPI() as server:
        proc = start_bot(server, db, tmp_path / "1.log")
        assert server.wait_for(
            lambda s: sum(announcement_counts(s, text).values()) >= 90, timeout=60
        )
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        before = sum(announcement_counts(server, text).values())
        assert before < 300  # really killed in the middle
        proc = start_bot(server, db, tmp_path / "2.log")
        try:
            # Every chat has it, and the outbox is done: the sends that were in flight at
            # the kill may reach Telegram twice, so the server seeing every chat comes first.
            assert server.wait_for(
                lambda s: (
                    set(announcement_counts(s, text)) == set(chats)
                    and Calendar(open_db(db), SystemClock()).status()["sent"] == 300
                ),
                timeout=90,
            )
        finally:
            stop_bot(proc)
        counts = announcement_counts(server, text)
    assert set(counts) == set(chats)  # nothing lost
    duplicates = sum(n - 1 for n in counts.values())
    assert duplicates <= IN_FLIGHT
    status = Calendar(open_db(db), SystemClock()).status()
    assert status["sent"] == 300
    assert status["pending"] == status["sending"] == 0


def test_blocked_unknown_and_rate_limited_chats(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    text = "Neue Termine im Kalender."
    queue_announcement(db, range(10, 40), text)
    with FakeBotAPI() as server:
        server.block(11)
        server.forget_chat(12)
        server.fail_next("sendMessage", 429, retry_after=1, count=3)
        proc = start_bot(server, db, tmp_path / "bot.log")
        try:
            assert server.wait_for(lambda s: len(announcement_counts(s, text)) == 28, timeout=60)
            status_ok = server.wait_for(
                lambda s: Calendar(open_db(db), SystemClock()).status()["failed"] == 2,
                timeout=10,
            )
        finally:
            stop_bot(proc)
    assert status_ok
    status = Calendar(open_db(db), SystemClock()).status()
    assert (status["sent"], status["failed"], status["pending"]) == (28, 2, 0)
    assert (status["subscribers"], status["inactive"]) == (28, 2)
    refused = [c for c in server.snapshot() if c.method == "sendMessage" and c.status == 429]
    assert len(refused) == 3  # the injected ones; the pacing itself caused none


def test_reminder_from_an_event_created_in_telegram(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    cal = Calendar(open_db(db), SystemClock(), default_offsets="2h")
    cal.subscribe_all(77, user_id=77, language="de")
    with FakeBotAPI() as server:
        proc = start_bot(server, db, tmp_path / "bot.log")
        try:
            # Staff (GREMIENBOT_ADMINS=99) creates an event 2 h + 1 min ahead: the 2 h
            # reminder falls due a minute from now, so this test waits about a minute.
            start = datetime.now(UTC).replace(second=0, microsecond=0)
            when = start.astimezone(BERLIN) + timedelta(hours=2, minutes=1)
            server.user_message(99, f"/termin_neu {when:%d.%m.%Y %H:%M} Kreistag @ Siegburg")
            assert server.wait_for(
                lambda s: any("Termin angelegt" in m.get("text", "") for m in s.sent(99)),
                timeout=20,
            )
            assert server.wait_for(
                lambda s: any("Erinnerung: Kreistag" in m.get("text", "") for m in s.sent(77)),
                timeout=100,
            )
        finally:
            stop_bot(proc)
    reminder = next(m for m in server.sent(77) if "Erinnerung" in m.get("text", ""))
    assert "Ort: Siegburg" in reminder["text"]
