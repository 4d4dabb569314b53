"""Members control their data (DSGVO): retention of stored questions, /datenschutz,
/meine_daten, /daten_loeschen, and the two privacy settings. Through the real PTB Application
over HTTP to the stand-in Bot API server (the `live` fixture), one test with `gremienbot run`."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import register_commands, start_outbox
from bot.config import ConfigError, load_settings
from bot.dialog import Dialog, Person
from bot.privacy import Privacy, purge_questions
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from scheduler import announcements
from scheduler.events import Event
from tests.botapi_server import FakeBotAPI
from tests.fakes import FakeClock
from tests.live import MEMBER, STAFF, Live
from tests.test_e2e_bot import start_bot, stop_bot

OTHER = 12  # a second member
GROUP = -5


def questions_of(live: Live, user_id: int) -> list[str]:
    return [
        r[0]
        for r in live.cal.db.conn.execute(
            "SELECT question FROM bot_questions WHERE user_id = ? ORDER BY id", (user_id,)
        )
    ]


def outbox_rows(live: Live, chat_id: int, status: str | None = None) -> list[tuple[Any, ...]]:
    sql = "SELECT kind, not_before, status FROM outbox WHERE chat_id = ?"
    args: list[object] = [chat_id]
    if status:
        sql += " AND status = ?"
        args.append(status)
    return list(live.cal.db.conn.execute(sql + " ORDER BY id", args))


def subscriber_row(live: Live, chat_id: int) -> tuple[Any, ...] | None:
    row = live.cal.db.conn.execute(
        "SELECT chat_id, active FROM subscribers WHERE chat_id = ?", (chat_id,)
    ).fetchone()
    return tuple(row) if row else None


def topics_in_db(live: Live, chat_id: int) -> set[str]:
    rows = live.cal.db.conn.execute("SELECT topic FROM subscriptions WHERE chat_id = ?", (chat_id,))
    return {r[0] for r in rows}


async def two_members_with_data(live: Live) -> int:
    """MEMBER and OTHER subscribe and ask; an event three days ahead and a scheduled
    announcement queue deliveries for both. Returns the announcement id."""
    await live.send("/abo alle", user_id=MEMBER)
    await live.send("/erinnerung 1d", user_id=MEMBER)
    await live.send("Was ist KIM?", user_id=MEMBER)
    await live.send("/abo alle", user_id=OTHER)
    await live.send("Wer leitet das Kommunale Integrationszentrum?", user_id=OTHER)
    start = live.clock.now() + timedelta(days=3)
    live.cal.create(Event("Integrationsrat", start, place="Siegburg"), by=STAFF)
    draft, _count = live.cal.announce(
        author_id=STAFF,
        text="Die Jury tagt im Kreishaus.",
        send_at=live.clock.now() + timedelta(days=1),
    )
    assert live.cal.send_announcement(draft.id) == 2
    return draft.id


# -- configuration ------------------------------------------------------------------------


def test_privacy_settings_from_environment_and_toml(tmp_path: Path) -> None:
    defaults = load_settings({})
    assert (defaults.question_days, defaults.privacy_contact) == (90, None)
    s = load_settings(
        {"GREMIENBOT_QUESTION_DAYS": "30", "GREMIENBOT_PRIVACY_CONTACT": " datenschutz@kreis.de "}
    )
    assert (s.question_days, s.privacy_contact) == (30, "datenschutz@kreis.de")
    f = tmp_path / "bot.toml"
    f.write_text('[privacy]\nquestion_days = 14\ncontact = "Frau Muster, 02241 13-0"\n')
    s = load_settings({}, config_file=f)
    assert (s.question_days, s.privacy_contact) == (14, "Frau Muster, 02241 13-0")
    s = load_settings({"GREMIENBOT_QUESTION_DAYS": "7"}, config_file=f)  # environment wins
    assert s.question_days == 7


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5", "100000"])
def test_bad_question_days_is_one_clear_error(value: str) -> None:
    with pytest.raises(ConfigError, match="GREMIENBOT_QUESTION_DAYS") as caught:
        load_settings({"GREMIENBOT_QUESTION_DAYS": value})
    assert "\n" not in str(caught.value)


def test_bad_question_days_in_toml_is_one_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "bot.toml"
    f.write_text('[privacy]\nquestion_days = "viele"\n')
    with pytest.raises(ConfigError, match="question_days"):
        load_settings({}, config_file=f)


# -- retention ----------------------------------------------------------------------------


def test_purge_deletes_only_questions_older_than_the_days(
    demo_db_file: Path, tmp_path: Path
) -> None:
    db_file = tmp_path / "bot.db"
    db_file.write_bytes(demo_db_file.read_bytes())
    clock = FakeClock()
    dialog = Dialog(KnowledgeBase(open_db(db_file)), clock)
    dialog.db.conn.execute("DELETE FROM bot_questions")
    dialog.ask(Person(MEMBER, MEMBER), "Was ist KIM?")
    clock.advance(timedelta(days=50))
    dialog.ask(Person(OTHER, OTHER), "Wer leitet das KI?")
    clock.advance(timedelta(days=40, seconds=1))  # the first is 90 days and a second old
    assert purge_questions(dialog.db, now=clock.now(), days=90) == 1
    rows = dialog.db.conn.execute("SELECT user_id, question FROM bot_questions").fetchall()
    assert rows == [(OTHER, "Wer leitet das KI?")]
    assert purge_questions(dialog.db, now=clock.now(), days=90) == 0
    dialog.db.conn.close()


async def wait_until(condition: Any, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return bool(condition())


async def test_running_bot_deletes_old_questions_daily_by_its_clock(
    live: Live, caplog: pytest.LogCaptureFixture
) -> None:
    """The outbox runner (APScheduler) of `gremienbot run` deletes at start, then once a day
    by the clock: moving the fake clock a day on makes it delete again."""
    caplog.set_level(logging.INFO, logger="gremienbot")
    await live.send("Was ist KIM?", user_id=MEMBER)
    live.clock.advance(timedelta(days=1))
    await live.send("Wer leitet das KI?", user_id=OTHER)
    live.clock.advance(timedelta(days=89, hours=12))  # MEMBER's is 90.5 days old, OTHER's 89.5
    await start_outbox(live.app)
    try:
        assert await wait_until(lambda: questions_of(live, MEMBER) == [])
        assert questions_of(live, OTHER) == ["Wer leitet das KI?"]
        assert "deleted 1 stored question" in caplog.text
        # Within the same day nothing runs again, even when more questions get old.
        live.clock.advance(timedelta(hours=12, minutes=1))  # OTHER's is 90 days and a minute
        await asyncio.sleep(1.5)  # the runner wakes up every second
        assert questions_of(live, OTHER) == ["Wer leitet das KI?"]
        live.clock.advance(timedelta(hours=12))  # a day after the first run: runs again
        assert await wait_until(lambda: questions_of(live, OTHER) == [])
    finally:
        await live.app.bot_data["runner"].stop()
    assert caplog.text.count("stored question") == 2


def test_gremienbot_run_applies_the_configured_days(tmp_path: Path, demo_db_file: Path) -> None:
    db_file = tmp_path / "bot.db"
    db_file.write_bytes(demo_db_file.read_bytes())
    now = datetime.now(UTC)
    clock = FakeClock(now - timedelta(days=20))
    dialog = Dialog(KnowledgeBase(open_db(db_file)), clock)
    dialog.ask(Person(MEMBER, MEMBER), "Was ist KIM?")
    clock.current = now - timedelta(days=5)
    dialog.ask(Person(MEMBER, MEMBER), "Wer leitet das KI?")
    dialog.db.conn.close()
    log = tmp_path / "bot.log"
    with FakeBotAPI() as server:
        proc = start_bot(server, db_file, log, ("GREMIENBOT_QUESTION_DAYS", "14"))
        try:
            deadline = time.monotonic() + 60
            while "stored question" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            stop_bot(proc)
    assert "deleted 1 stored question" in log.read_text()
    left = open_db(db_file).conn.execute("SELECT question FROM bot_questions").fetchall()
    assert left == [("Wer leitet das KI?",)]


# -- /datenschutz -------------------------------------------------------------------------


async def test_datenschutz_says_what_why_how_long_and_whom_to_ask(live: Live) -> None:
    await live.send("/datenschutz", user_id=MEMBER)
    text = live.texts(MEMBER)[-1]
    assert "90 Tage" in text
    assert "Telegram-Nutzer-ID" in text
    assert "keine Kontaktstelle" in text  # not configured: said plainly
    for command in ("/meine_daten", "/daten_loeschen", "/abbestellen"):
        assert command in text
    live.dialog.privacy = Privacy(
        live.dialog.db, live.clock, days=30, contact="Datenschutz <dsb@kreis.de>"
    )
    await live.send("/privacy", user_id=MEMBER, language_code="en")
    text = live.texts(MEMBER)[-1]
    assert "30 days" in text
    assert "Datenschutz <dsb@kreis.de>" in text  # escaped for HTML, shown as written
    assert "/mydata" in text
    assert "/deletedata" in text
    await live.send("/datenschutz", user_id=OTHER, chat_type="group", chat_id=GROUP)
    assert "30 Tage" in live.texts(GROUP)[-1]  # what is stored is no secret: groups too
    assert live.refused() == []


async def test_commands_are_listed_in_help_and_registered(live: Live) -> None:
    await live.send("/hilfe", user_id=MEMBER)
    help_text = live.texts(MEMBER)[-1]
    for command in ("/datenschutz", "/meine_daten", "/daten_loeschen"):
        assert command in help_text
    await register_commands(live.app)
    german = {c["command"] for c in live.server.commands[""]}
    english = {c["command"] for c in live.server.commands["en"]}
    assert {"datenschutz", "meine_daten", "daten_loeschen"} <= german
    assert {"privacy", "mydata", "deletedata"} <= english
    assert live.refused() == []


# -- /meine_daten -------------------------------------------------------------------------


async def test_meine_daten_sends_exactly_the_members_own_data(live: Live) -> None:
    await two_members_with_data(live)
    await live.send("/meine_daten", user_id=MEMBER)
    (document,) = live.documents(MEMBER)
    assert document["filename"].endswith(".json")
    raw = document["content"].decode("utf-8")
    data = json.loads(raw)
    assert data["telegram_user_id"] == MEMBER
    assert data["subscriber"]["chat_id"] == MEMBER
    assert data["subscriber"]["active"] is True
    assert data["topics"] == ["alle"]
    assert data["reminder_offsets"] == ["1d"]
    assert [q["question"] for q in data["questions"]] == ["Was ist KIM?"]
    assert data["questions"][0]["asked_at"].startswith("2026-11-23T09:00")
    mine = outbox_rows(live, MEMBER)
    assert sorted((d["kind"], d["status"]) for d in data["deliveries"]) == sorted(
        (kind, status) for kind, _due, status in mine
    )
    assert len(data["deliveries"]) == 2  # the 1d reminder and the announcement
    assert len(outbox_rows(live, OTHER)) == 3  # OTHER's 1d and 2h reminders, announcement
    assert "Wer leitet" not in raw
    assert live.refused() == []


async def test_meine_daten_in_a_group_sends_nothing_personal(live: Live) -> None:
    await two_members_with_data(live)
    await live.send("/meine_daten", user_id=MEMBER, chat_type="group", chat_id=GROUP)
    assert live.documents(GROUP) == []
    assert live.documents(MEMBER) == []
    assert "privaten Chat" in live.texts(GROUP)[-1]
    assert "KIM" not in " ".join(live.texts(GROUP))


async def test_meine_daten_without_any_data(live: Live) -> None:
    await live.send("/mydata", user_id=OTHER, language_code="en")
    (document,) = live.documents(OTHER)
    data = json.loads(document["content"])
    assert data["subscriber"] is None
    assert data["questions"] == data["deliveries"] == data["topics"] == []


# -- /daten_loeschen ----------------------------------------------------------------------


async def ask_to_delete(live: Live, user_id: int = MEMBER, language: str = "de") -> list[str]:
    await live.send("/daten_loeschen", user_id=user_id, language_code=language)
    labels = live.buttons(user_id)
    return [data for _label, data in labels]


async def test_deleting_removes_the_members_data_and_nothing_is_sent_afterwards(
    live: Live,
) -> None:
    announcement_id = await two_members_with_data(live)
    await live.send("/daten_loeschen", user_id=MEMBER)
    assert [label for label, _ in live.buttons(MEMBER)] == ["Ja, löschen", "Abbrechen"]
    yes = live.buttons(MEMBER)[0][1]
    assert questions_of(live, MEMBER) == ["Was ist KIM?"]  # asking deletes nothing
    await live.press(yes, user_id=MEMBER)
    assert "gelöscht" in live.texts(MEMBER)[-1]
    assert subscriber_row(live, MEMBER) is None
    assert topics_in_db(live, MEMBER) == set()
    assert questions_of(live, MEMBER) == []
    assert outbox_rows(live, MEMBER) == []  # queued ones deleted, nothing else names the chat
    # OTHER keeps everything; the announcement audit record stays.
    assert subscriber_row(live, OTHER) == (OTHER, 1)
    assert questions_of(live, OTHER) == ["Wer leitet das Kommunale Integrationszentrum?"]
    audit = live.cal.db.conn.execute(
        "SELECT author_id, text, recipients FROM announcements WHERE id = ?", (announcement_id,)
    ).fetchone()
    assert tuple(audit) == (STAFF, "Die Jury tagt im Kreishaus.", 2)
    # Days later: the reminders and the announcement reach OTHER only.
    before, other_before = len(live.sent(MEMBER)), len(live.texts(OTHER))
    live.cal.recover()  # a restart re-plans from the subscriptions: still nothing for MEMBER
    for step in (timedelta(days=1), timedelta(days=1), timedelta(hours=23)):  # event: 3 days
        live.clock.advance(step)
        await live.drain()
    assert len(live.sent(MEMBER)) == before
    other = " ".join(live.texts(OTHER)[other_before:])
    assert "Die Jury tagt im Kreishaus." in other
    assert other.count("Integrationsrat") == 2  # the 1d and 2h reminders
    # Subscribing again is a fresh start.
    await live.send("/abo alle", user_id=MEMBER)
    live.cal.create(
        Event("Kreistag", live.clock.now() + timedelta(days=2), place="Siegburg"), by=STAFF
    )
    assert len(outbox_rows(live, MEMBER, "pending")) == 2  # 1d and 2h, default offsets again
    assert live.refused() == []


async def test_cancel_keeps_everything(live: Live) -> None:
    await two_members_with_data(live)
    before = (
        subscriber_row(live, MEMBER),
        topics_in_db(live, MEMBER),
        questions_of(live, MEMBER),
        outbox_rows(live, MEMBER),
    )
    await live.send("/deletedata", user_id=MEMBER, language_code="en")
    assert [label for label, _ in live.buttons(MEMBER)] == ["Yes, delete", "Cancel"]
    cancel = live.buttons(MEMBER)[1][1]
    await live.press(cancel, user_id=MEMBER, language_code="en")
    assert "Nothing" in live.texts(MEMBER)[-1]
    after = (
        subscriber_row(live, MEMBER),
        topics_in_db(live, MEMBER),
        questions_of(live, MEMBER),
        outbox_rows(live, MEMBER),
    )
    assert after == before


async def test_a_crafted_yes_deletes_nobody_elses_data(live: Live) -> None:
    await two_members_with_data(live)
    await live.send("/daten_loeschen", user_id=MEMBER)
    yes = live.buttons(MEMBER)[0][1]
    state = {
        who: (subscriber_row(live, who), questions_of(live, who), outbox_rows(live, who))
        for who in (MEMBER, OTHER)
    }
    await live.press(yes, user_id=OTHER)  # MEMBER's button, pressed (crafted) by OTHER
    await live.press(yes, user_id=MEMBER, chat_type="group", chat_id=GROUP)  # in a group
    after = {
        who: (subscriber_row(live, who), questions_of(live, who), outbox_rows(live, who))
        for who in (MEMBER, OTHER)
    }
    assert after == state
    assert "privaten Chat" in live.texts(GROUP)[-1]


async def test_daten_loeschen_in_a_group_offers_no_buttons(live: Live) -> None:
    await two_members_with_data(live)
    await live.send("/daten_loeschen", user_id=MEMBER, chat_type="group", chat_id=GROUP)
    assert "privaten Chat" in live.texts(GROUP)[-1]
    assert live.buttons(GROUP) == []
    assert subscriber_row(live, MEMBER) == (MEMBER, 1)


async def test_sent_deliveries_keep_their_counts_without_the_chat(live: Live) -> None:
    announcement_id = await two_members_with_data(live)
    live.clock.advance(timedelta(days=1))
    await live.drain()  # the announcement reaches both
    assert announcements.delivered(live.cal.db, announcement_id) == 2
    assert sorted(r[2] for r in outbox_rows(live, MEMBER)) == ["pending", "sent"]
    await live.send("/daten_loeschen", user_id=MEMBER)
    await live.press(live.buttons(MEMBER)[0][1], user_id=MEMBER)
    assert outbox_rows(live, MEMBER) == []
    keys = [k for (k,) in live.cal.db.conn.execute("SELECT key FROM outbox")]
    assert not [k for k in keys if str(MEMBER) in k.split(":")]  # no key names the chat
    assert announcements.delivered(live.cal.db, announcement_id) == 2  # the audit figure stays
    await live.send("/meine_daten", user_id=MEMBER)
    data = json.loads(live.documents(MEMBER)[-1]["content"])
    assert (data["subscriber"], data["deliveries"], data["questions"]) == (None, [], [])
