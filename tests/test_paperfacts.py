"""A paper's form fields said in one sentence (knowledge/paperfacts.py): read from the
letterhead and later form passages, inserted after the subject line, answerable, and never a
second source of calendar proposals."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.ingest import read_upload
from knowledge.paperfacts import facts_line, read_fields
from knowledge.passages import split_passages
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _doc_kb

# The Troisdorf Vorlage of the demo corpus as its letterhead reads after OCR.
_HEAD = (
    "Stadt Troisdorf Der Bürgermeister Az: III/50 Datum: 04.09.2013 Vorlage, DS-Nr, 2013/728 "
    "öffentlich nichtöffentlich X Beratungsfolge Sitzung am: TOP . Ja Nein Enth. "
    "Sozialausschuss 25.09.2013 .6"
)
_LATER = "Auswirkungen auf den Haushalt: Finanzielle Auswirkungen: Nein Vorlage 05.09.2013"


def test_the_fields_of_a_letterhead_are_read() -> None:
    facts = read_fields(_HEAD, [_LATER])
    assert facts.number == "2013/728"
    assert facts.issuer == "Stadt Troisdorf"
    assert facts.date == "04.09.2013"
    assert facts.file == "III/50"
    assert facts.sessions == (("Sozialausschuss", "25.09.2013"),)
    assert facts.finance == "Nein"
    assert facts_line(_HEAD, [_LATER]) == (
        "Angaben der Vorlage 2013/728, Stadt Troisdorf: Datum 04.09.2013; Az. III/50; "
        "Beratung: Sozialausschuss, Sitzung am 25.09.2013; finanzielle Auswirkungen: Nein."
    )


@pytest.mark.parametrize(
    "head",
    ["", "Stadt Troisdorf", "Datum: 99.99.2013", "x" * 100_000, "\x00\ufffd" * 500, "Az: ; DS-Nr"],
)
def test_a_form_with_less_than_two_fields_says_nothing(head: str) -> None:
    assert facts_line(head) is None


def test_a_form_of_hostile_length_is_read_in_bounds() -> None:
    rows = " ".join(f"Ausschuss{i}rat 0{i % 9 + 1}.01.2020" for i in range(5000))
    facts = read_fields(f"Datum: 01.01.2020 Beratungsfolge {rows}")
    assert len(facts.sessions) == 4


_PAPER = (
    "Stadt Beispielstadt\nDer Bürgermeister\nAz: 32/7\n\nDatum: 12.03.2024\n\n"
    "Vorlage, DS-Nr. 2024/115\n\nBeratungsfolge Sitzung am:\nVerkehrsausschuss 20.03.2024\n\n"
    "Betreff: Bau einer zweiten Radstation am Bahnhof\n\n"
    "Beschlussentwurf:\n\nDer Verkehrsausschuss beschließt den Bau einer zweiten Radstation.\n\n"
    "Finanzielle Auswirkungen: Ja\n\nSachdarstellung:\n\n"
    "Die erste Radstation ist seit 2021 ausgelastet. Eine zweite soll 200 Stellplätze haben.\n"
)


def test_the_sentence_stands_after_the_subject_line() -> None:
    passages = split_passages(_PAPER)
    kinds = [p.kind for p in passages]
    at = kinds.index("facts")
    assert passages[at - 1].text.startswith("Betreff:")
    assert passages[at].text == (
        "Angaben der Vorlage 2024/115, Stadt Beispielstadt: Datum 12.03.2024; Az. 32/7; "
        "Beratung: Verkehrsausschuss, Sitzung am 20.03.2024; finanzielle Auswirkungen: Ja."
    )
    assert [p.ord for p in passages] == list(range(len(passages)))


def test_prose_without_a_letterhead_gets_no_sentence() -> None:
    text = "Betreff: Radstation\n\nDatum: 12.03.2024 und Az: 32/7 stehen hier im Fließtext.\n"
    assert all(p.kind != "facts" for p in split_passages(text))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Welches Datum trägt die Vorlage 2024/115?", "12.03.2024"),
        ("hat die vorlage zur radstation finanzielle auswirkungen", "finanzielle Auswirkungen: Ja"),
        ("In welchem Ausschuss wurde die Radstation beraten?", "Verkehrsausschuss, Sitzung am"),
        ("wann berät der verkehrsausschuss die radstation", "20.03.2024"),
    ],
)
def test_the_fields_answer_what_they_say(tmp_path: Path, question: str, expected: str) -> None:
    kb = _doc_kb(tmp_path, 2024, _PAPER)
    assert expected in top(kb, question)


@pytest.mark.parametrize(
    "question",
    [
        "Wie ist die Abstimmung im Verkehrsausschuss über die Radstation ausgegangen?",
        "wann ist die nächste sitzung vom verkehrsausschuss",
    ],
)
def test_the_fields_do_not_answer_what_they_do_not_say(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2024, _PAPER)
    answer = kb.ask(question)
    assert not answer.answered or "Angaben der Vorlage" not in answer.hits[0].text


def test_the_sentence_is_no_source_of_appointments(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2024, _PAPER)
    name = kb.documents()[0].name
    found = kb.document_sentences(name)
    assert found is not None
    assert not any(t.startswith("Angaben der Vorlage") for t in found[1])


# On the demo corpus: the Troisdorf Vorlage's form, which OCR damaged.
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Welches Datum trägt die Troisdorfer Vorlage 2013/728?", "04.09.2013"),
        ("Welche finanziellen Auswirkungen hat die Vorlage 2013/728?", "Auswirkungen: Nein"),
        ("troisdorf sozialausschuss kiz wann", "25.09.2013"),
    ],
)
def test_the_demo_vorlage_answers_from_its_form(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    assert expected in top(kb, question)


def test_the_demo_corpus_has_no_next_session(kb: KnowledgeBase) -> None:
    assert not kb.ask("wann ist die naechste sitzung vom sozialausschuss").answered


def test_an_upload_counts_no_appointment_from_the_sentence() -> None:
    draft = read_upload(_PAPER.encode(), "vorlage.txt")
    assert draft.passages == len(split_passages(_PAPER))
    assert not any(t.startswith("Angaben der Vorlage") for t in draft.sentences)


def test_the_whole_passage_shows_the_form_as_written(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2024, _PAPER)
    hit = kb.ask("Welches Datum trägt die Vorlage 2024/115?").hits[0]
    view = kb.passage(hit.passage_ids[0])
    assert view is not None
    assert "Datum: 12.03.2024" in view.context  # the letterhead as the document has it
    assert "Angaben der Vorlage" not in view.context
