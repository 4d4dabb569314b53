"""Questions: /start, /hilfe, /frage, plain text, and the buttons under answers."""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.handlers.common import get_deps, person, send


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greeting with three example questions as buttons; `/start PAYLOAD` from a deep link
    (t.me/<bot>?start=abo-sitzungen) subscribes or shows an event (bot.deeplinks)."""
    deps = get_deps(context)
    payload = context.args[0] if context.args and len(context.args) == 1 else ""
    await send(update, deps.dialog.start(person(update, deps), payload))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot can do and its commands."""
    deps = get_deps(context)
    await send(update, deps.dialog.help(person(update, deps)))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/frage TEXT (also in groups)."""
    deps = get_deps(context)
    await send(update, deps.dialog.ask(person(update, deps), " ".join(context.args or [])))


def _addressed_text(message: Message, username: str | None, bot_id: int) -> str | None:
    """In a group: the question when the bot is mentioned or replied to, else None."""
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    if username and re.search(rf"@{re.escape(username)}\b", text, re.I):
        return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.I)
    return None


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text: a question in a private chat; in groups only when meant for the bot."""
    message = update.effective_message
    if message is None:
        return
    question = _addressed_text(message, context.bot.username, context.bot.id)
    if question is None:
        return
    deps = get_deps(context)
    await send(update, deps.dialog.ask(person(update, deps), question))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed button: more hits, the whole passage, the document, an example question."""
    query = update.callback_query
    if query is None:
        return
    deps = get_deps(context)
    reply = deps.dialog.press(person(update, deps), query.data)
    await query.answer(reply.toast[:200] if reply.toast else None)
    if reply.paragraphs or reply.attachment is not None:
        await send(update, reply)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not know (only answered in private chats)."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    deps = get_deps(context)
    await send(update, deps.dialog.unknown_command(person(update, deps)))
