"""Pure: what a paper's form fields say, as one plain sentence (no I/O).

A Vorlage opens with a letterhead and form fields ("Stadt Troisdorf Der Bürgermeister Az: III/50
Datum: 04.09.2013 Vorlage, DS-Nr, 2013/728 … Beratungsfolge Sitzung am: TOP … Sozialausschuss
25.09.2013 .6") and has more of them further on ("Finanzielle Auswirkungen: Nein"). Such
passages are boilerplate, never quoted as an answer (knowledge/boilerplate.py). Members ask
exactly what they say, though: "Wann hat der Troisdorfer Sozialausschuss die Vorlage beraten?",
"Welches Datum trägt die Vorlage 2013/728?", "Hat sie finanzielle Auswirkungen?". So each
paper's fields are also said in one sentence of their own (kind "facts"), right after its
subject line: "Angaben der Vorlage 2013/728, Stadt Troisdorf: Datum 04.09.2013; Az. III/50;
Beratung: Sozialausschuss, Sitzung am 25.09.2013; finanzielle Auswirkungen: Nein."

Only what a field says is repeated, nothing guessed: a field that cannot be read is left out,
and a paper with fewer than two readable fields gets no sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# The body that issued the paper, and who for it: "Stadt Troisdorf Der Bürgermeister".
_ISSUER_RE = re.compile(
    r"\b(?P<body>(?:Stadt|Gemeinde|Kreisstadt|Kreis)\s+(?!Der\b|Die\b)[A-ZÄÖÜ][\w-]+"
    r"(?:\s+(?!Der\b|Die\b|Az\b|Datum\b)[A-ZÄÖÜ][\w-]+)?|[A-ZÄÖÜ][\w-]*-Kreis(?:es)?\b)"
)
_DATE = r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d"
_DATE_RE = re.compile(rf"\bDatum\s*[:.,]?\s*(?P<date>{_DATE})")
_NUMBER_RE = re.compile(
    r"\b(?:DS|Drucksachen?|Vorlagen?)(?:[-\s]?(?:Nr|Nummer))?\.?[\s,.:-]*"
    r"(?:(?:DS|Drucksachen?)[-\s]?(?:Nr|Nummer)\.?[\s,.:-]*)?"
    r"(?P<number>(?:19|20)\d\d/\d{1,5}|\d{1,5}/(?:19|20)?\d\d)\b"
)
_FILE_RE = re.compile(r"\bAz\s*[:.]\s*(?P<az>[\w/.-]*\d[\w/.-]*|[IVX]+/\d+)")
# A row of the Beratungsfolge table: a body that meets and its session date ("Sozialausschuss
# 25.09.2013 .6"; the agenda item after it is left out: OCR reads "TOP 6" of the column as
# ".6", and a bare number in one more passage would weigh every "6" asked a little less).
_SESSION_RE = re.compile(
    rf"\b(?P<body>[A-ZÄÖÜ][\w-]*(?:ausschuss|rat|tag|vertretung|kommission|konferenz)\w*)"
    rf"\s+(?P<date>{_DATE})"
)
_BERATUNGSFOLGE_RE = re.compile(r"\bBeratungsfolge\b")
_FINANCE_RE = re.compile(
    r"\b(?P<label>Finanzielle Auswirkungen|Auswirkungen auf den Haushalt|"
    r"Haushaltsmäßige Auswirkungen)\s*:?\s*(?P<value>Ja|Nein|keine)\b",
    re.I,
)
MAX_SESSIONS = 4


@dataclass(frozen=True)
class PaperFacts:
    """The readable fields of one paper's form."""

    number: str = ""
    issuer: str = ""
    date: str = ""
    file: str = ""
    sessions: tuple[tuple[str, str], ...] = ()  # body, date
    finance: str = ""

    def fields(self) -> int:
        return sum(bool(x) for x in (self.number, self.date, self.file, self.finance)) + len(
            self.sessions
        )

    def line(self) -> str:
        """One sentence: "Angaben der Vorlage 2013/728, Stadt Troisdorf: Datum …; …"."""
        paper = "Angaben der Vorlage" + (f" {self.number}" if self.number else "")
        if self.issuer:
            paper += f", {self.issuer}"
        parts = []
        if self.date:
            parts.append(f"Datum {self.date}")
        if self.file:
            parts.append(f"Az. {self.file}")
        for body, day in self.sessions:
            parts.append(f"Beratung: {body}, Sitzung am {day}")
        if self.finance:
            parts.append(f"finanzielle Auswirkungen: {self.finance}")
        return f"{paper}: {'; '.join(parts)}."


def read_fields(head: str, more: Sequence[str] = ()) -> PaperFacts:
    """The fields of a paper's letterhead (`head`) and of its later form passages (`more`)."""
    head = " ".join(head.split())
    issuer = m.group("body") if (m := _ISSUER_RE.search(head)) else ""
    date = " ".join(m.group("date").split()) if (m := _DATE_RE.search(head)) else ""
    number = m.group("number") if (m := _NUMBER_RE.search(head)) else ""
    file = m.group("az") if (m := _FILE_RE.search(head)) else ""
    sessions: list[tuple[str, str]] = []
    table = _BERATUNGSFOLGE_RE.split(head, maxsplit=1)
    if len(table) == 2:
        for row in _SESSION_RE.finditer(table[1]):
            sessions.append((row.group("body"), " ".join(row.group("date").split())))
            if len(sessions) == MAX_SESSIONS:
                break
    finance = ""
    for text in (head, *more):
        if m := _FINANCE_RE.search(" ".join(text.split())):
            finance = "keine" if m.group("value").lower() == "keine" else m.group("value")
            break
    return PaperFacts(number, issuer, date, file, tuple(sessions), finance)


def facts_line(head: str, more: Sequence[str] = ()) -> str | None:
    """The sentence of a paper's form fields, or None when fewer than two can be read."""
    facts = read_fields(head, more)
    return facts.line() if facts.fields() >= 2 else None
