"""Questions about sessions and events answered from the calendar (issue 13, part 1):
recognition (pure), matching against a demo calendar with events of every source, the routing
in Dialog.ask (the document answers of the question sets stay as they were), `ask --json`, and
the whole way through the real PTB Application and the stand-in Bot API server."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.calendar_answers import calendar_answer, plain
from bot.cli import main
from bot.dialog import Dialog, Person
from bot.reply import Reply
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from scheduler.asking import recognise
from scheduler.calendar import Calendar
from scheduler.events import Event
from tests.calendar_demo import DemoIds, add_demo_calendar
from tests.fakes import FakeClock
from tests.live import MEMBER, STAFF, Live

NOW = FakeClock().now()  # Monday 23.11.2026, 10:00 Berlin time
DATA = Path(__file__).parent / "data"


# -- recognition (pure) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "period", "subject", "kind", "agenda", "clear"),
    [
        ("Wann tagt der Integrationsrat?", "any", "integrationsrat", "sitzungen", False, True),
        ("Wann ist die nächste Sitzung des Sozialausschusses?", "next", "sozialausschusses",
         "sitzungen", False, True),
        ("Gibt es im Januar eine Jurysitzung?", "range", "", "jury", False, True),
        ("Was steht diese Woche an?", "range", "", None, False, True),
        ("Wann hat der Kreisausschuss zuletzt getagt?", "last", "kreisausschuss", "sitzungen",
         False, True),
        ("when is the next meeting of the integration council?", "next",
         "integration council", "sitzungen", False, True),
        ("wann tagt der ir", "any", "ir", "sitzungen", False, True),
        ("naechste sitzung sozialausschuss", "next", "sozialausschuss", "sitzungen", False, True),
        ("Wird der Jahresbericht der Ausländerbehörde im Integrationsausschuss behandelt?",
         "any", "jahresbericht auslaenderbehoerde integrationsausschuss", None, True, True),
        ("Was steht auf der Tagesordnung der nächsten Sitzung?", "next", "", "sitzungen", True,
         True),
        ("Wann ist die Siegelverleihung 2020?", "range", "siegelverleihung", None, False, False),
        ("Wann war die Tagung der Sozialdezernenten?", "any", "tagung sozialdezernenten", None,
         False, False),
    ],
)  # fmt: skip
def test_recognises_calendar_questions(
    question: str, period: str, subject: str, kind: str | None, agenda: bool, clear: bool
) -> None:
    q = recognise(question, NOW)
    assert q is not None
    assert (q.period, " ".join(q.subject), q.kind, q.agenda, q.clear) == (
        period, subject, kind, agenda, clear
    )  # fmt: skip


def test_periods_are_dates_in_berlin() -> None:
    january = recognise("Gibt es im Januar eine Jurysitzung?", NOW)
    assert january is not None
    assert (january.start, january.end) == (date(2027, 1, 1), date(2027, 1, 31))
    week = recognise("Was steht diese Woche an?", NOW)
    assert week is not None
    assert (week.start, week.end) == (date(2026, 11, 23), date(2026, 11, 29))
    nxt = recognise("what's on next week?", NOW)
    assert nxt is not None
    assert (nxt.start, nxt.end) == (date(2026, 11, 30), date(2026, 12, 6))
    day = recognise("Gibt es am 3.12. eine Sitzung?", NOW)
    assert day is not None
    assert day.start == day.end == date(2026, 12, 3)
    old = recognise("Wann ist die Siegelverleihung 2020?", NOW)
    assert old is not None
    assert old.past
    assert old.year == 2020


@pytest.mark.parametrize(
    "question",
    [
        "Seit wann gibt es die Fachstelle Integration?",
        "Bis wann wird KIM gefördert?",
        "Was ist KIM?",
        "was kam bei der letzten lenkungsgruppe sitzung raus",
        "Wie viele Case-Management-Stellen sind vorgesehen?",
        # "zusammen" without "kommt"/"tritt" is no meeting
        "Mit welcher Stelle zusammen ist ein neuer Handlungsbereich geplant?",
        # a person asked for: the minutes answer
        "Wie heißt die Vorsitzende, die im Sozialausschuss den TOP 7 aufgerufen hat?",
        "wer leitet die naechste sitzung vom integrationsrat",
        "",
        "   ",
        "?!",
        "wann " * 400,
        "\x00\ufffd" * 50,
    ],
)
def test_not_calendar_questions(question: str) -> None:
    assert recognise(question, NOW) is None


def test_coming_together_is_meeting() -> None:
    found = recognise("wann kommt der integrationsrat wieder zusammen", NOW)
    assert found is not None
    assert found.kind == "sitzungen"


# -- matching against the demo calendar ---------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Calendar, DemoIds]]:
    db = open_db(tmp_path / "cal.db")
    cal = Calendar(db, FakeClock())
    yield cal, add_demo_calendar(cal)
    db.conn.close()


def _ask(cal: Calendar, question: str, **kw: object) -> tuple[bool, str, Reply] | None:
    result = calendar_answer(cal.db, question, NOW, **kw)  # type: ignore[arg-type]
    return None if result is None else (result.answered, result.text, result.reply)


@pytest.mark.parametrize(
    "question",
    [
        "Wann tagt der Integrationsrat?",
        "Wann ist die nächste Sitzung des Integrationsrates?",
        "wann tagt der ir",
        "wann tagt der IR",
        "wann tagt der intigrationsrat",
        "naechste sitzung integrationsrat",
        "Wann trifft sich der Integrationsrat das nächste Mal?",
        "Wann ist die nächste Integrationsratssitzung?",
    ],
)
def test_committee_names_match_loosely(demo: tuple[Calendar, DemoIds], question: str) -> None:
    cal, ids = demo
    found = _ask(cal, question)
    assert found is not None
    answered, text, reply = found
    assert answered
    assert "Sitzung des Integrationsrates\nDonnerstag, 03.12.2026, 17:00 Uhr" in text
    assert "Ort: Kreishaus Siegburg, Raum 1.11" in text
    assert reply.buttons[0][0].data == f"v1:ics:{ids.integrationsrat}:1"


def test_english_question_and_texts(demo: tuple[Calendar, DemoIds]) -> None:
    cal, _ids = demo
    found = _ask(cal, "when is the next meeting of the integration council?", language="en")
    assert found is not None
    assert found[0]
    assert found[1].startswith("Next in the calendar:\nSitzung des Integrationsrates\n")
    assert "Thursday, 03.12.2026, 17:00" in found[1]


def test_events_of_every_source(demo: tuple[Calendar, DemoIds]) -> None:
    cal, ids = demo
    cases = {
        "Wann ist die nächste Sitzung des Sozialausschusses?": ("Mittwoch, 25.11.2026, 16:00", ids.sozial),  # ICS  # noqa: E501
        "Gibt es im Januar eine Jurysitzung?": ("Donnerstag, 14.01.2027, 10:00", ids.jury),  # /termin_neu  # noqa: E501
        "Wann ist die Siegelverleihung?": ("Mittwoch, 10.03.2027 (ganztägig)", ids.proposal),  # proposal  # noqa: E501
        "Wann tagt der Jugendhilfeausschuss?": ("Donnerstag, 10.12.2026, 14:30", ids.joint),  # OParl, joint  # noqa: E501
        "Wann hat der Kreisausschuss zuletzt getagt?": ("Montag, 09.11.2026, 15:00", ids.kreisausschuss),  # noqa: E501
    }  # fmt: skip
    for question, (when, event_id) in cases.items():
        found = _ask(cal, question)
        assert found is not None, question
        assert found[0], question
        assert when in found[1], (question, found[1])
        assert found[2].buttons[0][0].data.startswith(f"v1:ics:{event_id}:"), question


def test_this_week_lists_what_lies_ahead(demo: tuple[Calendar, DemoIds]) -> None:
    cal, _ids = demo
    found = _ask(cal, "Was steht diese Woche an?")
    assert found is not None
    assert found[0]
    assert found[1].startswith("Im Kalender diese Woche:\nSitzung des Sozialausschusses")
    assert "Integrationsrat" not in found[1]  # next week
    assert "Kreisausschuss" not in found[1]  # over


def test_nothing_ahead_is_said_plainly(demo: tuple[Calendar, DemoIds]) -> None:
    cal, _ids = demo
    found = _ask(cal, "Wann tagt der Finanzausschuss?")
    assert found is not None
    assert not found[0]
    assert found[1] == "Im Kalender steht keine kommende Sitzung zu „Finanzausschuss“."
    found = _ask(cal, "Gibt es im Februar eine Jurysitzung?")
    assert found is not None
    assert not found[0]
    assert found[1] == "Im Kalender steht im Februar 2027 nichts."
    found = _ask(cal, "When does the jury meet for the seal process?", language="en")
    assert found is not None
    assert not found[0]
    assert "no coming jury session" in found[1]


def test_an_empty_week_is_said_without_a_document_answer(tmp_path: Path) -> None:
    """'Was steht diese Woche an?' names nothing a document could answer: the note is all."""
    cal = Calendar(open_db(tmp_path / "leer.db"), FakeClock())
    found = _ask(cal, "was steht diese woche an")
    assert found is not None
    assert found[0]
    assert found[1] == "Im Kalender steht diese Woche nichts."


def test_inflected_committee_titles_have_their_abbreviation(tmp_path: Path) -> None:
    cal = Calendar(open_db(tmp_path / "ir.db"), FakeClock())
    cal.create(Event("Sitzung des Integrationsrates", NOW + timedelta(days=10), place="Kreishaus"))
    found = _ask(cal, "wann tagt der ir")
    assert found is not None
    assert found[0]
    assert "Sitzung des Integrationsrates" in found[1]


def test_a_committee_named_among_other_things_is_a_document_question(
    demo: tuple[Calendar, DemoIds],
) -> None:
    """Most words name something else than a session: the documents answer, not the next
    session of the one committee named ("sozialausschusskiz" is no name of it either)."""
    cal, _ids = demo
    assert _ask(cal, "troisdorf sozialausschuss kiz wann") is None
    found = _ask(cal, "wann tagt der sozialausschuss in siegburg")
    assert found is not None
    assert found[0]


def test_document_questions_with_when_fall_through(demo: tuple[Calendar, DemoIds]) -> None:
    cal, _ids = demo
    for question in (
        "Wann ist die Siegelverleihung 2020?",  # the calendar has nothing in 2020
        "Wann fährt der nächste Bus nach Köln?",
        "wann hat der kreis die fachstelle integration aufgemacht",
        "wie viel kohle gibts beim integrationspreis",
        "Wann war die Tagung der Sozialdezernenten?",
    ):
        assert _ask(cal, question) is None, question


def test_agenda_public_items_for_members_all_for_staff(demo: tuple[Calendar, DemoIds]) -> None:
    cal, _ids = demo
    member = _ask(cal, "Wann tagt der Integrationsrat?")
    staff = _ask(cal, "Wann tagt der Integrationsrat?", internal=True)
    assert member is not None
    assert staff is not None
    assert "Tagesordnung (öffentlicher Teil):\nTOP 1: Eröffnung" in member[1]
    assert "TOP 2: Jahresbericht der Ausländerbehörde 2025" in member[1]
    assert "Personalangelegenheit" not in member[1]
    assert "TOP 3: Personalangelegenheit Leitung Integrationszentrum (nichtöffentlich)" in staff[1]


def test_agenda_questions(demo: tuple[Calendar, DemoIds]) -> None:
    cal, _ids = demo
    found = _ask(cal, "Wird der Jahresbericht der Ausländerbehörde im Integrationsrat behandelt?")
    assert found is not None
    assert found[0]
    assert "Auf der Tagesordnung:\nTOP 2: Jahresbericht der Ausländerbehörde 2025" in found[1]
    assert "TOP 1" not in found[1]
    found = _ask(
        cal, "Wird der Jahresbericht der Ausländerbehörde im Integrationsausschuss behandelt?"
    )
    assert found is not None
    assert "steht nichts zu „Jahresbericht Ausländerbehörde“" in found[1]
    assert "Integrationsausschuss" in found[1]  # the session that was searched
    # A non-public item: staff find it, members do not even learn that it exists.
    question = "Wann wird die Personalangelegenheit beraten?"
    staff = _ask(cal, question, internal=True)
    member = _ask(cal, question)
    assert staff is not None
    assert "TOP 3: Personalangelegenheit" in staff[1]
    assert member is not None
    assert "Personalangelegenheit Leitung" not in member[1]
    found = _ask(cal, "Was steht auf der Tagesordnung der nächsten Sitzung?")
    assert found is not None
    assert found[0]
    assert "Sitzung des Sozialausschusses" in found[1]  # the next one: ICS, no agenda
    assert "Eine Tagesordnung ist im Kalender nicht eingetragen." in found[1]


# -- the question sets keep their document answers ----------------------------------------


def _questions() -> list[str]:
    out = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["question"])
    return list(dict.fromkeys(out))


# The questions of tests/data about sessions and events that the demo calendar answers; every
# other question keeps its document answer (with a note before it when it plainly asks for a
# coming session the calendar does not hold).
ANSWERED_BY_DEMO_CALENDAR = {
    "Wann findet der Jurytermin statt?",
    "when is the seal award ceremony",
    "wann is die naechste sitzung vom integrationsrat",
    "wann ist die naechste sitzung vom sozialausschuss",
    "wann nächste sitzung sozialausschuss?",
}
NOTE_BEFORE_DOCUMENTS = {
    "Wann ist die nächste Sozialdezernentenkonferenz?",
    "wann is die naechste sitzung vom integrationsrat",
    "wann ist die naechste sitzung vom sozialausschuss",
    "When does the jury meet for the seal process?",
    "wann nächste sitzung sozialausschuss?",
    "Wann tagt der Integrationsrat der Stadt Sankt Augustin das nächste Mal?",
    "Wann tagt die KIM-Lenkungsgruppe das nächste Mal?",
    "naechste integrationspreisverleihung wann",
    "um wieviel uhr ist die jahresabschlussfeier für ehrenamtler am 2.12.",
    "wann trifft sich der arbeitskreis der integrationsräte und migrantenorganisationen wieder",
}


@pytest.mark.parametrize("calendar", ["empty", "demo"])
def test_question_sets_keep_their_document_answers(
    demo_db_file: Path, tmp_path: Path, calendar: str
) -> None:
    from bot.agenda import Agenda

    db_file = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db_file)
    db = open_db(db_file)
    clock = FakeClock()
    cal = Calendar(db, clock)
    if calendar == "demo":
        add_demo_calendar(cal)
    kb = KnowledgeBase(db)
    with_calendar = Dialog(kb, clock, agenda=Agenda(cal), questions_per_minute=10_000)
    documents_only = Dialog(kb, clock, questions_per_minute=10_000)
    who = Person(MEMBER, MEMBER)
    answered, noted = set(), set()
    for i, question in enumerate(_questions()):
        result = calendar_answer(db, question, clock.now())
        if result is None:
            if i % 10 == 0:  # the whole way through Dialog.ask for a sample: the same reply
                a, b = with_calendar.ask(who, question), documents_only.ask(who, question)
                assert a.paragraphs == b.paragraphs, question
                labels = [[x.label for x in row] for row in a.buttons]  # ("more": own ids)
                assert labels == [[x.label for x in row] for row in b.buttons], question
            continue
        reply = plain(with_calendar.ask(who, question))
        if result.answered:
            answered.add(question)
            continue
        noted.add(question)
        docs = kb.ask(question, top=6)
        assert reply.startswith(result.text), question
        if docs.answered:  # the document answer follows, labelled, unchanged
            assert "Aus den Unterlagen" in reply
            assert docs.hits[0].text in reply, question
    expected = ANSWERED_BY_DEMO_CALENDAR if calendar == "demo" else set()
    assert answered == expected
    noted_expected = {
        "empty": NOTE_BEFORE_DOCUMENTS,
        "demo": NOTE_BEFORE_DOCUMENTS - ANSWERED_BY_DEMO_CALENDAR,
    }[calendar]
    assert noted == noted_expected
    db.conn.close()


# -- ask --json ---------------------------------------------------------------------------


def test_cli_ask_json_answers_from_the_calendar(tmp_path: Path) -> None:
    db_file = tmp_path / "cli.db"
    ics = tmp_path / "ir.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//DE\r\nBEGIN:VEVENT\r\n"
        b"UID:ir-2099@example.org\r\nDTSTART;TZID=Europe/Berlin:20990610T170000\r\n"
        b"SUMMARY:Sitzung des Integrationsrates\r\nLOCATION:Kreishaus Siegburg\r\n"
        b"CATEGORIES:Integrationsrat\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    runner = CliRunner()
    done = runner.invoke(main, ["--db", str(db_file), "events", "import", str(ics)])
    assert done.exit_code == 0, done.output
    out = runner.invoke(main, ["--db", str(db_file), "ask", "--json", "wann tagt der ir"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["source"] == "calendar"
    assert data["answered"] is True
    assert data["document"] is None
    assert data["title"] == "Sitzung des Integrationsrates"
    assert data["date"] == "2099-06-10"
    assert isinstance(data["event_id"], int)
    assert "Mittwoch, 10.06.2099, 17:00 Uhr" in data["text"]
    none = runner.invoke(main, ["--db", str(db_file), "ask", "--json", "Wann tagt der Kreistag?"])
    data = json.loads(none.output)
    assert data["answered"] is False
    assert data["answers"] == []
    assert data["calendar"] == "Im Kalender steht keine kommende Sitzung zu „Kreistag“."


# -- through the stand-in Bot API server ----------------------------------------------------


async def test_live_calendar_questions(live: Live) -> None:
    ids = add_demo_calendar(live.cal, staff=STAFF)
    await live.send("wann tagt der ir")
    text = live.texts(MEMBER)[-1]
    assert "Nächster Termin im Kalender:" in text
    assert "Donnerstag, 03.12.2026, 17:00 Uhr" in text
    assert "Personalangelegenheit" not in text
    ics = f"v1:ics:{ids.integrationsrat}:1"
    assert (f"📅 #{ids.integrationsrat}", ics) in live.buttons(MEMBER)
    await live.press(ics)
    (document,) = live.documents(MEMBER)
    assert b"SUMMARY:Sitzung des Integrationsrates" in document["content"].replace(b"\r\n ", b"")

    await live.send("Wann tagt der Integrationsrat?", user_id=STAFF)
    assert "TOP 3: Personalangelegenheit" in live.texts(STAFF)[-1]
    # In a group staff get the public agenda only: everyone reads along.
    await live.send(
        "/frage Wann tagt der Integrationsrat?", user_id=STAFF, chat_id=-100, chat_type="group"
    )
    group = [t for t in live.texts(-100) if "Integrationsrates" in t]
    assert group
    assert "Personalangelegenheit" not in group[-1]

    await live.send("when is the next meeting of the integration council?", language_code="en")
    assert "Next in the calendar:" in live.texts(MEMBER)[-1]
    assert "Thursday, 03.12.2026, 17:00" in live.texts(MEMBER)[-1]

    await live.send("Wann ist die nächste Sozialdezernentenkonferenz?")
    reply = live.texts(MEMBER)[-1]
    assert reply.startswith(
        "Im Kalender steht kein kommender Termin zu „Sozialdezernentenkonferenz“."
    )
    assert "Aus den Unterlagen (2019):" in reply  # the document answer, labelled with its year
    assert "November" in reply

    await live.send("Wann ist die Siegelverleihung 2020?")  # a document question
    assert "03.09.2020" in live.texts(MEMBER)[-1]
    assert "Kalender" not in live.texts(MEMBER)[-1]
    assert live.refused() == []


@pytest.mark.parametrize(
    ("question", "calendar"),
    [
        # a count of people who are counselled ("beraten"), found in the sealed declines25b set
        (
            "Wie viele Geflüchtete aus der Ukraine werden vom KIM im Rhein-Sieg-Kreis beraten?",
            False,
        ),
        ("wieviele leute werden beraten", False),
        ("wie viele sitzungen hat der integrationsrat im januar", True),
        ("Was wird im Sozialausschuss beraten?", True),
    ],
)
def test_a_count_of_people_is_no_calendar_question(question: str, calendar: bool) -> None:
    assert (recognise(question, NOW) is not None) is calendar
