"""Pure: who signed a paper, from its signature block (no I/O).

Signature blocks ("gez. Nikolaos Pasaportis gez. Herbert Montexier …", "In Vertretung
Dr. Stephan Kuhnert Beigeordneter") are boilerplate: never quoted as an answer. A question that
asks who signed a paper ("Wer hat den Antrag unterzeichnet?", "who signed the request") is
about exactly that block, though: it is answered with one clean line naming the signers
("Unterzeichnet von Nikolaos Pasaportis, Herbert Montexier und Joginder Rubin (Internationale
Liste)."), never with the form text itself. Which block: the one closing the letter (the
passages since the previous block) that covers most of the rest of the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_ASKS_SIGNER_RE = re.compile(
    r"\b(?:unterzeic?h\w*|unterschr\w*|gezeichnet|signiert\w*|sign(?:ed|s|ing|er|ers|atory|"
    r"atories|ature|atures)?|undersigned)\b",
    re.I,
)
_GEZ_RE = re.compile(r"\bgez(?:eichnet)?\b\s*\.?\s*", re.I)
_MODE_RE = re.compile(
    r"\b(?P<mode>In Vertretung|Im Auftrag|i\.\s?V\.|i\.\s?A\.)(?=\s|$)"
    r"|\(?Unterschrift(?:\(en\)|en)?\)?",
    re.I,
)
_GREETING_RE = re.compile(r"\bMit freundliche[nm] Gr(?:ü|u)(?:ß|ss)(?:en)?\b,?", re.I)
_SENDER_RE = re.compile(
    r"\b(?:Der|Die)\s+(?:Ober)?(?:Bürgermeister(?:in)?|Landrat|Landrätin|Kreisdirektor(?:in)?|"
    r"Beigeordnete[r]?|Dezernent(?:in)?|Vorsitzende[r]?)\b"
)
_TITLES = frozenset({"dr.", "prof.", "dipl.-ing.", "herr", "frau"})
_PARTICLES = frozenset({"von", "van", "de", "zu", "der", "den", "vom", "el", "al", "di"})
_NAME_TOKEN_RE = re.compile(r"^[A-ZÄÖÜ][\w’'-]*\.?$")
_NO_NAME = frozenset({"Der", "Die", "Das", "Den", "Dem", "Des", "Amt", "Stadt", "Kreis"})
_SUBJECT_LABEL_RE = re.compile(r"^(?:Betreff|Betr\.|Gegenstand)\s*:\s*", re.I)
MAX_SIGNERS = 6
MAX_SUBJECT = 130  # characters of the signed paper's subject shown after the signers


@dataclass(frozen=True)
class Signature:
    """The people who signed, how ("in Vertretung"), and the role under their names."""

    names: tuple[str, ...]
    mode: str = ""
    role: str = ""

    def line(self) -> str:
        """One sentence for the answer: "Unterzeichnet in Vertretung von Dr. X (Beigeordneter)."""
        names = self.names
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]
        mode = f" {self.mode[0].lower()}{self.mode[1:]}" if self.mode else ""
        role = f" ({self.role})" if self.role else ""
        return f"Unterzeichnet{mode} von {joined}{role}."


def asks_signer(question: str) -> bool:
    """Whether a question asks who signed something."""
    return bool(_ASKS_SIGNER_RE.search(question))


def is_signer_word(label: str) -> bool:
    """Whether a question word is the asking-who-signed verb itself (not a topic word)."""
    return bool(_ASKS_SIGNER_RE.fullmatch(label))


def _repeated(tokens: list[str]) -> list[str]:
    """A phrase written once under each name ("Internationale Liste" three times) once."""
    n = len(tokens)
    for size in range(1, n // 2 + 1):
        if n % size == 0 and tokens[:size] * (n // size) == tokens:
            return tokens[:size]
    return tokens


def _split_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Titles and two name words (given name, surname; particles joined), then the rest."""
    name: list[str] = []
    i = 0
    while i < len(tokens) and tokens[i].lower() in _TITLES:
        name.append(tokens[i])
        i += 1
    words = 0
    while i < len(tokens) and words < 2:
        tok = tokens[i]
        if tok.lower() in _PARTICLES and name:
            name.append(tok)
            i += 1
            continue
        if not _NAME_TOKEN_RE.match(tok) or tok in _NO_NAME:
            break
        name.append(tok)
        words += 1
        i += 1
    if words == 0:
        return [], tokens
    return name, tokens[i:]


def parse_signature(text: str) -> Signature | None:
    """The signers of a signature block, or None when it names nobody."""
    text = _GREETING_RE.sub(" ", " ".join(text.split()))
    mode = ""
    for m in _MODE_RE.finditer(text):
        if m.group("mode") and not mode:
            mode = m.group("mode")
            mode = {"i.V.": "In Vertretung", "i.A.": "Im Auftrag"}.get(mode.replace(" ", ""), mode)
    text = _MODE_RE.sub(" ", text)
    text = _SENDER_RE.sub(" ", text)
    segments = [s.split() for s in _GEZ_RE.split(text)]
    if len(segments) > 1:
        segments = segments[1:]  # before the first "gez.": labels, the sender, no signer
    names: list[str] = []
    role: list[str] = []
    for tokens in segments:
        if not tokens:
            continue
        name, rest = _split_name(tokens)
        if not name:
            continue
        names.append(" ".join(name))
        role = rest
    if not names or len(names) > MAX_SIGNERS:
        return None
    return Signature(tuple(names), mode, " ".join(_repeated(role)).strip(" ,;:"))


@dataclass(frozen=True)
class Block:
    """A passage of a document in order: its id, text, index terms, and whether it is form."""

    pid: int
    text: str
    terms: frozenset[str]
    form: bool


@dataclass(frozen=True)
class Letter:
    """A signed paper inside a document: its signature, the block's passage id, the terms of
    the passages since the previous signature block (itself included), and its first prose
    passage (the subject: "Betreff: … hier; Antrag der SPD-Fraktion vom 01. Juli 2013")."""

    signature: Signature
    pid: int
    terms: frozenset[str]
    subject: str

    def line(self) -> str:
        """The signers, then what they signed (cut at a word boundary)."""
        subject = self.subject
        if len(subject) > MAX_SUBJECT:
            subject = subject[:MAX_SUBJECT].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"
        return f"{self.signature.line()} Zu: {subject}" if subject else self.signature.line()


def letters(blocks: Sequence[Block]) -> list[Letter]:
    """Each signature block of one document with the letter it closes."""
    out: list[Letter] = []
    terms: set[str] = set()
    subject = ""
    for block in blocks:
        terms |= block.terms
        if not block.form and not subject:
            subject = _SUBJECT_LABEL_RE.sub("", " ".join(block.text.split()))
        signature = (
            parse_signature(block.text)
            if block.form and _opens_with_signature(block.text)
            else None
        )
        if signature is not None:
            out.append(Letter(signature, block.pid, frozenset(terms), subject))
            terms = set()
            subject = ""
    return out


# What a paper's subject refers to rather than is: "hier; Antrag der SPD-Fraktion vom 01. Juli
# 2013" (the request a Vorlage answers), "Bezug: Schreiben des Landes vom 3.5.2021".
_REFERENCE_RE = re.compile(
    r"\b(?:hier|Bezug)\s*[;:,]?\s*((?:Antrag|Anfrage|Schreiben|Beschluss|Erlass|Anregung)\b"
    r"[^;]*?\bvom\s+\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)\s*\d{2,4})"
)


def referenced_paper(subject: str) -> str:
    """The paper a subject line refers to ("Antrag der SPD-Fraktion vom 01. Juli 2013"), or ""."""
    m = _REFERENCE_RE.search(subject)
    return m.group(1) if m else ""


def is_subject_line(text: str) -> bool:
    """Whether a passage is a paper's subject line ("Betreff: …", "Gegenstand: …")."""
    return bool(_SUBJECT_LABEL_RE.match(text))


def _opens_with_signature(text: str) -> bool:
    """A form passage that is a signature block ("gez.", "In Vertretung", "Unterschrift")."""
    return bool(_GEZ_RE.search(text) or _MODE_RE.search(text))
