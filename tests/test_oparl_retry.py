"""Downloads that fail for a passing reason (timeout, 5xx, 429) are retried with backoff
(Retry-After honoured) and, when they still fail, asked for again on the next sync; a
permanent failure (404) is not asked for again until the file changes. No real waiting: the
client's sleep is a recorder."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.oparl import sync as sync_module
from bot.oparl.client import FetchError, OParlClient, Passing
from bot.oparl.sync import Sync, SyncReport
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from scheduler import events as ev
from scheduler.calendar import Calendar
from tests.fakes import FakeClock
from tests.oparl_server import FakeOParl
from tests.test_filetext import text_pdf

LOTSEN = "Der Kreis richtet neun Lotsenstellen fuer Familien in Troisdorf ein."
QUESTION = "Wie viele Lotsenstellen richtet der Kreis ein?"


@pytest.fixture
def server() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


@pytest.fixture
def cal(tmp_path: Path) -> Calendar:
    return Calendar(open_db(tmp_path / "bot.db"), FakeClock())


class Sleeps:
    """The client's sleep: records how long it would have waited."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def run(cal: Calendar, server: FakeOParl, sleeps: Sleeps | None = None) -> SyncReport:
    async with OParlClient(sleep=sleeps or Sleeps()) as client:
        return await Sync(cal, client).run(server.body_url)


def downloads(server: FakeOParl) -> list[str]:
    return [r for r in server.requests if "/download/" in r]


def answer_text(cal: Calendar) -> str:
    answer = KnowledgeBase(cal.db).ask(QUESTION)
    return answer.hits[0].text if answer.answered else ""


async def test_downloads_retry_with_backoff_and_retry_after(server: FakeOParl) -> None:
    data = text_pdf(LOTSEN)
    server.serve_file("a.pdf", data)
    sleeps = Sleeps()
    async with OParlClient(sleep=sleeps, backoff=1.0, retries=3) as client:
        server.fail("/download/a.pdf", 503, count=2)
        assert await client.get_bytes(server.file_url("a.pdf"), 10**6) == data
        assert sleeps.waits == [1.0, 2.0]  # exponential backoff

        sleeps.waits.clear()
        server.fail("/download/a.pdf", 429, headers={"Retry-After": "7"})
        server.fail("/download/a.pdf", 502)
        assert await client.get_bytes(server.file_url("a.pdf"), 10**6) == data
        assert sleeps.waits == [7.0, 2.0]  # Retry-After as sent; then the backoff goes on

        sleeps.waits.clear()
        server.fail("/download/a.pdf", 500, count=4)
        with pytest.raises(Passing, match="HTTP 500"):
            await client.get_bytes(server.file_url("a.pdf"), 10**6)
        assert sleeps.waits == [1.0, 2.0, 4.0]

        sleeps.waits.clear()
        with pytest.raises(FetchError, match="HTTP 404") as refused:
            await client.get_bytes(server.file_url("missing.pdf"), 10**6)
        assert not isinstance(refused.value, Passing)
        assert sleeps.waits == []  # a 404 is not retried


async def test_a_download_that_times_out_is_passing(server: FakeOParl) -> None:
    server.serve_file("slow.pdf", b"%PDF")
    release = server.hold("/download/slow.pdf")
    sleeps = Sleeps()
    try:
        async with OParlClient(sleep=sleeps, timeout=0.05, retries=2) as client:
            with pytest.raises(Passing, match="Zeitüberschreitung"):
                await client.get_bytes(server.file_url("slow.pdf"), 10**6)
    finally:
        release.set()
    assert sleeps.waits == [1.0, 2.0]


async def test_a_file_that_still_failed_is_read_on_the_next_sync(
    server: FakeOParl, cal: Calendar
) -> None:
    server.put("paper", server.file_paper("301", "Lotsenstellen", "2030/0301", text_pdf(LOTSEN)))
    server.fail("/download/301.pdf", 503, count=4)  # the first try and its 3 retries
    sleeps = Sleeps()
    first = await run(cal, server, sleeps)
    assert first.papers.new == 3
    assert (first.files_read, first.files_skipped) == (3, 1)  # 2 papers, 1 minutes: text
    assert any("301.pdf: HTTP 503" in e for e in first.errors)
    assert sleeps.waits == [1.0, 2.0, 4.0]
    assert "neun Lotsenstellen" not in answer_text(cal)

    server.requests.clear()  # the server has not changed anything
    second = await run(cal, server)
    assert downloads(server) == ["/oparl/v1/download/301.pdf"]
    assert "/oparl/v1/paper/301" in server.requests  # asked for by its id
    assert (second.papers.changed, second.files_read, second.files_skipped) == (1, 1, 0)
    assert "neun Lotsenstellen" in answer_text(cal)

    server.requests.clear()
    third = await run(cal, server)
    assert downloads(server) == []
    assert "/oparl/v1/paper/301" not in server.requests
    assert (third.papers.changed, third.files_read) == (0, 0)


async def test_a_permanent_failure_is_not_asked_again_until_the_file_changes(
    server: FakeOParl, cal: Calendar
) -> None:
    pdf = text_pdf(LOTSEN)
    paper = server.file_paper("302", "Lotsenstellen", "2030/0302", pdf)
    del server.files["302.pdf"]  # answers 404
    server.put("paper", paper)
    first = await run(cal, server)
    assert any("302.pdf: HTTP 404" in e for e in first.errors)
    assert first.files_skipped == 1

    server.requests.clear()
    second = await run(cal, server)
    assert downloads(server) == []
    assert "/oparl/v1/paper/302" not in server.requests
    assert all("302" not in e for e in second.errors)

    server.change("paper", "302", name="Lotsenstellen im Kreis")  # the paper, not its file
    await run(cal, server)
    assert downloads(server) == []

    server.serve_file("302.pdf", pdf)  # a new version of the file, now there
    server.change("paper", "302", mainFile=paper["mainFile"] | {"size": len(pdf) + 1})
    fourth = await run(cal, server)
    assert downloads(server) == ["/oparl/v1/download/302.pdf"]
    assert fourth.files_read == 1
    assert "neun Lotsenstellen" in answer_text(cal)


async def test_minutes_that_failed_are_read_next_time_without_a_notice(
    server: FakeOParl, cal: Calendar
) -> None:
    line = "Der Sozialausschuss beschliesst die Schuldnerberatung in Siegburg auszubauen."
    data = text_pdf(line)
    server.serve_file("1029.pdf", data)
    server.change("meeting", "102", resultsProtocol={
        "id": server.url("file/1029"), "type": "https://schema.oparl.org/1.1/File",
        "name": "Niederschrift", "fileName": "1029.pdf", "mimeType": "application/pdf",
        "accessUrl": server.file_url("1029.pdf"), "sha1Checksum": hashlib.sha1(data).hexdigest(),
    })  # fmt: skip
    server.fail("/download/1029.pdf", 504, count=4)
    await run(cal, server)
    cal.subscribe_all(5, user_id=5, language="de")
    event = ev.get_event_by_uid(cal.db, server.url("meeting/102"))
    assert event is not None
    version = event.version
    second = await run(cal, server)
    assert second.meetings.changed == 1
    again = ev.get_event_by_uid(cal.db, server.url("meeting/102"))
    assert again is not None
    assert again.version == version  # the session itself did not change: nothing re-planned
    notices = cal.db.conn.execute("SELECT count(*) FROM outbox WHERE kind != 'reminder'")
    assert notices.fetchone()[0] == 0
    answer = KnowledgeBase(cal.db).ask("Was hat der Sozialausschuss zur Schuldnerberatung?")
    assert answer.answered
    assert "Schuldnerberatung" in answer.hits[0].text


async def test_retries_end_after_max_retries(
    server: FakeOParl, cal: Calendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_module, "MAX_RETRIES", 3)
    server.put("paper", server.file_paper("303", "Lotsenstellen", "2030/0303", text_pdf(LOTSEN)))
    # Changed an hour ago: the incremental lists (modified_since = start of the last walk,
    # to the second) do not show it again, so only the retries ask for it.
    paper = server.find("paper", "303")
    paper["modified"] = (datetime.fromisoformat(paper["modified"]) - timedelta(hours=1)).isoformat()
    server.fail("/download/303.pdf", 503, count=1000)
    fetched, gave_up = [], []
    for _ in range(5):
        server.requests.clear()
        report = await run(cal, server)
        fetched.append(len(downloads(server)))
        gave_up.append(any("nach 3 Abgleichen" in e for e in report.errors))
    assert fetched == [4, 4, 4, 0, 0]  # the first sync and two more, each with 3 retries
    assert gave_up == [False, False, True, False, False]
    left = cal.db.conn.execute("SELECT count(*) FROM oparl_retry").fetchone()[0]
    assert left == 0
