"""Appointment proposals that matter (issue 10, part 4): two days are two appointments, a
Vorlage's Beratungsfolge names a committee's session, what was already past when the document
was written is history; /vorschlaege offers what lies ahead, page by page, with snippets that
end at a word."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.actions import MAX_BYTES, Action, decode
from bot.cli import main
from bot.proposing import propose_from
from bot.render import shorten
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.passages import split_passages
from knowledge.repair import repair_text
from knowledge.store import open_db
from scheduler.calendar import Calendar
from scheduler.events import Event
from scheduler.proposals import MAX_TEXT, Proposal, find_appointments
from scheduler.subscriptions import event_kind, event_topics
from tests.conftest import demo_corpus_dir
from tests.fakes import FakeClock
from tests.live import MEMBER, STAFF, Live

VORLAGE = "2013-integrationskonzept-und-kiz-antrag.txt"


def corpus_text(name: str) -> str:
    return repair_text((demo_corpus_dir() / name).read_text(encoding="utf-8"))


def corpus_sentences(name: str) -> list[str]:
    return [p.text for p in split_passages(corpus_text(name))]


def days(found: list[Proposal]) -> list[tuple[str, str]]:
    return sorted((p.day.isoformat(), p.title) for p in found)


# -- two days are two appointments -------------------------------------------------------------

KOOPERATION = (
    "Am 29. bzw. 30.04.2020 werde eine Kooperationsveranstaltung zum Thema Schulabsentismus mit "
    "der Unteren Schulaufsicht und der Schulpsychologischen Beratungsstelle stattfinden, die "
    "jeweils im rechtsrheinischen als auch im linksrheinischen Kreisgebiet abgehalten würden und "
    "inhaltsgleich seien."
)


def test_two_days_joined_by_bzw_are_two_appointments() -> None:
    found = find_appointments([KOOPERATION], document="b.txt", year=2019)
    assert days(found) == [
        ("2020-04-29", "Kooperationsveranstaltung"),
        ("2020-04-30", "Kooperationsveranstaltung"),
    ]
    assert all(p.end_day is None for p in found)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Die Fortbildung findet am 3. und 4. Mai 2021 im Kreishaus statt.", ["03", "04"]),
        (
            "Der Workshop wird am 3. bzw. 4.05. in Siegburg und in Troisdorf angeboten.",
            ["03", "04"],
        ),
        ("Die Sprechstunde am 12. und 19.05.2021 übernimmt das KI.", ["12", "19"]),
    ],
)
def test_days_sharing_a_month(sentence: str, expected: list[str]) -> None:
    found = find_appointments([sentence], document="x.txt", year=2021)
    assert [p.day for p in found] == [date(2021, 5, int(d)) for d in expected]
    assert all(p.end_day is None for p in found)


def test_a_range_stays_one_appointment_with_an_end() -> None:
    (found,) = find_appointments(
        ["Die Klausurtagung findet vom 3. bis 5. Mai 2021 in Bonn statt."], document="x", year=2021
    )
    assert (found.day, found.end_day) == (date(2021, 5, 3), date(2021, 5, 5))
    (found,) = find_appointments(
        ["Die Fachtagung findet am 3.–5.5.2021 in Bonn statt."], document="x", year=2021
    )
    assert (found.day, found.end_day) == (date(2021, 5, 3), date(2021, 5, 5))


def test_two_days_of_a_deadline_are_still_no_appointment() -> None:
    sentence = "Die Anträge sind bis zum 3. bzw. 4.05.2021 einzureichen."
    assert find_appointments([sentence], document="x", year=2021) == []


# -- a Vorlage's Beratungsfolge ----------------------------------------------------------------


def test_beratungsfolge_of_the_2013_vorlage_proposes_the_committee_session() -> None:
    found = find_appointments(
        corpus_sentences(VORLAGE), document=VORLAGE, year=2013, text=corpus_text(VORLAGE)
    )
    (session,) = found
    assert (session.day, session.title, session.topic) == (
        date(2013, 9, 25),
        "Sitzung Sozialausschuss",
        "Sozialausschuss",
    )
    assert session.time is None
    assert "Sozialausschuss 25.09.2013" in session.text
    assert "Kommunalen Integrationszentrums" in session.text  # the Betreff says what it is about


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        (
            "Beratungsfolge Sitzungsdatum Behandlung Integrationsrat 12.09.2013 "
            "öffentlich/Entscheidung Erstellung eines Integrationskonzeptes durch den "
            "Rhein-Sieg-Kreis für die Beantragung eines kommunalen Integrationszentrums",
            [("2013-09-12", "Sitzung Integrationsrat", "Integrationsrat")],
        ),
        (
            "Beratungsfolge: Sitzungstermin: Zuständigkeit: Ausschuss für Soziales, Gesundheit "
            "und Integration 12.09.2013 Vorberatung Haupt- und Finanzausschuss 19.09.2013 "
            "Vorberatung Kreistag 26.09.2013 Entscheidung",
            [
                (
                    "2013-09-12",
                    "Sitzung Ausschuss für Soziales, Gesundheit und Integration",
                    "Ausschuss für Soziales, Gesundheit und Integration",
                ),
                ("2013-09-19", "Sitzung Haupt- und Finanzausschuss", "Haupt- und Finanzausschuss"),
                ("2013-09-26", "Sitzung Kreistag", "Kreistag"),
            ],
        ),
        # The real first table of the 2013 paper: no date, so no session to propose.
        (
            "Beratungsfolge Sitzungsdatum Behandlung Integrationsrat öffentlich/Entscheidung "
            "Erstellung eines Integrationskonzeptes durch den Rhein-Sieg-Kreis für die "
            "Beantragung eines kommunalem Integrationszentryms Das am 25.02.2012 in Kraft "
            "getretene Teilhabe- und Integrationsgesetz sieht für die Städte und Kreise die "
            "Möglichkeit der Einrichtung eines Kommunalen Integrationszentrums vor.",
            [],
        ),
    ],
)
def test_beratungsfolge_rows(passage: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_appointments([passage], document="v.txt", year=2013)
    assert sorted((p.day.isoformat(), p.title, p.topic) for p in found) == expected


def test_a_session_from_the_beratungsfolge_is_that_committees_session(tmp_path: Path) -> None:
    db = open_db(tmp_path / "v.db")
    cal = Calendar(db, FakeClock())
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / VORLAGE).write_bytes((demo_corpus_dir() / VORLAGE).read_bytes())
    assert propose_from(KnowledgeBase(db), cal, ingest_paths(db, [folder])) == 1
    (event,) = cal.proposals()
    assert (event.title, event.topic, event.all_day) == (
        "Sitzung Sozialausschuss",
        "Sozialausschuss",
        True,
    )
    assert event_kind(event) == "sitzungen"
    assert "sozialausschuss" in event_topics(event)


# -- what was past when the document was written -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # 2019 minutes, 2021 minutes (the demo corpus): something happened at the event.
        "Bei der Tagung der Sozialdezernentinnen und Sozialdezernenten am 13.11.2019 sei von den "
        "15 beteiligten Kommunen die Entscheidung getroffen worden, sich nicht am Baustein 6, dem "
        "sog. „Teilhabemanagement“, zu beteiligen.",
        "In der Implementierungsveranstaltung am 05.02.2021 hatten sich Herr Minister Dr. Stamp "
        "und Frau Staatssekretärin Güler ebenfalls für eine dauerhafte Verstetigung "
        "langfristiger Strukturen ausgesprochen.",
        # The event itself is told in the past.
        "Die Integrationspreisverleihung fand am 16.06.2021 im Kreishaus statt.",
        "Der Workshop wurde am 03.09.2021 in Troisdorf durchgeführt.",
        "Die Jahresabschlussfeier für Ehrenamtler hat am 02.12.2021 stattgefunden.",
        "Die Preise der am 16.06.2021 abgehaltenen Integrationspreisverleihung wurden übergeben.",
        "Bei der Siegelverleihung, die am 03.09.2021 verliehen wurde, sprach der Landrat.",
        # A date in a year before the document's own year, without any word of the future.
        "Die Fachtagung am 12.11.2020 bot Gelegenheit zum Austausch.",
    ],
)
def test_what_was_past_when_written_is_no_proposal(sentence: str) -> None:
    assert find_appointments([sentence], document="n.txt", year=2021) == []


def test_a_date_before_the_documents_own_date_is_history() -> None:
    sentences = [
        "Die Fachtagung am 12.08.2021 bot Gelegenheit zum Austausch.",
        "Die nächste Fachtagung findet am 12.11.2021 statt.",
    ]
    found = find_appointments(sentences, document="n.txt", year=2021, written=date(2021, 9, 1))
    assert days(found) == [("2021-11-12", "Fachtagung")]
    # Without the document's date, the same year is no evidence of the past.
    assert len(find_appointments(sentences, document="n.txt", year=2021)) == 2


@pytest.mark.parametrize("stored", ["2021-09-01", "01.09.2021"])
def test_the_date_in_corpus_json_is_the_documents_date(tmp_path: Path, stored: str) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "niederschrift.txt").write_text(
        "Die Fachtagung am 12.08.2021 bot Gelegenheit zum Austausch.\n\n"
        "Die nächste Fachtagung findet am 12.11.2021 statt.\n",
        encoding="utf-8",
    )
    (folder / "corpus.json").write_text(
        json.dumps({"documents": {"niederschrift.txt": {"date": stored}}}), encoding="utf-8"
    )
    db = open_db(tmp_path / "n.db")
    cal = Calendar(db, FakeClock())
    assert propose_from(KnowledgeBase(db), cal, ingest_paths(db, [folder])) == 1
    (event,) = cal.proposals()
    assert event.local_start().date() == date(2021, 11, 12)


@pytest.mark.parametrize(
    "sentence",
    [
        "Von Seiten des KIs sei als Nächstes ein Siegelprozess geplant, wozu am 21.11.2021 ein "
        "Jurytermin stattfinden werde.",
        "Am 06.11.2021 finde außerdem ein sog. „Wertedialog“ statt, an dem in erster Linie das "
        "Ministerium für Familie und Integration beteiligt sein werde.",
        "Der Jurytermin am 21.11.2030 wurde bestätigt.",
        "Die Integrationspreisverleihung am 16.06.2021 wird vom Landrat eröffnet.",
        "In der Klausurtagung am 14.12.2021 werde über das Konzept beraten.",
        "Bei der Tagung am 13.11.2021 soll entschieden werden, was im Vorjahr beschlossen wurde.",
        # A date of an earlier year, but the sentence speaks of the future: kept.
        "Die Fachtagung wird am 12.11.2020 stattfinden.",
    ],
)
def test_what_lies_ahead_is_still_proposed(sentence: str) -> None:
    assert len(find_appointments([sentence], document="n.txt", year=2021)) == 1


def test_the_demo_corpus_proposes_what_matters(tmp_path: Path) -> None:
    db = open_db(tmp_path / "demo.db")
    results = ingest_paths(db, [demo_corpus_dir()])
    cal = Calendar(db, FakeClock())
    propose_from(KnowledgeBase(db), cal, results)
    got = sorted(
        (e.local_start().date().isoformat(), e.title, e.topic, e.end_at is None)
        for e in cal.proposals(None)
    )
    assert got == [
        ("2013-09-25", "Sitzung Sozialausschuss", "Sozialausschuss", True),
        ("2019-11-06", "Wertedialog", None, True),
        ("2019-11-21", "Jurytermin", None, True),
        ("2020-04-29", "Kooperationsveranstaltung", None, True),
        ("2020-04-30", "Kooperationsveranstaltung", None, True),
        ("2020-06-16", "Integrationspreisverleihung", None, True),
        ("2020-09-03", "Siegelverleihung", None, True),
        ("2020-12-02", "Jahresabschlussfeier für Ehrenamtler", None, True),
    ]


def test_a_long_sentence_is_quoted_up_to_a_word_end() -> None:
    sentence = (
        "Die Jahresabschlussfeier für Ehrenamtler findet am 02.12.2021 im Kreishaus statt; "
        + "eingeladen sind alle Ehrenamtlichen der Integrationsarbeit im Kreisgebiet, " * 12
    )
    (found,) = find_appointments([sentence], document="n.txt", year=2021)
    assert len(found.text) <= MAX_TEXT
    assert found.text.endswith("…")
    last = found.text[:-1].split()[-1].strip(",;")
    assert last in sentence.split() or last + "," in sentence.split()


# -- the snippets -----------------------------------------------------------------------------


def test_shorten_ends_at_a_word_even_before_a_long_address() -> None:
    text = (
        "Unter www.integrationsportal-rhein-sieg-kreis.de bietet der Rhein-Sieg-Kreis ein "
        "Informations- und Serviceangebot für Menschen mit Migrationshintergrund sowie für "
        "Fachkräfte an. Anmeldungen zum Integrationspreis unter "
        "https://www.rhein-sieg-kreis.de/vv/produkte/integration/"
        "integrationspreis-und-siegelverleihung-anmeldung-ehrenamt-2021.php bis Ende Mai."
    )
    assert text.index("https") < 225 < 300 < text.index(".php")  # the cut falls in the address
    short = shorten(text, 300)
    assert len(short) <= 300
    assert short == text[: text.index(" https")] + "…"
    # A dangling comma or opening quote is no word end; one endless word is still cut hard.
    quoted = "Die Jury tagt am Montag, „Integrationspreisverleihung 2021“"
    assert shorten(quoted, 40) == "Die Jury tagt am Montag…"
    assert shorten("x" * 400, 300) == "x" * 299 + "…"


# -- /vorschlaege ------------------------------------------------------------------------------


def _proposal(title: str, start: datetime, uid: str, description: str | None = None) -> Event:
    return Event(
        title,
        start,
        all_day=True,
        description=description or f"Die {title} findet statt.",
        document="2019-niederschrift.txt",
        source="Niederschrift 2019-niederschrift.txt",
        status="proposed",
        uid=uid,
    )


async def test_vorschlaege_are_paged_five_at_a_time(live: Live) -> None:
    start = live.clock.now() + timedelta(days=3)
    live.cal.propose(
        [_proposal(f"Fachtag {i:02d}", start + timedelta(days=i), f"p{i}") for i in range(12)]
    )
    await live.send("/vorschlaege", user_id=STAFF)
    first = live.texts(STAFF)[-1]
    assert "Fachtag 00" in first
    assert "Fachtag 04" in first
    assert "Fachtag 05" not in first
    assert "1 von 3" in first
    buttons = live.buttons(STAFF)
    decisions = [d for label, d in buttons if "Übernehmen" in label or "Verwerfen" in label]
    assert len(decisions) == 10  # accept and discard of the shown page only
    shown = {e.id for e in live.cal.proposals(None)[:5]}
    actions = [decode(d) for d in decisions]
    assert {a.args[0] for a in actions if a is not None} == shown
    labels = [label for label, _ in buttons]
    assert not any("zurück" in label.lower() for label in labels)
    (forward,) = [d for label, d in buttons if "weiter" in label.lower()]
    assert len(forward.encode()) <= MAX_BYTES
    assert decode(forward) == Action("pp", (2,))

    await live.press(forward, user_id=STAFF)
    second = live.texts(STAFF)[-1]
    assert "Fachtag 05" in second
    assert "Fachtag 09" in second
    assert "Fachtag 04" not in second
    assert "Fachtag 10" not in second
    assert "2 von 3" in second
    labels = [label.lower() for label, _ in live.buttons(STAFF)]
    assert any("zurück" in label for label in labels)
    assert any("weiter" in label for label in labels)

    await live.press(Action("pp", (3,)).encode(), user_id=STAFF)
    third = live.texts(STAFF)[-1]
    assert "Fachtag 10" in third
    assert "Fachtag 11" in third
    assert "Fachtag 09" not in third
    labels = [label.lower() for label, _ in live.buttons(STAFF)]
    assert not any("weiter" in label for label in labels)
    (back,) = [d for label, d in live.buttons(STAFF) if "zurück" in label.lower()]
    assert decode(back) == Action("pp", (2,))

    # An accept button on page 3 works; a page that no longer exists shows the last one.
    accept = next(d for label, d in live.buttons(STAFF) if "Übernehmen" in label)
    await live.press(accept, user_id=STAFF)
    assert "Übernommen" in live.texts(STAFF)[-1]
    await live.press(Action("pp", (9,)).encode(), user_id=STAFF)
    assert "Fachtag 11" in live.texts(STAFF)[-1]
    assert "3 von 3" in live.texts(STAFF)[-1]

    # Members get no page of proposals; nothing was refused by the server.
    await live.press(forward, user_id=MEMBER)
    assert "Fachtag" not in " ".join(live.texts(MEMBER))
    assert live.refused() == []


async def test_five_or_fewer_proposals_need_no_pages(live: Live) -> None:
    start = live.clock.now() + timedelta(days=3)
    live.cal.propose([_proposal(f"Fachtag {i}", start, f"q{i}") for i in range(5)])
    await live.send("/vorschlaege", user_id=STAFF)
    assert "von" not in live.texts(STAFF)[-1].split("\n")[0]
    labels = [label.lower() for label, _ in live.buttons(STAFF)]
    assert len(labels) == 10
    assert not any("weiter" in label or "zurück" in label for label in labels)


async def test_vorschlaege_offer_only_dates_ahead(live: Live) -> None:
    now = live.clock.now()
    live.cal.propose(
        [
            _proposal("Längst vorbei", now - timedelta(days=400), "old"),
            _proposal("Gestern", now - timedelta(days=1), "yesterday"),
            Event(
                "Heute früh",
                now - timedelta(hours=1),
                document="n.txt",
                status="proposed",
                uid="early",
            ),
            _proposal("Heute ganztägig", now.replace(hour=0), "today"),
            _proposal("Nächste Woche", now + timedelta(days=7), "ahead"),
        ]
    )
    await live.send("/vorschlaege", user_id=STAFF)
    listing = live.texts(STAFF)[-1]
    assert "Nächste Woche" in listing
    assert "Heute ganztägig" in listing
    for past in ("Längst vorbei", "Gestern", "Heute früh"):
        assert past not in listing
    assert "3" in listing
    assert "events --all" in listing
    assert len(live.buttons(STAFF)) == 4

    # The past ones stay as history in `gremienbot events --all`.
    out = CliRunner().invoke(main, ["--db", str(live.db_file), "events", "--all", "--json"])
    assert out.exit_code == 0
    titles = {e["title"] for e in json.loads(out.stdout)}
    assert {"Längst vorbei", "Gestern", "Heute früh", "Nächste Woche"} <= titles

    # Only past ones: nothing to decide, but said where they are.
    live.clock.advance(timedelta(days=30))
    await live.send("/vorschlaege", user_id=STAFF)
    assert "Keine offenen Vorschläge" in live.texts(STAFF)[-1]
    assert "events --all" in live.texts(STAFF)[-1]
    assert live.buttons(STAFF) == []


async def test_vorschlaege_snippets_end_at_a_word(live: Live) -> None:
    long_quote = (
        "Weitere Termine seien die Integrationspreisverleihung am 16.06.2027, die "
        "Siegelverleihung in Zusammenarbeit mit dem Caritasverband Rhein-Sieg e.V., dem "
        "Diakonischen Werk An Sieg und Rhein am 03.09.2027; Anmeldungen unter "
        "https://www.rhein-sieg-kreis.de/vv/produkte/integration/"
        "integrationspreis-und-siegelverleihung-anmeldung-ehrenamt-2027.php bis Ende Mai."
    )
    live.cal.propose(
        [
            _proposal(
                "Integrationspreisverleihung", datetime(2027, 6, 16, tzinfo=UTC), "s", long_quote
            )
        ]
    )
    await live.send("/vorschlaege", user_id=STAFF)
    listing = live.texts(STAFF)[-1]
    snippet = next(line for line in listing.split("\n") if line.startswith("Weitere Termine"))
    assert snippet.endswith("…")
    assert len(snippet) <= 300
    last = snippet[:-1].split()[-1]
    assert last in long_quote.split(), last
    assert not re.search(r"[,;:(„-]…$", snippet)
