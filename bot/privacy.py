"""Members control their data (DSGVO): /datenschutz, /meine_daten, /daten_loeschen, and the
daily deletion of stored questions. Like bot.dialog it returns Replies, so Telegram and the
terminal chat share it; nothing here knows about Telegram.

A member's own data is shown and deleted only in a private chat (in a group everyone reads the
reply). Who is meant follows from who pressed or typed, never from the button data: a
"yes, delete" button carries the user id it was offered to only so that a crafted press by
someone else is refused.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlite_utils

from bot.actions import Action
from bot.reply import Attachment, Button, Reply, Span
from bot.texts import privacy_texts_for
from scheduler import calendar, personal
from scheduler.clock import Clock

if TYPE_CHECKING:
    from bot.dialog import Person

log = logging.getLogger("gremienbot.privacy")

QUESTION_DAYS = 90
PURGE_EVERY = timedelta(days=1)
PURGE_RETRY = timedelta(hours=1)  # after a failed deletion (e.g. the database was locked)


def purge_questions(db: sqlite_utils.Database, *, now: datetime, days: int) -> int:
    """Delete the stored questions asked more than `days` days before `now`; returns how many."""
    cutoff = (now - timedelta(days=days)).astimezone(UTC).isoformat()
    with db.conn:
        cur = db.conn.execute(
            "DELETE FROM bot_questions WHERE julianday(asked_at) < julianday(?)", (cutoff,)
        )
    return cur.rowcount


class Privacy:
    """Replies for the privacy commands and buttons, and the retention of stored questions.
    Expects the bot_questions table (bot.dialog creates it); creates the scheduler tables."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        clock: Clock,
        *,
        days: int = QUESTION_DAYS,
        contact: str | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.days = days
        self.contact = contact
        self._next_purge: datetime | None = None
        calendar.ensure_schema(db)

    # -- retention ------------------------------------------------------------------------

    def purge_if_due(self) -> int | None:
        """Delete questions older than the configured days, at the first call and then once a
        day by the clock; returns how many, or None when not due. Called every second by the
        runner of `gremienbot run`; a failure is logged and tried again an hour later."""
        now = self.clock.now()
        if self._next_purge is not None and now < self._next_purge:
            return None
        try:
            deleted = purge_questions(self.db, now=now, days=self.days)
        except sqlite3.Error:
            log.exception("could not delete old stored questions; trying again in an hour")
            self._next_purge = now + PURGE_RETRY
            return None
        self._next_purge = now + PURGE_EVERY
        log.info("deleted %d stored questions older than %d days", deleted, self.days)
        return deleted

    # -- commands -------------------------------------------------------------------------

    def info(self, who: Person) -> Reply:
        """/datenschutz: what is stored, why, for how long, whom to ask, the commands."""
        t = privacy_texts_for(who.language_code)
        paragraphs: list[tuple[Span, ...]] = [(Span(t.info_title, "bold"),)]
        paragraphs += [(Span(item.format(days=self.days)),) for item in t.info_items]
        paragraphs.append((Span(t.not_stored),))
        if self.contact:
            paragraphs.append((Span(t.contact.format(contact=self.contact), "bold"),))
        else:
            paragraphs.append((Span(t.contact_missing, "italic"),))
        paragraphs.append((Span(t.commands_title, "bold"),))
        paragraphs += [(Span(line),) for line in t.command_lines]
        return Reply(tuple(paragraphs))

    def _questions(self, user_id: int) -> list[dict[str, str]]:
        rows = self.db.conn.execute(
            "SELECT question, asked_at FROM bot_questions WHERE user_id = ? ORDER BY id",
            (user_id,),
        )
        return [{"question": q, "asked_at": at} for q, at in rows]

    def export(self, who: Person) -> dict[str, Any]:
        """Everything stored about `who` (their user id and their private chat)."""
        return {
            "about": "gremienbot: the data stored about one member (DSGVO Art. 15)",
            "exported_at": self.clock.now().astimezone(UTC).isoformat(),
            "telegram_user_id": who.user_id,
            "questions": self._questions(who.user_id),
            "questions_deleted_after_days": self.days,
            **personal.member_data(self.db, who.chat_id, who.user_id),
        }

    def my_data(self, who: Person) -> Reply:
        """/meine_daten: the member's own stored data as a JSON file (private chats only)."""
        t = privacy_texts_for(who.language_code)
        if not who.private:
            return Reply.text(t.private_only)
        data = self.export(who)
        content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        caption = t.export_caption.format(
            questions=len(data["questions"]), deliveries=len(data["deliveries"])
        )
        return Reply(attachment=Attachment(t.export_filename, content, caption))

    def delete_data(self, who: Person) -> Reply:
        """/daten_loeschen: what would be deleted, with "yes, delete" and "cancel" buttons."""
        t = privacy_texts_for(who.language_code)
        if not who.private:
            return Reply.text(t.private_only)
        questions = len(self._questions(who.user_id))
        queued = personal.queued_count(self.db, who.chat_id)
        return Reply(
            ((Span(t.delete_question.format(questions=questions, deliveries=queued)),),),
            (
                (
                    Button(t.button_yes, Action("forget", (who.user_id, 1)).encode()),
                    Button(t.button_cancel, Action("forget", (who.user_id, 0)).encode()),
                ),
            ),
        )

    # -- buttons --------------------------------------------------------------------------

    def press(self, who: Person, action: Action, stale: Reply) -> Reply:
        """The "yes, delete" or "cancel" button: only for the member it was offered to, in
        their private chat, and only their own data."""
        t = privacy_texts_for(who.language_code)
        offered_to, yes = action.args
        if yes not in (0, 1):
            return stale
        if not who.private:
            return Reply(toast=t.private_only[:200], paragraphs=((Span(t.private_only),),))
        if offered_to != who.user_id:
            return Reply(toast=t.not_yours[:200], paragraphs=((Span(t.not_yours),),))
        if not yes:
            return Reply(toast=t.cancelled, paragraphs=((Span(t.cancelled),),))
        # The subscription first: from here on nothing is sent to the chat.
        forgotten = personal.forget(self.db, who.chat_id, who.user_id)
        with self.db.conn:
            questions = self.db.conn.execute(
                "DELETE FROM bot_questions WHERE user_id = ?", (who.user_id,)
            ).rowcount
        log.info(
            "a member deleted their data: %d questions, %d queued deliveries",
            questions,
            forgotten.queued,
        )
        text = t.deleted.format(questions=questions, deliveries=forgotten.queued)
        return Reply.text(text)
