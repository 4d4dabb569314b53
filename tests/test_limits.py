"""Odd data that must not break the calendar or the bot (issue 9, items 2 and 7): dates
outside the calendar's window, and fields far longer than a Telegram message takes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.proposing import propose_from
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db
from scheduler import events as ev
from scheduler.calendar import Calendar
from scheduler.events import Event
from scheduler.ics import import_ics
from tests.botapi_server import FakeBotAPI
from tests.fakes import FakeClock
from tests.live import ADMIN, MEMBER, STAFF, Live

FAR = "9999-12-31T23:00:00+00:00"  # in Berlin already the year 10000
ANCIENT = "0001-01-01T00:00:00+00:00"  # in Berlin before the year 1
LIMIT, CAPTION = 4096, 1024


def insert_raw(
    db_file: Path,
    title: str,
    start: str,
    *,
    end: str | None = None,
    status: str = "confirmed",
    place: str | None = None,
    description: str | None = None,
    document: str | None = None,
    all_day: int = 0,
) -> int:
    """A row as an old version (or a careless script) may have stored it: no checks."""
    db = open_db(db_file)
    Calendar(db, FakeClock())  # the tables
    with db.conn:
        cur = db.conn.execute(
            "INSERT INTO events(title, start_at, end_at, all_day, place, description, document, "
            "status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (title, start, end, all_day, place, description, document, status, FAR, FAR),
        )
    db.conn.close()
    return int(cur.lastrowid or 0)


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "GREMIENBOT_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def vevent(uid: str, summary: str, start: str, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\n"
        f"{extra}SUMMARY:{summary}\r\nEND:VEVENT\r\n"
    )


def calendar_file(*events: str) -> bytes:
    body = "".join(events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//DE\r\n{body}END:VCALENDAR\r\n".encode()
    )


# -- item 2: dates outside the window ------------------------------------------------------


def test_the_window_is_public_and_has_clear_edges() -> None:
    assert ev.in_window(date(1900, 1, 1))
    assert ev.in_window(date(2200, 12, 31))
    assert not ev.in_window(date(1899, 12, 31))
    assert not ev.in_window(date(2201, 1, 1))
    assert ev.in_window(datetime(2200, 12, 31, 23, 59, tzinfo=UTC))
    assert not ev.in_window(datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
    assert not ev.in_window(datetime(1, 1, 1, tzinfo=UTC))
    with pytest.raises(ev.ParseError, match="date_out_of_range"):
        ev.check_window(datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
    ev.check_window(datetime(2030, 1, 1, tzinfo=UTC))  # no error
    # The last line of defence: nothing stores such a date, whatever the entry point.
    cal = Calendar(open_db(":memory:"), FakeClock())
    far = Event("Weit weg", datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
    with pytest.raises(ev.ParseError, match="date_out_of_range"):
        cal.create(far)
    assert cal.propose([far, Event("Nah", datetime(2030, 1, 1, tzinfo=UTC), uid="p1")]) == 1
    assert [e.title for e in cal.proposals()] == ["Nah"]


def test_ics_import_refuses_dates_outside_the_window_and_imports_the_rest(tmp_path: Path) -> None:
    ics = tmp_path / "kalender.ics"
    ics.write_bytes(
        calendar_file(
            vevent("far@t", "Weit weg", "99991231T230000Z"),
            vevent("ok@t", "Kreistag", "20991231T100000Z"),
            vevent("old@t", "Uralt", "18991231T100000Z"),
            vevent("floating@t", "Schwebend", "00010101T000000"),
            vevent("end@t", "Endlos", "20991231T100000Z", "DTEND:99991231T230000Z\r\n"),
            vevent("dur@t", "Ewig", "20991231T100000Z", "DURATION:P2914000D\r\n"),
        )
    )
    db = tmp_path / "cal.db"
    done = cli(db, "events", "import", str(ics))
    assert done.returncode == 1, done.stderr  # partial failure, like ingest
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 5, done.stderr
    for title in ("Weit weg", "Uralt", "Schwebend", "Endlos", "Ewig"):
        (line,) = [ln for ln in lines if title in ln]
        assert "nicht übernommen" in line
        assert "1900" in line
        assert "2200" in line
    assert "Traceback" not in done.stderr
    assert "1 Termin(e) aus kalender.ics übernommen" in done.stdout
    listed = cli(db, "events", "--all")
    assert listed.returncode == 0, listed.stderr
    assert "Kreistag" in listed.stdout
    assert "Weit weg" not in listed.stdout


def test_stored_far_dates_do_not_break_listings_or_export(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    insert_raw(db, "Weit weg", FAR)
    insert_raw(db, "Ganztägig weit weg", "9999-12-31T00:00:00+00:00", all_day=1)
    insert_raw(db, "Uralt", ANCIENT)
    insert_raw(db, "Vorschlag weit weg", FAR, status="proposed")
    insert_raw(db, "Endet nie", "2099-06-01T10:00:00+00:00", end=FAR)
    insert_raw(db, "Kaputt", "kein Datum")
    insert_raw(db, "Kreistag", "2099-06-01T10:00:00+00:00")
    for args in (("events",), ("events", "--all"), ("events", "--json")):
        done = cli(db, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert "Kreistag" in done.stdout
        assert "weit weg" not in done.stdout.lower()
        assert "Uralt" not in done.stdout
        assert "Traceback" not in done.stderr
    out = tmp_path / "alle.ics"
    done = cli(db, "events", "export", str(out))
    assert done.returncode == 0, done.stderr
    assert [e.title for e in import_ics(out.read_bytes())] == ["Kreistag"]
    done = cli(db, "events", "export")
    assert done.returncode == 0, done.stderr
    assert "SUMMARY:Kreistag" in done.stdout
    # Each skipped row is named once, in one line, with its id.
    assert done.stderr.count("übersprungen") == 5, done.stderr


async def test_stored_far_dates_do_not_break_the_bot(live: Live) -> None:
    far = insert_raw(live.db_file, "Weit weg", FAR)
    day = insert_raw(live.db_file, "Ganztägig", "9999-12-31T00:00:00+00:00", all_day=1)
    prop = insert_raw(live.db_file, "Vorschlag", FAR, status="proposed")
    live.cal.create(Event("Kreistag", datetime(2026, 12, 10, 9, 0, tzinfo=UTC)))
    await live.send("/termine", user_id=MEMBER)
    listing = live.texts(MEMBER)[-1]
    assert "Kreistag" in listing
    assert "Weit weg" not in listing
    assert "Ganztägig" not in listing
    await live.send("/abo alle", user_id=MEMBER)
    assert "alle" in live.texts(MEMBER)[-1].lower()
    pending = live.cal.db.conn.execute(
        "SELECT count(*) FROM outbox WHERE status = 'pending' AND chat_id = ?", (MEMBER,)
    ).fetchone()[0]
    assert pending == 3  # 7d, 1d, 2h before the Kreistag; nothing for the far rows
    assert live.cal.recover() == 0  # what `gremienbot run` does at start
    for row in (far, day):
        await live.press(f"v1:ics:{row}:1", user_id=MEMBER)
        await live.send(f"/termin_loeschen {row}", user_id=STAFF)
        assert "gibt es nicht" in live.texts(STAFF)[-1]
    assert live.documents(MEMBER) == []
    await live.send("/vorschlaege", user_id=STAFF)
    await live.press(f"v1:acc:{prop}:1", user_id=STAFF)
    assert "1900" in live.texts(STAFF)[-1]  # refused, with the window named
    still = live.cal.get(prop)
    assert still is not None
    assert still.status == "proposed"
    assert live.refused() == []


async def test_commands_refuse_dates_outside_the_window(live: Live) -> None:
    live.cal.create(Event("Kreistag", datetime(2026, 12, 10, 9, 0, tzinfo=UTC)))
    (kreistag,) = live.cal.upcoming()
    commands = [
        "/termin_neu 31.12.9999 23:00 Weit weg",
        "/termin_neu 31.12.9999 Ganztägig weit weg",
        "/termin_neu 01.01.2201 10:00 Knapp zu spät",
        f"/termin_aendern {kreistag.id} 31.12.9999 10:00 Kreistag",
        "/ankuendigung 31.12.9999 10:00 Hallo Zukunft",
    ]
    for command in commands:
        before = len(live.texts(STAFF))
        await live.send(command, user_id=STAFF)
        replies = live.texts(STAFF)[before:]
        assert len(replies) == 1, command
        assert "01.01.1900" in replies[0], (command, replies)
        assert "31.12.2200" in replies[0], (command, replies)
    assert [e.title for e in live.cal.upcoming()] == ["Kreistag"]
    assert live.cal.get(kreistag.id or 0) == kreistag  # unchanged
    drafts = live.cal.db.conn.execute("SELECT count(*) FROM announcements").fetchone()[0]
    assert drafts == 0
    # The edges of the window are fine.
    await live.send("/termin_neu 31.12.2200 10:00 Spät, aber gültig", user_id=STAFF)
    assert live.texts(STAFF)[-1].startswith("Termin angelegt")
    assert live.refused() == []


def test_minutes_with_far_dates_propose_only_sane_ones(tmp_path: Path) -> None:
    db = open_db(tmp_path / "p.db")
    cal = Calendar(db, FakeClock())
    note = tmp_path / "niederschrift.txt"
    note.write_text(
        "Die Preisverleihung findet am 30. bzw. 31.12.9999 statt.\n\n"
        "Der Jurytermin am 21.11.2030 wurde bestätigt.\n\n"
        "Die Festveranstaltung findet am 01.01.1850 statt.\n",
        encoding="utf-8",
    )
    results = ingest_paths(db, [note])
    assert propose_from(KnowledgeBase(db), cal, results) == 1
    assert [(e.title, e.local_start().date()) for e in cal.proposals()] == [
        ("Jurytermin", date(2030, 11, 21))
    ]


def test_run_starts_with_a_subscriber_and_a_far_date_stored(
    demo_db_file: Path, tmp_path: Path
) -> None:
    db_file = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db_file)
    db = open_db(db_file)
    cal = Calendar(db, FakeClock(datetime.now(UTC)))
    cal.subscribe_all(4242, user_id=4242, language="de")
    cal.create(Event("Kreistag", datetime.now(UTC) + timedelta(days=30)))
    db.conn.close()
    insert_raw(db_file, "Weit weg", FAR)
    server = FakeBotAPI()
    server.start()
    log = tmp_path / "bot.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "GREMIENBOT_"))},
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.base_url,
        "GREMIENBOT_DB": str(db_file),
    }
    with log.open("ab") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "-v", "run"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if server.wait_for(
                lambda s: sum(c.method == "getUpdates" for c in s.snapshot()) >= 2, timeout=0.5
            ):
                break
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
        assert sum(c.method == "getUpdates" for c in server.snapshot()) >= 2
        time.sleep(1.5)  # the outbox has woken up at least once
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        server.stop()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text[-3000:]
    assert "übersprungen" in text  # the far row is named in one log line


# -- item 7: every message fits -------------------------------------------------------------


def assert_fits(live: Live, chat_id: int) -> None:
    assert live.refused() == []
    for message in live.sent(chat_id):
        if "caption" in message:
            assert len(message["caption"]) <= CAPTION
        else:
            assert 0 < len(message.get("text", "")) <= LIMIT


async def test_a_reminder_with_a_huge_place_is_delivered(live: Live) -> None:
    place = "Kreishaus Siegburg, Raum 1.23 " + "sehr langer Ort " * 325
    assert len(place) >= 5220
    data = calendar_file(
        vevent("long@t", "Sitzung Sozialausschuss", "20261210T090000Z", f"LOCATION:{place}\r\n")
    )
    (event,) = import_ics(data)
    live.cal.create(event)
    await live.send("/abo alle", user_id=MEMBER)
    live.clock.advance(timedelta(days=10))  # the 7-day reminder is due
    await live.drain()
    assert live.cal.status()["failed"] == 0
    assert live.cal.status()["sent"] == 1
    reminder = live.texts(MEMBER)[-1]
    assert reminder.startswith("Erinnerung: Sitzung Sozialausschuss")
    assert "Ort: Kreishaus Siegburg, Raum 1.23" in reminder
    assert "…" in reminder
    assert len(reminder) <= 600
    assert_fits(live, MEMBER)


async def test_an_old_overlong_announcement_is_delivered_cut(live: Live) -> None:
    await live.send("/abo alle", user_id=MEMBER)
    with live.cal.db.conn:
        cur = live.cal.db.conn.execute(
            "INSERT INTO announcements(author_id, text, status, created_at) VALUES (?,?,?,?)",
            (ADMIN, "Wichtig: " + "bitte lesen " * 500, "draft", FAR),
        )
    assert live.cal.send_announcement(int(cur.lastrowid or 0)) == 1
    await live.drain()
    assert live.cal.status()["failed"] == 0
    text = live.texts(MEMBER)[-1]
    assert text.startswith("Ankündigung\nWichtig: bitte lesen")
    assert text.endswith("…")
    assert_fits(live, MEMBER)


async def test_event_lists_and_replies_fit_with_huge_fields(live: Live) -> None:
    start = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    for i in range(10):
        made = live.cal.create(Event(f"Termin {i}", start + timedelta(days=i), place="Ort " * 1500))
        with live.cal.db.conn:  # an old row: titles were not capped then
            live.cal.db.conn.execute(
                "UPDATE events SET title = ? WHERE id = ?", (f"Titel{i} " + "lang " * 4000, made.id)
            )
    await live.send("/termine", user_id=MEMBER)
    assert len(live.sent(MEMBER)) == 1  # ten events in one message
    listing = live.texts(MEMBER)[-1]
    assert listing.count("…") >= 20
    assert "Titel9" in listing
    ics = live.buttons(MEMBER)[0][1]
    await live.press(ics, user_id=MEMBER)
    (doc,) = live.documents(MEMBER)
    assert doc["filename"].startswith("titel0-lang")
    assert doc["filename"].endswith(".ics")
    caption = live.sent(MEMBER)[-1]["caption"]
    assert caption.startswith("Titel0 lang")
    assert "…" in caption
    assert len(caption) <= 300
    # Staff: the listing with change buttons, the change command, the delete question.
    await live.send("/termine", user_id=STAFF)
    assert len(live.sent(STAFF)) == 1
    edit = next(data for label, data in live.buttons(STAFF) if "ndern" in label)
    delete = next(data for label, data in live.buttons(STAFF) if "schen" in label)
    await live.press(edit, user_id=STAFF)
    await live.press(delete, user_id=STAFF)
    assert len(live.sent(STAFF)) == 3
    # A new event with a long place: the confirmation is one short message.
    await live.send("/termin_neu 11.12.2026 10:00 Kurz @ " + "Ort " * 900, user_id=STAFF)
    assert live.texts(STAFF)[-1].startswith("Termin angelegt")
    assert len(live.sent(STAFF)) == 4
    assert_fits(live, MEMBER)
    assert_fits(live, STAFF)


async def test_proposals_fit_with_huge_fields(live: Live) -> None:
    for i in range(10):
        insert_raw(
            live.db_file,
            f"Vorschlag{i} " + "lang " * 4000,
            f"2026-12-{10 + i}T09:00:00+00:00",
            status="proposed",
            description="Zitat " * 4000,
            document=f"ordner{i}/" + "unterordner/" * 400 + "niederschrift.txt",
        )
    await live.send("/vorschlaege", user_id=STAFF)
    assert 1 <= len(live.sent(STAFF)) <= 2
    text = "\n".join(live.texts(STAFF))
    assert "Vorschlag4" in text  # five a page (issue 10); the next ones behind "weiter"
    assert text.count("…") >= 15
    forward = next(data for label, data in live.buttons(STAFF) if "weiter" in label)
    await live.press(forward, user_id=STAFF)
    assert "Vorschlag9" in "\n".join(live.texts(STAFF)[-2:])
    assert_fits(live, STAFF)
    await live.send("/vorschlaege", user_id=STAFF)
    accept = next(data for label, data in live.buttons(STAFF) if "Übernehmen" in label)
    await live.press(accept, user_id=STAFF)
    assert "Vorschlag0" in live.texts(STAFF)[-1]
    assert len(live.texts(STAFF)[-1]) <= 400
    assert_fits(live, STAFF)


async def test_a_huge_markdown_heading_answers_in_one_message(live: Live, tmp_path: Path) -> None:
    doc = tmp_path / "quokka.md"
    heading = "# " + "Quokkaverein Rundschreiben " * 8000
    assert len(heading) >= 216_000
    doc.write_text(
        heading + "\n\nDie Sprechstunde des Quokkavereins findet jeden Dienstag im Kreishaus "
        "statt.\n",
        encoding="utf-8",
    )
    (result,) = ingest_paths(live.cal.db, [doc])
    assert result.status == "added", result
    (title,) = live.cal.db.conn.execute(
        "SELECT title FROM documents WHERE title LIKE 'Quokkaverein%'"
    ).fetchone()
    assert len(title) <= 300
    assert title.endswith("…")
    await live.send("Wann ist die Sprechstunde des Quokkavereins?", user_id=MEMBER)
    assert len(live.sent(MEMBER)) == 1
    assert "Dienstag" in live.texts(MEMBER)[0]
    # A database from before the cap (or a huge kind in corpus.json): cut where it is shown.
    with live.cal.db.conn:
        live.cal.db.conn.execute(
            "UPDATE documents SET title = ?, kind = ? WHERE title LIKE 'Quokkaverein%'",
            (heading[2:], "Rundschreiben " * 1000),
        )
    await live.send("Wann ist die Sprechstunde des Quokkavereins?", user_id=MEMBER)
    assert len(live.sent(MEMBER)) == 2
    await live.send("/dokumente", user_id=MEMBER)
    assert len(live.sent(MEMBER)) == 3
    document = next(data for label, data in live.buttons(MEMBER, 1) if label == "Dokument")
    await live.press(document, user_id=MEMBER)
    assert len(live.sent(MEMBER)[-1]["caption"]) <= 400
    assert_fits(live, MEMBER)
