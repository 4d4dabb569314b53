"""The error handler: one log line with the update id, a short apology, the bot goes on."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.handlers.common import get_deps, person, send

log = logging.getLogger("gremienbot.errors")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure once (update id, error type and message) and apologise to the user."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, NetworkError) and not isinstance(update, Update):
        log.warning("network problem while polling: %s", error)
        return
    log.error(
        "update %s failed: %s: %s",
        update_id,
        type(error).__name__,
        error,
        exc_info=not isinstance(error, TelegramError),
    )
    if isinstance(update, Update) and update.effective_chat is not None:
        deps = get_deps(context)
        try:
            await send(update, deps.dialog.sorry(person(update, deps)))
        except TelegramError as exc:  # the apology must not fail loudly too
            log.warning("could not send apology for update %s: %s", update_id, exc)
