"""Question -> ranked passages, index-driven: FTS5 finds candidates, Python ranks at most a few
dozen of them by how much of the question they cover (never a loop over all passages)."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlite_utils
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.analyze import (
    MIN_PART,
    Lexicon,
    Token,
    abbreviation_term,
    english_glossary,
    fold,
    german_words,
    is_german_word,
    number_terms,
    stem,
    stopwords,
    synonyms,
    tokenize,
    unparticiple,
    verb_forms,
    word_terms,
)
from knowledge.store import generation

QType = Literal[
    "definition", "quantity", "time", "person", "reason", "place", "which", "manner", "other"
]

CANDIDATES = 80  # passages fetched from FTS per question
MAX_DF_SHARE = 0.25  # terms in more passages than this share rank but do not fetch
MAX_DF_FETCH = 1500  # ... nor do terms in more passages than this (bm25 cost grows with df)
SORT_BUDGET = 8000  # matches that bm25 may rank per query (about 0.6 µs each)
PREFIX_EXPANSIONS = 6
RELAXED_QUERIES = 2  # AND queries that leave out one of the least important concepts
ABBREVIATION_HEADS = 2  # long forms of an abbreviation that count as naming it


@dataclass(frozen=True)
class Concept:
    """One thing the question asks about, with the index terms that count as finding it."""

    label: str
    alternatives: Mapping[str, float]  # any of these terms, with how well it matches
    parts: tuple[str, ...] = ()  # or all of these (compound parts), for at most PART_CREDIT
    importance: float = 1.0
    kind: str = "word"

    def terms(self) -> set[str]:
        """Every term that can match this concept."""
        return set(self.alternatives) | set(self.parts)


PART_CREDIT = 0.85


@dataclass(frozen=True)
class Query:
    """An analysed question."""

    text: str
    qtype: QType
    concepts: tuple[Concept, ...]
    corrections: tuple[tuple[str, str], ...] = ()
    abbreviations: tuple[str, ...] = ()  # abbreviation terms asked about
    focus: int | None = None  # index of the concept counted in "wie viele X"


@dataclass
class Vocabulary:
    """What the index contains, loaded once per index generation."""

    generation: int
    passages: int
    df: dict[str, int]
    words: dict[str, int]  # folded surface word -> count
    abbreviations: dict[str, list[tuple[str, str, int | None]]]  # term -> (abbr, long, pid)
    lexicon: Lexicon = field(default_factory=Lexicon)
    _sorted_terms: list[str] = field(default_factory=list)
    _by_length: dict[tuple[str, int], list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._sorted_terms = sorted(self.df)
        for w in {*self.words, *stopwords()}:
            if w:
                self._by_length.setdefault((w[0], len(w)), []).append(w)

    def has(self, term: str) -> bool:
        """Whether the index holds the term."""
        return self.df.get(term, 0) > 0

    def idf(self, term: str) -> float:
        """Inverse passage frequency; unseen terms get the highest value."""
        n = self.df.get(term, 0)
        return math.log(1 + self.passages / (n + 0.5))

    def prefixed(self, prefix: str, limit: int = PREFIX_EXPANSIONS) -> list[str]:
        """The most frequent index terms that start with `prefix`."""
        i = bisect.bisect_left(self._sorted_terms, prefix)
        found: list[str] = []
        while i < len(self._sorted_terms) and self._sorted_terms[i].startswith(prefix):
            found.append(self._sorted_terms[i])
            i += 1
            if len(found) > 200:
                break
        return sorted(found, key=lambda t: -self.df[t])[:limit]

    def correct(self, word: str) -> str | None:
        """The closest document word within 1 edit (5-8 letters) or 2 (9+), most frequent first.
        Typos rarely hit the first letter, so only words sharing it are compared."""
        n = len(word)
        if n < 5:
            return None
        k = 1 if n <= 8 else 2
        found: list[tuple[str, float]] = []
        for m in range(n - k, n + k + 1):
            bucket = self._by_length.get((word[0], m))
            if bucket:
                found += [
                    (str(w), d)
                    for w, d, _ in process.extract(
                        word, bucket, scorer=OSA.distance, score_cutoff=k, limit=8
                    )
                ]
        if not found:
            return None
        return min(found, key=lambda f: (f[1], -self.words.get(f[0], 0)))[0]


def load_vocabulary(
    db: sqlite_utils.Database, *, public_only: bool = False, df: dict[str, int] | None = None
) -> Vocabulary:
    """Read the index's vocabulary, abbreviations and lexicon.

    With `public_only` the words (typo corrections are shown to the asker) and abbreviations
    come from public documents alone, so nothing a member sees is drawn from an internal paper.
    Passage frequencies (`df`, only used for ranking and never shown) may be shared."""
    conn = db.conn
    only = " WHERE doc_id IN (SELECT id FROM documents WHERE public = 1)" if public_only else ""
    passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    if df is None:
        df = dict(conn.execute("SELECT term, doc FROM passage_vocab").fetchall())
    words = dict(conn.execute(f"SELECT word, sum(n) FROM doc_words{only} GROUP BY word").fetchall())
    abbrs: dict[str, list[tuple[str, str, int | None]]] = {}
    for abbr, term, expansion, pid in conn.execute(
        f"SELECT abbr, term, expansion, passage_id FROM abbreviations{only}"
    ):
        abbrs.setdefault(term, []).append((abbr, expansion, pid))
    return Vocabulary(
        generation=generation(db),
        passages=passages,
        df=df,
        words=words,
        abbreviations=abbrs,
        lexicon=make_lexicon(words),
    )


def make_lexicon(document_words: Iterable[str]) -> Lexicon:
    """Compound-splitting lexicon: document words plus frequent general German words."""
    lexicon = Lexicon(base=german_words())
    # Document words join only from six letters: shorter ones are often OCR fragments ("icht").
    lexicon.add(document_words, min_length=MIN_PART + 2)
    return lexicon


# Question types, most specific first; matched on the folded question with spaces around it.
_QTYPE_SOURCES: tuple[tuple[QType, str], ...] = (
    (
        "quantity",
        r" (wie ?viele?n?|wieviele?|anzahl|how many|how much|wie hoch|wie gross|"
        r"was kostet|was kosten|how high|how large|what does .* cost) ",
    ),
    (
        "time",
        r" (seit wann|bis wann|wann|when|what time|which date|an welchem tag|"
        r"welches? datum|zu welchem zeitpunkt|um wie ?viel uhr) ",
    ),
    (
        "person",
        r" (wer|wem|wen|who|whom|whose|welche person|wie heiss(?:t|en)|wie lautet der name|"
        r"what is the name|whats the name) ",
    ),
    ("reason", r" (warum|weshalb|wieso|why|aus welchem grund|wozu) "),
    ("place", r" (wo|wohin|woher|where|an welchem ort) "),
    (
        "definition",
        r" (was ist|was sind|was war|was bedeutet|was heisst|was versteht|"
        r"what is|what are|what does|what was|erklär\w*|definition|bedeutung) ",
    ),
    ("which", r" (welche[rsnm]?|which|what) "),
    ("manner", r" (wie|how) "),
)
_QTYPE_PATTERNS = tuple((qtype, re.compile(pattern)) for qtype, pattern in _QTYPE_SOURCES)


def question_type(question: str) -> QType:
    """The kind of fact the question asks for."""
    folded = " " + " ".join(fold(t.text) for t in tokenize(question)) + " "
    for qtype, pattern in _QTYPE_PATTERNS:
        if pattern.search(folded):
            return qtype
    return "other"


def _importance(token: Token, first: bool, cased: bool) -> float:
    """How much a word says about the topic, before idf: numbers and names weigh most. In a
    question that writes nouns with capitals (`cased`), a lower-case word is a verb or an
    adjective and says less ("gehören", "besteht"); in one typed all lower case it may be
    anything."""
    if token.kind == "number":
        return 1.4
    if token.kind == "abbr":
        return 1.2
    if token.text[:1].isupper() and not first:
        return 1.0
    return LOWER_CASE_WEIGHT if cased and not first else 0.75


LOWER_CASE_WEIGHT = 0.5
_ENGLISH_MARKERS = frozenset(
    [
        "the",
        "what",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "which",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "does",
        "did",
        "of",
    ]
)


def _variants(folded: str) -> list[str]:
    """Other forms of a question word: infinitive of irregular verbs, participles undone."""
    out: list[str] = []
    if folded in verb_forms():
        out.append(verb_forms()[folded])
    if base := unparticiple(folded):
        out.append(base)
    return out


def _word_concept(
    token: Token, vocab: Vocabulary, corrections: list[tuple[str, str]]
) -> Concept | None:
    """Alternatives for one question word: stem, variants, synonyms, English, typo fix, prefix."""
    folded = fold(token.text)
    alternatives: dict[str, float] = {}
    parts: tuple[str, ...] = ()

    def add(terms: Iterable[str], weight: float) -> None:
        for t in terms:
            if vocab.has(t) and alternatives.get(t, 0) < weight:
                alternatives[t] = weight

    if vocab.has(folded):  # abbreviations typed in lower case: ki, kim, laki, vae
        add([folded], 1.0)
    whole = word_terms(token.text, vocab.lexicon)
    add(whole[:1], 1.0)
    roots = whole[:1] + [stem(v) for v in _variants(folded)]
    add(roots[1:], 0.9)
    for root in roots:
        add(synonyms().get(root, ()), 0.8)
    english = english_glossary().get(folded.replace("-", ""))
    if english and not vocab.has(folded):
        for german in english:
            add(word_terms(german)[:1], 0.95)
    pieces = [p for p in folded.split("-") if p]
    compound = vocab.lexicon.split(folded) if len(pieces) == 1 else pieces
    if not alternatives and not is_german_word(folded) and folded not in english_glossary():
        fixed = vocab.correct(folded) if folded.isalpha() else None
        if fixed and fixed != folded:
            corrections.append((token.text, fixed))
            add(word_terms(fixed)[:1], 0.9)
            compound = compound or vocab.lexicon.split(fixed)
    if not alternatives and len(compound) > 1:
        parts = tuple(dict.fromkeys(stem(p) for p in compound if vocab.has(stem(p))))
        if len(parts) < 2:
            parts = ()
            add([stem(p) for p in compound], 0.6)
    if not alternatives and not parts:
        root = whole[0] if whole else stem(folded)
        if len(root) >= 4:
            add(vocab.prefixed(root), 0.7)
    if not alternatives and not parts:
        if len(folded) <= 3 and token.text.islower():
            return None  # a short unknown lower-case word is a typo or a particle ("wan", "is")
        # Nothing in the index looks like this word: keep it, so it counts as not found. An
        # unknown noun ("Einwohner", "Bus") sinks the answer; an unknown verb form weighs less.
        weight = 0.25 if _looks_like_verb(token.text) else 1.0
        return Concept(folded, {stem(folded): 1.0}, (), weight)
    return Concept(folded, alternatives, parts)


def _looks_like_verb(word: str) -> bool:
    """A lower-case word with a verb ending: mitgearbeitet, organisiert, beantragen."""
    return word[:1].islower() and bool(_VERB_ENDING_RE.search(word))


_VERB_ENDING_RE = re.compile(r"(?:^ge\w+(?:t|en)|\w(?:t|te|ten|et|en|st|iert))$")


def _abbreviation_concept(token: Token, vocab: Vocabulary) -> Concept:
    """An abbreviation and, at a lower weight, the head word of its most common long forms."""
    term = abbreviation_term(token.text)
    alternatives = {term: 1.0}
    heads = Counter(
        head[0]
        for _abbr, expansion, _pid in vocab.abbreviations.get(term, [])
        if (head := word_terms(expansion.split()[-1])) and vocab.has(head[0])
    )
    for head_term, _n in heads.most_common(ABBREVIATION_HEADS):
        alternatives.setdefault(head_term, 0.8)
    return Concept(term, alternatives, kind="abbr")


# Question words whose typos are fixed where a question starts ("wiviele", "wan", "warun").
_QUESTION_WORDS = (
    "wieviele",
    "wieviel",
    "wann",
    "warum",
    "weshalb",
    "wieso",
    "welche",
    "welcher",
    "welches",
    "welchen",
)


def _fix_question_words(
    tokens: list[Token], vocab: Vocabulary, corrections: list[tuple[str, str]]
) -> list[Token]:
    """The first two tokens with a mistyped question word put right (one edit away, no word of
    its own and not in the documents)."""
    out = list(tokens)
    for i, token in enumerate(tokens[:2]):
        folded = fold(token.text)
        if (
            token.kind != "word"
            or len(folded) < 3
            or folded in _QUESTION_WORDS
            or folded in stopwords()
            or is_german_word(folded)
            or vocab.words.get(folded)
        ):
            continue
        found = process.extractOne(folded, _QUESTION_WORDS, scorer=OSA.distance, score_cutoff=1)
        if found:
            corrections.append((token.text, found[0]))
            out[i] = Token(found[0], token.start, "word")
    return out


def analyse(question: str, vocab: Vocabulary) -> Query:
    """Question -> concepts with alternatives and importance, typo fixes, question type."""
    corrections: list[tuple[str, str]] = []
    tokens = _fix_question_words(tokenize(question[:1000]), vocab, corrections)
    concepts: list[Concept] = []
    abbreviations: list[str] = []
    seen: set[str] = set()
    stop = stopwords()
    # German capitalises nouns; English does not, so there lower case says nothing.
    english = any(fold(t.text) in _ENGLISH_MARKERS for t in tokens)
    cased = not english and any(t.kind == "word" and t.text[:1].isupper() for t in tokens[1:])
    focus: int | None = None
    after_count = False  # the previous word was "wie viele" / "how many"
    for i, token in enumerate(tokens):
        folded = fold(token.text)
        previous = fold(tokens[i - 1].text) if i else ""
        if previous in ("wie", "how") and folded in _QUESTION_ADJECTIVES:
            after_count = folded in ("viele", "vielen", "many", "much", "viel")
            continue  # "wie hoch", "wie lange": part of the question, not of the topic
        if folded in ("wieviele", "wieviel", "anzahl"):
            after_count = True
        if folded in stop or (len(folded) < 2 and token.kind != "number"):
            continue
        if token.kind == "number":
            concept = Concept(
                token.text, dict.fromkeys(number_terms(token.text, query=True), 1.0), kind="number"
            )
        elif token.kind == "abbr" or (folded in vocab.abbreviations and len(folded) <= 5):
            concept = _abbreviation_concept(token, vocab)
            abbreviations.append(concept.label)
        else:
            maybe = _word_concept(token, vocab, corrections)
            if maybe is None:
                continue
            concept = maybe
        if concept.label in seen:
            continue
        seen.add(concept.label)
        if after_count and focus is None:
            focus = len(concepts)
        after_count = False
        idf = max((vocab.idf(t) for t in concept.terms()), default=1.0)
        concept = Concept(
            concept.label,
            concept.alternatives,
            concept.parts,
            importance=concept.importance
            * _importance(token, first=i == 0, cased=cased)
            * min(max(idf, 1.0), 8.0),
            kind=concept.kind,
        )
        concepts.append(concept)
    return Query(
        question,
        question_type(" ".join(t.text for t in tokens)),
        tuple(concepts),
        tuple(corrections),
        tuple(abbreviations),
        focus,
    )


_QUESTION_ADJECTIVES = frozenset(
    [
        "viele",
        "vielen",
        "viel",
        "hoch",
        "hohe",
        "lange",
        "oft",
        "gross",
        "grosse",
        "alt",
        "weit",
        "teuer",
        "spat",
        "fruh",
        "schnell",
        "many",
        "much",
        "long",
        "often",
        "high",
        "large",
        "big",
        "old",
        "far",
        "expensive",
        "late",
        "early",
    ]
)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class Match:
    """One FTS5 query: its MATCH text and at most how many passages it can match."""

    expression: str
    estimate: int


def match_expressions(query: Query, vocab: Vocabulary) -> list[Match]:
    """FTS5 MATCH texts, every term double-quoted so user text never raises: first all
    concepts in the passage's own words (AND), then any rare term anywhere (OR)."""
    groups: list[tuple[str, int, float]] = []
    for concept in query.concepts:
        terms = sorted(t for t in concept.terms() if vocab.has(t))
        if terms:
            text = "terms : (" + " OR ".join(_quote(t) for t in terms) + ")"
            groups.append((text, sum(vocab.df[t] for t in terms), concept.importance))
    matches = []
    if len(groups) > 1:
        matches.append(Match(" AND ".join(g for g, _, _ in groups), min(n for _, n, _ in groups)))
    # The same without one of the least important concepts: a sentence that lacks only the
    # question's verb ("Wie viele Kommunen gehören zum Kreis?") is still a candidate.
    if len(groups) > 2:
        for left_out in sorted(groups, key=lambda g: g[2])[:RELAXED_QUERIES]:
            rest = [g for g in groups if g is not left_out]
            matches.append(Match(" AND ".join(g for g, _, _ in rest), min(n for _, n, _ in rest)))
    limit = max(50, min(int(vocab.passages * MAX_DF_SHARE), MAX_DF_FETCH))
    known = {t for c in query.concepts for t in c.terms() if vocab.has(t)}
    rare = {t for t in known if vocab.df[t] <= limit}
    if not rare and not matches:  # one very common concept: its rarest terms
        rare.update(sorted(known, key=lambda t: vocab.df[t])[:2])
    if rare:
        matches.append(
            Match(" OR ".join(_quote(t) for t in sorted(rare)), sum(vocab.df[t] for t in rare))
        )
    return matches


@dataclass(frozen=True)
class Candidate:
    """A passage the index returned, with its neighbours for windows."""

    passage_id: int
    doc_id: int
    ord: int
    kind: str
    text: str
    terms: tuple[str, ...]
    lead_terms: tuple[str, ...]
    rank: float  # bm25, lower is better


def candidates(
    db: sqlite_utils.Database,
    matches: list[Match],
    limit: int = CANDIDATES,
    *,
    internal: bool = False,
) -> list[Candidate]:
    """Passages matching the queries in turn, no repeats. Each is ranked by bm25 when it can
    match few enough passages to rank quickly; otherwise the newest matching passages come."""
    seen: dict[int, Candidate] = {}
    for match in matches:
        order = "r" if match.estimate <= SORT_BUDGET else "passage_fts.rowid DESC"
        rows = db.conn.execute(
            "SELECT p.id, p.doc_id, p.ord, p.kind, p.text, p.terms, p.lead_terms, "
            "bm25(passage_fts, 1.0, 0.35) AS r "
            "FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid "
            "JOIN documents d ON d.id = p.doc_id "
            f"WHERE passage_fts MATCH ? AND (d.public = 1 OR ?) ORDER BY {order} LIMIT ?",
            (match.expression, int(internal), limit),
        ).fetchall()
        for r in rows:
            seen.setdefault(r[0], _candidate(r[:7], r[7]))
    return list(seen.values())


def _candidate(row: tuple[Any, ...], rank: float) -> Candidate:
    pid, doc_id, ord_, kind, text, terms, lead = row
    return Candidate(pid, doc_id, ord_, kind, text, tuple(terms.split()), tuple(lead.split()), rank)


def neighbours(
    db: sqlite_utils.Database, cands: list[Candidate]
) -> dict[tuple[int, int], Candidate]:
    """The two passages before and after each candidate, keyed by (doc_id, ord)."""
    wanted = {(c.doc_id, c.ord + d) for c in cands for d in (-2, -1, 1, 2)}
    have = {(c.doc_id, c.ord): c for c in cands}
    missing = sorted(wanted - set(have))
    out = dict(have)
    for i in range(0, len(missing), 200):
        chunk = missing[i : i + 200]
        clause = " OR ".join("(doc_id = ? AND ord = ?)" for _ in chunk)
        args = [v for pair in chunk for v in pair]
        for r in db.conn.execute(
            f"SELECT id, doc_id, ord, kind, text, terms, lead_terms FROM passages WHERE {clause}",
            args,
        ):
            out[(r[1], r[2])] = _candidate(r, 0.0)
    return out


def concept_match(concept: Concept, credits: Mapping[str, float]) -> float:
    """How well terms (with the credit each earns where it stands) match a concept (0..1)."""
    best = max(
        (w * credits[t] for t, w in concept.alternatives.items() if t in credits), default=0.0
    )
    if concept.parts:
        share = sum(credits.get(p, 0.0) for p in concept.parts) / len(concept.parts)
        best = max(best, PART_CREDIT * share if share >= 0.99 else 0.5 * share)
    return best


def coverage(query: Query, credits: Mapping[str, float]) -> float:
    """Importance-weighted share of the question's concepts found among `credits`' terms."""
    total = sum(c.importance for c in query.concepts)
    if total == 0:
        return 0.0
    return sum(c.importance * concept_match(c, credits) for c in query.concepts) / total


def proximity(query: Query, terms: tuple[str, ...]) -> int:
    """Question concepts that stand next to each other in the passage, in question order."""
    pos: dict[int, list[int]] = {}
    for i, concept in enumerate(query.concepts):
        wanted = concept.terms()
        pos[i] = [j for j, t in enumerate(terms) if t in wanted]
    pairs = 0
    for i in range(len(query.concepts) - 1):
        if any(0 < b - a <= 4 for a in pos[i] for b in pos[i + 1]):
            pairs += 1
    return pairs


def common_terms(vocab: Vocabulary, share: float = 0.5) -> Counter[str]:
    """Terms in more than `share` of the passages (diagnostics)."""
    return Counter({t: n for t, n in vocab.df.items() if n > vocab.passages * share})
