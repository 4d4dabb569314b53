"""Question frames, question types and years (issue 10, holdout3 classes): words that frame a
question weigh little, the kind of fact asked for is read from the frame, English connectives
and number words are handled, and an answer about another year than the one asked loses."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.search import frame_words, question_type


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("An welchem Datum wurde der Preis verliehen?", "time"),
        ("Welcher Termin ist für die Feier vorgesehen?", "time"),
        ("wie lang hat die vorbereitung gedauert", "time"),
        ("Aus welchen Gründen wurde der Antrag abgelehnt?", "reason"),
        ("aus welchem grund wurde das abgesagt", "reason"),
        ("Welche Rolle spielt die Lenkungsgruppe?", "definition"),
        ("What role does the council play?", "definition"),
        ("Worum geht es bei der Veranstaltung?", "definition"),
        ("Welche Projekte wurden ausgezeichnet?", "which"),
    ],
)
def test_frame_decides_question_type(question: str, qtype: str) -> None:
    assert question_type(question) == qtype


def test_frame_words_are_loaded_with_typed_umlauts() -> None:
    words = frame_words()
    assert {"rolle", "worum", "gemeint", "gründe", "grunde", "gruende"} <= words
    assert "lenkungsgruppe" not in words


def test_frame_words_weigh_less_than_the_topic(kb: KnowledgeBase) -> None:
    query = kb.analyse("Welche Rolle spielt die Lenkungsgruppe beim KIM?")
    weight = {c.label: c.importance for c in query.concepts}
    assert weight["rolle"] < 0.5 * weight["lenkungsgruppe"]


def test_english_connectives_are_no_concepts(kb: KnowledgeBase) -> None:
    query = kb.analyse("Why is KIM mainly funded even though the election changed so far?")
    labels = {c.label for c in query.concepts}
    assert not labels & {"mainly", "even", "though", "far"}
    assert {"kim", "funded", "election"} <= labels


def test_english_number_words_find_digits(kb: KnowledgeBase) -> None:
    query = kb.analyse("Which four districts are comparable?")
    four = next(c for c in query.concepts if c.label == "four")
    assert {"4", "vier"} & set(four.alternatives)


def test_english_committee_words_find_the_answer(kb: KnowledgeBase) -> None:
    answer = kb.ask("When is the end-of-year celebration for the volunteers in 2020?")
    assert answer.answered
    assert "Jahresabschlussfeier" in answer.hits[0].text


def test_a_year_the_documents_do_not_report_is_declined(kb: KnowledgeBase) -> None:
    """The prize winners stand in 2019 minutes; asked for another year, the bot declines."""
    asked = "Welche Projekte wurden {} mit dem Integrationspreis ausgezeichnet?"
    assert kb.ask(asked.format(2019)).answered
    assert not kb.ask(asked.format(2021)).answered


def test_a_date_of_another_year_does_not_lead(kb: KnowledgeBase) -> None:
    """A 2019 event is not answered with a 2020 date of the same topic."""
    answer = kb.ask("An welchem Datum wurde der Integrationspreis 2019 verliehen?")
    assert answer.answered
    assert "2019" in answer.hits[0].text


def test_colloquial_special_role_finds_the_particularity(kb: KnowledgeBase) -> None:
    answer = kb.ask("wieso hat troisdorf ne sonderrolle")
    assert answer.answered
    assert "Besonderheit" in answer.hits[0].text


def test_offering_verb_finds_the_offer_noun(kb: KnowledgeBase) -> None:
    query = kb.analyse("welche kurse bietet die stelle an")
    offered = next(c for c in query.concepts if "anbiet" in c.alternatives)
    assert "angebot" in offered.alternatives
