"""Privacy: /datenschutz, /meine_daten, /daten_loeschen (the buttons go through on_button)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import get_deps, person, send


async def info(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What is stored, why, for how long, whom to ask."""
    deps = get_deps(context)
    await send(update, deps.dialog.privacy.info(person(update, deps)))


async def my_data(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The member's own stored data as a JSON file (private chats only)."""
    deps = get_deps(context)
    await send(update, deps.dialog.privacy.my_data(person(update, deps)))


async def delete_data(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Asks whether to delete the member's data, with buttons (private chats only)."""
    deps = get_deps(context)
    await send(update, deps.dialog.privacy.delete_data(person(update, deps)))
