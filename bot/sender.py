"""TelegramSender: the outbox's Sender with Telegram; the error policy for deliveries lives here.

429 -> wait retry_after and retry; 403 (blocked, deactivated) and "chat not found" -> the
subscriber is deactivated, no retries; other refusals -> failed; network errors and timeouts
-> retried with backoff and never given up (a timeout may have delivered: at least once,
never lost); other Telegram errors -> retried, given up after outbox.MAX_ATTEMPTS.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.actions import Action
from bot.agenda import agenda_lines, offsets_text, when
from bot.render import MAX_LABEL, MAX_PLACE, MAX_TEXT, MAX_TITLE, shorten
from bot.texts import agenda_texts_for, alert_texts_for
from bot.texts.base import AgendaTexts
from scheduler import announcements as ann
from scheduler import events as ev
from scheduler import subscriptions as subs
from scheduler.calendar import Calendar
from scheduler.events import format_local
from scheduler.outbox import Delivery, Outcome

log = logging.getLogger("gremienbot.sender")
MAX_REMINDER_AGENDA = 10  # public agenda items in a reminder (then "… und n weitere")
MAX_REMINDER_AGENDA_NAME = 80
GONE = (
    "chat not found",
    "user is deactivated",
    "bot was kicked",
    "have no rights",
    "peer_id_invalid",
)


class TelegramSender:
    """Renders a delivery in the subscriber's language and sends it."""

    def __init__(self, bot: Bot, calendar: Calendar) -> None:
        self.bot = bot
        self.cal = calendar

    def render(self, delivery: Delivery) -> str | None:
        """The HTML text of a delivery, or None when there is nothing to send any more; long
        fields are cut, so it always fits one message."""
        sub = subs.subscriber(self.cal.db, delivery.chat_id)
        t = agenda_texts_for(sub.language if sub else None)
        if delivery.kind == "reminder":
            event = ev.get_event(self.cal.db, delivery.ref_id)
            if event is None:
                return None
            title = shorten(event.title, MAX_TITLE)
            lines = [
                f"<b>{html.escape(t.reminder_heading.format(title=title))}</b>",
                html.escape(t.reminder_when.format(when=when(event))),
            ]
            if event.place:
                place = shorten(event.place, MAX_PLACE)
                lines.append(html.escape(t.reminder_place.format(place=place)))
            assert event.id is not None
            committees = ev.committees_of(self.cal.db, event.id)
            if committees:
                names = shorten(", ".join(committees), MAX_PLACE)
                lines.append(html.escape(t.joint_session.format(names=names)))
            offset = timedelta(seconds=int(delivery.payload.get("offset", 0)))
            if offset:
                # "(in 2 Stunden)", not the compact "(2h)" of the settings
                lines.append(f"<i>(in {html.escape(offsets_text(t, (offset,)))})</i>")
            assert event.id is not None
            items = agenda_lines(
                t,
                ev.agenda_of(self.cal.db, event.id),
                internal=False,  # reminders go to groups too: the public agenda only
                limit=MAX_REMINDER_AGENDA,
                width=MAX_REMINDER_AGENDA_NAME,
            )
            if items:
                lines.append(f"<b>{html.escape(t.agenda_title)}</b>")
                lines += [html.escape(line) for line in items]
            return "\n".join(lines)
        if delivery.kind == "notice":
            return _notice(t, delivery.payload)
        if delivery.kind == "alert":
            return self._alert(delivery, sub.language if sub else None)
        found = ann.get(self.cal.db, delivery.ref_id)
        if found is None:
            return None
        heading = t.announcement_heading
        text = shorten(found.text, MAX_TEXT - len(heading) - 1)  # an old row may be longer
        return f"<b>{html.escape(heading)}</b>\n{html.escape(text)}"

    def _alert(self, delivery: Delivery, language: str | None) -> str | None:
        """A new document: why (keyword or committee), title, kind and date, the sentence.
        None when the document is gone meanwhile (removed or replaced by another)."""
        p = delivery.payload
        row = self.cal.db.conn.execute(
            "SELECT 1 FROM documents WHERE id = ? AND name = ?", (delivery.ref_id, p.get("doc"))
        ).fetchone()
        if row is None:
            return None
        a = alert_texts_for(language)
        t = agenda_texts_for(language)
        word = shorten(str(p.get("word") or ""), MAX_LABEL)
        if p.get("why") == "committee":
            heading = a.alert_committee.format(topic=t.topics.get(word, word.title()))
        else:
            heading = a.alert_keyword.format(word=word)
        details = [str(p[k]) for k in ("kind",) if p.get(k)]
        if p.get("date"):
            try:
                details.append(datetime.fromisoformat(str(p["date"])).strftime("%d.%m.%Y"))
            except ValueError:
                details.append(str(p["date"]))
        elif p.get("year"):
            details.append(str(p["year"]))
        if not p.get("public", True):
            details.append(a.alert_internal)
        lines = [
            f"<b>{html.escape(heading)}</b>",
            f"<b>{html.escape(shorten(str(p.get('title') or ''), MAX_TITLE))}</b>",
        ]
        if details:
            lines.append(html.escape(shorten(", ".join(details), MAX_PLACE)))
        sentence = str(p.get("sentence") or "")
        if sentence:
            lines.append(f"<blockquote>{html.escape(shorten(sentence, 400))}</blockquote>")
        return "\n".join(lines)

    def markup(self, delivery: Delivery) -> InlineKeyboardMarkup | None:
        """A reminder of a session from the council information system: its page as a
        button; an alert: its passage."""
        if delivery.kind == "alert":
            passage = delivery.payload.get("passage")
            if not isinstance(passage, int):
                return None
            sub = subs.subscriber(self.cal.db, delivery.chat_id)
            a = alert_texts_for(sub.language if sub else None)
            data = Action("alp", (passage, delivery.ref_id)).encode()
            button = InlineKeyboardButton(a.button_passage, callback_data=data)
            return InlineKeyboardMarkup([[button]])
        if delivery.kind != "reminder":
            return None
        web = ev.web_of(self.cal.db, delivery.ref_id)
        if not web:
            return None
        sub = subs.subscriber(self.cal.db, delivery.chat_id)
        t = agenda_texts_for(sub.language if sub else None)
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(t.button_web_event.format(n=delivery.ref_id), url=web)]]
        )

    async def deliver(self, delivery: Delivery) -> Outcome:
        """Send one delivery and classify what Telegram said."""
        text = self.render(delivery)
        if text is None:
            return Outcome("dropped", error="nothing to send")
        try:
            await self.bot.send_message(
                delivery.chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=self.markup(delivery),
            )
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            return Outcome("retry", retry_after=max(1.0, seconds), error="429 Too Many Requests")
        except Forbidden as exc:
            return Outcome("gone", error=f"Forbidden: {exc.message}")
        except ChatMigrated as exc:
            return Outcome("failed", error=f"chat migrated to {exc.new_chat_id}")
        except BadRequest as exc:
            if any(g in exc.message.lower() for g in GONE):
                return Outcome("gone", error=f"Bad Request: {exc.message}")
            log.error("delivery %s refused: %s", delivery.key, exc.message)
            return Outcome("failed", error=f"Bad Request: {exc.message}")
        except NetworkError as exc:  # TimedOut included: maybe delivered, so at least once
            return Outcome("retry", network=True, error=f"{type(exc).__name__}: {exc.message}")
        except TelegramError as exc:
            return Outcome("retry", error=f"{type(exc).__name__}: {exc.message}")
        return Outcome("sent")


def _notice(t: AgendaTexts, payload: dict[str, object]) -> str | None:
    """A session called off or moved: title, date(s) in Berlin time, heading in bold."""
    try:
        old = datetime.fromisoformat(str(payload["old"]))
        new = datetime.fromisoformat(str(payload["new"]))
    except (KeyError, ValueError):
        return None
    all_day = bool(payload.get("all_day"))
    title = shorten(str(payload.get("title") or ""), MAX_TITLE)
    if payload.get("change") == "cancelled":
        text = t.notice_cancelled.format(title=title, when=format_local(old, all_day=all_day))
    elif payload.get("change") == "moved":
        text = t.notice_moved.format(
            title=title,
            old=format_local(old, all_day=all_day),
            new=format_local(new, all_day=all_day),
        )
    else:
        return None
    heading, _, rest = text.partition("\n")
    return f"<b>{html.escape(heading)}</b>\n{html.escape(rest)}"
