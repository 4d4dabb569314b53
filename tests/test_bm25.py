"""bm25 computed in Python (knowledge.bm25) gives SQLite's numbers, and candidates() the same
passages in the same order with it as without it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from knowledge import bm25, search
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db
from tests.conftest import DATA

QUESTION_FILES = ("dev_questions.jsonl", "extra_questions.jsonl", "holdout9_phone.jsonl")


def _questions() -> list[str]:
    return [
        json.loads(line)["question"]
        for name in QUESTION_FILES
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _question_matches(kb: KnowledgeBase) -> list[list[search.Match]]:
    vocab = kb.vocabulary()
    return [search.match_expressions(search.analyse(q, vocab), vocab) for q in _questions()]


def _matches(kb: KnowledgeBase) -> list[search.Match]:
    vocab = kb.vocabulary()
    out: dict[str, search.Match] = {}
    for q in _questions():
        for m in search.match_expressions(search.analyse(q, vocab), vocab):
            out.setdefault(m.expression, m)
    return list(out.values())


def test_python_bm25_is_sqlites(kb: KnowledgeBase) -> None:
    """Every passage each question's queries match scores exactly as bm25() in SQL."""
    stats = bm25.IndexStats()
    assert stats.refresh(kb.db)
    compared = 0
    for m in _matches(kb):
        score = bm25.scorer(kb.db, stats, [t for t, _ in m.phrases], m.column)
        assert score is not None
        rows = kb.db.conn.execute(
            "SELECT f.rowid, bm25(passage_fts, 1.0, 0.35), f.terms, f.context, s.sz "
            "FROM passage_fts f JOIN passage_fts_docsize s ON s.id = f.rowid "
            "WHERE passage_fts MATCH ?",
            (m.expression,),
        ).fetchall()
        for _pid, expected, terms, context, sizes in rows:
            assert score.score(terms, context, sizes) == expected, m.expression
            compared += 1
    assert compared > 1000


@pytest.mark.parametrize("path", ["newest", "filtered", "filtered-briefly", "ranked"])
def test_candidates_do_not_change(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """The same candidates, ranks and order with kept counts as with SQLite's bm25: for
    queries ranked in full, and for those that take the newest passages, also when common
    groups of terms are checked in the passages' terms (and when that gives up early)."""
    if path == "ranked":
        monkeypatch.setattr(search, "PYTHON_ROW_COST", 0)
    else:
        monkeypatch.setattr(search, "SORT_BUDGET", -1)
    if path.startswith("filtered"):
        monkeypatch.setattr(search, "FILTER_SHARE", 0.0)
    if path == "filtered-briefly":
        monkeypatch.setattr(search, "FILTER_SCAN", 5)
    stats = bm25.IndexStats()
    stats.refresh(kb.db)
    for m in _matches(kb):
        for t, _ in m.phrases:
            stats.hits(kb.db, t, m.column)  # as after earlier questions
        for internal in (False, True):
            expected = search.candidates(kb.db, [m], internal=internal)
            found = search.candidates(kb.db, [m], internal=internal, stats=stats)
            assert found == expected, m.expression
    # A question's queries together: one that found all its passages may serve another.
    for matches in _question_matches(kb):
        expected = search.candidates(kb.db, matches)
        assert search.candidates(kb.db, matches, stats=stats) == expected


def test_counts_follow_the_index(demo_db_file: Path, tmp_path: Path) -> None:
    """Kept counts are dropped when documents change (the index generation moves on)."""
    path = tmp_path / "kb.db"
    shutil.copy(demo_db_file, path)
    db = open_db(path)
    stats = bm25.IndexStats()
    assert stats.refresh(db)
    rows, before = stats.rows, stats.hits(db, "kreis", True)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "neu.txt").write_text(
        "Der Kreis beschließt den Haushalt. Der Kreis stellt neue Stellen ein.\n",
        encoding="utf-8",
    )
    ingest_paths(db, [extra])
    assert stats.refresh(db)
    assert stats.rows > rows
    assert stats.hits(db, "kreis", True) == before + 2  # two sentences, two passages
    m = search.Match('terms : ("kreis")', 1, ((("kreis", 0),),))
    score = bm25.scorer(db, stats, ["kreis"], True)
    assert score is not None
    for _pid, expected, terms, context, sizes in db.conn.execute(
        "SELECT f.rowid, bm25(passage_fts, 1.0, 0.35), f.terms, f.context, s.sz "
        "FROM passage_fts f JOIN passage_fts_docsize s ON s.id = f.rowid "
        "WHERE passage_fts MATCH ?",
        (m.expression,),
    ):
        assert score.score(terms, context, sizes) == expected


def test_odd_characters_are_left_to_sqlite(kb: KnowledgeBase) -> None:
    """A term or a text the index may split otherwise than at spaces is not scored here."""
    stats = bm25.IndexStats()
    stats.refresh(kb.db)
    assert bm25.scorer(kb.db, stats, ["zwei worte"], True) is None
    assert bm25.scorer(kb.db, stats, ["Kreis"], True) is None
    assert bm25.scorer(kb.db, stats, ["a-b"], True) is None
    assert bm25.scorer(kb.db, None, ["kreis"], True) is None
    score = bm25.scorer(kb.db, stats, ["kreis"], True)
    assert score is not None
    with pytest.raises(bm25.Unscorable):
        score.score("kreis a-b", "", b"\x02\x00")
