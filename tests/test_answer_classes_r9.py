"""Classes of misses found in round 9 of issue 10 (holdout19): a "wann fand … statt" whose
verb the date answers, English hedges and names of several words, the other choice of a
yes/no question, "which of the applicants was awarded", spans of time taken for counts, and a
date beside something other than the asked decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.analyze import english_phrase_words
from knowledge.answer import _Features
from knowledge.base import KnowledgeBase
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _doc_kb
from tests.test_answer_classes_r5 import _declined_then_answered


def test_a_date_beside_the_event_says_that_it_took_place(tmp_path: Path) -> None:
    # "fand … statt" only says the event happened; the sentence dating it answers in full.
    kb = _doc_kb(
        tmp_path,
        2021,
        " In der Auftaktveranstaltung am 12.03.2021 hatten sich der Landrat und die Lotsen "
        "für eine dauerhafte Förderung ausgesprochen. ",
    )
    answer = kb.ask("Wann fand die Auftaktveranstaltung zum Lotsenprojekt statt?")
    assert answer.answered
    assert "12.03.2021" in answer.hits[0].text


@pytest.mark.parametrize("hedge", ["roughly", "approximately", "nearly"])
def test_english_hedges_of_a_number_are_no_topic(kb: KnowledgeBase, hedge: str) -> None:
    question = f"how many geduldete are there {hedge}"
    assert hedge not in {c.label for c in kb.analyse(question).concepts}
    assert "Geduldeten" in top(kb, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many districts in North Rhine-Westphalia?", "How many districts in NRW?"),
        ("schools in north rhine westphalia", "schools in NRW"),
        ("the Rhine-Sieg District", "the Rhein-Sieg-Kreis"),
        ("how are problems passed on to the group", "how are problems weitergeleitet to the group"),
        ("northern rhine", "northern rhine"),  # whole words only
        ("with the lower school supervisory authority", "with the Untere Schulaufsicht"),
        ("the school psychology counselling service", "the Schulpsychologische Beratungsstelle"),
    ],
)
def test_english_names_of_several_words_become_the_documents_word(
    question: str, expected: str
) -> None:
    assert english_phrase_words(question) == expected


def test_north_rhine_westphalia_is_asked_as_nrw(kb: KnowledgeBase) -> None:
    question = "how many districts in north rhine-westphalia have an integration centre"
    labels = {c.label for c in kb.analyse(question).concepts}
    assert "nrw" in labels
    assert not labels & {"north", "rhine", "westphalia"}
    assert "45 von insgesamt 54" in top(kb, question)


def test_a_list_of_applicants_is_what_minutes_call_an_aufstellung(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2019,
        " Im Anschluss erkundigte sich Abg. Berger, ob es möglich sei, der Niederschrift eine "
        "Aufstellung aller Vereine beizufügen, die sich für den Ehrenamtspreis beworben haben. ",
    )
    assert "Berger" in top(kb, "who asked for a list of the prize applicants")


def test_the_other_choice_of_a_yes_no_question_is_not_its_topic(kb: KnowledgeBase) -> None:
    query = kb.analyse(
        "Ist der Lotsendienst inzwischen gesetzlich verankert, oder ist dies bislang nur "
        "beabsichtigt?"
    )
    weights = {c.label: c.importance for c in query.concepts}
    assert weights["beabsichtigt"] < 0.4 * weights["verankert"]
    assert query.choice is not None
    assert query.concepts[query.choice].label == "bislang"
    # what is asked of the topic is "verankert", not the other choice's verb
    assert _Features(query).predicate == frozenset(
        next(c for c in query.concepts if c.label == "verankert").terms()
    )
    # without ", oder" nothing is a choice
    assert kb.analyse("Ist der Lotsendienst gesetzlich verankert?").choice is None


def test_which_of_the_applicants_won_needs_the_winner(tmp_path: Path) -> None:
    applied = " Für das Siegel beworben haben sich die Städte Lohmar, Much und Eitorf. "
    won = " Das Siegel wurde der Stadt Lohmar verliehen. "
    for i, question in enumerate(
        (
            "Which of the applicants was awarded the seal?",
            # the last participle chooses, not "applied" before it
            "Which of the cities that applied for the seal was awarded it?",
            # "got" is a light verb, no concept: a sentence must still say who was given it
            "which of the applicants got the seal",
        )
    ):
        _declined_then_answered(
            tmp_path / str(i), question, applied, applied + won, "verliehen", year=2020
        )


def test_a_span_of_time_is_no_count_of_something_else(tmp_path: Path) -> None:
    _declined_then_answered(
        tmp_path,
        "Wie viele Einbürgerungen wurden im Jahr 2012 vorgenommen?",
        " Einbürgerungen werden seit fast 20 Jahren im Rahmen festlicher Feierstunden "
        "vorgenommen. ",
        " Im Jahr 2012 wurden 812 Einbürgerungen vorgenommen. ",
        "812",
        year=2012,
    )
    # counting years, the span is the answer
    kb = _doc_kb(tmp_path / "c", 2013, " Einbürgerungsfeiern gibt es seit fast 20 Jahren. ")
    assert "20 Jahren" in top(kb, "wie viele jahre gibt es schon einbürgerungsfeiern")


def test_a_date_in_a_window_without_the_decision_is_another_events(tmp_path: Path) -> None:
    _declined_then_answered(
        tmp_path,
        "An welchem Datum hat der Kreistag die Einrichtung des Lotsenbüros beschlossen?",
        " Das am 25.02.2012 in Kraft getretene Gesetz sieht die Einrichtung eines Lotsenbüros "
        "durch den Kreistag vor. ",
        " Der Kreistag hat die Einrichtung des Lotsenbüros am 14.11.2013 beschlossen. ",
        "14.11.2013",
        year=2013,
    )


@pytest.mark.parametrize(
    ("question", "label", "noun"),
    [
        ("Wie wird das Konzept erweitert?", "erweitert", "erweiter"),  # Erweiterung
        ("Wie wurde das Konzept entwickelt?", "entwickelt", "entwickl"),  # Entwicklung
    ],
)
def test_a_participle_with_an_inseparable_prefix_finds_its_noun(
    kb: KnowledgeBase, question: str, label: str, noun: str
) -> None:
    concept = next(c for c in kb.analyse(question).concepts if c.label == label)
    assert noun in concept.alternatives


def test_a_verb_finds_its_noun_with_another_vowel(tmp_path: Path) -> None:
    # "einsetzen" is written "der Einsatz" ("Der Einsatz ist sehr unterschiedlich").
    kb = _doc_kb(
        tmp_path,
        2013,
        " Der Einsatz der Lotsenstellen in den Kommunen ist sehr unterschiedlich, die Angaben "
        "reichen von 10 Prozent einer Stelle bis zu 3 Stellen. ",
    )
    question = "Wie viele Lotsenstellen wollen die Kommunen einsetzen?"
    concept = next(c for c in kb.analyse(question).concepts if c.label == "einsetzen")
    assert "einsatz" in concept.alternatives
    assert "bis zu 3 Stellen" in top(kb, question)


def test_school_administration_in_english(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2019,
        " Am 30.04.2020 werde eine Kooperationsveranstaltung zum Thema Schulabsentismus mit der "
        "Unteren Schulaufsicht und der Schulpsychologischen Beratungsstelle stattfinden. ",
    )
    answer = top(
        kb,
        "When is the cooperation event with the lower school supervisory authority and the "
        "school psychology counselling service planned?",
    )
    assert "30.04.2020" in answer


def test_a_compound_that_begins_with_the_role_names_no_one_in_it(tmp_path: Path) -> None:
    # "auf Leitungsebene gesteuert" names a level, not who leads the group.
    steered = (
        " Die Prozesse der Module würden von der Lotsengruppe auf Leitungsebene gesteuert und "
        "bei Bedarf optimiert. "
    )
    _declined_then_answered(
        tmp_path,
        "wer leitet die lotsengruppe",
        steered,
        steered + " Die Lotsengruppe wird von Frau Berger geleitet. ",
        "Berger",
        year=2021,
    )


def test_a_pay_grade_is_named_with_its_tariff(tmp_path: Path) -> None:
    # "Entgeltgruppe" is a closed category ([instances]): a sentence about the posts names none.
    posts = (
        " Die Lotsengruppe habe sich gegründet; die Lotsen würden nach Tarif vergütet und "
        "seien eingruppiert worden. "
    )
    _declined_then_answered(
        tmp_path,
        "In welche Entgeltgruppe sind die Lotsen eingruppiert?",
        posts,
        " Die Lotsen sind in die Entgeltgruppe S 12 TVöD-SuE eingruppiert. ",
        "S 12",
        year=2021,
    )


def test_a_number_in_the_other_sentence_counts_something_else(tmp_path: Path) -> None:
    two = (
        " Das Lotsenbüro könne nur die Anzahl der Geduldeten zugrunde legen und deshalb nur 2 "
        "Lotsenstellen beantragen. Diese sollten sich zwar auch um die Gestatteten kümmern, "
        "allerdings sei dies aufgrund der hohen Anzahl schwierig. "
    )
    _declined_then_answered(
        tmp_path,
        "wie viele gestattete gibt es",
        two,
        two + " Derzeit leben 1.250 Gestattete im Kreis. ",
        "1.250",
        year=2019,
    )


@pytest.mark.parametrize("question", ["1", "2020", '<b>hallo</b> " OR 1=1 --', "6?"])
def test_a_bare_number_names_no_topic(kb: KnowledgeBase, question: str) -> None:
    # found typing into the demo: "1" was answered "sicher" with "Das Modul 1 befasse sich …"
    assert not kb.ask(question).answered


@pytest.mark.parametrize(
    ("question", "expected"), [("05.02.2021", "05.02.2021"), ("183.094", "183.094")]
)
def test_a_date_or_an_amount_alone_finds_its_passage(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    assert expected in top(kb, question)


def test_the_other_choice_typed_without_a_comma(kb: KnowledgeBase) -> None:
    query = kb.analyse("ist kim schon gesetz oder nur geplant")
    assert query.choice is not None
    assert query.concepts[query.choice].label == "geplant"
    assert "gesetzliche Fassung" in top(kb, "ist kim schon gesetz oder nur geplant")


def test_who_is_a_person_asks_for_her_function(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2021,
        " Die Vorsitzende bedankte sich bei Frau Berger für den ausführlichen Vortrag. "
        " Frau Berger erklärte, das Konzept werde im nächsten Jahr fortgeschrieben. "
        " Ansprechpartnerin für das Lotsenprojekt sei Frau Berger. ",
    )
    for question in ("wer ist frau berger", "who is Berger"):
        assert "Ansprechpartnerin" in top(kb, question)
