"""neighbours() reads the passages around candidates by id where a document's passages have
consecutive ids, by document and place otherwise: the same passages, in the same order, as
reading every one by its place."""

from __future__ import annotations

import json
from dataclasses import replace

from knowledge import search
from knowledge.answer import shortlist
from knowledge.base import KnowledgeBase
from tests.conftest import DATA


def _by_place(
    kb: KnowledgeBase, cands: list[search.Candidate]
) -> dict[tuple[int, int], search.Candidate]:
    """neighbours() as it was: every passage asked for by (doc_id, ord)."""

    def fetch(keys: set[tuple[int, int]], out: dict[tuple[int, int], search.Candidate]) -> None:
        for doc_id, ord_ in sorted(keys):
            row = kb.db.conn.execute(
                "SELECT id, doc_id, ord, kind, text, terms, lead_terms FROM passages "
                "WHERE doc_id = ? AND ord = ? AND kind != 'boilerplate'",
                (doc_id, ord_),
            ).fetchone()
            if row is not None:
                out[(row[1], row[2])] = search._candidate(row, 0.0)

    out = {(c.doc_id, c.ord): c for c in cands}
    fetch({(c.doc_id, c.ord + d) for c in cands for d in (-2, -1, 1, 2)} - set(out), out)
    leads = {(f.doc_id, f.ord - 1) for c in cands if (f := search.first_item(c, out)) is not c}
    fetch(leads - set(out), out)
    return out


def test_neighbours_are_read_as_by_place(kb: KnowledgeBase) -> None:
    vocab = kb.vocabulary()
    questions = [
        json.loads(line)["question"]
        for line in (DATA / "dev_questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    compared = 0
    for q in questions:
        query = search.analyse(q, vocab)
        cands = shortlist(query, search.candidates(kb.db, search.match_expressions(query, vocab)))
        expected = _by_place(kb, cands)
        near = search.neighbours(kb.db, cands)
        assert list(near.items()) == list(expected.items()), q
        # Ids that do not follow the places (as if passages were stored otherwise): the
        # passages are read by their places instead, with the same result.
        shifted = [replace(c, passage_id=c.passage_id + 7) for c in cands]
        near = search.neighbours(kb.db, shifted)
        assert list(near.items()) == list(_by_place(kb, shifted).items()), q
        compared += len(near)
    assert compared > 1000
