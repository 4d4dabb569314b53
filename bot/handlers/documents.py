"""/dokumente and /glossar: what the bot knows."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import get_deps, person, send


async def documents(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The documents: title, kind, year."""
    deps = get_deps(context)
    await send(update, deps.dialog.documents(person(update, deps)))


async def glossary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Abbreviations in the documents and what they stand for."""
    deps = get_deps(context)
    await send(update, deps.dialog.glossary(person(update, deps)))


async def gaps(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff: the questions the documents could not answer, grouped."""
    deps = get_deps(context)
    await send(update, deps.dialog.gaps.show(person(update, deps)))
