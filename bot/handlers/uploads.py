"""Files sent to the bot (staff add documents), their buttons, and /dokument_entfernen.

Size and type are checked from the message before anything is downloaded; members' files are
never downloaded. The download (getFile, then the file URL under the file base URL, see
bot.app.file_base_url) is checked against Telegram's 20 MB limit again; reading (PDF, OCR,
Word, OpenDocument) and storing run off the event loop.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.actions import decode
from bot.dialog import Person
from bot.handlers.common import get_deps, person, send
from bot.reply import Reply
from bot.uploads import MAX_DOWNLOAD_BYTES, Decision, Incoming, Uploads
from knowledge.filetext import UnreadableFile
from knowledge.ingest import IngestResult

log = logging.getLogger("gremienbot.uploads")

BUTTON_PATTERN = r"^v1:(upl|dpg|drm|drmok):"  # the buttons handled here (bot.actions)


def get_uploads(context: ContextTypes.DEFAULT_TYPE) -> Uploads:
    """The Uploads built by bot.app.build_app."""
    uploads = context.application.bot_data["uploads"]
    assert isinstance(uploads, Uploads)
    return uploads


async def document_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a chat: refused (members, groups, size, type) before any download, else
    downloaded, read and shown as a preview with "Öffentlich", "Intern", "Verwerfen"."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    deps, uploads = get_deps(context), get_uploads(context)
    who = person(update, deps)
    document = message.document
    incoming = Incoming(
        file_name=document.file_name or "",
        mime_type=document.mime_type,
        size=document.file_size,
        caption=message.caption,
    )
    refusal = uploads.check(who, incoming)
    if refusal is not None:
        await send(update, refusal)
        return
    await send(update, uploads.busy(who))
    try:
        file = await context.bot.get_file(document.file_id)
        if file.file_size is not None and file.file_size > MAX_DOWNLOAD_BYTES:
            await send(update, uploads.too_large(who, file.file_size))
            return
        raw = bytes(await file.download_as_bytearray())
    except TelegramError as exc:  # "file is too big", a lost connection: said, nothing stored
        log.warning("upload could not be downloaded: %s", exc)
        if "too big" in str(exc).lower():
            await send(update, uploads.too_large(who, incoming.size or MAX_DOWNLOAD_BYTES + 1))
        else:
            await send(update, uploads.failed(who, type(exc).__name__))
        return
    if len(raw) > MAX_DOWNLOAD_BYTES:
        await send(update, uploads.too_large(who, len(raw)))
        return
    known = uploads.known(who, raw)
    if known is not None:
        await send(update, known)
        return
    async with uploads.reading:
        try:
            draft, appointments = await asyncio.to_thread(Uploads.read, raw, incoming)
        except UnreadableFile as exc:
            await send(update, uploads.unreadable(who, exc))
            return
    await send(update, uploads.hold(who, incoming, draft, appointments))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The buttons of a preview ("Öffentlich", "Intern", "Verwerfen", replace) and of
    /dokument_entfernen."""
    query = update.callback_query
    action = decode(query.data if query else None)
    if query is None or action is None:
        return
    deps, uploads = get_deps(context), get_uploads(context)
    who = person(update, deps)
    outcome = uploads.press(who, action)
    if isinstance(outcome, Reply):
        await query.answer(outcome.toast[:200] if outcome.toast else None)
        if outcome.paragraphs:
            await send(update, outcome)
        return
    await query.answer()
    await send(update, await _store(uploads, who, outcome))


async def _store(uploads: Uploads, who: Person, decision: Decision) -> Reply:
    """Store an accepted upload off the event loop; the confirmation (or why not)."""
    try:
        result, vocabularies = await uploads.store_async(decision)
    except Exception as exc:  # the database went away: the upload stays pending
        log.exception("upload %d could not be stored", decision.pending_id)
        failed = IngestResult(
            Path(decision.name), decision.name, "failed", message=type(exc).__name__
        )
        return uploads.finish(who, decision, failed)
    return uploads.finish(who, decision, result, vocabularies)


async def remove_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/dokument_entfernen: pick a document (buttons, paged), confirm, removed."""
    deps = get_deps(context)
    await send(update, get_uploads(context).remove_list(person(update, deps)))
