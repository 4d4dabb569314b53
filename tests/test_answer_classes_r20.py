"""Classes of misses found in round 20 of issue 10: a sentence that announces what follows
answers "was sind die X" with the sentence after it, and German "was" is no past tense."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import _ASKS_DEADLINE_RE, _asks_past
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import FILLER, _doc_kb, _kb

# A 2019 paper announcing the topics of the years ahead; the topics stand in the sentences
# after the one that names them.
_TOPICS = (
    "Im Folgenden ging Frau Schulz noch auf die Themenschwerpunkte ein, die die "
    "Steuerungsrunde ab 2021 angehen werde. Im Bereich „Schule“ liege der Schwerpunkt auf "
    "sicheren Radwegen zu allen Grundschulen. Im Bereich „Pendeln“ gehe es um "
    f"Abstellanlagen an den Bahnhöfen. {FILLER}"
)


@pytest.mark.parametrize(
    "question",
    [
        "was sind die schwerpunkte ab 2021",
        "Was sind die Themenschwerpunkte der Steuerungsrunde ab 2021?",
        "was sind die themenschwerpunkte 2021",
    ],
)
def test_what_are_the_topics_is_answered_with_the_sentence_after_the_announcement(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2019, _TOPICS)
    text = top(kb, question)
    assert "Themenschwerpunkte" in text
    assert "Radwegen zu allen Grundschulen" in text


@pytest.mark.parametrize(
    ("question", "past"),
    [
        ("was sind die themenschwerpunkte 2020", False),
        ("Was plant die Steuerungsrunde 2021?", False),
        ("was war der schwerpunkt 2020", True),
        ("Who was awarded the prize in 2020?", True),
        ("what was decided in 2019", True),
        ("Wer hat den Preis 2020 bekommen?", True),
    ],
)
def test_german_was_asks_what_not_what_happened(question: str, past: bool) -> None:
    assert _asks_past(question) is past


# The funding period stands as "Laufzeit … bis 2024"; "gefördert" is what English "funded"
# means, and its paraphrases hold "Laufzeit" and "Förderprogramm".
_FUNDING = (
    "Das Förderprogramm der Radstationen habe eine Laufzeit bis 2024. "
    f"{FILLER} Die Förderung der Lastenräder für die Radstationen wurde am 12.03.2021 "
    "im Kreishaus beschlossen."
)


@pytest.mark.parametrize(
    "question",
    ["until when are the radstationen funded", "How long are the Radstationen funded?"],
)
def test_an_english_word_finds_the_paraphrases_of_its_german_gloss(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2021, _FUNDING)
    assert "bis 2024" in top(kb, question)


@pytest.mark.parametrize(
    ("question", "deadline"),
    [
        ("wann endet die förderung der radstationen", True),
        ("Wann läuft die Förderung aus?", True),
        ("wann laufen die verträge aus", True),
        ("When does the funding end?", True),
        ("when will the contracts expire", True),
        ("Wann wurden die Radstationen vorgestellt?", False),
        ("When did the committee meet?", False),
    ],
)
def test_asking_when_something_ends_asks_for_a_deadline(question: str, deadline: bool) -> None:
    assert bool(_ASKS_DEADLINE_RE.search(question)) is deadline


def test_a_date_asked_for_is_found_as_that_date_before_its_year(tmp_path: Path) -> None:
    # The newer paper speaks of 2020 too; only the older one has the date asked about.
    kb = _kb(
        tmp_path,
        {
            "a.txt": (2019, f"{FILLER} Die Radstationen werden am 03.09.2020 eröffnet. {FILLER}"),
            "b.txt": (2021, f"{FILLER} Mittel aus 2020 flossen an das Land zurück. {FILLER}"),
        },
    )
    for question in ("was passiert am 03.09.2020", "What happens on 3.9.2020?"):
        assert "Radstationen" in top(kb, question)
    year = next(c for c in kb.analyse("was passiert am 03.09.2020").concepts if c.kind == "number")
    assert year.alternatives["03.09.2020"] > year.alternatives["2020"]


_ABSENTEEISM = (
    "Am 12.05.2022 findet eine Kooperationsveranstaltung zum Thema Schulabsentismus im "
    f"Kreishaus statt. {FILLER} Die Schulen im Kreis melden am 01.02.2022 ihre Zahlen."
)


@pytest.mark.parametrize(
    "question",
    ["when is the conference on school absenteeism", "When is the school absenteeism event?"],
)
def test_english_words_written_apart_find_the_german_compound_they_start(
    tmp_path: Path, question: str
) -> None:
    # "school absenteeism" is "Schulabsentismus": the German of "absenteeism" starts with
    # the German of "school", so that word counts for "school" too.
    kb = _doc_kb(tmp_path, 2021, _ABSENTEEISM)
    assert "Schulabsentismus" in top(kb, question)
    school = next(c for c in kb.analyse(question).concepts if c.label == "school")
    assert "schulabsentismus" in school.alternatives


_CLUB = (
    "Die Radstationen machen im Sommer länger auf. "
    f"{FILLER} Der Schlüssel der Radstationen im Kreis liegt bei 1:40."
)


@pytest.mark.parametrize(
    "question", ["was macht die vhs", "was gibts bei der vhs", "wat macht kfz"]
)
def test_an_unknown_abbreviation_that_was_the_whole_topic_is_not_left_out(
    tmp_path: Path, question: str
) -> None:
    # Left out as a slip, "vhs" would leave "was macht", which any sentence with "machen"
    # answers.
    kb = _doc_kb(tmp_path, 2021, _CLUB)
    assert not kb.ask(question).answered


def test_an_unknown_short_word_beside_a_topic_is_still_left_out(tmp_path: Path) -> None:
    # "rsk" (Rhein-Sieg-Kreis) typed beside the topic: the topic answers.
    kb = _doc_kb(tmp_path, 2021, _CLUB)
    assert "1:40" in top(kb, "schluessel radstationen rsk?")


def test_fertig_sein_is_said_as_erstellen(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2023,
        "Der Kreistag wird aufgefordert, bis Dezember 2024 einen Radverkehrsplan zu erstellen.",
    )
    assert "bis Dezember 2024" in top(kb, "bis wann soll der radverkehrsplan fertig sein")


_ROUND = (
    "Zur personellen Besetzung führte Frau Schulz aus, dass sich in der Steuerungsrunde neben "
    "den Geschäftsführungen der Verbände (ADFC, VCD), die Polizei, das Tiefbauamt, "
    "Vertretungen des Schulbereiches sowie fünf benannte Vertretungen der Kommunen wiederfänden."
)


@pytest.mark.parametrize(
    "question",
    [
        "Welche fünf Kommunen sind in der Steuerungsrunde vertreten?",
        "Which five municipalities are represented in the Steuerungsrunde?",
    ],
)
def test_things_only_counted_after_a_list_of_others_are_not_named(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2022, _ROUND)
    assert not kb.ask(question).answered


def test_things_named_after_their_count_are_listed(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2022,
        _ROUND + " Die fünf Kommunen in der Steuerungsrunde seien Siegburg, Hennef, Eitorf, "
        "Much und Lohmar.",
    )
    assert "Hennef" in top(kb, "Welche fünf Kommunen sind in der Steuerungsrunde vertreten?")


_WINNERS = (
    "Folgende Projekte wurden ausgezeichnet: Kategorie 1: „Internationale Radwerkstatt Lohmar "
    f"Nord“ Kategorie 2: „Fahrradschule Much“. {FILLER} Am 06.11.2019 finde außerdem eine "
    "sog. „Radnacht“ statt. "
    "Der Kreisverband des Vereins wurde 1985 gegründet."
)


@pytest.mark.parametrize(
    "question",
    [
        "Wer hat die „Internationale Radwerkstatt Lohmar Nord“ gegründet?",
        "Wer ist Träger der Internationalen Radwerkstatt Lohmar Nord?",
        "wer steckt hinter der internationalen radwerkstatt lohmar nord",
    ],
)
def test_a_text_that_only_names_a_project_says_nothing_more_of_it(
    tmp_path: Path, question: str
) -> None:
    kb = _doc_kb(tmp_path, 2019, _WINNERS)
    assert not kb.ask(question).answered


def test_a_text_that_says_more_of_a_named_project_answers(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2019,
        _WINNERS + " Die „Internationale Radwerkstatt Lohmar Nord“ wurde 2015 vom ADFC gegründet.",
    )
    assert "ADFC" in top(kb, "Wer hat die „Internationale Radwerkstatt Lohmar Nord“ gegründet?")
    # the date beside the name is what "when" asks for
    assert "06.11.2019" in top(kb, "When does the so-called Radnacht take place?")


_STEERED = (
    "Die Radstationen in Siegburg und Hennef kennt Herr Meier seit 2015 gut. "
    f"{FILLER} Die Prozesse der Radstationen würden von der Steuerungsrunde auf Kreisebene "
    "gesteuert und bei Bedarf optimiert."
)


@pytest.mark.parametrize(
    "question", ["wer steuert die radstationen", "Von wem werden die Radstationen gesteuert?"]
)
def test_the_agent_of_a_passive_answers_who(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2021, _STEERED)
    assert "von der Steuerungsrunde" in top(kb, question)


def test_a_time_after_von_is_no_agent() -> None:
    from knowledge.answer import _evidence

    assert (
        _evidence("person", "Das Projekt wurde von März 2012 bis Oktober 2012 durchgeführt.") == 0
    )
    assert _evidence("person", "Es werde durch einen Fachbereich, dem KI, gesteuert.") == 1.0


_BUDGET = (
    "Die Radstationen seien inzwischen in eine gesetzliche Fassung gegossen worden. "
    f"{FILLER} Im Rahmen der Haushaltsberatungen sicherte Frau Schulz den Radstationen ihre "
    "Unterstützung zu."
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("is there a legal basis for the radstationen", "gesetzliche Fassung"),
        ("Have the Radstationen been put on a statutory footing?", "gesetzliche Fassung"),
        ("who promised support for the radstationen in the budget talks", "Frau Schulz"),
    ],
)
def test_english_committee_phrases(tmp_path: Path, question: str, expected: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _BUDGET)
    assert expected in top(kb, question)


def test_a_majority_asked_for_is_said_as_unanimous(tmp_path: Path) -> None:
    # "Regelungen" are "Bestimmungen"; "mit welcher Mehrheit" is answered by "einhellig".
    kb = _doc_kb(
        tmp_path,
        2022,
        "Die Bestimmungen zu den Radstationen seien Anfang des Jahres einhellig im Kreistag "
        "verabschiedet worden.",
    )
    question = (
        "Mit welcher Mehrheit hat der Kreistag die Regelungen zu den Radstationen beschlossen?"
    )
    assert "einhellig" in top(kb, question)


_MECHANICS = (
    "Für die Radstationen seien 6 Mechaniker-Stellen vorgesehen. Die Mechaniker reparieren "
    "Räder. Zwei Mechaniker arbeiten in Siegburg. Die Mechaniker und Mechanikerinnen werden "
    "geschult. Die Mechanickerinnen melden Probleme an die Leitung."
)


def test_a_slip_found_only_by_a_documents_own_slip_also_finds_the_word_meant(
    tmp_path: Path,
) -> None:
    # "mechanicker" shares its stem with the minutes' slip "Mechanickerinnen" only; the
    # frequent "Mechaniker" one letter off is what was meant.
    kb = _doc_kb(tmp_path, 2022, _MECHANICS)
    assert "6 Mechaniker-Stellen" in top(kb, "wieviele mechanicker stellen")


_SEAL = (
    "Ansprechpartnerin für den Siegelprozess der Radstationen sei Frau Schulz. "
    f"{FILLER} Ein Prozess der Verwaltung laufe seit 2019. Das Siegel werde 2022 verliehen."
)


@pytest.mark.parametrize(
    "question",
    [
        "who is responsible for the seal process",
        "wer ist für den siegelprozess zuständig",
        "Who is in charge of the seal process?",
    ],
)
def test_who_is_responsible_for_is_a_person_and_the_contact_is_one(
    tmp_path: Path, question: str
) -> None:
    # "seal process" is "Siegelprozess", the German of both joined; "zuständig" is said as
    # "Ansprechpartnerin"; "who is responsible for X" asks for a person, not for whom X is.
    kb = _doc_kb(tmp_path, 2021, _SEAL)
    assert "Frau Schulz" in top(kb, question)


@pytest.mark.parametrize(
    ("question", "for_whom"),
    [
        ("who is responsible for the seal process", False),
        ("Who is the programme meant for?", True),
        ("who is kim for ??", True),
        ("Für wen ist das Programm gedacht?", True),
    ],
)
def test_for_whom_ends_the_question(question: str, for_whom: bool) -> None:
    from knowledge.answer import _FOR_WHOM_RE

    assert bool(_FOR_WHOM_RE.search(question)) is for_whom


def test_english_words_apart_find_the_german_compound_of_both(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2021,
        "In Zusammenarbeit mit den drei Integrationsagenturen werde überlegt, wie man die "
        f"Radstationen einbinde. {FILLER} Die Integration der Radwege sei Aufgabe des Kreises.",
    )
    assert "drei Integrationsagenturen" in top(kb, "how many integration agencies are there")


def test_together_is_said_zusammen(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2013,
        "Zusammen mit dem ADFC und dem Tiefbauamt erfolgte das Projekt Radbus: Freiwillige "
        f"fahren Kinder zur Schule. {FILLER} Das Projekt Radweg wurde 2012 beendet.",
    )
    question = "What is the Radbus project that the Kreis carried out together with the ADFC?"
    assert "Freiwillige" in top(kb, question)
