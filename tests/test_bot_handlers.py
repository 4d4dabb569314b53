"""Handlers through a real PTB Application with an in-process request layer."""

from __future__ import annotations

import itertools
import logging
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.app import build_app, command_names, register_commands
from bot.config import Settings
from bot.dialog import Dialog
from bot.handlers.common import Deps
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db
from tests.fake_request import BOT_USER, RecordingRequest, visible_text
from tests.fakes import FakeClock

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
README = Path(__file__).resolve().parent.parent / "README.md"
_ids = itertools.count(1000)


class Harness:
    """A built Application, its recorded calls, and ways to send it updates."""

    def __init__(
        self,
        app: Application,
        request: RecordingRequest,
        clock: FakeClock,  # type: ignore[type-arg]
        dialog: Dialog,
    ) -> None:
        self.app, self.request, self.clock, self.dialog = app, request, clock, dialog

    async def send(
        self,
        text: str,
        *,
        user_id: int = 11,
        chat_id: int | None = None,
        language_code: str = "de",
        chat_type: str = "private",
        reply_to_bot: bool = False,
    ) -> Update:
        chat_id = chat_id if chat_id is not None else user_id
        message: dict[str, Any] = {
            "message_id": next(_ids),
            "date": 1_700_000_000,
            "chat": {"id": chat_id, "type": chat_type},
            "from": {
                "id": user_id,
                "is_bot": False,
                "first_name": "Erika",
                "language_code": language_code,
            },
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if reply_to_bot:
            message["reply_to_message"] = {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": message["chat"],
                "from": BOT_USER,
                "text": "Antwort",
            }
        update = Update.de_json({"update_id": next(_ids), "message": message}, self.app.bot)
        await self.app.process_update(update)
        return update

    async def press(self, data: str, *, user_id: int = 11, language_code: str = "de") -> None:
        payload = {
            "update_id": next(_ids),
            "callback_query": {
                "id": str(next(_ids)),
                "chat_instance": "ci",
                "data": data,
                "from": {
                    "id": user_id,
                    "is_bot": False,
                    "first_name": "Erika",
                    "language_code": language_code,
                },
                "message": {
                    "message_id": 5,
                    "date": 1_700_000_000,
                    "chat": {"id": user_id, "type": "private"},
                    "text": "x",
                },
            },
        }
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    def texts(self) -> list[str]:
        return [visible_text(p["text"]) for p in self.request.sent("sendMessage")]

    def last_buttons(self) -> list[tuple[str, str]]:
        markup = self.request.sent("sendMessage")[-1].get("reply_markup")
        if not markup:
            return []
        import json

        data = json.loads(markup) if isinstance(markup, str) else markup
        return [(b["text"], b["callback_data"]) for row in data["inline_keyboard"] for b in row]


@pytest.fixture
async def harness(tmp_path: Path, demo_db_file: Path) -> AsyncIterator[Harness]:
    db_file = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db_file)
    clock = FakeClock()
    dialog = Dialog(KnowledgeBase(open_db(db_file)), clock)
    request = RecordingRequest()
    app = build_app(
        Settings(token=TOKEN, db_path=db_file, admins=frozenset({99})),
        Deps(dialog=dialog, admins=frozenset({99})),
        request=request,
        updates_request=RecordingRequest(),
    )
    await app.initialize()
    yield Harness(app, request, clock, dialog)
    await app.shutdown()


async def test_start_offers_three_example_questions(harness: Harness) -> None:
    await harness.send("/start")
    (text,) = harness.texts()
    assert text.startswith("Guten Tag!")
    buttons = harness.last_buttons()
    assert [label for label, _ in buttons] == [
        "Was ist Baustein 6?",
        "Wie viele Case-Management-Stellen sind besetzt?",
        "Wann ist die Siegelverleihung 2020?",
    ]
    assert all(len(data.encode()) <= 64 and data.startswith("v1:") for _, data in buttons)


async def test_english_users_get_english_texts(harness: Harness) -> None:
    await harness.send("/help", language_code="en-GB")
    assert harness.texts()[0].startswith("How it works")
    await harness.send("/hilfe", language_code="de")
    assert harness.texts()[1].startswith("So funktioniert es")


async def test_a_question_gets_the_fact_its_source_and_buttons(harness: Harness) -> None:
    await harness.send("Wann ist die Siegelverleihung 2020?")
    (params,) = harness.request.sent("sendMessage")
    assert params["parse_mode"] == "HTML"
    assert "<blockquote>" in params["text"]
    text = harness.texts()[0]
    assert "03.09.2020" in text
    assert "Quelle: Sachstand KI: Baustein 6" in text
    assert [label for label, _ in harness.last_buttons()] == [
        "Weitere Treffer",
        "Ganze Passage",
        "Dokument",
    ]


async def test_buttons_give_more_hits_the_passage_and_the_document(harness: Harness) -> None:
    await harness.send("Was ist das Teilhabemanagement?")
    more, passage, document = (data for _, data in harness.last_buttons())
    await harness.press(more)
    assert harness.texts()[-1].startswith("Weiterer Treffer 1")
    await harness.press(passage)
    assert harness.texts()[-1].startswith("Die ganze Passage")
    await harness.press(document)
    (doc,) = harness.request.sent("sendDocument")
    assert doc["_files"]["document"][0].endswith(".txt")
    assert len(harness.request.sent("answerCallbackQuery")) == 3


async def test_stale_buttons_are_answered_politely(harness: Harness, tmp_path: Path) -> None:
    await harness.send("Wann ist die Siegelverleihung 2020?")
    _, passage, document = (data for _, data in harness.last_buttons())
    # The documents change in between (a re-ingest): old passage and document buttons are stale.
    note = tmp_path / "neu.txt"
    note.write_text("Die Jury tagt am 21.11.2019 im Kreishaus.\n")
    ingest_paths(harness.dialog.kb.db, [note])
    await harness.press(passage)
    await harness.press(document)
    await harness.press("v0:old:1")  # a button from an older version of the bot
    answers = harness.request.sent("answerCallbackQuery")
    assert len(answers) == 3
    assert all("nicht mehr aktuell" in a["text"] for a in answers)
    assert harness.request.sent("sendDocument") == []


async def test_groups_only_when_addressed(harness: Harness) -> None:
    await harness.send("Was ist KIM?", chat_id=-500, chat_type="supergroup")
    assert harness.request.sent("sendMessage") == []
    await harness.send("@gremien_test_bot Was ist KIM?", chat_id=-500, chat_type="supergroup")
    await harness.send("Und was ist KIM?", chat_id=-500, chat_type="supergroup", reply_to_bot=True)
    await harness.send("/frage@gremien_test_bot Was ist KIM?", chat_id=-500, chat_type="supergroup")
    assert len(harness.texts()) == 3
    assert all("Kommunale Integrationsmanagement" in t for t in harness.texts())


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> & <b>",
        '"*:^()NEAR AND OR -',
        "",
        "   ",
        "😀" * 50,
        "Robert'); DROP TABLE passages;--",
        "x" * 5000,
    ],
)
async def test_any_input_gets_a_sensible_reply(harness: Harness, text: str) -> None:
    await harness.send(f"/frage {text}" if not text.strip() else text)
    texts = harness.texts()
    assert len(texts) >= 1
    assert not any("schiefgegangen" in t for t in texts)


async def test_too_many_questions_get_a_slow_down_note(harness: Harness) -> None:
    for _ in range(20):
        await harness.send("Was ist KIM?")
    await harness.send("Was ist KIM?")
    assert "sehr viele Fragen" in harness.texts()[-1]
    harness.clock.advance(timedelta(seconds=61))
    await harness.send("Was ist KIM?")
    assert "Kommunale Integrationsmanagement" in harness.texts()[-1]


async def test_a_failing_handler_is_logged_once_and_the_bot_goes_on(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(harness.dialog, "documents", broken)
    with caplog.at_level(logging.ERROR, logger="gremienbot.errors"):
        update = await harness.send("/dokumente")
    lines = [r for r in caplog.records if r.name == "gremienbot.errors"]
    assert len(lines) == 1
    assert f"update {update.update_id} failed: RuntimeError: kaputt" in lines[0].getMessage()
    assert "schiefgegangen" in harness.texts()[-1]
    monkeypatch.undo()
    await harness.send("/dokumente")
    assert harness.texts()[-1].startswith("Diese Unterlagen kenne ich")


async def test_unknown_command_points_to_help(harness: Harness) -> None:
    await harness.send("/quatsch")
    assert "/hilfe" in harness.texts()[-1]


async def test_commands_are_registered_per_language(harness: Harness) -> None:
    await register_commands(harness.app)
    calls = harness.request.sent("setMyCommands")
    assert [c.get("language_code") for c in calls] == [None, "en"]
    assert "frage" in str(calls[0]["commands"])
    assert "ask" in str(calls[1]["commands"])


def test_every_command_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [c for c in command_names() if f"/{c}" not in readme]
    assert missing == []


async def test_documents_and_glossary(harness: Harness) -> None:
    await harness.send("/dokumente")
    await harness.send("/glossar")
    docs, glossary = harness.texts()
    assert "KIM: Personal, Erstevaluation" in docs
    assert "2022" in docs
    assert "LaKI – Landeskoordinierungsstelle der Kommunalen Integrationszentren" in glossary
