"""Classes of misses found in round 14 of issue 10: a count of something else answers no
"wie viele X"."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import _counts_only_others, _only_bare, title_names
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import FILLER, _doc_kb, _kb

_STATIONS = (
    "Bei der Konferenz der Bürgermeister am 12.03.2022 sei von den 14 beteiligten Kommunen "
    "beschlossen worden, das Förderprogramm Radstationen zu unterstützen. Die Richtlinie sei "
    "bereits veröffentlicht. Der Kreis könne nach der Richtlinie nur 3 Radstationen beantragen."
)


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Radstationen gibt es im Förderprogramm Radstationen?",
        "wieviele radstationen kann der kreis im förderprogramm bekommen",
    ],
)
def test_a_count_of_something_else_answers_no_how_many(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _STATIONS)
    assert "nur 3 Radstationen" in top(kb, question)


def test_a_count_of_something_else_is_no_answer_at_all(tmp_path: Path) -> None:
    # (the sentence with the count names too little of the question here: nothing found)
    kb = _doc_kb(tmp_path, 2022, _STATIONS)
    answer = kb.ask("anzahl radstationen förderprogramm")
    assert not answer.answered or "nur 3 Radstationen" in answer.hits[0].text


def test_a_count_of_what_is_asked_still_answers(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _STATIONS)
    question = "Wie viele Kommunen sind am Förderprogramm beteiligt?"
    assert "14 beteiligten Kommunen" in top(kb, question)


@pytest.mark.parametrize(
    ("text", "others"),
    [
        ("von den 15 beteiligten Kommunen", True),
        ("nur 2 Teilhabemanagerinnen", False),  # what is asked
        ("4 der größeren Kommunen", False),  # a part of something, maybe of what is asked
        ("der ca. 200 Personen umfasse", False),  # people in general
        ("Schlüssel von 1:337", False),  # a number standing alone
        ("siehe Folie 6 und Anlage 3", False),  # labels are no counts
        ("am 13.11.2019 im Jahr 2019", False),  # dates and years neither
        ("zwei Bewerbungen und 5 Preise", True),
    ],
)
def test_what_a_number_counts(text: str, others: bool) -> None:
    assert _counts_only_others({"teilhabemanagerin", "teilhabemanag"}, text) is others


_BODIES = (
    "Im Arbeitskreis der Seniorenbeiräte wurde über den aktuellen Stand des Radwegekonzeptes "
    "berichtet. Zur personellen Besetzung führte Frau Koch aus, dass in der Steuerungsrunde die "
    "Stadtwerke, das Bauamt, die Polizei und der ADFC vertreten seien. Für den Umweltpreis sei "
    "am 12.05.2022 ein Jurytermin geplant."
)


@pytest.mark.parametrize(
    "question",
    ["who is in the steuerungsrunde", "wer ist alles in der steuerungsrunde"],
)
def test_who_is_in_a_body_is_answered_by_its_list(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _BODIES)
    assert "Polizei" in top(kb, question)


@pytest.mark.parametrize(
    "question", ["wer sitzt im seniorenbeirat", "who is in the seniorenbeirat"]
)
def test_another_bodys_list_is_no_sure_answer(tmp_path: Path, question: str) -> None:
    # (the Seniorenbeirat is named in the sentence before the Steuerungsrunde's list)
    kb = _doc_kb(tmp_path, 2022, _BODIES)
    answer = kb.ask(question)
    assert not answer.answered or answer.confidence == "low"


@pytest.mark.parametrize(
    "question", ["who is in the jury", "wer ist in der jury", "wer sitzt in der jury"]
)
def test_a_compound_the_body_only_begins_names_no_members(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _BODIES)
    assert not kb.ask(question).answered


_WINNERS = (
    "Beim Ehrenamtspreis wurden folgende Vereine ausgezeichnet: \n\nKategorie 1: „Lesepaten "
    "Hennef“ \nKategorie 2: „Sport im Park“ \n\nDer Landrat hob hervor, das Ehrenamt im "
    "Rhein-Sieg-Kreis sei lebendig. Der Ehrenamtspreis solle auch nächstes Jahr verliehen werden."
)


@pytest.mark.parametrize(
    "question",
    ["where was the ehrenamtspreis awarded", "wo wurde der ehrenamtspreis verliehen"],
)
def test_a_place_after_a_list_of_winners_is_not_where_it_was_awarded(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2022, _WINNERS)
    assert not kb.ask(question).answered


def test_a_place_in_the_clause_of_the_award_answers_where(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path, 2022, _WINNERS + " Die Preise wurden im Kreishaus in Siegburg verliehen."
    )
    assert "Kreishaus" in top(kb, "wo wurde der ehrenamtspreis verliehen")


def test_a_slogan_in_the_title_is_what_the_document_is_about(tmp_path: Path) -> None:
    # (the sentence with the answer does not repeat the programme's name; the title has it)
    kb = _kb(
        tmp_path,
        {"a.txt": (2022, f"{FILLER} Die Zielgruppe seien 16- bis 21-Jährige. {FILLER}")},
        titles={"a.txt": "Sachstand: Mobil bleiben, Seniorenbeirat"},
    )
    assert "16- bis 21-Jährige" in top(kb, "welche zielgruppe hat mobil bleiben")


def test_title_slogans() -> None:
    assert title_names("Sachstand: Gemeinsam klappt's, Integrationspreis") == {
        "gemeinsam",
        "klappt",
    }
    assert not title_names("Kommunales Integrationsmanagement (KIM), Module 1 bis 3")
    assert not title_names("Themenschwerpunkte ab 2020")


_STAND_IN = (
    "Herr Meier berichtete, dass im Bauausschuss alle Fraktionen und der Seniorenbeirat "
    "vertreten seien. Die Verwaltung legte den Bericht zum Radverkehr vor. Als "
    "stellvertretende Leiterin vertrete Frau Yilmaz Herrn Meier in der heutigen Sitzung."
)


@pytest.mark.parametrize(
    "question",
    ["wer hat herrn meier vertreten", "wer vertritt herrn meier in der sitzung"],
)
def test_who_stood_in_for_a_person_is_not_what_that_person_reported(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2022, _STAND_IN)
    assert "Yilmaz" in top(kb, question)


def test_the_person_asked_about_is_no_answer_to_who(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, "Herr Meier sei in der heutigen Sitzung vertreten worden.")
    answer = kb.ask("wer hat herrn meier vertreten")
    assert not answer.answered or answer.confidence == "low"


def test_a_list_that_follows_its_topic_answers_which(tmp_path: Path) -> None:
    # (the prize and its date stand two sentences before the list of winners)
    kb = _doc_kb(
        tmp_path,
        2022,
        "Der Dezernent berichtete von dem am 12.05.2022 verliehenen Ehrenamtspreis des Kreises, "
        "der in zwei Kategorien (Sport und Kultur) verliehen und mit 500 € dotiert wurde. "
        "Nähere Informationen lassen sich der Anlage entnehmen. \n\nFolgende Vereine wurden "
        "geehrt: \n\nKategorie 1: „Lesepaten Hennef“ \nKategorie 2: „Chor am Markt“ \n\n",
    )
    question = "Welche Vereine wurden beim Ehrenamtspreis im Mai 2022 geehrt?"
    assert "Lesepaten" in top(kb, question)


@pytest.mark.parametrize(
    "question", ["wer ist alles in der steuerungsrunde", "who is in the steuerungsrunde"]
)
def test_a_body_named_beside_people_in_general_lists_no_members(
    tmp_path: Path, question: str
) -> None:
    # ("ca. 300 Personen" are people, but not the members asked for)
    kb = _doc_kb(
        tmp_path,
        2022,
        "Auf Kreisebene habe man bereits eine Steuerungsrunde ins Leben gerufen, bei der es im "
        "Wesentlichen um den Radverkehr gehe. Diese befasse sich mit den Radwegen für Pendler, "
        "die ca. 300 Personen umfasse.",
    )
    assert not kb.ask(question).answered


_SINCE = (
    "Von Seiten des Bauamts sei als Nächstes ein Wettbewerb geplant, wozu am 21.11.2022 ein "
    "Jurytermin stattfinden werde. Seit 2015 gibt es den Seniorenbeirat des Kreises."
)


@pytest.mark.parametrize("question", ["seit wann gibts das bauamt", "since when is there a bauamt"])
def test_since_when_is_not_answered_by_a_date_of_something_else(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2022, _SINCE)
    assert not kb.ask(question).answered


def test_since_when_is_answered_by_a_start(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _SINCE)
    assert "Seit 2015" in top(kb, "seit wann gibt es den seniorenbeirat")


_CONTRACTS = (
    "Es ergebe sich allerdings das Problem, dass die Arbeitsverträge der Radwegeplaner "
    "zeitlich befristet seien und zum Jahresende ausliefen. In der Richtlinie sei ein "
    "Förderzeitraum für das Radwegeprogramm bis 2024 festgelegt worden."
)


@pytest.mark.parametrize(
    "question",
    ["bis wann laufen die arbeitsverträge der radwegeplaner", "radwegeplaner vertraege bis wann"],
)
def test_the_end_of_the_year_is_a_deadline(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _CONTRACTS)
    answer = kb.ask(question)
    assert answer.answered
    assert answer.confidence != "low"
    assert "zum Jahresende" in answer.hits[0].text


def test_a_dated_end_answers_before_the_end_of_the_year(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _CONTRACTS)
    assert "bis 2024" in top(kb, "bis wann läuft das radwegeprogramm")


_BARE = (
    "Zudem seien in der letzten Sitzung des Beirats Leitlinien entwickelt worden. Je nach "
    "Ausgang der Gespräche werde es Arbeitsgruppen geben; die Vereine und die Verbände seien "
    "dabei."
)


@pytest.mark.parametrize(
    "question", ["welche leitlinien gibts", "Welche Leitlinien hat der Beirat entwickelt?"]
)
def test_things_named_bare_do_not_say_which(tmp_path: Path, question: str) -> None:
    # (the names in the next sentence are of others: Vereine, Verbände)
    kb = _doc_kb(tmp_path, 2022, _BARE)
    assert not kb.ask(question).answered


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("Zudem seien Leitlinien entwickelt worden.", True),
        ("Die Leitlinien des Beirats seien beschlossen.", False),  # a complement
        ("Es seien strategische Leitlinien entwickelt worden.", False),  # an adjective
        ("Folgende Leitlinien: Wohnen, Arbeit.", False),  # a colon
        ("Der Beirat beschloss Radleitlinien.", False),  # a compound says which
        ("Die Sitzung sei vertagt. Leitlinien seien hier: Wohnen und Arbeit.", False),
        ("Leitlinie sei es hier, den Austausch zu fördern.", False),  # a copula says what
    ],
)
def test_bare_names(text: str, bare: bool) -> None:
    assert _only_bare(frozenset({"leitlini"}), text) is bare
