"""Composition root: build_app() wires settings, dependencies and handlers into a PTB
Application. The order of handler registration matters and is commented where it does."""

from __future__ import annotations

import logging
import os
import re

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.error import TelegramError
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
from bot.handlers import calendar, documents, errors, privacy, questions, uploads
from bot.handlers.common import Deps
from bot.sender import TelegramSender
from bot.texts import AlertTexts, de, en
from bot.uploads import Uploads
from scheduler.runner import Runner

log = logging.getLogger("gremienbot")

# Opt in to PTB 23's behaviour: RetryAfter.retry_after is a timedelta (bot/sender.py takes both).
# Without it every 429 logs a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


# Calendar commands: German name and English alias share one handler each.
CALENDAR_COMMANDS = {
    ("termine", "events"): calendar.events,
    ("abo", "subscribe"): calendar.subscribe,
    ("abbestellen", "unsubscribe"): calendar.unsubscribe,
    ("erinnerung", "reminders"): calendar.reminders,
    ("ruhezeit", "quiet"): calendar.quiet,
    ("termin_neu", "event_new"): calendar.new_event,
    ("termin_aendern", "event_edit"): calendar.change_event,
    ("termin_loeschen", "event_delete"): calendar.delete_event,
    ("vorschlaege", "proposals"): calendar.proposals,
    ("ankuendigung", "announce"): calendar.announce,
    ("status",): calendar.status,
    ("sync",): calendar.sync_now,
    ("staff_add",): calendar.staff_add,
}
# Staff: documents are added by sending the file; this removes one.
UPLOAD_COMMANDS = {("dokument_entfernen", "document_remove"): uploads.remove_command}


def file_base_url(api_url: str) -> str:
    """Where files are downloaded from, as python-telegram-bot expects it for a Bot API server
    at `api_url`: ".../bot" -> ".../file/bot" (the cloud default is
    https://api.telegram.org/file/bot; a self-hosted server or a stand-in serves the same)."""
    base = api_url.rstrip("/")
    if base.endswith("/bot"):
        return base[: -len("/bot")] + "/file/bot"
    if "/bot{token}" in base:  # PTB's format form, e.g. "http://host/bot{token}/test"
        return base.replace("/bot{token}", "/file/bot{token}")
    return base + "/file/bot"


async def register_commands(app: Application) -> None:  # type: ignore[type-arg]
    """setMyCommands: German by default, English for English-speaking users (the public
    commands; staff commands are listed in /hilfe for staff and in the README)."""
    bot = app.bot
    for texts, agenda, language in ((de.TEXTS, de.AGENDA, None), (en.TEXTS, en.AGENDA, "en")):
        commands = {**texts.commands, **agenda.commands}
        await bot.set_my_commands(
            [BotCommand(c, d) for c, d in commands.items()],
            scope=BotCommandScopeDefault(),
            language_code=language,
        )
    log.info("bot @%s ready", bot.username)


MAX_DESCRIPTION = 512  # setMyDescription (Telegram's limit)
MAX_SHORT_DESCRIPTION = 120  # setMyShortDescription


def profile_texts(texts: AlertTexts, operator: str | None) -> tuple[str, str]:
    """(description, short description) naming the operator when configured; a long
    operator name is cut so both stay within Telegram's limits."""

    def fill(template: str, plain: str, limit: int) -> str:
        if not operator:
            return plain[:limit]
        room = limit - len(template.replace("{operator}", ""))
        if room < 10:
            return plain[:limit]
        name = operator if len(operator) <= room else operator[: room - 1].rstrip() + "…"
        return template.format(operator=name)

    return (
        fill(texts.description, texts.description_no_operator, MAX_DESCRIPTION),
        fill(texts.short_description, texts.short_description_no_operator, MAX_SHORT_DESCRIPTION),
    )


async def register_profile(app: Application) -> None:  # type: ignore[type-arg]
    """setMyDescription and setMyShortDescription: German by default, English for English-
    speaking users. A refusal is logged; the bot runs without them."""
    operator = app.bot_data.get("operator")
    for texts, language in ((de.ALERTS, None), (en.ALERTS, "en")):
        description, short = profile_texts(texts, operator)
        try:
            await app.bot.set_my_description(description, language_code=language)
            await app.bot.set_my_short_description(short, language_code=language)
        except TelegramError as exc:
            log.warning("profile texts (%s) not set: %s", language or "de", exc)


async def start_outbox(app: Application) -> None:  # type: ignore[type-arg]
    """After start: recover what a killed process left in flight, then wake the outbox."""
    deps: Deps = app.bot_data["deps"]
    if deps.agenda is None:
        return
    cal = deps.agenda.cal
    released = cal.recover()
    if released:
        log.warning("%d deliveries were in flight at the last stop; sending them again", released)
    sender = TelegramSender(app.bot, cal)

    async def work() -> None:
        try:
            deps.dialog.privacy.purge_if_due()  # old stored questions, daily by the clock
        except Exception:  # never let housekeeping stop the outbox
            log.exception("deleting old stored questions failed")
        try:  # new documents from any process: alerts (every 30 s by the clock)
            cal.check_documents_if_due(deps.admins)
        except Exception:
            log.exception("looking for new documents failed")
        await cal.tick(sender, stopping=lambda: runner.stopping)

    runner = Runner(work, watch=cal.watch_backlog)  # warns once when deliveries fall behind
    runner.start()
    syncer = deps.agenda.syncer
    if syncer is not None:  # the council information system: at start, then every interval

        async def start_sync() -> None:
            if not runner.stopping and not syncer.start():
                log.info("OParl sync still running; the next one waits for its turn")

        runner.every(syncer.interval, start_sync, job_id="oparl-sync")
    feeds = app.bot_data.get("ics_feeds")  # scheduler.feeds.FeedSync (GREMIENBOT_ICS_FEEDS)
    if feeds is not None:

        async def read_feeds() -> None:
            if not runner.stopping and not feeds.start():
                log.info("ICS feeds still being read; the next read waits for its turn")

        runner.every(feeds.interval, read_feeds, job_id="ics-feeds")
    app.bot_data["runner"] = runner


async def post_init(app: Application) -> None:  # type: ignore[type-arg]
    """Commands and profile texts first, then the outbox."""
    await register_commands(app)
    await register_profile(app)
    deps = app.bot_data.get("deps")
    if isinstance(deps, Deps) and deps.agenda is not None:
        deps.agenda.username = app.bot.username
    if app.bot_data.get("start_outbox"):
        await start_outbox(app)


async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    """Stop waking the outbox up; the sends in flight finish and are recorded first."""
    runner = app.bot_data.get("runner")
    if runner is not None:
        await runner.stop()


def command_names() -> list[str]:
    """Every command the bot registers (German names and English aliases)."""
    calendar_names = [name for names in CALENDAR_COMMANDS for name in names]
    upload_names = [name for names in UPLOAD_COMMANDS for name in names]
    return [*de.TEXTS.commands, *en.TEXTS.commands, *calendar_names, *upload_names]


def build_app(
    settings: Settings,
    deps: Deps,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    outbox: bool = False,
) -> Application:  # type: ignore[type-arg]
    """The Application for `settings`; tests pass in-process request layers. With `outbox`
    the reminders and announcements are sent from this process."""
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.api_url)
        .base_file_url(file_base_url(settings.api_url))
        # Telegram's flood limits (30/s overall, 20/min per group); 429s are waited out.
        .rate_limiter(AIORateLimiter(overall_max_rate=30, max_retries=5))
        # Reminders run on our own scheduler (scheduler/runner.py), not PTB's JobQueue.
        .job_queue(None)
        # Many members at once: handlers run concurrently (they share one event loop).
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    app = builder.build()
    app.bot_data["deps"] = deps
    app.bot_data["start_outbox"] = outbox
    app.bot_data["operator"] = settings.operator
    app.bot_data["uploads"] = Uploads(
        deps.dialog.kb,
        deps.dialog.clock,
        calendar=deps.agenda.cal if deps.agenda is not None else None,
    )
    # Commands first: German names with English aliases share one handler each.
    app.add_handler(CommandHandler("start", questions.start))
    app.add_handler(CommandHandler(["hilfe", "help"], questions.help_command))
    app.add_handler(CommandHandler(["frage", "ask"], questions.ask))
    app.add_handler(CommandHandler(["dokumente", "documents"], documents.documents))
    app.add_handler(CommandHandler(["glossar", "glossary"], documents.glossary))
    app.add_handler(CommandHandler(["luecken", "gaps"], documents.gaps))
    app.add_handler(CommandHandler(["datenschutz", "privacy"], privacy.info))
    app.add_handler(CommandHandler(["meine_daten", "mydata"], privacy.my_data))
    app.add_handler(CommandHandler(["daten_loeschen", "deletedata"], privacy.delete_data))
    if deps.agenda is not None:
        for names, handler in CALENDAR_COMMANDS.items():
            app.add_handler(CommandHandler(list(names), handler))
    for names, handler in UPLOAD_COMMANDS.items():
        app.add_handler(CommandHandler(list(names), handler))
    # The buttons of uploads and /dokument_entfernen before the general ones.
    app.add_handler(CallbackQueryHandler(uploads.on_button, pattern=uploads.BUTTON_PATTERN))
    app.add_handler(CallbackQueryHandler(questions.on_button))
    # Files: staff add documents (members get a note, their file is not downloaded).
    app.add_handler(MessageHandler(filters.Document.ALL, uploads.document_message))
    # Plain text after the commands, so "/frage ..." is never read as a question twice.
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, questions.text_message))
    # Last: any other command gets a pointer to /hilfe.
    app.add_handler(MessageHandler(filters.COMMAND, questions.unknown_command))
    app.add_error_handler(errors.on_error)
    return app


def run_app(app: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    """Run until stopped: long polling, or the webhook when GREMIENBOT_WEBHOOK_URL is set.

    Webhook: setWebhook with the public URL, the secret (Telegram sends it in the header
    X-Telegram-Bot-Api-Secret-Token; a request without it is answered 403 and not processed)
    and the allowed updates; the local server listens on GREMIENBOT_WEBHOOK_LISTEN:_PORT at
    the path of the public URL, so a reverse proxy passes requests through unchanged.
    Polling: PTB calls deleteWebhook first (Telegram refuses getUpdates while a webhook is
    set), so switching back from webhook mode needs nothing by hand."""
    if settings.webhook_url:
        path = settings.require_webhook()
        log.info(
            "webhook %s, listening on %s:%d%s",
            settings.webhook_url,
            settings.webhook_listen,
            settings.webhook_port,
            path,
        )
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=re.escape(path),  # PTB matches it as a regular expression
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
        )
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
