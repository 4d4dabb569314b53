"""Answers name a document's current metadata: the sources kept between questions are read
again after any change to the documents (the index generation)."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.ingest import DocumentMeta, TextDocument, ingest_texts
from knowledge.store import open_db

TEXT = (
    "Der Kreistag hat beschlossen, drei zusätzliche Stellen für das Integrationsmanagement "
    "einzurichten. Die Stellen werden ab dem 1. Januar besetzt."
)


def _doc(title: str, reference: str) -> TextDocument:
    meta = DocumentMeta(title=title, year=2024, reference=reference, web="https://ris.example/1")
    return TextDocument("vorlage-1", TEXT, meta, sha256="same-text")


def test_changed_metadata_reaches_the_next_answer() -> None:
    db = open_db(None)
    kb = KnowledgeBase(db)
    ingest_texts(db, [_doc("Stellen Integrationsmanagement", "2024/0001")])
    question = "Wie viele Stellen für das Integrationsmanagement hat der Kreistag beschlossen?"
    first = kb.ask(question)
    assert first.hits
    assert first.hits[0].source.reference == "2024/0001"
    ingest_texts(db, [_doc("Neue Stellen im Integrationsmanagement", "2024/0001-1")])
    again = kb.ask(question)
    assert again.hits[0].source.reference == "2024/0001-1"
    assert again.hits[0].source.title == "Neue Stellen im Integrationsmanagement"
