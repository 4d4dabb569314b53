"""Questions answered from the calendar: the reply (Telegram and terminal) and the JSON of
`gremienbot ask --json`. Recognition and matching live in scheduler.asking (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlite_utils

from bot.actions import Action
from bot.render import MAX_LISTED_PLACE, MAX_PLACE, MAX_TITLE, shorten
from bot.reply import Button, Reply, Span
from bot.texts import CalendarAnswerTexts, agenda_texts_for, calendar_answer_texts_for
from scheduler import events as ev
from scheduler.asking import CalendarQuestion, Lookup, Match, lookup, recognise

MAX_ITEMS = 8  # agenda items shown per session


@dataclass(frozen=True)
class CalendarResult:
    """The calendar's part of an answer. `answered`: events fit, the calendar answers alone;
    otherwise `reply` says plainly that nothing fits, and the documents' answer follows."""

    reply: Reply
    answered: bool
    found: Lookup

    @property
    def text(self) -> str:
        """The reply as plain text (paragraphs separated by blank lines)."""
        return plain(self.reply)


def plain(reply: Reply) -> str:
    """A Reply's visible text, one paragraph per line block."""
    return "\n".join("".join(s.text for s in p) for p in reply.paragraphs)


def calendar_answer(
    db: sqlite_utils.Database,
    question: str,
    now: datetime,
    *,
    language: str | None = "de",
    internal: bool = False,
) -> CalendarResult | None:
    """The calendar's answer to a question about sessions and events, or None when the
    question is none (or the calendar has nothing and the question may be about documents)."""
    q = recognise(question, now)
    if q is None:
        return None
    found = lookup(db, q, now, internal=internal)
    t = calendar_answer_texts_for(language)
    if found.matches:
        return CalendarResult(_events_reply(db, t, found, language, internal), True, found)
    if not q.clear:
        return None
    # "Was steht diese Woche an?" names nothing a document could answer: the note is all.
    alone = q.listing and not q.subject_text.strip() and q.kind is None
    return CalendarResult(_nothing_reply(t, found, language), alone, found)


def weekday_date(t: CalendarAnswerTexts, event: ev.Event) -> str:
    """'Donnerstag, 03.12.2026, 17:00 Uhr' (Berlin time) or 'Donnerstag, 03.12.2026
    (ganztägig)'."""
    local = event.local_start()
    day = local.strftime("%d.%m.%Y")
    weekday = t.weekdays[local.weekday()]
    if event.all_day:
        return t.when_all_day.format(weekday=weekday, date=day)
    return t.when_line.format(weekday=weekday, date=day, time=local.strftime("%H:%M"))


def _title(t: CalendarAnswerTexts, q: CalendarQuestion, found: Lookup) -> str:
    if q.period == "range":
        if q.range_name in t.range_titles:
            return t.range_titles[q.range_name]
        if q.range_name == "month" and q.month:
            return t.month_title.format(month=t.months[q.month - 1], year=q.year)
        if q.range_name == "year":
            return t.year_title.format(year=q.year)
        if q.start is not None:
            return t.day_title.format(day=_day(t, q.start))
    if q.period == "last" or (q.period == "any" and q.past):
        return t.last_title
    if len(found.matches) > 1:
        return t.upcoming_title
    return t.next_title


def _day(t: CalendarAnswerTexts, day: date) -> str:
    return f"{t.weekdays[day.weekday()]}, {day:%d.%m.%Y}"


def _events_reply(
    db: sqlite_utils.Database,
    t: CalendarAnswerTexts,
    found: Lookup,
    language: str | None,
    internal: bool,
) -> Reply:
    from bot.agenda import agenda_lines  # bot.agenda imports bot.dialog, which imports us

    a = agenda_texts_for(language)
    q = found.question
    paragraphs: list[tuple[Span, ...]] = [(Span(_title(t, q, found), "bold"),)]
    if found.topic_words and not found.items_found:
        words = shorten(found.topic_text or " ".join(found.topic_words), 80)
        paragraphs.append((Span(t.agenda_nothing.format(words=words)),))
    rows: list[tuple[Button, ...]] = []
    links: list[Button] = []
    for m in found.matches:
        e = m.event
        assert e.id is not None
        paragraphs.append((Span(shorten(e.title, MAX_TITLE), "bold"),))
        lines = [weekday_date(t, e)]
        if e.place:
            lines.append(t.place_line.format(place=shorten(e.place, MAX_PLACE)))
        if len(m.committees) > 1:
            names = shorten(", ".join(m.committees), MAX_LISTED_PLACE)
            lines.append(a.joint_session.format(names=names))
        paragraphs.append((Span("\n".join(lines)),))
        paragraphs += _agenda(t, a, found, m, internal, agenda_lines)
        ics = Action("ics", (e.id, e.version)).encode()
        rows.append((Button(a.button_ics.format(n=e.id), ics),))
        web = ev.web_of(db, e.id)
        if web:
            links.append(Button(a.button_web_event.format(n=e.id), url=web))
    return Reply(tuple(paragraphs), tuple(rows + [(link,) for link in links]))


def _agenda(
    t: CalendarAnswerTexts,
    a: Any,
    found: Lookup,
    m: Match,
    internal: bool,
    agenda_lines: Any,
) -> list[tuple[Span, ...]]:
    q = found.question
    if found.topic_words:
        if not m.items:
            return []
        lines = agenda_lines(a, list(m.items), internal=internal, limit=MAX_ITEMS, width=200)
        return [(Span(t.agenda_fitting),), (Span("\n".join(lines), "italic"),)]
    if m.all_items:
        title = t.agenda_all if internal else t.agenda_public
        lines = agenda_lines(a, list(m.all_items), internal=internal, limit=MAX_ITEMS, width=120)
        return [(Span(title),), (Span("\n".join(lines), "italic"),)]
    if q.agenda:
        return [(Span(t.agenda_missing, "italic"),)]
    return []


def _nothing_reply(t: CalendarAnswerTexts, found: Lookup, language: str | None) -> Reply:
    q = found.question
    name = shorten(found.name or q.subject_text, 80)
    if q.period == "range":
        period = t.range_names.get(q.range_name, "")
        if q.range_name == "month" and q.month:
            period = period.format(month=t.months[q.month - 1], year=q.year)
        elif q.range_name == "year":
            period = period.format(year=q.year)
        elif q.range_name == "day" and q.start is not None:
            period = period.format(day=_day(t, q.start))
        text = t.none_in.format(period=period)
    elif q.period == "last" or q.past:
        text = t.none_past.format(name=name) if name else t.none_past_unnamed
    else:
        kind = q.kind if q.kind in t.none_ahead else ""
        text = t.none_ahead[kind].format(name=name) if name else t.none_ahead_unnamed[kind]
    paragraphs: list[tuple[Span, ...]] = [(Span(text),)]
    if found.latest is not None:
        e = found.latest.event
        paragraphs.append(
            (Span(t.latest.format(when=weekday_date(t, e), title=shorten(e.title, MAX_TITLE))),)
        )
    del language
    return Reply(tuple(paragraphs))


def calendar_json(question: str, result: CalendarResult) -> dict[str, Any]:
    """The JSON of `gremienbot ask --json` for an answer from the calendar: the first event's
    id, title and date (YYYY-MM-DD, Berlin) on top, every event in `answers`."""
    answers = []
    for m in result.found.matches:
        e = m.event
        local = e.local_start()
        answers.append(
            {
                "text": f"{e.title}, {local:%d.%m.%Y}"
                + ("" if e.all_day else f" {local:%H:%M}")
                + (f", {e.place}" if e.place else ""),
                "document": None,
                "title": e.title,
                "date": local.date().isoformat(),
                "time": None if e.all_day else local.strftime("%H:%M"),
                "place": e.place,
                "event_id": e.id,
                "score": 1.0,
            }
        )
    first = answers[0]
    return {
        "question": question,
        "answered": True,
        "source": "calendar",
        "event_id": first["event_id"],
        "title": first["title"],
        "date": first["date"],
        "text": result.text,
        "document": None,
        "answers": answers,
    }
