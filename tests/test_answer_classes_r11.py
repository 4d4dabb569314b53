"""Classes of misses found in round 11 of issue 10 (holdout23 and the misses that recur
across the earlier sets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.search import question_type, same_opening
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _doc_kb

# An enumeration in running text: a sentence announces it, its items open alike, a sentence
# between two items goes on with the first.
AREAS = (
    "Im Folgenden ging die Amtsleiterin noch auf die Arbeitsfelder ein, die das Jugendamt ab "
    "2024 angehen werde. Im Bereich „Schule“ sei der Schwerpunkt auf die Hausaufgabenhilfe in "
    "den Grundschulen gelegt worden. Dazu sollen neue Kurse mit den Trägern vor Ort "
    "entstehen. Im Bereich „Wohnen“ habe man den Fokus auf die Beratung junger Mieter "
    "gelegt, vor allem in den Sammelunterkünften."
)


def _areas(tmp_path: Path) -> KnowledgeBase:
    return _doc_kb(tmp_path, 2023, AREAS)


@pytest.mark.parametrize(
    "question",
    [
        "Welchen Schwerpunkt setzt das Jugendamt ab 2024 im Bereich „Wohnen“?",
        "jugendamt schwerpunkt wohnen ab 2024?",
    ],
)
def test_a_later_item_of_an_enumeration_has_the_announcing_sentence_as_its_lead_in(
    tmp_path: Path, question: str
) -> None:
    # The item „Wohnen“ stands three sentences after the one naming the office and the year;
    # the announcing sentence and the first item („Schule“) hold those words but answer for
    # another item.
    assert "junger Mieter" in top(_areas(tmp_path), question)


def test_the_first_item_answers_for_its_own_area_and_a_start_year_is_no_event_year(
    tmp_path: Path,
) -> None:
    # "ab 2024" in a past-tense question is where a period starts: the paper of 2023 says
    # what holds from then on; it did not merely announce a 2024 event.
    text = top(
        _areas(tmp_path),
        "Welcher Schwerpunkt wurde für das Jugendamt ab 2024 im Bereich Schule gesetzt?",
    )
    assert "Hausaufgabenhilfe" in text


def test_sentences_open_alike_only_with_the_same_preposition_and_noun() -> None:
    assert same_opening("Im Bereich „Bildung“ sei …", "Im Bereich „Querschnitt“ habe …")
    assert same_opening("Für das Modul 2 seien …", "Für das Modul 3 seien …")
    assert not same_opening("Im Bereich „Bildung“ sei …", "Im Rahmen der Woche habe …")
    assert not same_opening("Die Stadt habe …", "Die Stadt sei …")


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("neubuergerbeauftragter name", "person"),
        ("name neubuergerbeauftragter?", "person"),
        (
            "What age group do the young adults belong to who are the target group of module 6?",
            "which",
        ),
        ("who leads the KI", "person"),
        ("What is the name of the person who leads the KI?", "person"),
        ("how many people who fled came in 2019", "quantity"),
    ],
)
def test_a_name_asked_last_and_an_english_relative_who(question: str, qtype: str) -> None:
    assert question_type(question) == qtype


def test_a_reply_that_goes_on_for_several_sentences_answers_the_reported_question(
    tmp_path: Path,
) -> None:
    # The member's question is reported; the reply starts with his other question and
    # reaches this one four sentences later. The reported question and the sentence that
    # answers it hold the same words; the reply answers.
    kb = _doc_kb(
        tmp_path,
        2022,
        "Herr Adam fragte, wie das Radkonzept zum Verkehrsplan stehe. Außerdem fragte er, ob "
        "die Seniorenbeiräte in die Arbeit am Radkonzept eingebunden würden. Frau Berg "
        "erklärte, das Radkonzept ergänze den Verkehrsplan. Derzeit werde eine Karte der "
        "Lücken erstellt. Zudem seien Ziele mit den Städten vereinbart worden. Es werde "
        "Werkstätten geben, um das Radkonzept mit Leben zu füllen; die Seniorenbeiräte seien "
        "dabei ebenfalls beteiligt.",
    )
    assert "Werkstätten" in top(kb, "sind die seniorenbeiräte beim radkonzept dabei")


@pytest.mark.parametrize(
    ("question", "source_words"),
    [
        (
            "Wie viele Geduldete leben nach den Angaben in den Sitzungen im Rhein-Sieg-Kreis?",
            {"angaben", "sitzungen"},
        ),
        ("wie viele geduldete gibt es nach den unterlagen im kreis", {"unterlagen"}),
    ],
)
def test_where_the_question_says_a_fact_stands_is_no_topic(
    kb: KnowledgeBase, question: str, source_words: set[str]
) -> None:
    query = kb.analyse(question)
    assert not {c.label for c in query.concepts} & source_words
    assert "geduldete" in {c.label for c in query.concepts}
