"""The calendar side of the conversation: events, proposals, subscriptions, announcements.
Like bot.dialog it returns Replies, so Telegram and the terminal share it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.actions import Action
from bot.dialog import Person
from bot.reply import Attachment, Button, Reply, Span
from bot.texts import AgendaTexts, agenda_texts_for
from scheduler import announcements as ann
from scheduler.calendar import Calendar
from scheduler.events import (
    Event,
    EventInput,
    ParseError,
    format_local,
    format_offset,
    parse_date,
    parse_event_command,
    parse_offsets,
    parse_time,
    to_utc,
)

MAX_LISTED = 10


def when(event: Event) -> str:
    """TT.MM.JJJJ HH:MM (or the date alone) in Berlin time."""
    return format_local(event.start_at, all_day=event.all_day)


def offsets_text(t: AgendaTexts, offsets: tuple[timedelta, ...]) -> str:
    """'7 Tage, 1 Tag und 2 Stunden'."""
    parts = []
    for offset in offsets:
        compact = format_offset(offset)
        n, unit = int(compact[:-1]), compact[-1]
        singular, plural = t.units[unit]
        parts.append(f"{n} {singular if n == 1 else plural}")
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {t.and_word} " + parts[-1]


class Agenda:
    """Replies for the calendar commands and buttons."""

    def __init__(self, calendar: Calendar) -> None:
        self.cal = calendar

    def _denied(self, who: Person) -> Reply | None:
        return None if who.staff else Reply.text(agenda_texts_for(who.language_code).staff_only)

    def _error(self, who: Person, key: str) -> Reply:
        t = agenda_texts_for(who.language_code)
        return Reply.text(t.errors.get(key, t.errors["event_usage"]))

    # -- everyone -------------------------------------------------------------------------

    def events(self, who: Person) -> Reply:
        """The next events, each with a button that sends it as an .ics file."""
        t = agenda_texts_for(who.language_code)
        upcoming = self.cal.upcoming(MAX_LISTED)
        if not upcoming:
            return Reply.text(t.events_empty)
        paragraphs: list[tuple[Span, ...]] = [(Span(t.events_title, "bold"),)]
        buttons: list[Button] = []
        for n, e in enumerate(upcoming, start=1):
            place = f" ({e.place})" if e.place else ""
            paragraphs.append((Span(f"{n}. {when(e)} – "), Span(e.title, "bold"), Span(place)))
            assert e.id is not None
            buttons.append(
                Button(t.button_ics.format(n=n), Action("ics", (e.id, e.version)).encode())
            )
        rows = tuple(tuple(buttons[i : i + 5]) for i in range(0, len(buttons), 5))
        return Reply(tuple(paragraphs), rows)

    def subscribe(self, who: Person, args: str) -> Reply:
        """/abo: topic toggles; /abo alle: everything."""
        t = agenda_texts_for(who.language_code)
        if args.strip().lower() in ("alle", "all", "alles", "everything"):
            self.cal.subscribe_all(who.chat_id, user_id=who.user_id, language=who.language_code)
            return Reply.text(t.abo_all_done)
        return self._topics_reply(who)

    def _topics_reply(self, who: Person) -> Reply:
        t = agenda_texts_for(who.language_code)
        offered, mine = self.cal.topics(who.chat_id)
        choices = ["*", *offered]
        buttons = []
        for i, topic in enumerate(choices):
            label = t.topics.get(topic, topic.title())
            mark = t.abo_on if topic in mine else t.abo_off
            buttons.append(
                Button(mark.format(topic=label), Action("abo", (i, len(choices))).encode())
            )
        rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
        return Reply(((Span(t.abo_title),),), rows)

    def unsubscribe(self, who: Person) -> Reply:
        """Stop everything."""
        self.cal.unsubscribe_all(who.chat_id)
        return Reply.text(agenda_texts_for(who.language_code).abo_stopped)

    def reminders(self, who: Person, args: str) -> Reply:
        """Show or set the reminder offsets."""
        t = agenda_texts_for(who.language_code)
        if not args.strip():
            return Reply.text(
                t.offsets_now.format(offsets=offsets_text(t, self.cal.offsets(who.chat_id)))
            )
        try:
            offsets = parse_offsets(args)
        except ParseError as exc:
            return self._error(who, str(exc))
        self.cal.set_offsets(who.chat_id, offsets, user_id=who.user_id, language=who.language_code)
        return Reply.text(t.offsets_set.format(offsets=offsets_text(t, offsets)))

    # -- staff ----------------------------------------------------------------------------

    def _event_from(self, who: Person, parsed: EventInput) -> Event | Reply:
        start = to_utc(parsed.day, parsed.at)
        end_of_day = to_utc(parsed.day + timedelta(days=1), None)
        if (end_of_day if parsed.at is None else start) <= self.cal.clock.now():
            return self._error(who, "in_past")
        return Event(
            parsed.title,
            start,
            all_day=parsed.at is None,
            place=parsed.place,
            source=f"Telegram {who.user_id}",
        )

    def new_event(self, who: Person, args: str) -> Reply:
        """/termin_neu TT.MM.JJJJ HH:MM Titel [@ Ort]"""
        if denied := self._denied(who):
            return denied
        try:
            made = self._event_from(who, parse_event_command(args))
        except ParseError as exc:
            return self._error(who, str(exc))
        if isinstance(made, Reply):
            return made
        event = self.cal.create(made, by=who.user_id)
        t = agenda_texts_for(who.language_code)
        return Reply.text(t.event_created.format(id=event.id, when=when(event), title=event.title))

    def change_event(self, who: Person, args: str) -> Reply:
        """/termin_aendern ID TT.MM.JJJJ HH:MM Titel [@ Ort]"""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        first, _, rest = args.strip().partition(" ")
        if not first.lstrip("#").isdigit():
            return self._error(who, "change_usage")
        existing = self.cal.get(int(first.lstrip("#")))
        if existing is None:
            return Reply.text(t.event_not_found.format(id=first.lstrip("#")))
        try:
            made = self._event_from(who, parse_event_command(rest))
        except ParseError as exc:
            return self._error(who, str(exc))
        if isinstance(made, Reply):
            return made
        changed = self.cal.change(
            Event(
                made.title,
                made.start_at,
                all_day=made.all_day,
                place=made.place,
                topic=existing.topic,
                description=existing.description,
                source=existing.source,
                document=existing.document,
                status=existing.status,
                uid=existing.uid,
                id=existing.id,
            )
        )
        return Reply.text(
            t.event_changed.format(id=changed.id, when=when(changed), title=changed.title)
        )

    def delete_event(self, who: Person, args: str) -> Reply:
        """/termin_loeschen ID"""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        ident = args.strip().lstrip("#")
        if not ident.isdigit():
            return self._error(who, "delete_usage")
        if not self.cal.delete(int(ident)):
            return Reply.text(t.event_not_found.format(id=ident))
        return Reply.text(t.event_deleted.format(id=ident))

    def proposals(self, who: Person) -> Reply:
        """Proposals from minutes with accept and discard buttons."""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        waiting = self.cal.proposals(MAX_LISTED)
        if not waiting:
            return Reply.text(t.proposals_empty)
        paragraphs: list[tuple[Span, ...]] = [(Span(t.proposals_title, "bold"),)]
        rows = []
        for e in waiting:
            assert e.id is not None
            source = f" [{e.document}]" if e.document else ""
            paragraphs.append((Span(f"#{e.id} {when(e)} – "), Span(e.title, "bold"), Span(source)))
            if e.description:
                paragraphs.append((Span(e.description[:300], "italic"),))
            rows.append(
                (
                    Button(
                        t.button_accept.format(id=e.id), Action("acc", (e.id, e.version)).encode()
                    ),
                    Button(
                        t.button_discard.format(id=e.id), Action("dis", (e.id, e.version)).encode()
                    ),
                )
            )
        return Reply(tuple(paragraphs), tuple(rows))

    _ANNOUNCE_RE = re.compile(
        r"^(?:#(?P<topic>[\wäöüÄÖÜß-]+)\s+)?(?:(?P<date>\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})"
        r"\s+(?P<time>\d{1,2}[:.]\d{2})\s+)?(?P<text>.+)$",
        re.S,
    )

    def announce(self, who: Person, args: str) -> Reply:
        """/ankuendigung [#thema] [TT.MM.JJJJ HH:MM] TEXT: stored, then a preview to confirm."""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        m = self._ANNOUNCE_RE.match(args.strip())
        if not m or not m.group("text").strip():
            return Reply.text(t.announce_usage)
        send_at: datetime | None = None
        if m.group("date"):
            try:
                send_at = to_utc(parse_date(m.group("date")), parse_time(m.group("time")))
            except ParseError as exc:
                return self._error(who, str(exc))
            if send_at <= self.cal.clock.now():
                return self._error(who, "in_past")
        topic = m.group("topic").lower() if m.group("topic") else None
        draft, count = self.cal.announce(
            author_id=who.user_id, text=m.group("text").strip(), topic=topic, send_at=send_at
        )
        at = t.announce_at.format(when=format_local(send_at)) if send_at else ""
        return Reply(
            (
                (Span(t.announce_preview.format(n=count, at=at), "bold"),),
                (Span(draft.text, "quote"),),
            ),
            (
                (
                    Button(t.button_send, Action("ann", (draft.id, 1)).encode()),
                    Button(t.button_cancel, Action("ann", (draft.id, 0)).encode()),
                ),
            ),
        )

    def status(self, who: Person) -> Reply:
        """Pending, sent and failed counts."""
        if denied := self._denied(who):
            return denied
        return Reply.text(agenda_texts_for(who.language_code).status.format(**self.cal.status()))

    def staff_add(self, who: Person, args: str) -> Reply:
        """/staff_add ID (administrators only)."""
        t = agenda_texts_for(who.language_code)
        if not who.admin:
            return Reply.text(t.admins_only)
        ident = args.strip()
        if not ident.isdigit():
            return Reply.text(t.staff_usage)
        added = self.cal.add_staff(int(ident), by=who.user_id)
        return Reply.text((t.staff_added if added else t.staff_exists).format(id=ident))

    # -- buttons --------------------------------------------------------------------------

    def press(self, who: Person, action: Action, stale: Reply) -> Reply:
        """Calendar buttons: .ics, accept/discard, topic toggles, send/cancel announcement."""
        t = agenda_texts_for(who.language_code)
        if action.kind == "ics":
            event = self.cal.get(action.args[0])
            if event is None or event.version != action.args[1]:
                return stale
            from scheduler.ics import export_ics

            data = export_ics([event], now=self.cal.clock.now())
            name = re.sub(r"[^\w-]+", "-", event.title.lower()).strip("-")[:40] or "termin"
            return Reply(
                attachment=Attachment(
                    f"{name}.ics", data, t.ics_caption.format(title=event.title, when=when(event))
                )
            )
        if action.kind == "abo":
            offered, _mine = self.cal.topics(who.chat_id)
            choices = ["*", *offered]
            index, count = action.args
            if count != len(choices) or index >= len(choices):
                return stale
            self.cal.toggle(
                who.chat_id, choices[index], user_id=who.user_id, language=who.language_code
            )
            return self._topics_reply(who)
        if not who.staff:
            return Reply(toast=t.staff_only, paragraphs=((Span(t.staff_only),),))
        if action.kind in ("acc", "dis"):
            event = self.cal.get(action.args[0])
            if event is None or event.version != action.args[1]:
                return Reply.text(t.decided_already)
            decided = self.cal.decide(action.args[0], accept=action.kind == "acc")
            if decided is None:
                return Reply.text(t.decided_already)
            text = t.accepted if action.kind == "acc" else t.discarded
            return Reply.text(text.format(title=decided.title, when=when(decided)))
        if action.kind == "ann":
            announcement_id, send = action.args
            if send:
                queued = self.cal.send_announcement(announcement_id)
                if queued is None:
                    return Reply.text(t.announce_decided)
                return Reply.text(t.announce_queued.format(n=queued))
            if not self.cal.cancel_announcement(announcement_id):
                return Reply.text(t.announce_decided)
            return Reply.text(t.announce_cancelled)
        return stale


def announcement_exists(cal: Calendar, announcement_id: int) -> bool:
    """Whether an announcement is stored (diagnostics)."""
    return ann.get(cal.db, announcement_id) is not None
