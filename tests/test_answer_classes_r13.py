"""Classes of misses found in round 13 of issue 10 (a set of questions the documents cannot
answer, written to find false answers): a sentence that only repeats the question, a count
where names are asked for, and words that look like a place but are none."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.search import question_type
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _concept, _doc_kb, _kb


def test_a_sentence_that_only_repeats_the_question_answers_no_which(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2023,
        "Zudem seien in der letzten Sitzung des Bauausschusses Leitlinien beschlossen worden.",
    )
    assert not kb.ask(
        "Welche Leitlinien hat der Bauausschuss in der letzten Sitzung beschlossen?"
    ).answered


def test_a_sentence_that_says_more_than_the_question_answers(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2023,
        "In der letzten Sitzung des Bauausschusses wurden die Leitlinien „Grün in der Stadt“ "
        "beschlossen.",
    )
    question = "Welche Leitlinien hat der Bauausschuss in der letzten Sitzung beschlossen?"
    assert "Grün in der Stadt" in top(kb, question)
    assert "Grün in der Stadt" in top(kb, "welche leitlinien hat der bauausschuss beschlossen")


@pytest.mark.parametrize(
    "question",
    [
        "Welche drei Städte sind am Radverkehrsprojekt beteiligt?",
        "welche 3 staedte machen beim radverkehrsprojekt mit",
        "which three towns take part in the Radverkehrsprojekt",
    ],
)
def test_so_many_things_asked_by_name_are_not_answered_by_their_count(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2023, "Am Radverkehrsprojekt sind insgesamt drei Städte beteiligt.")
    assert not kb.ask(question).answered


def test_so_many_things_asked_by_name_are_answered_by_their_names(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2023,
        "Am Radverkehrsprojekt sind die drei Städte Hennef, Siegburg und Troisdorf beteiligt.",
    )
    assert "Troisdorf" in top(kb, "Welche drei Städte sind am Radverkehrsprojekt beteiligt?")
    # the count itself is still answered
    assert "drei" in top(kb, "Wie viele Städte sind am Radverkehrsprojekt beteiligt?")


@pytest.mark.parametrize(
    "sentence",
    [
        # after the report, not at a place
        "Die Ehrenamtsgala werde im Anschluss an den Bericht vorbereitet.",
        # a law, a year and a minute are no places
        "Die Ehrenamtsgala sei im Ehrenamtsgesetz verankert und finde im Jahr 2024 statt.",
        "Die Unterlagen zur Ehrenamtsgala werden zur Niederschrift gegeben.",
        "Die Ehrenamtsgala sei im Teilhabe- und Engagementgesetz vorgesehen.",
    ],
)
def test_words_that_look_like_a_place_answer_no_where(tmp_path: Path, sentence: str) -> None:
    kb = _doc_kb(tmp_path, 2023, sentence)
    assert not kb.ask("Wo findet die Ehrenamtsgala statt?").answered
    assert not kb.ask("wo ist die ehrenamtsgala").answered


@pytest.mark.parametrize(
    ("sentence", "question", "expected"),
    [
        (
            "Die Ehrenamtsgala findet im Kreishaus statt.",
            "Wo findet die Ehrenamtsgala statt?",
            "Kreishaus",
        ),
        ("Die Ehrenamtsgala findet in Siegburg statt.", "wo ist die ehrenamtsgala", "Siegburg"),
        (
            "Beschwerden aus der Sprechstunde werden an die Koordinierung Bürgerdienste "
            "weitergeleitet.",
            "wohin gehen beschwerden aus der sprechstunde",
            "Koordinierung",
        ),
        (
            "Anträge auf Zuschüsse sind zur Bezirksregierung Köln zu schicken.",
            "Wohin schicke ich Anträge auf Zuschüsse?",
            "Bezirksregierung",
        ),
    ],
)
def test_places_and_where_to_still_answer(
    tmp_path: Path, sentence: str, question: str, expected: str
) -> None:
    assert expected in top(_doc_kb(tmp_path, 2023, sentence), question)


def test_the_number_of_things_asked_by_name_is_how_many_a_list_holds(tmp_path: Path) -> None:
    # "welche 2 …": the list of two answers, though "2" stands nowhere in it; a text that
    # counts the things it lists by a number ("fünf benannte Vertretungen") does not.
    kb = _doc_kb(
        tmp_path,
        2023,
        "Voraussetzung ist ein Seniorenkonzept. Das Konzept soll die Arbeit zu den "
        "Schwerpunkten\n\n• Wohnen im Alter und\n\n• Mobilität auf dem Land enthalten.\n\n",
    )
    assert "Mobilität" in top(kb, "welche 2 schwerpunkte muss das seniorenkonzept haben")


# Filler that names no body (the usual filler reports "im Ausschuss").
PLAIN = " ".join(f"Die Verwaltung berichtet zum {i}. Mal über den Haushalt." for i in range(1, 9))


@pytest.mark.parametrize(
    "question",
    [
        "Welches Gremium hat die Fortschreibung des Radwegeplans aus 2016 beschlossen?",
        "welches gremium hat die fortschreibung vom radwegeplan beschlossen",
    ],
)
def test_which_body_is_answered_by_a_text_that_names_one(tmp_path: Path, question: str) -> None:
    asked = (
        "Herr Maier erkundigte sich, in welchem Verhältnis das Verkehrskonzept zu der "
        "Fortschreibung des Radwegeplans aus 2016 stehe."
    )
    kb = _kb(tmp_path / "a", {"a.txt": (2023, f"{PLAIN} {asked} {PLAIN}")})
    assert not kb.ask(question).answered
    decided = "Die Fortschreibung des Radwegeplans wurde 2016 vom Bauausschuss beschlossen."
    kb = _kb(tmp_path / "b", {"a.txt": (2023, f"{PLAIN} {decided} {PLAIN}")})
    assert "Bauausschuss" in top(kb, question)


def test_how_long_is_not_answered_by_the_years_of_another_thing(tmp_path: Path) -> None:
    other = (
        "Sie berichtete, dass das Land NRW das Verkehrskonzept 2030 im Jahr 2019 beschlossen habe. "
        "Der Radentscheid sei eine Weiterentwicklung aus der Pilotphase des Projektes "
        "„Sicher radeln“."
    )
    question = "Wie lange ging die Pilotphase von „Sicher radeln“ in NRW?"
    assert not _doc_kb(tmp_path / "a", 2023, other).ask(question).answered
    own = "Die Pilotphase des Projektes „Sicher radeln“ in NRW lief von 2017 bis 2019."
    assert "2017 bis 2019" in top(_doc_kb(tmp_path / "b", 2023, own), question)


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("wodurch wird der Eigenanteil finanziert?", "manner"),
        ("laut troisdorf kiz eigenanteil ueber was finanziert", "manner"),
        ("über was wird der eigenanteil finanziert", "manner"),
        # an amount is still an amount
        ("wie hoch ist der eigenanteil", "quantity"),
        ("kiz eigenanteil", "quantity"),
    ],
)
def test_by_what_means_asks_no_amount(question: str, qtype: str) -> None:
    assert question_type(question) == qtype


def test_the_means_of_funding_is_answered(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2023,
        "Der Eigenanteil des Radverkehrsprojektes werde über die Kreisumlage finanziert.",
    )
    assert "Kreisumlage" in top(kb, "radverkehrsprojekt eigenanteil ueber was finanziert")


@pytest.mark.parametrize(
    ("sentence", "question", "expected"),
    [
        (
            "Die Stadt Siegburg besitze als größte Kommune ein eigenes Bürgeramt und erhalte "
            "deshalb zwei Stellen mehr.",
            "warum hat siegburg extra stellen",
            "eigenes Bürgeramt",
        ),
        (
            "Abschließend stellte der Vorsitzende fest, dass im Bauausschuss Einvernehmen über "
            "den Radwegeplan bestehe.",
            "gabs nen beschluss zum radwegeplan im bauausschuss",
            "Einvernehmen",
        ),
    ],
)
def test_colloquial_words_find_the_official_ones(
    tmp_path: Path, sentence: str, question: str, expected: str
) -> None:
    assert expected in top(_doc_kb(tmp_path, 2023, sentence), question)


def test_what_a_part_covers_is_answered_in_english(tmp_path: Path) -> None:
    # the documents write the subjunctive of reported speech ("umfasse"), not "umfasst"
    kb = _doc_kb(
        tmp_path,
        2023,
        "Der Förderzeitraum des Moduls 2 endete zum 31.12.2022. Das Modul 2 umfasse die "
        "Beratung von Vereinen.",
    )
    assert "Beratung von Vereinen" in top(kb, "What does module 2 cover?")


def test_english_verbs_find_the_infinitive_of_reported_speech(tmp_path: Path) -> None:
    # "applied" is "beantragt" in the glossary; minutes write "… beantragen" (indirect
    # speech), whose stem differs: the question looks for both.
    kb = _doc_kb(tmp_path, 2023, "Die Stadt könne nur 2 Stellen beantragen und besetzen.")
    applied = _concept(kb, "How many posts has the town applied for?", "applied")
    assert "beantrag" in applied.alternatives
    filled = _concept(kb, "How many posts are filled?", "filled")
    assert "besetz" in filled.alternatives


def test_a_place_in_a_sentence_without_the_event_answers_no_where(tmp_path: Path) -> None:
    elsewhere = (
        "Die Ehrenamtsgala wurde am 04.07.2023 verliehen. Der Dezernent hob hervor, dass das "
        "Ehrenamt im Rhein-Sieg-Kreis sehr vielfältig sei."
    )
    assert not _doc_kb(tmp_path / "a", 2023, elsewhere).ask("wo war die ehrenamtsgala").answered
    there = "Die Ehrenamtsgala fand am 04.07.2023 im Kreishaus in Siegburg statt."
    assert "Kreishaus" in top(_doc_kb(tmp_path / "b", 2023, there), "wo war die ehrenamtsgala")
