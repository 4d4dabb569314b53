"""The classes of misses of issue 10 (numbered parts, periods, counts of a part, the fact in the
neighbouring sentence, answers without the asked kind of fact, the newest state), each on a
general mechanism: the corpus questions are examples of the class, not special cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialog import Dialog, Person
from knowledge.answer import _counted, _part_pattern
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.search import Concept, Query
from knowledge.store import open_db
from tests.fakes import FakeClock


def top(kb: KnowledgeBase, question: str) -> str:
    answer = kb.ask(question)
    assert answer.answered, question
    return answer.hits[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Was ist Modul 2 des Kommunalen Integrationsmanagements?", "Einzelfallberatung"),
        ("was macht modul 1", "strategischen KIM"),
        ("Was ist Baustein 6?", "Baustein 6"),
    ],
)
def test_a_numbered_part_is_answered_by_the_passage_that_names_it(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    # ("Förderbaustein 6" names Baustein 6 as well)
    assert expected.lower() in top(kb, question).lower()


def test_the_part_pattern_takes_lists_but_not_ranges() -> None:
    concept = Concept("modul 3", {}, ("modul", "3"), kind="part")
    pattern = _part_pattern(concept)
    assert pattern.search("Für das Modul 3 seien 1,5 Stellen vorgesehen.")
    assert pattern.search("bei den Modulen 2 und 3 handele es sich um Pauschalen")
    assert pattern.search("der „Baustein“ …") is None
    assert pattern.search("die Module 1 bis 3 und Case Management") is None
    assert pattern.search("Modul 13") is None


def test_a_period_is_answered_by_a_duration(kb: KnowledgeBase) -> None:
    answer = kb.ask("Für welchen Zeitraum hat das KI seine Themenschwerpunkte festgelegt?")
    assert answer.qtype == "time"
    assert "zwei Jahre" in answer.hits[0].text


def test_a_count_of_a_part_counts_less_than_the_whole_count() -> None:
    query = Query(
        "Wie viele Kommunen?", "quantity", (Concept("kommunen", {"kommun": 1.0}),), focus=0
    )
    assert _counted(query, "Die 19 Kommunen des Kreises arbeiten mit.") == 0.25
    assert _counted(query, "Die 19 kreisangehörigen Kommunen arbeiten mit.") == 0.25
    assert _counted(query, "Nur 4 der größeren Kommunen leisten das.") < 0


@pytest.fixture
def small_kb(tmp_path: Path) -> KnowledgeBase:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "vorlage.txt").write_text(
        "Der Jugendmigrationsdienst in Hennef wird im kommenden Jahr ausgebaut. "
        "Grund dafür ist die stark gestiegene Nachfrage nach Beratung.\n\n"
        "Die Sprachkurse der Volkshochschule Lohmar finden im Bürgerhaus statt.\n",
        encoding="utf-8",
    )
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [folder])
    return KnowledgeBase(db)


def test_the_reason_in_the_next_sentence_answers_with_both(small_kb: KnowledgeBase) -> None:
    answer = small_kb.ask("Warum wird der Jugendmigrationsdienst in Hennef ausgebaut?")
    assert answer.answered
    assert "gestiegene Nachfrage" in answer.hits[0].text
    assert "Jugendmigrationsdienst" in answer.hits[0].text
    assert answer.confidence != "low"


def test_an_answer_without_the_asked_kind_of_fact_is_not_sure(small_kb: KnowledgeBase) -> None:
    answer = small_kb.ask("Wann finden die Sprachkurse der Volkshochschule Lohmar statt?")
    assert not answer.answered or answer.confidence == "low"


def test_the_newest_state_leads_and_the_older_follows_as_history(
    kb: KnowledgeBase, demo_db_file: Path, tmp_path: Path
) -> None:
    answer = kb.ask("wieviele case management stellen sind besetzt?")
    assert answer.answered
    assert answer.as_of == 2022
    assert "alle Stellen besetzt" in answer.hits[0].text
    assert answer.hits[1].source.year == 2021
    assert "vier Stellen" in answer.hits[1].text or "4 Stellen" in answer.hits[1].text
    copy = tmp_path / "copy.db"  # the dialog stores the question: not in the shared database
    copy.write_bytes(demo_db_file.read_bytes())
    reply = Dialog(KnowledgeBase(open_db(copy)), FakeClock()).ask(
        Person(5, 5), "wieviele case management stellen sind besetzt?"
    )
    shown = " ".join(span.text for paragraph in reply.paragraphs for span in paragraph)
    assert "Stand 2022" in shown
    assert "Früher (2021):" in shown


def test_the_reply_to_a_reported_question_answers_it(kb: KnowledgeBase) -> None:
    text = top(kb, "In welchem Verhältnis steht das KIM-Konzept zum Integrationskonzept aus 2016?")
    assert "alle Akteure einbezogen" in text
    # Who asked is answered by the question itself.
    assert "Zorlu" in top(
        kb, "Wer hat nach dem Verhältnis des KIM-Konzepts zum Integrationskonzept aus 2016 gefragt?"
    )


def test_a_name_question_is_answered_by_a_name(kb: KnowledgeBase) -> None:
    assert "Herr Neuber" in top(kb, "Wie heißt der Neubürgerbeauftragte des Kreises?")


@pytest.mark.parametrize("question", ["wer is landrat", "Wer ist der Landrat?", "who is the mayor"])
def test_who_holds_a_role_needs_a_name_else_it_is_declined(
    kb: KnowledgeBase, question: str
) -> None:
    answer = kb.ask(question)
    assert not answer.answered or answer.confidence == "low", answer.hits[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Was bedeutet die Abkürzung LaKI?", "Landeskoordinierungsstelle"),
        ("what does the abbreviation KIM stand for", "Kommunale Integrationsmanagement"),
    ],
)
def test_an_abbreviation_is_spelled_out_whatever_the_year(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    # ("Förderbaustein 6" names Baustein 6 as well)
    assert expected.lower() in top(kb, question).lower()
