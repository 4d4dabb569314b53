"""Pure: appointments mentioned in minutes ("Jurytermin am 21.11.2019") as proposals.

Each date in a sentence is paired with the event noun before it (a word ending in -verleihung,
-veranstaltung, -termin, -feier, ...) or with the thing that "findet statt". Left out: document
dates and letterheads (Datum:, Vorlage, Stand), deadlines (bis zum, Frist, spätestens), funding
periods (Förderzeitraum), laws and rules coming into force (in Kraft, ab ... die Förderung),
publications announced for a date (angekündigt), month-only mentions, and dates outside the
calendar's window (scheduler.events.in_window).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from scheduler.events import in_window

MAX_TITLE = 80
MAX_TEXT = 500

_MONTHS = {
    "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(_MONTHS)
# "29. bzw. 30.04.2020", "29./30.04.2020", "3.–5.5.2021", "03.09.2020", "03.09.",
# "3. September 2020"
_DATE_RE = re.compile(
    r"(?:(?P<d0>\d{1,2})\.\s*(?:bzw\.|/|–|-|bis)\s*)?"
    r"(?:(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})?(?!\d)"
    rf"|(?P<dn>\d{{1,2}})\.\s?(?P<mn>{_MONTH_NAMES})(?:\s+(?P<yn>\d{{4}}))?)",
    re.I,
)
_RANGE_WORDS_RE = re.compile(
    rf"vom\s+(?P<d0>\d{{1,2}})\.\s*bis\s+(?P<d>\d{{1,2}})\.\s?(?P<mn>{_MONTH_NAMES})\s+(?P<y>\d{{4}})",
    re.I,
)
_TIME_RE = re.compile(r"\b(?:um|ab|von)\s+(\d{1,2})(?:[:.](\d{2}))?\s*Uhr", re.I)
_EVENT_NOUN_RE = re.compile(
    r"\b((?=[A-ZÄÖÜ])[\wäöüß-]*?(?i:verleihung|veranstaltung|termin|feier|tagung|sitzung|konferenz|"
    r"dialog|fest|treffen|workshop|fortbildung|klausur|sprechstunde|besuch|eröffnung|empfang|"
    r"versammlung|kongress|forum|abend|seminar))\b",
)
_SOG_RE = re.compile(r"„([^“]{3,60})“")
# Words near a date that make it no appointment.
_EXCLUDE_BEFORE = re.compile(
    r"(?:\bdatum\s*:?|\bvorlage\b|\bstand\b:?|\bbis\s+zum|\bbis\s+spätestens|\bspätestens|"
    r"\bfrist\b|\bförderzeitraum\b|\bzum\b\s*$|\bendete\b|\bvom\b\s*$|\bab\b\s*$|\bseit\b\s*$|"
    r"\bfür\s+den\b\s*$|\bsitzung\s+am:?\s*$)",
    re.I,
)
_EXCLUDE_SENTENCE = re.compile(
    r"in\s+kraft|förderzeitraum|angekündigt|\bfrist\b|aufgefordert|antrag\s+der|"
    r"\bdatum\s*:|\bstand\b\s*:?\s*\d|\bvom\s+\d{1,2}\.\s*\w+\s+\d{4}",
    re.I,
)


@dataclass(frozen=True)
class Proposal:
    """An appointment found in a document."""

    day: date
    end_day: date | None
    time: time | None
    title: str
    text: str
    document: str


def _year(raw: str | None, fallback: int | None) -> int | None:
    if raw:
        y = int(raw)
        return y + 2000 if y < 100 else y
    return fallback


def _title(before: str, sentence: str) -> str | None:
    nouns = _EVENT_NOUN_RE.findall(before)
    if nouns:
        noun = str(nouns[-1])
        # Keep a short qualifier that follows the noun ("zum Thema Schulabsentismus").
        m = re.search(re.escape(noun) + r"(\s+(?:zum\s+Thema|für)\s+[A-ZÄÖÜ][\wäöüß-]+)", sentence)
        title = noun + (m.group(1) if m else "")
        return title[:MAX_TITLE]
    if re.search(r"\bstatt(?:finden|finde|findet|fand)?\b", sentence):
        quoted = _SOG_RE.findall(sentence)
        if quoted:
            return str(quoted[0])[:MAX_TITLE]
        after = _EVENT_NOUN_RE.findall(sentence)
        if after:
            return str(after[0])[:MAX_TITLE]
    return None


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    """The date, or None when there is none or it lies outside the calendar's window (a
    typo such as 9999 is no appointment; arithmetic on it could overflow)."""
    if y is None:
        return None
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day if in_window(day) else None


def find_appointments(
    sentences: Sequence[str], *, document: str, year: int | None = None
) -> list[Proposal]:
    """Appointments in the sentences of one document, each (day, title) once."""
    out: list[Proposal] = []
    seen: set[tuple[date, str]] = set()
    for sentence in sentences:
        if not isinstance(sentence, str) or not sentence.strip() or len(sentence) > 20_000:
            continue
        if _EXCLUDE_SENTENCE.search(sentence):
            continue
        text = sentence if len(sentence) <= MAX_TEXT else sentence[: MAX_TEXT - 1] + "…"
        at: time | None = None
        tm = _TIME_RE.search(sentence)
        if tm and int(tm.group(1)) < 24 and int(tm.group(2) or 0) < 60:
            at = time(int(tm.group(1)), int(tm.group(2) or 0))
        found = []
        for m in _RANGE_WORDS_RE.finditer(sentence):
            month = _MONTHS[m.group("mn").lower()]
            full_year = int(m.group("y"))
            found.append(
                (
                    m.start(),
                    _safe_date(full_year, month, int(m.group("d0"))),
                    _safe_date(full_year, month, int(m.group("d"))),
                )
            )
        for m in _DATE_RE.finditer(sentence):
            if any(start <= m.start() < start + 40 for start, _, _ in found):
                continue
            if m.group("d"):
                d, mo, y = int(m.group("d")), int(m.group("m")), _year(m.group("y"), year)
            else:
                d, mo = int(m.group("dn")), _MONTHS[m.group("mn").lower()]
                y = _year(m.group("yn"), year)
            end = _safe_date(y, mo, d)
            first = _safe_date(y, mo, int(m.group("d0"))) if m.group("d0") else None
            if end is None:
                continue
            if _EXCLUDE_BEFORE.search(sentence[max(0, m.start() - 25) : m.start()]):
                continue
            found.append((m.start(), first or end, end if first else None))
        for start, day, end_day in found:
            if day is None:
                continue
            title = _title(sentence[:start], sentence)
            if title is None:
                continue
            key = (day, title)
            if key in seen:
                continue
            seen.add(key)
            out.append(Proposal(day, end_day, at, title, text, document))
    return out
