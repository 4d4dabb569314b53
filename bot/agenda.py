"""The calendar side of the conversation: events, proposals, subscriptions, announcements.
Like bot.dialog it returns Replies, so Telegram and the terminal share it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot import deeplinks
from bot.actions import Action
from bot.dialog import Person
from bot.oparl.sync import Run, last_run
from bot.render import (
    MAX_LABEL,
    MAX_LISTED_PLACE,
    MAX_NAME,
    MAX_PLACE,
    MAX_SNIPPET,
    MAX_TITLE,
    shorten,
)
from bot.reply import Attachment, Button, Reply, Span, staff_refusal
from bot.texts import AgendaTexts, agenda_texts_for, alert_texts_for
from scheduler import announcements as ann
from scheduler import events as ev
from scheduler import quiet as qt
from scheduler import subscriptions as subs
from scheduler.calendar import Calendar
from scheduler.events import (
    EARLIEST,
    LATEST,
    Event,
    EventInput,
    ParseError,
    format_local,
    format_offset,
    is_over,
    parse_date,
    parse_event_command,
    parse_offsets,
    parse_time,
    to_utc,
    usable,
)
from scheduler.feeds import FEED_SOURCE

MAX_LISTED = 10
MAX_AGENDA_LISTED = 5  # agenda items per session in /termine (ten sessions fit a message)
MAX_AGENDA_NAME = 70  # an agenda item's name there (cut with "…")
PROPOSALS_PAGE = 5  # proposals per /vorschlaege message; more are paged

if TYPE_CHECKING:
    from bot.oparl.background import BackgroundSync


def when(event: Event) -> str:
    """TT.MM.JJJJ HH:MM (or the date alone) in Berlin time."""
    return format_local(event.start_at, all_day=event.all_day)


def agenda_lines(
    t: AgendaTexts,
    items: list[ev.AgendaItem],
    *,
    internal: bool,
    limit: int = MAX_AGENDA_LISTED,
    width: int = MAX_AGENDA_NAME,
) -> list[str]:
    """A session's agenda as short lines: the public items (all of them only when
    `internal`: staff in a private chat, non-public ones marked), at most `limit`, each cut to
    `width`, and a last line saying how many were left out."""
    shown = [i for i in items if i.public or internal]
    lines = []
    for item in shown[:limit]:
        name = shorten(item.name, width)
        if item.number:
            line = t.agenda_item.format(number=shorten(item.number, 12), name=name)
        else:
            line = t.agenda_item_unnumbered.format(name=name)
        lines.append(line if item.public else f"{line} ({t.agenda_not_public})")
    if len(shown) > limit:
        lines.append(t.agenda_more.format(n=len(shown) - limit))
    return lines


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


# Events kept in step with a source outside the bot: staff change them there, not here (the
# next sync or feed read would undo the change).
READ_ONLY_SOURCES = frozenset({"oparl", FEED_SOURCE})


def _read_only(who: Person, event: ev.Event) -> Reply:
    t = agenda_texts_for(who.language_code)
    text = t.event_read_only_feed if event.source == FEED_SOURCE else t.event_read_only
    return Reply.text(text.format(id=event.id))


class Agenda:
    """Replies for the calendar commands and buttons."""

    def __init__(self, calendar: Calendar) -> None:
        self.cal = calendar
        self.syncer: BackgroundSync | None = None  # set by `gremienbot run` with an OParl URL
        self.username: str | None = None  # the bot's @name (getMe), for deep links

    def _denied(self, who: Person) -> Reply | None:
        """Staff commands: staff only, and only in a private chat (their replies can show
        proposals quoting internal papers, recipients, drafts; a group would read along)."""
        t = agenda_texts_for(who.language_code)
        return staff_refusal(who, t.staff_only, t.staff_private_only)

    def _error(self, who: Person, key: str) -> Reply:
        t = agenda_texts_for(who.language_code)
        text = t.errors.get(key, t.errors["event_usage"])
        if key == "date_out_of_range":
            text = text.format(first=f"{EARLIEST:%d.%m.%Y}", last=f"{LATEST:%d.%m.%Y}")
        return Reply.text(text)

    # -- everyone -------------------------------------------------------------------------

    def events(self, who: Person) -> Reply:
        """The next events with their id (the one /termin_aendern and /termin_loeschen take),
        each with a button that sends it as an .ics file; staff in a private chat also get
        change and delete buttons per event."""
        t = agenda_texts_for(who.language_code)
        upcoming = self.cal.upcoming(MAX_LISTED)
        if not upcoming:
            return Reply.text(t.events_empty)
        paragraphs: list[tuple[Span, ...]] = [(Span(t.events_title, "bold"),)]
        buttons: list[Button] = []
        rows: list[tuple[Button, ...]] = []
        links: list[Button] = []  # sessions from the council information system: their page
        for e in upcoming:
            assert e.id is not None
            place = f" ({shorten(e.place, MAX_LISTED_PLACE)})" if e.place else ""
            title = shorten(e.title, MAX_TITLE)
            paragraphs.append((Span(f"#{e.id} {when(e)} – "), Span(title, "bold"), Span(place)))
            committees = ev.committees_of(self.cal.db, e.id)
            if committees:
                names = shorten(", ".join(committees), MAX_LISTED_PLACE)
                paragraphs.append((Span(f"   {t.joint_session.format(names=names)}"),))
            items = agenda_lines(t, ev.agenda_of(self.cal.db, e.id), internal=who.internal)
            if items:
                paragraphs.append((Span("\n".join(f"   {line}" for line in items), "italic"),))
            web = ev.web_of(self.cal.db, e.id)
            if web:
                links.append(Button(t.button_web_event.format(n=e.id), url=web))
            ics = Button(t.button_ics.format(n=e.id), Action("ics", (e.id, e.version)).encode())
            if who.internal:
                ref = (e.id, e.version)
                rows.append(
                    (
                        ics,
                        Button(t.button_edit.format(id=e.id), Action("edit", ref).encode()),
                        Button(t.button_delete.format(id=e.id), Action("del", ref).encode()),
                    )
                )
            buttons.append(ics)
        if not rows:
            rows = [tuple(buttons[i : i + 5]) for i in range(0, len(buttons), 5)]
        rows += [(link,) for link in links]
        share = self._link(deeplinks.topic_payload("sitzungen"))
        if share:
            a = alert_texts_for(who.language_code)
            paragraphs.append((Span(a.share_events.format(link=share), "italic"),))
        return Reply(tuple(paragraphs), tuple(rows))

    _KEYWORD_RE = re.compile(
        r"^(?:stichw(?:ort|örter|oerter)|schlagwort|keywords?|kw)\b\s*(?P<word>.*)$", re.I | re.S
    )

    def subscribe(self, who: Person, args: str) -> Reply:
        """/abo: topic toggles and keywords; /abo alle: everything; /abo stichwort WORT:
        alerts on new documents that mention the word."""
        t = agenda_texts_for(who.language_code)
        if args.strip().lower() in ("alle", "all", "alles", "everything"):
            self.cal.subscribe_all(who.chat_id, user_id=who.user_id, language=who.language_code)
            return Reply.text(t.abo_all_done)
        m = self._KEYWORD_RE.match(args.strip())
        if m:
            return self._add_keyword(who, m.group("word"))
        return self._topics_reply(who)

    def _add_keyword(self, who: Person, word: str, *, deep: bool = False) -> Reply:
        a = alert_texts_for(who.language_code)
        added = self.cal.add_keyword(
            who.chat_id, word, user_id=who.user_id, language=who.language_code
        )
        if added == "empty":
            return Reply.text(a.keyword_empty)
        if added == "too_many":
            return Reply.text(a.keyword_too_many.format(n=len(self.cal.keywords(who.chat_id))))
        if isinstance(added, str):  # "exists"
            shown = shorten(" ".join(word.split()), MAX_LABEL)
            return Reply.text(a.keyword_exists.format(word=shown))
        shown = shorten(added.word, MAX_LABEL)
        return Reply.text((a.deeplink_keyword if deep else a.keyword_added).format(word=shown))

    def _link(self, payload: str) -> str | None:
        return deeplinks.link(self.username, payload) if self.username else None

    def _topics_reply(self, who: Person) -> Reply:
        t = agenda_texts_for(who.language_code)
        a = alert_texts_for(who.language_code)
        offered, mine = self.cal.topics(who.chat_id)
        choices = ["*", *offered]
        buttons = []
        for i, topic in enumerate(choices):
            label = shorten(t.topics.get(topic, topic.title()), MAX_LABEL)
            mark = t.abo_on if topic in mine else t.abo_off
            buttons.append(
                Button(mark.format(topic=label), Action("abo", (i, len(choices))).encode())
            )
        rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
        paragraphs: list[tuple[Span, ...]] = [(Span(t.abo_title),)]
        keywords = self.cal.keywords(who.chat_id)
        if keywords:
            paragraphs.append((Span(a.keywords_title, "bold"),))
            removes = [
                Button(
                    a.button_remove.format(word=shorten(k.word, MAX_LABEL)),
                    Action("kwd", (k.id,)).encode(),
                )
                for k in keywords
            ]
            rows += [tuple(removes[i : i + 2]) for i in range(0, len(removes), 2)]
        paragraphs.append((Span(a.keywords_hint, "italic"),))
        shared = [
            (t.topics.get(topic, topic.title()), self._link(deeplinks.topic_payload(topic)))
            for topic in sorted(mine - {subs.ALL})
        ] + [(k.word, self._link(deeplinks.keyword_payload(k.word))) for k in keywords]
        lines = [f"{shorten(name, MAX_LABEL)}: {url}" for name, url in shared if url]
        if not lines:
            url = self._link(deeplinks.topic_payload("sitzungen"))
            lines = [f"{t.topics.get('sitzungen', 'Sitzungen')}: {url}"] if url else []
        if lines:
            paragraphs.append((Span(a.share_topics),))
            paragraphs.append((Span("\n".join(lines[:12])),))
        return Reply(tuple(paragraphs), tuple(rows))

    # -- deep links -------------------------------------------------------------------------

    def deep_link(self, who: Person, payload: str) -> Reply | None:
        """/start PAYLOAD from a t.me link (see bot.deeplinks): subscribe to a topic or a
        keyword, or show an event; None when the payload asks for nothing known (the
        caller greets as usual)."""
        start = deeplinks.parse(payload)
        if start is None:
            return None
        a = alert_texts_for(who.language_code)
        t = agenda_texts_for(who.language_code)
        if start.kind == "keyword":
            return self._add_keyword(who, start.value, deep=True)
        if start.kind == "event":
            return self.event_card(who, int(start.value))
        if start.value in ("alle", "all", "alles"):
            self.cal.subscribe_all(who.chat_id, user_id=who.user_id, language=who.language_code)
            return Reply.text(t.abo_all_done)
        offered, mine = self.cal.topics(who.chat_id)
        topic = next((o for o in offered if deeplinks.slug(o) == start.value), None)
        if topic is None:
            return None
        if topic not in mine:
            self.cal.toggle(who.chat_id, topic, user_id=who.user_id, language=who.language_code)
        label = shorten(t.topics.get(topic, topic.title()), MAX_LABEL)
        return Reply.text(a.deeplink_topic.format(topic=label))

    def event_card(self, who: Person, event_id: int) -> Reply | None:
        """One event as /termine shows it (with its .ics button), or None when it is not
        listed (past, proposed, unknown)."""
        t = agenda_texts_for(who.language_code)
        e = self.cal.listed(event_id)
        if e is None or e.id is None:
            return None
        place = f" ({shorten(e.place, MAX_LISTED_PLACE)})" if e.place else ""
        paragraphs: list[tuple[Span, ...]] = [
            (Span(f"#{e.id} {when(e)} – "), Span(shorten(e.title, MAX_TITLE), "bold"), Span(place))
        ]
        items = agenda_lines(t, ev.agenda_of(self.cal.db, e.id), internal=who.internal)
        if items:
            paragraphs.append((Span("\n".join(items), "italic"),))
        rows: list[tuple[Button, ...]] = [
            (Button(t.button_ics.format(n=e.id), Action("ics", (e.id, e.version)).encode()),)
        ]
        web = ev.web_of(self.cal.db, e.id)
        if web:
            rows.append((Button(t.button_web_event.format(n=e.id), url=web),))
        return Reply(tuple(paragraphs), tuple(rows))

    # -- quiet hours --------------------------------------------------------------------------

    def quiet(self, who: Person, args: str) -> Reply:
        """/ruhezeit 22-7 | aus: alerts and announcements wait; reminders move before."""
        a = alert_texts_for(who.language_code)
        if not args.strip():
            found = self.cal.quiet(who.chat_id)
            if found is None:
                return Reply.text(a.quiet_none)
            return Reply.text(a.quiet_now.format(label=found.label()))
        try:
            parsed = qt.parse(args)
        except ValueError:
            return Reply.text(a.quiet_usage)
        self.cal.set_quiet(who.chat_id, parsed)
        if parsed is None:
            return Reply.text(a.quiet_off)
        return Reply.text(a.quiet_set.format(label=parsed.label()))

    def unsubscribe(self, who: Person) -> Reply:
        """Stop everything."""
        self.cal.unsubscribe_all(who.chat_id)
        return Reply.text(agenda_texts_for(who.language_code).abo_stopped)

    def reminders(self, who: Person, args: str) -> Reply:
        """Show or set the reminder offsets (and say so when nothing is subscribed)."""
        t = agenda_texts_for(who.language_code)
        subscribed = self.cal.subscribed(who.chat_id)
        if not args.strip():
            text = t.offsets_now if subscribed else t.offsets_not_subscribed
            return Reply.text(text.format(offsets=offsets_text(t, self.cal.offsets(who.chat_id))))
        try:
            offsets = parse_offsets(args)
        except ParseError as exc:
            return self._error(who, str(exc))
        self.cal.set_offsets(who.chat_id, offsets, user_id=who.user_id, language=who.language_code)
        text = t.offsets_set if subscribed else t.offsets_set_not_subscribed
        return Reply.text(text.format(offsets=offsets_text(t, offsets)))

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

    def _topic(self, who: Person, args: str) -> tuple[str | None, str] | Reply:
        """A leading `#thema` (a kind or a committee, as /abo offers it): (topic, the rest)."""
        text = args.strip()
        if not text.startswith("#"):
            return None, text
        word, _, rest = text.partition(" ")
        topic = self.cal.event_topic(word[1:])
        return self._error(who, "bad_topic") if topic is None else (topic, rest)

    def _topic_line(self, who: Person, event: Event) -> str:
        """'Thema: Sozialausschuss (Sitzungen)': the topic and kind whose subscribers hear of
        the event; a kind found in the title says how to choose another."""
        t = agenda_texts_for(who.language_code)
        kind = self.cal.event_kind(event)
        kind_label = t.topics.get(kind, kind.title())
        if event.topic is None:
            return t.event_topic_from_title.format(topic=kind_label)
        key = event.topic.strip().lower()
        if key == kind:
            return t.event_topic.format(topic=kind_label)
        label = shorten(t.topics.get(key, key.title()), MAX_LABEL)
        return t.event_topic.format(topic=f"{label} ({kind_label})")

    def _listed(self, who: Person, ident: str) -> Event | Reply:
        """The event `ident` (a number from /termine, "#12" too) names, or the refusal."""
        t = agenda_texts_for(who.language_code)
        number = ident.strip().lstrip("#")
        event = self.cal.listed(int(number)) if re.fullmatch(r"[0-9]{1,18}", number) else None
        return event if event is not None else Reply.text(t.event_not_found.format(id=number))

    def new_event(self, who: Person, args: str) -> Reply:
        """/termin_neu [#thema] TT.MM.JJJJ HH:MM Titel [@ Ort]"""
        if denied := self._denied(who):
            return denied
        topic = self._topic(who, args)
        if isinstance(topic, Reply):
            return topic
        try:
            made = self._event_from(who, parse_event_command(topic[1]))
        except ParseError as exc:
            return self._error(who, str(exc))
        if isinstance(made, Reply):
            return made
        # Without a topic the kind follows from the title (also after a change of title).
        event = self.cal.create(replace(made, topic=topic[0]), by=who.user_id)
        t = agenda_texts_for(who.language_code)
        return Reply.text(
            t.event_created.format(id=event.id, when=when(event), title=event.title),
            self._topic_line(who, event),
        )

    def change_event(self, who: Person, args: str) -> Reply:
        """/termin_aendern ID [#thema] TT.MM.JJJJ HH:MM Titel [@ Ort]: only an event /termine
        lists; without a topic it keeps its topic."""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        first, _, rest = args.strip().partition(" ")
        if not first.lstrip("#").isdigit():
            return self._error(who, "change_usage")
        existing = self._listed(who, first)
        if isinstance(existing, Reply):
            return existing
        if existing.source in READ_ONLY_SOURCES:
            return _read_only(who, existing)
        topic = self._topic(who, rest)
        if isinstance(topic, Reply):
            return topic
        try:
            made = self._event_from(who, parse_event_command(topic[1]))
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
                topic=topic[0] or existing.topic,
                description=existing.description,
                source=existing.source,
                document=existing.document,
                status=existing.status,
                uid=existing.uid,
                id=existing.id,
            )
        )
        return Reply.text(
            t.event_changed.format(id=changed.id, when=when(changed), title=changed.title),
            self._topic_line(who, changed),
        )

    def delete_event(self, who: Person, args: str) -> Reply:
        """/termin_loeschen ID: asks first (buttons "Ja, löschen" and "Abbrechen")."""
        if denied := self._denied(who):
            return denied
        if not args.strip().lstrip("#").isdigit():
            return self._error(who, "delete_usage")
        event = self._listed(who, args)
        if isinstance(event, Reply):
            return event
        if event.source in READ_ONLY_SOURCES:
            return _read_only(who, event)
        return self._delete_question(who, event)

    def _delete_question(self, who: Person, event: Event) -> Reply:
        t = agenda_texts_for(who.language_code)
        assert event.id is not None
        ref = (event.id, event.version)
        return Reply(
            (
                (
                    Span(
                        t.delete_confirm.format(
                            id=event.id, when=when(event), title=shorten(event.title, MAX_TITLE)
                        )
                    ),
                ),
            ),
            (
                (
                    Button(t.button_yes_delete, Action("delok", (*ref, 1)).encode()),
                    Button(t.button_cancel, Action("delok", (*ref, 0)).encode()),
                ),
            ),
        )

    def _edit_command(self, who: Person, event: Event) -> Reply:
        """The exact command that changes `event`, filled in with what it is now."""
        t = agenda_texts_for(who.language_code)
        topic = f" #{event.topic.strip().replace(' ', '_')}" if event.topic else ""
        place = f" @ {shorten(event.place, MAX_PLACE)}" if event.place else ""
        title = shorten(event.title, MAX_TITLE)
        command = f"/{t.edit_command} {event.id}{topic} {when(event)} {title}{place}"
        return Reply(((Span(t.edit_hint.format(id=event.id)),), (Span(command, "code"),)))

    def _event_button(self, who: Person, action: Action) -> Reply:
        """Change, delete, and the answer to "delete?" from the staff buttons of /termine."""
        t = agenda_texts_for(who.language_code)
        event_id, version = action.args[0], action.args[1]
        if action.kind == "delok" and not action.args[2]:
            return Reply.text(t.delete_kept.format(id=event_id))
        event = self.cal.listed(event_id)
        if event is None or event.version != version:
            return Reply.text(t.event_changed_meanwhile.format(id=event_id))
        if event.source in READ_ONLY_SOURCES:
            return _read_only(who, event)
        if action.kind == "edit":
            return self._edit_command(who, event)
        if action.kind == "del":
            return self._delete_question(who, event)
        if not self.cal.delete(event_id):
            return Reply.text(t.event_changed_meanwhile.format(id=event_id))
        return Reply.text(t.event_deleted.format(id=event_id))

    def proposals(self, who: Person, page: int = 1) -> Reply:
        """Proposals from minutes that lie ahead, PROPOSALS_PAGE at a time, each with accept
        and discard buttons, and "zurück"/"weiter" buttons between pages. Past ones are left
        out (history, in `gremienbot events --all`); a page that no longer exists (proposals
        were decided meanwhile) shows the last one."""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        ahead = self.cal.proposals(None, ahead=True)
        past = len(self.cal.proposals(None)) - len(ahead)
        past_note = (Span(t.proposals_past.format(n=past)),) if past > 0 else None
        if not ahead:
            return Reply(((Span(t.proposals_empty),), *([past_note] if past_note else [])))
        pages = -(-len(ahead) // PROPOSALS_PAGE)
        page = min(max(page, 1), pages)
        waiting = ahead[(page - 1) * PROPOSALS_PAGE : page * PROPOSALS_PAGE]
        title = t.proposals_title
        if pages > 1:
            title = title.removesuffix(":") + t.proposals_page.format(page=page, pages=pages)
            title += ":" if t.proposals_title.endswith(":") else ""
        paragraphs: list[tuple[Span, ...]] = [(Span(title, "bold"),)]
        rows: list[tuple[Button, ...]] = []
        for e in waiting:
            assert e.id is not None
            source = f" [{shorten(e.document, MAX_NAME)}]" if e.document else ""
            title = shorten(e.title, MAX_TITLE)
            paragraphs.append((Span(f"#{e.id} {when(e)} – "), Span(title, "bold"), Span(source)))
            if e.description:
                paragraphs.append((Span(shorten(e.description, MAX_SNIPPET), "italic"),))
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
        turn = []
        if page > 1:
            turn.append(Button(t.button_previous, Action("pp", (page - 1,)).encode()))
        if page < pages:
            turn.append(Button(t.button_next, Action("pp", (page + 1,)).encode()))
        if turn:
            rows.append(tuple(turn))
        if past_note:
            paragraphs.append(past_note)
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
        """Pending, sent and failed counts; due deliveries waiting over a minute, if any."""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        text = t.status.format(**self.cal.status())
        late, oldest = self.cal.overdue()
        if late and oldest is not None:
            text += "\n" + t.status_overdue.format(n=late, since=format_local(oldest))
        run = last_run(self.cal.db)
        if run is not None:
            text += "\n" + sync_status(t, run, running=bool(self.syncer and self.syncer.running))
        elif self.syncer is not None and self.syncer.running:
            text += "\n" + t.sync_running
        return Reply.text(text)

    def sync_now(self, who: Person) -> Reply:
        """/sync: a sync with the council information system now (staff)."""
        if denied := self._denied(who):
            return denied
        t = agenda_texts_for(who.language_code)
        if self.syncer is None:
            return Reply.text(t.sync_not_configured)
        return Reply.text(t.sync_started if self.syncer.start() else t.sync_running)

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
            # Only what /termine lists: confirmed events. A crafted id of a proposal (which
            # quotes the paper it came from) or a discarded one is stale like any old button.
            event = self.cal.get(action.args[0])
            if event is None or event.status != "confirmed" or event.version != action.args[1]:
                return stale
            if not usable(event):  # stored outside the date window: /termine does not list it
                return stale
            from scheduler.ics import export_ics

            if event.document is not None:  # found in minutes: the quote is not for calendars
                event = replace(event, description=None)
            data = export_ics([event], now=self.cal.clock.now())
            name = re.sub(r"[^\w-]+", "-", event.title.lower()).strip("-")[:40] or "termin"
            return Reply(
                attachment=Attachment(
                    f"{name}.ics",
                    data,
                    t.ics_caption.format(title=shorten(event.title, MAX_TITLE), when=when(event)),
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
        if action.kind == "kwd":
            a = alert_texts_for(who.language_code)
            removed = self.cal.remove_keyword(who.chat_id, action.args[0])
            if removed is None:
                return Reply(toast=a.keyword_gone, paragraphs=self._topics_reply(who).paragraphs)
            reply = self._topics_reply(who)
            toast = a.keyword_removed.format(word=shorten(removed, MAX_LABEL))
            return Reply(reply.paragraphs, reply.buttons, toast=toast)
        if (denied := self._denied(who)) is not None:
            return Reply(toast=denied.paragraphs[0][0].text, paragraphs=denied.paragraphs)
        if action.kind in ("edit", "del", "delok"):
            return self._event_button(who, action)
        if action.kind == "pp":
            return self.proposals(who, page=action.args[0])
        if action.kind in ("acc", "dis"):
            event = self.cal.get(action.args[0])
            if event is None or event.version != action.args[1]:
                return Reply.text(t.decided_already)
            if action.kind == "acc" and not usable(event):
                return self._error(who, "date_out_of_range")  # like /termin_neu; no change
            if action.kind == "acc" and is_over(event, self.cal.clock.now()):
                return self._error(who, "in_past")  # the rule of /termin_neu; nothing changes
            decided = self.cal.decide(action.args[0], accept=action.kind == "acc")
            if decided is None:
                return Reply.text(t.decided_already)
            text = t.accepted if action.kind == "acc" else t.discarded
            return Reply.text(
                text.format(title=shorten(decided.title, MAX_TITLE), when=when(decided))
            )
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


def sync_status(t: AgendaTexts, run: Run, *, running: bool = False) -> str:
    """/status: when the last sync ended (Berlin time), its counts, its errors."""
    when_text = format_local(run.finished_at)
    if run.report is None:
        line = t.sync_failed.format(when=when_text, error=shorten(run.error or "", 300))
    else:
        r = run.report

        def part(kind: str) -> str:
            c = r.get(kind, {})
            return t.sync_counts.format(
                kind=t.sync_kinds[kind],
                new=c.get("new", 0),
                changed=c.get("changed", 0),
                deleted=c.get("deleted", 0),
                skipped=c.get("skipped", 0),
            )

        errors = [str(e) for e in r.get("errors", [])]
        line = t.sync_last.format(
            when=when_text,
            counts="; ".join(part(k) for k in ("papers", "meetings", "organizations")),
            errors=len(errors),
        )
        if errors:
            shown = [shorten(e, 200) for e in errors[:3]]
            more = len(errors) - len(shown)
            line += "\n" + "\n".join(f"– {e}" for e in shown)
            if more:
                line += "\n" + t.sync_more_errors.format(n=more)
    return line + ("\n" + t.sync_running if running else "")


def announcement_exists(cal: Calendar, announcement_id: int) -> bool:
    """Whether an announcement is stored (diagnostics)."""
    return ann.get(cal.db, announcement_id) is not None
