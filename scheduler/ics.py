"""RFC 5545 calendar files in and out (icalendar; recurrences expanded with python-dateutil).

Export: timed events with TZID=Europe/Berlin wall times and a VTIMEZONE; all-day events as
DATE values (DTEND exclusive). Import: DATE -> all-day; TZID -> that zone (a VTIMEZONE of the
file, an Olson name also written `/Europe/Stockholm`; Windows names for Central Europe map to
Europe/Berlin); floating times and unknown zones are read as Berlin; UTC stays UTC.

A recurring event (RRULE, RDATE, EXDATE; RECURRENCE-ID overrides, also cancelled ones) becomes
one event per occurrence from a day before `now` to `now` + 12 months, each with the uid
`<UID>@<original start in UTC>` (`<UID>@<YYYYMMDD>` for all-day ones), so a re-import finds it
again and a moved occurrence keeps its uid. Bounded: at most MAX_PER_SERIES occurrences per
series and MAX_PER_FILE events per file, MAX_STEPS instants walked per series, EXPANSION_SECONDS
of expansion per file; rules more frequent than daily, with INTERVAL outside 1..1000 or with a
month/day combination that never occurs are refused. Every refusal is reported (`refused`).

Cancelled events are skipped; a broken VEVENT is skipped; an event with a date outside the
calendar's window (scheduler.events.in_window) is refused and reported; a file that is no
calendar raises IcsError. Export leaves out stored events outside the window.
"""

from __future__ import annotations

import hashlib
import logging
import time as _time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rruleset, rrulestr
from icalendar import Calendar as ICalendar
from icalendar import Event as IEvent

from scheduler.events import BERLIN, Event, in_window, to_utc, usable, window_text

log = logging.getLogger(__name__)

WINDOWS_ZONES = {
    "w. europe standard time": "Europe/Berlin",
    "central europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Berlin",
    "central european standard time": "Europe/Berlin",
}

HORIZON = timedelta(days=365)  # recurring events: occurrences up to now + HORIZON
LOOKBACK = timedelta(days=1)  # ... and from now - LOOKBACK (today's stays listed)
MAX_PER_SERIES = 400  # a daily series for a year fits
MAX_PER_FILE = 3000
MAX_STEPS = 50_000  # instants a series may produce before its range ends (daily since 1890)
EXPANSION_SECONDS = 5.0  # per file; a series started after that is refused
MAX_INTERVAL = 1000
SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class IcsError(ValueError):
    """The data is not an iCalendar file; str(exc) says why in a few words."""


# Why a VEVENT (or the rest of a series) was left out.
#   window: a date outside the calendar's window; frequency: repeats more often than daily;
#   rule: a recurrence rule that cannot be expanded (INTERVAL, a day that never occurs, unreadable);
#   limit: more occurrences than MAX_PER_SERIES / events than MAX_PER_FILE (the rest is left out);
#   time: the file's expansion time (EXPANSION_SECONDS) was used up.
Reason = Literal["window", "frequency", "rule", "limit", "time"]


@dataclass(frozen=True)
class Refused:
    """A VEVENT (or the rest of a series) left out, and why."""

    title: str
    uid: str | None
    value: str  # the date as the file has it (ISO), the rule, or what could not be computed
    reason: Reason = "window"


class _OutOfWindow(Exception):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


class _Unexpandable(Exception):
    def __init__(self, reason: Reason, value: str) -> None:
        super().__init__(value)
        self.reason: Reason = reason
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


def _local(value: datetime, tzid: str | None) -> datetime:
    """An aware wall time: the value's own zone (icalendar resolves TZIDs, the file's
    VTIMEZONEs among them), else the TZID's (Windows names mapped), else Berlin."""
    if value.tzinfo is not None:
        return value
    name = (tzid or "").strip().strip('"').lstrip("/")
    if name:
        mapped = WINDOWS_ZONES.get(name.lower(), name)
        try:
            return value.replace(tzinfo=ZoneInfo(mapped))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return value.replace(tzinfo=BERLIN)


def _zone(value: datetime, tzid: str | None) -> datetime:
    return _local(value, tzid).astimezone(UTC)


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


# -- recurrences ---------------------------------------------------------------------------


def _dates(prop: Any) -> list[date]:
    """The values of RDATE/EXDATE properties (one or several lines; a PERIOD by its start)."""
    out: list[date] = []
    for item in prop if isinstance(prop, list) else [prop]:
        for value in getattr(item, "dts", None) or []:
            at = getattr(value, "dt", None)
            if isinstance(at, tuple) and at:
                at = at[0]
            if isinstance(at, date) and in_window(at):
                out.append(at)
    return out


def _align(value: date, start: datetime) -> datetime:
    """A date of the file in the form of the series' start: naive midnight for an all-day
    series, an aware instant otherwise (a DATE: that day at the series' time)."""
    if start.tzinfo is None:
        return datetime.combine(value.date() if isinstance(value, datetime) else value, time())
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=start.tzinfo)
    return datetime.combine(value, start.time(), tzinfo=start.tzinfo)


def _key(at: datetime, all_day: bool) -> str:
    """The occurrence part of a uid: the original start in UTC (the day for all-day ones)."""
    return at.strftime("%Y%m%d") if all_day else at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _rid_key(component: Any) -> str | None:
    """The key of the occurrence a RECURRENCE-ID override replaces."""
    prop = component.get("recurrence-id")
    value = getattr(prop, "dt", None)
    if not isinstance(value, date) or not in_window(value):
        return None
    if isinstance(value, datetime):
        tzid = (getattr(prop, "params", {}) or {}).get("TZID")
        return _key(_zone(value, tzid), False)
    return value.strftime("%Y%m%d")


def _never(parts: dict[str, Any]) -> bool:
    """A BYMONTH/BYMONTHDAY combination that no year has (30 February): dateutil would walk
    to the year 9999 looking for it."""
    try:
        months = [int(m) for m in parts.get("BYMONTH", [])] or list(range(1, 13))
        days = [int(d) for d in parts.get("BYMONTHDAY", [])]
    except (TypeError, ValueError):
        return True
    return bool(days) and not any(
        1 <= m <= 12 and 0 < abs(d) <= _MONTH_DAYS[m - 1] for m in months for d in days
    )


def _rules(component: Any, start: datetime) -> list[rrule]:
    from icalendar import vRecur

    found = component.get("rrule")
    out: list[rrule] = []
    for recur in found if isinstance(found, list) else [found] if found is not None else []:
        try:
            parts = {str(k).upper(): v for k, v in dict(recur).items()}
            text = recur.to_ical().decode(errors="replace")[:120]
        except Exception:  # icalendar keeps an unreadable RRULE as a broken property
            raise _Unexpandable("rule", "RRULE unlesbar") from None
        freq = str((parts.get("FREQ") or [""])[0]).upper()
        if freq in SUB_DAILY:
            raise _Unexpandable("frequency", text)
        try:
            interval = int((parts.get("INTERVAL") or [1])[0])
        except (TypeError, ValueError):
            raise _Unexpandable("rule", text) from None
        if not 1 <= interval <= MAX_INTERVAL or _never(parts):
            raise _Unexpandable("rule", text)
        until = (parts.pop("UNTIL", None) or [None])[0]
        try:
            rule = rrulestr(vRecur(parts).to_ical().decode(), dtstart=start)  # type: ignore[no-untyped-call]
            if isinstance(until, date) and in_window(until) and "COUNT" not in parts:
                rule = rule.replace(until=_align(until, start))
        except (ValueError, TypeError, OverflowError) as exc:
            raise _Unexpandable("rule", text) from exc
        if not isinstance(rule, rrule):
            raise _Unexpandable("rule", text)
        out.append(rule)
    return out


def _starts(
    component: Any, start: datetime, lo: datetime, hi: datetime, deadline: float
) -> tuple[list[datetime], Reason | None]:
    """The original starts of a series between lo and hi (DTSTART, RRULEs, RDATEs, less
    EXDATEs), and why the walk stopped early (None: it did not)."""
    series = rruleset()
    for rule in _rules(component, start):
        series.rrule(rule)
    series.rdate(start)  # DTSTART is the first occurrence (RFC 5545 3.8.5.3)
    for value in _dates(component.get("rdate")):
        series.rdate(_align(value, start))
    for value in _dates(component.get("exdate")):
        series.exdate(_align(value, start))
    out: list[datetime] = []
    for steps, at in enumerate(series, 1):
        if at > hi:
            return out, None
        if steps > MAX_STEPS:
            return out, "limit"
        if _time.monotonic() > deadline:
            return out, "time"
        if at >= lo:
            out.append(at)
            if len(out) >= MAX_PER_SERIES:
                return out, "limit"
    return out, None


def _expand(
    component: Any,
    overrides: dict[str, Any],
    lo: datetime,
    hi: datetime,
    deadline: float,
    refuse: Callable[[Any, Reason, str], None],
) -> list[Event]:
    """One event per occurrence of a recurring VEVENT between lo and hi; RECURRENCE-ID
    overrides replace (or cancel) theirs."""
    base = _event(component)
    if base is None:
        return []
    if _time.monotonic() > deadline:
        raise _Unexpandable("time", f"{EXPANSION_SECONDS:g} s")
    prop = component.get("dtstart")
    raw = prop.dt
    if base.all_day:
        start = datetime.combine(raw, time())
        span = (base.end_at - base.start_at).days if base.end_at else None
        lo_, hi_ = (x.astimezone(BERLIN).replace(tzinfo=None) for x in (lo, hi))
    else:
        start = _local(raw, (getattr(prop, "params", {}) or {}).get("TZID"))
        span, lo_, hi_ = None, lo, hi
    duration = base.end_at - base.start_at if base.end_at else None
    starts, stopped = _starts(component, start, lo_, hi_, deadline)
    if stopped is not None:
        refuse(component, stopped, f"nach {len(starts)} Terminen")
    found: dict[str, Event] = {}
    for at in starts:
        key = _key(at, base.all_day)
        if base.all_day:
            start_at = to_utc(at.date(), None)
            end_at = to_utc(at.date() + timedelta(days=max(span, 1)), None) if span else None
        else:
            start_at = at.astimezone(UTC)
            end_at = start_at + duration if duration is not None else None
        found[key] = replace(base, start_at=start_at, end_at=end_at, uid=f"{base.uid}@{key}")
    for key, override in overrides.items():
        if str(override.get("status") or "").upper() == "CANCELLED":
            found.pop(key, None)
            continue
        try:
            moved = _event(override)
        except _OutOfWindow as exc:
            found.pop(key, None)
            refuse(override, "window", exc.value)
            continue
        if moved is not None and (key in found or lo <= moved.start_at <= hi):
            found[key] = replace(moved, uid=f"{base.uid}@{key}")
    return sorted(found.values(), key=lambda e: (e.start_at, e.uid or ""))


def _title(component: Any) -> str:
    return " ".join(str(component.get("summary") or "").split()) or "(ohne Titel)"


def import_ics(
    data: bytes,
    *,
    refused: list[Refused] | None = None,
    now: datetime | None = None,
    horizon: timedelta = HORIZON,
    seconds: float = EXPANSION_SECONDS,
) -> list[Event]:
    """Events of an .ics file (status confirmed, no id); a recurring event gives one event per
    occurrence from `now` - LOOKBACK to `now` + `horizon` (now: the current time). Events
    left out (a date outside the calendar's window, a rule that cannot be expanded, the
    limits) are appended to `refused` (logged when that is None)."""
    # icalendar and dateutil warn about guessed zones and COUNT with UNTIL: read anyway.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _import(data, refused, now or datetime.now(UTC), horizon, seconds)


def _import(
    data: bytes,
    refused: list[Refused] | None,
    now: datetime,
    horizon: timedelta,
    seconds: float,
) -> list[Event]:
    text = data.lstrip(b"\xef\xbb\xbf").strip()
    if b"BEGIN:VCALENDAR" not in text[:2000].upper():
        raise IcsError("not an iCalendar file (no BEGIN:VCALENDAR)")
    try:
        cal = ICalendar.from_ical(text)
    except Exception as exc:
        raise IcsError(f"not a readable iCalendar file: {str(exc)[:80]}") from exc
    lo, hi = now - LOOKBACK, now + horizon
    deadline = _time.monotonic() + seconds

    def refuse(component: Any, reason: Reason, value: str) -> None:
        left_out = Refused(
            _title(component), str(component.get("uid") or "").strip() or None, value, reason
        )
        if refused is not None:  # the caller reports it
            refused.append(left_out)
        else:
            log.warning("VEVENT %r left out (%s): %s", left_out.uid, reason, value)

    masters: list[Any] = []
    overrides: dict[str, dict[str, Any]] = {}
    for component in cal.walk("VEVENT"):
        uid = str(component.get("uid") or "").strip()
        if component.get("recurrence-id") is not None and uid:
            key = _rid_key(component)
            if key is not None:
                overrides.setdefault(uid, {})[key] = component
                continue
        masters.append(component)
    out: list[Event] = []
    for component in masters:
        if len(out) >= MAX_PER_FILE:
            refuse(component, "limit", f"mehr als {MAX_PER_FILE} Termine in der Datei")
            continue
        uid = str(component.get("uid") or "").strip()
        try:
            if str(component.get("status") or "").upper() == "CANCELLED":
                overrides.pop(uid, None)
                continue
            if component.get("rrule") is None and component.get("rdate") is None:
                event = _event(component)
                if event is not None:
                    out.append(event)
                continue
            out.extend(_expand(component, overrides.pop(uid, {}), lo, hi, deadline, refuse))
        except _OutOfWindow as exc:
            refuse(component, "window", exc.value)
        except _Unexpandable as exc:
            refuse(component, exc.reason, exc.value)
        except Exception:  # one broken VEVENT must not spoil the file
            log.warning("skipping an unreadable VEVENT", exc_info=True)
    for uid, items in overrides.items():  # overrides whose series is not in the file
        for key, component in items.items():
            try:
                if str(component.get("status") or "").upper() == "CANCELLED":
                    continue
                event = _event(component)
            except _OutOfWindow as exc:
                refuse(component, "window", exc.value)
                continue
            except Exception:
                log.warning("skipping an unreadable VEVENT", exc_info=True)
                continue
            if event is not None:
                out.append(replace(event, uid=f"{uid}@{key}"))
    if len(out) > MAX_PER_FILE:
        refuse(masters[-1] if masters else cal, "limit", f"mehr als {MAX_PER_FILE} Termine")
        out = out[:MAX_PER_FILE]
    return out


def describe(refusal: Refused) -> str:
    """Why an event was left out, in German, for the CLI and logs."""
    value = refusal.value[:80]
    if refusal.reason == "window":
        return f"Datum {value} liegt außerhalb von {window_text()}"
    if refusal.reason == "frequency":
        return f"wiederholt sich öfter als täglich ({value})"
    if refusal.reason == "rule":
        return f"Wiederholungsregel nicht auswertbar ({value})"
    if refusal.reason == "limit":
        return f"zu viele Wiederholungen, der Rest fehlt ({value})"
    return f"Zeit für Wiederholungen aufgebraucht ({value})"
