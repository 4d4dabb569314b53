"""Answers carry their documents' full sources (reference and web page included), though
questions are ranked with the documents' outlines (knowledge.base reads a document's
reference and web page, which stand after its texts, only for the answers shown)."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.ingest import DocumentMeta, TextDocument, ingest_texts
from knowledge.store import open_db

TEXT = (
    "Antrag der Fraktion Grüne zur Sprachförderung in Kitas\n\n"
    "Die Fraktion beantragt zusätzliche Mittel für die Sprachförderung in Kitas. Der Kreistag "
    "hat beschlossen, drei zusätzliche Stellen für die Sprachförderung einzurichten.\n\n"
    "gez. Annegret Quastenberg\nFraktionsvorsitzende\n"
)


def test_answers_name_reference_and_web_page() -> None:
    db = open_db(None)
    meta = DocumentMeta(
        title="Antrag Sprachförderung",
        year=2024,
        reference="2024/0042",
        web="https://ris.example/42",
    )
    ingest_texts(db, [TextDocument("antrag-42", TEXT, meta, sha256="text-42")])
    kb = KnowledgeBase(db)
    for question in (
        "Wie viele Stellen für die Sprachförderung hat der Kreistag beschlossen?",
        "Wer hat den Antrag zur Sprachförderung unterzeichnet?",
    ):
        answer = kb.ask(question)
        assert answer.hits, question
        source = answer.hits[0].source
        assert (source.reference, source.web) == ("2024/0042", "https://ris.example/42")
        assert source.title == "Antrag Sprachförderung"
    assert "Quastenberg" in answer.hits[0].text  # the signers' line
