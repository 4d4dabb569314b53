"""A demo calendar with events from every source, for the tests of calendar questions.

The clock of tests.fakes.FakeClock stands at Monday 23.11.2026 10:00 Berlin time. The events:
an OParl session of the Integrationsrat ahead with a public and a non-public agenda item, a
past OParl session of the Kreisausschuss, a joint session (two committees) ahead, a jury
session entered by staff (/termin_neu), a Sozialausschuss session this week from an ICS
import, and an accepted proposal from minutes (all day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.oparl.mapping import SOURCE
from scheduler import events as ev
from scheduler.calendar import Calendar
from scheduler.events import AgendaItem, Event, to_utc
from scheduler.ics import import_ics

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//demo//DE
BEGIN:VEVENT
UID:sozial-2026-11-25@example.org
DTSTART;TZID=Europe/Berlin:20261125T160000
DTEND;TZID=Europe/Berlin:20261125T180000
SUMMARY:Sitzung des Sozialausschusses
LOCATION:Kreishaus Siegburg, Sitzungssaal
CATEGORIES:Sozialausschuss
END:VEVENT
END:VCALENDAR
"""


@dataclass(frozen=True)
class DemoIds:
    """The ids of the demo events."""

    integrationsrat: int
    kreisausschuss: int
    joint: int
    jury: int
    sozial: int
    proposal: int


def _oparl(
    cal: Calendar,
    uid: str,
    title: str,
    day: date,
    at: time,
    committees: list[str],
    agenda: list[AgendaItem],
    place: str,
) -> int:
    """A session as the OParl sync stores it: event, agenda, web link, committees."""
    event = cal.create(
        Event(
            title,
            to_utc(day, at),
            place=place,
            topic=committees[0],
            source=SOURCE,
            uid=uid,
        )
    )
    assert event.id is not None
    with cal.db.conn:
        ev.set_details(cal.db, event.id, f"https://ris.example.org/{uid}", agenda)
    cal.set_committees(event.id, committees)
    return event.id


def add_demo_calendar(cal: Calendar, *, staff: int = 77) -> DemoIds:
    """Store the demo events (see the module docstring); returns their ids."""
    ir = _oparl(
        cal,
        "ir-2026-12-03",
        "Sitzung des Integrationsrates",
        date(2026, 12, 3),
        time(17, 0),
        ["Integrationsrat"],
        [
            AgendaItem("1", "Eröffnung und Feststellung der Tagesordnung"),
            AgendaItem("2", "Jahresbericht der Ausländerbehörde 2025"),
            AgendaItem("3", "Personalangelegenheit Leitung Integrationszentrum", public=False),
        ],
        "Kreishaus Siegburg, Raum 1.11",
    )
    ka = _oparl(
        cal,
        "ka-2026-11-09",
        "Sitzung des Kreisausschusses",
        date(2026, 11, 9),
        time(15, 0),
        ["Kreisausschuss"],
        [AgendaItem("1", "Haushaltsplanentwurf 2027")],
        "Kreishaus Siegburg, Großer Sitzungssaal",
    )
    joint = _oparl(
        cal,
        "joint-2026-12-10",
        "Gemeinsame Sitzung Integrationsausschuss und Jugendhilfeausschuss",
        date(2026, 12, 10),
        time(14, 30),
        ["Integrationsausschuss", "Jugendhilfeausschuss"],
        [
            AgendaItem("1", "Bericht zur Schulsozialarbeit"),
            AgendaItem("2", "Vergabe Sprachkurse an Träger", public=False),
        ],
        "Kreishaus Siegburg, Raum 2.01",
    )
    jury = cal.create(
        Event(
            "Jurysitzung Integrationspreis",
            to_utc(date(2027, 1, 14), time(10, 0)),
            place="Kreishaus, Raum 3.12",
            source=f"Telegram {staff}",
        ),
        by=staff,
    )
    (sozial,) = [cal.create(e) for e in import_ics(ICS)]
    cal.propose(
        [
            Event(
                "Siegelverleihung „Gemeinsam klappt’s“",
                to_utc(date(2027, 3, 10), None),
                all_day=True,
                description="Die Siegelverleihung ist für den 10.03.2027 geplant.",
                document="2026-ki-sachstand.txt",
                uid="proposal-siegel-2027",
            )
        ]
    )
    proposal = ev.get_event_by_uid(cal.db, "proposal-siegel-2027")
    assert proposal is not None
    assert proposal.id is not None
    assert cal.decide(proposal.id, accept=True) is not None
    assert jury.id is not None
    assert sozial.id is not None
    return DemoIds(ir, ka, joint, jury.id, sozial.id, proposal.id)
