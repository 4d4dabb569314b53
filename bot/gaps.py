"""/luecken (/gaps): the questions the documents could not answer, for staff.

Declined questions of the last days are grouped by what they ask about: each question is
reduced to the index terms the knowledge base's own German analysis finds in it (stems,
umlauts and ae/oe/ue folded, typos corrected against the vocabulary), and questions whose terms
mostly agree form one group ("Wann fährt der Bus nach Köln?" and "wann faehrt der bus nach
koeln" are one gap). Most asked first, with the count and the day last asked; a button sends
the list as a CSV file. Only the questions still stored count: the retention of /datenschutz
deletes them after its days, and a member's /daten_loeschen removes theirs.

Like bot.dialog it returns Replies and knows nothing about Telegram.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import sqlite_utils
from rapidfuzz import fuzz

from bot.actions import Action
from bot.render import shorten
from bot.reply import Attachment, Button, Reply, Span, staff_refusal
from bot.texts import gaps_texts_for
from knowledge.analyze import fold
from knowledge.search import Query
from scheduler.clock import Clock

if TYPE_CHECKING:
    from bot.dialog import Person

BERLIN = ZoneInfo("Europe/Berlin")
GAP_DAYS = 30  # declined questions of this many days are shown
SHOWN = 15  # groups in the message; the CSV has all
MAX_READ = 5000  # declined questions read at most (the newest)
MAX_QUESTION_SHOWN = 120
SAME_TERM = 85  # rapidfuzz ratio at which two stems count as the same word (typos left over)
SAME_GROUP = 0.6  # share of terms two questions must have in common to be one group


@dataclass
class Gap:
    """Questions that ask for the same thing and were declined."""

    terms: frozenset[str]
    questions: list[str] = field(default_factory=list)  # newest first, distinct
    count: int = 0
    last_asked: datetime | None = None

    @property
    def example(self) -> str:
        """The question shown for the group: the most recent wording."""
        return self.questions[0] if self.questions else ""


def question_terms(query: Query) -> frozenset[str]:
    """The terms a question asks about: per concept its own index term (the stem of the word
    as typed, after typo correction), else the folded word itself (an English or unknown word
    whose alternatives are translations), else its compound parts."""
    terms: set[str] = set()
    for concept in query.concepts:
        own = [term for term, weight in concept.alternatives.items() if weight >= 1.0]
        if own:
            terms.add(min(own, key=lambda term: (len(term), term)))
        elif concept.parts:
            terms.update(concept.parts)
        else:
            terms.add(fold(concept.label))
    return frozenset(terms)


def _term_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= SAME_TERM


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of terms of the larger question that the other one also asks about."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    matched = sum(1 for x in small if any(_term_match(x, y) for y in large))
    return matched / len(large)


def group_questions(
    rows: Iterable[tuple[str, datetime]], analyse: Callable[[str], Query]
) -> list[Gap]:
    """Group declined questions (text, asked at; newest first); most asked first."""
    gaps: list[Gap] = []
    for text, asked_at in rows:
        terms = question_terms(analyse(text))
        home = None
        best = 0.0
        for gap in gaps:
            score = _similarity(terms, gap.terms)
            if score >= SAME_GROUP and score > best:
                home, best = gap, score
        if home is None:
            home = Gap(terms)
            gaps.append(home)
        home.count += 1
        if home.last_asked is None or asked_at > home.last_asked:
            home.last_asked = asked_at
        folded = " ".join(text.lower().split())
        if all(" ".join(q.lower().split()) != folded for q in home.questions):
            home.questions.append(text)
    epoch = datetime.min.replace(tzinfo=UTC)
    gaps.sort(key=lambda g: (-g.count, -(g.last_asked or epoch).timestamp()))
    return gaps


def declined_questions(db: sqlite_utils.Database, *, since: datetime) -> list[tuple[str, datetime]]:
    """The declined questions asked since `since`, newest first (at most MAX_READ)."""
    rows = db.conn.execute(
        "SELECT question, asked_at FROM bot_questions WHERE declined = 1 "
        "AND julianday(asked_at) >= julianday(?) ORDER BY julianday(asked_at) DESC, id DESC "
        "LIMIT ?",
        (since.astimezone(UTC).isoformat(), MAX_READ),
    )
    out: list[tuple[str, datetime]] = []
    for question, asked_at in rows:
        try:
            when = datetime.fromisoformat(asked_at)
        except (TypeError, ValueError):
            continue  # a row written by hand; not worth failing the list for
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        out.append((question, when))
    return out


class Gaps:
    """Replies of /luecken and its CSV button."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        clock: Clock,
        analyse: Callable[[str], Query],
        *,
        days: int = GAP_DAYS,
    ) -> None:
        self.db = db
        self.clock = clock
        self.analyse = analyse
        self.days = days

    def _denied(self, who: Person) -> Reply | None:
        t = gaps_texts_for(who.language_code)
        return staff_refusal(who, t.staff_only, t.private_only)

    def gaps(self) -> list[Gap]:
        """The groups of declined questions in the window (no access check: callers do it)."""
        since = self.clock.now() - timedelta(days=self.days)
        return group_questions(declined_questions(self.db, since=since), self.analyse)

    def show(self, who: Person) -> Reply:
        """/luecken: the most asked declined questions, grouped, with count and last date."""
        denied = self._denied(who)
        if denied is not None:
            return denied
        t = gaps_texts_for(who.language_code)
        gaps = self.gaps()
        if not gaps:
            return Reply.text(t.empty.format(days=self.days))
        total = sum(g.count for g in gaps)
        paragraphs: list[tuple[Span, ...]] = [
            (Span(t.title.format(days=self.days, questions=total, groups=len(gaps)), "bold"),)
        ]
        for gap in gaps[:SHOWN]:
            when = _day(gap.last_asked)
            line = t.line.format(count=gap.count, last=when)
            paragraphs.append((Span(shorten(gap.example, MAX_QUESTION_SHOWN), "bold"), Span(line)))
            if len(gap.questions) > 1:
                others = "; ".join(shorten(q, 60) for q in gap.questions[1:3])
                paragraphs.append((Span(t.also.format(others=others), "italic"),))
        if len(gaps) > SHOWN:
            paragraphs.append((Span(t.more.format(n=len(gaps) - SHOWN)),))
        button = Button(t.button_csv, Action("gapx", (self.days,)).encode())
        return Reply(tuple(paragraphs), ((button,),))

    def press(self, who: Person, action: Action, stale: Reply) -> Reply:
        """The CSV button: every group of the window as a file."""
        denied = self._denied(who)
        if denied is not None:
            return denied
        t = gaps_texts_for(who.language_code)
        gaps = self.gaps()
        if not gaps:
            return Reply.text(t.empty.format(days=self.days))
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";")
        writer.writerow(t.csv_header)
        for gap in gaps:
            writer.writerow(
                [
                    _csv_safe(gap.example),
                    gap.count,
                    _day(gap.last_asked),
                    _csv_safe(" | ".join(gap.questions[1:])),
                    " ".join(sorted(gap.terms)),
                ]
            )
        # UTF-8 with BOM: spreadsheet programs in German settings open it with umlauts intact.
        content = buf.getvalue().encode("utf-8-sig")
        name = f"luecken-{self.clock.now().astimezone(BERLIN):%Y-%m-%d}.csv"
        return Reply(attachment=Attachment(name, content, t.csv_caption.format(groups=len(gaps))))


def _day(when: datetime | None) -> str:
    return when.astimezone(BERLIN).strftime("%d.%m.%Y") if when else ""


def _csv_safe(text: str) -> str:
    """Questions are typed by members: a leading = + - @ would be a formula in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
