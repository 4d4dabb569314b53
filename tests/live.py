"""The real PTB Application talking HTTP to the stand-in Bot API server, in this process.

Updates are handed to the Application directly (no polling), so a test runs in milliseconds and
keeps a clock it can move; every reply still travels over HTTP to the stand-in server, which
refuses what Telegram refuses. The outbox is drained by hand with `drain()`.

    async def test_x(live: Live) -> None:
        await live.send("/termine", user_id=11)
        assert "Termine" in live.texts(11)[-1]
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.agenda import Agenda
from bot.app import build_app
from bot.config import Settings
from bot.dialog import Dialog
from bot.handlers.common import Deps
from bot.sender import TelegramSender
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from scheduler.calendar import Calendar
from tests.botapi_server import FakeBotAPI
from tests.fakes import FakeClock

ADMIN, STAFF, MEMBER = 99, 77, 11


class Live:
    """A running Application, its stand-in server, clock and database."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        server: FakeBotAPI,
        clock: FakeClock,
        dialog: Dialog,
        agenda: Agenda,
        db_file: Path,
    ) -> None:
        self.app, self.server, self.clock = app, server, clock
        self.dialog, self.agenda, self.db_file = dialog, agenda, db_file
        self.cal = agenda.cal

    async def send(
        self,
        text: str,
        *,
        user_id: int = MEMBER,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str = "de",
        **extra: Any,
    ) -> None:
        """A text message (a command when it starts with '/') from `user_id`."""
        chat_id = chat_id if chat_id is not None else user_id
        update = self.server.message_update(
            chat_id, text, user_id=user_id, language_code=language_code, chat_type=chat_type
        )
        update["message"].update(extra)
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def send_document(
        self,
        content: bytes,
        file_name: str | None,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        user_id: int = MEMBER,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str = "de",
    ) -> None:
        """A message with a file from `user_id`; the stand-in server keeps the bytes for
        getFile and the download."""
        chat_id = chat_id if chat_id is not None else user_id
        document = self.server.add_file(content, file_name, mime_type)
        update = self.server.document_update(
            chat_id,
            document,
            caption=caption,
            user_id=user_id,
            language_code=language_code,
            chat_type=chat_type,
        )
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def press(
        self,
        data: str,
        *,
        user_id: int = MEMBER,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str = "de",
    ) -> None:
        """A button press with the given callback data (offered or crafted)."""
        chat_id = chat_id if chat_id is not None else user_id
        update = self.server.button_update(
            chat_id, 1, data, user_id=user_id, language_code=language_code, chat_type=chat_type
        )
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def drain(self) -> None:
        """Send what is due in the outbox now (by the fake clock). The pacing waits move the
        fake clock instead of sleeping, so a chat with several due rows cannot stall it."""

        async def sleep(seconds: float) -> None:
            self.clock.advance(timedelta(seconds=max(seconds, 0.001)))
            await asyncio.sleep(0)

        await self.cal.tick(TelegramSender(self.app.bot, self.cal), sleep=sleep)

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages and documents the server accepted for a chat, in order."""
        return self.server.sent(chat_id)

    def texts(self, chat_id: int) -> list[str]:
        """Visible texts (and document captions) sent to a chat."""
        return [str(m.get("text") or m.get("caption") or "") for m in self.sent(chat_id)]

    def documents(self, chat_id: int) -> list[dict[str, Any]]:
        """The sendDocument calls for a chat, with filename and content."""
        return [
            c.params["document"]
            for c in self.server.snapshot()
            if c.method == "sendDocument"
            and c.status == 200
            and str(c.params.get("chat_id")) == str(chat_id)
        ]

    def buttons(self, chat_id: int, index: int = -1) -> list[tuple[str, str]]:
        """(label, callback data) of the buttons under a sent message."""
        message = self.sent(chat_id)[index]
        markup = message.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [
            (b["text"], b.get("callback_data", b.get("url", "")))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]

    def toasts(self) -> list[str]:
        """Texts of answered callback queries, in order."""
        return [
            str(c.params.get("text") or "")
            for c in self.server.snapshot()
            if c.method == "answerCallbackQuery"
        ]

    def refused(self) -> list[tuple[str, str]]:
        """Requests the server refused (method, description), e.g. bad HTML or too long."""
        return [
            (c.method, str(c.payload.get("description")))
            for c in self.server.snapshot()
            if c.status >= 400 and c.status != 429
        ]


@pytest.fixture
def live_server() -> Iterator[FakeBotAPI]:
    """The stand-in Bot API server; per-chat pacing relaxed so tests need not wait."""
    api = FakeBotAPI(chat_rate=50.0, chat_burst=50)
    api.start()
    yield api
    api.stop()


@pytest.fixture
async def live(live_server: FakeBotAPI, demo_db_file: Path, tmp_path: Path) -> AsyncIterator[Live]:
    """The bot over the demo corpus; ADMIN is an administrator, STAFF a staff member."""
    db_file = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db_file)
    clock = FakeClock()
    db = open_db(db_file)
    agenda = Agenda(Calendar(db, clock, default_offsets="7d,1d,2h"))
    dialog = Dialog(KnowledgeBase(db), clock, agenda=agenda)
    admins = frozenset({ADMIN})
    settings = Settings(
        token=live_server.token, api_url=live_server.base_url, db_path=db_file, admins=admins
    )
    app = build_app(settings, Deps(dialog=dialog, admins=admins, agenda=agenda))
    await app.initialize()
    agenda.cal.add_staff(STAFF, by=ADMIN)
    yield Live(app, live_server, clock, dialog, agenda, db_file)
    await app.shutdown()
    db.conn.close()
