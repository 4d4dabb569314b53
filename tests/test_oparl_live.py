"""The OParl sync inside the running bot (tests/live.py): notices to subscribers when a
session moves or is called off, exactly once."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from bot.oparl.background import BackgroundSync
from bot.oparl.client import OParlClient
from bot.oparl.sync import Sync, SyncReport
from knowledge.store import generation
from tests.live import ADMIN, MEMBER, STAFF, Live
from tests.oparl_server import FakeOParl

ENGLISH = 12


@pytest.fixture
def oparl() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


async def sync(live: Live, oparl: FakeOParl) -> SyncReport:
    async with OParlClient(backoff=0.01, timeout=10.0) as client:
        return await Sync(live.cal, client).run(oparl.body_url)


async def test_moved_and_cancelled_sessions_are_noticed_once(live: Live, oparl: FakeOParl) -> None:
    await sync(live, oparl)
    await live.send("/abo alle", user_id=MEMBER)
    await live.send("/abo all", user_id=ENGLISH, language_code="en")
    await live.drain()
    before = {chat: len(live.texts(chat)) for chat in (MEMBER, ENGLISH)}
    oparl.change("meeting", "102", start="2030-06-25T18:00:00+02:00")
    oparl.change("meeting", "103", cancelled=True)
    oparl.delete("meeting", "101")
    report = await sync(live, oparl)
    assert (report.meetings.changed, report.meetings.deleted) == (2, 1)
    await live.drain()
    german = live.texts(MEMBER)[before[MEMBER] :]
    english = live.texts(ENGLISH)[before[ENGLISH] :]
    assert sorted(german) == sorted(
        [
            "Verlegt: Sitzung des Sozialausschusses\n"
            "vom 18.06.2030 16:30 Uhr auf 25.06.2030 18:00 Uhr verlegt.",
            "Abgesagt: Kreistag\n24.09.2030 15:00 Uhr – abgesagt.",
            "Abgesagt: Sitzung des Integrationsausschusses\n12.03.2030 17:00 Uhr – abgesagt.",
        ]
    )
    assert sorted(english) == sorted(
        [
            "Moved: Sitzung des Sozialausschusses\n"
            "moved from 18.06.2030 16:30 to 25.06.2030 18:00.",
            "Cancelled: Kreistag\n24.09.2030 15:00 – cancelled.",
            "Cancelled: Sitzung des Integrationsausschusses\n12.03.2030 17:00 – cancelled.",
        ]
    )
    # the next sync (nothing changed) and another drain send nothing more
    await sync(live, oparl)
    await live.drain()
    assert len(live.texts(MEMBER)) == before[MEMBER] + 3
    assert len(live.texts(ENGLISH)) == before[ENGLISH] + 3
    assert live.refused() == []


def syncer(live: Live, oparl: FakeOParl) -> BackgroundSync:
    found = BackgroundSync(
        live.db_file,
        oparl.body_url,
        live.clock,
        knowledge=live.dialog.kb,
        default_offsets="7d,1d,2h",
        client_options={"backoff": 0.01, "timeout": 10.0},
    )
    live.agenda.syncer = found
    return found


async def test_sync_command_for_staff_and_status_shows_the_last_sync(
    live: Live, oparl: FakeOParl
) -> None:
    await live.send("/status", user_id=STAFF)
    assert "Abgleich" not in live.texts(STAFF)[-1]  # never synced: nothing to show
    await live.send("/sync", user_id=STAFF)
    assert "kein Ratsinformationssystem" in live.texts(STAFF)[-1]
    job = syncer(live, oparl)
    await live.send("/sync", user_id=MEMBER)
    assert "nur Mitarbeitende" in live.texts(MEMBER)[-1]
    assert job.task is None  # refused: nothing started
    await live.send("/sync", user_id=STAFF)
    assert "läuft." in live.texts(STAFF)[-1]
    await live.send("/sync", user_id=STAFF)
    assert "läuft bereits" in live.texts(STAFF)[-1]
    assert job.task is not None
    await job.task
    await live.send("/status", user_id=STAFF)
    status = live.texts(STAFF)[-1]
    # the fake clock stands at 23.11.2026 09:00 UTC: 10:00 in Berlin
    assert (
        "Letzter Abgleich mit dem Ratsinformationssystem: 23.11.2026 10:00 – Vorlagen 2 neu, "
        "0 geändert, 0 gelöscht, 0 übersprungen; Sitzungen 4 neu, 0 geändert, 0 gelöscht, "
        "1 übersprungen; Gremien 3 neu, 0 geändert, 0 gelöscht, 0 übersprungen; 1 Fehler." in status
    )
    assert "1 Fehler." in status
    assert "meeting/105" in status
    await live.send("/status", user_id=ENGLISH, language_code="en")
    assert "Last sync" not in live.texts(ENGLISH)[-1]  # members see no status
    # the synced papers are answered right away, with the vocabulary loaded in the thread
    assert live.dialog.kb._vocab is not None
    assert live.dialog.kb._vocab.generation == generation(live.dialog.kb.db)


async def test_status_shows_a_failed_sync(live: Live, oparl: FakeOParl) -> None:
    job = syncer(live, oparl)
    job.url = f"{oparl.base}/fixtures/missing.json"
    assert job.start()
    assert job.task is not None
    assert await job.task is None  # nothing synced; recorded
    await live.send("/status", user_id=ADMIN)
    assert "23.11.2026 10:00 – fehlgeschlagen:" in live.texts(ADMIN)[-1]


async def test_never_two_syncs_at_once(live: Live, oparl: FakeOParl) -> None:
    """While a sync waits for the server, a second start (the interval, /sync) is refused,
    and the bot answers questions meanwhile (the sync runs in a child process)."""
    job = syncer(live, oparl)
    held = oparl.hold("/meetings")
    assert job.start()
    assert not job.start()
    first = job.task
    for _ in range(500):  # the sync's thread waits for the server; the event loop does not
        if oparl.held.is_set():
            break
        await asyncio.sleep(0.01)
    assert oparl.held.is_set()
    await live.send("/termine", user_id=MEMBER)  # answered while the sync waits
    assert live.texts(MEMBER)
    await live.send("/sync", user_id=STAFF)
    assert "läuft bereits" in live.texts(STAFF)[-1]
    assert job.task is first
    held.set()
    assert first is not None
    report = await first
    assert report is not None
    assert report.meetings.new == 4
    assert job.start()  # the next one may start once the first has finished
    assert job.task is not None
    report = await job.task
    assert report is not None
    assert report.meetings.new == 0


async def test_questions_are_answered_while_a_sync_writes_and_no_reload_on_the_loop(
    live: Live, oparl: FakeOParl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question asked while the sync thread is between two pages of papers (the first one
    already stored: the knowledge base changed) is answered at once, from the vocabulary the
    bot had; the vocabulary is read again only in the sync's thread, never on the event loop,
    and the first question after the sync finds the new papers."""
    from knowledge import base

    for n in range(4):  # papers on three pages (two per page)
        oparl.put("paper", oparl.paper(f"40{n}", f"Vorlage {n}", f"2030/040{n}", f"Text {n}."))
    loop_thread = threading.get_ident()
    loads: list[bool] = []  # True: on the event loop's thread
    original = base.load_vocabulary

    def recorded(*args: Any, **kwargs: Any) -> Any:
        loads.append(threading.get_ident() == loop_thread)
        return original(*args, **kwargs)

    monkeypatch.setattr(base, "load_vocabulary", recorded)
    await live.send("What does the KIM case management do?", user_id=ENGLISH, language_code="en")
    assert "Source:" in live.texts(ENGLISH)[-1]
    assert loads == [True]  # the first question of the process loads it (before any sync)

    job = syncer(live, oparl)
    held = oparl.hold("/papers?page=2")
    assert job.start()
    for _ in range(1000):  # the sync's thread waits for the server; the event loop does not
        if oparl.held.is_set():
            break
        await asyncio.sleep(0.01)
    assert oparl.held.is_set()
    assert live.dialog.kb._vocab is not None
    assert live.dialog.kb._vocab.generation != generation(live.dialog.kb.db)  # page 1 stored
    for _ in range(3):
        await live.send(
            "What does the KIM case management do?", user_id=ENGLISH, language_code="en"
        )
        assert "Source:" in live.texts(ENGLISH)[-1]
    assert job.task is not None
    assert not job.task.done()  # answered while the sync still runs
    assert loads == [True]  # and nothing was reloaded for these questions
    held.set()
    report = await job.task
    assert report is not None
    assert report.papers.new == 6
    assert loads[1:]
    assert not any(loads[1:])
    await live.send("Wie viele Sprachkurse sollen gefördert werden?", user_id=MEMBER)
    assert "14 Sprachkurse" in live.texts(MEMBER)[-1]
    assert not any(loads[1:])
    assert live.dialog.kb.hold_vocabulary is False


_MARKER = "a fresh interpreter"


def _send_marker(send: Any, *args: Any) -> None:
    send.send(_MARKER)
    send.close()


def test_the_sync_child_is_spawned_not_forked(
    live: Live, oparl: FakeOParl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child forked from the bot's threads may inherit a lock one of them held (SQLite's
    memory mutex while a question is answered) and wait for it forever; a spawned child
    starts from a fresh interpreter and sees none of the parent's state."""
    from bot.oparl import background

    monkeypatch.setattr(sys.modules[__name__], "_MARKER", "the parent's state")
    monkeypatch.setattr(background, "_sync_child", _send_marker)
    assert syncer(live, oparl)._in_child() == "a fresh interpreter"  # type: ignore[comparison-overlap]


def _dies(*args: Any) -> None:
    """A sync child that dies at once (module level: the child is spawned and imports it)."""
    os._exit(3)  # would end the test run if the sync ran in the bot's own process


async def test_a_sync_process_that_dies_is_logged_and_the_next_sync_runs(
    live: Live, oparl: FakeOParl, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The sync runs in a child process (the bot's process keeps its interpreter lock for
    the questions): one that dies without a report (killed, out of memory) is logged, the
    bot goes on, and the next sync runs."""
    from bot.oparl import background

    job = syncer(live, oparl)
    monkeypatch.setattr(background, "_sync_child", _dies)
    assert job.start()
    assert job.task is not None
    assert await job.task is None
    assert "ended without a report (exit 3)" in caplog.text
    assert not job.running
    monkeypatch.undo()
    assert job.start()
    report = await job.task
    assert report is not None
    assert report.meetings.new == 4
