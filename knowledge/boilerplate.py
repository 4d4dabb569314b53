"""Pure: lines of letterheads, form fields, signatures and distribution lists (no I/O).

Council papers carry form material around their text: the letterhead ("Stadt Troisdorf / Der
Bürgermeister / Az: III/50 / Datum: 04.09.2013"), the committee table ("Beratungsfolge
Sitzungsdatum Behandlung"), field labels ("Finanzielle Auswirkungen: Nein", "Sachdarstellung:"),
signatures ("gez. …", "In Vertretung" and the name under it) and distribution lists
("Verteiler: …"). knowledge/passages.py keeps such lines apart from the prose and makes them
passages of kind "boilerplate", which stay searchable as context but are never quoted as an
answer (a question who signed a paper gets the signers in one line: knowledge/signatures.py).
The vocabulary is data: knowledge/data/form_fields_de.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from rapidfuzz.distance import Levenshtein

from knowledge.analyze import stopwords

LineKind = Literal["form", "signature", "weak", "prose"]

MAX_VALUE_TOKENS = 8  # a label's value: "Frau Muster, Tel. 02241 13-2345"
MAX_WEAK_TOKENS = 6  # a short line that belongs to the form around it: a name, "X", a date
MIN_FUZZY_LABEL = 8  # labels this long are also found with one letter misread ("Sachdarstelluna")

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DATE_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")
_VOTE_RE = re.compile(r"\b(?:ja|nein|enthaltung\w*)\s*:?\s*\d", re.I)
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+(?=[.,:;)])")
_BULLET_RE = re.compile(r"^\s*(?:[•▪●◦\-–>*]|o\s)")
_SENTENCE_END = ".!?"
_OPEN_END = ".,;:!?-–/"


@dataclass(frozen=True)
class _Vocabulary:
    labels: tuple[str, ...]  # normalised, longest first
    sections: tuple[str, ...]
    header: frozenset[str]
    fillers: frozenset[str]
    signatures: frozenset[str]
    senders: frozenset[str]
    committees: tuple[str, ...]


def _norm(text: str) -> str:
    """Lower case, ß as ss, one space, no space before punctuation ("Gez ." -> "gez.")."""
    text = " ".join(text.lower().replace("ß", "ss").split())
    return _SPACE_BEFORE_PUNCT_RE.sub("", text)


@cache
def _vocabulary() -> _Vocabulary:
    raw = resources.files("knowledge").joinpath("data", "form_fields_de.toml").read_text("utf-8")
    form = tomllib.loads(raw)["form"]

    def normed(key: str) -> list[str]:
        return [_norm(w) for w in form[key]]

    return _Vocabulary(
        labels=tuple(sorted(normed("labels"), key=len, reverse=True)),
        sections=tuple(sorted(normed("sections"), key=len, reverse=True)),
        header=frozenset(normed("header_words")),
        fillers=frozenset(normed("header_fillers")),
        signatures=frozenset(w.rstrip(".:") for w in normed("signatures")),
        senders=frozenset(normed("senders")),
        committees=tuple(normed("committees")),
    )


def _starts_with(line: str, labels: Sequence[str]) -> tuple[str, str] | None:
    """(label, rest) when the normalised line starts with one of the labels as whole words;
    a long one-word label is also found with one letter misread."""
    for label in labels:
        if line.startswith(label) and not line[len(label) : len(label) + 1].isalnum():
            return label, line[len(label) :]
    first = re.match(r"[^\W\d_]+", line)
    if first and len(first.group()) >= MIN_FUZZY_LABEL:
        word = first.group()
        for label in labels:
            if " " not in label and Levenshtein.distance(word, label, score_cutoff=1) <= 1:
                return label, line[len(word) :]
    return None


def section_prefix(line: str) -> int:
    """Length of a section label with its colon at the start of a line that goes on with prose
    ("Sachdarstellung: Seit Ende …" -> 16), else 0."""
    found = _starts_with(_norm(line), _vocabulary().sections)
    if found is None:
        return 0
    colon = line.find(":")
    if colon < 0 or not line[colon + 1 :].strip() or found[1].lstrip()[:1] != ":":
        return 0
    return colon + 1


def section_label(line: str) -> str | None:
    """The section label a line holds alone ("Beschlussentwurf:", "Sachdarstelluna:" misread),
    normalised, else None."""
    found = _starts_with(_norm(line), _vocabulary().sections)
    return found[0] if found is not None and not found[1].strip(" :.") else None


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _is_committee(word: str) -> bool:
    return word.endswith(_vocabulary().committees)


def _header_only(text: str) -> bool:
    """Whether all words of a normalised text are header words, fillers or committees."""
    v = _vocabulary()
    # Word by word: prose stops at its first ordinary word.
    return all(
        w in v.header or w in v.fillers or _is_committee(w)
        for w in map(re.Match.group, _WORD_RE.finditer(text))
    )


def _is_sentence(text: str) -> bool:
    """Whether a value reads as a sentence: ends in a full stop after a lowercase word."""
    words = _words(text)
    return text.rstrip().endswith(tuple(_SENTENCE_END)) and bool(words) and words[-1].islower()


def _short_value(rest: str) -> bool:
    """Whether what follows a label is a short value ("III/50", "Nein", "Frau Muster")."""
    return len(rest.split()) <= MAX_VALUE_TOKENS and not _is_sentence(rest)


@lru_cache(maxsize=4096)
def line_kind(line: str) -> LineKind:
    """Whether a line is form material, opens a signature, is short enough to belong to the
    form around it ("weak": a name, "X", a date), or is prose."""
    text = _norm(line)
    if not text:
        return "prose"
    v = _vocabulary()
    bare = text.rstrip(".:")
    if bare in v.signatures or re.match(r"(?:gez|i\. ?[va]\.)(?:[ .]|$)", text):
        return "signature" if not _is_sentence(text) or bare in v.signatures else "prose"
    if bare in v.senders:
        return "form"
    for labels in (v.labels, v.sections):
        found = _starts_with(text, labels)
        if found is not None:
            rest = found[1]
            if not rest.strip(" :.,") or (
                rest[:1] in ":.," and _short_value(rest[1:]) and not _VOTE_RE.search(text)
            ):
                return "form"
            if _header_only(rest) and not _VOTE_RE.search(text):
                return "form"
    if _header_only(text) and not _VOTE_RE.search(text) and (words := _words(text)):
        if any(w in v.header for w in words):
            return "form"
        if any(_is_committee(w) for w in words) and _DATE_RE.search(text):
            return "form"  # a row of the committee table: "Sozialausschuss 25.09.2013 .6"
    return "weak" if _is_weak(line) else "prose"


def _is_weak(line: str) -> bool:
    """A short line without sentence punctuation that could be a name, a title or a value."""
    s = line.strip()
    if not s or _BULLET_RE.match(s) or s[-1] in _OPEN_END or s[0].islower():
        return False
    if ": " in s:  # "Betreff: …", "Ergebnis: einstimmig": a field with content of its own
        return False
    if len(s.split()) > MAX_WEAK_TOKENS:
        return False
    words = _words(s)
    return not (words and words[-1].lower() in stopwords())


def form_lines(lines: Sequence[str]) -> list[bool]:
    """Which lines of one paragraph are form material: form lines, and the short lines that
    stand next to them (the name under "gez.", the date under "Vorlage")."""
    kinds = [line_kind(line) for line in lines]
    flags = [k in ("form", "signature") for k in kinds]
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            if kinds[i] == "weak" and not flags[i]:
                flags[i] = (i > 0 and flags[i - 1]) or (i + 1 < len(lines) and flags[i + 1])
    return flags


def opens_signature(lines: Sequence[str]) -> bool:
    """Whether a paragraph holds a line that opens a signature ("gez.", "In Vertretung")."""
    return any(line_kind(line) == "signature" for line in lines)


def all_weak(lines: Sequence[str]) -> bool:
    """Whether every line of a paragraph is a short line (names and titles under a signature)."""
    return bool(lines) and all(line_kind(line) == "weak" for line in lines if line.strip())
