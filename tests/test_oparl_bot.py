"""What members and staff see in Telegram of what the OParl sync brought (the real PTB
Application over HTTP to the stand-in Bot API server, data from the stand-in OParl server)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.oparl.client import OParlClient
from bot.oparl.sync import sync
from tests.live import MEMBER, STAFF, Live
from tests.oparl_server import FakeOParl, T

WEB_BUTTON = "Im Ratsinformationssystem"


@pytest.fixture
def server() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


async def synced(live: Live, server: FakeOParl, new: int = 2) -> None:
    async with OParlClient(backoff=0.01) as client:
        report = await sync(live.cal, server.body_url, client)
    assert report.papers.new == new


async def test_answer_from_a_paper_names_reference_and_date_and_links_it(
    live: Live, server: FakeOParl
) -> None:
    await synced(live, server)
    await live.send("Wie viele Sprachkurse sollen gefördert werden?", user_id=MEMBER)
    text = live.texts(MEMBER)[-1]
    assert "14 Sprachkurse" in text
    assert "Quelle: Förderung von Sprachkursen für zugewanderte Familien" in text
    assert "(Beschlussvorlage 2030/0101, 15.01.2030)" in text
    assert (WEB_BUTTON, f"{server.base}/vo0050.asp?__kvonr=201") in live.buttons(MEMBER)
    await live.send("Was hat der Integrationsausschuss zum Dolmetscherpool beschlossen?")
    assert "Niederschrift Integrationsausschuss, Sitzung vom 12.03.2030" in live.texts(MEMBER)[-1]
    assert (WEB_BUTTON, f"{server.base}/si0057.asp?__ksinr=101") in live.buttons(MEMBER)
    await live.send("What does the KIM case management do?", language_code="en")
    assert "Source:" in live.texts(MEMBER)[-1]
    assert all(label != WEB_BUTTON for label, _ in live.buttons(MEMBER))  # not from the RIS
    assert live.refused() == []


def test_ask_json_has_reference_and_web_only_when_present(
    server: FakeOParl, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "oparl", "sync", server.body_url]).exit_code == 0
    corpus = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "demo_corpus"
    assert runner.invoke(main, ["--db", str(db), "ingest", str(corpus)]).exit_code == 0

    def first(question: str) -> dict[str, object]:
        out = runner.invoke(main, ["--db", str(db), "ask", question, "--json"]).stdout
        found: dict[str, object] = json.loads(out)["answers"][0]
        return found

    paper = first("Wie viele Sprachkurse sollen gefördert werden?")
    assert paper["document"] == "oparl/201"
    assert paper["reference"] == "2030/0101"
    assert paper["web"] == f"{server.base}/vo0050.asp?__kvonr=201"
    assert paper["title"] == "Förderung von Sprachkursen für zugewanderte Familien"
    demo = first("Wie viele Personalstellen hat das KIM?")
    assert set(demo) == {"text", "document", "title", "date", "score"}


def long_agenda(server: FakeOParl) -> None:
    """Session 101 gets twelve public items (one with a very long name) and a non-public one."""
    items = [
        {"id": server.url(f"agendaitem/101{i}"), "type": "https://schema.oparl.org/1.1/AgendaItem",
         "number": str(i), "name": f"Punkt {i} " + ("sehr lang " * 60 if i == 2 else ""),
         "public": True}
        for i in range(1, 13)
    ] + [{"id": server.url("agendaitem/10199"), "number": "13",
          "name": "Personalangelegenheiten", "public": False}]  # fmt: skip
    server.change("meeting", "101", agendaItem=items)


async def test_termine_shows_the_public_agenda_and_the_session_page(
    live: Live, server: FakeOParl
) -> None:
    await synced(live, server)
    sessions = {e.title: e for e in live.cal.upcoming(10)}
    social = sessions["Sitzung des Sozialausschusses"]
    await live.send("/termine", user_id=MEMBER)
    text = "\n".join(live.texts(MEMBER)[-2:])
    assert "TOP 1: Eröffnung und Begrüßung" in text
    assert "TOP 2: Sprachkurse für zugewanderte Familien" in text
    assert "Personalangelegenheiten" not in text
    link = (f"🔗 #{social.id} im Ratsinformationssystem", f"{server.base}/si0057.asp?__ksinr=102")
    assert link in live.buttons(MEMBER)
    await live.send("/termine", user_id=STAFF)  # staff in a private chat: everything
    assert "TOP 3: Personalangelegenheiten (nichtöffentlich)" in live.texts(STAFF)[-1]
    await live.send("/termine", user_id=STAFF, chat_id=-500, chat_type="group")
    assert "Personalangelegenheiten" not in live.texts(-500)[-1]
    await live.send("/termine", user_id=MEMBER, language_code="en")
    assert "Item 1: Eröffnung und Begrüßung" in live.texts(MEMBER)[-1]
    assert live.refused() == []


async def test_long_agendas_are_cut(live: Live, server: FakeOParl) -> None:
    long_agenda(server)
    await synced(live, server)
    await live.send("/termine", user_id=MEMBER)
    text = live.texts(MEMBER)[-1]
    assert "TOP 5: Punkt 5" in text
    assert "TOP 6:" not in text
    assert "… und 7 weitere" in text
    assert "sehr lang " * 20 not in text
    assert live.refused() == []


async def test_reminders_show_the_public_agenda_and_the_session_page(
    live: Live, server: FakeOParl
) -> None:
    long_agenda(server)
    await live.send("/abo alle", user_id=MEMBER)
    await synced(live, server)
    live.clock.current = datetime(2030, 3, 5, 16, 1, tzinfo=UTC)  # a week before session 101
    await live.drain()
    [reminder] = [t for t in live.texts(MEMBER) if t.startswith("Erinnerung")]
    assert "Tagesordnung:" in reminder
    assert "TOP 10: Punkt 10" in reminder
    assert "TOP 11:" not in reminder
    assert "… und 2 weitere" in reminder
    assert "Personalangelegenheiten" not in reminder
    assert "sehr lang " * 20 not in reminder
    assert (f"🔗 #{live.cal.upcoming(1)[0].id} im Ratsinformationssystem",
            f"{server.base}/si0057.asp?__ksinr=101") in live.buttons(MEMBER)  # fmt: skip
    assert live.refused() == []


async def test_each_committee_with_sessions_is_a_topic_for_abo(
    live: Live, server: FakeOParl
) -> None:
    await synced(live, server)
    await live.send("/abo", user_id=MEMBER)
    labels = " ".join(label for label, _ in live.buttons(MEMBER))
    for committee in ("Integrationsausschuss", "Sozialausschuss", "Kreistag"):
        assert committee in labels


async def test_a_joint_session_reaches_the_subscribers_of_each_committee_once(
    live: Live, server: FakeOParl
) -> None:
    """A session of two committees is a topic of each: the subscribers of either get its
    reminders and notices, a chat subscribed to both gets each exactly once, and the event
    shows both names."""
    server.put("organization", {"id": server.url("organization/4"), "type": T + "Organization",
                                "name": "Jugendhilfeausschuss"})  # fmt: skip
    joint = [server.url("organization/2"), server.url("organization/4")]
    server.change("meeting", "102", name="Gemeinsame Sitzung Soziales und Jugendhilfe",
                  organization=joint)  # fmt: skip
    await synced(live, server)
    await live.send("/abo", user_id=MEMBER)  # the second committee has no session of its own
    assert "Jugendhilfeausschuss" in " ".join(label for label, _ in live.buttons(MEMBER))
    both, social, youth, council = 21, 22, 23, 24
    for chat, topics in ((both, ("sozialausschuss", "jugendhilfeausschuss")),
                         (social, ("sozialausschuss",)), (youth, ("jugendhilfeausschuss",)),
                         (council, ("kreistag",))):  # fmt: skip
        for topic in topics:
            assert live.cal.toggle(chat, topic, user_id=chat, language="de")
    event = live.cal.upcoming(10)[1]
    assert event.title == "Gemeinsame Sitzung Soziales und Jugendhilfe"
    rows = live.cal.db.conn.execute(
        "SELECT chat_id, count(*) FROM outbox WHERE kind = 'reminder' AND status = 'pending' "
        "AND ref_id = ? GROUP BY chat_id",
        (event.id,),
    ).fetchall()
    assert dict(rows) == {both: 3, social: 3, youth: 3}  # 7d, 1d, 2h each; none twice

    await live.send("/termine", user_id=youth)
    assert "Gemeinsame Sitzung: Sozialausschuss, Jugendhilfeausschuss" in live.texts(youth)[-1]
    code, out = cli_events(live)
    assert code == 0
    [listed] = [e for e in out if e["title"] == event.title]
    assert listed["topic"] == "Sozialausschuss"
    assert listed["committees"] == ["Sozialausschuss", "Jugendhilfeausschuss"]

    server.change("meeting", "102", start="2030-06-19T16:30:00+02:00")  # moved by a day
    before = len(live.texts(youth))
    await synced(live, server, new=0)
    await live.drain()
    for chat in (both, social, youth):
        assert live.texts(chat)[before if chat == youth else 0 :] == [
            "Verlegt: Gemeinsame Sitzung Soziales und Jugendhilfe\n"
            "vom 18.06.2030 16:30 Uhr auf 19.06.2030 16:30 Uhr verlegt."
        ]
    assert live.texts(council) == []

    live.clock.current = datetime(2030, 6, 18, 14, 31, tzinfo=UTC)  # a day before, Berlin
    await live.drain()
    for chat in (both, social, youth):
        reminders = [t for t in live.texts(chat) if t.startswith("Erinnerung")]
        assert len(reminders) == 2  # 7 days and 1 day before: once each, also for `both`
        assert "Gemeinsame Sitzung: Sozialausschuss, Jugendhilfeausschuss" in reminders[-1]
    assert [t for t in live.texts(council) if "Soziales" in t] == []
    assert live.refused() == []


def cli_events(live: Live) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["--db", str(live.db_file), "events", "--json"])
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else []
