"""Calendar commands through a real PTB Application: access, events, subscriptions,
announcements (with the in-process request layer; the outbox is driven by hand)."""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.agenda import Agenda
from bot.app import build_app
from bot.config import Settings
from bot.dialog import Dialog
from bot.handlers.common import Deps
from bot.sender import TelegramSender
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from scheduler.calendar import Calendar
from tests.fake_request import RecordingRequest, visible_text
from tests.fakes import FakeClock
from tests.test_bot_handlers import TOKEN, Harness

ADMIN, STAFF, MEMBER = 99, 77, 11


@pytest.fixture
async def h(tmp_path: Path, demo_db_file: Path) -> AsyncIterator[Harness]:
    db_file = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db_file)
    clock = FakeClock()
    db = open_db(db_file)
    agenda = Agenda(Calendar(db, clock, default_offsets="7d,1d,2h"))
    dialog = Dialog(KnowledgeBase(db), clock, agenda=agenda)
    request = RecordingRequest()
    app = build_app(
        Settings(token=TOKEN, db_path=db_file, admins=frozenset({ADMIN})),
        Deps(dialog=dialog, admins=frozenset({ADMIN}), agenda=agenda),
        request=request,
        updates_request=RecordingRequest(),
    )
    await app.initialize()
    yield Harness(app, request, clock, dialog)
    await app.shutdown()


def buttons(params: dict[str, Any]) -> list[tuple[str, str]]:
    markup = params.get("reply_markup")
    data = json.loads(markup) if isinstance(markup, str) else markup
    return [(b["text"], b["callback_data"]) for row in data["inline_keyboard"] for b in row]


async def test_only_staff_create_events_and_announce(h: Harness) -> None:
    await h.send("/termin_neu 16.12.2026 18:30 Jahresabschlussfeier @ Kreishaus", user_id=MEMBER)
    await h.send("/ankuendigung Hallo alle", user_id=MEMBER)
    await h.send("/status", user_id=MEMBER)
    assert all("nur Mitarbeitende" in t for t in h.texts())
    assert h.dialog.agenda is not None
    assert h.dialog.agenda.cal.upcoming() == []
    assert h.dialog.agenda.cal.status()["pending"] == 0


async def test_admin_adds_staff_who_may_then_create_events(h: Harness) -> None:
    await h.send(f"/staff_add {STAFF}", user_id=MEMBER)
    assert "nur Administratoren" in h.texts()[-1]
    await h.send(f"/staff_add {STAFF}", user_id=ADMIN)
    assert "eingetragen" in h.texts()[-1]
    await h.send("/termin_neu 16.12.2026 18:30 Jahresabschlussfeier @ Kreishaus", user_id=STAFF)
    assert h.texts()[-1].startswith(
        "Termin angelegt (#1): 16.12.2026 18:30 – Jahresabschlussfeier\nThema: Veranstaltungen"
    )
    await h.send("/termine", user_id=MEMBER)
    assert "16.12.2026 18:30 – Jahresabschlussfeier (Kreishaus)" in h.texts()[-1]


async def test_bad_dates_get_a_clear_message(h: Harness) -> None:
    for text, expected in [
        ("/termin_neu 31.02.2026 10:00 Sitzung", "Das Datum verstehe ich nicht"),
        ("/termin_neu 16.12.2026 25:00 Sitzung", "Die Uhrzeit verstehe ich nicht"),
        ("/termin_neu 01.01.2020 10:00 Sitzung", "Vergangenheit"),
        ("/termin_neu", "So geht es"),
        ("/termin_loeschen abc", "So geht es"),
        ("/termin_aendern 999 16.12.2026 10:00 X", "gibt es nicht"),
    ]:
        await h.send(text, user_id=ADMIN)
        assert expected in h.texts()[-1], text


async def test_subscription_toggles_and_offsets(h: Harness) -> None:
    await h.send("/abo", user_id=MEMBER)
    labels = [label for label, _ in buttons(h.request.sent("sendMessage")[-1])]
    assert labels[:5] == [
        "▫️ Alles",
        "▫️ Sitzungen",
        "▫️ Jury",
        "▫️ Veranstaltungen",
        "▫️ Ankündigungen",
    ]
    jury = buttons(h.request.sent("sendMessage")[-1])[2][1]
    await h.press(jury, user_id=MEMBER)
    labels = [label for label, _ in buttons(h.request.sent("sendMessage")[-1])]
    assert "✅ Jury" in labels
    await h.send("/erinnerung 2d 30m", user_id=MEMBER)
    assert h.texts()[-1] == "Gern – ab jetzt erinnere ich Sie 2 Tage und 30 Minuten vorher."
    await h.send("/erinnerung morgen", user_id=MEMBER)
    assert "Bitte so: /erinnerung 1d 2h" in h.texts()[-1]
    await h.send("/abbestellen", user_id=MEMBER)
    assert "keine Erinnerungen" in h.texts()[-1]


async def test_announcement_preview_then_send_exactly_once(h: Harness) -> None:
    for user in (101, 102, 103):
        await h.send("/abo alle", user_id=user)
    await h.send(
        "/ankuendigung Die Sitzung am Montag entfällt. <b>Bitte</b> weitersagen!", user_id=ADMIN
    )
    preview = h.request.sent("sendMessage")[-1]
    assert "geht an 3 Empfänger" in visible_text(preview["text"])
    (send, cancel) = buttons(preview)
    await h.press(send[1], user_id=ADMIN)
    await h.press(send[1], user_id=ADMIN)  # pressed twice
    await h.press(cancel[1], user_id=ADMIN)
    texts = h.texts()
    assert "wird an 3 Empfänger gesendet" in texts[-3]
    assert "bereits gesendet oder abgebrochen" in texts[-2]
    assert "bereits gesendet oder abgebrochen" in texts[-1]
    assert h.dialog.agenda is not None
    cal = h.dialog.agenda.cal
    sender = TelegramSender(h.app.bot, cal)

    async def fake_sleep(seconds: float) -> None:
        h.clock.advance(timedelta(seconds=seconds))

    await cal.tick(sender, sleep=fake_sleep)
    delivered = [
        p
        for p in h.request.sent("sendMessage")
        if p["chat_id"] in (101, 102, 103) and p["text"].startswith("<b>Ankündigung</b>")
    ]
    assert sorted(p["chat_id"] for p in delivered) == [101, 102, 103]
    assert "&lt;b&gt;Bitte&lt;/b&gt;" in delivered[0]["text"]  # staff text is escaped too
    await cal.tick(sender, sleep=fake_sleep)
    assert cal.status()["sent"] == 3


async def test_events_list_offers_an_ics_file(h: Harness) -> None:
    await h.send("/termin_neu 16.12.2026 18:30 Jahresabschlussfeier @ Kreishaus", user_id=ADMIN)
    await h.send("/termine", user_id=MEMBER)
    ((label, data),) = buttons(h.request.sent("sendMessage")[-1])
    await h.press(data, user_id=MEMBER)
    (doc,) = h.request.sent("sendDocument")
    name, size = doc["_files"]["document"]
    assert name == "jahresabschlussfeier.ics"
    assert size > 100
    assert label == "📅 #1"  # the event's id, as /termine shows it


async def test_proposals_are_accepted_by_staff_only(h: Harness) -> None:
    from datetime import UTC, datetime

    from scheduler.events import Event

    assert h.dialog.agenda is not None
    cal = h.dialog.agenda.cal
    cal.propose(
        [
            Event(
                "Wertedialog",
                datetime(2026, 12, 6, 9, tzinfo=UTC),
                uid="p1",
                document="2019-ki.txt",
            )
        ]
    )
    await h.send("/vorschlaege", user_id=MEMBER)
    assert "nur Mitarbeitende" in h.texts()[-1]
    await h.send("/vorschlaege", user_id=ADMIN)
    accept, _discard = buttons(h.request.sent("sendMessage")[-1])
    await h.press(accept[1], user_id=MEMBER)
    assert cal.upcoming() == []
    await h.press(accept[1], user_id=ADMIN)
    assert [e.title for e in cal.upcoming()] == ["Wertedialog"]
    await h.press(accept[1], user_id=ADMIN)
    assert "schon entschieden" in h.texts()[-1]


def _update_type() -> type[Update]:
    return Update
