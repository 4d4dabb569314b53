"""The conversation core: the same replies for Telegram and for the terminal chat.

Handlers (Telegram) and the chat loop (terminal) turn what a person did into one call here and
render the Reply they get back; nothing here knows about Telegram.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlite_utils

from bot.actions import Action, decode
from bot.calendar_answers import CalendarResult, calendar_answer
from bot.gaps import Gaps
from bot.privacy import QUESTION_DAYS, Privacy
from bot.render import MAX_DETAILS, MAX_SNIPPET, MAX_TITLE, shorten
from bot.reply import Attachment, Button, Reply, Span
from bot.texts import Texts, agenda_texts_for, calendar_answer_texts_for, texts_for
from knowledge.answer import Answer, Hit, Source
from knowledge.base import KnowledgeBase
from knowledge.store import generation
from scheduler.clock import Clock

if TYPE_CHECKING:
    from bot.agenda import Agenda

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000  # longer messages are read up to here
QUESTIONS_PER_MINUTE = 20
PAGE = 1  # hits per answer message; "more" shows the next ones
AGENDA_ACTIONS = frozenset({"ics", "acc", "dis", "abo", "ann", "edit", "del", "delok", "pp", "kwd"})


@dataclass(frozen=True)
class Person:
    """Who is talking: Telegram user (or the terminal user), chat, language, staff or not."""

    user_id: int
    chat_id: int
    language_code: str | None = "de"
    staff: bool = False
    admin: bool = False
    chat_type: str = "private"  # Telegram's chat type: private, group, supergroup, channel

    @property
    def private(self) -> bool:
        """Whether the chat is a one-to-one chat with the bot (only its user reads it)."""
        return self.chat_type == "private"

    @property
    def internal(self) -> bool:
        """Whether non-public material may be shown here: to staff, in a private chat only.
        In a group everyone reads the reply, so who asked does not matter."""
        return self.staff and self.private


SCHEMA = """
CREATE TABLE IF NOT EXISTS bot_questions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    asked_at TEXT NOT NULL,
    declined INTEGER NOT NULL DEFAULT 0
)
"""


def date_de(value: str | None, year: int | None) -> str:
    """A document date as TT.MM.JJJJ (or the year alone)."""
    if value:
        try:
            return datetime.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    return str(year) if year is not None else ""


def source_details(source: Source) -> str:
    """'Niederschrift (Auszug), 2021' - kind, reference (papers from the council information
    system: 'Beschlussvorlage 1234/2014') and date of a document (cut when long)."""
    kind = " ".join(x for x in (source.kind, source.reference) if x)
    details = (kind, date_de(source.date, source.year))
    return shorten(", ".join(x for x in details if x), MAX_DETAILS)


def add_declined_column(conn: sqlite3.Connection) -> None:
    """Databases from before /luecken lack bot_questions.declined; their questions count as
    answered (nobody knows any more which were declined). Commits nothing itself: the
    schema migration (bot.database, step 5) runs it inside its transaction."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(bot_questions)")}
    if "declined" not in columns:
        conn.execute("ALTER TABLE bot_questions ADD COLUMN declined INTEGER NOT NULL DEFAULT 0")


class RateGate:
    """At most `limit` questions per person per minute (a sliding window)."""

    def __init__(self, limit: int = QUESTIONS_PER_MINUTE) -> None:
        self.limit = limit
        self._seen: dict[int, deque[datetime]] = {}

    def allow(self, user_id: int, now: datetime) -> bool:
        """Record a question; False when the person is over the limit."""
        window = self._seen.setdefault(user_id, deque())
        while window and now - window[0] >= timedelta(minutes=1):
            window.popleft()
        if len(window) >= self.limit:
            return False
        window.append(now)
        return True


class Dialog:
    """What the bot answers to commands, questions and buttons."""

    def __init__(
        self,
        kb: KnowledgeBase,
        clock: Clock,
        *,
        questions_per_minute: int = QUESTIONS_PER_MINUTE,
        agenda: Agenda | None = None,
        question_days: int = QUESTION_DAYS,
        privacy_contact: str | None = None,
    ) -> None:
        self.agenda = agenda
        self.kb = kb
        self.db: sqlite_utils.Database = kb.db
        self.clock = clock
        self.gate = RateGate(questions_per_minute)
        self.db.conn.execute(SCHEMA)
        with self.db.conn:
            add_declined_column(self.db.conn)
        # /datenschutz, /meine_daten, /daten_loeschen; deletes questions after question_days.
        self.privacy = Privacy(self.db, clock, days=question_days, contact=privacy_contact)
        # /luecken: staff see the questions the documents could not answer.
        self.gaps = Gaps(self.db, clock, lambda q: kb.analyse(q, internal=True))

    # -- commands -------------------------------------------------------------------------

    def start(self, who: Person, payload: str = "") -> Reply:
        """Greeting, what the bot does, three example questions as buttons; a deep link's
        payload (bot.deeplinks) subscribes or shows an event instead, when it is known."""
        if payload and self.agenda is not None:
            linked = self.agenda.deep_link(who, payload)
            if linked is not None:
                return linked
        t = texts_for(who.language_code)
        buttons = tuple(
            (Button(example, Action("ex", (i,)).encode()),) for i, example in enumerate(t.examples)
        )
        return Reply(
            ((Span(t.start_intro),), (Span(t.start_examples_title, "bold"),)), buttons=buttons
        )

    def help(self, who: Person) -> Reply:
        """How to use the bot and its commands: those for everyone, the calendar's when there
        is a calendar, and the staff commands for staff in a private chat (built from the
        command lists of the texts, so every command listed there shows up)."""
        t = texts_for(who.language_code)

        def listing(commands: dict[str, str]) -> list[tuple[Span, ...]]:
            return [(Span(f"/{cmd}", "bold"), Span(f" – {desc}")) for cmd, desc in commands.items()]

        paragraphs: list[tuple[Span, ...]] = [(Span(t.help),), *listing(t.commands)]
        if self.agenda is not None:
            a = agenda_texts_for(who.language_code)
            paragraphs += [(Span(a.help_calendar_title, "bold"),), *listing(a.commands)]
            if who.internal:
                staff = {c: d for c, d in a.staff_commands.items() if who.admin or c != "staff_add"}
                paragraphs += [(Span(a.help_staff_title, "bold"),), *listing(staff)]
        return Reply(tuple(paragraphs))

    def documents(self, who: Person) -> Reply:
        """The documents the bot knows: title, kind, year."""
        t = texts_for(who.language_code)
        docs = self.kb.documents(internal=who.internal)
        if not docs:
            return Reply.text(t.documents_empty)
        paragraphs: list[tuple[Span, ...]] = [(Span(t.documents_title, "bold"),)]
        for d in docs:
            details = shorten(
                ", ".join(x for x in (d.kind or "", date_de(d.date, d.year)) if x), MAX_DETAILS
            )
            title = shorten(d.title, MAX_TITLE)
            paragraphs.append((Span("• "), Span(title, "bold"), Span(f" ({details})")))
        return Reply(tuple(paragraphs))

    def glossary(self, who: Person) -> Reply:
        """Abbreviations found in the documents and what they stand for."""
        t = texts_for(who.language_code)
        entries = self.kb.glossary(internal=who.internal)
        if not entries:
            return Reply.text(t.glossary_empty)
        paragraphs: list[tuple[Span, ...]] = [(Span(t.glossary_title, "bold"),)]
        for e in entries:
            origin = f" ({t.glossary_builtin})" if e.document is None else ""
            paragraphs.append((Span(e.abbr, "bold"), Span(f" – {e.expansion}{origin}")))
        return Reply(tuple(paragraphs))

    def unknown_command(self, who: Person) -> Reply:
        """A polite pointer to /hilfe."""
        return Reply.text(texts_for(who.language_code).unknown_command)

    def sorry(self, who: Person) -> Reply:
        """The apology after an internal error."""
        return Reply.text(texts_for(who.language_code).sorry)

    # -- questions ------------------------------------------------------------------------

    def ask(self, who: Person, text: str | None) -> Reply:
        """Answer a question (the fact, its source, buttons for more), or say why not."""
        t = texts_for(who.language_code)
        question = " ".join((text or "").split())
        if not question:
            return Reply.text(t.ask_what)
        if not self.gate.allow(who.user_id, self.clock.now()):
            return Reply.text(t.slow_down)
        clipped = len(question) > MAX_QUESTION_CHARS
        question = question[:MAX_QUESTION_CHARS]
        calendar = self._calendar(who, question)
        if calendar is not None and calendar.answered:
            self._remember(who, question, declined=False)
            reply = calendar.reply
        else:
            answer = self.kb.ask(question, top=6, internal=who.internal)
            qid = self._remember(who, question, declined=not answer.answered)
            reply = self._answer_reply(t, answer, qid, offset=0)
            if calendar is not None:  # "Im Kalender steht keine kommende …", then documents
                reply = self._after_calendar(who, calendar.reply, answer, reply)
        if clipped:
            reply = Reply((*reply.paragraphs, (Span(t.too_long, "italic"),)), reply.buttons)
        return reply

    def _calendar(self, who: Person, question: str) -> CalendarResult | None:
        """The calendar's answer when the question is about sessions or events (see
        bot.calendar_answers); None without a calendar or for any other question."""
        if self.agenda is None:
            return None
        return calendar_answer(
            self.agenda.cal.db,
            question,
            self.clock.now(),
            language=who.language_code,
            internal=who.internal,
        )

    def _after_calendar(self, who: Person, note: Reply, answer: Answer, docs: Reply) -> Reply:
        """The calendar's "nothing ahead" note, then the documents' answer labelled as such
        with its year (or nothing more when the documents have none either)."""
        if not answer.answered:
            return note
        c = calendar_answer_texts_for(who.language_code)
        year = answer.as_of or (answer.hits[0].source.year if answer.hits else None)
        label = c.from_documents.format(year=year) if year else c.from_documents_no_year
        body = docs.paragraphs[1:]  # without the heading "Antwort"
        return Reply((*note.paragraphs, (Span(label, "bold"),), *body), docs.buttons)

    def _remember(self, who: Person, question: str, *, declined: bool) -> int:
        cur = self.db.conn.execute(
            "INSERT INTO bot_questions(user_id, question, asked_at, declined) VALUES (?,?,?,?)",
            (who.user_id, question, self.clock.now().isoformat(), int(declined)),
        )
        self.db.conn.commit()
        return int(cur.lastrowid or 0)

    def _answer_reply(self, t: Texts, answer: Answer, qid: int, offset: int) -> Reply:
        if not answer.answered:
            return Reply.text(t.declined)
        hits = answer.hits[offset : offset + PAGE]
        if not hits:
            return Reply.text(t.no_more)
        paragraphs: list[tuple[Span, ...]] = []
        for hit in hits:
            title = t.answer_title if offset == 0 else f"{t.more_title} {offset}"
            head = [Span(title, "bold")]
            notes = []
            if offset == 0 and answer.as_of:
                notes.append(t.answer_as_of.format(year=answer.as_of))
            if offset == 0 and answer.confidence:
                notes.append(t.confidence[answer.confidence])
            if notes:
                head.append(Span(f" ({', '.join(notes)})"))
            paragraphs.append(tuple(head))
            paragraphs.append((Span(hit.text, "quote" if hit.quoted else "plain"),))
            paragraphs.append(self._source_line(t, hit))
            earlier = self._earlier(answer) if offset == 0 else None
            if earlier is not None:  # "Stand 2022" leads; what an older paper said follows
                year = earlier.source.year
                paragraphs.append((Span(t.answer_earlier.format(year=year), "italic"),))
                paragraphs.append((Span(shorten(earlier.text, MAX_SNIPPET), "quote"),))
        if offset == 0 and answer.corrections:
            pairs = ", ".join(f"{a} → {b}" for a, b in answer.corrections)
            paragraphs.append((Span(t.corrected.format(pairs=pairs), "italic"),))
        return Reply(tuple(paragraphs), self._answer_buttons(t, answer, hits[-1], qid, offset))

    @staticmethod
    def _earlier(answer: Answer) -> Hit | None:
        """The older answer a newer document's answer updates ("Stand 2022; 2021: …")."""
        if not answer.as_of or len(answer.hits) < 2:
            return None
        second = answer.hits[1]
        year = second.source.year
        return second if year is not None and year < answer.as_of else None

    def _source_line(self, t: Texts, hit: Hit) -> tuple[Span, ...]:
        details = source_details(hit.source)
        return (
            Span(f"{t.source}: "),
            Span(shorten(hit.source.title, MAX_TITLE), "bold"),
            Span(f" ({details})" if details else ""),
        )

    def _answer_buttons(
        self, t: Texts, answer: Answer, hit: Hit, qid: int, offset: int
    ) -> tuple[tuple[Button, ...], ...]:
        gen = generation(self.db)
        row: list[Button] = []
        if offset + PAGE < len(answer.hits):
            row.append(Button(t.button_more, Action("more", (qid, offset + PAGE)).encode()))
        core = hit.passage_ids[len(hit.passage_ids) // 2 if len(hit.passage_ids) > 2 else -1]
        row.append(Button(t.button_passage, Action("pas", (core, gen)).encode()))
        doc_id = self.kb.passage_document(core)
        second: list[Button] = []
        if doc_id is not None:
            second.append(Button(t.button_document, Action("doc", (doc_id, gen)).encode()))
        link = (Button(t.button_web, url=hit.source.web),) if hit.source.web else ()
        return tuple(r for r in (tuple(row), tuple(second), link) if r)

    # -- buttons --------------------------------------------------------------------------

    def press(self, who: Person, data: str | None) -> Reply:
        """The reply to a pressed button; stale buttons get a polite note."""
        t = texts_for(who.language_code)
        action = decode(data)
        stale = Reply(toast=t.stale, paragraphs=((Span(t.stale),),))
        if action is None:
            return stale
        if action.kind in AGENDA_ACTIONS:
            return self.agenda.press(who, action, stale) if self.agenda else stale
        if action.kind == "forget":
            return self.privacy.press(who, action, stale)
        if action.kind == "gapx":
            return self.gaps.press(who, action, stale)
        if action.kind == "ex":
            (index,) = action.args
            if index >= len(t.examples):
                return Reply(toast=t.stale, paragraphs=((Span(t.stale),),))
            return self.ask(who, t.examples[index])
        if action.kind == "more":
            qid, offset = action.args
            row = self.db.conn.execute(
                "SELECT question FROM bot_questions WHERE id = ? AND user_id = ?",
                (qid, who.user_id),
            ).fetchone()
            if row is None:
                return Reply(toast=t.stale, paragraphs=((Span(t.stale),),))
            answer = self.kb.ask(row[0], top=offset + PAGE + 1, internal=who.internal)
            return self._answer_reply(t, answer, qid, offset)
        if action.kind == "alp":  # from an alert: valid while the document is stored
            if self.kb.passage_document(action.args[0]) != action.args[1]:
                return Reply(toast=t.stale, paragraphs=((Span(t.stale),),))
            return self._passage(t, who, action.args[0])
        if action.args[1] != generation(self.db):
            return Reply(toast=t.stale, paragraphs=((Span(t.stale),),))
        if action.kind == "pas":
            return self._passage(t, who, action.args[0])
        found = self.kb.document_file(action.args[0], internal=who.internal)
        if found is None:
            return Reply(toast=t.stale, paragraphs=((Span(t.stale),),))
        source, filename, content = found
        title = shorten(source.title, MAX_TITLE)
        caption = t.document_caption.format(title=title, details=source_details(source))
        return Reply(attachment=Attachment(filename, content, caption[:1000]))

    def _passage(self, t: Texts, who: Person, passage_id: int) -> Reply:
        """The whole passage with its source ("Ganze Passage")."""
        view = self.kb.passage(passage_id, internal=who.internal)
        if view is None:
            return Reply(toast=t.stale, paragraphs=((Span(t.stale),),))
        return Reply(
            (
                (Span(t.passage_title, "bold"),),
                (Span(view.context, "quote"),),
                (
                    Span(f"{t.source}: "),
                    Span(shorten(view.source.title, MAX_TITLE), "bold"),
                    Span(f" ({source_details(view.source)})"),
                ),
            )
        )
