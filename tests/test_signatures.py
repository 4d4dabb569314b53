"""Who signed a paper (issue 10, round 6): a question that asks it is answered with one clean
line of the signers and what they signed; the signature block itself stays boilerplate, never
quoted, and an internal paper's signers reach only staff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import answer_text
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.signatures import asks_signer, parse_signature, referenced_paper
from knowledge.store import open_db
from tests.test_boilerplate import FORM_MARKS


@pytest.mark.parametrize(
    ("block", "line"),
    [
        (  # the block of the Sankt Augustin request, as stored (three columns, one line)
            "Unterschrift(en) Gez . Nikolaos Pasaportis gez. Herbert Montexier gez. Joginder "
            "Rubin Internationale Liste Internationale Liste Internationale Liste",
            "Unterzeichnet von Nikolaos Pasaportis, Herbert Montexier und Joginder Rubin "
            "(Internationale Liste).",
        ),
        (
            "In Vertretung Dr. Stephan Kuhnert Beigeordneter",
            "Unterzeichnet in Vertretung von Dr. Stephan Kuhnert (Beigeordneter).",
        ),
        (
            "Mit freundlichen Grüßen i. A. Maria von der Heide Amt 50",
            "Unterzeichnet im Auftrag von Maria von der Heide (Amt 50).",
        ),
        (
            "Der Landrat In Vertretung gez. Svenja Udelhoven Kreisdirektorin",
            "Unterzeichnet in Vertretung von Svenja Udelhoven (Kreisdirektorin).",
        ),
    ],
)
def test_a_signature_block_names_its_signers(block: str, line: str) -> None:
    signature = parse_signature(block)
    assert signature is not None
    assert signature.line() == line


@pytest.mark.parametrize("block", ["Unterschrift(en)", "gez.", "Mit freundlichen Grüßen"])
def test_a_block_without_a_name_names_nobody(block: str) -> None:
    assert parse_signature(block) is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Wer hat den Antrag unterzeichnet?", True),
        ("wer hat antrag sankt augustin unterschriebn", True),
        ("Wer hat den Antrag des Integrationsrats unterzeichent?", True),
        ("who signed the request", True),
        ("Wer hat den Antrag gestellt?", False),
        ("Wann wurde das KIZ gezielt gefördert?", False),
        ("Was bedeuten die Zeichen im Konzept?", False),
    ],
)
def test_which_questions_ask_who_signed(question: str, asks: bool) -> None:
    assert asks_signer(question) is asks


@pytest.mark.parametrize(
    ("question", "signer", "subject"),
    [
        (
            "Wer hat den Antrag des Integrationsrats der Stadt Sankt Augustin unterzeichnet?",
            "Joginder Rubin",
            "Erstellung eines Integrationskonzeptes",
        ),
        ("wer hat antrag sankt augustin unterschriebn", "Nikolaos Pasaportis", ""),
        ("who signed the sankt augustin integrationsrat request?", "Herbert Montexier", ""),
        (
            "Wer hat die Vorlage der Stadt Troisdorf zum KIZ unterschrieben?",
            "Dr. Stephan Kuhnert",
            "Antrag der SPD-Fraktion",
        ),
    ],
)
def test_who_signed_is_answered_with_the_signers_not_the_form(
    kb: KnowledgeBase, question: str, signer: str, subject: str
) -> None:
    answer = kb.ask(question)
    assert answer.answered
    text = answer.hits[0].text
    assert text.startswith("Unterzeichnet ")
    assert signer in text
    assert subject in text
    assert not any(mark in text for mark in FORM_MARKS), text
    assert answer.hits[0].source.name == "2013-integrationskonzept-und-kiz-antrag.txt"


@pytest.mark.parametrize(
    "question",
    [
        "Wer hat die Niederschrift des Sozialausschusses 2022 unterschrieben?",
        "wer hat unterschrieben",
    ],
)
def test_who_signed_a_paper_without_signature_is_not_answered_with_signers(
    kb: KnowledgeBase, question: str
) -> None:
    answer = kb.ask(question)
    assert not any(h.text.startswith("Unterzeichnet") for h in answer.hits)


def test_a_single_topic_word_signs_only_unsure(kb: KnowledgeBase) -> None:
    # The request is about an Integrationskonzept; that may not be the paper asked about.
    answer = kb.ask("wer hat das integrationskonzept unterschrieben")
    assert answer.confidence == "low"


def _internal_paper(tmp_path: Path) -> KnowledgeBase:
    """A base of one internal request, signed "gez. Annegret Quastenberg"."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "intern.txt").write_text(
        "Antrag der Fraktion Grüne zur Sprachförderung in Kitas\n\n"
        "Die Fraktion beantragt zusätzliche Mittel für die Sprachförderung in Kitas.\n\n"
        "gez. Annegret Quastenberg\nFraktionsvorsitzende\n",
        encoding="utf-8",
    )
    meta = {"intern.txt": {"title": "Antrag Sprachförderung", "year": 2024, "public": False}}
    (folder / "corpus.json").write_text(json.dumps({"documents": meta}), encoding="utf-8")
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [folder])
    kb = KnowledgeBase(db)
    return kb


def test_an_internal_papers_signers_reach_only_staff(tmp_path: Path) -> None:
    kb = _internal_paper(tmp_path)
    question = "Wer hat den Antrag zur Sprachförderung unterzeichnet?"
    member = kb.ask(question)
    assert not any("Quastenberg" in h.text for h in member.hits)
    staff = kb.ask(question, internal=True)
    assert staff.answered
    assert "Annegret Quastenberg (Fraktionsvorsitzende)" in staff.hits[0].text


def test_the_signers_line_is_not_shown_as_a_quote(kb: KnowledgeBase) -> None:
    # The line is the bot's own wording of the block, so no quotation marks around it.
    answer = kb.ask("wer hat antrag sankt augustin unterschriebn")
    assert not answer.hits[0].quoted
    text = answer_text(answer)
    assert "  Unterzeichnet von Nikolaos Pasaportis" in text
    assert "„Unterzeichnet" not in text


@pytest.mark.parametrize(
    ("question", "signer"),
    [
        ("wer ist dr kuhnert", "Dr. Stephan Kuhnert (Beigeordneter)"),
        ("Who is Joginder Rubin?", "Joginder Rubin"),
    ],
)
def test_who_is_a_name_known_only_from_a_signature(
    kb: KnowledgeBase, question: str, signer: str
) -> None:
    # Round 24: the name stands in no sentence, only under the paper, which says who it is.
    answer = kb.ask(question)
    assert answer.answered
    assert answer.confidence != "low"
    assert answer.hits[0].text.startswith("Unterzeichnet ")
    assert signer in answer.hits[0].text


@pytest.mark.parametrize("question", ["wer ist landrat", "wer ist herr müller"])
def test_who_is_reads_the_signature_not_the_letter(kb: KnowledgeBase, question: str) -> None:
    # The Troisdorf paper speaks of the Landrat; its signer is the Beigeordnete.
    assert not any(h.text.startswith("Unterzeichnet") for h in kb.ask(question).hits)


def test_who_is_keeps_an_internal_signer_from_members(tmp_path: Path) -> None:
    kb = _internal_paper(tmp_path)
    assert not any("Quastenberg" in h.text for h in kb.ask("wer ist quastenberg").hits)
    assert "Quastenberg" in kb.ask("wer ist quastenberg", internal=True).hits[0].text


@pytest.mark.parametrize(
    "question",
    [
        "Wer hat den Antrag der SPD-Fraktion vom 01. Juli 2013 unterzeichnet?",
        "wer hat den spd antrag zum kiz unterschrieben",
    ],
)
def test_the_paper_a_subject_refers_to_was_signed_by_others(
    kb: KnowledgeBase, question: str
) -> None:
    # Round 24: the Troisdorf Vorlage answers "hier; Antrag der SPD-Fraktion vom 01. Juli
    # 2013"; its signer did not sign that request, which is not in the documents.
    answer = kb.ask(question)
    assert not answer.answered, answer.hits[0].text


def test_a_referenced_paper_is_read_from_the_subject() -> None:
    subject = (
        "Einrichtung eines KIZ im Rhein-Sieg-Kreis hier; Antrag der SPD-Fraktion vom 01. Juli 2013"
    )
    assert referenced_paper(subject) == "Antrag der SPD-Fraktion vom 01. Juli 2013"
    assert referenced_paper("Bezug: Schreiben des Landes vom 3.5.2021") == (
        "Schreiben des Landes vom 3.5.2021"
    )
    assert referenced_paper("Einrichtung einer Radstation") == ""
