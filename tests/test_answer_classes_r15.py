"""Classes of misses found in round 15 of issue 10: a question word typed one letter off that
no document has, and English names of a target group."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import FILLER, _doc_kb

_BIKES = (
    "Das Förderprogramm Radstationen richte sich an Pendlerinnen und Pendler. Zielgruppe seien "
    "die 16 bis 25-Jährigen Auszubildenden, die täglich in die Kreisstadt fahren. Die "
    "Radstationen sollen bis zum Jahr 2024 an fünf Bahnhöfen entstehen."
)


@pytest.mark.parametrize(
    "question",
    [
        "Welche Altersgrupe soll mit dem Förderprogramm Radstationen erreicht werden?",
        "welche altersgrupe hat das förderprogramm radstationen",
        "Which age group is targeted by the Radstationen programme?",
        "target group of the radstationen programme?",
    ],
)
def test_the_age_group_asked_is_answered_in_years(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _BIKES)
    assert "16 bis 25-Jährigen" in top(kb, question)


def test_a_known_question_word_typed_one_letter_off_is_put_right(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _BIKES)
    answer = kb.ask("welche altersgrupe hat das förderprogramm radstationen")
    assert ("altersgrupe", "altersgruppe") in answer.corrections


_STATIONS = (
    "Für die Radstationen beworben haben sich die Stadt Lohmar, die Gemeinde Much und die "
    f"Stadt Hennef. {FILLER} Die übrigen 5 Radstationen sollen nach einer Bedarfsanalyse in "
    "Abstimmung mit den kreisangehörigen Kommunen bedarfsgerecht verteilt werden. In der "
    "letzten Sitzung der Steuerungsrunde seien Zielvereinbarungen entwickelt worden."
)


@pytest.mark.parametrize(
    "question",
    [
        "Auf welche Kommunen werden die übrigen Radstationen verteilt?",
        "Auf welche kreisangehörigen Kommunen werden die übrigen Radstationen verteilt?",
        "Welche konkreten Zielvereinbarungen hat die Steuerungsrunde beschlossen?",
    ],
)
def test_which_ones_is_not_answered_by_naming_them_in_general(
    tmp_path: Path, question: str
) -> None:
    # "mit den kreisangehörigen Kommunen" names no town; "Zielvereinbarungen entwickelt" none
    kb = _doc_kb(tmp_path, 2022, _STATIONS)
    assert not kb.ask(question).answered, question


@pytest.mark.parametrize(
    "question",
    [
        "Welche Kommunen haben sich für die Radstationen beworben?",
        "welche kommunen haben sich für radstationen beworben",
    ],
)
def test_which_towns_is_answered_by_naming_them(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _STATIONS)
    assert "Gemeinde Much" in top(kb, question)


_PORTAL = (
    "Unter www.radportal-kreis.de bietet der Kreis ein Informationsangebot für Pendlerinnen und "
    "Pendler an. In dem Portal sind Karten und Adressen der Radstationen abrufbar."
)


@pytest.mark.parametrize(
    "question",
    [
        "wo find ich das radportal online",
        "link radportal kreis?",
        "radportal online?",
        "where can I find the radportal",
    ],
)
def test_where_to_find_a_portal_online_is_its_address(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _PORTAL)
    assert "www.radportal-kreis.de" in top(kb, question)


def test_who_belongs_to_a_body_named_at_length_asks_its_members(tmp_path: Path) -> None:
    # "gehört … an" with a long name between: still a members question, and a "Jurytermin"
    # names no member of the jury
    kb = _doc_kb(
        tmp_path,
        2022,
        "Für den Ehrenamtspreis zur interkulturellen Öffnung sei als Nächstes ein Jurytermin "
        "am 12.05.2022 geplant. Ansprechpartnerin für den Ehrenamtspreis sei Frau Meier.",
    )
    question = "Wer gehört der Jury für den Ehrenamtspreis zur interkulturellen Öffnung an?"
    assert not kb.ask(question).answered


_PROJECTS = (
    "Folgende Projekte wurden im Jahr 2021 gefördert:\n> Bauwagen für Jugendarbeit im "
    f"Jugendzentrum Lohmar\n> Radstation am Bahnhof Hennef\n\n{FILLER} Die Radstation am "
    "Bahnhof Hennef hat insgesamt 12.000 Euro gekostet."
)


def test_what_something_cost_is_an_amount(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _PROJECTS)
    assert "12.000 Euro" in top(kb, "was hat die radstation am bahnhof hennef gekostet")
    # a list that names the project without an amount is no answer
    assert not kb.ask("was hat der bauwagen für jugendarbeit im jugendzentrum gekostet").answered


_ROUND = (
    "Die Steuerungsrunde der Radstationen tage viermal im Jahr. Ihre nächste Sitzung finde am "
    "14.03.2023 im Kreishaus statt. Man habe sich für die Teilnahme am Förderprogramm entschieden."
)


def test_taking_part_is_found_as_the_noun(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _ROUND)
    assert "Teilnahme" in top(kb, "did they decide to take part in the Förderprogramm?")


_OFFICE = (
    "Herr Meier hob hervor, dass die Radstationen von den Pendlern gut angenommen würden. "
    f"{FILLER} Die Leiterin des Radbüros (nachfolgend: RB), Frau Schulz, berichtete über die "
    "Auslastung der Radstationen im vergangenen Jahr."
)


@pytest.mark.parametrize(
    "question",
    [
        "welche funktion hat herr meier",
        "was fürn posten hat herr meier",
        "What is Mr Meier's role?",
    ],
)
def test_the_function_of_a_person_is_not_what_he_said(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _OFFICE)
    assert not kb.ask(question).answered, question


def test_the_function_of_a_person_is_answered_by_its_apposition(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _OFFICE)
    assert "Leiterin des Radbüros" in top(kb, "welche funktion hat frau schulz")


_COURSES = "Im Radportal sind Adressen von Sprach- und Integrationskursen im Kreis abrufbar."


def test_which_languages_asks_for_a_named_language(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path / "a", 2022, _COURSES)
    assert not kb.ask("welche sprachen gibts im radportal").answered
    kb = _doc_kb(
        tmp_path / "b", 2022, f"{_COURSES} Das Radportal gibt es auf Deutsch und Türkisch."
    )
    assert "Türkisch" in top(kb, "welche sprachen gibts im radportal")


_HOLDERS = (
    "Seit Anfang des Jahres wird die Einrichtung der Radstationen zwischen dem Landrat und den "
    f"Bürgermeistern diskutiert. {FILLER} Nach Aufruf des Tagesordnungspunktes durch die "
    "Vorsitzende des Radausschusses meldete sich Abg. Peters zu Wort. Dezernent Brandt "
    "erklärte, dass die Radstationen im Haushalt vorgesehen seien."
)


@pytest.mark.parametrize(
    "question",
    [
        "Wer war der Landrat, als die Einrichtung der Radstationen diskutiert wurde?",
        "Who was the Landrat when the Einrichtung of the Radstationen was discussed?",
        "wie heisst die vorsitzende des radausschusses",
    ],
)
def test_who_holds_a_function_is_answered_only_by_a_name_in_it(
    tmp_path: Path, question: str
) -> None:
    # "zwischen dem Landrat und …", "durch die Vorsitzende meldete sich Abg. Peters": no name
    # of the Landrat, the name of someone else
    kb = _doc_kb(tmp_path, 2022, _HOLDERS)
    assert not kb.ask(question).answered, question


def test_who_holds_a_function_named_with_it_is_answered(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _HOLDERS)
    assert "Dezernent Brandt" in top(kb, "wer ist der dezernent für die radstationen")


_SPEECH = (
    "Die Förderung der Radstationen, so Herr Meier weiter, sei auf Landesebene gesichert. Die "
    "politischen Verhältnisse hätten sich zwar geändert, er gehe allerdings nicht von Kürzungen "
    "aus. Insofern sei von einer Kontinuität auszugehen. In der Gesamtbetrachtung ergebe sich "
    "allerdings das Problem, dass die Mietverträge der Radstationen zeitlich befristet seien und "
    "zum Jahresende ausliefen. "
    f"{FILLER} Die Verwaltung berichtet, dass die Mietverträge der Fahrradboxen verlängert wurden."
)


def test_what_a_person_said_runs_on_in_reported_speech(tmp_path: Path) -> None:
    # the speaker is named four sentences before; the sentences between are reported speech,
    # so the answer counts as his and is not marked unsure
    kb = _doc_kb(tmp_path, 2022, _SPEECH)
    answer = kb.ask("Welches Problem sieht Herr Meier bei den Mietverträgen der Radstationen?")
    assert answer.answered
    assert "zeitlich befristet" in answer.hits[0].text
    assert answer.confidence != "low"


def test_a_that_clause_says_which_one(tmp_path: Path) -> None:
    # "das Problem, dass …" names the problem; it is no bare "Problem"
    kb = _doc_kb(tmp_path, 2022, _SPEECH)
    question = "Welches Problem gibt es bei den Mietverträgen der Radstationen?"
    assert "zeitlich befristet" in top(kb, question)


def test_english_say_is_a_light_verb(tmp_path: Path) -> None:
    # "said" is no topic the text must name: the count of those who declined answers
    kb = _doc_kb(
        tmp_path,
        2022,
        "Bei der Konferenz am 12.03.2022 sei von den 14 beteiligten Kommunen die Entscheidung "
        "getroffen worden, sich nicht am Förderprogramm Radstationen zu beteiligen.",
    )
    assert "14 beteiligten Kommunen" in top(kb, "how many kommunen said no to the radstationen")


_FUNDING = (
    "Mit Freude berichtete er, dass mit den Arbeiten zu den Radstationen begonnen werden konnte "
    "und das Förderprogramm bis 2022 ausgelegt sei."
)


def test_a_time_after_a_year_is_not_that_year(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path / "a", 2021, _FUNDING)
    assert not kb.ask("bis wann werden die radstationen nach 2022 gefördert").answered
    assert "bis 2022" in top(kb, "bis wann werden die radstationen gefördert")
    kb = _doc_kb(tmp_path / "b", 2021, f"{_FUNDING} Eine Verlängerung bis 2025 sei zugesagt.")
    assert "2025" in top(kb, "bis wann werden die radstationen nach 2022 gefördert")


def test_a_total_is_no_count_of_a_part_of_it(tmp_path: Path) -> None:
    # "insgesamt 6 Stellen (… und die Technikerstellen …)": how many of them are
    # Technikerstellen is not said
    text = (
        "Nach der Bewilligung folgte die Besetzung der insgesamt 6 Stellen der Radstationen "
        "(intern/extern und die Technikerstellen über die Bezirksregierung)."
    )
    kb = _doc_kb(tmp_path / "a", 2022, text)
    answer = kb.ask("Wie viele Technikerstellen haben die Radstationen?")
    assert not answer.answered or answer.confidence != "high"
    assert kb.ask("Wie viele Stellen haben die Radstationen?").confidence == "high"
