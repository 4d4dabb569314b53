"""Text preparation on worker processes (ParallelPreparer) stores exactly what preparing in
the process does, and the fast token paths agree with tokenize()."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from knowledge.analyze import fold, simple_words, text_terms, token_kinds, token_texts, tokenize
from knowledge.ingest import (
    DocumentMeta,
    ParallelPreparer,
    TextDocument,
    finish_texts,
    ingest_texts,
    load_lexicon,
    prepare_here,
    start_texts,
)
from knowledge.search import make_lexicon
from knowledge.store import open_db


def demo_texts() -> list[str]:
    folder = Path(str(resources.files("knowledge").joinpath("data", "demo_corpus")))
    return [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]


def letter_spaced(text: str) -> str:
    """The text with every third long word spaced apart, as OCR leaves it ("Integrat ion")."""
    words = text.split(" ")
    return " ".join(
        f"{w[:3]} {w[3:]}" if len(w) > 7 and i % 3 == 0 else w for i, w in enumerate(words)
    )


def stored(db_path: Path) -> list[tuple[object, ...]]:
    db = open_db(db_path)
    rows = db.conn.execute(
        "SELECT d.name, d.repaired, p.ord, p.kind, p.text, p.terms, p.lead_terms "
        "FROM passages p JOIN documents d ON d.id = p.doc_id ORDER BY d.name, p.ord"
    ).fetchall()
    words = db.conn.execute("SELECT doc_id, word, n FROM doc_words ORDER BY 1, 2").fetchall()
    fts = db.conn.execute("SELECT rowid, terms, context FROM passage_fts ORDER BY 1").fetchall()
    return [*rows, *words, *fts]


def test_workers_prepare_what_the_process_prepares() -> None:
    texts = demo_texts()
    texts += [letter_spaced(t) for t in texts]
    with ParallelPreparer(workers=2, min_batch=2) as preparer:
        assert preparer(texts) == prepare_here(texts)
        assert preparer._pool is not None  # the workers did run


def test_ingest_with_workers_stores_the_same(tmp_path: Path) -> None:
    texts = demo_texts()
    docs = [
        TextDocument(
            f"doc-{i}", t, DocumentMeta(f"Dokument {i}"), hashlib.sha256(t.encode()).hexdigest()
        )
        for i, t in enumerate([*texts, *(letter_spaced(t) for t in texts)])
    ]
    ingest_texts(open_db(tmp_path / "here.db"), docs)
    with ParallelPreparer(workers=2, min_batch=2) as preparer:
        results = ingest_texts(open_db(tmp_path / "pool.db"), docs, prepare=preparer)
    assert {r.status for r in results} == {"added"}
    assert stored(tmp_path / "pool.db") == stored(tmp_path / "here.db")


def test_small_batches_stay_in_the_process() -> None:
    with ParallelPreparer(workers=2, min_batch=4) as preparer:
        preparer(demo_texts()[:2])
        assert preparer._pool is None


def test_fast_token_paths_agree_with_tokenize() -> None:
    for text in [*demo_texts(), "_x_ __ a_b 1.000,5 KI's IT-Standard 03.09.2020 __init__"]:
        tokens = tokenize(text)
        assert token_texts(text) == [t.text for t in tokens]
        assert list(token_kinds(text)) == [(t.text, t.kind) for t in tokens]
        words = [fold(t.text) for t in tokens if t.kind == "word" and t.text.isalpha()]
        assert list(simple_words(text)) == words
        # Cached terms: asking twice gives the same list.
        assert text_terms(text) == text_terms(text)


def test_a_batch_stored_while_the_next_is_prepared_stores_the_same(tmp_path: Path) -> None:
    """start_texts/finish_texts overlapped (the OParl sync: page N stored while the workers
    prepare page N+1) store what one ingest_texts per batch stores, with one lexicon."""
    texts = demo_texts()
    docs = [
        TextDocument(
            f"doc-{i}", t, DocumentMeta(f"Dokument {i}"), hashlib.sha256(t.encode()).hexdigest()
        )
        for i, t in enumerate([*texts, *(letter_spaced(t) for t in texts)])
    ]
    batches = [docs[i : i + 3] for i in range(0, len(docs), 3)]
    here = open_db(tmp_path / "here.db")
    lexicon = load_lexicon(here)
    for batch in batches:
        ingest_texts(here, batch, lexicon=lexicon)
    pool = open_db(tmp_path / "pool.db")
    lexicon = load_lexicon(pool)
    results = []
    with ParallelPreparer(workers=2, min_batch=2) as preparer:
        pending = None
        for batch in batches:
            started = start_texts(pool, batch, prepare=preparer)
            if pending is not None:
                results += finish_texts(pool, pending, lexicon=lexicon)
            pending = started
        assert pending is not None
        results += finish_texts(pool, pending, lexicon=lexicon)
        assert preparer._pool is not None
    assert [r.status for r in results] == ["added"] * len(docs)
    assert stored(tmp_path / "pool.db") == stored(tmp_path / "here.db")


def test_a_growing_lexicon_keeps_only_the_cached_terms_it_cannot_change() -> None:
    """Terms cached before the lexicon grew are what a fresh lexicon gives: a token holding
    a new word is worked out again ("quappelbeutel" splits once "quappel" is known), others
    stay cached."""
    text = "Quappelbeutelordnung Haushaltsplan Quappelbeutel Verwaltung 2024 KI-Projekt"
    grown = make_lexicon(["beutelordnung", "beutel"])
    first = text_terms(text, grown)
    kept = {t: grown.terms_cache[t] for t in ("Haushaltsplan", "Verwaltung", "KI-Projekt")}
    grown.add(["quappel", "haushaltsplan"], min_length=6)  # the second one is a general word
    fresh = make_lexicon(["beutelordnung", "beutel", "quappel", "haushaltsplan"])
    assert text_terms(text, grown) == text_terms(text, fresh)
    assert text_terms(text, grown) != first  # the new word split the compounds
    assert "quappel" in text_terms("Quappelbeutel", grown)
    assert all(grown.terms_cache[t] is terms for t, terms in kept.items())


def test_free_heap_is_returned_before_the_workers_fork_without_harm() -> None:
    """Where the C library has no malloc_trim it does nothing; either way the word list and
    preparing still work."""
    from knowledge.analyze import german_words
    from knowledge.ingest import _return_free_heap

    words = german_words()
    _return_free_heap()
    assert "wetter" in words
    assert prepare_here(["Der Kreis beschließt den Haushalt."])[0].passages


def test_spawned_workers_import_only_what_preparing_needs() -> None:
    """The default workers start afresh (spawned) and hold knowledge.prepare, not the file
    readers, SQLite and the rest of knowledge.ingest: a forked copy of the sync counted all of
    those again in each worker's memory."""
    texts = demo_texts()[:4]
    with ParallelPreparer(workers=2, min_batch=2) as preparer:
        assert preparer.start == "spawn"
        assert preparer(texts) == prepare_here(texts)
        assert preparer._pool is not None
        loaded = preparer._pool.submit(eval, "sorted(__import__('sys').modules)").result()
    assert "knowledge.prepare" in loaded
    assert not {"knowledge.ingest", "sqlite3", "sqlite_utils", "pypdf", "telegram"} & set(loaded)


def test_a_start_method_the_system_lacks_falls_back_to_spawn() -> None:
    texts = demo_texts()[:4]
    with ParallelPreparer(workers=2, min_batch=2, start="no-such-method") as preparer:
        assert preparer.start == "spawn"
        assert preparer(texts) == prepare_here(texts)


def test_forked_workers_prepare_the_same() -> None:
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return
    texts = demo_texts()[:4]
    with ParallelPreparer(workers=2, min_batch=2, start="fork") as preparer:
        assert preparer(texts) == prepare_here(texts)


def test_the_caller_prepares_what_no_worker_has_started() -> None:
    """One worker process: redeeming the ticket at once, the caller takes back the texts the
    worker has not started (at most two are queued to it) and prepares them itself; the
    results are the same, in order."""
    texts = demo_texts()
    texts += [letter_spaced(t) for t in texts]
    with ParallelPreparer(workers=1, min_batch=2) as preparer:
        assert preparer(texts) == prepare_here(texts)
        assert preparer._pool is not None
        assert 0 < preparer.taken_back < len(texts)


def test_no_worker_processes_prepares_here() -> None:
    with ParallelPreparer(workers=0, min_batch=1) as preparer:
        assert preparer(demo_texts()[:2]) == prepare_here(demo_texts()[:2])
        assert preparer._pool is None


_KILLED_PARENT = """
import os, signal, sys, time
from knowledge.ingest import ParallelPreparer
if __name__ == "__main__":
    preparer = ParallelPreparer(workers=1, min_batch=1)
    preparer.submit(["Der Kreis beschließt den Haushalt. " * 500] * 40)
    time.sleep(3)
    assert preparer._pool is not None
    print(" ".join(str(p) for p in preparer._pool._processes), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_worker_ends_when_its_killed_parent_does(tmp_path: Path) -> None:
    """A sync killed mid-way (SIGKILL) leaves no text worker behind (Linux)."""
    import os
    import subprocess
    import sys
    import time

    if not sys.platform.startswith("linux"):
        return
    script = tmp_path / "killed_parent.py"
    script.write_text(_KILLED_PARENT, encoding="utf-8")
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=root)
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120
    )
    workers = [int(p) for p in done.stdout.split()]
    assert workers
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in workers):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{p}").exists() for p in workers)
