"""ICS in and out, appointment proposals from the minutes, and `gremienbot events`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.passages import split_passages
from knowledge.repair import repair_text
from scheduler.events import Event, to_utc
from scheduler.ics import IcsError, export_ics, import_ics
from scheduler.proposals import find_appointments
from tests.conftest import demo_corpus_dir

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_ics_round_trip_keeps_instants_across_dst() -> None:
    events = [
        Event(
            "Jury, Sitzung; neu\nzweite Zeile 😀",
            to_utc(date(2026, 3, 29), time(10, 0)),
            end_at=to_utc(date(2026, 3, 29), time(12, 0)),
            place="Kreishaus Siegburg",
            topic="Jury",
            id=1,
        ),
        Event("Jahresabschlussfeier", to_utc(date(2026, 12, 2), None), all_day=True, id=2),
        Event("Herbstsitzung", to_utc(date(2026, 10, 25), time(2, 30)), id=3),
    ]
    data = export_ics(events, now=NOW)
    assert data == export_ics(events, now=NOW)  # stable
    assert b"BEGIN:VTIMEZONE" in data
    assert b"TZID:Europe/Berlin" in data
    back = import_ics(data)
    assert [(e.title, e.start_at, e.end_at, e.all_day, e.place, e.topic) for e in back] == [
        (
            e.title,
            e.start_at,
            e.end_at if not e.all_day else to_utc(date(2026, 12, 3), None),
            e.all_day,
            e.place,
            e.topic,
        )
        for e in events
    ]
    assert [e.uid for e in back] == [
        "gremienbot-1@gremienbot",
        "gremienbot-2@gremienbot",
        "gremienbot-3@gremienbot",
    ]


def test_ics_import_of_foreign_files() -> None:
    outlook = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\n"
        b'DTSTART;TZID="W. Europe Standard Time":20260616T183000\r\nSUMMARY:Preisverleihung\r\n'
        b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:a2\r\nDTSTART:20260101T090000Z\r\nSUMMARY:UTC\r\n"
        b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:a3\r\nDTSTART:20260701T100000\r\nSUMMARY:Floating\r\n"
        b"RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a4\r\nDTSTART:20260701T100000\r\n"
        b"STATUS:CANCELLED\r\nSUMMARY:Abgesagt\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a5\r\n"
        b"SUMMARY:kaputt ohne Start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    events = import_ics(outlook, now=NOW)
    found = {e.title: e for e in events}
    assert set(found) == {"Preisverleihung", "UTC", "Floating"}
    assert found["Preisverleihung"].start_at == datetime(2026, 6, 16, 16, 30, tzinfo=UTC)
    assert found["UTC"].start_at == datetime(2026, 1, 1, 9, tzinfo=UTC)
    # A weekly series from 01.07.2026 10:00 (floating: Berlin): its occurrences of the next
    # 12 months, 10:00 Berlin in winter (09:00 UTC) and summer (08:00 UTC) alike.
    weekly = [e for e in events if e.title == "Floating"]
    assert weekly[0].start_at == datetime(2026, 11, 25, 9, tzinfo=UTC)
    assert weekly[0].uid == "a3@20261125T090000Z"
    assert datetime(2027, 7, 7, 8, tzinfo=UTC) in {e.start_at for e in weekly}
    assert len(weekly) == 52  # 25.11.2026 .. 17.11.2027


@pytest.mark.parametrize("data", [b"", b"\x00\xff\x10binary", b"hello world", b"BEGIN:VCALENDAR"])
def test_ics_garbage_is_one_clear_error(data: bytes) -> None:
    with pytest.raises(IcsError, match="iCalendar"):
        import_ics(data)


def test_empty_calendar_has_no_events() -> None:
    assert import_ics(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n") == []


def corpus_sentences(name: str) -> list[str]:
    text = (demo_corpus_dir() / name).read_text(encoding="utf-8")
    return [p.text for p in split_passages(repair_text(text))]


def test_appointments_in_the_2019_minutes() -> None:
    found = find_appointments(
        corpus_sentences("2019-ki-baustein-6-und-themenschwerpunkte.txt"),
        document="b.txt",
        year=2019,
    ) + find_appointments(
        corpus_sentences("2019-ki-sachstand-gemeinsam-klappts.txt"), document="s.txt", year=2019
    )
    got = {(p.day.isoformat(), p.title) for p in found}
    assert got >= {
        ("2020-04-29", "Kooperationsveranstaltung"),
        ("2020-04-30", "Kooperationsveranstaltung"),  # "29. bzw. 30.04.": held twice
        ("2020-06-16", "Integrationspreisverleihung"),
        ("2020-09-03", "Siegelverleihung"),
        ("2020-12-02", "Jahresabschlussfeier für Ehrenamtler"),
        ("2019-11-21", "Jurytermin"),
        ("2019-11-06", "Wertedialog"),
    }
    assert all(p.end_day is None for p in found)
    assert all(p.day.isoformat() != "2019-11-28" for p in found)  # guidelines "angekündigt"
    # "Bei der Tagung ... am 13.11.2019 sei ... entschieden worden": history (issue 10).
    assert all(p.day.isoformat() != "2019-11-13" for p in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Datum: 04.09.2013",
        "Das am 25.02.2012 in Kraft getretene Teilhabe- und Integrationsgesetz sieht vor.",
        "Am 14.02.2012 trat das Gesetz in Kraft.",
        "Im vergangenen Jahr startete der Förderzeitraum des Moduls 2 erst am 01.07.2020 und "
        "endete zum 31.12.2020.",
        "Diese mussten bis zum 31.07.2013 in Kommunale Integrationszentren überführt haben.",
        "Man warte auf die weiteren Richtlinien, die für den 28.11.2019 angekündigt wurden.",
        "Die Sitzung findet am 31.02.2020 statt.",
        "Im Februar 2011 wurde das Integrationskonzept veröffentlicht.",
    ],
)
def test_no_appointments_in_dates_that_are_none(sentence: str) -> None:
    assert find_appointments([sentence], document="x.txt", year=2013) == []


def test_proposals_never_raise() -> None:
    import random

    rng = random.Random(3)
    for _ in range(300):
        junk = "".join(rng.choice("0123456789. /-bzw.amAmTagungJury„“") for _ in range(60))
        find_appointments([junk], document="x", year=2020)


def test_cli_events_json_import_export_and_proposals(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "kb.db")
    result = runner.invoke(main, ["--db", db, "ingest", str(demo_corpus_dir())])
    assert result.exit_code == 0
    assert "Terminvorschl" in result.stdout
    listed = json.loads(runner.invoke(main, ["--db", db, "events", "--json", "--all"]).stdout)
    assert {"date", "time", "title", "text", "status", "document"} <= set(listed[0])
    assert {e["status"] for e in listed} == {"proposed"}
    jury = next(e for e in listed if e["title"] == "Jurytermin")
    assert (jury["date"], jury["time"]) == ("2019-11-21", None)
    assert jury["document"] == "2019-ki-sachstand-gemeinsam-klappts.txt"
    assert json.loads(runner.invoke(main, ["--db", db, "events", "--json"]).stdout) == []
    ics = tmp_path / "in.ics"
    ics.write_bytes(
        export_ics(
            [Event("Kreistag", datetime(2030, 5, 4, 15, tzinfo=UTC), place="Siegburg", uid="k1")],
            now=NOW,
        )
    )
    for _ in range(2):  # importing twice changes nothing
        assert runner.invoke(main, ["--db", db, "events", "import", str(ics)]).exit_code == 0
    upcoming = json.loads(runner.invoke(main, ["--db", db, "events", "--json"]).stdout)
    assert [(e["date"], e["time"], e["title"]) for e in upcoming] == [
        ("2030-05-04", "17:00", "Kreistag")
    ]
    out = tmp_path / "out.ics"
    assert runner.invoke(main, ["--db", db, "events", "export", str(out)]).exit_code == 0
    assert [e.title for e in import_ics(out.read_bytes())] == ["Kreistag"]
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"not a calendar")
    result = runner.invoke(main, ["--db", db, "events", "import", str(bad)])
    assert result.exit_code == 1
    assert "iCalendar" in result.stderr


def test_non_public_documents_answer_staff_only(tmp_path: Path) -> None:
    from knowledge.base import KnowledgeBase
    from knowledge.ingest import ingest_paths
    from knowledge.store import open_db

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "intern.txt").write_text("Die Personalakte von Herrn Muster liegt im Amt 50.\n")
    (folder / "corpus.json").write_text(
        json.dumps(
            {"documents": {"intern.txt": {"title": "Intern", "year": 2026, "public": False}}}
        )
    )
    kb = KnowledgeBase(open_db(tmp_path / "kb.db"))
    ingest_paths(kb.db, [folder])
    assert not kb.ask("Wo liegt die Personalakte?").answered
    assert kb.ask("Wo liegt die Personalakte?", internal=True).answered
    assert kb.documents() == []
    assert [d.name for d in kb.documents(internal=True)] == ["intern.txt"]
