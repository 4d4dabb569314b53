"""Linked (not embedded) objects: agenda items, locations, files and organizations given as
URLs (OParl 1.0/1.1 allow both) are fetched, each once per sync, at most 4 at a time per host;
one that answers 404 or is malformed is counted and skipped, never stops the sync."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.oparl.client import OParlClient
from bot.oparl.sync import Sync, SyncReport
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from scheduler import events as ev
from scheduler.calendar import Calendar
from tests.fakes import FakeClock
from tests.oparl_server import MINUTES_TEXT, PAPER_TEXT, FakeOParl, T


@pytest.fixture
def server() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


@pytest.fixture
def cal(tmp_path: Path) -> Calendar:
    return Calendar(open_db(tmp_path / "bot.db"), FakeClock())


async def run(cal: Calendar, server: FakeOParl) -> SyncReport:
    async def no_wait(seconds: float) -> None:
        return None

    async with OParlClient(sleep=no_wait) as client:
        return await Sync(cal, client).run(server.body_url)


def agenda(cal: Calendar, server: FakeOParl, mid: str) -> list[str]:
    event = ev.get_event_by_uid(cal.db, server.url(f"meeting/{mid}"))
    assert event is not None
    assert event.id is not None
    return [a.name for a in ev.agenda_of(cal.db, event.id)]


def place(cal: Calendar, server: FakeOParl, mid: str) -> str | None:
    event = ev.get_event_by_uid(cal.db, server.url(f"meeting/{mid}"))
    assert event is not None
    return event.place


def asked(server: FakeOParl, part: str) -> int:
    return sum(1 for r in server.requests if part in r)


async def test_linked_objects_give_the_same_result_as_embedded_ones(
    server: FakeOParl, cal: Calendar
) -> None:
    server.link()
    meeting = server.find("meeting", "101")
    assert isinstance(meeting["location"], str)
    assert all(isinstance(i, str) for i in meeting["agendaItem"])
    assert isinstance(meeting["resultsProtocol"], str)
    assert isinstance(server.find("paper", "201")["mainFile"], str)
    server.change("meeting", "103", location=meeting["location"])  # a location shared

    report = await run(cal, server)
    assert (report.meetings.new, report.meetings.skipped) == (4, 1)
    assert report.papers.new == 2
    assert (report.files_read, report.files_skipped) == (3, 0)
    assert agenda(cal, server, "101") == [
        "Eröffnung und Begrüßung",
        "Sprachkurse für zugewanderte Familien",
        "Personalangelegenheiten",
    ]
    assert place(cal, server, "101") == "Kreishaus, Raum 101"
    assert place(cal, server, "103") == "Kreishaus, Raum 101"
    assert asked(server, "/location/101") == 1  # once per sync, though two sessions link it
    kb = KnowledgeBase(cal.db)
    texts = {
        kb.ask("Wie viele Sprachkurse sollen gefördert werden?").hits[0].text,
        kb.ask("Was hat der Integrationsausschuss zum Dolmetscherpool beschlossen?").hits[0].text,
    }
    assert any("14 Sprachkurse" in t for t in texts), (texts, PAPER_TEXT)
    assert any("Dolmetscherpool" in t for t in texts), (texts, MINUTES_TEXT)

    server.requests.clear()
    again = await run(cal, server)  # nothing changed: no linked object is asked for again
    assert (again.meetings.changed, again.papers.changed) == (0, 0)
    assert asked(server, "/location/") + asked(server, "/agendaitem/") == 0
    assert asked(server, "/file/") == 0


async def test_linked_objects_that_fail_are_counted_and_skipped(
    server: FakeOParl, cal: Calendar
) -> None:
    server.link()
    del server.singles[server.url("agendaitem/1012")]  # answers 404
    server.singles[server.url("location/101")] = "kein Objekt"  # JSON, but no object
    wrong = {"id": server.url("agendaitem/1031"), "type": T + "Paper", "name": "Falsch"}
    server.singles[server.url("agendaitem/1031")] = wrong
    server.fail("/file/202", 200, body=b"<html>kaputt</html>")  # not JSON
    server.change("meeting", "102", organization=[server.url("organization/9")])  # unknown
    report = await run(cal, server)

    assert report.meetings.new == 4
    assert report.papers.new == 2
    assert agenda(cal, server, "101") == ["Eröffnung und Begrüßung", "Personalangelegenheiten"]
    assert agenda(cal, server, "103") == [
        "Sprachkurse für zugewanderte Familien",
        "Personalangelegenheiten",
    ]
    assert place(cal, server, "101") is None
    assert (report.files_read, report.files_skipped) == (2, 1)  # the file of paper 202
    linked = sorted(e for e in report.errors if "verknüpftes Objekt" in e)
    assert linked == sorted(
        [
            f"{server.url('agendaitem/1012')}: verknüpftes Objekt (AgendaItem) übersprungen: "
            "HTTP 404",
            f"{server.url('agendaitem/1031')}: verknüpftes Objekt (AgendaItem) übersprungen: "
            "kein AgendaItem-Objekt",
            f"{server.url('file/202')}: verknüpftes Objekt (File) übersprungen: "
            "Antwort ist kein JSON",
            f"{server.url('location/101')}: verknüpftes Objekt (Location) übersprungen: "
            "kein Location-Objekt",
            f"{server.url('organization/9')}: verknüpftes Objekt (Organization) übersprungen: "
            "HTTP 404",
        ]
    )
    event = ev.get_event_by_uid(cal.db, server.url("meeting/102"))
    assert event is not None
    assert event.topic is None


async def test_a_linked_organization_not_in_the_list_is_fetched(
    server: FakeOParl, cal: Calendar
) -> None:
    server.singles[server.url("organization/8")] = {
        "id": server.url("organization/8"), "type": T + "Organization",
        "name": "Umweltausschuss",
    }  # fmt: skip
    server.change("meeting", "102", organization=[server.url("organization/8")])
    await run(cal, server)
    event = ev.get_event_by_uid(cal.db, server.url("meeting/102"))
    assert event is not None
    assert event.topic == "Umweltausschuss"
    assert asked(server, "/organization/8") == 1
    assert asked(server, "/organization/1") == 0  # known from the list: not fetched


async def test_at_most_four_linked_objects_at_a_time(server: FakeOParl, cal: Calendar) -> None:
    meeting = server.find("meeting", "101")
    many = [
        {"id": server.url(f"agendaitem/9{k:02d}"), "type": T + "AgendaItem",
         "number": str(k), "name": f"Punkt {k}", "public": True}
        for k in range(20)
    ]  # fmt: skip
    server.change("meeting", "101", agendaItem=meeting["agendaItem"] + many)
    server.link("meeting", "101")
    release = server.hold("/agendaitem/9")
    task = asyncio.create_task(run(cal, server))
    for _ in range(1000):  # wait (on the event loop) until 4 requests are held
        if server.inflight >= 4:
            break
        await asyncio.sleep(0.005)
    assert server.inflight == 4
    for _ in range(20):  # and no fifth one comes while they are held
        await asyncio.sleep(0.005)
    assert server.max_inflight == 4
    release.set()
    report = await task
    assert server.max_inflight == 4
    assert len(agenda(cal, server, "101")) == 23
    assert report.meetings.new == 4
