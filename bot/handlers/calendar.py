"""Calendar commands: events, proposals, subscriptions, reminders, announcements, staff."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.agenda import Agenda
from bot.dialog import Person
from bot.handlers.common import get_deps, person, send
from bot.reply import Reply


def _with_args(
    method: Callable[[Agenda, Person, str], Reply],
) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        deps = get_deps(context)
        assert deps.agenda is not None
        message = update.effective_message
        text = message.text if message and message.text else ""
        args = text.split(None, 1)[1] if len(text.split(None, 1)) > 1 else ""
        await send(update, method(deps.agenda, person(update, deps), args))

    handler.__doc__ = method.__doc__
    return handler


def _plain(
    method: Callable[[Agenda, Person], Reply],
) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        deps = get_deps(context)
        assert deps.agenda is not None
        await send(update, method(deps.agenda, person(update, deps)))

    handler.__doc__ = method.__doc__
    return handler


events = _plain(Agenda.events)
subscribe = _with_args(Agenda.subscribe)
unsubscribe = _plain(Agenda.unsubscribe)
reminders = _with_args(Agenda.reminders)
new_event = _with_args(Agenda.new_event)
change_event = _with_args(Agenda.change_event)
delete_event = _with_args(Agenda.delete_event)
proposals = _plain(Agenda.proposals)
announce = _with_args(Agenda.announce)
status = _plain(Agenda.status)
sync_now = _plain(Agenda.sync_now)
staff_add = _with_args(Agenda.staff_add)
quiet = _with_args(Agenda.quiet)
