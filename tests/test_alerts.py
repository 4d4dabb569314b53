"""Alerts on new documents, deep links, profile texts and quiet hours, through the stand-in
Bot API server with the real PTB Application (tests/live.py) and a FakeClock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import deeplinks
from bot.actions import decode
from bot.agenda import Agenda
from bot.app import build_app, profile_texts, register_profile
from bot.cli import main
from bot.config import Settings
from bot.dialog import Dialog
from bot.handlers.common import Deps
from bot.oparl.client import OParlClient
from bot.oparl.sync import Sync
from bot.texts import de, en
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from scheduler import alerts
from scheduler import quiet as qt
from scheduler.calendar import Calendar
from scheduler.events import BERLIN, Event
from tests.live import ADMIN, MEMBER, STAFF, Live
from tests.oparl_server import FakeOParl

ROOT = Path(__file__).resolve().parent.parent
OTHER = 12  # a second member, with another keyword
WATER = (
    "Sachstand Trinkwasserbrunnen\n\n"
    "Die Verwaltung berichtet über den Ausbau der Trinkwasserbrunnen in den Ortsteilen. "
    "Im Sommer 2026 werden drei neue Trinkwasserbrunnen am Marktplatz, am Bahnhof und im "
    "Stadtpark aufgestellt. Die Kosten trägt der Kreis.\n"
)


def ingest_in_another_process(db_file: Path, path: Path) -> None:
    """`python -m bot --db DB ingest FILE` as a separate process (as an operator would)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db_file), "ingest", str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "1 neu" in proc.stdout, proc.stdout


async def runner_tick(live: Live) -> None:
    """What the runner does at a wake-up after 30 s: look for new documents, then drain."""
    live.clock.advance(timedelta(seconds=31))
    live.cal.check_documents_if_due(frozenset({ADMIN}))
    await live.drain()


def alert_texts(live: Live, chat: int) -> list[str]:
    return [t for t in live.texts(chat) if t.startswith("🔔")]


# -- pure parts ----------------------------------------------------------------------------


def test_keyword_terms_and_inflection() -> None:
    assert alerts.keyword_terms("Müll") == alerts.keyword_terms("muell") == ("mull",)
    assert alerts.keyword_terms("  Offener   Ganztag ") == ("off", "ganztag")
    # Only function words or a single letter: in every document, so no keyword at all.
    assert alerts.keyword_terms("für") == ()
    assert alerts.keyword_terms("a") == ()
    assert alerts.keyword_terms("KI") == ("ki",)  # a short abbreviation is a real keyword
    assert alerts.keyword_terms("...") == ()
    assert alerts.term_matches("kita", "kitas")
    assert alerts.term_matches("kitas", "kita")
    assert not alerts.term_matches("rat", "rats")  # too short to guess
    assert not alerts.term_matches("kita", "kitaplatz")


def test_sentence_is_the_one_with_the_word_and_short() -> None:
    text = "Erster Satz ohne das Wort. Dann kommen die Kitas im Norden. Letzter Satz."
    assert alerts.sentence_with(text, ("kita",)) == "Dann kommen die Kitas im Norden."
    long = "Vorn " + "sehr " * 100 + "die Kita " + "und " * 100 + "Ende."
    cut = alerts.sentence_with(long, ("kita",))
    assert "Kita" in cut
    assert len(cut) <= alerts.MAX_SENTENCE
    assert cut.startswith("…")


def test_deep_link_payloads_follow_telegrams_rules() -> None:
    assert deeplinks.slug("Ausschuss für Soziales") == "ausschuss_fuer_soziales"
    assert deeplinks.slug("Café Straße") == "cafe_strasse"
    assert deeplinks.parse("abo-stichwort-offener_ganztag") == deeplinks.Start(
        "keyword", "offener ganztag"
    )
    assert deeplinks.parse("abo-integrationsrat") == deeplinks.Start("topic", "integrationsrat")
    assert deeplinks.parse("termin-12") == deeplinks.Start("event", "12")
    for bad in ("", "termin-x", "abo-", "hallo", "abo-ä", "a" * 65, "abo stichwort"):
        assert deeplinks.parse(bad) is None, bad
    assert deeplinks.link("bot", "abo-" + "x" * 70) is None  # over 64: no link at all
    assert deeplinks.link("bot", "abo-jury") == "https://t.me/bot?start=abo-jury"


def test_quiet_hours_arithmetic() -> None:
    q = qt.parse("22-7")
    assert q == qt.Quiet(22 * 60, 7 * 60)
    assert q.label() == "22:00–07:00"
    assert qt.parse("22:30 - 6.45 Uhr") == qt.Quiet(22 * 60 + 30, 6 * 60 + 45)
    assert qt.parse("aus") is None
    assert qt.parse("off") is None
    for bad in ("22", "7-7", "25-3", "22:61-7", "abends"):
        with pytest.raises(ValueError, match="quiet_usage"):
            qt.parse(bad)
    night = datetime(2026, 11, 23, 23, 0, tzinfo=BERLIN).astimezone(UTC)
    morning = datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN).astimezone(UTC)
    assert qt.hold(q, night) == morning
    assert qt.hold(q, morning) == morning  # the end is no longer quiet
    noon = datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN).astimezone(UTC)
    assert qt.hold(q, noon) == noon
    assert qt.hold(None, night) == night
    # A reminder due at 04:30 for an event at 06:30 moves before 22:00; for 08:00, to 07:00.
    due = datetime(2026, 11, 24, 4, 30, tzinfo=BERLIN).astimezone(UTC)
    early = datetime(2026, 11, 24, 6, 30, tzinfo=BERLIN).astimezone(UTC)
    later = datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN).astimezone(UTC)
    start = datetime(2026, 11, 23, 22, 0, tzinfo=BERLIN).astimezone(UTC)
    now = datetime(2026, 11, 23, 12, 0, tzinfo=BERLIN).astimezone(UTC)
    assert qt.reminder_due(q, due, early, now=now) == start - qt.BEFORE
    assert qt.reminder_due(q, due, later, now=now) == morning


def test_first_look_sets_the_mark_without_alerting_old_documents(live: Live) -> None:
    db = live.cal.db
    db.conn.execute("DELETE FROM alert_state")
    db.conn.commit()
    live.cal.add_keyword(MEMBER, "Integration", user_id=MEMBER, language="de")
    assert live.cal.check_documents() == 0  # the demo corpus is old news
    top = db.conn.execute("SELECT max(id) FROM documents").fetchone()[0]
    assert alerts.mark(db) == top
    assert db.conn.execute("SELECT count(*) FROM outbox WHERE kind='alert'").fetchone()[0] == 0


# -- keyword alerts ------------------------------------------------------------------------


async def test_keyword_alert_after_cli_ingest_in_another_process(
    live: Live, tmp_path: Path
) -> None:
    live.cal.check_documents()  # the bot's first look: the demo corpus is old
    await live.send("/abo stichwort Trinkwasserbrunnen", user_id=MEMBER)
    assert "abonniert" in live.texts(MEMBER)[-1]
    await live.send("/abo stichwort Radweg", user_id=OTHER)
    await live.send("/abo", user_id=MEMBER)
    listing = live.texts(MEMBER)[-1]
    assert "Trinkwasserbrunnen" in listing
    assert "https://t.me/gremien_test_bot?start=abo-stichwort-trinkwasserbrunnen" in listing
    assert any(label == "❌ Trinkwasserbrunnen" for label, _ in live.buttons(MEMBER))

    path = tmp_path / "brunnen.txt"
    path.write_text(WATER, encoding="utf-8")
    ingest_in_another_process(live.db_file, path)
    await runner_tick(live)

    got = alert_texts(live, MEMBER)
    assert len(got) == 1, live.texts(MEMBER)
    assert "Stichwort „Trinkwasserbrunnen“" in got[0]
    assert "Brunnen" in got[0]  # the title (from the file name)
    assert "den Ausbau der Trinkwasserbrunnen in den Ortsteilen." in got[0]  # the sentence
    assert "Marktplatz" not in got[0]  # one sentence, not the passage
    assert alert_texts(live, OTHER) == []  # another word: nothing
    [(label, data)] = live.buttons(MEMBER)
    assert label == "Ganze Passage"
    await live.send("/abo stichwort Kita", user_id=ADMIN)  # documents change meanwhile
    await live.press(data, user_id=MEMBER)
    assert "Die Kosten trägt der Kreis" in live.texts(MEMBER)[-1]
    assert live.refused() == []

    # The same database, a new Application (a restart): nothing is sent twice.
    db = open_db(live.db_file)
    agenda = Agenda(Calendar(db, live.clock, default_offsets="7d,1d,2h"))
    dialog = Dialog(KnowledgeBase(db), live.clock, agenda=agenda)
    settings = Settings(token=live.server.token, api_url=live.server.base_url, db_path=live.db_file)
    again = build_app(settings, Deps(dialog=dialog, admins=frozenset({ADMIN}), agenda=agenda))
    await again.initialize()
    first = live.app
    live.app, live.cal, live.agenda = again, agenda.cal, agenda
    try:
        before = len(live.texts(MEMBER))
        agenda.cal.recover()
        await runner_tick(live)
        assert agenda.cal.check_documents() == 0
        # Even looked at again (the mark set back), the outbox key holds: once per chat.
        db.conn.execute("UPDATE alert_state SET value = value - 1")
        db.conn.commit()
        assert agenda.cal.check_documents() == 0
        await live.drain()
        assert len(live.texts(MEMBER)) == before
    finally:
        await again.shutdown()
        live.app = first


async def test_keyword_is_found_inflected_in_compounds_and_without_umlauts(
    live: Live, tmp_path: Path
) -> None:
    live.cal.check_documents()
    await live.send("/subscribe keyword Müllabfuhr", user_id=MEMBER, language_code="en")
    assert "Subscribed to the keyword “Müllabfuhr”" in live.texts(MEMBER)[-1]
    await live.send("/abo stichwort muell", user_id=OTHER)
    path = tmp_path / "abfall.txt"
    path.write_text(
        "Abfallkonzept\n\nDie Müll-Abfuhr wird neu geregelt. Der Müll wird seltener abgeholt.\n",
        encoding="utf-8",
    )
    ingest_in_another_process(live.db_file, path)
    await runner_tick(live)
    assert len(alert_texts(live, MEMBER)) == 1, live.texts(MEMBER)
    assert "New document for the keyword" in alert_texts(live, MEMBER)[0]
    [other] = alert_texts(live, OTHER)
    assert "Müll" in other


async def test_remove_a_keyword_with_its_button(live: Live) -> None:
    await live.send("/abo stichwort Brunnen", user_id=MEMBER)
    await live.send("/abo stichwort Brunnen", user_id=MEMBER)
    assert "schon abonniert" in live.texts(MEMBER)[-1]
    await live.send("/abo stichwort", user_id=MEMBER)
    assert "Bitte nennen Sie ein Wort" in live.texts(MEMBER)[-1]
    await live.send("/abo", user_id=MEMBER)
    data = dict(live.buttons(MEMBER))["❌ Brunnen"]
    assert len(data.encode()) <= 64
    assert decode(data) is not None
    await live.press(data, user_id=MEMBER)
    assert live.toasts()[-1] == "Stichwort „Brunnen“ entfernt."
    assert live.cal.keywords(MEMBER) == []
    await live.press(data, user_id=MEMBER)  # twice: it is gone, politely
    assert live.toasts()[-1] == "Dieses Stichwort war schon entfernt."
    await live.press(data, user_id=OTHER)  # another chat cannot remove it
    assert live.refused() == []


async def test_internal_document_alerts_staff_only(live: Live) -> None:
    live.cal.check_documents()
    for user in (MEMBER, STAFF):
        await live.send("/abo stichwort Trinkwasserbrunnen", user_id=user)
    await live.send(
        "/abo stichwort Trinkwasserbrunnen", user_id=STAFF, chat_id=-70, chat_type="group"
    )
    await live.send_document(WATER.encode(), "brunnen.txt", mime_type="text/plain", user_id=STAFF)
    intern = [d for label, d in live.buttons(STAFF) if label.startswith("Intern")]
    await live.press(intern[0], user_id=STAFF)
    assert "Gespeichert als intern" in live.texts(STAFF)[-1]
    await runner_tick(live)
    assert alert_texts(live, MEMBER) == []
    assert alert_texts(live, -70) == []  # staff in a group: the group would read along
    [staff_alert] = alert_texts(live, STAFF)
    assert "nicht öffentlich" in staff_alert
    await live.press(live.buttons(STAFF)[0][1], user_id=STAFF)
    assert "Marktplatz" in live.texts(STAFF)[-1]


async def test_committee_subscribers_hear_of_papers_naming_their_committee(
    live: Live, tmp_path: Path
) -> None:
    live.cal.check_documents()
    start = live.clock.now() + timedelta(days=20)
    live.cal.create(Event("Sitzung des Integrationsrates", start, topic="Integrationsrat"))
    live.cal.toggle(MEMBER, "integrationsrat", user_id=MEMBER, language="de")
    live.cal.toggle(OTHER, "sitzungen", user_id=OTHER, language="de")
    path = tmp_path / "vorlage.txt"
    path.write_text(
        "Vorlage Sprachkurse\n\nBeratungsfolge: Integrationsrat (Kenntnisnahme). "
        "Die Sprachkurse werden ausgeweitet.\n",
        encoding="utf-8",
    )
    ingest_in_another_process(live.db_file, path)
    await runner_tick(live)
    [got] = alert_texts(live, MEMBER)
    assert "Neues Dokument für Integrationsrat" in got
    assert "Beratungsfolge" in got
    assert alert_texts(live, OTHER) == []  # a kind of event is no committee


async def test_committee_subscribers_hear_of_papers_their_committee_consults(
    live: Live,
) -> None:
    """An OParl paper whose Consultation names the Sozialausschuss reaches its subscribers,
    although its text never names the committee."""
    live.cal.check_documents()
    with FakeOParl() as server:
        server.generate()
        async with OParlClient() as client:
            await Sync(live.cal, client).run(server.body_url)
        await runner_tick(live)  # the generated papers: old news for what follows
        live.cal.toggle(MEMBER, "sozialausschuss", user_id=MEMBER, language="de")
        live.cal.toggle(OTHER, "kreistag", user_id=OTHER, language="de")
        paper = server.paper("900", "Sprachkurse für Eltern", "2030/0900", "Die Kurse wachsen.")
        paper["consultation"] = [
            {
                "id": server.url("consultation/900"),
                "type": "https://schema.oparl.org/1.1/Consultation",
                "organization": [server.url("organization/2")],
                "role": "Beratung",
            }
        ]
        server.put("paper", paper)
        async with OParlClient() as client:
            await Sync(live.cal, client).run(server.body_url)
    await runner_tick(live)
    [got] = alert_texts(live, MEMBER)
    assert "Sprachkurse für Eltern" in got
    assert "Sozialausschuss" in got
    assert alert_texts(live, OTHER) == []  # the Kreistag does not consult it


# -- deep links ----------------------------------------------------------------------------


async def test_deep_links_subscribe_to_a_committee_a_kind_and_a_keyword(live: Live) -> None:
    start = live.clock.now() + timedelta(days=9)
    event = live.cal.create(
        Event("Ausschuss für Soziales", start, topic="Ausschuss für Soziales", place="Saal 1")
    )
    await live.send("/start abo-ausschuss_fuer_soziales", user_id=MEMBER)
    reply = live.texts(MEMBER)[-1]
    assert "abonniert" in reply
    assert "Ausschuss Für Soziales" in reply
    assert "ausschuss für soziales" in live.cal.topics(MEMBER)[1]
    await live.send("/start abo-ausschuss_fuer_soziales", user_id=MEMBER)  # twice: still on
    assert "ausschuss für soziales" in live.cal.topics(MEMBER)[1]
    await live.send("/start abo-jury", user_id=MEMBER)
    assert "„Jury" in live.texts(MEMBER)[-1]
    assert "abonniert" in live.texts(MEMBER)[-1]
    assert "jury" in live.cal.topics(MEMBER)[1]
    await live.send("/start abo-stichwort-offener_ganztag", user_id=MEMBER)
    assert "Stichwort „offener ganztag“ abonniert" in live.texts(MEMBER)[-1]
    assert [k.terms for k in live.cal.keywords(MEMBER)] == [("off", "ganztag")]
    await live.send(f"/start termin-{event.id}", user_id=OTHER)
    assert "Ausschuss für Soziales" in live.texts(OTHER)[-1]
    assert "Saal 1" in live.texts(OTHER)[-1]
    assert any(data.startswith("v1:ics:") for _label, data in live.buttons(OTHER))
    assert live.refused() == []


@pytest.mark.parametrize(
    "payload", ["hallo", "abo-gibtsnicht", "termin-999999", "abo-stichwort-", "a" * 64]
)
async def test_unknown_deep_links_get_the_greeting(live: Live, payload: str) -> None:
    await live.send(f"/start {payload}", user_id=MEMBER)
    assert live.texts(MEMBER)[-1].startswith("Guten Tag!")
    assert live.cal.keywords(MEMBER) == []
    assert not live.cal.subscribed(MEMBER)


async def test_abo_and_termine_show_links_to_share(live: Live) -> None:
    live.cal.create(Event("Jurysitzung", live.clock.now() + timedelta(days=3)))
    await live.send("/termine", user_id=MEMBER)
    assert "https://t.me/gremien_test_bot?start=abo-sitzungen" in live.texts(MEMBER)[-1]
    await live.send("/start abo-jury", user_id=MEMBER)
    await live.send("/abo", user_id=MEMBER)
    assert "https://t.me/gremien_test_bot?start=abo-jury" in live.texts(MEMBER)[-1]


def test_cli_prints_deep_links_for_all_topics(live: Live) -> None:
    live.cal.create(
        Event("Sitzung", live.clock.now() + timedelta(days=400), topic="Integrationsrat")
    )
    result = CliRunner().invoke(
        main, ["--db", str(live.db_file), "links", "--username", "gremien_test_bot"]
    )
    assert result.exit_code == 0, result.output
    for payload in ("abo-alle", "abo-sitzungen", "abo-ankuendigungen", "abo-integrationsrat"):
        assert f"https://t.me/gremien_test_bot?start={payload}" in result.output
    assert "?start=termin-" in result.output
    bad = CliRunner().invoke(main, ["--db", str(live.db_file), "links", "--username", "a b"])
    assert bad.exit_code == 2


# -- profile texts -------------------------------------------------------------------------


async def test_profile_texts_in_german_and_english_name_the_operator(live: Live) -> None:
    live.app.bot_data["operator"] = "Kommunales Integrationszentrum Kreis Beispiel"
    await register_profile(live.app)
    profile = live.server.profile
    assert "Integrationszentrum Kreis Beispiel" in profile[("description", "")]
    assert "Fragen" in profile[("description", "")]
    assert "Run by Kommunales" in profile[("description", "en")]
    assert "Kreis Beispiel" in profile[("short_description", "")]
    assert "Kreis Beispiel" in profile[("short_description", "en")]
    assert live.refused() == []
    long_name = "Kreisverwaltung " * 40
    for texts in (de.ALERTS, en.ALERTS):
        description, short = profile_texts(texts, long_name)
        assert len(description) <= 512
        assert len(short) <= 120
        assert "Kreisverwaltung" in description
        assert short.endswith(".")
    description, short = profile_texts(de.ALERTS, None)
    assert "Betrieben" not in description
    assert "{" not in short
    # The stand-in refuses what Telegram refuses.
    with pytest.raises(Exception, match="too long"):
        await live.app.bot.set_my_short_description("x" * 121)


# -- quiet hours ---------------------------------------------------------------------------


async def test_quiet_hours_hold_alerts_and_move_reminders(live: Live, tmp_path: Path) -> None:
    live.clock.current = datetime(2026, 11, 23, 21, 0, tzinfo=BERLIN).astimezone(UTC)
    live.cal.check_documents()
    await live.send("/ruhezeit", user_id=MEMBER)
    assert "Keine Ruhezeit" in live.texts(MEMBER)[-1]
    await live.send("/ruhezeit abends", user_id=MEMBER)
    assert "So geht es" in live.texts(MEMBER)[-1]
    await live.send("/ruhezeit 22-7", user_id=MEMBER)
    assert "22:00–07:00" in live.texts(MEMBER)[-1]
    await live.send("/abo stichwort Trinkwasserbrunnen", user_id=MEMBER)
    await live.send("/abo stichwort Trinkwasserbrunnen", user_id=OTHER)
    # A session at 06:30 tomorrow, reminded 2 h before: due at 04:30, inside the quiet time.
    live.cal.set_offsets(MEMBER, (timedelta(hours=2),), user_id=MEMBER, language="de")
    live.cal.toggle(MEMBER, "sitzungen", user_id=MEMBER, language="de")
    early = datetime(2026, 11, 24, 6, 30, tzinfo=BERLIN).astimezone(UTC)
    live.cal.create(Event("Sitzung des Kreisausschusses", early))

    live.clock.current = datetime(2026, 11, 23, 23, 0, tzinfo=BERLIN).astimezone(UTC)
    path = tmp_path / "brunnen.txt"
    path.write_text(WATER, encoding="utf-8")
    ingest_in_another_process(live.db_file, path)
    await runner_tick(live)
    assert len(alert_texts(live, OTHER)) == 1  # no quiet hours
    assert alert_texts(live, MEMBER) == []  # held until 07:00
    reminders = [t for t in live.texts(MEMBER) if "Kreisausschuss" in t]
    assert len(reminders) == 1, live.texts(MEMBER)  # sent at 21:59, before the quiet time

    live.clock.current = datetime(2026, 11, 24, 6, 59, tzinfo=BERLIN).astimezone(UTC)
    await live.drain()
    assert alert_texts(live, MEMBER) == []
    live.clock.current = datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN).astimezone(UTC)
    await live.drain()
    assert len(alert_texts(live, MEMBER)) == 1
    await live.send("/ruhezeit aus", user_id=MEMBER)
    assert live.cal.quiet(MEMBER) is None


async def test_announcement_in_quiet_hours_waits(live: Live) -> None:
    live.clock.current = datetime(2026, 11, 23, 23, 30, tzinfo=BERLIN).astimezone(UTC)
    live.cal.toggle(MEMBER, "ankuendigungen", user_id=MEMBER, language="de")
    live.cal.set_quiet(MEMBER, qt.Quiet(22 * 60, 7 * 60))
    draft, _n = live.cal.announce(author_id=ADMIN, text="Morgen fällt die Sitzung aus.")
    assert live.cal.send_announcement(draft.id) == 1
    await live.drain()
    assert not any("fällt die Sitzung aus" in t for t in live.texts(MEMBER))
    live.clock.current = datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN).astimezone(UTC)
    await live.drain()
    assert sum("fällt die Sitzung aus" in t for t in live.texts(MEMBER)) == 1


async def test_my_data_lists_and_delete_data_removes_keywords_and_quiet_hours(live: Live) -> None:
    from scheduler import personal

    await live.send("/abo stichwort Brunnen", user_id=MEMBER)
    await live.send("/ruhezeit 22-7", user_id=MEMBER)
    data = personal.member_data(live.cal.db, MEMBER, MEMBER)
    assert data["keywords"] == ["Brunnen"]
    assert data["quiet_hours"] == "22:00-07:00"
    personal.forget(live.cal.db, MEMBER, MEMBER)
    assert live.cal.keywords(MEMBER) == []
    assert live.cal.quiet(MEMBER) is None
