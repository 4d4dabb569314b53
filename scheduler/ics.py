"""RFC 5545 calendar files in and out (icalendar).

Export: timed events with TZID=Europe/Berlin wall times and a VTIMEZONE; all-day events as
DATE values (DTEND exclusive). Import: DATE -> all-day; TZID -> that zone (Windows names for
Central Europe map to Europe/Berlin); floating times are read as Berlin; UTC stays UTC. A
recurring event contributes its first occurrence (marked in the description); cancelled events
are skipped; a broken VEVENT is skipped; an event with a date outside the calendar's window
(scheduler.events.in_window) is refused and reported; a file that is no calendar raises IcsError.
Export leaves out stored events outside the window.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar as ICalendar
from icalendar import Event as IEvent

from scheduler.events import BERLIN, Event, in_window, to_utc, usable

log = logging.getLogger(__name__)

WINDOWS_ZONES = {
    "w. europe standard time": "Europe/Berlin",
    "central europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Berlin",
    "central european standard time": "Europe/Berlin",
}


class IcsError(ValueError):
    """The data is not an iCalendar file; str(exc) says why in a few words."""


@dataclass(frozen=True)
class Refused:
    """A VEVENT left out because one of its dates lies outside the calendar's window."""

    title: str
    uid: str | None
    value: str  # the date as the file has it (ISO), or what could not be computed


class _OutOfWindow(Exception):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def _uid(event: Event) -> str:
    return event.uid or f"gremienbot-{event.id}@gremienbot"


def export_ics(events: Sequence[Event], *, now: datetime, name: str = "gremienbot") -> bytes:
    """A VCALENDAR with one VEVENT per event; the same input gives the same bytes."""
    cal = ICalendar()
    cal.add("prodid", "-//gremienbot//Termine//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    for e in events:
        if not usable(e):  # stored before the window existed: no arithmetic on its dates
            log.warning("export: Termin #%s übersprungen (Datum außerhalb des Zeitfensters)", e.id)
            continue
        item = IEvent()
        item.add("uid", _uid(e))
        item.add("dtstamp", now.astimezone(UTC))
        item.add("summary", e.title)
        if e.all_day:
            day = e.local_start().date()
            item.add("dtstart", day)
            last = e.end_at.astimezone(BERLIN).date() if e.end_at else day + timedelta(days=1)
            item.add("dtend", max(last, day + timedelta(days=1)))
        else:
            item.add("dtstart", e.start_at.astimezone(BERLIN))
            if e.end_at:
                item.add("dtend", e.end_at.astimezone(BERLIN))
        if e.place:
            item.add("location", e.place)
        # Only the event's own description: never where it came from (`source`, e.g. who
        # created it), nor the quote of the minutes an event found there carries.
        if e.description and e.document is None:
            item.add("description", e.description)
        if e.topic:
            item.add("categories", [e.topic])
        cal.add_component(item)
    try:
        cal.add_missing_timezones()
    except Exception:  # older icalendar: UTC-offset times still import everywhere
        log.debug("could not add VTIMEZONE", exc_info=True)
    data: bytes = cal.to_ical()
    return data


def _zone(value: datetime, tzid: str | None) -> datetime:
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    name = (tzid or "").strip().strip('"')
    if name:
        mapped = WINDOWS_ZONES.get(name.lower(), name)
        try:
            return value.replace(tzinfo=ZoneInfo(mapped)).astimezone(UTC)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return value.replace(tzinfo=BERLIN).astimezone(UTC)


def _instant(prop: object) -> tuple[datetime, bool] | None:
    value = getattr(prop, "dt", None)
    params = getattr(prop, "params", {}) or {}
    if isinstance(value, date) and not in_window(value):  # checked before any conversion
        raise _OutOfWindow(value.isoformat())
    if isinstance(value, datetime):
        return _zone(value, params.get("TZID")), False
    if isinstance(value, date):
        return to_utc(value, None), True
    return None


def _event(component: Any) -> Event | None:
    start = _instant(component.get("dtstart"))
    if start is None:
        return None
    start_at, all_day = start
    end_at = None
    end = _instant(component.get("dtend"))
    if end is not None:
        end_at = end[0]
    elif component.get("duration") is not None:
        duration = component.get("duration").dt
        try:
            end_at = start_at + duration
        except OverflowError:
            raise _OutOfWindow(f"{start_at.isoformat()} + {duration}") from None
        if not in_window(end_at):
            raise _OutOfWindow(end_at.isoformat())
    title = str(component.get("summary") or "").strip() or "(ohne Titel)"
    description = str(component.get("description") or "").strip() or None
    if component.get("rrule") is not None:
        description = f"{description or ''} (wiederkehrend)".strip()
    categories = component.get("categories")
    topic = None
    if categories is not None:
        first = categories[0] if isinstance(categories, list) else categories
        cats = getattr(first, "cats", None) or [str(first)]
        topic = str(cats[0]).strip() or None
    uid = str(component.get("uid") or "").strip()
    if not uid:
        uid = "ics-" + hashlib.sha1(f"{start_at.isoformat()}|{title}".encode()).hexdigest()[:16]
    place = str(component.get("location") or "").strip() or None
    return Event(
        title[:200],
        start_at,
        end_at=end_at,
        all_day=all_day,
        place=place,
        topic=topic,
        description=description,
        source="ICS-Import",
        uid=uid,
    )


def import_ics(data: bytes, *, refused: list[Refused] | None = None) -> list[Event]:
    """Events of an .ics file (status confirmed, no id). Events with a date outside the
    calendar's window are left out: each is appended to `refused` (logged when that is None)."""
    text = data.lstrip(b"\xef\xbb\xbf").strip()
    if b"BEGIN:VCALENDAR" not in text[:2000].upper():
        raise IcsError("not an iCalendar file (no BEGIN:VCALENDAR)")
    try:
        cal = ICalendar.from_ical(text)
    except Exception as exc:
        raise IcsError(f"not a readable iCalendar file: {str(exc)[:80]}") from exc
    out: list[Event] = []
    for component in cal.walk("VEVENT"):
        try:
            if str(component.get("status") or "").upper() == "CANCELLED":
                continue
            event = _event(component)
        except _OutOfWindow as exc:
            left_out = Refused(
                " ".join(str(component.get("summary") or "").split()) or "(ohne Titel)",
                str(component.get("uid") or "").strip() or None,
                exc.value,
            )
            if refused is not None:  # the caller reports it
                refused.append(left_out)
            else:
                log.warning(
                    "VEVENT %r left out: date %s outside the window", left_out.uid, exc.value
                )
            continue
        except Exception:  # one broken VEVENT must not spoil the file
            log.warning("skipping an unreadable VEVENT", exc_info=True)
            continue
        if event is not None:
            out.append(event)
    return out
