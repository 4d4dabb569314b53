"""Events, reminders and the outbox with a clock moved by hand (no waiting)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from knowledge.store import open_db
from scheduler import outbox
from scheduler.calendar import Calendar
from scheduler.events import (
    BERLIN,
    Event,
    ParseError,
    format_local,
    parse_event_command,
    parse_offsets,
    to_utc,
)
from scheduler.outbox import Delivery, Outcome
from scheduler.reminders import reminder_instant
from scheduler.runner import Runner
from tests.fakes import FakeClock


class RecordingSender:
    """Answers like the bot's sender; `plan` maps chat id -> forced outcomes."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.sent: list[tuple[int, str, datetime]] = []
        self.plan: dict[int, list[Outcome]] = {}

    async def deliver(self, delivery: Delivery) -> Outcome:
        forced = self.plan.get(delivery.chat_id)
        if forced:
            return forced.pop(0)
        self.sent.append((delivery.chat_id, delivery.key, self.clock.now()))
        return Outcome("sent")


def berlin(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(berlin(2026, 3, 1, 9))


@pytest.fixture
def cal(clock: FakeClock) -> Calendar:
    return Calendar(open_db(None), clock, default_offsets="7d,1d,2h")


async def run_until(
    cal: Calendar,
    sender: RecordingSender,
    clock: FakeClock,
    until: datetime,
    step: timedelta = timedelta(minutes=10),
) -> None:
    """Move the clock in steps and let the outbox send what is due (fake sleeps move it too)."""

    async def fake_sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)  # like a real sleep, let the sends in flight run

    while clock.now() < until:
        await cal.tick(sender, sleep=fake_sleep)
        clock.advance(step)
    await cal.tick(sender, sleep=fake_sleep)


def test_parse_event_command() -> None:
    e = parse_event_command("16.06.2026 18:30 Integrationspreisverleihung @ Kreishaus Siegburg")
    assert (e.day, e.at, e.title, e.place) == (
        date(2026, 6, 16),
        time(18, 30),
        "Integrationspreisverleihung",
        "Kreishaus Siegburg",
    )
    e = parse_event_command("2026-06-16 Jurytermin")
    assert (e.day, e.at, e.title, e.place) == (date(2026, 6, 16), None, "Jurytermin", None)
    for bad in ("", "32.01.2026 10:00 X", "16.06.2026 25:00 X", "morgen Sitzung", "16.06.2026"):
        with pytest.raises(ParseError):
            parse_event_command(bad)


def test_offsets() -> None:
    assert parse_offsets("7d,1d,2h") == (timedelta(days=7), timedelta(days=1), timedelta(hours=2))
    assert parse_offsets("2h 1d 2h 30m") == (
        timedelta(days=1),
        timedelta(hours=2),
        timedelta(minutes=30),
    )
    for bad in ("", "0h", "1y", "100d", "1d,2d,3d,4d,5d,6d,7d", "abc"):
        with pytest.raises(ParseError):
            parse_offsets(bad)


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # Spring forward (2026-03-29 02:00 -> 03:00): "1d" keeps the wall time.
        (berlin(2026, 3, 29, 10), timedelta(days=1), berlin(2026, 3, 28, 10)),
        (berlin(2026, 3, 30, 10), timedelta(days=7), berlin(2026, 3, 23, 10)),
        # "2h" is two real hours, even across the gap: 03:30 CEST - 2 h = 00:30 CET.
        (berlin(2026, 3, 29, 3, 30), timedelta(hours=2), datetime(2026, 3, 28, 23, 30, tzinfo=UTC)),
        # Fall back (2026-10-25 03:00 -> 02:00).
        (berlin(2026, 10, 25, 10), timedelta(days=1), berlin(2026, 10, 24, 10)),
        (berlin(2026, 10, 26, 9), timedelta(days=1), berlin(2026, 10, 25, 9)),
        (berlin(2026, 10, 25, 4), timedelta(hours=2), datetime(2026, 10, 25, 1, 0, tzinfo=UTC)),
    ],
)
def test_reminder_instants_across_dst(
    start: datetime, offset: timedelta, expected: datetime
) -> None:
    assert reminder_instant(start, offset) == expected


def test_event_times_are_berlin_wall_times_stored_as_utc() -> None:
    summer = to_utc(date(2026, 6, 16), time(18, 30))
    winter = to_utc(date(2026, 12, 2), time(18, 30))
    assert (summer.hour, winter.hour) == (16, 17)
    assert format_local(summer) == "16.06.2026 18:30"
    assert format_local(winter, all_day=True) == "02.12.2026"


async def test_each_reminder_exactly_once_even_when_run_twice(
    cal: Calendar, clock: FakeClock
) -> None:
    cal.subscribe_all(100, user_id=100, language="de")
    cal.toggle(200, "jury", user_id=200, language="de")
    event = cal.create(Event("Jurysitzung", berlin(2026, 3, 29, 10), topic="Jury"))
    sender = RecordingSender(clock)
    await run_until(cal, sender, clock, berlin(2026, 3, 30, 0))
    cal.recover()  # a restart plans again: nothing new
    await run_until(cal, sender, clock, berlin(2026, 3, 31, 0))
    times = sorted(
        (chat, at.astimezone(BERLIN).strftime("%d.%m. %H:%M")) for chat, _, at in sender.sent
    )
    assert times == [
        (100, "22.03. 10:00"),
        (100, "28.03. 10:00"),
        (100, "29.03. 08:00"),
        (200, "22.03. 10:00"),
        (200, "28.03. 10:00"),
        (200, "29.03. 08:00"),
    ]
    assert event.id is not None


async def test_changing_and_deleting_events_moves_and_cancels_reminders(
    cal: Calendar, clock: FakeClock
) -> None:
    cal.subscribe_all(1, user_id=1, language="de")
    event = cal.create(Event("Sozialausschuss", berlin(2026, 3, 20, 17)))
    moved = cal.change(replace(event, start_at=berlin(2026, 3, 27, 17)))
    other = cal.create(Event("Kreistag", berlin(2026, 3, 25, 17)))
    assert other.id is not None
    cal.delete(other.id)
    sender = RecordingSender(clock)
    await run_until(cal, sender, clock, berlin(2026, 3, 28, 0))
    days = sorted(at.astimezone(BERLIN).strftime("%d.%m. %H:%M") for _, _, at in sender.sent)
    assert days == ["20.03. 17:00", "26.03. 17:00", "27.03. 15:00"]
    assert moved.version == 2


async def test_reminder_due_while_down_is_sent_late_unless_the_event_began(
    cal: Calendar, clock: FakeClock
) -> None:
    cal.subscribe_all(1, user_id=1, language="de")
    cal.set_offsets(1, (timedelta(hours=2),), user_id=1, language="de")
    cal.create(Event("Integrationsrat", berlin(2026, 3, 2, 18)))
    cal.create(Event("Jury", berlin(2026, 3, 2, 20)))
    sender = RecordingSender(clock)
    clock.current = berlin(2026, 3, 2, 19)  # the bot was down from 09:00 to 19:00
    cal.recover()
    await run_until(cal, sender, clock, berlin(2026, 3, 3, 0))
    assert len(sender.sent) == 1
    late_by = sender.sent[0][2] - berlin(2026, 3, 2, 19)
    assert timedelta(0) <= late_by < timedelta(seconds=1)  # sent at once; the 18:00 one dropped

    counts = cal.status()
    assert (counts["sent"], counts["dropped"]) == (1, 1)


async def test_blocked_and_unknown_chats_are_deactivated_network_errors_retried(
    cal: Calendar, clock: FakeClock
) -> None:
    for chat in (1, 2, 3, 4):
        cal.subscribe_all(chat, user_id=chat, language="de")
    draft, count = cal.announce(author_id=9, text="Sitzung fällt aus.")
    assert count == 4
    assert cal.send_announcement(draft.id) == 4
    assert cal.send_announcement(draft.id) is None  # pressing "send" twice sends once
    sender = RecordingSender(clock)
    sender.plan = {
        2: [Outcome("gone", error="Forbidden: bot was blocked by the user")],
        3: [Outcome("gone", error="Bad Request: chat not found")],
        4: [Outcome("retry", error="NetworkError"), Outcome("retry", retry_after=5)],
    }
    await run_until(cal, sender, clock, clock.now() + timedelta(minutes=5), timedelta(seconds=2))
    assert sorted(c for c, _, _ in sender.sent) == [1, 4]
    status = cal.status()
    assert (status["sent"], status["failed"], status["pending"]) == (2, 2, 0)
    assert (status["subscribers"], status["inactive"]) == (2, 2)


async def test_outbox_pacing_stays_within_telegram_limits(cal: Calendar, clock: FakeClock) -> None:
    for chat in range(1, 301):
        cal.subscribe_all(chat, user_id=chat, language="de")
    draft, _ = cal.announce(author_id=9, text="Hinweis")
    cal.send_announcement(draft.id)
    sender = RecordingSender(clock)
    start = clock.now()

    async def fake_sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)  # like a real sleep, let the sends in flight run

    await cal.tick(sender, sleep=fake_sleep)
    assert len(sender.sent) == 300
    elapsed = (clock.now() - start).total_seconds()
    assert 300 / 30 <= elapsed <= 300 / 28  # about 29 messages a second, never more than 30
    per_second: dict[int, int] = {}
    for _, _, at in sender.sent:
        second = int((at - start).total_seconds())
        per_second[second] = per_second.get(second, 0) + 1
    assert max(per_second.values()) <= 30


async def test_unsubscribe_stops_everything_queued(cal: Calendar, clock: FakeClock) -> None:
    cal.subscribe_all(1, user_id=1, language="de")
    cal.create(Event("Kreistag", berlin(2026, 3, 20, 17)))
    draft, _ = cal.announce(author_id=9, text="x", send_at=berlin(2026, 3, 5, 9))
    cal.send_announcement(draft.id)
    cal.unsubscribe_all(1)
    sender = RecordingSender(clock)
    await run_until(cal, sender, clock, berlin(2026, 3, 21, 0), timedelta(hours=6))
    assert sender.sent == []


async def test_a_sender_bug_does_not_lose_the_message(cal: Calendar, clock: FakeClock) -> None:
    cal.subscribe_all(1, user_id=1, language="de")
    draft, _ = cal.announce(author_id=9, text="x")
    cal.send_announcement(draft.id)

    class Flaky(RecordingSender):
        calls = 0

        async def deliver(self, delivery: Delivery) -> Outcome:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("boom")
            return await super().deliver(delivery)

    sender = Flaky(clock)
    await run_until(cal, sender, clock, clock.now() + timedelta(minutes=1), timedelta(seconds=5))
    assert len(sender.sent) == 1


def test_proposals_wait_for_staff(cal: Calendar) -> None:
    proposal = Event("Wertedialog", berlin(2026, 11, 6, 0), all_day=True, uid="prop:x:1")
    assert cal.propose([proposal]) == 1
    assert cal.propose([proposal]) == 0  # re-ingest: not proposed twice
    (waiting,) = cal.proposals()
    assert waiting.status == "proposed"
    assert cal.upcoming() == []
    assert waiting.id is not None
    confirmed = cal.decide(waiting.id, accept=True)
    assert confirmed is not None
    assert confirmed.status == "confirmed"
    assert cal.decide(waiting.id, accept=False) is None  # decided already
    assert [e.title for e in cal.upcoming()] == ["Wertedialog"]


def test_staff_are_admins_and_whom_they_add(cal: Calendar) -> None:
    admins = frozenset({1})
    assert cal.is_staff(1, admins)
    assert not cal.is_staff(2, admins)
    assert cal.add_staff(2, by=1)
    assert not cal.add_staff(2, by=1)
    assert cal.is_staff(2, admins)


def test_sync_is_idempotent(cal: Calendar) -> None:
    cal.subscribe_all(1, user_id=1, language="de")
    cal.create(Event("Kreistag", berlin(2026, 3, 20, 17)))
    before = outbox.counts(cal.db)
    assert outbox.sync_reminders(cal.db, cal.default_offsets, now=cal.clock.now()) == (0, 0)
    assert (
        outbox.counts(cal.db)
        == before
        == {"pending": 3, "sending": 0, "sent": 0, "failed": 0, "dropped": 0}
    )


async def test_a_graceful_stop_records_the_sends_in_flight_and_claims_no_more(
    cal: Calendar, clock: FakeClock
) -> None:
    for chat in range(1, 51):
        cal.subscribe_all(chat, user_id=chat, language="de")
    draft, _ = cal.announce(author_id=9, text="Hinweis")
    cal.send_announcement(draft.id)
    release = asyncio.Event()
    all_waiting = asyncio.Event()

    class Slow(RecordingSender):
        waiting = 0

        async def deliver(self, delivery: Delivery) -> Outcome:
            if len(self.sent) >= 10:
                self.waiting += 1
                if self.waiting == outbox.IN_FLIGHT:
                    all_waiting.set()
                await release.wait()  # Telegram has the message, the reply is on its way
            return await super().deliver(delivery)

    async def fake_sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)

    sender = Slow(clock)
    runner = Runner(
        lambda: cal.tick(sender, sleep=fake_sleep, stopping=lambda: runner.stopping),
        seconds=0.01,
    )
    runner.start()  # the real APScheduler: its shutdown would cancel a running job
    await asyncio.wait_for(all_waiting.wait(), 5)
    assert outbox.counts(cal.db)["sending"] == outbox.IN_FLIGHT
    stop = asyncio.create_task(runner.stop(grace=5))
    await asyncio.sleep(0.05)
    assert not stop.done()  # it waits for the sends in flight
    release.set()
    await stop
    counts = outbox.counts(cal.db)
    assert counts["sending"] == 0  # nothing left to send twice after a restart
    assert counts["sent"] == len(sender.sent) == 10 + outbox.IN_FLIGHT
    assert counts["pending"] == 50 - counts["sent"]  # the rest waits for the next start


async def test_long_work_runs_once_at_a_time_without_log_noise(
    caplog: pytest.LogCaptureFixture,
) -> None:
    running = finished = 0
    overlap = False

    async def work() -> None:
        nonlocal running, finished, overlap
        running += 1
        overlap = overlap or running > 1
        await asyncio.sleep(0.1)  # ten wake-ups long
        running -= 1
        finished += 1

    runner = Runner(work, seconds=0.01)
    runner.start()
    await asyncio.sleep(0.35)
    await runner.stop(grace=1)
    assert not overlap
    assert 2 <= finished <= 4
    assert running == 0  # the stop waited for the work that was running
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_asyncio_is_used(cal: Calendar) -> None:
    assert asyncio.iscoroutinefunction(cal.tick)


def _notices(cal: Calendar) -> list[tuple[int, str, str]]:
    rows = cal.db.conn.execute(
        "SELECT chat_id, key, payload FROM outbox WHERE kind = 'notice' ORDER BY chat_id, id"
    ).fetchall()
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


async def test_notices_when_a_session_moves_or_is_called_off_exactly_once(
    cal: Calendar, clock: FakeClock
) -> None:
    """A change with notify: every chat that had reminders pending gets one notice (moved,
    cancelled), queued with the change; the same change again queues nothing; chats without
    pending reminders and changes of title or place get none; sending it once is all."""
    cal.subscribe_all(1, user_id=1, language="de")
    cal.subscribe_all(2, user_id=2, language="en")
    moved = cal.create(Event("Kreistag", berlin(2026, 3, 20, 17), topic="sitzungen"))
    called_off = cal.create(Event("Jugendhilfeausschuss", berlin(2026, 3, 21, 17)))
    cal.subscribe_all(3, user_id=3, language="de")
    cal.unsubscribe_all(3)  # no reminders pending: no notice
    cal.change(replace(moved, place="Kreishaus"), notify=True)
    assert _notices(cal) == []  # only start and status count
    later = replace(cal.get(moved.id or 0) or moved, start_at=berlin(2026, 3, 22, 18))
    cal.change(later, notify=True)
    cal.change(later, notify=True)  # a second sync with the same data
    cal.change(replace(called_off, status="cancelled"), notify=True)
    cal.change(replace(called_off, status="cancelled"), notify=True)
    found = _notices(cal)
    assert [(chat, key.split(":")[3]) for chat, key, _ in found] == [
        (1, "moved"),
        (1, "cancelled"),
        (2, "moved"),
        (2, "cancelled"),
    ]
    # the reminders of the moved session moved with it; those of the cancelled one are gone
    pending = cal.db.conn.execute(
        "SELECT ref_id, not_before FROM outbox WHERE kind = 'reminder' AND status = 'pending'"
    ).fetchall()
    assert {r[0] for r in pending} == {moved.id}
    assert min(r[1] for r in pending) == berlin(2026, 3, 15, 18).isoformat()  # 7d before
    sender = RecordingSender(clock)
    await run_until(cal, sender, clock, clock.now() + timedelta(minutes=1))
    assert sorted(k for _, k, _ in sender.sent if k.startswith("notice:")) == sorted(
        k for _, k, _ in found
    )
    cal.change(later, notify=True)
    cal.change(replace(called_off, status="cancelled"), notify=True)
    await run_until(cal, sender, clock, clock.now() + timedelta(minutes=1))
    assert len([k for _, k, _ in sender.sent if k.startswith("notice:")]) == 4
    # staff edits without notify (and ordinary calendar changes) queue no notice
    cal.change(replace(later, start_at=berlin(2026, 3, 23, 18)))
    assert len(_notices(cal)) == 4


async def test_runner_runs_a_periodic_job_at_once() -> None:
    """Runner.every: the OParl sync starts with the bot, then every interval."""
    calls: list[int] = []

    async def work() -> None:
        return None

    async def job() -> None:
        calls.append(1)

    runner = Runner(work, seconds=3600)
    runner.start()
    runner.every(3600, job, job_id="periodic")
    for _ in range(200):
        if calls:
            break
        await asyncio.sleep(0.01)
    await runner.stop()
    assert calls == [1]
