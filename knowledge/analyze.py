"""Pure text analysis: German text -> index terms, the same way for documents and questions.

A *term* is what goes into the full-text index: a Snowball-German stem of a word (umlauts,
ß and typed ae/oe/ue folded), an abbreviation in lower case (``ki``, ``laki``, ``vae``), or a
number kept whole (``1.000``, ``1,5``, ``03.09.2020``, ``1:337``). Compounds contribute their
parts beside the whole word (``Teilhabemanagement`` -> ``teilhabemanagement teilhab
management``), split against a lexicon of words seen standing alone in the documents.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

import Stemmer

from knowledge.wordlist import WordList

TokenKind = Literal["word", "number", "abbr"]

# Numbers with inner separators stay whole; words may carry inner hyphens and apostrophes.
_TOKEN_RE = re.compile(r"\d+(?:[.,:]\d+)+|\w+(?:[-'’´`]\w+)*")
_APOSTROPHES = str.maketrans("", "", "'’´`")
_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_ENGLISH_DECIMAL_RE = re.compile(r"^\d+\.\d{1,2}$")
_LINKS = ("", "s", "es", "n", "en", "e")  # German compound linking elements (Fugen)
_S_LINK_SUFFIXES = ("ion", "ung", "heit", "keit", "schaft", "tät", "tat", "ität", "ling", "tum")
MIN_PART = 4  # shortest compound part
MIN_COMPOUND = 8  # shortest word worth splitting


@dataclass(frozen=True)
class Token:
    """One word, abbreviation or number as it stands in a text."""

    text: str
    start: int
    kind: TokenKind

    @property
    def end(self) -> int:
        """Offset just past the token."""
        return self.start + len(self.text)


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Snowball German stem of a folded word; Latin plurals (-um/-en) meet (Zentrum, Zentren)."""
    s: str = _stemmer().stemWord(word)
    if len(s) >= 6 and s.endswith("um"):
        s = s[:-2]
    return s


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzäöü0123456789-")


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower-case, ß -> ss, apostrophes dropped, non-German accents removed (umlauts kept)."""
    w = word.lower()
    if "ß" in w:
        w = w.replace("ß", "ss")
    if _PLAIN.issuperset(w):
        return w
    w = w.translate(_APOSTROPHES)
    out = []
    for ch in unicodedata.normalize("NFD", w):
        if unicodedata.combining(ch) and ch != "\u0308":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def is_abbreviation(text: str) -> bool:
    """KI, KIM, LaKI, SkE, VA'e, KIs: short words with two or more capitals."""
    if len(text) > 10 or text[1:] == text[1:].lower():
        return False
    letters = text.translate(_APOSTROPHES)
    if not letters.isalpha() or len(letters) > 8:
        return False
    return sum(ch.isupper() for ch in letters) >= 2


def abbreviation_term(text: str) -> str:
    """Index term of an abbreviation: lower case, apostrophes dropped, plural s removed (KIs)."""
    letters = text.translate(_APOSTROPHES)
    if len(letters) > 2 and letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]
    return letters.lower()


@lru_cache(maxsize=200_000)
def _kind(t: str) -> TokenKind:
    """The kind of a token (a pure function of its text: cached, words repeat)."""
    if t[0].isdigit() and any(c in ".,:" for c in t):
        return "number"
    if t.isdigit():
        return "number"
    if is_abbreviation(t):
        return "abbr"
    return "word"


def tokenize(text: str) -> list[Token]:
    """Words, abbreviations and numbers of a text, with their offsets."""
    out: list[Token] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        start = m.start()
        if "_" in t:
            g = t
            t = g.strip("_")
            if not t:
                continue
            start += g.index(t)
        append(Token(t, start, _kind(t)))
    return out


def token_texts(text: str) -> list[str]:
    """The texts of tokenize(text), in order, without building Token objects."""
    found: list[str] = _TOKEN_RE.findall(text)
    if any("_" in t for t in found):
        found = [s for t in found if (s := t.strip("_"))]
    return found


def token_kinds(text: str) -> Iterator[tuple[str, TokenKind]]:
    """(text, kind) of each token of tokenize(text), in order (faster: no offsets). The tokens
    are found as they are asked for: a caller that stops early scans only that far."""
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        if "_" in t:
            t = t.strip("_")
            if not t:
                continue
        yield t, _kind(t)


def number_terms(text: str, *, query: bool = False) -> list[str]:
    """A number whole, plus the year of a date and the digits of 1.000; English 1.5 -> 1,5."""
    m = _DATE_RE.match(text)
    if m:
        day, month, year = m.groups()
        if len(year) == 2:
            year = "20" + year
        return [f"{int(day):02d}.{int(month):02d}.{year}", year]
    terms = [text]
    if _THOUSANDS_RE.match(text):
        terms.append(text.replace(".", ""))
    if query and _ENGLISH_DECIMAL_RE.match(text):
        terms.append(text.replace(".", ","))
    return terms


_FORGET_BUDGET = 300_000_000  # new words x cached text above which the cache is emptied


KNOWN_TAIL = 8  # letters of a document word that count as the last part of a compound


class Lexicon:
    """Words seen standing alone in the documents: the material compounds are split into."""

    def __init__(self, words: Iterable[str] = (), *, base: Collection[str] = frozenset()) -> None:
        self._base = base  # shared, already folded (general German words)
        self._words: set[str] = set()
        # Index terms of token texts with this lexicon (text_terms); emptied when it grows.
        self.terms_cache: dict[str, list[str]] = {}
        self.add(words)

    def add(self, words: Iterable[str], *, min_length: int = MIN_PART) -> None:
        """Remember folded simple words (letters only, at least `min_length` long)."""
        self.add_each([words], min_length=min_length)

    def add_each(self, word_lists: Iterable[Iterable[str]], *, min_length: int = MIN_PART) -> None:
        """add() for the words of each of several documents in turn, with the cached terms
        folded once for all of them (not once per document: at 200,000 cached token texts
        that took some 100 ms a document)."""
        known = self._words
        news: list[list[str]] = []
        for words in word_lists:
            new: list[str] = []
            for w in words:
                f = fold(w)
                if len(f) >= min_length and f not in known and f.isalpha():
                    known.add(f)
                    # A general word of more than MIN_PART letters was a part already
                    # (__contains__).
                    if len(f) <= MIN_PART or f not in self._base:
                        new.append(f)
            if new:
                news.append(new)
        if news:
            self._forget_terms(news)

    def _forget_terms(self, news: list[list[str]]) -> None:
        """Drop the cached terms the new words may change: a token's terms ask the lexicon only
        about pieces of its folded text, so one that contains none of the new words keeps
        them. (Growing the lexicon page by page during a sync no longer empties the cache.)
        `news`: the new words of each document; a document with too many of them for the
        cache's size empties it."""
        cache = self.terms_cache
        if not cache:
            return
        keys = list(cache)
        # Each token folded on its own (tokens hold no line break, and fold() works letter by
        # letter): fold()'s cache knows them, where folding the blob whole went letter by
        # letter through Unicode normalisation (its line breaks miss the plain-letters path)
        # and kept every blob, megabytes each, in that cache.
        lines = [fold(k) for k in keys]
        blob = "\n".join(lines)
        if any(len(new) * len(blob) > _FORGET_BUDGET for new in news):
            cache.clear()
            return
        starts: list[int] = []
        at = 0
        for line in lines:
            starts.append(at)
            at += len(line) + 1
        drop: set[int] = set()
        for w in itertools.chain.from_iterable(news):
            i = blob.find(w)
            while i >= 0:
                k = bisect_right(starts, i) - 1
                drop.add(k)
                i = blob.find(w, starts[k + 1]) if k + 1 < len(starts) else -1
        for k in drop:
            del cache[keys[k]]

    def __contains__(self, word: object) -> bool:
        if word in self._words:
            return True
        # General words join from five letters: shorter ones split too eagerly (Wett-bewerb).
        return isinstance(word, str) and len(word) > MIN_PART and word in self._base

    def __len__(self) -> int:
        return len(self._base) + sum(1 for w in self._words if w not in self._base)

    def split(self, word: str) -> list[str]:
        """Parts of a folded compound (longest known first part), or [] when it is no compound.
        A compound whose first part is unknown ("Förder-baustein": förder is no word of its
        own) still has its last part when that is a long word of the documents."""
        return self._split(word, depth=0) or self._known_tail(word)

    def _known_tail(self, word: str) -> list[str]:
        if len(word) < MIN_COMPOUND or not word.isalpha():
            return []
        for i in range(MIN_PART, len(word) - KNOWN_TAIL + 1):
            if word[i:] in self._words:
                return [word[:i], word[i:]]
        return []

    def _split(self, word: str, depth: int) -> list[str]:
        if len(word) < MIN_COMPOUND or depth > 3 or not word.isalpha():
            return []
        best: list[str] = []
        best_rank = -1
        for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head = word[:i]
            if head not in self:
                continue
            rest = word[i:]
            # Heads on -ion, -ung, -heit ... take a linking s: Integration-s-zentrum.
            links = ("s", *_LINKS) if head.endswith(_S_LINK_SUFFIXES) else _LINKS
            for link in links:
                if not rest.startswith(link):
                    continue
                tail = rest[len(link) :]
                if len(tail) < MIN_PART:
                    continue
                if tail in self:
                    rank, parts = 3, [head, tail]
                elif sub := self._split(tail, depth + 1):
                    rank, parts = 2, [head, *sub]
                elif len(tail) >= MIN_PART + 1:
                    rank, parts = 1, [head, tail]
                else:
                    continue
                if rank > best_rank:
                    best, best_rank = parts, rank
            if best_rank == 3:
                break
        return best


def word_terms(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Index terms of one word token: its stem, hyphen parts, and compound parts."""
    folded = fold(text)
    pieces = [p for p in folded.split("-") if p]
    terms: list[str] = []
    if len(pieces) > 1:
        terms.append(stem("".join(pieces)))
    for piece in pieces:
        terms.append(stem(piece))
        if lexicon is not None:
            terms.extend(stem(part) for part in lexicon.split(piece))
    if text[:1].islower() and (base := unparticiple(folded) or unzu(folded)):
        terms.append(stem(base))
    return list(dict.fromkeys(t for t in terms if t))


def token_terms(token: Token, lexicon: Lexicon | None = None) -> list[str]:
    """Index terms of a token of any kind. Without a lexicon, for a token of the kind its
    text has (as `tokenize` makes them), they are worked out once per token text (answers
    look up the same texts' tokens several times per question): the list is shared then,
    and must not be changed."""
    if lexicon is None and token.kind == _kind(token.text):
        found = _plain_terms_cache.get(token.text)
        if found is None:
            if len(_plain_terms_cache) > _TERMS_CACHE_MAX:
                _plain_terms_cache.clear()
            found = _plain_terms_cache[token.text] = _token_terms(token, None)
        return found
    return _token_terms(token, lexicon)


def _token_terms(token: Token, lexicon: Lexicon | None) -> list[str]:
    if token.kind == "number":
        return number_terms(token.text)
    if token.kind == "abbr":
        return [abbreviation_term(token.text)]
    if "-" in token.text:
        # "IT-Standardarbeitsplatz", "KIM-Projekt": abbreviation parts keep their own form.
        terms: list[str] = []
        for piece in token.text.split("-"):
            if is_abbreviation(piece):
                terms.append(abbreviation_term(piece))
        return terms + [t for t in word_terms(token.text, lexicon) if t not in terms]
    return word_terms(token.text, lexicon)


_TERMS_CACHE_MAX = 200_000  # token texts whose terms are kept per lexicon (or without one)
_plain_terms_cache: dict[str, list[str]] = {}


def text_terms(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """All index terms of a text, in order, with repeats."""
    # A token's terms depend only on its text (its kind follows from it) and the lexicon:
    # worked out once per distinct token while the lexicon stays as it is.
    cache = lexicon.terms_cache if lexicon is not None else _plain_terms_cache
    if len(cache) > _TERMS_CACHE_MAX:
        cache.clear()
    out: list[str] = []
    for t in token_texts(text):
        terms = cache.get(t)
        if terms is None:
            terms = cache[t] = _token_terms(Token(t, 0, _kind(t)), lexicon)
        out.extend(terms)
    return out


# A compound cut short before "und"/"oder" ("Kultur- und Sportamt", "Ausländer- und …
# Einbürgerungsbehörde"): it shares its last part with the next compound.
_TRUNCATED_RE = re.compile(
    r"\b([A-ZÄÖÜ][a-zäöüß]{2,})-\s+(?:und|oder|bzw\.|sowie)\s+((?:\S+\s+){0,6}\S+)"
)
_CAPITALISED_RE = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]{5,}\b")


def truncated_terms(text: str) -> list[str]:
    """Index terms of the compounds a text cuts short: "Kultur- und Sportamt" holds the
    "Kulturamt", "die Ausländer- und 2x 0,75 Stellen für die Einbürgerungsbehörde" the
    "Ausländerbehörde" (the last part of the next compound, split into two German words,
    completes the first; a next word that is no compound, "Stellen", completes nothing)."""
    if "-" not in text:
        return []
    out: list[str] = []
    for m in _TRUNCATED_RE.finditer(text):
        for word in _CAPITALISED_RE.findall(m.group(2)):
            head = _compound_head(fold(word))
            if head:
                out.append(stem(fold(m.group(1)) + head))
                break
    return out


def _compound_head(whole: str) -> str:
    """The last part of a folded compound of two German words ("einburgerungsbehorde" ->
    "behorde", with the linking s), or "" when it is none ("stellen")."""
    for i in range(4, len(whole) - 2):
        first = whole[: i - 1] if whole[i - 1] == "s" else whole[:i]
        if is_german_word(whole[i:]) and (is_german_word(first) or is_german_word(whole[:i])):
            return whole[i:]
    return ""


def simple_words(text: str) -> Iterator[str]:
    """Folded words of a text that stand alone (no hyphen, letters only): lexicon material."""
    for t in token_texts(text):
        if t.isalpha() and _kind(t) == "word":
            yield fold(t)


def simple_word_counts(text: str) -> dict[str, int]:
    """How often each of simple_words(text) stands in the text, in the order of first use.
    The tokens are counted first, so each distinct one is checked and folded once."""
    counts: dict[str, int] = {}
    for t, n in Counter(token_texts(text)).items():
        if t.isalpha() and _kind(t) == "word":
            word = fold(t)
            counts[word] = counts.get(word, 0) + n
    return counts


@cache
def _data_text(name: str) -> str:
    return resources.files("knowledge").joinpath("data", name).read_text(encoding="utf-8")


@cache
def stopwords() -> frozenset[str]:
    """Folded German and English function words."""
    words: set[str] = set()
    for line in _data_text("stopwords_de.txt").splitlines():
        if not line.startswith("#"):
            words.update(fold(w) for w in line.split())
    # Typed without umlauts too: fuer, fur, ueber, uber, waehrend, wahrend.
    return _with_typed_umlauts(words)


_UMLAUT_TO_AE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_UMLAUT_TO_A = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


@cache
def english_glossary() -> Mapping[str, tuple[str, ...]]:
    """English word -> German words (knowledge/data/glossary_en.toml)."""
    data = tomllib.loads(_data_text("glossary_en.toml"))
    return {k.lower(): tuple(_with_infinitives(v)) for k, v in data["words"].items()}


def _with_infinitives(words: list[str]) -> list[str]:
    """German words with the infinitive of each verb written in the third person: minutes
    report in indirect speech ("Das Modul 2 umfasse …", "… beantragen"), so "umfasst" also
    finds "umfasse" and "beantragt" finds "beantragen" (they share the infinitive's stem)."""
    out = list(words)
    for word in words:
        if (
            word[:1].islower()
            and word.endswith("t")
            and len(word) >= 6
            and not word.startswith("ge")
        ):
            out.append(word[:-1] + "en")
    return list(dict.fromkeys(out))


@cache
def _english_phrases() -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One pattern for the English names of several words ([phrases] of glossary_en.toml),
    a hyphen or spaces between their words, its groups named p0, p1, … in the order of the
    German words that replace them."""
    phrases = tomllib.loads(_data_text("glossary_en.toml")).get("phrases", {})
    if not phrases:
        return None, ()
    alternatives = (
        f"(?P<p{i}>" + r"[\s-]+".join(map(re.escape, name.lower().split())) + ")"
        for i, name in enumerate(phrases)
    )
    pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)
    return pattern, tuple(str(w) for w in phrases.values())


def english_phrase_words(question: str) -> str:
    """The question with English names of several words replaced by the German word the
    documents use ("North Rhine-Westphalia" -> "NRW")."""
    pattern, words = _english_phrases()
    if pattern is None:
        return question
    return pattern.sub(lambda m: words[int(str(m.lastgroup)[1:])], question)


@cache
def verb_forms() -> Mapping[str, str]:
    """Irregular German verb form -> infinitive (knowledge/data/verbs_de.toml)."""
    data = tomllib.loads(_data_text("verbs_de.toml"))
    return {fold(k): fold(v) for k, v in data["forms"].items()}


@cache
def _synonym_groups() -> tuple[tuple[tuple[str, str], ...], ...]:
    """The groups of knowledge/data/synonyms_de.toml, each word (folded) with its stem."""
    data = tomllib.loads(_data_text("synonyms_de.toml"))
    return tuple(
        tuple((fold(w), t) for w in group for t in word_terms(w)[:1]) for group in data["groups"]
    )


@cache
def synonyms() -> Mapping[str, tuple[str, ...]]:
    """Stem -> stems of words used for the same thing (knowledge/data/synonyms_de.toml)."""
    out: dict[str, set[str]] = {}
    for group in _synonym_groups():
        stems = {t for _, t in group}
        for s in stems:
            out.setdefault(s, set()).update(stems - {s})
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def word_synonyms() -> Mapping[str, tuple[str, ...]]:
    """Folded word as written in a group -> stems of the other words of its groups: a word
    listed itself keeps to its own groups, though its stem is another's ("Mitarbeiter" is
    staff, "mitarbeiten" working on something: both stem to "mitarbeit")."""
    out: dict[str, set[str]] = {}
    for group in _synonym_groups():
        stems = {t for _, t in group}
        for word, own in group:
            out.setdefault(word, set()).update(stems - {own})
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def paraphrases() -> Mapping[str, tuple[str, ...]]:
    """Stem of a colloquial or phone-typed word -> the words documents use for it
    (knowledge/data/paraphrases_de.toml). One-directional, unlike synonyms(): "Kohle" finds
    "Preisgeld", "Preisgeld" does not find "Kohle". Values are words, analysed by the caller."""
    data = tomllib.loads(_data_text("paraphrases_de.toml"))
    out: dict[str, list[str]] = {}
    for key, words in data["words"].items():
        found = out.setdefault(word_terms(key)[0], [])
        found.extend(w for w in words if w not in found)
    return {k: tuple(v) for k, v in out.items()}


@cache
def paraphrase_keys() -> tuple[str, ...]:
    """The colloquial words of knowledge/data/paraphrases_de.toml as written (folded), sorted:
    question words the bot knows although no document has them ("Altersgruppe"), so a word
    typed one letter off ("Altersgrupe") can be put right to one of them."""
    data = tomllib.loads(_data_text("paraphrases_de.toml"))
    return tuple(sorted({fold(k) for k in data["words"]}))


@cache
def category_instances() -> Mapping[str, tuple[str, ...]]:
    """Stem of a category noun -> its instances, a closed set ("Fraktion" -> "CDU", "SPD", …;
    knowledge/data/paraphrases_de.toml)."""
    data = tomllib.loads(_data_text("paraphrases_de.toml"))
    return {word_terms(k)[0]: tuple(v) for k, v in data.get("instances", {}).items()}


@cache
def named_categories() -> frozenset[str]:
    """Stems of category nouns whose instances have names ("Projekt", "Einrichtung";
    knowledge/data/paraphrases_de.toml)."""
    data = tomllib.loads(_data_text("paraphrases_de.toml"))
    return frozenset(word_terms(w)[0] for w in data["named_categories"]["words"])


@cache
def light_verbs() -> frozenset[str]:
    """Folded forms of verbs that say little about the topic ("kommt", "gibt", "macht";
    knowledge/data/paraphrases_de.toml), also as typed without umlauts."""
    data = tomllib.loads(_data_text("paraphrases_de.toml"))
    return _with_typed_umlauts({fold(w) for w in data["light_verbs"]["forms"]})


@cache
def frame_words() -> frozenset[str]:
    """Folded words that frame a question rather than name its topic ("Welche Rolle spielt
    X", "Worum geht es bei X", "Was ist mit X gemeint"): the answer often uses them, so they
    still match, but a sentence without them loses little (knowledge/data/paraphrases_de.toml),
    also as typed without umlauts."""
    data = tomllib.loads(_data_text("paraphrases_de.toml"))
    return _with_typed_umlauts({fold(w) for w in data["frame_words"]["forms"]})


def _with_typed_umlauts(words: set[str]) -> frozenset[str]:
    """The words, plus each with its umlauts typed as ae/oe/ue and as a/o/u."""
    for w in list(words):
        if any(u in w for u in "äöü"):
            words.add(w.translate(_UMLAUT_TO_AE))
            words.add(w.translate(_UMLAUT_TO_A))
    return frozenset(words)


@cache
def german_words() -> WordList:
    """Folded ordinary German words (letters only), from pyspellchecker's bundled list. Kept
    as a WordList (about 13 MB) rather than a frozenset (about 100 MB in every process: the
    sync's text workers each counted it again)."""
    raw = resources.files("spellchecker").joinpath("resources", "de.json.gz").read_bytes()
    text = gzip.decompress(raw).decode()
    del raw
    # One '"word": count,' a line: read the keys without a dict of all of them (its memory
    # stayed behind in the heap, which the forked text workers then counted too).
    one_a_line = text.startswith('{\n"') and "\\" not in text
    words: Iterable[str] = (
        (m[1] for m in _LIST_KEY_RE.finditer(text)) if one_a_line else json.loads(text)
    )
    return WordList(f for w in words if (f := _fold_plain(w)).isalpha())


_LIST_KEY_RE = re.compile(r'^"([^"\\\n]*)":', re.MULTILINE)


def _fold_plain(word: str) -> str:
    """fold() without its cache: for one-off bulk loading."""
    return fold.__wrapped__(word)


def is_german_word(word: str) -> bool:
    """Whether a folded word is an ordinary German word (so never a typo to correct)."""
    return word in german_words()


# Particles of separable verbs, before "ge" of a participle or "zu" of a zu-infinitive.
SEPARABLE = (
    "ab|an|auf|aus|bei|ein|mit|nach|vor|zurück|zuruck|weiter|teil|fest|statt|vorbei|um|"
    "fort|weg|los|dar|hinzu|heraus|hervor|zusammen"
)
_PARTICIPLE_RE = re.compile(rf"^({SEPARABLE}|zu)?ge(\w{{3,}}?)(t|et|en)$")
# A separable verb's zu-infinitive: "aufzuteilen", "vorzulegen", "anzuwenden".
_ZU_INFINITIVE_RE = re.compile(
    rf"^({SEPARABLE}|her|hin|dar|zusammen|fort|hervor|heraus)zu(\w{{3,}})en$"
)


def unzu(word: str) -> str | None:
    """The infinitive of a lower-case zu-infinitive of a separable verb: aufzuteilen ->
    aufteilen (as a question asks "aufgeteilt"); None for other words."""
    m = _ZU_INFINITIVE_RE.match(word)
    return f"{m.group(1)}{m.group(2)}en" if m else None


def unparticiple(word: str) -> str | None:
    """Infinitive-like form of a lower-case participle: geleistet -> leisten, mitgearbeitet ->
    mitarbeiten; None when the word is no participle."""
    m = _PARTICIPLE_RE.match(word)
    if not m:
        return None
    prefix, root, _ending = m.groups()
    return f"{prefix or ''}{root}en"


@cache
def known_abbreviations() -> Mapping[str, str]:
    """Common council abbreviations and their long forms (knowledge/data/abbreviations_de.toml)."""
    data = tomllib.loads(_data_text("abbreviations_de.toml"))
    return dict(data["abbreviations"])
