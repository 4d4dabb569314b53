"""Calendar: the one object the bot and the CLI use for events, subscriptions, reminders and
announcements. Every change and the outbox rows it causes are one transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

import sqlite_utils

from scheduler import alerts, outbox
from scheduler import announcements as ann
from scheduler import events as ev
from scheduler import quiet as qt
from scheduler import subscriptions as subs
from scheduler.clock import Clock

log = logging.getLogger("gremienbot.calendar")

DEFAULT_OFFSETS = "7d,1d,2h"
DOCUMENTS_EVERY = timedelta(seconds=30)  # how often the running bot looks for new documents


def ensure_schema(db: sqlite_utils.Database) -> None:
    """All scheduler tables."""
    ev.ensure_schema(db)
    subs.ensure_schema(db)
    outbox.ensure_schema(db)
    ann.ensure_schema(db)
    alerts.ensure_schema(db)
    qt.ensure_schema(db)


class Calendar:
    """Events, subscriptions and the outbox over one SQLite database."""

    def __init__(
        self, db: sqlite_utils.Database, clock: Clock, *, default_offsets: str = DEFAULT_OFFSETS
    ) -> None:
        self.db = db
        self.clock = clock
        self.default_offsets = ev.parse_offsets(default_offsets)
        self.sending: set[int] = set()  # outbox rows this process has in flight
        self._backlog_warned = False
        self._documents_checked: datetime | None = None
        ensure_schema(db)

    # -- events ---------------------------------------------------------------------------

    def _replan(self, event_ids: list[int]) -> None:
        outbox.sync_reminders(
            self.db, self.default_offsets, now=self.clock.now(), event_ids=event_ids
        )

    def create(self, event: ev.Event, *, by: int | None = None) -> ev.Event:
        """Store an event and plan its reminders (one transaction)."""
        with self.db.conn:
            created = ev.add_event(self.db, event, now=self.clock.now(), by=by)
            assert created.id is not None
            self._replan([created.id])
        return created

    def change(self, event: ev.Event, *, notify: bool = False) -> ev.Event:
        """Update an event; its pending reminders follow (moved, or cancelled). With `notify`
        the chats that had reminders pending get one notice when it is called off or moved,
        queued in the same transaction (exactly once: see outbox.queue_notices)."""
        with self.db.conn:
            before = ev.get_event(self.db, event.id) if notify and event.id is not None else None
            chats = (
                outbox.pending_reminder_chats(self.db, before.id) if before and before.id else []
            )
            changed = ev.update_event(self.db, event, now=self.clock.now())
            assert changed.id is not None
            self._replan([changed.id])
            if before is not None and chats:
                outbox.queue_notices(self.db, before, changed, chats, now=self.clock.now())
        return changed

    def set_committees(self, event_id: int, names: Sequence[str]) -> bool:
        """The committees of a joint session (each is a topic of the event; see
        subscriptions.event_topics); reminders follow. True when they changed."""
        with self.db.conn:
            if ev.committees_of(self.db, event_id) == list(names if len(names) > 1 else []):
                return False
            ev.set_committees(self.db, event_id, names)
            self._replan([event_id])
        return True

    def delete(self, event_id: int) -> bool:
        """Delete an event and cancel its pending reminders."""
        with self.db.conn:
            gone = ev.delete_event(self.db, event_id)
            self.db.conn.execute(
                "UPDATE outbox SET status='dropped', last_error='event deleted' "
                "WHERE kind='reminder' AND ref_id=? AND status='pending'",
                (event_id,),
            )
        return gone

    def decide(self, event_id: int, accept: bool) -> ev.Event | None:
        """Accept (confirm) or discard a proposal; reminders only for accepted ones."""
        with self.db.conn:
            found = ev.get_event(self.db, event_id)
            if found is None or found.status != "proposed":
                return None
            decided = ev.set_status(
                self.db, event_id, "confirmed" if accept else "discarded", now=self.clock.now()
            )
            self._replan([event_id])
        return decided

    def propose(self, proposals: Sequence[ev.Event]) -> int:
        """Store proposals from minutes (status proposed; an already known uid is kept as it
        is, so re-ingesting a document proposes nothing twice; a date outside the window is
        refused with one log line). Returns how many are new."""
        added = 0
        with self.db.conn:
            for p in proposals:
                if p.uid and ev.get_event_by_uid(self.db, p.uid) is not None:
                    continue
                if not ev.usable(p):
                    log.warning(
                        "Vorschlag „%s“ nicht übernommen: Datum außerhalb von %s",
                        p.title[:80],
                        ev.window_text(),
                    )
                    continue
                ev.add_event(self.db, replace(p, status="proposed"), now=self.clock.now())
                added += 1
        return added

    def upcoming(self, limit: int = 10) -> list[ev.Event]:
        """The next confirmed events."""
        return ev.upcoming(self.db, now=self.clock.now(), limit=limit)

    def proposals(self, limit: int | None = 20, *, ahead: bool = False) -> list[ev.Event]:
        """Proposals waiting for staff, soonest first: all of them, or only those that lie
        ahead by the calendar's clock (`ahead`; a past one is history, not a decision)."""
        rows = ev.all_events(self.db, statuses=("proposed",))
        if ahead:
            now = self.clock.now()
            rows = [e for e in rows if not ev.is_over(e, now)]
        return rows if limit is None else rows[:limit]

    def get(self, event_id: int) -> ev.Event | None:
        """One event."""
        return ev.get_event(self.db, event_id)

    def listed(self, event_id: int) -> ev.Event | None:
        """The event if /termine can list it (confirmed, not over); None for proposals,
        discarded and past events, and ids that do not exist."""
        found = ev.get_event(self.db, event_id)
        if found is None or found.status != "confirmed" or ev.is_over(found, self.clock.now()):
            return None
        return found if ev.usable(found) else None  # outside the date window: never listed

    def subscribed(self, chat_id: int) -> bool:
        """Whether a chat is subscribed to anything (and not stopped)."""
        return bool(subs.topics_of(self.db, chat_id))

    def event_topic(self, name: str) -> str | None:
        """The topic `#name` means for an event (see subscriptions.event_topic)."""
        return subs.event_topic(self.db, name)

    def event_kind(self, event: ev.Event) -> str:
        """sitzungen, jury or veranstaltungen."""
        return subs.event_kind(event)

    # -- subscriptions --------------------------------------------------------------------

    def toggle(
        self, chat_id: int, topic: str, *, user_id: int | None, language: str | None
    ) -> bool:
        """Subscribe to or leave a topic; reminders follow. True when now subscribed."""
        now = self.clock.now()
        on = subs.toggle(self.db, chat_id, topic, user_id=user_id, language=language, now=now)
        self._after_subscription_change(chat_id)
        return on

    def subscribe_all(self, chat_id: int, *, user_id: int | None, language: str | None) -> None:
        """Everything."""
        subs.subscribe_all(
            self.db, chat_id, user_id=user_id, language=language, now=self.clock.now()
        )
        self._after_subscription_change(chat_id)

    def unsubscribe_all(self, chat_id: int) -> None:
        """Stop everything, including what is already queued."""
        subs.unsubscribe_all(self.db, chat_id, now=self.clock.now())
        with self.db.conn:
            alerts.remove_all(self.db, chat_id)
            outbox.cancel_chat(self.db, chat_id)

    def set_offsets(
        self,
        chat_id: int,
        offsets: tuple[timedelta, ...] | None,
        *,
        user_id: int | None,
        language: str | None,
    ) -> None:
        """A chat's reminder offsets; reminders follow."""
        subs.set_offsets(
            self.db, chat_id, offsets, user_id=user_id, language=language, now=self.clock.now()
        )
        self._after_subscription_change(chat_id)

    def offsets(self, chat_id: int) -> tuple[timedelta, ...]:
        """The offsets that apply to a chat."""
        return subs.offsets_of(self.db, chat_id) or self.default_offsets

    def _after_subscription_change(self, chat_id: int) -> None:
        outbox.sync_reminders(self.db, self.default_offsets, now=self.clock.now(), chat_id=chat_id)

    def topics(self, chat_id: int) -> tuple[list[str], set[str]]:
        """(all topics offered, the chat's topics)."""
        return subs.available_topics(self.db), subs.topics_of(self.db, chat_id)

    # -- keyword alerts and quiet hours ---------------------------------------------------

    def add_keyword(
        self, chat_id: int, word: str, *, user_id: int | None, language: str | None
    ) -> alerts.Keyword | str:
        """Alert the chat of new documents with this word (see scheduler.alerts)."""
        return alerts.add_keyword(
            self.db, chat_id, word, user_id=user_id, language=language, now=self.clock.now()
        )

    def keywords(self, chat_id: int) -> list[alerts.Keyword]:
        """A chat's keywords."""
        return alerts.keywords_of(self.db, chat_id)

    def remove_keyword(self, chat_id: int, keyword_id: int) -> str | None:
        """Remove a keyword; its word, or None when it was gone already."""
        return alerts.remove_keyword(self.db, chat_id, keyword_id)

    def check_documents(self, admins: frozenset[int] = frozenset()) -> int:
        """Queue alerts for documents stored since the last look (by any process)."""
        return alerts.queue_alerts(self.db, now=self.clock.now(), admins=admins)

    def check_documents_if_due(
        self, admins: frozenset[int] = frozenset(), *, every: timedelta = DOCUMENTS_EVERY
    ) -> int | None:
        """check_documents when `every` has passed by the clock since the last look (the
        runner asks every second); None when it was not due."""
        now = self.clock.now()
        last = self._documents_checked
        if last is not None and last <= now < last + every:
            return None
        self._documents_checked = now
        return self.check_documents(admins)

    def set_quiet(self, chat_id: int, quiet: qt.Quiet | None) -> None:
        """A chat's quiet hours (None: none); its pending reminders move accordingly."""
        with self.db.conn:
            qt.set_quiet(self.db, chat_id, quiet)
        self._after_subscription_change(chat_id)

    def quiet(self, chat_id: int) -> qt.Quiet | None:
        """A chat's quiet hours."""
        return qt.quiet_of(self.db, chat_id)

    # -- announcements --------------------------------------------------------------------

    def announce(
        self,
        *,
        author_id: int,
        text: str,
        topic: str | None = None,
        send_at: datetime | None = None,
    ) -> tuple[ann.Announcement, int]:
        """Store a draft; returns it with the number of recipients it would reach now."""
        draft = ann.create(
            self.db,
            author_id=author_id,
            text=text,
            topic=topic,
            send_at=send_at,
            now=self.clock.now(),
        )
        return draft, len(ann.recipients(self.db, topic))

    def send_announcement(self, announcement_id: int) -> int | None:
        """Queue a draft for its recipients (once); None when it was decided already."""
        return ann.queue(self.db, announcement_id, now=self.clock.now())

    def cancel_announcement(self, announcement_id: int) -> bool:
        """Cancel a draft."""
        return ann.cancel(self.db, announcement_id, now=self.clock.now())

    # -- staff and status -----------------------------------------------------------------

    def add_staff(self, user_id: int, *, by: int) -> bool:
        """Make a user staff."""
        return subs.add_staff(self.db, user_id, by=by, now=self.clock.now())

    def is_staff(self, user_id: int, admins: frozenset[int]) -> bool:
        """Admins and the staff they added."""
        return subs.is_staff(self.db, user_id, admins)

    def status(self) -> dict[str, int]:
        """Outbox counts and subscriber numbers."""
        counts = outbox.counts(self.db)
        counts["subscribers"] = int(  # active: subscribed to something
            self.db.conn.execute(
                "SELECT count(*) FROM subscribers u WHERE active = 1 "
                "AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = u.chat_id)"
            ).fetchone()[0]
        )
        counts["inactive"] = int(
            self.db.conn.execute("SELECT count(*) FROM subscribers WHERE active = 0").fetchone()[0]
        )
        return counts

    # -- the work the runner wakes up for -------------------------------------------------

    def recover(self) -> int:
        """At start: rows a killed process left in flight go back to pending, and reminders
        are planned afresh (self-healing; planning normally happens with each change)."""
        now = self.clock.now()
        released = outbox.release_stale(self.db, now=now, older=timedelta(0))
        outbox.sync_reminders(self.db, self.default_offsets, now=now)
        return released

    async def tick(self, sender: outbox.Sender, **drain_options: object) -> int:
        """Send what is due. Returns how many messages were attempted."""
        drain_options.setdefault("sending", self.sending)
        return await outbox.drain(self.db, sender, self.clock.now, **drain_options)  # type: ignore[arg-type]

    def overdue(self) -> tuple[int, datetime | None]:
        """Due deliveries that have waited longer than a minute: how many, the oldest due."""
        return outbox.overdue(self.db, now=self.clock.now())

    def watch_backlog(self) -> int:
        """Warn once when due deliveries wait longer than a minute (the runner asks every
        second); when the backlog has cleared, the next one is worth a warning again."""
        count, oldest = self.overdue()
        if count and not self._backlog_warned and oldest is not None:
            log.warning(
                "%d due deliveries have waited longer than a minute (the oldest was due %s)",
                count,
                ev.format_local(oldest),
            )
        elif not count and self._backlog_warned:
            log.info("the deliveries have caught up")
        self._backlog_warned = bool(count)
        return count
