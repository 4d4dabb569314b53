"""Letterheads, form fields, signatures and distribution lists (issue 10): recognised at ingest
as passages of kind "boilerplate", kept searchable as context, never an answer."""

from __future__ import annotations

from functools import cache

import pytest

from knowledge.analyze import german_words
from knowledge.base import KnowledgeBase
from knowledge.passages import Passage, split_passages
from knowledge.repair import repair_text
from tests.corpus import CLEAN_FILES, CORPUS, OCR_FILE

# What only letterheads, form fields and signatures say.
FORM_MARKS = ("Beratungsfolge", "Gez", "gez.", "Sachdarstell", "Az:", "Datum:", "Unterschrift")


@cache
def document(name: str) -> tuple[Passage, ...]:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    return tuple(split_passages(repair_text(raw, german_words())))


def kinds(raw: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in split_passages(raw)]


# --- At ingest: the passages of the OCR document ---------------------------------------------


def test_form_fields_of_the_document_are_boilerplate() -> None:
    boiler = [p.text for p in document(OCR_FILE) if p.kind == "boilerplate"]
    joined = " ".join(boiler)
    for mark in ("Beratungsfolge Sitzungsdatum Behandlung", "Gez", "Az: III/50", "Datum:"):
        assert mark in joined
    for mark in ("Auswirkungen auf den Haushalt", "Sachdarstelluna", "In Vertretung"):
        assert mark in joined
    assert "Dr. Stephan Kuhnert Beigeordneter" in joined  # the name under "In Vertretung"


def test_no_answerable_passage_of_the_document_holds_form_fields() -> None:
    for p in document(OCR_FILE):
        if p.kind != "boilerplate":
            assert not any(mark in p.text for mark in FORM_MARKS), p.text


def test_the_prose_after_a_form_label_is_a_passage_of_its_own() -> None:
    texts = [p.text for p in document(OCR_FILE) if p.kind == "sentence"]
    assert any(t.startswith("Seit Ende letzten Jahres wird die Einrichtung") for t in texts)
    assert any(t.startswith("Der Sozialausschuss begrüßt die Position") for t in texts)
    assert any(t.startswith("Erstellung eines Integrationskonzeptes") for t in texts)


def test_a_committee_table_stays_together_for_the_appointments() -> None:
    boiler = [p.text for p in document(OCR_FILE) if p.kind == "boilerplate"]
    assert any(
        "Beratungsfolge Sitzung am" in t and "Sozialausschuss 25.09.2013" in t for t in boiler
    )


@pytest.mark.parametrize("name", CLEAN_FILES)
def test_minutes_hold_no_boilerplate(name: str) -> None:
    assert [p.text for p in document(name) if p.kind == "boilerplate"] == []


# --- The rules, on small examples ------------------------------------------------------------


def test_a_letterhead_is_boilerplate_and_the_subject_is_not() -> None:
    raw = (
        "Stadt Musterhausen\nDer Bürgermeister\nAz: 50/123\nDatum: 04.09.2013\n"
        "Sachbearbeiterin: Frau Muster, Tel. 02241 13-2345\n\n"
        "Betreff: Einrichtung einer Beratungsstelle\n\n"
        "Sachdarstellung: Die Stadt richtet im Herbst eine Beratungsstelle ein.\n"
    )
    assert kinds(raw) == [
        (
            "boilerplate",
            "Stadt Musterhausen Der Bürgermeister Az: 50/123 Datum: 04.09.2013 "
            "Sachbearbeiterin: Frau Muster, Tel. 02241 13-2345",
        ),
        ("sentence", "Betreff: Einrichtung einer Beratungsstelle"),
        # The fields of the letterhead, said in a sentence (knowledge/paperfacts.py).
        ("facts", "Angaben der Vorlage, Stadt Musterhausen: Datum 04.09.2013; Az. 50/123."),
        # "Sachdarstellung:" alone is one word, too little to be a passage at all.
        ("sentence", "Die Stadt richtet im Herbst eine Beratungsstelle ein."),
    ]


def test_a_signature_and_the_name_under_it_are_boilerplate() -> None:
    raw = (
        "Die Verwaltung wird gebeten, bis März zu berichten.\n\n"
        "Mit freundlichen Grüßen\n\ngez. Anna Beispiel\nFraktionsvorsitzende\n"
    )
    assert kinds(raw) == [
        ("sentence", "Die Verwaltung wird gebeten, bis März zu berichten."),
        ("boilerplate", "Mit freundlichen Grüßen gez. Anna Beispiel Fraktionsvorsitzende"),
    ]


def test_a_distribution_list_is_boilerplate() -> None:
    raw = "Verteiler:\nFraktionen im Kreistag\nAmt 50\nIntegrationsrat\n\nDer Rat tagt am Montag.\n"
    assert kinds(raw) == [
        ("boilerplate", "Verteiler: Fraktionen im Kreistag Amt 50 Integrationsrat"),
        ("sentence", "Der Rat tagt am Montag."),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "Das Datum der Sitzung ist der 25.09.2013, die Vorlage liegt vor.\n",
        "Beschluss: Der Ausschuss nimmt den Bericht einstimmig zur Kenntnis.\n",
        "Abstimmungsergebnis: einstimmig\n",
        "Der Integrationsrat tagt öffentlich.\n",
        "Von diesem Hintergrund stellt der Integrationsrat folgenden\n\nAntrag:\n\n"
        "• Der Kreistag wird aufgefordert, ein Konzept zu erstellen.\n",
        "Ja: 12 Nein: 3 Enthaltungen: 1\n",
    ],
)
def test_prose_and_results_are_no_boilerplate(raw: str) -> None:
    assert "boilerplate" not in [kind for kind, _ in kinds(raw)]


# --- In answers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Wann ist die nächste Sitzung des Integrationsrats?",
        "naechste sitzung integrationsrat",
        "Wer hat den Antrag unterschrieben?",
        "Welche finanziellen Auswirkungen hat die Vorlage auf den Haushalt?",
        "Was ist das Aktenzeichen der Vorlage?",
        "Beratungsfolge Sitzungsdatum Behandlung Integrationsrat öffentlich Entscheidung",
    ],
)
def test_boilerplate_is_never_an_answer(kb: KnowledgeBase, question: str) -> None:
    answer = kb.ask(question, top=5)
    for hit in answer.hits:
        assert not any(mark in hit.text for mark in FORM_MARKS), hit.text


def test_boilerplate_stays_in_the_index(kb: KnowledgeBase) -> None:
    rows = kb.db.conn.execute(
        "SELECT count(*) FROM passages p JOIN passage_fts f ON f.rowid = p.id "
        "WHERE p.kind = 'boilerplate'"
    ).fetchone()
    assert rows[0] > 0


# --- A heading at the top of a page ends the table before it ----------------------------------


def test_a_heading_after_a_page_break_starts_new_prose() -> None:
    raw = (
        "Münster Aachen Kreis Mettmann Städteregion Aachen Kreis Borken Bonn Kreis Düren\n\n"
        "Quelle: Flyer Neue Akzente in NRW / Landesweite Koordinierungsstelle / Stand 2013\n"
        "\f\nErfahrungsberichte anderer Kreise\n\n"
        "Mittlerweile haben 45 von insgesamt 54 Kreisen die Genehmigung beantragt.\n"
    )
    texts = [p.text for p in split_passages(raw)]
    assert "Mittlerweile haben 45 von insgesamt 54 Kreisen die Genehmigung beantragt." in texts


def test_a_sentence_goes_on_after_a_page_break() -> None:
    raw = (
        "Die Kommunen haben in den vergangenen Jahren gemeinsam mit dem Kreis und dem Land\n"
        "\f\nFördermittel beantragt.\n"
    )
    assert [p.text for p in split_passages(raw)] == [
        "Die Kommunen haben in den vergangenen Jahren gemeinsam mit dem Kreis und dem Land "
        "Fördermittel beantragt."
    ]


def test_the_ocr_document_counts_the_districts_in_one_passage() -> None:
    texts = [p.text for p in document(OCR_FILE)]
    assert any(
        t.startswith("Mittlerweile haben 45 von insgesamt 54 Kreisen und kreisfreien Städten")
        and "beantragt und erhalten" in t
        for t in texts
    )
