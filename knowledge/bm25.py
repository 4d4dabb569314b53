"""FTS5's bm25, computed in Python for passages already found: the same numbers as
`bm25(passage_fts, 1.0, 0.35)`, without its first step.

SQLite's bm25 starts every query by counting, for each term of the query, the passages that
hold it (its IDF): a walk over the term's whole list of passages. For the common words of a
large archive ("Kreis", "Integration": most of a million passages) that walk costs more than
the rest of the question. Those counts only change when the index does, so here they are
counted once per index generation and kept; a passage's own part of the score (how often it
holds each term, how long it is) is read from the index's tables as bm25 reads it.

Exactness rests on the index's tokens being the space-separated terms of knowledge.analyze
(lower case letters, digits, '.,:'); a term or a text with any other character is left to
SQLite (`scorer` returns None, `Scorer.score` raises `Unscorable`). On the same grounds
knowledge.search checks whether a passage holds a term in its terms (`spaced`, `holds`) where
asking the index would cost more. tests/test_bm25.py compares both on a corpus.

A passage's terms are not split into a list to find and count the query's terms (most of the
cost of a score when that was done: a passage has some 70 terms, a query a handful): with a
space at both ends (`spaced`), " term " stands in the text once for each token that is the
term, and two of them share at most a space (`_count`)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

import sqlite_utils

from knowledge.store import generation

K1 = 1.2  # FTS5's bm25 constants
B = 0.75
CONTEXT_WEIGHT = 0.35  # weight of the context column, as in bm25(passage_fts, 1.0, 0.35)
MAX_KEPT = 50_000  # term counts kept per generation (a few MB at most)
# Terms in at least this many passages are counted ahead (IndexStats.prime): counting one
# costs about a millisecond per 20,000 passages (60 ms for a term in 2M).
PRIME_MIN = 20_000

# Characters the index's tokenizer keeps inside a token ("unicode61 tokenchars '.,:'"), for
# which splitting at spaces gives exactly its tokens.
_UNSAFE_RE = re.compile(r"[^a-z0-9äöüß.,: ]")


class Unscorable(Exception):
    """A passage whose text the index may split otherwise than at spaces."""


# The bytes (Latin-1) of those characters: a text is safe when deleting them leaves nothing.
_SAFE_BYTES = "abcdefghijklmnopqrstuvwxyz0123456789äöüß.,: ".encode("latin-1")


def _safe(text: str) -> bool:
    """Whether the text has no character outside the index's tokens and spaces (no match of
    _UNSAFE_RE; found so about ten times faster)."""
    try:
        return not text.encode("latin-1").translate(None, _SAFE_BYTES)
    except UnicodeEncodeError:
        return False


def spaced(terms: str) -> str | None:
    """A passage's terms with a space at both ends, for `holds` and `_count`; None when the
    index may split them otherwise than at spaces."""
    return " " + terms + " " if _safe(terms) else None


def key(term: str) -> str:
    """What stands in a `spaced` text for every token that is the term."""
    return " " + term + " "


def holds(spaced_terms: str, keys: Iterable[str]) -> bool:
    """Whether a `spaced` text holds any of the terms (given as their `key`s)."""
    return any(k in spaced_terms for k in keys)


def _count(spaced_terms: str, k: str) -> int:
    """How many tokens of a `spaced` text are the term of the key `k`. Two of the key's places
    share at most a space (a term has none), so each search starts at the last one's end."""
    i = spaced_terms.find(k)
    n = 0
    while i >= 0:
        n += 1
        i = spaced_terms.find(k, i + len(k) - 1)
    return n


def _varints(blob: bytes) -> list[int]:
    """SQLite varints (as FTS5 stores sizes and totals)."""
    out: list[int] = []
    i = 0
    while i < len(blob):
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


class IndexStats:
    """What bm25 needs besides a passage's own counts, for one index generation: the number
    of passages, their mean length, and per term the passages holding it (in their own words
    with `column`, else anywhere), counted on first use."""

    def __init__(self) -> None:
        self.generation = -1
        self.rows = 0
        self.mean_length = 0.0
        self._hits: dict[tuple[str, bool], int] = {}
        # Passages holding a term anywhere, from the index's vocabulary of this generation
        # (passage_vocab's `doc`: the same number a count of the term's matches gives).
        self._df: Mapping[str, int] = {}

    def refresh(self, db: sqlite_utils.Database) -> bool:
        """Follow index changes; False when the index keeps no totals to read."""
        gen = generation(db)
        if gen != self.generation:
            self._hits = {}
            self._df = {}
            self.rows = 0
            row = db.conn.execute("SELECT block FROM passage_fts_data WHERE id = 1").fetchone()
            totals = _varints(row[0]) if row and row[0] else []
            if len(totals) == 3 and totals[0] > 0:
                self.rows = totals[0]
                self.mean_length = sum(totals[1:]) / totals[0]
            self.generation = gen
        return self.rows > 0

    def prime(
        self, db: sqlite_utils.Database, df: Mapping[str, int], min_df: int | None = None
    ) -> int:
        """Count ahead, so that no question pays for it: take every term's passages from `df`
        (passage_vocab's `doc` of this generation, read in the same snapshot as the refresh
        before), and count the terms in at least `min_df` (PRIME_MIN) passages in their own
        words (the terms column; most of a question's counts, and the costly ones). Returns
        how many were counted."""
        self._df = df
        min_df = PRIME_MIN if min_df is None else min_df
        common = sorted(
            (t for t, n in df.items() if n >= min_df and " " not in t and not _UNSAFE_RE.search(t)),
            key=lambda t: -df[t],
        )[: MAX_KEPT // 2]
        for term in common:
            self.hits(db, term, True)
        return len(common)

    def known(self, term: str, column: bool) -> bool:
        """Whether the term's count is kept already (costs nothing)."""
        return (term, column) in self._hits or (not column and term in self._df)

    def hits(self, db: sqlite_utils.Database, term: str, column: bool) -> int:
        """Passages holding the term (in their own words with `column`)."""
        if not column and (n := self._df.get(term)) is not None:
            return n
        key = (term, column)
        found = self._hits.get(key)
        if found is None:
            if len(self._hits) >= MAX_KEPT:
                self._hits = {}
            quoted = '"' + term.replace('"', '""') + '"'
            found = int(
                db.conn.execute(
                    "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH ?",
                    (("terms : " if column else "") + quoted,),
                ).fetchone()[0]
            )
            self._hits[key] = found
        return found


class Scorer:
    """bm25 of one query's passages: its terms in query order (each is one phrase to FTS5;
    a term named twice counts twice) and whether they count in the terms column only."""

    def __init__(
        self, db: sqlite_utils.Database, stats: IndexStats, phrases: Sequence[str], column: bool
    ) -> None:
        self.column = column
        self._idf: list[tuple[str, float]] = []
        for term in phrases:
            hits = stats.hits(db, term, column)
            idf = math.log((stats.rows - hits + 0.5) / (hits + 0.5))
            self._idf.append((key(term), idf if idf > 0.0 else 1e-6))
        self._mean = stats.mean_length
        self._norms: dict[int, float] = {}

    def score(self, terms: str, context: str, sizes: bytes) -> float:
        """The passage's bm25 from its terms column, its context column (read only without
        `column`) and its column sizes (passage_fts_docsize), summed in FTS5's order."""
        own = spaced(terms)
        around = "" if self.column else spaced(context)
        if own is None or around is None:
            raise Unscorable
        total = 0.0
        norm = -1.0
        for term, idf in self._idf:
            n = _count(own, term)
            m = _count(around, term) if around else 0
            if not n and not m:
                continue
            if norm < 0.0:
                length = sum(_varints(sizes))
                norm = self._norms.get(length, -1.0)
                if norm < 0.0:
                    norm = self._norms[length] = K1 * (1 - B + B * length / self._mean)
            freq = float(n)
            for _ in range(m):
                freq += CONTEXT_WEIGHT  # FTS5 adds each instance's weight in turn
            total += idf * ((freq * (K1 + 1.0)) / (freq + norm))
        return -1.0 * total if norm >= 0.0 else -0.0


def scorer(
    db: sqlite_utils.Database, stats: IndexStats | None, phrases: Sequence[str], column: bool
) -> Scorer | None:
    """A Scorer, or None when SQLite's bm25 must rank (no stats kept, odd characters). The
    stats must be refreshed for the index generation first (IndexStats.refresh)."""
    if stats is None or not phrases:
        return None
    if any(not t or " " in t or _UNSAFE_RE.search(t) for t in phrases):
        return None
    return Scorer(db, stats, phrases, column)
