"""Calendars from outside (issue 13, part 4): recurring events in .ics files expanded for the
next 12 months, ICS feeds read over HTTP and kept in step while the bot runs."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.store import open_db
from scheduler import ics
from scheduler.calendar import Calendar
from scheduler.events import get_event_by_uid
from scheduler.feeds import FeedError, FeedSync, apply_ics, fetch_ics, last_runs, parse_feeds
from scheduler.ics import MAX_PER_FILE, MAX_PER_SERIES, Refused, import_ics
from tests.fakes import FakeClock
from tests.ics_server import FakeFeeds
from tests.live import MEMBER, STAFF, Live

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)  # FakeClock's start, a Monday
ENGLISH = 12


def calendar(*parts: str) -> bytes:
    body = "".join(parts)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//DE\r\n{body}END:VCALENDAR\r\n".encode()
    )


def vevent(uid: str, summary: str, start: str, *lines: str) -> str:
    extra = "".join(f"{line}\r\n" for line in lines)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART{start}\r\n{extra}END:VEVENT\r\n"
    )


# A weekly consultation hour on Mondays 17:00-18:00 Berlin time since 02.11.2026 until January,
# not on 28.12. (EXDATE), on 14.12. moved to Tuesday 15.12. 18:00 (RECURRENCE-ID override).
SERIES = vevent(
    "sprech@ki",
    "Sprechstunde",
    ";TZID=Europe/Berlin:20261102T170000",
    "DTEND;TZID=Europe/Berlin:20261102T180000",
    "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T225959Z",
    "EXDATE;TZID=Europe/Berlin:20261228T170000",
    "LOCATION:KI Siegburg",
)
OVERRIDE = vevent(
    "sprech@ki",
    "Sprechstunde (Dienstag)",
    ";TZID=Europe/Berlin:20261215T180000",
    "DTEND;TZID=Europe/Berlin:20261215T190000",
    "RECURRENCE-ID;TZID=Europe/Berlin:20261214T170000",
)
KREISTAG = vevent("kreistag@ris", "Kreistag", ":20261210T150000Z")


def berlin(*args: int) -> datetime:
    from scheduler.events import BERLIN

    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)  # type: ignore[misc]


def test_a_weekly_series_with_an_exception_and_an_override() -> None:
    events = import_ics(calendar(SERIES, OVERRIDE, KREISTAG), now=NOW)
    series = [e for e in events if e.uid and e.uid.startswith("sprech@ki@")]
    assert [(e.start_at, e.title) for e in series] == [
        (berlin(2026, 11, 23, 17), "Sprechstunde"),
        (berlin(2026, 11, 30, 17), "Sprechstunde"),
        (berlin(2026, 12, 7, 17), "Sprechstunde"),
        (berlin(2026, 12, 15, 18), "Sprechstunde (Dienstag)"),  # 14.12. moved
        (berlin(2026, 12, 21, 17), "Sprechstunde"),  # 28.12. left out
        (berlin(2027, 1, 4, 17), "Sprechstunde"),
        (berlin(2027, 1, 11, 17), "Sprechstunde"),
        (berlin(2027, 1, 18, 17), "Sprechstunde"),
        (berlin(2027, 1, 25, 17), "Sprechstunde"),
    ]
    assert all(e.end_at == e.start_at + timedelta(hours=1) for e in series)
    assert all(e.place == "KI Siegburg" for e in series if e.title == "Sprechstunde")
    # the uid names the original start in UTC: the moved one keeps 14.12. 16:00 UTC
    assert series[3].uid == "sprech@ki@20261214T160000Z"
    assert series[0].uid == "sprech@ki@20261123T160000Z"
    assert [e.title for e in events if e.uid == "kreistag@ris"] == ["Kreistag"]
    # a re-import gives the same uids (idempotent); a week later the first one has gone by
    assert [e.uid for e in import_ics(calendar(SERIES, OVERRIDE, KREISTAG), now=NOW)] == [
        e.uid for e in events
    ]
    later = import_ics(calendar(SERIES, OVERRIDE), now=NOW + timedelta(days=7))
    assert later[0].uid == "sprech@ki@20261130T160000Z"


def test_a_series_without_end_stops_after_twelve_months_and_a_cancelled_override() -> None:
    data = calendar(
        vevent("jf@ki", "Jour fixe", ":20260105T080000Z", "RRULE:FREQ=MONTHLY;BYDAY=1MO"),
        vevent(
            "jf@ki",
            "Jour fixe",
            ":20270104T080000Z",
            "RECURRENCE-ID:20270104T080000Z",
            "STATUS:CANCELLED",
        ),
    )
    starts = [e.start_at for e in import_ics(data, now=NOW)]
    assert starts[0] == datetime(2026, 12, 7, 8, tzinfo=UTC)
    assert datetime(2027, 1, 4, 8, tzinfo=UTC) not in starts  # cancelled occurrence
    assert starts[-1] == datetime(2027, 11, 1, 8, tzinfo=UTC)  # first Monday before 23.11.27
    assert len(starts) == 11


def test_time_zones_of_the_file_and_slash_tzids() -> None:
    vtimezone = (
        "BEGIN:VTIMEZONE\r\nTZID:Stockholm eigen\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
    data = calendar(
        vtimezone,
        vevent(
            "slash@x",
            "Slash",
            ";TZID=/Europe/Stockholm:20270301T170000",
            "RRULE:FREQ=WEEKLY;COUNT=6",
            "EXDATE;TZID=/Europe/Stockholm:20270308T170000",
        ),
        vevent(
            "own@x",
            "Eigene Zone",
            ";TZID=Stockholm eigen:20270322T090000",
            "RRULE:FREQ=WEEKLY;COUNT=2",
        ),
        vevent(
            "bad@x",
            "Unbekannte Zone",
            ";TZID=Mars/Olympus:20270322T090000",
            "RRULE:FREQ=DAILY;COUNT=2",
        ),
    )
    found: dict[str, list[datetime]] = {}
    for e in import_ics(data, now=NOW):
        found.setdefault(e.title, []).append(e.start_at)
    # 17:00 in Stockholm: 16:00 UTC in winter, 15:00 UTC after 28.03.2027 (DST)
    assert found["Slash"] == [
        datetime(2027, 3, 1, 16, tzinfo=UTC),
        datetime(2027, 3, 15, 16, tzinfo=UTC),
        datetime(2027, 3, 22, 16, tzinfo=UTC),
        datetime(2027, 3, 29, 15, tzinfo=UTC),
        datetime(2027, 4, 5, 15, tzinfo=UTC),
    ]
    assert found["Eigene Zone"] == [
        datetime(2027, 3, 22, 8, tzinfo=UTC),
        datetime(2027, 3, 29, 7, tzinfo=UTC),
    ]
    # an unknown zone is read as Berlin (as for single events)
    assert found["Unbekannte Zone"] == [
        datetime(2027, 3, 22, 8, tzinfo=UTC),
        datetime(2027, 3, 23, 8, tzinfo=UTC),
    ]


def test_all_day_series_keep_their_days() -> None:
    data = calendar(
        vevent(
            "tag@x",
            "Aktionstag",
            ";VALUE=DATE:20261201",
            "DTEND;VALUE=DATE:20261203",
            "RRULE:FREQ=YEARLY",
            "RDATE;VALUE=DATE:20270615",
        ),
    )
    events = import_ics(data, now=NOW)
    assert [(e.uid, e.all_day) for e in events] == [
        ("tag@x@20261201", True),
        ("tag@x@20270615", True),
    ]
    assert events[0].end_at is not None
    assert events[0].end_at - events[0].start_at == timedelta(days=2)
    assert events[1].start_at == berlin(2027, 6, 15, 0)


HOSTILE = {
    "huge COUNT": ("RRULE:FREQ=DAILY;COUNT=999999999", 358, None),  # 30.11. .. 23.11.2027
    "every minute by BYMINUTE": (
        "RRULE:FREQ=DAILY;BYHOUR="
        + ",".join(map(str, range(24)))
        + ";BYMINUTE="
        + ",".join(map(str, range(60))),
        MAX_PER_SERIES,
        "limit",
    ),
    "thousands of RDATEs": (
        "RDATE:"
        + ",".join(
            f"2027{m:02d}{d:02d}T{h:02d}0000Z"
            for m in range(1, 13)
            for d in range(1, 29)
            for h in range(0, 24, 4)
        ),
        MAX_PER_SERIES,
        "limit",
    ),
    "FREQ=SECONDLY": ("RRULE:FREQ=SECONDLY", 0, "frequency"),
    "FREQ=MINUTELY with COUNT": ("RRULE:FREQ=MINUTELY;COUNT=5", 0, "frequency"),
    "INTERVAL=0": ("RRULE:FREQ=DAILY;INTERVAL=0", 0, "rule"),
    "30 February": ("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", 0, "rule"),
    "unreadable rule": ("RRULE:FREQ=FOO;BYDAY=XX", 0, "rule"),
    "UNTIL 9999": ("RRULE:FREQ=WEEKLY;UNTIL=99991231T000000Z", 52, None),
    "RDATE 9999": ("RDATE:99991231T170000Z,20261224T170000Z", 2, None),
    "EXDATE year 1": ("RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE:00010101T000000Z", 3, None),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_rules_are_bounded(name: str) -> None:
    rule, count, reason = HOSTILE[name]
    refused: list[Refused] = []
    started = time.monotonic()
    found = import_ics(
        calendar(vevent("h@x", name, ":20261130T170000Z", rule)), now=NOW, refused=refused
    )
    assert time.monotonic() - started < 2.0
    assert len(found) == count
    assert [r.reason for r in refused] == ([reason] if reason else [])
    assert all(r.title == name for r in refused)


def test_a_series_in_the_year_9999_is_refused_not_expanded() -> None:
    refused: list[Refused] = []
    data = calendar(vevent("far@x", "Fern", ":99991231T170000Z", "RRULE:FREQ=DAILY"))
    assert import_ics(data, now=NOW, refused=refused) == []
    assert [(r.reason, r.value) for r in refused] == [("window", "9999-12-31T17:00:00+00:00")]
    assert "liegt außerhalb von 01.01.1900–31.12.2200" in ics.describe(refused[0])


def test_a_file_is_bounded_and_its_expansion_time_too() -> None:
    many = calendar(*(vevent(f"d{i}@x", f"Täglich {i}", ":20261124T100000Z",
                             "RRULE:FREQ=DAILY") for i in range(10)))  # fmt: skip
    refused: list[Refused] = []
    assert len(import_ics(many, now=NOW, refused=refused)) == MAX_PER_FILE
    assert {r.reason for r in refused} == {"limit"}
    # out of expansion time: a series is refused, a single event is still read
    refused = []
    data = calendar(vevent("s@x", "Serie", ":20261130T170000Z", "RRULE:FREQ=WEEKLY"), KREISTAG)
    found = import_ics(data, now=NOW, refused=refused, seconds=0.0)
    assert [e.title for e in found] == ["Kreistag"]
    assert [(r.title, r.reason) for r in refused] == [("Serie", "time")]


def test_icalendars_own_test_calendars_never_crash() -> None:
    import icalendar

    files = sorted(Path(icalendar.__file__).parent.glob("tests/**/*.ics"))
    assert len(files) >= 100  # the corpus is there: no silent pass
    crashes, series = [], 0
    for path in files:
        try:
            found = import_ics(path.read_bytes(), now=NOW, refused=[])
        except ics.IcsError:
            continue
        except Exception as exc:
            crashes.append(f"{path.name}: {exc!r}")
            continue
        series += sum(1 for e in found if e.uid and "@20" in e.uid[-17:])
    assert crashes == []
    assert series > 0  # recurring ones are expanded, not collapsed


# -- feeds over HTTP -------------------------------------------------------------------------


@pytest.fixture
def feeds() -> Iterator[FakeFeeds]:
    with FakeFeeds() as server:
        yield server


def test_fetch_checks_scheme_size_type_and_structure(feeds: FakeFeeds) -> None:
    good = feeds.put("/ok.ics", calendar(KREISTAG))
    assert fetch_ics(good).startswith(b"BEGIN:VCALENDAR")
    cases = {
        "ftp://127.0.0.1/x.ics": "keine http",
        "file:///etc/passwd": "keine http",
        feeds.url("/missing.ics"): "HTTP 404",
        feeds.put("/login", b"<html>Anmelden</html>", kind="text/html"): "Webseite",
        feeds.put("/text", b"hello " * 500, kind="text/plain"): "kein iCalendar",
        feeds.put("/big.ics", calendar(KREISTAG) + b" " * 5000): "größer als 4 KB",
    }
    for url, message in cases.items():
        with pytest.raises(FeedError, match=message):
            fetch_ics(url, max_bytes=4096)
    with pytest.raises(FeedError, match="ConnectError"):
        fetch_ics("http://127.0.0.1:9/x.ics", timeout=2.0)


def test_a_slow_feed_times_out() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(FeedError, match="ReadTimeout"):
        fetch_ics("https://ris.example/x.ics", transport=httpx.MockTransport(slow))


def test_feed_setting_is_parsed_and_checked() -> None:
    from bot.config import ConfigError, load_settings

    settings = load_settings({"GREMIENBOT_ICS_FEEDS": "https://a.example/x.ics, http://b/y.ics"})
    assert settings.ics_feeds == ("https://a.example/x.ics", "http://b/y.ics")
    assert parse_feeds(["https://a/x", "https://a/x"]) == ["https://a/x"]
    with pytest.raises(ConfigError, match="GREMIENBOT_ICS_FEEDS"):
        load_settings({"GREMIENBOT_ICS_FEEDS": "https://a/x.ics ftp://b/y.ics"})


def read(live: Live, url: str) -> FeedSync:
    return FeedSync(lambda: open_db(live.db_file), [url], live.clock)


async def test_a_feed_read_while_the_bot_runs_and_changed_between_reads(
    live: Live, feeds: FakeFeeds
) -> None:
    await live.send("/abo alle", user_id=MEMBER)
    await live.send("/abo all", user_id=ENGLISH, language_code="en")
    url = feeds.put("/ki.ics", calendar(SERIES, OVERRIDE, KREISTAG))
    job = read(live, url)
    assert job.start()
    assert not job.start()  # one read at a time
    assert job.task is not None
    first = (await job.task)[url]
    assert first is not None
    assert (first.new, first.changed, first.cancelled) == (10, 0, 0)
    await live.send("/termine", user_id=MEMBER)
    listing = live.texts(MEMBER)[-1]
    assert "23.11.2026 17:00 – Sprechstunde (KI Siegburg)" in listing
    assert "15.12.2026 18:00 – Sprechstunde (Dienstag)" in listing
    assert "14.12.2026" not in listing
    # reminders for the subscriber, the moved occurrence at its new time
    moved = get_event_by_uid(live.cal.db, "sprech@ki@20261214T160000Z")
    assert moved is not None
    due = {
        row[0]
        for row in live.cal.db.conn.execute(
            "SELECT not_before FROM outbox WHERE kind='reminder' AND chat_id=? AND ref_id=?",
            (MEMBER, moved.id),
        )
    }
    assert due == {
        (berlin(2026, 12, 15, 18) - offset).isoformat()
        for offset in (timedelta(days=7), timedelta(days=1), timedelta(hours=2))
    }
    live.clock.advance(timedelta(hours=5, minutes=5))  # 2 h before today's 17:00
    await live.drain()
    assert live.texts(MEMBER)[-1].startswith("Erinnerung: Sprechstunde")
    # the same read again changes nothing
    await _read_once(live, url, expect=(0, 0, 0))
    before = {chat: len(live.texts(chat)) for chat in (MEMBER, ENGLISH)}
    # the feed changes: 07.12. moves to Wednesday 09.12., the Kreistag is gone
    moved_7th = vevent(
        "sprech@ki",
        "Sprechstunde",
        ";TZID=Europe/Berlin:20261209T170000",
        "DTEND;TZID=Europe/Berlin:20261209T180000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20261207T170000",
        "LOCATION:KI Siegburg",
    )
    feeds.put("/ki.ics", calendar(SERIES, OVERRIDE, moved_7th))
    await _read_once(live, url, expect=(0, 1, 1))
    await live.drain()
    german = live.texts(MEMBER)[before[MEMBER] :]
    english = live.texts(ENGLISH)[before[ENGLISH] :]
    assert sorted(german) == [
        "Abgesagt: Kreistag\n10.12.2026 16:00 Uhr – abgesagt.",
        "Verlegt: Sprechstunde\nvom 07.12.2026 17:00 Uhr auf 09.12.2026 17:00 Uhr verlegt.",
    ]
    assert sorted(english) == [
        "Cancelled: Kreistag\n10.12.2026 16:00 – cancelled.",
        "Moved: Sprechstunde\nmoved from 07.12.2026 17:00 to 09.12.2026 17:00.",
    ]
    # a restart (in-flight rows back, reminders re-planned) and another read: nothing twice
    live.cal.recover()
    await _read_once(live, url, expect=(0, 0, 0))
    await live.drain()
    assert len(live.texts(MEMBER)) == before[MEMBER] + 2
    assert len(live.texts(ENGLISH)) == before[ENGLISH] + 2
    assert live.refused() == []
    assert last_runs(live.cal.db)[url].ok
    # Staff change feed events in the calendar they come from: the next read would undo it.
    await live.send(f"/termin_aendern #{moved.id} 16.12.2026 18:00 Anders", user_id=STAFF)
    assert "ICS-Feed" in live.texts(STAFF)[-1]
    await live.send(f"/termin_loeschen #{moved.id}", user_id=STAFF)
    assert "ICS-Feed" in live.texts(STAFF)[-1]
    unchanged = get_event_by_uid(live.cal.db, "sprech@ki@20261214T160000Z")
    assert unchanged is not None
    assert unchanged.title == moved.title


async def _read_once(live: Live, url: str, *, expect: tuple[int, int, int]) -> None:
    job = read(live, url)
    assert job.start()
    assert job.task is not None
    report = (await job.task)[url]
    assert report is not None
    assert (report.new, report.changed, report.cancelled) == expect


def test_a_feed_cancels_only_what_it_brought(tmp_path: Path, feeds: FakeFeeds) -> None:
    cal = Calendar(open_db(tmp_path / "kb.db"), FakeClock())
    other = feeds.put("/other.ics", calendar(KREISTAG))
    mine = feeds.put("/mine.ics", calendar(KREISTAG, SERIES))
    apply_ics(cal, fetch_ics(other), feed=other)
    apply_ics(cal, fetch_ics(mine), feed=mine)
    # a file import and a past event are never cancelled by a feed
    apply_ics(cal, calendar(vevent("file@x", "Aus Datei", ":20261201T100000Z")))
    # a read without any event cancels nothing (a broken export looks like that)
    empty = apply_ics(cal, calendar(), feed=mine)
    assert (empty.cancelled, empty.kept) == (0, True)
    # the series is gone from my feed; the Kreistag is still in the other one
    report = apply_ics(cal, calendar(KREISTAG), feed=mine)
    assert report.cancelled == 9
    assert [e.title for e in cal.upcoming(limit=50)] == ["Aus Datei", "Kreistag"]
    # broken data changes nothing
    with pytest.raises(ics.IcsError):
        apply_ics(cal, b"<html>", feed=other)
    assert [e.title for e in cal.upcoming(limit=50)] == ["Aus Datei", "Kreistag"]


def test_cli_imports_a_url_and_keeps_in_step(tmp_path: Path, feeds: FakeFeeds) -> None:
    """`gremienbot events import URL` (the real clock: the series starts tomorrow)."""
    tomorrow = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    start = tomorrow.strftime("%Y%m%dT%H%M%SZ")
    weekly = vevent("w@x", "Wöchentlich", f":{start}", "RRULE:FREQ=WEEKLY;COUNT=4")
    single = vevent("s@x", "Einzeln", f":{start}")
    url = feeds.put("/team.ics", calendar(weekly, single))
    db = str(tmp_path / "kb.db")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "events", "import", url])
    assert result.exit_code == 0, result.output
    assert "5 Termin(e)" in result.stdout
    assert "5 neu" in result.stdout
    feeds.put("/team.ics", calendar(weekly))
    result = runner.invoke(main, ["--db", db, "events", "import", url])
    assert result.exit_code == 0, result.output
    assert "1 abgesagt" in result.stdout
    listed = runner.invoke(main, ["--db", db, "events"]).stdout
    assert listed.count("Wöchentlich") == 4
    assert "Einzeln" not in listed
    hostile = feeds.put("/h.ics", calendar(vevent("x@x", "Sekündlich", f":{start}",
                                                   "RRULE:FREQ=SECONDLY")))  # fmt: skip
    result = runner.invoke(main, ["--db", db, "events", "import", hostile])
    assert result.exit_code == 1
    assert "Sekündlich" in result.stderr
    assert "öfter als täglich" in result.stderr
    for bad in ("ftp://127.0.0.1/x.ics", feeds.url("/nothing.ics")):
        result = runner.invoke(main, ["--db", db, "events", "import", bad])
        assert result.exit_code == 1
        assert result.stderr.startswith("Fehler: ")


def test_doctor_checks_each_feed(tmp_path: Path, feeds: FakeFeeds) -> None:
    good = feeds.put("/ok.ics", calendar(SERIES, KREISTAG))
    env = {"GREMIENBOT_ADMINS": "99", "GREMIENBOT_ICS_FEEDS": f"{good},{feeds.url('/gone.ics')}"}
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "kb.db"), "doctor"], env=env)
    lines = [line for line in result.output.splitlines() if "ICS-Feed" in line]
    assert len(lines) == 2, result.output
    assert lines[0].startswith(f"✓ ICS-Feed: {good}: ")
    assert "Termine lesbar" in lines[0]
    assert lines[1].startswith("✗ ICS-Feed: ")
    assert "HTTP 404" in lines[1]
    assert "GREMIENBOT_ICS_FEEDS" in lines[1]
    assert result.exit_code == 1


async def test_the_running_bot_reads_its_feeds_on_the_scheduler(
    live: Live, feeds: FakeFeeds
) -> None:
    """`gremienbot run`'s runner (APScheduler) reads the configured feeds at start."""
    import asyncio

    from bot.app import start_outbox

    url = feeds.put("/ki.ics", calendar(SERIES, KREISTAG))
    live.app.bot_data["ics_feeds"] = read(live, url)
    await start_outbox(live.app)
    try:
        for _ in range(200):
            if last_runs(live.cal.db).get(url) is not None:
                break
            await asyncio.sleep(0.05)
        assert last_runs(live.cal.db)[url].summary.startswith("10 neu")
        assert get_event_by_uid(live.cal.db, "kreistag@ris") is not None
        assert feeds.requests["/ki.ics"] == 1  # once at start; the next in 30 minutes
    finally:
        await live.app.bot_data["runner"].stop()
