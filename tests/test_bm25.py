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


@pytest.mark.parametrize(
    "path", ["newest", "filtered", "filtered-briefly", "filtered-twice", "ranked"]
)
def test_candidates_do_not_change(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """The same candidates, ranks and order with kept counts as with SQLite's bm25: for
    queries ranked in full, and for those that take the newest passages, also when common
    groups of terms are checked in the passages' terms (and when that gives up early, or
    goes on with the smallest common group asked of the index too)."""
    if path == "ranked":
        monkeypatch.setattr(search, "PYTHON_ROW_COST", 0)
    else:
        monkeypatch.setattr(search, "SORT_BUDGET", -1)
    if path.startswith("filtered"):
        monkeypatch.setattr(search, "FILTER_SHARE", 0.0)
    if path == "filtered-briefly":
        monkeypatch.setattr(search, "FILTER_SCAN", 5)
    # Few passages wanted, few read before the second step: the demo corpus takes it then.
    limit = 4 if path == "filtered-twice" else search.CANDIDATES
    if path == "filtered-twice":
        monkeypatch.setattr(search, "FILTER_SCAN", 3)
    stats = bm25.IndexStats()
    stats.refresh(kb.db)
    for m in _matches(kb):
        for t, _ in m.phrases:
            stats.hits(kb.db, t, m.column)  # as after earlier questions
        for internal in (False, True):
            expected = search.candidates(kb.db, [m], limit, internal=internal)
            found = search.candidates(kb.db, [m], limit, internal=internal, stats=stats)
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


def test_primed_counts_are_the_counted_ones(kb: KnowledgeBase) -> None:
    """Counted ahead (IndexStats.prime): every term's passages anywhere from the vocabulary,
    the common terms' in their own words counted; the same numbers as counted on demand."""
    vocab = kb.vocabulary()
    counted = bm25.IndexStats()
    assert counted.refresh(kb.db)
    primed = bm25.IndexStats()
    assert primed.refresh(kb.db)
    min_df = sorted(vocab.df.values())[-20]
    assert primed.prime(kb.db, vocab.df, min_df=min_df) >= 20
    common = [t for t, n in vocab.df.items() if n >= min_df]
    assert all(primed.known(t, True) and primed.known(t, False) for t in common)
    rare = [t for t, n in vocab.df.items() if n < min_df][:200]
    assert not any(primed.known(t, True) for t in rare)
    assert all(primed.known(t, False) for t in rare)
    for t in common + rare:
        for column in (True, False):
            assert primed.hits(kb.db, t, column) == counted.hits(kb.db, t, column), (t, column)
    assert primed.hits(kb.db, "gibtesnicht", False) == 0


def test_preload_counts_ahead_and_install_hands_them_over(
    demo_db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """preload counts every term of the questions ahead (here all terms are common enough),
    install hands the counts over with the vocabulary (the bot's path after a sync), and the
    answers are those of a knowledge base that loads and counts on demand."""
    monkeypatch.setattr(bm25, "PRIME_MIN", 1)
    preloaded = KnowledgeBase.preload(open_db(demo_db_file))
    stats = preloaded.stats
    assert stats.generation == preloaded.vocab.generation
    kb = KnowledgeBase(open_db(demo_db_file))
    assert kb.install(preloaded)
    asked = 0
    for matches in _question_matches(kb):
        for m in matches:
            for t, _ in m.phrases:
                if " " not in t and t in preloaded.vocab.df:
                    assert stats.known(t, True), t
                    assert stats.known(t, False), t
                    asked += 1
    assert asked > 100
    fresh = KnowledgeBase(open_db(demo_db_file))
    for q in _questions():
        assert kb.ask(q) == fresh.ask(q), q
    assert kb._index_stats is stats  # still: no index change since


def test_install_keeps_no_counts_of_another_generation(demo_db_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    shutil.copy(demo_db_file, path)
    preloaded = KnowledgeBase.preload(open_db(path))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "neu.txt").write_text("Der Kreis beschließt den Haushalt.\n", encoding="utf-8")
    kb = KnowledgeBase(open_db(path))
    ingest_paths(kb.db, [extra])
    assert not kb.install(preloaded)
    assert kb._index_stats is not preloaded.stats


def test_terms_found_and_counted_without_splitting(tmp_path: Path) -> None:
    """Scores count a term's tokens in the text (bm25._count) instead of splitting it: the same
    numbers as SQLite's where a term stands several times in a row, at both ends, beside
    longer terms that hold it, between more than one space, or in the context only."""
    db = open_db(tmp_path / "kb.db")
    texts = [
        ("kreis kreis kreis rat", "kreis"),
        ("rat kreis", "kreistag kreis kreis"),
        ("kreis  kreis   kreistag", ""),
        ("kreistag rat.kreis kreis.", "rat rat"),
        ("a kreis a kreis a", "a"),
        ("rat", "kreis"),
        ("ausschuss", "sitzung"),
    ] * 3
    for i, (terms, context) in enumerate(texts, 1):
        db.conn.execute(
            "INSERT INTO passage_fts (rowid, terms, context) VALUES (?, ?, ?)", (i, terms, context)
        )
    db.conn.commit()
    stats = bm25.IndexStats()
    assert stats.refresh(db)
    for phrases, column in [
        (["kreis"], True),
        (["kreis", "rat", "kreis"], True),
        (["kreis", "a"], False),
        (["rat", "kreistag", "a"], False),
    ]:
        score = bm25.scorer(db, stats, phrases, column)
        assert score is not None
        quoted = " OR ".join(search.fts_quote(t) for t in phrases)
        expression = f"terms : ({quoted})" if column else quoted
        rows = db.conn.execute(
            "SELECT bm25(passage_fts, 1.0, 0.35), f.terms, f.context, s.sz "
            "FROM passage_fts f JOIN passage_fts_docsize s ON s.id = f.rowid "
            "WHERE passage_fts MATCH ?",
            (expression,),
        ).fetchall()
        assert len(rows) >= 12
        for expected, terms, context, sizes in rows:
            assert score.score(terms, context, sizes) == expected, (phrases, terms, context)


@pytest.mark.parametrize(
    "text",
    ["kreis rat", "", "gemeinde 1.000 03.09.2020 1:337 straße übel", "Kreis", "a-b", "a\tb",
     "a\nb", "é", "kreis ☃", "x\u00a0y", "ab_c", "ÄÖÜ"],
)  # fmt: skip
def test_spaced_terms_as_the_index_splits_them(text: str) -> None:
    """bm25.spaced refuses exactly the texts _UNSAFE_RE does; `holds` and `_count` find the
    tokens that splitting at spaces gives."""
    found = bm25.spaced(text)
    assert (found is None) == bool(bm25._UNSAFE_RE.search(text))
    if found is not None:
        tokens = text.split()
        for term in {*tokens, "kreis", "rat", "kreisrat", "1.000", "03.09"}:
            k = bm25.key(term)
            assert bm25.holds(found, [k]) == (term in tokens)
            assert bm25._count(found, k) == tokens.count(term)
