"""Composition root: build_app() wires settings, dependencies and handlers into a PTB
Application. The order of handler registration matters and is commented where it does."""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.config import Settings
from bot.handlers import documents, errors, questions
from bot.handlers.common import Deps
from bot.texts import de, en

log = logging.getLogger("gremienbot")

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


async def register_commands(app: Application) -> None:  # type: ignore[type-arg]
    """setMyCommands: German by default, English for English-speaking users."""
    bot = app.bot
    await bot.set_my_commands(
        [BotCommand(c, d) for c, d in de.TEXTS.commands.items()], scope=BotCommandScopeDefault()
    )
    await bot.set_my_commands(
        [BotCommand(c, d) for c, d in en.TEXTS.commands.items()],
        scope=BotCommandScopeDefault(),
        language_code="en",
    )
    log.info("bot @%s ready", bot.username)


def command_names() -> list[str]:
    """Every command the bot registers (German names and English aliases)."""
    return [*de.TEXTS.commands, *en.TEXTS.commands]


def build_app(
    settings: Settings,
    deps: Deps,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
) -> Application:  # type: ignore[type-arg]
    """The Application for `settings`; tests pass in-process request layers."""
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.api_url)
        # Telegram's flood limits (30/s overall, 20/min per group); 429s are waited out.
        .rate_limiter(AIORateLimiter(max_retries=5))
        # Reminders run on our own scheduler (scheduler/runner.py), not PTB's JobQueue.
        .job_queue(None)
        # Many members at once: handlers run concurrently (they share one event loop).
        .concurrent_updates(True)
        .post_init(register_commands)
    )
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    app = builder.build()
    app.bot_data["deps"] = deps
    # Commands first: German names with English aliases share one handler each.
    app.add_handler(CommandHandler("start", questions.start))
    app.add_handler(CommandHandler(["hilfe", "help"], questions.help_command))
    app.add_handler(CommandHandler(["frage", "ask"], questions.ask))
    app.add_handler(CommandHandler(["dokumente", "documents"], documents.documents))
    app.add_handler(CommandHandler(["glossar", "glossary"], documents.glossary))
    app.add_handler(CallbackQueryHandler(questions.on_button))
    # Plain text after the commands, so "/frage ..." is never read as a question twice.
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, questions.text_message))
    # Last: any other command gets a pointer to /hilfe.
    app.add_handler(MessageHandler(filters.COMMAND, questions.unknown_command))
    app.add_error_handler(errors.on_error)
    return app
