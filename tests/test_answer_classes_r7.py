"""Classes of misses found in round 7 of issue 10 (holdout14 and holdout15): "who is X for"
prefers the text that names the target group outright over one that only mentions people."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import _event_terms, _Features
from knowledge.base import KnowledgeBase
from knowledge.search import _gender_pair, question_type
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _doc_kb
from tests.test_answer_classes_r5 import _declined_then_answered


def test_who_it_is_for_prefers_the_named_target_group(tmp_path: Path) -> None:
    sentences = (
        " Der Lotsendienst sei für die Integration von Menschen in den Stadtteilen wichtig. "
        + " ".join(["Die Verwaltung berichtet über den Radverkehr im Ausschuss."] * 4)
        + " Der Lotsendienst habe grundsätzlich neu zugewanderte Familien zur Zielgruppe. "
    )
    for question in ("who is the lotsendienst actually for?", "Für wen ist der Lotsendienst?"):
        answer = _doc_kb(tmp_path / str(len(question)), 2021, sentences).ask(question)
        assert answer.answered
        assert "Zielgruppe" in answer.hits[0].text


def test_a_date_beside_another_event_answers_no_when(tmp_path: Path) -> None:
    # The date belongs to a law coming into force; the decision asked about is only required.
    other = (
        " Das am 25.02.2012 in Kraft getretene Gesetz sieht die Einrichtung eines Lotsenbüros"
        " vor. Das Konzept muss vom Kreistag beschlossen werden. "
    )
    done = " Der Kreistag hat die Einrichtung des Lotsenbüros am 12.03.2014 beschlossen. "
    _declined_then_answered(
        tmp_path,
        "Wann hat der Kreistag die Einrichtung des Lotsenbüros beschlossen?",
        other,
        other + done,
        "12.03.2014",
        year=2014,
    )


def test_who_leads_needs_that_role_of_that_body(tmp_path: Path) -> None:
    other = (
        " Die Anliegen gehen über die Weiterleitung durch Frau Berger an die Fachstelle Wohnen."
        " Herr Roth stellte die neue Leitung des Jugendamts, Frau Yilmaz, vor. "
    )
    led = " Die Fachstelle Wohnen wird von Frau Okafor geleitet. "
    _declined_then_answered(
        tmp_path, "Wer leitet die Fachstelle Wohnen?", other, other + led, "Okafor", year=2021
    )


def test_the_role_asked_is_the_first_role_word(kb: KnowledgeBase) -> None:
    # "Koordinierung" is what is led here, not the role asked about.
    query = kb.analyse("wer leitet die koordinierung")
    assert _event_terms(query, point=False) == frozenset(query.concepts[0].terms())
    assert "koordini" not in _event_terms(query, point=False)


@pytest.mark.parametrize(
    ("question", "stem"),
    [
        ("Wie viele Case Managerinnen und Case Manager gibt es?", "manag"),
        ("wie viele bürgerinnen und bürger kamen", "burg"),
    ],
)
def test_both_forms_of_a_word_are_one_topic(kb: KnowledgeBase, question: str, stem: str) -> None:
    concepts = kb.analyse(question).concepts
    assert [c.alternatives.get(stem) for c in concepts].count(1.0) == 1


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("Nach welcher Entgeltgruppe werden die Case Manager bezahlt?", True),
        ("Welche Projekte wurden ausgezeichnet?", False),
    ],
)
def test_a_category_no_document_knows_is_marked(
    kb: KnowledgeBase, question: str, unknown: bool
) -> None:
    # Names and lists in a text are instances only of a category the documents know.
    assert _Features(kb.analyse(question)).unknown_category is unknown


def test_colloquial_state_and_duty_words_find_the_documents_words(kb: KnowledgeBase) -> None:
    # "inzwischen" is "zwischenzeitlich"; "wofür zuständig" asks what it does ("fungiere als").
    assert "zwischenzeitlich alle Stellen besetzt" in top(
        kb, "Konnten inzwischen alle Stellen im KIM besetzt werden?"
    )
    assert "Management Support System" in top(kb, "laki wofuer zustaendig")


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Geduldete gibt es laut den Berichten des Kommunalen Integrationszentrums?",
        "According to the minutes, how many tolerated persons are there?",
    ],
)
def test_where_a_fact_stands_is_no_topic(kb: KnowledgeBase, question: str) -> None:
    labels = {c.label for c in kb.analyse(question).concepts}
    assert not labels & {"berichten", "integrationszentrums", "minutes"}


def test_who_is_represented_in_asks_for_the_members(kb: KnowledgeBase) -> None:
    text = top(kb, "Who is represented in the KIM steering group (Lenkungsgruppe)?")
    assert "Wohlfahrtsverbände" in text
    assert "Ausländerbehörde" in text


def test_why_prefers_the_reason_over_the_decision_restated(tmp_path: Path) -> None:
    sentences = (
        " Auf der Tagung am 13.11.2019 haben die beteiligten Kommunen die Entscheidung getroffen,"
        " sich nicht an der Lotsenförderung zu beteiligen. "
        + " ".join(["Die Verwaltung berichtet über den Radverkehr im Ausschuss."] * 3)
        + " Die Kommunen haben sich gegen die Lotsenförderung entschieden, weil der Aufwand"
        " zu hoch sei. "
    )
    question = (
        "Warum haben sich die Kommunen gegen eine Beteiligung an der Lotsenförderung entschieden?"
    )
    answer = _doc_kb(tmp_path, 2019, sentences).ask(question)
    assert answer.answered
    assert "weil der Aufwand" in answer.hits[0].text


@pytest.mark.parametrize(
    ("question", "point"),
    [
        ("An welchem Tag hat der Kreistag das beschlossen?", True),
        ("on which date was the prize awarded", True),
        ("Bis zu welchem Datum mussten die RAA umgewandelt werden?", False),
        ("Wann tagt der Ausschuss?", True),
    ],
)
def test_which_day_asks_for_a_point_in_time(kb: KnowledgeBase, question: str, point: bool) -> None:
    query = kb.analyse(question)
    assert _Features(query).point is point
    assert not {c.label for c in query.concepts} & {"tag", "date"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("sozialdezernentinnen", "sozialdezernenten", True),
        ("bürgerin", "bürger", True),
        ("managerinnen", "manager", True),
        ("bürgerinnen", "bürgermeister", False),
        ("stellen", "stelle", False),
    ],
)
def test_female_and_male_form_are_one_noun(a: str, b: str, same: bool) -> None:
    assert _gender_pair(a, b) is same


def test_a_prize_given_is_a_prize_awarded(kb: KnowledgeBase) -> None:
    assert "04.07.2019" in top(kb, "An welchem Datum wurde der Integrationspreis 2019 vergeben?")


def test_take_place_is_no_topic(kb: KnowledgeBase) -> None:
    question = "When will the cooperation event on school absenteeism take place in 2020?"
    labels = {c.label for c in kb.analyse(question).concepts}
    assert not labels & {"take", "place"}
    assert "30.04.2020" in top(kb, question)


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("troisdorf modul 3 stellenanteil", "quantity"),
        ("kiz kosten fuern kreis pro jahr", "quantity"),
        ("integrationspreisverleihung 2020 datum", "time"),
        ("ki leitung", "person"),
        ("baustein 6", "other"),
    ],
)
def test_a_question_without_question_word_asks_what_its_noun_names(
    question: str, qtype: str
) -> None:
    assert question_type(question) == qtype


def test_an_amount_typed_without_wie_viel_is_answered_with_it(kb: KnowledgeBase) -> None:
    assert "1,5" in top(kb, "troisdorf modul 3 stellenanteil")


def test_until_when_prefers_a_deadline_over_another_date(tmp_path: Path) -> None:
    sentences = (
        " Das am 25.02.2012 in Kraft getretene Gesetz sieht ein Lotsenkonzept des Kreises vor. "
        + " ".join(["Die Verwaltung berichtet über den Radverkehr im Ausschuss."] * 3)
        + " Der Kreis wird aufgefordert, bis Dezember 2013 ein Lotsenkonzept zu erstellen. "
    )
    answer = _doc_kb(tmp_path, 2013, sentences).ask(
        "bis wann soll der kreis das lotsenkonzept machen"
    )
    assert answer.answered
    assert "bis Dezember 2013" in answer.hits[0].text


def test_how_long_prefers_a_span_over_a_date(kb: KnowledgeBase) -> None:
    # A sentence on KIM with the year 2019 covers more words; the span answers.
    assert "bis 2022" in top(kb, "wie lange läuft die kim foerderung?")


def test_the_state_government_is_its_ministers(kb: KnowledgeBase) -> None:
    question = "Welche Vertreter der Landesregierung sollen am Wertedialog teilnehmen?"
    assert "Joachim Stamp" in top(kb, question)
