"""Question -> ranked passages, index-driven: FTS5 finds candidates, Python ranks at most a few
dozen of them by how much of the question they cover (never a loop over all passages)."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

import sqlite_utils
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.analyze import (
    MIN_COMPOUND,
    MIN_PART,
    Lexicon,
    Token,
    abbreviation_term,
    category_instances,
    english_glossary,
    english_phrase_words,
    fold,
    frame_words,
    german_words,
    is_german_word,
    known_abbreviations,
    light_verbs,
    number_terms,
    paraphrase_keys,
    paraphrases,
    stem,
    stopwords,
    synonyms,
    tokenize,
    unparticiple,
    unzu,
    verb_forms,
    word_synonyms,
    word_terms,
)
from knowledge.bm25 import IndexStats, Scorer, Unscorable, holds, key, scorer, spaced
from knowledge.store import document_words, generation

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
    # A numbered part asked in English ("module 6"): the German words that may name it in place
    # of parts[0] ("baustein", "forderbaustein"; the documents say "Baustein 6", "Modul 2").
    part_words: tuple[str, ...] = ()
    # Synonyms of a part of a hyphenated compound, with their weights ("KIM-Personal": the
    # minutes say "die Mitarbeiterinnen und Mitarbeiter" of KIM): part -> ((term, weight), …).
    part_synonyms: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)

    def terms(self) -> set[str]:
        """Every term that can match this concept: built once (ranking asks thousands of
        times per question), so the set is shared and must not be changed."""
        found: set[str] | None = self.__dict__.get("_terms")
        if found is None:
            found = set(self.alternatives) | set(self.parts) | set(self.part_words)
            found.update(t for syns in self.part_synonyms.values() for t, _ in syns)
            object.__setattr__(self, "_terms", found)  # a cache, not a field: frozen as before
        return found


PART_CREDIT = 0.85
CONTEXT_CREDIT = 0.5  # share of credit for question words found in the sentences around
PART_WORD = 0.9  # an alternative this close names the part word itself (no synonym: 0.8)
MONTH_DATES = 40  # date terms that stand for a month the question names
_DATE_TERM_RE = re.compile(r"^\d\d\.(\d\d)\.\d{4}$")
DATE_YEAR_WEIGHT = 0.6  # a question's date found only as its year
MIN_PART_STEM = 4  # a part of an unknown compound shorter than this is a suffix ("-ung")
MIN_NEAR_COUNT = 3  # uses of a document word that make it the likelier reading of a slip
_VOWEL_RE = re.compile(r"[aeiouyäöü]")
# Month names, German (also as typed without umlauts) and English, with their numbers.
_MONTH_NUMBERS = {
    **{m: i for i, m in enumerate(("januar", "februar", "marz", "april", "mai", "juni", "juli",
       "august", "september", "oktober", "november", "dezember"), 1)},
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june",
       "july", "august", "september", "october", "november", "december"), 1)},
    "maerz": 3, "märz": 3, "jan": 1, "feb": 2, "sept": 9, "okt": 10, "dez": 12,
}  # fmt: skip


@dataclass(frozen=True)
class Query:
    """An analysed question."""

    text: str
    qtype: QType
    concepts: tuple[Concept, ...]
    corrections: tuple[tuple[str, str], ...] = ()
    abbreviations: tuple[str, ...] = ()  # abbreviation terms asked about
    focus: int | None = None  # index of the concept counted in "wie viele X"
    # "Ist KIM gesetzlich verankert, oder ist dies bislang nur beabsichtigt?": index of the
    # first concept of the other choice a yes/no question offers (len(concepts) if none).
    choice: int | None = None


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
    # Head word of a long form -> the abbreviations that stand for it ("integrationsmanagement"
    # -> "kim"): a question that writes the long form finds texts that use the abbreviation.
    short_forms: dict[str, set[str]] = field(default_factory=dict)
    _dates: dict[int, list[str]] | None = None  # month -> date terms ("04.07.2019")
    # Abbreviation term -> head words of its common long form (abbreviations_de.toml): "nrw"
    # -> "nordrheinwestfal".
    long_forms: dict[str, set[str]] = field(default_factory=dict)
    _heads: dict[str, Counter[str]] = field(default_factory=dict)  # see expansion_heads

    def __post_init__(self) -> None:
        self._sorted_terms = sorted(self.df)
        for term, forms in self.abbreviations.items():
            for _abbr, expansion, _pid in forms:
                if head := _head_term(expansion):
                    self.short_forms.setdefault(head, set()).add(term)
        # Common council abbreviations the documents use without spelling out ("NRW"): a
        # question writing "Nordrhein-Westfalen" finds them too, and "nrw" the long form.
        for abbr, expansion in known_abbreviations().items():
            term = abbreviation_term(abbr)
            expansion = expansion.split("/")[0].strip()  # "Bürgermeister/in": the first form
            if len(expansion.split()) > 2:
                continue
            if not (head := _head_term(expansion)):
                continue
            if self.df.get(term):
                self.short_forms.setdefault(head, set()).add(term)
            if self.df.get(head):
                self.long_forms.setdefault(term, set()).add(head)
        for w in {*self.words, *stopwords()}:
            if w:
                self._by_length.setdefault((w[0], len(w)), []).append(w)

    def dates(self, month: int, year: str | None = None, limit: int = MONTH_DATES) -> list[str]:
        """Index terms of dates in `month` (of `year`), most frequent first: "Juli 2019" is
        "04.07.2019" in the documents."""
        if self._dates is None:
            self._dates = {}
            for term in self._sorted_terms:
                if m := _DATE_TERM_RE.match(term):
                    self._dates.setdefault(int(m.group(1)), []).append(term)
        found = [t for t in self._dates.get(month, ()) if year is None or t.endswith(year)]
        return sorted(found, key=lambda t: -self.df[t])[:limit]

    def expansion_heads(self, term: str) -> Counter[str]:
        """Index terms of the head words of the long forms the documents give for an
        abbreviation term, with how often each is given; counted once per vocabulary (a large
        archive spells out "KI" thousands of times)."""
        if term not in self._heads:
            self._heads[term] = Counter(
                head[0]
                for _abbr, expansion, _pid in self.abbreviations.get(term, [])
                if (word := head_word(expansion))
                and (head := word_terms(word))
                and self.has(head[0])
            )
        return self._heads[term]

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
        found = self.near(word, 1)
        return found[0] if found else None

    def near(self, word: str, limit: int = 3) -> list[str]:
        """Document words as close to `word` as the closest (see `correct`), most frequent
        first: "siegl" is "sieg" or "siegel" (a letter added or one dropped), and only the
        rest of the question can tell which."""
        n = len(word)
        if n < 5:
            return []
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
            return []
        best = min(d for _, d in found)
        ranked = sorted((f for f in found if f[1] == best), key=lambda f: -self.words.get(f[0], 0))
        return list(dict.fromkeys(w for w, _ in ranked))[:limit]


# Words that begin what follows a long form's head noun: "Landeskoordinierungsstelle der
# Kommunalen Integrationszentren", "Regionale Arbeitsstelle zur Förderung von Kindern".
_POST_HEAD = frozenset(
    {"der", "des", "die", "das", "den", "dem", "zur", "zum", "von", "vom", "für", "fur", "im"}
    | {"in", "mit", "aus", "bei", "beim", "of", "for"}
)


def head_word(expansion: str) -> str:
    """A long form's head word: its last word, or the last before a genitive or prepositional
    phrase ("Landeskoordinierungsstelle der Kommunalen Integrationszentren" ->
    "Landeskoordinierungsstelle", not "Integrationszentren")."""
    words = expansion.split()
    for i, w in enumerate(words[1:], 1):
        if w.lower() in _POST_HEAD:
            return words[i - 1]
    return words[-1] if words else ""


def _head_term(expansion: str) -> str | None:
    """The index term of a long form's head word ("Kommunales Integrationsmanagement" ->
    "integrationsmanagement"), when it is long enough to stand for the abbreviation."""
    head = word_terms(word) if (word := head_word(expansion)) else []
    return head[0] if head and len(head[0]) >= 6 else None


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
    if public_only:
        words = dict(conn.execute(f"SELECT word, sum(n) FROM doc_words{only} GROUP BY word"))
    else:  # kept counted (knowledge.store.WORD_COUNTS): no walk over every document's words
        words = dict(document_words(conn))
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
        r"was kostet|was kosten|how high|how large|what does .* cost|"
        # "was hat der Bauwagen gekostet", "what did the study cost": an amount of money
        r"was (?:hat|haben|hatte|hatten|wird|werden|wurde|wurden) (?:\S+ ){1,8}gekostet|"
        r"what did .* cost|"
        # "In welchem Umfang …", "to what extent": how much
        r"(?:in )?welche[nm] umfang|wie umfangreich|to what extent|how extensive|"
        r"was (?:verdien\w*|zahl\w*|bezahl\w*)|"
        r"what (?:is|are|was|were) the (?:\w+ )?(?:costs?|price|amount|budget|number|share)) ",
    ),
    (
        "time",
        r" (seit wann|bis wann|wann|when|what time|which date|an welchem (?:genauen )?tag|"
        r"zu welchem (?:genauen )?zeitpunkt|um wie ?viel uhr|"
        # periods: "für welchen Zeitraum", "wie lange", "how long", "what period"
        r"(?:fur |auf |in |uber )?welche[nmr]? (?:zeitraum|zeitpunkt|dauer|laufzeit)|"
        r"an welche[mn] (?:genauen )?(?:datum|termin)|"
        r"welche[nmsr]? (?:genaue[ns]? )?(?:datum|termin)|"
        r"(?:on |at )?(?:which|what) (?:exact )?(?:date|day)|"
        # "In welchem Jahr …", "in which year": a time (the year), not an instance of "Jahr"
        r"(?:in |im )?welche[mn] (?:jahr|monat)|(?:in )?(?:which|what) (?:year|month)|"
        r"wie lange?|how long|what period|which period|for what period|"
        # "what's the funding period", "what is the deadline": the noun asks for a time
        r"what (?:is|are|was|were) the (?:\w+ ){0,2}(?:period|deadline|date|duration|timeframe)|"
        r"(?:on )?(?:which|what) (?:dates|days)|an welchen (?:tagen|terminen)) ",
    ),
    (
        "person",
        r" (wer|wem|wen|wessen|who|whom|whose|welche person|wie (?:heis?st|hies?s)(?! das )|"
        r"wie (?:heis?sen|hies?sen)|wie lautet der name|"
        # "what is the name of the mayor" (not "… of the portal": a thing's name, see which)
        r"(?:what is|whats) the name(?! of)|(?:what is|whats) the name of (?:the |his |her |its )?"
        r"(?:\w+ )?(?:person|contact|head|leader|chair\w*|mayor|minister|members?|councill?or|"
        r"officer|coordinator|commissioner|manager|director|speaker|representative|deputy|"
        r"winners?|landrat|\w*beauftragte\w*|leiter\w*|dezernent\w*|b(?:u|ue)rgermeister\w*)|"
        # "Welches Kreistagsmitglied …", "which minister": a person named by role
        r"(?:welche[rsnm]?|which) (?:\w+ )?(?:\w*mitglied\w*|abgeordnete\w*|\w*minister\w*|"
        r"dezernent\w*|"
        r"vertreter\w*|referent\w*|landr(?:a|ae)t\w*|\w*b(?:u|ue)rgermeister\w*|vorsitzende\w*|"
        r"leiter\w*|ansprechpartner\w*|politiker\w*|staatssekret\w*|\w*beauftragte\w*|"
        r"sprecher\w*|member|minister|mayor|councillor|councilor|speaker|chair\w*)) ",
    ),
    (
        "reason",
        r" (warum|weshalb|wieso|why|aus welche[mn] gr(?:u|ü|ue)nde?n?|welche gr(?:u|ü|ue)nde|wozu|"
        r"for what reasons?|what (?:are|were) the reasons) ",
    ),
    (
        "place",
        r" (wo|wohin|woher|where|(?:an|in|aus) welche[mr] (?:ort|stadt|kommune|gemeinde|raum|"
        r"saal|gebaude|gebaeude|stadtteil|ortsteil)|in which (?:town|city|place|room|building)|"
        r"which (?:town|city|venue)) ",
    ),
    (
        "definition",
        r" (was ist|was sind|was war|was bedeutet|was heisst|was versteht|"
        r"wo(?:für|fur|fuer) (?:steht|stehen)|stands? for|"
        # ("what is the name of the project": which name, see the which type)
        r"what is(?! the name of)|what are|what does|what was(?! the name of)|erklär\w*|"
        r"definition|bedeutung|meaning|"
        r"welche (?:rolle|funktion|aufgabe)|what (?:role|function)|worum geht|"
        r"was (?:verbirgt|versteckt) sich|was steckt (?:hinter|dahinter)) ",
    ),
    # "Wie heißt das Modellprojekt?": a thing's name (a neuter noun names no person)
    ("which", r" (welche[rsnm]?|which|what|wie (?:heis?st|hies?s)(?= das )) "),
    # "wodurch wird der Eigenanteil finanziert", "ueber was finanziert": the means, no amount
    ("manner", r" (wie|how|wodurch|woraus|(?:über|uber|ueber|durch) was) "),
)
_QTYPE_PATTERNS = tuple((qtype, re.compile(pattern)) for qtype, pattern in _QTYPE_SOURCES)
_OTHER_WH_RE = re.compile(r" (?:what|which|how|when|where|why) ")
_LEADING_WH_RE = re.compile(r" (?:who|whom|whose|what|which|how|where|why) ")
_LEADING_WHO_RE = re.compile(r" (?:wer|wem|wen|wessen|who|whom|whose) ")
_RELATIVE_WHO_RE = re.compile(r"(?<=\w) (?:who|whom|whose)(?= )")


def question_type(question: str) -> QType:
    """The kind of fact the question asks for."""
    folded = " " + " ".join(fold(t.text) for t in tokenize(question)) + " "
    if folded.startswith((" name ", " namen ")) or folded.endswith((" name ", " namen ")):
        return "person"  # "name neubürgerbeauftragter?", "neubuergerbeauftragter name"
    # "What age group do the adults belong to who are …": after another English question
    # word, "who" opens a relative clause and asks for no person.
    typed = _RELATIVE_WHO_RE.sub(" ", folded) if _OTHER_WH_RE.match(folded) else folded
    # "Who was the Landrat when … was discussed": after another question word, "when" joins
    # a clause and asks for no time.
    if _LEADING_WH_RE.match(typed):
        typed = typed.replace(" when ", " ")
    if _LEADING_WHO_RE.match(typed):
        # "wer wollte wissen, wann die Verträge auslaufen": the question word that opens the
        # question asks; a later one opens what was asked about
        return "person"
    for qtype, pattern in _QTYPE_PATTERNS:
        if pattern.search(typed):
            return qtype
    if _WHO_NOUNS_RE.search(folded) and not folded.startswith((" was ", " what ")):
        # ("was kriegen die gewinner" asks what they get, not who they are)
        return "person"  # "integrationspreis gewinner 2019", "ki leitung": typed without "wer"
    if _HOW_MUCH_NOUNS_RE.search(folded):
        # "troisdorf modul 3 stellenanteil", "kiz kosten": typed without "wie viel"
        return "quantity"
    if _WHEN_NOUNS_RE.search(folded):
        return "time"  # "siegelverleihung datum", "termin integrationsrat"
    return "other"


# Nouns of an amount or a count, and of a date, which a question typed without a question word
# asks for.
_HOW_MUCH_NOUNS_RE = re.compile(
    r" (?:stellenanteil\w*|kosten|anzahl|zahl|hohe|betrag|budget|preisgeld|eigenanteil|"
    r"zuschuss|personalkosten|\w*summe|\w*betrag|cost|costs|number|amount) "
)
_WHEN_NOUNS_RE = re.compile(r" (?:datum|date|termin|uhrzeit|frist|deadline) ")
# Nouns that ask for a person or a body when a phone-typed question has no question word.
_WHO_NOUNS_RE = re.compile(
    r" (?:gewinner\w*|preistrager\w*|sieger\w*|winners?|ansprechpartner\w*|"
    r"ansprechperson\w*|leiter(?:in)?|leitung|vorsitzende[rn]?|vorsitz|chair|head) "
)


def _importance(token: Token, first: bool, cased: bool) -> float:
    """How much a word says about the topic, before idf: numbers and names weigh most. In a
    question that writes nouns with capitals (`cased`), a lower-case word is a verb or an
    adjective and says less ("gehören", "besteht"); in one typed all lower case it may be
    anything. A light verb ("kommt", "gibt", "passiert") weighs LIGHT_VERB_SHARE of what a
    noun weighs in the same question, however it is written."""
    if token.kind == "number":
        return 1.4
    if token.kind == "abbr":
        return 1.2
    if fold(token.text) in light_verbs():
        return LIGHT_VERB_SHARE * (1.0 if cased else 0.75)
    if fold(token.text) in frame_words():
        return FRAME_SHARE * (1.0 if cased else 0.75)
    if token.text[:1].isupper() and not first:
        return 1.0
    return LOWER_CASE_WEIGHT if cased and not first else 0.75


LOWER_CASE_WEIGHT = 0.5
CHOICE_SHARE = 0.3  # a word of the other choice of a yes/no question ("…, oder …?")
# ", oder", ", or": a yes/no question goes on with the other choice it offers.
# Typed without the comma: "ist kim schon gesetz oder nur geplant", "or just planned".
_OTHER_CHOICE_RE = re.compile(
    r",\s*(?:oder|or)\b|\s(?:oder|or)\s+(?:nur|noch|erst|doch|bloß|just|only|still)\b", re.I
)
# "Wie viele Stellen sind vorgesehen und wie verteilen sie sich?": a second question of how or
# why joined to the first; an answer to the first is worth giving, so its words weigh
# SECOND_ASK_SHARE. (A second fact asked, "and how many posts", is as much the question.)
_SECOND_ASK_RE = re.compile(
    r"\s(?:und|and)\s+(?:wie(?!\s+(?:viele?|hoch|lange|gro(?:ß|ss)))|warum|weshalb|wieso|"
    r"how(?!\s+(?:many|much|long|high|big))|why)\b",
    re.I,
)
SECOND_ASK_SHARE = 0.5
# "Was verbirgt sich hinter dem Projekt MiMi, das die Fachstelle durchgeführt hat?": in a
# question what something is, a relative clause only tells which one is meant; its words weigh
# SECOND_ASK_SHARE too.
_RELATIVE_RE = re.compile(r",\s*(?:das|die|der|dem|den|welche[srnm]?|that|which)\b", re.I)
# "Warum hat man sich gegen Baustein 6 entschieden, obwohl die Kommunen die Landesinitiative
# nicht generell ablehnen?": a concession after the question is context the answer may not
# repeat; its words weigh SECOND_ASK_SHARE too.
_CONCESSION_RE = re.compile(
    r",\s*(?:obwohl|obgleich|obschon|wenngleich|although|even though|though)\b", re.I
)
LIGHT_VERB_SHARE = 0.45
FRAME_SHARE = 0.3  # a word of the question's frame ("Welche Rolle spielt …", "Worum geht es")


PARAPHRASE_WEIGHT = 0.85  # a colloquial word's document words (paraphrases_de.toml)
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
    token: Token,
    vocab: Vocabulary,
    corrections: list[tuple[str, str]],
    question: Sequence[Token] = (),
) -> Concept | None:
    """Alternatives for one question word: stem, variants, synonyms, paraphrases of colloquial
    words, English, typo fix, prefix. A verb whose particle ends the `question` ("laufen ...
    aus") stands for the joined verb ("auslaufen"); the particle itself is no concept."""
    label = folded = fold(token.text)
    alternatives: dict[str, float] = {}
    parts: tuple[str, ...] = ()

    def add(terms: Iterable[str], weight: float) -> None:
        for t in terms:
            if vocab.has(t) and alternatives.get(t, 0) < weight:
                alternatives[t] = weight

    verb, joined = _separable_verb(question, vocab)
    if verb is not None and token.start == verb.start:
        # The joined verb leads; the verb alone still counts: documents separate it too.
        add([stem(v) for v in (folded, *_variants(folded))], SEPARATED_VERB_WEIGHT)
        folded = joined
        token = Token(joined, token.start, "word")
    elif verb is not None and token.start == question[-1].start:
        return None
    if vocab.has(folded):  # abbreviations typed in lower case: ki, kim, laki, vae
        add([folded], 1.0)
    whole = word_terms(token.text, vocab.lexicon)
    add(whole[:1], 1.0)
    if "-" in token.text.strip("-") and whole and len(whole[0]) >= 6:
        # "rhein-sieg" typed short finds "Rhein-Sieg-Kreis": a name the documents go on with
        add(vocab.prefixed(whole[0]), HYPHEN_NAME_WEIGHT)
    # Verb forms are written in lower case (a capitalised "Projekt" is no "projeken"), but for
    # the question's first word ("Plant das KI …?").
    first = bool(question) and token.start == question[0].start
    lower = token.text[:1].islower() or first
    infinitives, verb_nouns = _verb_relatives(folded) if lower else ([], [])
    roots = list(dict.fromkeys(whole[:1] + [stem(v) for v in _variants(folded)] + infinitives))
    add(roots[1:], 0.9)
    if lower and (irregular := verb_forms().get(folded)) is not None:
        # The present participle of an irregular verb, as documents write it before a noun:
        # "gilt" finds "die derzeit geltende Richtlinie" (regular ones share their stem).
        add(word_terms(irregular + "d")[:1], 0.9)
    add(verb_nouns, VERB_NOUN_WEIGHT)  # "gefördert" finds "Förderung", "plant" "Planung"
    if lower and (strong := _strong_participle(folded)) is not None:
        # "fortgeschrieben" finds "fortschreiben" and "Fortschreibung"
        add([stem(strong)], 0.9)
        add([stem(strong[:-2] + "ung")], VERB_NOUN_WEIGHT)
    add(_noun_verbs(folded), VERB_NOUN_WEIGHT)  # "Konkretisierung" finds "konkretisiert"
    if lower:
        add(_latin_verb_nouns(folded), VERB_NOUN_WEIGHT)  # "evaluiert" finds "Evaluation"
    if verb is not None and token.start == verb.start:
        add(_irregular_forms(folded), 0.9)
    for infinitive in dict.fromkeys([folded, *_variants(folded)]):
        # Strong forms of the verb asked about: "ergeben" finds "ergab", "gewinnen" "gewann".
        add((stem(form) for form in _strong_forms().get(infinitive, ())), 0.9)
    for root in roots[:1]:
        # A noun of a strong verb, its doer or its act: "Bewerber" finds "beworben",
        # "Teilnehmer" "teilgenommen" (they share the infinitive's stem).
        for infinitive in _strong_stems().get(root, ()):
            if infinitive != folded:
                add((stem(form) for form in _strong_forms()[infinitive]), VERB_NOUN_WEIGHT)
    for root in roots:
        add(_synonyms_of(folded, root), 0.8)
    if folded.startswith("un") and len(folded) >= 7:
        # "sind die Verträge unbefristet": a text saying "befristet" answers no
        add(word_terms(folded[2:])[:1], NEGATED_BASE_WEIGHT)
    if any(root in paraphrases() for root in roots):
        for root in roots:
            add((word_terms(w)[0] for w in paraphrases().get(root, ())), PARAPHRASE_WEIGHT)
    else:
        add(_compound_paraphrases(folded), PARAPHRASE_WEIGHT)
    english = english_glossary().get(folded.replace("-", "")) or english_glossary().get(
        _POSSESSIVE_RE.sub("", token.text.lower())  # "women's issues": women
    )
    if english and (not vocab.has(folded) or is_english(question)):
        for german in english:
            add(word_terms(german)[:1], 0.95)
            # German joins what English writes apart: "seal" also finds "Siegelprozess".
            for term in word_terms(german)[:1]:
                add(_compounds_of(term, vocab), ENGLISH_COMPOUND_WEIGHT)
                # The German word's paraphrases too, as a corrected word's: "funded" is
                # "gefördert", which a text says as "Förderzeitraum bis 2022".
                add(
                    (word_terms(w)[0] for w in paraphrases().get(term, ())),
                    0.95 * PARAPHRASE_WEIGHT,
                )
        for german in english if not alternatives else ():
            # "promise" is "zusagen", which minutes write "sagte … zu" (only when the
            # documents have no other word for it: a rare form would weigh the word up; and
            # not for a participle: "considered important" is no "sah … an")
            if not unparticiple(fold(german)):
                add(_separated_forms(fold(german)), 0.95 * SEPARATED_VERB_WEIGHT)
    for root in roots[:1]:
        add(sorted(vocab.short_forms.get(root, ())), SHORT_FORM_WEIGHT)
    pieces = [p for p in folded.split("-") if p]
    compound = vocab.lexicon.split(folded) if len(pieces) == 1 else pieces
    # Neither a German word nor an English one the glossary knows: perhaps typed wrong.
    unknown = folded.isalpha() and not is_german_word(folded) and folded not in english_glossary()
    if unknown and alternatives and folded not in vocab.words:
        # Found only by its stem, which a slip in a document shares ("manger": the minutes'
        # "Case Mangerinnen"): the document word one letter off counts too ("manager").
        near = [w for w in vocab.near(folded) if w != folded]
        if near and vocab.words.get(near[0], 0) >= MIN_NEAR_COUNT:
            meant = _word_concept(Token(near[0], token.start, token.kind), vocab, [], question)
            for term, weight in meant.alternatives.items() if meant is not None else ():
                add([term], weight * TYPO_ALTERNATIVE_WEIGHT)
    elif unknown and not alternatives:
        near = [w for w in vocab.near(folded) if w != folded]
        for ending in ("n", "en") if not near and folded.endswith("e") else ():
            # The documents may hold only an inflected form: "geduldte" is "Geduldeten"
            # (one letter off "geduldten"), which no word one letter off "geduldte" is.
            near = [w for w in vocab.near(folded + ending) if w != folded]
            if near:
                break
        if near:
            fixed = near[0]
            corrections.append((token.text, fixed))
            # A long word one letter off ("lenkungsgrupe") is surely the one meant.
            sure = LONG_TYPO_WEIGHT if len(folded) >= LONG_TYPO else 0.9
            add(word_terms(fixed)[:1], sure)
            # "mitlerweile" is "mittlerweile", so it finds "zwischenzeitlich" too.
            # "gewonen" is "gewonnen", so it finds "ausgezeichnet" too.
            for term in word_terms(fixed)[:1]:
                add(synonyms().get(term, ()), 0.9 * 0.8)
                add(
                    (word_terms(w)[0] for w in paraphrases().get(term, ())), 0.9 * PARAPHRASE_WEIGHT
                )
            for other in near[1:]:  # as close, less frequent: the topic decides between them
                add(word_terms(other)[:1], TYPO_ALTERNATIVE_WEIGHT)
            compound = compound or vocab.lexicon.split(fixed)
        elif len(folded) >= 6:
            # No document word is near, but a question word the bot knows is: "Altersgrupe" is
            # "Altersgruppe", which the documents write in years ("18 bis 27-Jährigen").
            key = _slip_of(folded, paraphrase_keys(), vocab)
            if (key is None or key == folded) and is_english(question) and len(folded) >= 8:
                # "aplication" in an English question is "application" (Antrag); a slip at
                # the end is an inflection ("scheduled" is no "schedule" typed wrong).
                key = _slip_of(folded, _english_keys(), vocab)
                key = key if key is not None and key[-2:] == folded[-2:] else None
            if key is None or key == folded:
                key = _slipped_compound(folded, vocab)
            if key is not None and key != folded:
                corrections.append((token.text, key))
                typed = key.capitalize() if token.text[:1].isupper() else key
                return _word_concept(Token(typed, token.start, token.kind), vocab, [], question)
    if not alternatives and not compound and len(folded) >= 9 and folded.isalpha():
        # A compound of two index words the lexicon does not hold as words ("Coronazeit": the
        # documents have "Corona" only in "Corona-Pandemie", and "Zeiten").
        compound = _index_parts(folded, vocab)
    part_synonyms: dict[str, tuple[tuple[str, float], ...]] = {}
    if not alternatives and len(compound) > 1:
        parts = tuple(dict.fromkeys(stem(p) for p in compound if vocab.has(stem(p))))
        if len(parts) < 2:
            parts = ()
            add([stem(p) for p in compound if len(stem(p)) >= MIN_PART_STEM], 0.6)
        elif len(pieces) == 2 and token.text.split("-")[0].isupper():
            # "KIM-Personal": the staff of KIM, whom the minutes of KIM call "die Mitarbeiterinnen
            # und Mitarbeiter"; the abbreviation names whose, often only in the sentences around.
            head = stem(pieces[1])
            found = tuple(t for t in _synonyms_of(pieces[1], head) if vocab.has(t))
            if head in parts and found:
                part_synonyms[head] = tuple((t, 0.8) for t in found)
        else:
            # "Kommunalvertreter": the representatives of the Kommunen ("Vertretungen der
            # Kommunen"); an adjective part also stands for the noun it is made of.
            for part in parts[:-1]:
                if part.endswith("al") and len(part) >= 6 and vocab.has(part[:-2]):
                    part_synonyms[part] = ((part[:-2], ADJECTIVE_PART_WEIGHT),)
    if not alternatives and not parts:
        root = whole[0] if whole else stem(folded)
        if len(root) >= 4:
            add(vocab.prefixed(root), 0.7)
    if lower and (unparticiple(folded) or unzu(folded)):
        # "zugesagt" finds "sagte er … zu": documents write a separable verb apart.
        add(_separated_forms(folded), SEPARATED_VERB_WEIGHT)
    if not alternatives and not parts:
        if len(folded) <= 3 and token.text.islower() and folded not in _parties():
            return None  # a short unknown lower-case word is a typo or a particle ("wan", "is")
        # Nothing in the index looks like this word: keep it, so it counts as not found. An
        # unknown noun ("Einwohner", "Bus") sinks the answer; an unknown verb form weighs less.
        weight = 0.25 if looks_like_verb(token.text) or folded in light_verbs() else 1.0
        return Concept(label, {stem(folded): 1.0}, (), weight)
    return Concept(label, alternatives, parts, part_synonyms=part_synonyms)


@cache
def _parties() -> frozenset[str]:
    """Folded names of the parties in German councils ("cdu", "fdp", "grüne"): a question that
    names one ("was sagt die cdu zu kim") asks what that party said, so the name is no typo to
    leave out; unknown to the documents, it counts as not found."""
    return frozenset(fold(name) for name in category_instances().get("partei", ()))


def _synonyms_of(word: str, root: str) -> tuple[str, ...]:
    """Synonym terms of a folded word: those of its own groups when it is listed itself
    ("Mitarbeiter" is staff), else those of its stem `root`."""
    listed = word_synonyms().get(word)
    return synonyms().get(root, ()) if listed is None else listed


def _index_parts(folded: str, vocab: Vocabulary) -> list[str]:
    """Two parts of an unknown word, each an index term of five or more (the first) and four
    or more letters (the last), the longest first part first; [] when none."""
    for i in range(len(folded) - 4, 4, -1):
        head, tail = folded[:i], folded[i:]
        if vocab.has(stem(head)) and vocab.has(stem(tail)) and len(stem(tail)) >= 4:
            return [head, tail]
    return []


@cache
def _english_keys() -> tuple[str, ...]:
    """The English words of the glossary (one word each), sorted."""
    return tuple(sorted(k for k in english_glossary() if k.isalpha()))


_POSSESSIVE_RE = re.compile(r"['’´`]s$")
ENGLISH_COMPOUND_WEIGHT = 0.75  # a German compound that starts with an English word's German


def _joined_english(concepts: list[Concept], vocab: Vocabulary) -> list[Concept]:
    """English writes apart what German joins: in "jury meeting" the German of "jury" is
    "Jurytermin", which ends in a German word for "meeting" ("Termin"), so it counts for
    "meeting" too; in "school absenteeism" the German of "absenteeism" is
    "Schulabsentismus", which starts with the German of "school" ("Schul"), so it counts
    for "school"; "seal process" is "Siegelprozess", the two German words joined (with a
    linking s too: "integration agencies", "Integrationsagenturen"), which counts for both."""
    out = list(concepts)
    for i in range(1, len(out)):
        before, concept = out[i - 1], out[i]
        joined = {
            term: ENGLISH_COMPOUND_WEIGHT
            for head in before.alternatives
            for tail in concept.alternatives
            for link in ("", "s")
            if len(head) >= 4 and len(tail) >= 4 and vocab.has(term := head + link + tail)
        }
        if concept.kind == "word":
            out[i] = _with_compounds(concept, before, str.endswith, joined)
        if before.kind == "word":
            out[i - 1] = _with_compounds(before, concept, str.startswith, joined)
    return out


JOINED_APART_WEIGHT = 0.95  # "jury termin" typed apart: the documents' "Jurytermin"


def _joined_apart(concepts: list[Concept], vocab: Vocabulary) -> list[Concept]:
    """A German compound typed apart on a phone ("wann war jury termin", "sozial ausschuss"):
    the compound the documents write ("Jurytermin") counts for both words."""
    out = list(concepts)
    for i in range(1, len(out)):
        before, concept = out[i - 1], out[i]
        if before.kind != "word" or concept.kind != "word" or before.parts or concept.parts:
            continue
        for link in ("", "s"):
            terms = word_terms(before.label + link + concept.label)
            if terms and vocab.has(term := terms[0]) and term not in concept.alternatives:
                out[i - 1] = replace(
                    before, alternatives={**before.alternatives, term: JOINED_APART_WEIGHT}
                )
                out[i] = replace(
                    concept, alternatives={**concept.alternatives, term: JOINED_APART_WEIGHT}
                )
                break
    return out


def _with_compounds(
    concept: Concept,
    neighbour: Concept,
    joins: Callable[[str, str], bool],
    joined: Mapping[str, float],
) -> Concept:
    """The concept with the neighbour's terms that join one of its own into a compound
    (`joins(term, own)`: the compound ends or starts with it), and the compounds `joined`
    of both."""
    extra = {
        t: ENGLISH_COMPOUND_WEIGHT
        for t in neighbour.alternatives
        for own in concept.alternatives
        if len(own) >= 5 and len(t) > len(own) and joins(t, own)
    } | {t: w for t, w in joined.items() if t not in concept.alternatives}
    if not extra:
        return concept
    return replace(concept, alternatives={**extra, **concept.alternatives})


def _compounds_of(term: str, vocab: Vocabulary) -> list[str]:
    """Index terms of compounds whose first part is the word `term` ("siegel" ->
    "siegelprozess", "siegelverleihung"); none for short words, which start too much."""
    if len(term) < 5:
        return []
    return [
        t
        for t in vocab.prefixed(term)
        if t != term and (parts := vocab.lexicon.split(t)) and stem(parts[0]) == term
    ]


LONG_TYPO = 10  # letters of a mistyped word from which its correction is near certain
LONG_TYPO_WEIGHT = 0.95
TYPO_ALTERNATIVE_WEIGHT = 0.85  # another document word as close to a typo as the chosen one
SHORT_FORM_WEIGHT = 0.8  # the abbreviation of a long form the question writes out
HYPHEN_NAME_WEIGHT = 0.9  # "rhein-sieg" for "Rhein-Sieg-Kreis"
SEPARATED_VERB_WEIGHT = 0.8  # "findet" of "findet … statt": documents write it apart too
# Particles of German separable verbs, as they stand at the end of a question.
_PARTICLES = frozenset(
    {
        "ab", "an", "auf", "aus", "bei", "ein", "fest", "fort", "her", "heraus", "herein",
        "hin", "hinzu", "los", "mit", "nach", "raus", "rein", "statt", "teil", "um", "vor",
        "vorbei", "weg", "weiter", "zu", "zurück", "zuruck", "zusammen",
    }
)  # fmt: skip
# (longest first, so "heraus" is tried before "her"; sorted once, read for every word asked)
_PARTICLES_LONGEST_FIRST = tuple(sorted(_PARTICLES, key=lambda p: (-len(p), p)))


def _separable_verb(question: Sequence[Token], vocab: Vocabulary) -> tuple[Token | None, str]:
    """The verb of a question that ends in its particle, and the joined infinitive: "wann
    laufen die Verträge aus" -> (laufen, "auslaufen"). Only a join that the documents or the
    paraphrase table know counts; (None, "") when there is none."""
    if len(question) < 3 or fold(question[-1].text) not in _PARTICLES:
        return None, ""
    particle = fold(question[-1].text)
    stop = stopwords()
    for token in question[:-1][:8]:  # the finite verb stands near the front
        folded = fold(token.text)
        if token.kind != "word" or folded in stop:
            continue
        infinitive = _infinitive(folded)
        if infinitive is None:
            continue
        joined = particle + infinitive
        known = word_terms(joined)[0]
        if (
            known in paraphrases()
            or vocab.has(known)
            or any(map(vocab.has, _irregular_forms(joined)))
        ):
            return token, joined
    return None, ""


def _separated_forms(folded: str) -> list[str]:
    """Stems of the finite past forms of a separable verb, which documents write apart from
    its particle: zugesagt, zuzusagen, zusagen -> "sagt" ("sagte er … zu"); angekündigt ->
    "kundigt"; ausgesprochen -> "sprach". An infinitive counts only as a known German word
    ("ankündigen"); a strong verb only as verbs_de.toml knows it."""
    infinitive = unparticiple(folded) or unzu(folded)
    if infinitive is None:
        if not (folded.endswith("en") and is_german_word(folded)):
            return []
        infinitive = folded
    for particle in _PARTICLES_LONGEST_FIRST:
        base = infinitive[len(particle) :]
        if not (infinitive.startswith(particle) and len(base) >= 5 and base.endswith("en")):
            continue
        strong = verb_forms().get("ge" + base) if folded.startswith(particle + "ge") else None
        strong = strong or (base if base in _strong_forms() else None)
        if strong:  # "ausgesprochen": "sprach … aus"
            forms = [f for f in _strong_forms()[strong] if not f.startswith("ge")]
        elif folded.endswith("en") and folded != infinitive:
            return []  # a strong participle verbs_de.toml does not know
        else:
            root = base[:-2]
            forms = [root + ("ete" if root.endswith(("t", "d")) else "te")]
        return list(dict.fromkeys(stem(f) for f in forms))
    return []


def _infinitive(folded: str) -> str | None:
    """Infinitive of a folded finite verb form: irregular from verbs_de.toml, regular by its
    ending (macht -> machen, ändert -> ändern, laufen stays); None for other words."""
    if folded in verb_forms():
        return verb_forms()[folded]
    if len(folded) < 3 or not folded.isalpha():
        return None
    if folded.endswith("en"):
        return folded
    if folded.endswith(("ert", "elt")):
        return folded[:-1] + "n"
    if folded.endswith("et"):
        return folded[:-2] + "en"
    if folded.endswith("st"):
        return folded[:-2] + "en"
    if folded.endswith("t"):
        return folded[:-1] + "en"
    return None


VERB_NOUN_WEIGHT = 0.8  # the -ung noun of a verb the question uses (fördern -> Förderung)
ADJECTIVE_PART_WEIGHT = 0.9  # "kommun" for the part "kommunal" of "Kommunalvertreter"
NEGATED_BASE_WEIGHT = 0.8  # "befristet" for "unbefristet": the answer says the opposite


_IERUNG_RE = re.compile(r"^(\w{3,}i)erung(?:en)?$")
_UNG_RE = re.compile(r"^(\w{5,})ung(?:en)?$")


_IEREN_RE = re.compile(r"^(\w{3,})ier(?:t|te|ten|en|st)$")


def _latin_verb_nouns(folded: str) -> list[str]:
    """Stems of the nouns of a verb on -ieren, which documents write as often: "evaluiert" ->
    "Evaluation", "Evaluierung"; "qualifiziert" -> "Qualifikation". Only forms some document
    writes count (the caller checks)."""
    m = _IEREN_RE.match(folded)
    if not m:
        return []
    base = m[1]
    nouns = [base + "ierung", base + "ation"]
    if base.endswith("z"):  # qualifizieren -> Qualifikation, kommunizieren -> Kommunikation
        nouns.append(base[:-1] + "kation")
    return [stem(n) for n in nouns]


def _noun_verbs(folded: str) -> list[str]:
    """Stems of the verb forms of an -ung noun, which documents write as often: "die
    Konkretisierung" -> "konkretisiert", "konkretisieren" (regular, no ge- prefix); "die
    Wertschätzung" -> "wertgeschätzt", "Verteilung" -> "verteilt" (longer nouns only: a short
    one, "Wohnung", is too often no verb's noun, "gewohnt")."""
    m = _IERUNG_RE.match(folded)
    if m:
        return [stem(m[1] + "ert"), stem(m[1] + "eren")]
    m = _UNG_RE.match(folded)
    if not m:
        return []
    root = m[1]
    end = "et" if root.endswith(("t", "d")) else "t"  # "eingerichtet", "gefördert"
    # The participle's "ge" stands first or after a first part: "wertgeschätzt",
    # "ausgestellt". Only forms some document writes count (the caller checks).
    cuts = [0, *range(2, len(root) - 2)]
    # The verb's own stem too: how the first part of a compound is indexed ("Förderzeitraum"
    # has the part "ford", "Förderung" the term "forder").
    forms = [stem(root + end)] + [stem(root[:i] + "ge" + root[i:] + end) for i in cuts]
    return [*forms, stem(root)]


def _verb_relatives(folded: str) -> tuple[list[str], list[str]]:
    """Stems of the infinitive of a word that is plainly a verb form, and of the -ung noun of
    a participle: gefördert -> fördern, Förderung; plant -> planen (a finite form has no noun:
    "sitzt" is no "Sitzung"). Forms on -en stay out: they are as often noun plurals (Stellen)."""
    if len(folded) < 4 or not folded.isalpha() or folded.endswith("en"):
        return [], []
    if participle := unparticiple(folded):
        base = participle[:-1] if participle.endswith(("ern", "eln")) else participle[:-2]
        # Minutes report in the past: "gefragt" is also "fragte" (whose stem is "fragt").
        past = base + ("et" if base.endswith(("t", "d")) else "t")
        return list(dict.fromkeys([stem(participle), stem(past)])), [stem(base + "ung")]
    if folded.endswith("t") and folded not in stopwords():
        infinitive = _infinitive(folded)
        if not infinitive:
            return [], []
        # With an inseparable prefix the form is the participle too ("erweitert", "besetzt"),
        # whose -ung noun the documents write ("Erweiterung", "Besetzung"); "sitzt" stays out.
        if len(folded) < 6 or not folded.startswith(_INSEPARABLE_PREFIXES):
            return [stem(infinitive)], []
        base = infinitive[:-1] if infinitive.endswith(("ern", "eln")) else infinitive[:-2]
        nouns = [stem(base + "ung")]
        if infinitive.endswith("eln"):  # "entwickelt": "Entwicklung" (and "Regelung")
            nouns.append(stem(infinitive[:-3] + "lung"))
        return [stem(infinitive)], nouns
    return [], []


_INSEPARABLE_PREFIXES = ("be", "er", "ver", "ent", "zer", "emp", "miss")


@cache
def _strong_forms() -> Mapping[str, tuple[str, ...]]:
    """Infinitive -> its irregular forms (verbs_de.toml read backwards)."""
    out: dict[str, list[str]] = {}
    for form, infinitive in verb_forms().items():
        out.setdefault(infinitive, []).append(form)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _strong_stems() -> Mapping[str, tuple[str, ...]]:
    """Stem of an infinitive of verbs_de.toml -> the infinitives: "bewerb" -> bewerben."""
    out: dict[str, list[str]] = {}
    for infinitive in _strong_forms():
        out.setdefault(stem(infinitive), []).append(infinitive)
    return {k: tuple(v) for k, v in out.items()}


def _strong_participle(folded: str) -> str | None:
    """The infinitive of a strong participle, also behind a separable particle (verbs_de.toml):
    fortgeschrieben -> fortschreiben, vorgeschlagen -> vorschlagen; None for other words."""
    if not folded.endswith("en"):
        return None
    for particle in ("", *_PARTICLES_LONGEST_FIRST):
        rest = folded[len(particle) :]
        infinitive = verb_forms().get(rest) if folded.startswith(particle) else None
        if infinitive is not None and rest.startswith(("ge", "be")) and infinitive != rest:
            return particle + fold(infinitive)
    return None


def _irregular_forms(infinitive: str) -> list[str]:
    """Stems of the irregular forms of a (particle) verb: auslaufen -> ausläuft, auslief,
    ausliefen, ausgelaufen, as documents write them in subordinate clauses."""
    forms: list[str] = []  # the verb's own entries ("teilgenommen") and its base's ("nahm")
    for particle in ("", *_PARTICLES_LONGEST_FIRST):
        base = infinitive[len(particle) :]
        if infinitive.startswith(particle) and base in _strong_forms():
            forms += [stem(particle + form) for form in _strong_forms()[base]]
    return list(dict.fromkeys(forms))


def _compound_paraphrases(folded: str) -> list[str]:
    """Terms of a compound whose last part is a colloquial word, with that part paraphrased:
    schulschwänzen -> schulabsentismus (the longest such last part)."""
    for i in range(MIN_PART - 1, len(folded) - MIN_PART + 1):
        head = paraphrases().get(stem(folded[i:]))
        if head:
            return [stem(folded[:i] + fold(w)) for w in head]
    return []


def looks_like_verb(word: str) -> bool:
    """A lower-case word with a verb ending: mitgearbeitet, organisiert, beantragen; English
    considered, supposed."""
    return word[:1].islower() and bool(_VERB_ENDING_RE.search(word))


_VERB_ENDING_RE = re.compile(r"(?:^ge\w+(?:t|en)|\w(?:t|te|ten|et|en|st|iert|ed))$")
# English function words that German never uses (unlike "was", "is", "so" typed in German).
_ONLY_ENGLISH = frozenset(
    {"the", "what", "who", "whom", "whose", "when", "where", "which", "why", "how", "are", "of"}
)


def is_english(question: Sequence[Token]) -> bool:
    """Whether a question is written in English: then an English word that also stands in the
    documents (a name, "City") is still translated, and "was" is a past tense."""
    return any(fold(t.text) in _ONLY_ENGLISH for t in question)


def _month_concept(
    token: Token, month: int, question: Sequence[Token], vocab: Vocabulary
) -> Concept:
    """A month the question names, found as its name or in a date of that month; of the
    year the question names with it, when it does ("Juli 2019")."""
    folded = fold(token.text)
    years: list[str | None] = [
        t.text for t in question if t.kind == "number" and YEAR_TERM_RE.match(t.text)
    ]
    alternatives = {t: 1.0 for t in word_terms(token.text)[:1] if vocab.has(t)}
    for year in years or [None]:
        alternatives.update(dict.fromkeys(vocab.dates(month, year), 1.0))
    if not alternatives:
        return Concept(folded, {stem(folded): 1.0}, kind="month")
    return Concept(folded, alternatives, kind="month")


YEAR_TERM_RE = re.compile(r"^(?:19|20)\d\d$")  # a year as a question writes it


def _known_short(folded: str, vocab: Vocabulary) -> str | None:
    """A common abbreviation typed in lower case, plural too ("nrw", "ags"), or None."""
    if folded in vocab.long_forms:
        return folded
    if folded.endswith("s") and folded[:-1] in vocab.long_forms:
        return folded[:-1]
    return None


def _abbreviation_concept(token: Token, vocab: Vocabulary) -> Concept:
    """An abbreviation and, at a lower weight, the head word of its most common long forms."""
    term = abbreviation_term(token.text)
    alternatives = {term: 1.0}
    for head_term, _n in vocab.expansion_heads(term).most_common(ABBREVIATION_HEADS):
        alternatives.setdefault(head_term, 0.8)
    for head_term in sorted(vocab.long_forms.get(_known_short(term, vocab) or term, ())):
        if vocab.has(head_term):
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


def _split_hyphenated(tokens: list[Token], vocab: Vocabulary) -> list[Token]:
    """A hyphenated word the documents never write, whose pieces are not all index terms
    either ("KIM-Beschäftigten": "Beschäftigte" stands in no document, its synonym
    "Mitarbeiter" does), becomes its pieces, each a word of its own with its synonyms.
    Compounds whose pieces are all terms ("Case-Management-Stellen") stay whole: they are
    matched by their parts."""
    out: list[Token] = []
    for token in tokens:
        pieces = token.text.split("-")
        if (
            token.kind != "word"
            or len(pieces) < 2
            or any(len(p) < 2 or not p.isalpha() for p in pieces)
            or any(vocab.has(t) for t in word_terms(token.text)[:1])
            or all(vocab.has(stem(fold(p))) for p in pieces)
            or fold(token.text).replace("-", "") in english_glossary()  # "year-end"
        ):
            out.append(token)
            continue
        start = token.start
        for piece in pieces:
            out.append(Token(piece, start, "word"))
            start += len(piece) + 1
    return out


_FRAME_RE = re.compile(
    # "zum Zeitpunkt der Sitzung", "zum damaligen Zeitpunkt", "at the time of the meeting":
    # when the text was written, no topic
    r"\b(?:zum|zu dem)(?: \w+)? zeitpunkt(?: (?:der|des) \w+)?|\bat the time(?: of the \w+)?|"
    # "laut den Berichten des Kommunalen Integrationszentrums", "according to the minutes":
    # where it stands, no topic
    # ("nach den Angaben in den Sitzungen": where those stand, too)
    # ("laut der Troisdorfer Vorlage", "laut dem letzten Bericht": one word before the noun)
    r"\b(?:laut|gemass|nach angaben|nach)(?: (?:den|dem|der|des))?(?: \w+(?:er|en|e))? "
    r"(?:bericht\w*|angaben|"
    r"vorlage\w*|niederschrift\w*|protokoll\w*|aussage\w*|unterlagen)(?: (?:des|der|vom|von)"
    r"(?: \w+){1,2}?(?= im | in | fur | zu |[?.!]|$))?"
    r"(?: (?:in|aus) (?:den|der|dem) (?:sitzung\w*|unterlagen|dokument\w*|niederschrift\w*|"
    r"protokoll\w*))?|"
    # "Welche Partner nennt die Vorlage …?", "what does the paper list": where it stands
    r"\b(?:nennt|nennen|nannte|nannten|listet|aufgefuhrt|aufgezahlt) (?:die|der|das|den) "
    r"(?:vorlage|niederschrift|protokoll|bericht|unterlagen)\b|"
    # "in der Troisdorfer Vorlage", "in ihrer Vorlage zum …": the paper it stands in (not
    # "in der Vorlage der Stadt Troisdorf", which names whose)
    r"\bin (?:der|ihrer|seiner|den|ihren|seinen) (?:\w+er )?(?:vorlage|niederschrift|"
    r"protokoll|unterlagen)(?= )(?! (?:des|der|vom|von) )|"
    # "nach Angaben der Verwaltung", "laut Auskunft des Kreises": whose word, no topic
    r"\b(?:nach|laut) (?:angaben|auskunft)(?: (?:des|der|von|vom)(?: \w+){1,2}?"
    r"(?= im | in | fur | zu |[?.!]|$))?|"
    r"\baccording to (?:the |its |their )?(?:\w+ )?(?:report|minutes|paper|documents?)\b|"
    # "when will the event take place": that it happens, no topic (German "stattfinden"
    # is a light verb too)
    r"\b(?:take|takes|taking|took|taken) place\b",
)


# "Was sieht der Beschlussvorschlag vor?", "was sehen die Richtlinien vor": what the paper
# says, its content (the verb, written apart, is the frame; the paper is the topic).
_PROVIDES_RE = re.compile(r"^(?:was|welche\w*) (?:sieht|sehen|sah|sahen) (?!vor\b).+ (vor)\W*$")


def _without_frames(tokens: list[Token]) -> list[Token]:
    """The tokens without phrases that frame the question in time rather than name a topic."""
    folded = [fold(t.text) for t in tokens]
    joined = " ".join(folded)
    spans = [m.span() for m in _FRAME_RE.finditer(joined)]
    if provides := _PROVIDES_RE.match(joined):
        start = len(folded[0]) + 1
        spans += [(start, start + len(folded[1])), provides.span(1)]
    if not spans:
        return tokens
    out, at = [], 0
    for token, word in zip(tokens, folded, strict=True):
        start = joined.index(word, at)
        at = start + len(word)
        if not any(a <= start < b for a, b in spans):
            out.append(token)
    return out


@cache
def _long_stopwords() -> tuple[str, ...]:
    return tuple(sorted(w for w in stopwords() if len(w) >= 4 and w.isalpha()))


def _function_typo(folded: str, vocab: Vocabulary) -> bool:
    """A function word typed with one slip ("habn", "nciht", "werdn"): one edit from one,
    same first letter, and no word of its own (not German, not English, not in the
    documents)."""
    if len(folded) < 4 or not folded.isalpha() or folded in english_glossary():
        return False
    slip = _slip_of(folded, _long_stopwords(), vocab)
    return slip is not None and slip[0] == folded[0]


def _slip_of(folded: str, words: Sequence[str], vocab: Vocabulary) -> str | None:
    """The word of `words` one edit away from `folded`, when `folded` is no word of its own
    (no ordinary German word, none of the documents'); else None."""
    if is_german_word(folded) or vocab.words.get(folded):
        return None
    found = process.extractOne(folded, words, scorer=OSA.distance, score_cutoff=1)
    return None if found is None else found[0]


_LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"


def _one_edit(word: str) -> tuple[set[str], set[str]]:
    """Words one edit (OSA) away from `word`: those with a letter doubled or undoubled, and
    all of them."""
    n = len(word)
    doubled = {word[:i] + word[i] + word[i:] for i in range(n)}
    doubled |= {word[:i] + word[i + 1 :] for i in range(n - 1) if word[i] == word[i + 1]}
    edits = doubled | {word[:i] + word[i + 1 :] for i in range(n)}
    edits |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)}
    for i in range(n + 1):
        for c in _LETTERS:
            edits.add(word[:i] + c + word[i:])
            if i < n:
                edits.add(word[:i] + c + word[i + 1 :])
    edits.discard(word)
    return doubled, edits


def _slipped_compound(folded: str, vocab: Vocabulary) -> str | None:
    """A compound typed one letter off whose right spelling the documents hold only in its
    parts: "Modelprojekt" is "Modellprojekt" (the documents write "Modellphase" and
    "Projekt"). The slip is looked for in one part, a word of its own between known words
    ("Lenkungs|grupen|leitung"); a fixed word that splits into two or more parts, each a word
    of the index, wins: a letter doubled or undoubled first (the commonest slip: "Model" is
    "Modell" before "Modul"), then the one whose rarest part is most frequent. None when the
    word already splits so, or none does."""
    n = len(folded)
    if n < MIN_COMPOUND + 2 or not folded.isalpha():
        return None
    lexicon = vocab.lexicon

    def known_parts(word: str) -> list[str]:
        parts = [stem(p) for p in lexicon.split(word)]
        return parts if len(parts) > 1 and all(vocab.has(p) for p in parts) else []

    def known(word: str) -> bool:
        return not word or word in lexicon or bool(known_parts(word))

    if known_parts(folded) or any(
        is_german_word(folded[:i]) and folded[i:] in lexicon for i in range(3, MIN_PART + 1)
    ):
        return None  # (nor when it starts with a short word of its own: "Park|ausweis")
    # A part before may end in a linking s ("Lenkung-s-"), a part after never begins with one.
    before = [
        known(folded[:i]) or (folded[i - 1] == "s" and known(folded[: i - 1])) for i in range(n + 1)
    ]
    after = [known(folded[j:]) for j in range(n + 1)]
    fixes: set[tuple[bool, str]] = set()
    for i in range(n + 1):
        if not before[i]:
            continue
        for j in range(i + MIN_PART - 1, n + 1):
            if not after[j] or (i == 0 and j == n):
                continue
            doubled, edits = _one_edit(folded[i:j])
            fixes |= {(w in doubled, folded[:i] + w + folded[j:]) for w in edits if w in lexicon}
    best: tuple[bool, int, str] | None = None
    for double, word in sorted(fixes):
        if parts := known_parts(word):
            key = (double, min(vocab.df[p] for p in parts), word)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


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
        ):
            continue
        found = _slip_of(folded, _QUESTION_WORDS, vocab)
        if found:
            corrections.append((token.text, found))
            out[i] = Token(found, token.start, "word")
    return out


# "einen Antrag stellen", "wann wurde der Antrag gestellt": the verb of a noun that names the
# act, no topic of its own.
_FILED_NOUNS = frozenset(
    {"antrag", "anträge", "antrage", "antraege", "anfrage", "anfragen", "frage", "fragen"}
)


def _files(word: str, before: list[str]) -> bool:
    """Whether `word` is the verb of "Antrag stellen" after the words `before`: a verb form
    ("gestellt", "stellte") anywhere after the noun; "stellen", which may be the noun
    "Stellen" ("Anträge auf Stellen"), only right after it ("Antrag stellen", "Antrag zu
    stellen")."""
    if word in ("gestellt", "stellt", "stellte", "stellten"):
        return bool(_FILED_NOUNS.intersection(before))
    if word in ("stellen", "stelle"):
        near = [w for w in before[-2:] if w != "zu"]
        return bool(near) and near[-1] in _FILED_NOUNS
    return False


# Verbs that ask what a word means: the question's frame, no topic.
_MEANS_VERBS = frozenset({"bedeutet", "bedeuten", "bedeutete", "means", "mean"})
_MEANING_NOUNS = frozenset({"bedeutung", "meaning"})
_DOES_VERBS = frozenset({"macht", "machen", "tut", "tun"})
# English contractions of question words as typed on a phone: "whats", "what's", "whos".
_CONTRACTION_RE = re.compile(r"\b(what|who|where|how|when|which)[’']?s\b", re.I)


def analyse(question: str, vocab: Vocabulary) -> Query:
    """Question -> concepts with alternatives and importance, typo fixes, question type."""
    question = english_phrase_words(_CONTRACTION_RE.sub(r"\1 is", question))
    corrections: list[tuple[str, str]] = []
    tokens = _spelled_parts(
        _split_hyphenated(
            _without_frames(_fix_question_words(tokenize(question[:1000]), vocab, corrections)),
            vocab,
        )
    )
    concepts: list[Concept] = []
    dropped: list[Token] = []  # short unknown words without a vowel ("vhs"), left out
    abbreviations: list[str] = []
    seen: set[str] = set()
    stop = stopwords()
    # German capitalises nouns; English does not, so there lower case says nothing.
    english = any(fold(t.text) in _ENGLISH_MARKERS for t in tokens)
    cased = not english and any(t.kind == "word" and t.text[:1].isupper() for t in tokens[1:])
    focus: int | None = None
    after_count = False  # the previous word was "wie viele" / "how many"
    owner_of_part = False  # after "Modul 2": "des KIM" names whose part it is
    focus_at = -1  # token index of the counted word
    # "…, oder ist dies bislang nur beabsichtigt?": the other choice names the answer's
    # alternatives, not more of its topic; its words weigh CHOICE_SHARE.
    other = _OTHER_CHOICE_RE.search(question) if is_yes_no(question) else None
    qtype = question_type(" ".join(t.text for t in tokens))
    second = None if is_yes_no(question) else _SECOND_ASK_RE.search(question)
    if second is None and qtype == "definition":
        second = _RELATIVE_RE.search(question)
    if second is None:
        second = _CONCESSION_RE.search(question)
    choice: int | None = None
    words = [fold(t.text) for t in tokens]  # each token folded once
    for i, token in enumerate(tokens):
        folded = words[i]
        previous = words[i - 1] if i else ""
        following = words[i + 1] if i + 1 < len(tokens) else ""
        if (
            folded in _MEANS_VERBS
            or (folded in ("steht", "stehen") and previous in ("wofür", "wofur", "wofuer"))
            or (folded in ("stand", "stands") and following == "for")
        ):
            continue  # "was bedeutet KIM", "wofür steht KIM", "what does KIM stand for"
        if folded in ("versteht", "verstehen", "verstand") and "unter" in words[i + 1 :]:
            continue  # "was versteht man unter Rechtskreisen": asks what the word means
        if folded in _DOES_VERBS and i == 1 and previous == "was":
            continue  # "was macht die Lenkungsgruppe": asks what it does, no "machen"
        if folded in _MEANING_NOUNS and qtype == "definition" and len(words) <= 3:
            continue  # "kim bedeutung", "meaning kim": the question word, typed as a noun
        if _files(folded, words[:i]):
            continue  # "Antrag stellen" is to apply: "stellen" names no posts
        if previous in ("wie", "how") and folded in _QUESTION_ADJECTIVES:
            after_count = folded in ("viele", "vielen", "many", "much", "viel")
            continue  # "wie hoch", "wie lange": part of the question, not of the topic
        if folded in ("wieviele", "wieviel", "anzahl"):
            after_count = True
        if (
            folded in stop
            or (len(folded) < 2 and token.kind != "number")
            or (token.kind == "word" and _function_typo(folded, vocab))
        ):
            if folded in _FINITE_VERBS:
                after_count = False  # "Wie viel müsste der Kreis zahlen": no count of "Kreis"
            continue
        # "welchen Zeitraum": mostly the kind of fact asked for (a period), little topic.
        # ("an welchem genauen Datum": the same, asked precisely)
        asker = words[i - 2] if i >= 2 and previous in _PRECISELY else previous
        asks_period = folded in _PERIOD_NOUNS and asker in _PERIOD_ASKERS
        if asks_period and folded in _POINT_NOUNS:
            continue  # "an welchem Datum", "which day": asks for a date, which says no "Datum"
        # "Welche Projekte …", "welche Stellen und Organisationen …": the noun names the kind
        # of the answer, which lists instances ("Nähstube", "Jobcenter") without it.
        category = not asks_period and _names_category(tokens, i, cased)
        if token.kind == "number" and previous in _PART_WORDS and concepts:
            # "Modul 2", "Baustein 6", "TOP 7": the number names a part of what precedes it;
            # a passage must name that very part ("Modul 2"), not just some module or a 2.
            part = concepts.pop()
            seen.discard(part.label)
            concept = Concept(
                f"{part.label} {token.text}",
                {},
                (*_part_terms(part), *number_terms(token.text, query=True)[:1]),
                importance=part.importance + 1.4 * 2.0,
                kind="part",
                part_words=_part_words(part),
            )
            seen.add(concept.label)
            concepts.append(concept)
            owner_of_part = True
            continue
        if token.kind == "number":
            number, *forms = number_terms(token.text, query=True)
            # A date asked for is found as that date; its year alone ("2020") says less. The
            # other forms of a number ("1000" of "1.000") say as much.
            form_weight = DATE_YEAR_WEIGHT if _DATE_TERM_RE.match(number) else 1.0
            concept = Concept(
                token.text, {number: 1.0, **dict.fromkeys(forms, form_weight)}, kind="number"
            )
        elif (month := _MONTH_NUMBERS.get(folded)) and (folded != "may" or not english):
            # "im Juli 2019": the month as a word or in a date of it ("04.07.2019").
            concept = _month_concept(token, month, tokens, vocab)
        elif token.kind == "abbr" or (
            (folded in vocab.abbreviations or _known_short(folded, vocab)) and len(folded) <= 5
        ):
            concept = _abbreviation_concept(token, vocab)
            abbreviations.append(concept.label)
        else:
            maybe = _word_concept(token, vocab, corrections, tokens)
            if maybe is None:
                if not _VOWEL_RE.search(folded):
                    dropped.append(token)
                continue
            concept = maybe
        if concept.label in seen or _same_word(concept, concepts):
            continue
        seen.add(concept.label)
        if after_count and focus is None:
            # "Wie viel müsste der Kreis zahlen": a verb after "wie viel" counts nothing.
            if not (cased and token.text[:1].islower()):
                focus = len(concepts)
        elif (
            focus is not None
            and focus_at == i - 1
            and focus == len(concepts) - 1
            and (
                (tokens[focus_at].text[:1].isupper() and token.text[:1].isupper())
                or (
                    not cased  # in "Lehrerstellen setzt" the verb follows a compound noun
                    and not is_german_word(fold(tokens[focus_at].text))
                    and folded not in light_verbs()  # "how much prize money came"
                    # an English plural ends the counted noun: "how many schools receive"
                    and not (english and fold(tokens[focus_at].text).endswith("s"))
                )
            )
        ):
            # "wie viele case management stellen", "Case Management Stellen": the last noun of
            # a foreign or capitalised run counts (not the verb in "Kommunen gehören").
            focus = len(concepts)
        if focus == len(concepts):
            focus_at = i
        after_count = False
        idf = max((vocab.idf(t) for t in concept.terms()), default=1.0)
        in_choice = other is not None and token.start >= other.end()
        if in_choice and choice is None:
            choice = len(concepts)
        # "Modul 2 des Kommunalen Integrationsmanagements": the owner of the part is context,
        # which the answer may leave implied ("Das Modul 2 umfasse …").
        owner_of_part = owner_of_part and previous in _OWNER_LINKS | {
            fold(t.text) for t in tokens[max(0, i - 2) : i] if t.text[:1].isupper()
        }
        concept = replace(
            concept,
            importance=concept.importance
            * _importance(token, first=i == 0, cased=cased)
            * min(max(idf, 1.0), 8.0)
            * (OWNER_WEIGHT if owner_of_part else 1.0)
            * (PERIOD_WEIGHT if asks_period else 1.0)
            * (CHOICE_SHARE if in_choice else 1.0)
            * (SECOND_ASK_SHARE if second is not None and token.start >= second.end() else 1.0),
            kind="category" if category and concept.kind == "word" else concept.kind,
        )
        concepts.append(concept)
    if dropped:
        light = light_verbs() | frame_words()
        if all(fold(c.label) in light for c in concepts):
            # "was macht die vhs": an unknown abbreviation typed in lower case was all the
            # topic; left out, the question would be "was macht". It counts as not found.
            concepts += [Concept(t.text, {fold(t.text): 1.0}, ()) for t in dropped]
    concepts = _joined_english(concepts, vocab) if english else _joined_apart(concepts, vocab)
    return Query(
        question,
        qtype,
        tuple(concepts),
        tuple(corrections),
        tuple(abbreviations),
        focus,
        choice,
    )


def _same_word(concept: Concept, before: list[Concept]) -> bool:
    """Whether an earlier concept of the question is the same word in another form: "Case
    Managerinnen und Case Manager", "Bürgerinnen und Bürger" name one topic, which counts
    once (twice, it would outweigh the rest of the question)."""
    own = {t for t, w in concept.alternatives.items() if w >= 1.0}
    return (
        concept.kind == "word"
        and bool(own)
        and any(
            c.kind in ("word", "category")
            and (
                own == {t for t, w in c.alternatives.items() if w >= 1.0}
                or _gender_pair(fold(c.label), fold(concept.label))
            )
            for c in before
        )
    )


def _gender_pair(a: str, b: str) -> bool:
    """ "sozialdezernentinnen" and "sozialdezernenten", "bürgerin" and "bürger": the female
    and the male form of one noun (either order)."""
    for female, male in ((a, b), (b, a)):
        for suffix in ("innen", "in"):
            if female.endswith(suffix) and len(female) > len(suffix) + 3:
                stem_ = female[: -len(suffix)]
                if male in (stem_, stem_ + "e", stem_ + "n", stem_ + "en"):
                    return True
    return False


# The numbers 1 to 12 as words, German and English ("fünf benannte Vertretungen").
NUMBER_WORDS_DE = (
    "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
    "zwölf",
)  # fmt: skip
NUMBER_WORDS_EN = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip
# "Modul eins", "baustein sechs", "module one": a spelled number of a numbered part.
_PART_NUMBERS = {
    word: str(n) for words in (NUMBER_WORDS_DE, NUMBER_WORDS_EN) for n, word in enumerate(words, 1)
}
_PART_NUMBERS |= {fold(word): number for word, number in _PART_NUMBERS.items()}


_GLUED_PART_RE = re.compile(r"([^\W\d]+)(\d{1,3})")


def _spelled_parts(tokens: list[Token]) -> list[Token]:
    """The tokens with a spelled number after a part word as its digits ("Modul eins" is
    "Modul 1"), so the part is found as the documents number it; a number typed glued to
    its part word ("modul1", "baustein6") stands apart."""
    out: list[Token] = []
    for token in tokens:
        glued = _GLUED_PART_RE.fullmatch(token.text)
        if glued and fold(glued.group(1)) in _PART_WORDS:
            word, number = glued.groups()
            out += [
                Token(word, token.start, "word"),
                Token(number, token.start + len(word), "number"),
            ]
        else:
            out.append(token)
    for i in range(1, len(out)):
        number = _PART_NUMBERS.get(fold(out[i].text))
        if number and out[i].kind == "word" and fold(out[i - 1].text) in _PART_WORDS:
            out[i] = Token(number, out[i].start, "number")
    return out


# Words that name a numbered part of a programme, an agenda or a text ("Modul 2", "TOP 7").
_PART_WORDS = frozenset(
    {
        "modul", "baustein", "teil", "phase", "stufe", "saule", "handlungsfeld", "top",
        "tagesordnungspunkt", "punkt", "kapitel", "abschnitt", "paragraph", "ziffer",
        "anlage", "module", "part", "step", "stage", "item", "kategorie", "category",
    }
)  # fmt: skip
_OWNER_LINKS = frozenset({"des", "der", "vom", "von", "im", "beim", "of", "in", "for", "fur"})
OWNER_WEIGHT = 0.35  # of a concept that only says whose numbered part is asked about
PERIOD_WEIGHT = 0.3  # of "Zeitraum" in "für welchen Zeitraum": the answer may say "von … bis"
# "welchen Zeitraum", "an welchem Datum", "which date": the kind of fact asked for, which the
# answer gives as "von … bis …" or "am 04.07.2019" without the word itself.
_PERIOD_NOUNS = frozenset(
    {
        "zeitraum",
        "zeitpunkt",
        "dauer",
        "laufzeit",
        "period",
        "datum",
        "termin",
        "tag",
        "date",
        "day",
        "jahr",
        "year",
        "monat",
        "month",
    }
)
# ("in welchem Jahr", "which year": asks a year, which the answer gives without "Jahr")
_POINT_NOUNS = frozenset({"datum", "tag", "date", "day", "jahr", "year", "monat", "month"})
# Finite verbs among the stopwords: after "wie viel" they end the counted noun phrase.
_FINITE_VERBS = frozenset({
    "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte",
    "hatten", "kann", "können", "konnte", "konnten", "muss", "müssen", "musste", "mussten",
    "soll", "sollen", "sollte", "sollten", "will", "wollen", "darf", "dürfen", "hätte", "hätten",
    "haette", "haetten", "haett", "würde", "würden", "wuerde", "wuerden", "könnte", "könnten",
    "koennte", "müsste", "müssten", "muesste", "muessten", "wäre", "wären", "waere", "waer",
    "gibt", "gab", "gibts", "gabs",
})  # fmt: skip
_ENGLISH_AUXILIARIES = frozenset({
    "is", "are", "were", "has", "have", "had", "does", "do", "did", "will", "can",  # not "was"
})  # fmt: skip


def is_yes_no(question: str, *, german: bool = False) -> bool:
    """Whether the question asks yes or no: it opens with a finite verb ("Sind inzwischen
    alle Stellen besetzt?", "Ist KIM gesetzlich verankert?", or, unless `german`, "is the KI
    open")."""
    tokens = tokenize(question)
    verbs = _FINITE_VERBS if german else _FINITE_VERBS | _ENGLISH_AUXILIARIES
    return bool(tokens) and fold(tokens[0].text) in verbs


_PERIOD_ASKERS = frozenset({"welchen", "welchem", "welcher", "welche", "what", "which"})
_PRECISELY = frozenset({"genauen", "genaue", "genaues", "genauer", "exact", "exakten", "exakte"})


CATEGORY_FLOOR = 0.45  # share of its weight a category noun the text lacks still costs
_CATEGORY_ASKERS = _PERIOD_ASKERS | {"welches", "welchem"}
_CATEGORY_LINKS = frozenset({"und", "oder", "bzw", "and", "or", "sowie"})


def _names_category(tokens: Sequence[Token], i: int, cased: bool) -> bool:
    """Whether token i is the noun after "welche"/"which"/"what" (or one joined to it by
    "und"/"oder"): it names the category of the answer, not its topic."""
    j = i - 1
    if j >= 1 and fold(tokens[j].text) in _CATEGORY_LINKS and _names_category(tokens, j - 1, cased):
        return _is_noun(tokens[i], cased)
    if cased and j >= 1 and _is_adjective(tokens[j]):
        j -= 1  # "Auf welche kreisangehörigen Kommunen …": the noun after the adjective
    return j >= 0 and fold(tokens[j].text) in _CATEGORY_ASKERS and _is_noun(tokens[i], cased)


def _is_adjective(token: Token) -> bool:
    """An inflected adjective in a cased question: lower case, with an adjective's ending."""
    return (
        token.kind == "word"
        and token.text[:1].islower()
        and token.text.endswith(("e", "en", "er", "es", "em"))
        and fold(token.text) not in stopwords()
        and fold(token.text) not in verb_forms()
    )


def _is_noun(token: Token, cased: bool) -> bool:
    if token.kind != "word" or fold(token.text) in stopwords():
        return False
    if cased:
        return token.text[:1].isupper()
    # Typed in lower case, the word after "welche" is a noun unless it is a known verb form
    # ("welche gibt es", "what happened").
    folded = fold(token.text)
    return not (folded in light_verbs() or folded in verb_forms() or folded.endswith(("ed", "ing")))


def _part_terms(concept: Concept) -> tuple[str, ...]:
    """The one term that names a part word ("modul"), best first."""
    best = max(concept.alternatives.items(), key=lambda kv: kv[1], default=None)
    return (best[0],) if best else concept.parts[:1]


def _part_words(concept: Concept) -> tuple[str, ...]:
    """The other terms that name the part word itself, not a synonym: the German words of an
    English part word ("module": "modul", "baustein", "forderbaustein", at 0.95)."""
    first = _part_terms(concept)
    return tuple(t for t, w in concept.alternatives.items() if w >= PART_WORD and t not in first)


_QUESTION_ADJECTIVES = frozenset(
    [
        "viele",
        "vielen",
        "viel",
        "hoch",
        "hohe",
        "lange",
        "lang",
        "oft",
        "gross",
        "grosse",
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


def fts_quote(term: str) -> str:
    """A term as an FTS5 string: double quotes, inner quotes doubled (never raw user text)."""
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class Match:
    """One FTS5 query: its MATCH text and at most how many passages it can match."""

    expression: str
    estimate: int
    # Its terms as the expression names them, with the passages each is in: groups joined by
    # AND of terms joined by OR; whether they count in the passage's own words ("terms : ").
    groups: tuple[tuple[tuple[str, int], ...], ...] = ()
    column: bool = True

    @property
    def phrases(self) -> list[tuple[str, int]]:
        """The terms in order: each is one phrase to bm25 (a term named twice counts twice)."""
        return [p for group in self.groups for p in group]


def match_expressions(query: Query, vocab: Vocabulary) -> list[Match]:
    """FTS5 MATCH texts, every term double-quoted so user text never raises: first all
    concepts in the passage's own words (AND), then any rare term anywhere (OR)."""
    groups: list[tuple[str, int, float, tuple[tuple[str, int], ...]]] = []
    for concept in query.concepts:
        terms = sorted(t for t in concept.terms() if vocab.has(t))
        if terms:
            text = "terms : (" + " OR ".join(fts_quote(t) for t in terms) + ")"
            weight = concept.importance * (CATEGORY_FLOOR if concept.kind == "category" else 1.0)
            phrases = tuple((t, vocab.df[t]) for t in terms)
            groups.append((text, sum(n for _, n in phrases), weight, phrases))

    def conjunction(chosen: list[tuple[str, int, float, tuple[tuple[str, int], ...]]]) -> Match:
        return Match(
            " AND ".join(g[0] for g in chosen),
            min(g[1] for g in chosen),
            tuple(g[3] for g in chosen),
        )

    matches = []
    if len(groups) > 1:
        matches.append(conjunction(groups))
    # The same without one of the least important concepts: a sentence that lacks only the
    # question's verb ("Wie viele Kommunen gehören zum Kreis?") is still a candidate.
    if len(groups) > 2:
        for left_out in sorted(groups, key=lambda g: g[2])[:RELAXED_QUERIES]:
            matches.append(conjunction([g for g in groups if g is not left_out]))
    limit = max(50, min(int(vocab.passages * MAX_DF_SHARE), MAX_DF_FETCH))
    known = {t for c in query.concepts for t in c.terms() if vocab.has(t)}
    rare = {t for t in known if vocab.df[t] <= limit}
    if not rare and not matches:  # one very common concept: its rarest terms
        rare.update(sorted(known, key=lambda t: vocab.df[t])[:2])
    if rare:
        matches.append(
            Match(
                " OR ".join(fts_quote(t) for t in sorted(rare)),
                sum(vocab.df[t] for t in rare),
                (tuple((t, vocab.df[t]) for t in sorted(rare)),),
                column=False,
            )
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
    stats: IndexStats | None = None,
) -> list[Candidate]:
    """Passages matching the queries in turn, no repeats. Each is ranked by bm25 when it can
    match few enough passages to rank quickly; otherwise the newest matching passages come.
    With `stats` (kept by the caller from question to question) bm25 is computed from term
    counts kept per index generation wherever that is cheaper than SQLite's own, which counts
    every term's passages anew (knowledge.bm25): the same ranks, the same candidates."""
    if stats is not None and not stats.refresh(db):
        stats = None
    # Queries with fewer groups first: all the passages such a query finds, when they are
    # fewer than `limit`, hold those of a query with more groups (found by checking its
    # other groups in their terms). Joined in the order of `matches`, as always.
    found: dict[int, list[tuple[Any, ...]]] = {}
    earlier: list[tuple[Match, list[tuple[Any, ...]]]] = []
    for i in sorted(range(len(matches)), key=lambda i: len(matches[i].groups)):
        match = matches[i]
        if match.estimate <= SORT_BUDGET:
            found[i] = _best_ranked(db, match, limit, internal, stats)
        else:
            found[i] = _newest(db, match, limit, internal, stats, earlier)
    seen: dict[int, Candidate] = {}
    for i in range(len(matches)):
        for r in found[i]:
            if r[0] not in seen:  # the first query's rank; most passages come again
                seen[r[0]] = _candidate(r[:7], r[7])
    return list(seen.values())


# Letterheads, form fields, signatures (kind "boilerplate", knowledge/boilerplate.py) are never
# an answer; their words reach the passages beside them as context. Internal documents only
# for staff (the parameter).
_ANSWERABLE = "(d.public = 1 OR ?) AND p.kind != 'boilerplate'"
_ROW = "p.id, p.doc_id, p.ord, p.kind, p.text, p.terms, p.lead_terms"
# Cost of ranking one passage of a match's estimate in Python (reading its counts and sizes),
# in units of one passage of a term's list walked by SQLite's bm25 to count the term. About
# 12 µs against 30 ns per passage ranked, and the estimate is an upper bound of the passages:
# 150 is where, over the benchmark's questions at 300k and 1M passages, no query was ranked
# more slowly in Python than SQLite would have (100 was up to 6 ms slower for some).
PYTHON_ROW_COST = 150


def _newest(
    db: sqlite_utils.Database,
    match: Match,
    limit: int,
    internal: bool,
    stats: IndexStats | None,
    earlier: list[tuple[Match, list[tuple[Any, ...]]]],
) -> list[tuple[Any, ...]]:
    """The newest `limit` answerable passages matching, with their bm25, as rows of
    candidates(). Too many match to rank them all; SQLite's bm25 would still count every
    passage of every term of the query first, so it is computed here where it can be.
    `earlier` holds the rows of earlier queries of the question found so (in their own
    words), newest first: every answerable passage they match from the last one's id up,
    all there are when fewer than `limit`; this one's are added."""
    score = scorer(db, stats, [t for t, _ in match.phrases], match.column)
    if score is not None and stats is not None:
        rows = _newest_within(db, match, limit, internal, stats.rows, earlier)
        if rows is None:
            rows = _newest_filtered(db, match, limit, internal, stats.rows)
        if match.column:
            earlier.append((match, rows))
        try:
            ranks = _scores(db, score, [r[0] for r in rows], {r[0]: r[5] for r in rows})
            return [(*r, ranks[r[0]]) for r in rows]
        except Unscorable:
            pass
    return _newest_rows(db, match.expression, limit, internal, ranked=True)


def _newest_rows(
    db: sqlite_utils.Database,
    expression: str,
    limit: int,
    internal: bool,
    *,
    ranked: bool = False,
    below: int | None = None,
) -> list[tuple[Any, ...]]:
    """Rows of the newest `limit` answerable passages matching `expression` (older than
    passage `below` if given), with SQLite's bm25 when `ranked`."""
    rank = ", bm25(passage_fts, 1.0, 0.35) AS r" if ranked else ""
    older = "" if below is None else "AND passage_fts.rowid < ? "
    return db.conn.execute(
        f"SELECT {_ROW}{rank} FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid "
        "JOIN documents d ON d.id = p.doc_id "
        f"WHERE passage_fts MATCH ? {older}AND {_ANSWERABLE} "
        "ORDER BY passage_fts.rowid DESC LIMIT ?",
        (expression, *(() if below is None else (below,)), int(internal), limit),
    ).fetchall()


# A group of terms in more than this share of the passages ("Gemeinde OR Kommune OR Stadt") is
# checked in the passages' terms rather than by the index, which walks its long lists at every
# step of an AND; at most FILTER_SCAN passages are read so (then the index is asked).
FILTER_SHARE = 0.25
FILTER_SCAN = 400


def _newest_within(
    db: sqlite_utils.Database,
    match: Match,
    limit: int,
    internal: bool,
    passages: int,
    earlier: list[tuple[Match, list[tuple[Any, ...]]]],
) -> list[tuple[Any, ...]] | None:
    """_newest's rows for a match whose groups include all of an earlier query's (as the
    question's first AND query includes each that leaves out a concept): of that query's rows,
    which are every passage it matches from the last one's id up (all of them when fewer than
    `limit`), those that hold the other groups in their own terms; then, when these are too
    few and there may be more, the newest matching passages older than its last
    (_newest_filtered). Of several such queries, one that found all its passages, else the
    one whose rows reach back furthest. None when there is no such query."""
    if not match.column:
        return None
    within = [(q, rows) for q, rows in earlier if set(q.groups) <= set(match.groups)]
    if not within:
        return None
    # All found first, else the lowest last id (rows are newest first, ids descending).
    query, rows = min(within, key=lambda qr: (len(qr[1]) >= limit, qr[1][-1][0] if qr[1] else 0))
    whole = len(rows) < limit
    others = [[key(t) for t, _ in g] for g in set(match.groups) - set(query.groups)]
    out = []
    for row in rows:
        terms = spaced(row[5])
        if terms is None:
            return None
        if all(holds(terms, group) for group in others):
            out.append(row)
    if whole or len(out) >= limit:
        return out[:limit]
    return out + _newest_filtered(
        db, match, limit - len(out), internal, passages, below=rows[-1][0]
    )


def _newest_filtered(
    db: sqlite_utils.Database,
    match: Match,
    limit: int,
    internal: bool,
    passages: int,
    below: int | None = None,
) -> list[tuple[Any, ...]]:
    """The rows of _newest_rows(match) (older than passage `below` if given), found with the
    index asked only for the match's rarer groups where some are common, the common ones
    checked in the passages' own terms (which are what the index holds for them). After
    FILTER_SCAN passages without enough that hold them, the smallest common group is asked of
    the index too, for the older passages, when the passages read so far suggest that about
    FILTER_SCAN more are then enough (a common group of many terms, "Gemeinde OR Kommune OR
    Stadt OR KI …", costs the index most); else, or when that too finds too few, the index is
    asked as usual (quicker then)."""
    by_size = sorted(match.groups, key=lambda g: sum(n for _, n in g))
    common = [g for g in by_size[1:] if sum(n for _, n in g) > FILTER_SHARE * passages]
    if not match.column or not common:
        return _newest_rows(db, match.expression, limit, internal, below=below)
    kept = [g for g in match.groups if not any(g is c for c in common)]
    wanted = [[key(t) for t, _ in g] for g in common]
    out: list[tuple[Any, ...]] = []
    cursor = _newest_holding(db, kept, internal, below)
    ended, first, last = _collect(cursor, wanted, limit, FILTER_SCAN, out)
    if ended == "done":
        return out
    # Of the passages read that hold the smallest common group (`first`), len(out) hold the
    # others too: at that rate, do about FILTER_SCAN more of those find the rest?
    promising = len(common) > 1 and out and (limit - len(out)) * first <= FILTER_SCAN * len(out)
    if ended == "budget" and promising:
        cursor = _newest_holding(db, [*kept, common[0]], internal, below=last)
        if _collect(cursor, wanted[1:], limit, 2 * FILTER_SCAN, out)[0] == "done":
            return out
    return _newest_rows(db, match.expression, limit, internal, below=below)


def _collect(
    cursor: Any,
    groups: Sequence[Sequence[str]],
    limit: int,
    budget: int,
    out: list[tuple[Any, ...]],
) -> tuple[Literal["done", "budget", "unsafe"], int, int]:
    """Add to `out` the rows of the cursor (newest first) whose terms hold every group (any of
    its `key`s), until `limit` rows are there. Returns how the scan ended: "done" (`limit`
    rows, or every row read), "budget" (after `budget` rows) or "unsafe" (a passage whose
    terms the index may split otherwise); the rows read that hold the first group; the id of
    the last row read. The cursor is closed."""
    first = last = 0
    try:
        for scanned, row in enumerate(cursor, 1):
            terms = spaced(row[5])
            if terms is None:
                return "unsafe", first, last
            if scanned > budget:
                return "budget", first, last
            last = row[0]
            if holds(terms, groups[0]):
                first += 1
                if all(holds(terms, group) for group in groups[1:]):
                    out.append(row)
                    if len(out) >= limit:
                        return "done", first, last
        return "done", first, last  # every row was read
    finally:
        cursor.close()


def _newest_holding(
    db: sqlite_utils.Database,
    groups: Sequence[tuple[tuple[str, int], ...]],
    internal: bool,
    below: int | None = None,
) -> Any:
    """A cursor over the rows of the answerable passages that hold every group (any of its
    terms) in their own words, newest first; only those older than passage `below` if given."""
    expression = " AND ".join(
        "terms : (" + " OR ".join(fts_quote(t) for t, _ in g) + ")" for g in groups
    )
    older = "" if below is None else "AND passage_fts.rowid < ? "
    return db.conn.execute(
        f"SELECT {_ROW} FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid "
        "JOIN documents d ON d.id = p.doc_id "
        f"WHERE passage_fts MATCH ? {older}AND {_ANSWERABLE} ORDER BY passage_fts.rowid DESC",
        (expression, *(() if below is None else (below,)), int(internal)),
    )


def _scored(
    db: sqlite_utils.Database, score: Scorer, where: str, params: Sequence[Any]
) -> Iterator[tuple[int, float]]:
    """(passage id, bm25) of the passages `where` selects (knowledge.bm25), read from the
    index's own tables as SQLite's bm25 reads them."""
    context = "''" if score.column else "f.context"
    for pid, terms, around, sizes in db.conn.execute(
        f"SELECT f.rowid, f.terms, {context}, s.sz FROM passage_fts f "
        f"JOIN passage_fts_docsize s ON s.id = f.rowid WHERE {where}",
        params,
    ):
        yield pid, score.score(terms, around, sizes)


def _scores(
    db: sqlite_utils.Database,
    score: Scorer,
    ids: list[int],
    terms: Mapping[int, str] | None = None,
) -> dict[int, float]:
    """bm25 of the given passages (knowledge.bm25). With their `terms` (passages.terms, read
    with their rows already: the very text the index holds in its terms column, written by
    knowledge.ingest from the same string) a score of that column alone reads only the
    passages' sizes from the index."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    if terms is not None and score.column:
        return {
            pid: score.score(terms[pid], "", sizes)
            for pid, sizes in db.conn.execute(
                f"SELECT id, sz FROM passage_fts_docsize WHERE id IN ({marks})", ids
            )
        }
    return dict(_scored(db, score, f"f.rowid IN ({marks})", ids))


def _best_ranked(
    db: sqlite_utils.Database,
    match: Match,
    limit: int,
    internal: bool,
    stats: IndexStats | None,
) -> list[tuple[Any, ...]]:
    """The `limit` answerable passages matching with the best bm25, as rows of candidates().
    The index alone ranks every match; the passages' rows (their texts) are read only for the
    best of them, in rank order, until `limit` are answerable (joining every match to its row
    before sorting read thousands of texts to keep 80)."""
    step = 2 * max(1, limit)
    sqlite_cost = sum(n for _, n in match.phrases)
    python_cost = PYTHON_ROW_COST * match.estimate + sum(
        n for t, n in match.phrases if stats is None or not stats.known(t, match.column)
    )
    score = (
        scorer(db, stats, [t for t, _ in match.phrases], match.column)
        if python_cost < sqlite_cost
        else None
    )
    ranked: list[tuple[int, float]] | None = None
    if score is not None:
        try:
            ranked = sorted(
                _scored(db, score, "passage_fts MATCH ?", (match.expression,)),
                key=lambda pr: (pr[1], pr[0]),  # equal ranks by id, as SQLite's sort gave them
            )
        except Unscorable:
            ranked = None
    if ranked is not None:
        if len(ranked) >= step:
            found = _answerable_rows(db, ranked[:step], limit, internal)
            if len(found) >= limit:
                return found
        return _answerable_rows(db, ranked, limit, internal)
    sql = (
        "SELECT rowid, bm25(passage_fts, 1.0, 0.35) AS r FROM passage_fts "
        "WHERE passage_fts MATCH ? ORDER BY r"
    )
    # The best `step` first (SQLite keeps only those while sorting); all of them only when
    # too many of those are not answerable.
    ranked = db.conn.execute(f"{sql} LIMIT ?", (match.expression, step)).fetchall()
    if len(ranked) == step:
        found = _answerable_rows(db, ranked, limit, internal)
        if len(found) >= limit:
            return found
        ranked = db.conn.execute(sql, (match.expression,)).fetchall()
    return _answerable_rows(db, ranked, limit, internal)


def _answerable_rows(
    db: sqlite_utils.Database, ranked: list[tuple[int, float]], limit: int, internal: bool
) -> list[tuple[Any, ...]]:
    """The rows of the first `limit` answerable passages of `ranked` (id, bm25), in order."""
    out: list[tuple[Any, ...]] = []
    step = 2 * max(1, limit)
    for i in range(0, len(ranked), step):
        chunk = ranked[i : i + step]
        rows = {
            r[0]: r
            for r in db.conn.execute(
                "SELECT p.id, p.doc_id, p.ord, p.kind, p.text, p.terms, p.lead_terms "
                "FROM passages p JOIN documents d ON d.id = p.doc_id "
                f"WHERE p.id IN ({','.join('?' * len(chunk))}) AND {_ANSWERABLE}",
                [*(pid for pid, _ in chunk), int(internal)],
            )
        }
        for pid, rank in chunk:
            if pid in rows:
                out.append((*rows[pid], rank))
                if len(out) >= limit:
                    return out
    return out


def _candidate(row: tuple[Any, ...], rank: float) -> Candidate:
    pid, doc_id, ord_, kind, text, terms, lead = row
    return Candidate(pid, doc_id, ord_, kind, text, tuple(terms.split()), tuple(lead.split()), rank)


# How the items of an enumeration in running text open: "Im Bereich „Bildung“ … Im Bereich
# „Querschnitt“ …", "Für das Modul 2 … Für das Modul 3 …": a preposition (with its article)
# and the same noun.
_ITEM_OPENING_RE = re.compile(
    r"\W{0,2}((?:Im|Zum|Zur|Beim|Vom|Am|Für|Bei|In|Auf|Mit|Hinsichtlich|Bezüglich)"
    r"(?: (?:der|die|das|dem|den|des))? [A-ZÄÖÜ]\w+)"
)


def item_opening(text: str) -> str | None:
    """How a sentence opens as an item of an enumeration ("Im Bereich"), or None."""
    m = _ITEM_OPENING_RE.match(text)
    return None if m is None else m.group(1)


def same_opening(a: str, b: str) -> bool:
    """Whether two sentences open alike, as items of one enumeration do."""
    opening = item_opening(a)
    return opening is not None and opening == item_opening(b)


def first_item(c: Candidate, near: Mapping[tuple[int, int], Candidate]) -> Candidate:
    """The first sentence of the enumeration c is an item of (one of the two sentences before
    it that opens alike), or c itself."""
    first = c
    for d in (1, 2):
        n = near.get((c.doc_id, c.ord - d))
        if n is not None and same_opening(n.text, c.text):
            first = n
    return first


def neighbours(
    db: sqlite_utils.Database, cands: list[Candidate]
) -> dict[tuple[int, int], Candidate]:
    """The two passages before and after each candidate, keyed by (doc_id, ord), and the one
    before the first item of an enumeration a candidate is an item of (it may announce the
    enumeration); never boilerplate (a window of an answer must not take in a letterhead or
    a signature)."""
    have = {(c.doc_id, c.ord): c for c in cands}
    out = dict(have)
    wanted = {(c.doc_id, c.ord + d): c.passage_id + d for c in cands for d in (-2, -1, 1, 2)}
    _fetch(db, {k: v for k, v in wanted.items() if k not in out}, out)
    leads = {
        (f.doc_id, f.ord - 1): f.passage_id - 1 for c in cands if (f := first_item(c, out)) is not c
    }
    _fetch(db, {k: v for k, v in leads.items() if k not in out}, out)
    return out


def passages_before(
    db: sqlite_utils.Database,
    cands: list[Candidate],
    near: Mapping[tuple[int, int], Candidate],
    reach: int,
) -> dict[tuple[int, int], Candidate]:
    """The passages up to `reach` before each candidate that `near` does not hold, keyed by
    (doc_id, ord): where a run of reported speech began, and who spoke it."""
    wanted = {(c.doc_id, c.ord - d): c.passage_id - d for c in cands for d in range(1, reach + 1)}
    out: dict[tuple[int, int], Candidate] = {}
    _fetch(db, {k: v for k, v in wanted.items() if k not in near and k[1] >= 0}, out)
    return out


def _fetch(
    db: sqlite_utils.Database,
    keys: Mapping[tuple[int, int], int],
    out: dict[tuple[int, int], Candidate],
) -> None:
    """Read the passages at these (doc_id, ord) into out, leaving out boilerplate. Each key
    comes with the id its passage has when the document's passages have consecutive ids in
    their order (as stored): those passages are read by id, the others (at the ends of a
    document, or where the ids are otherwise) by their document and place. They go into out
    in the order of their places (as the query by place alone returns them)."""
    found: set[tuple[int, int]] = set()
    read: dict[tuple[int, int], Candidate] = {}
    ids = sorted(set(keys.values()))
    for i in range(0, len(ids), 500):
        some = ids[i : i + 500]
        for r in db.conn.execute(
            "SELECT id, doc_id, ord, kind, text, terms, lead_terms FROM passages "
            f"WHERE id IN ({','.join('?' * len(some))})",
            some,
        ):
            place = (r[1], r[2])
            if keys.get(place) == r[0]:
                found.add(place)
                if r[3] != "boilerplate":
                    read[place] = _candidate(r, 0.0)
    missing = sorted(keys.keys() - found)
    for i in range(0, len(missing), 200):
        chunk = missing[i : i + 200]
        clause = " OR ".join("(doc_id = ? AND ord = ?)" for _ in chunk)
        args = [v for pair in chunk for v in pair]
        for r in db.conn.execute(
            "SELECT id, doc_id, ord, kind, text, terms, lead_terms FROM passages "
            f"WHERE ({clause}) AND kind != 'boilerplate'",
            args,
        ):
            read[(r[1], r[2])] = _candidate(r, 0.0)
    for place in sorted(read):
        out[place] = read[place]


def concept_match(concept: Concept, credits: Mapping[str, float]) -> float:
    """How well terms (with the credit each earns where it stands) match a concept (0..1)."""
    # The best of w * credit over the alternatives credited, as max() of them gave it (0.0 for
    # none); a loop, without a generator and a second look-up per term: rank() asks this
    # some 850 times per question.
    best = None
    get = credits.get
    for t, w in concept.alternatives.items():
        credit = get(t)
        if credit is not None:
            value = w * credit
            if best is None or value > best:
                best = value
    if best is None:
        best = 0.0
    if concept.parts:
        heads = (concept.parts[0], *concept.part_words)
        first = max(_part_credit(concept, p, credits) for p in heads)
        each = [first, *(_part_credit(concept, p, credits) for p in concept.parts[1:])]
        share = sum(each) / len(each)
        # Every part found, or (an abbreviation's staff, "KIM-Personal") the thing found in
        # other words and the abbreviation at least in the sentences around.
        # So is a compound whose last part stands in the text and whose first part (written
        # apart by a hyphen: "KIM-Richtlinie") stands at least around it or in the title.
        whole = (
            share >= 0.99
            or (bool(concept.part_synonyms) and min(each) >= CONTEXT_CREDIT)
            or ("-" in concept.label and each[-1] >= 0.99 and min(each) >= CONTEXT_CREDIT)
        )
        best = max(best, PART_CREDIT * share if whole else 0.5 * share)
        if concept.kind == "part" and min(each) >= CONTEXT_CREDIT:
            # A numbered part ("Modul 1") named whole in the sentence before ("Das Modul 1
            # befasse sich … Hierfür seien 4,5 Stellen vorgesehen") counts as found there.
            best = max(best, min(each))
    return best


def _part_credit(concept: Concept, part: str, credits: Mapping[str, float]) -> float:
    """The credit of one part of a compound: its own, or a synonym's times its weight."""
    own = credits.get(part, 0.0)
    for term, weight in concept.part_synonyms.get(part, ()):
        own = max(own, credits.get(term, 0.0) * weight)
    return own


def coverage(query: Query, credits: Mapping[str, float], *, instances: bool = True) -> float:
    """Importance-weighted share of the question's concepts found among `credits`' terms.
    A category noun ("Welche Projekte …") counts in full where the text names it, but where
    it does not it costs only CATEGORY_FLOOR of its weight when the text may list
    `instances` of it ("Nähstube", "Jobcenter") instead."""
    total = found = 0.0
    for c in query.concepts:
        m = concept_match(c, credits)
        weight = c.importance
        if c.kind == "category" and instances:
            weight *= CATEGORY_FLOOR + (1.0 - CATEGORY_FLOOR) * m
        total += weight
        found += weight * m
    return found / total if total > 0 else 0.0


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
