"""Pure: appointments mentioned in minutes ("Jurytermin am 21.11.2019") as proposals.

Each date in a sentence is paired with the event noun before it (a word ending in -verleihung,
-veranstaltung, -termin, -feier, ...) or with the thing that "findet statt". Two days of one
month joined by "bzw." or "und" ("am 29. bzw. 30.04.2020", "am 3. und 4. Mai") are two
appointments (the same event held twice or in two places); "vom 3. bis 5. Mai" is one with an
end. A Vorlage's Beratungsfolge table ("Beratungsfolge Sitzungsdatum Behandlung / Sozialausschuss
25.09.2013 Entscheidung") names the sessions that discuss the paper: each is proposed as that
committee's session ("Sitzung Sozialausschuss", topic the committee).

Left out: document dates and letterheads (Datum:, Vorlage, Stand), deadlines (bis zum, Frist,
spätestens), funding periods (Förderzeitraum), laws and rules coming into force (in Kraft, ab
... die Förderung), publications announced for a date (angekündigt), month-only mentions, dates
outside the calendar's window (scheduler.events.in_window), and history: what was already past
when the document was written. That is an event told in the past ("fand am ... statt", "wurde am
... durchgeführt", "der am ... verliehene Preis"), something that happened at it ("bei der Tagung
am ... sei entschieden worden"), a date before the document's own date when that is known, or a
year before the document's year in a sentence without a word of the present or future. The rule
is conservative: a clause that speaks of the future ("werde", "soll", "geplant") keeps its date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from scheduler.events import in_window
from scheduler.subscriptions import kind_from_title

MAX_TITLE = 80
MAX_TEXT = 500

_MONTHS = {
    "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(_MONTHS)
# "29. bzw. 30.04.2020" and "3. und 4. Mai" (two days), "29./30.04.2020" and "3.–5.5.2021"
# (one event with an end), "03.09.2020", "03.09.", "3. September 2020"
_DATE_RE = re.compile(
    r"(?:(?P<d0>\d{1,2})\.\s*(?P<sep>bzw\.|und|/|–|-|bis)\s*)?"
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
_TWO_DAYS = ("bzw.", "und")  # separators of two days, each an appointment of its own
_REACH = 250  # characters around a date read for the tense of its clause

# History: the clause around a date tells of an event that is over.
_CLAUSE_END_RE = re.compile(r"[;!?]|,(?!\d)|:(?!\d)|\s[–—-]\s|\.\s+(?=[A-ZÄÖÜ])")
_DONE = (
    r"(?:durchgeführt|abgehalten|verliehen|vergeben|überreicht|veranstaltet|ausgerichtet|"
    r"gefeiert|eröffnet|begangen|getagt|ausgezeichnet|ausgetragen)"
)
_PAST_AUX = r"(?:wurden?|worden|hat|hatten?|haben|habe|ist|sind|sei|seien|war|waren)"
_HELD_PAST_RE = re.compile(
    r"\bfand(?:en)?\b.{0,150}?\bstatt\b|\bstattgefunden|\bstattfand(?:en)?\b|"
    rf"\b{_PAST_AUX}\b.{{0,150}}?\b{_DONE}\b|\b{_DONE}\s+{_PAST_AUX}\b|"
    rf"\b{_DONE}(?:e|en|em|er|es)\b",
    re.I,
)
# "Bei der Tagung am 13.11.2019 sei ... entschieden worden": something happened at the event.
_AT_EVENT_RE = re.compile(
    r"\b(?:bei|in|auf|während|nach)\s+(?:der|dem|einer|einem)\b|\bim\s+rahmen\b", re.I
)
_STRONG_PAST_RE = re.compile(r"\b(?:worden|wurden?|hatten?|war|waren|gewesen|fanden?)\b", re.I)
_FUTURE_RE = re.compile(
    r"\b(?:werde|werden|wird|würden?|solle|sollen?|sollten?|geplant\w*|vorgesehen\w*|plant|"
    r"planen|stattfinden|stattzufinden|künftig\w*|nächste[nmrs]?|demnächst|bevorstehend\w*|"
    r"anstehend\w*)\b",
    re.I,
)
# Words of the present: a date of an earlier year told in them is no evidence of the past
# (the year a document is filed under may be a guess from its dates).
_PRESENT_RE = re.compile(
    r"\b(?:ist|sind|sei|seien|finde[tn]?|gibt|steht|stehen|beginnt|beginnen|läuft|laufen|"
    r"termine?)\b",
    re.I,
)

# A Vorlage's Beratungsfolge: the header, then rows "committee [date] [treatment]".
_BF_RE = re.compile(r"\bBeratungsfolge\b")
_BF_HEADER_RE = re.compile(
    r"(?:\s*(?:[:.]|Sitzungsdatum|Sitzungstermin|Sitzungstag|Sitzung\s+am|Datum|Termin|"
    r"Behandlung|Zuständigkeit|Gremium|Beratung|TOP|Ja|Nein|Enth\.?|Abstimmungsergebnis|"
    r"Ergebnis|Status|Ö/N|ö/nö)(?![\wäöüß]))*"
)
_CAP = r"[A-ZÄÖÜ][\wäöüß]*(?:-[\wäöüß]+)*"
_COMMITTEE = (
    r"(?:[A-ZÄÖÜ][\wäöüß]*-\s+und\s+)?"  # "Haupt- und Finanzausschuss"
    r"(?P<head>[A-ZÄÖÜ][\wäöüß-]*?(?:ausschuss|ausschuß|rat|beirat|kreistag|vertretung|"
    r"kommission|konferenz|versammlung)|Ausschuss|Ausschuß|Rat|Kreistag|Beirat|Kommission|"
    r"Konferenz|Versammlung)(?![\wäöüß])"
    rf"(?:\s+(?:für|des|der|im)\s+{_CAP}(?:(?:,\s*|\s+und\s+|\s+){_CAP}){{0,5}})?"
)
_TREATMENT = (
    r"(?:\s*/\s*|\s+)(?:(?:nicht\s*)?öffentlich|Vorberatung|Entscheidung|Beschlussfassung|"
    r"Beschluss|Kenntnisnahme|Kenntnis|Beratung|Empfehlung|Anhörung|TOP|zur|nö|ö|N|Ö|"
    r"\.?\d{1,3}[a-z]?)(?![\wäöüß])"
)
_BF_ROW_RE = re.compile(
    rf"\s*(?P<name>{_COMMITTEE})"
    r"(?:\s+(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?!\d))?"
    rf"(?P<treatment>(?:{_TREATMENT})*)"
)
_BETREFF_RE = re.compile(r"\bBetreff\s*:?\s*(?P<subject>[^\n;]{5,200})")
_MAX_ROWS = 12


@dataclass(frozen=True)
class Proposal:
    """An appointment found in a document; `topic` is the committee of a session named in a
    Beratungsfolge (None otherwise)."""

    day: date
    end_day: date | None
    time: time | None
    title: str
    text: str
    document: str
    topic: str | None = None


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


def _quote(sentence: str) -> str:
    """The sentence as the proposal's text: at most MAX_TEXT characters, cut at a word end."""
    if len(sentence) <= MAX_TEXT:
        return sentence
    head = sentence[: MAX_TEXT - 1]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space > MAX_TEXT // 2:
        head = head[:space]
    return head.rstrip(" ,;:(„‚–—-/\n") + "…"


def _clause(sentence: str, start: int, end: int) -> tuple[int, str]:
    """Where the clause around sentence[start:end] begins, and the clause (between commas,
    semicolons, dashes; at most _REACH characters on either side)."""
    before = max(0, start - _REACH)
    for m in _CLAUSE_END_RE.finditer(sentence, before, start):
        before = m.end()
    after = _CLAUSE_END_RE.search(sentence, end, end + _REACH)
    return before, sentence[before : after.start() if after else min(len(sentence), end + _REACH)]


def _is_history(
    sentence: str, start: int, end: int, day: date, year: int | None, written: date | None
) -> bool:
    """Whether the date at sentence[start:end] names an event that was over when the document
    was written (see the module docstring)."""
    if written is not None and day < written:
        return True
    begin, clause = _clause(sentence, start, end)
    if not _FUTURE_RE.search(clause):
        if _HELD_PAST_RE.search(clause):
            return True
        if _AT_EVENT_RE.search(clause[: start - begin]) and _STRONG_PAST_RE.search(clause):
            return True
    if year is not None and day.year < year and written is None:
        near = sentence[max(0, start - 2 * _REACH) : end + 2 * _REACH]
        return not (_FUTURE_RE.search(near) or _PRESENT_RE.search(near))
    return False


def _committee(name: str) -> bool:
    """Whether a name from a Beratungsfolge is a body that meets ("Referat" is none)."""
    head = name.split()[0] if name.split() else name
    return not (re.search(r"rat$", head, re.I) and kind_from_title(head) != "sitzungen")


def _sessions(
    text: str, *, document: str, year: int | None, written: date | None
) -> list[tuple[int, int, Proposal]]:
    """The sessions a Beratungsfolge table in `text` names: (start, end of the table, the
    proposal), one per row with a date."""
    out: list[tuple[int, int, Proposal]] = []
    for head in _BF_RE.finditer(text):
        pos = _BF_HEADER_RE.match(text, head.end())
        at = pos.end() if pos else head.end()
        rows: list[tuple[str, date, str]] = []
        for _ in range(_MAX_ROWS):
            row = _BF_ROW_RE.match(text, at)
            if row is None or row.end() == at:
                break
            at = row.end()
            name = " ".join(row.group("name").split())
            if not row.group("d") or not _committee(name):
                continue
            day = _safe_date(_year(row.group("y"), year), int(row.group("m")), int(row.group("d")))
            if day is None or (written is not None and day < written):
                continue
            rows.append((name, day, " ".join(row.group(0).split())))
        if not rows:
            continue
        subject = _BETREFF_RE.search(text, at, at + 800)
        about = f" – Betreff: {' '.join(subject.group('subject').split())}" if subject else ""
        for name, day, row_text in rows:
            quote = _quote(f"Beratungsfolge: {row_text}{about}")
            title = f"Sitzung {name}"[:MAX_TITLE]
            out.append((head.start(), at, Proposal(day, None, None, title, quote, document, name)))
    return out


def find_appointments(
    sentences: Sequence[str],
    *,
    document: str,
    year: int | None = None,
    written: date | None = None,
    text: str | None = None,
) -> list[Proposal]:
    """Appointments in the sentences of one document, each (day, title) once. `year` is the
    document's year (for dates without one), `written` its date when known; `text`, the whole
    document with its line breaks, is read for Beratungsfolge tables too (a row of a table can
    be too short to be a passage of its own)."""
    out: list[Proposal] = []
    seen: set[tuple[date, str]] = set()

    def add(p: Proposal) -> None:
        if (p.day, p.title) not in seen:
            seen.add((p.day, p.title))
            out.append(p)

    if text:  # first: the table with its lines, and the Betreff that follows it
        for _, _, session in _sessions(text, document=document, year=year, written=written):
            add(session)
    for sentence in sentences:
        if not isinstance(sentence, str) or not sentence.strip() or len(sentence) > 20_000:
            continue
        tables = _sessions(sentence, document=document, year=year, written=written)
        for _, _, session in tables:
            add(session)
        if _EXCLUDE_SENTENCE.search(sentence):
            continue
        quote = _quote(sentence)
        at: time | None = None
        tm = _TIME_RE.search(sentence)
        if tm and int(tm.group(1)) < 24 and int(tm.group(2) or 0) < 60:
            at = time(int(tm.group(1)), int(tm.group(2) or 0))
        found: list[tuple[int, int, date | None, date | None]] = []
        for m in _RANGE_WORDS_RE.finditer(sentence):
            month = _MONTHS[m.group("mn").lower()]
            full_year = int(m.group("y"))
            found.append(
                (
                    m.start(),
                    m.end(),
                    _safe_date(full_year, month, int(m.group("d0"))),
                    _safe_date(full_year, month, int(m.group("d"))),
                )
            )
        for m in _DATE_RE.finditer(sentence):
            if any(start <= m.start() < start + 40 for start, _, _, _ in found):
                continue
            if any(start <= m.start() < end for start, end, _ in tables):
                continue  # a row of a Beratungsfolge: proposed as the committee's session
            if m.group("d"):
                d, mo, y = int(m.group("d")), int(m.group("m")), _year(m.group("y"), year)
            else:
                d, mo = int(m.group("dn")), _MONTHS[m.group("mn").lower()]
                y = _year(m.group("yn"), year)
            last = _safe_date(y, mo, d)
            first = _safe_date(y, mo, int(m.group("d0"))) if m.group("d0") else None
            if last is None:
                continue
            if _EXCLUDE_BEFORE.search(sentence[max(0, m.start() - 25) : m.start()]):
                continue
            if first is not None and first >= last:
                first = None  # "30. bzw. 1.05.": not two days of one month
            if first is not None and m.group("sep").lower() in _TWO_DAYS:
                found.append((m.start(), m.end(), first, None))
                found.append((m.start(), m.end(), last, None))
            else:
                found.append((m.start(), m.end(), first or last, last if first else None))
        for start, end, day, end_day in found:
            if day is None or _is_history(sentence, start, end, day, year, written):
                continue
            title = _title(sentence[:start], sentence)
            if title is None:
                continue
            add(Proposal(day, end_day, at, title, quote, document))
    return out
