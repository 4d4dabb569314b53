"""What every handler needs: the dependencies, who is talking, how a Reply is sent."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from telegram import InputFile, Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import keyboards, render
from bot.agenda import Agenda
from bot.dialog import Dialog, Person
from bot.reply import Reply


@dataclass(frozen=True)
class Deps:
    """What the handlers work with, built once in bot.app.build_app."""

    dialog: Dialog
    admins: frozenset[int]
    agenda: Agenda | None = None


def get_deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    """The dependencies stored in bot_data by build_app."""
    deps = context.application.bot_data["deps"]
    assert isinstance(deps, Deps)
    if deps.agenda is not None and deps.agenda.username is None:
        with contextlib.suppress(RuntimeError):  # known after getMe: deep links need it
            deps.agenda.username = context.bot.username
    return deps


def person(update: Update, deps: Deps) -> Person:
    """Who sent the update (and whether they are staff)."""
    user = update.effective_user
    chat = update.effective_chat
    user_id = user.id if user else 0
    staff = user_id in deps.admins or (
        deps.agenda is not None and bool(user) and deps.agenda.cal.is_staff(user_id, deps.admins)
    )
    return Person(
        user_id=user_id,
        chat_id=chat.id if chat else user_id,
        language_code=user.language_code if user else None,
        staff=staff,
        admin=user_id in deps.admins,
        chat_type=chat.type if chat else "private",
    )


async def send(update: Update, reply: Reply) -> None:
    """Send a reply into the update's chat: HTML parts (buttons under the last), or a file."""
    chat = update.effective_chat
    if chat is None or reply.quiet:
        return
    bot = update.get_bot()
    if reply.attachment is not None:
        await bot.send_document(
            chat.id,
            InputFile(reply.attachment.content, filename=reply.attachment.filename),
            caption=render.caption(reply.attachment.caption) or None,
            parse_mode=ParseMode.HTML,
        )
    parts = render.messages(reply)
    source: Message | None = update.effective_message if update.callback_query is None else None
    for i, part in enumerate(parts):
        markup = keyboards.markup(reply) if i == len(parts) - 1 else None
        if source is not None and i == 0:
            await source.reply_html(part, reply_markup=markup, do_quote=chat.type != "private")
        else:
            await bot.send_message(chat.id, part, parse_mode=ParseMode.HTML, reply_markup=markup)
