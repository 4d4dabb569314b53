"""Questions about the calendar: recognise them and find the events they ask for.

"Wann tagt der Integrationsrat?", "naechste sitzung sozialausschuss", "Gibt es im Januar eine
Jurysitzung?", "Was steht diese Woche an?", "when is the next meeting of the integration
council?": `recognise` reads the period asked for (next, last, a week, a month, a day, a year),
the kind of event and the words naming it; `lookup` finds the matching confirmed events
(committee names, event titles and topics matched loosely: inflection, typos, abbreviations
such as "IR", English words) and, for agenda questions, the matching agenda items.

Pure: no Telegram, no texts; time arrives as an argument. A question that merely contains
"wann" is no calendar question unless it speaks of an event, a session or an agenda, or names
something the calendar holds ("Seit wann gibt es …", "Wann fährt der nächste Bus" are not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

import sqlite_utils
from rapidfuzz import fuzz

from knowledge.analyze import stem
from scheduler import events as ev
from scheduler.subscriptions import event_kind

PeriodKind = Literal["next", "last", "range", "any"]
MAX_FOUND = 10  # events in one answer
AGENDA_SESSIONS = 3  # upcoming sessions whose agendas an agenda question searches

# -- words --------------------------------------------------------------------------------
# Everything is compared in a folded form: lower case, ä -> ae, ö -> oe, ü -> ue, ß -> ss,
# so "nächste", "naechste" and (by the patterns) "nachste" meet.

_MONTHS = {
    "januar": 1, "jan": 1, "january": 1, "jaenner": 1, "februar": 2, "feb": 2, "february": 2,
    "maerz": 3, "marz": 3, "mrz": 3, "march": 3, "april": 4, "apr": 4, "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "dezember": 12, "december": 12, "dez": 12, "dec": 12,
}  # fmt: skip
# Short month names count only after "im"/"in"/a day ("im Jan"); "may" only after "in".
_SHORT_MONTHS = frozenset(k for k in _MONTHS if len(k) <= 4 and k not in ("juni", "juli", "mai"))

_NEXT = re.compile(
    r"^(?:n(?:ae|a|ä)chst\w*|kommend\w*|demn(?:ae|a)chst|bald|next|upcoming|coming)$"
)
_LAST = re.compile(r"^(?:letzt\w*|zuletzt|vorig\w*|vergangen\w*|last|previous|recent\w*|latest)$")
_THIS = re.compile(r"^(?:dies\w*|this|current|laufend\w*)$")
_WEEK = re.compile(r"^(?:woche|wochen|week)$")
_MONTH_WORD = re.compile(r"^(?:monat|monats|month)$")
_YEAR_RE = re.compile(r"^(19[5-9]\d|2[01]\d\d)$")
_DATE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\d])")
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")

# Question shapes. "seit/bis/ab wann" ask for a document fact, not a date in the calendar.
_NOT_WHEN = re.compile(r"\b(?:seit|bis|ab|since|until|till)\s+wann\b|\bsince when\b|\bby when\b")
# "Wie heißt die Vorsitzende, die im Sozialausschuss den TOP 7 aufgerufen hat?", "wer
# leitet …": a person asked for, which the minutes answer, not the calendar.
_ASKS_WHO = re.compile(r"\W*(?:wer|wem|wen|who|whom|whose|wie hei(?:ss|ß|s)(?:t|en))\b")
# "Wie viele Geflüchtete werden vom KIM beraten?": a count of people the documents give, not
# a session that deliberates ("beraten") an item (unless sessions are counted).
_ASKS_COUNT = re.compile(r"\W*(?:wie ?viele?n?|wieviele?n?|how (?:many|much))\b")
_WHEN = frozenset({"wann", "when", "wo", "where", "uhrzeit", "datum"})
_WHEN_PHRASES = re.compile(
    r"\b(?:um wie ?viel uhr|what time|an welchem tag|welches datum|which day|what day|"
    r"wie spaet|wie spät)\b"
)
_EXIST = re.compile(
    r"\b(?:gibt(?:'| e)?s|gibt es|is there|are there|any|findet|finden|stattfinden|steht|stehen|"
    r"ansteht|anstehen|anstehend\w*|los|whats on|what's on|what is on|coming up|planned|geplant)\b"
)
_LISTING = re.compile(
    r"\b(?:was steht|was stehen|was ist los|was liegt an|welche termine|welche sitzungen|"
    r"welche veranstaltungen|termine|sitzungstermine|whats on|what's on|what is on|"
    r"which meetings|what meetings|which events|what events|any meetings|any events|"
    r"coming up|anstehend\w*)\b"
)
_AGENDA = re.compile(
    r"\b(?:tagesordnung\w*|agenda\w*|behandelt|behandeln|beraten|besprochen|discussed|"
    r"debated|dran|to-punkt\w*)\b|\bTOPs?\b"
)
_PAST = frozenset({
    "war", "waren", "wurde", "wurden", "fand", "fanden", "hatte", "hatten", "gab", "getagt",
    "tagte", "tagten", "traf", "trafen", "were", "did", "happened", "held", "met",
    "gewesen", "stattgefunden", "zuletzt",
})  # fmt: skip
_SESSION_VERBS = frozenset({
    "tagt", "tagen", "tagte", "tagten", "getagt", "trifft", "treffen", "traf", "trafen",
    "meet", "meets", "met", "convene", "convenes", "sitting", "sits",
})  # fmt: skip
# "zusammen" is a session verb only with these: "kommt … zusammen", "tritt zusammen" (not "Mit
# welcher Stelle zusammen ist … geplant?").
_GATHER_VERBS = frozenset({
    "kommt", "kommen", "kam", "kamen", "tritt", "treten", "trat", "traten",
})  # fmt: skip
# Nouns of events (also as the head of a compound: "Jurytermin", "Integrationsratssitzung").
_EVENT_NOUNS = (
    "sitzung", "termin", "treffen", "tagung", "konferenz", "versammlung", "veranstaltung",
    "verleihung", "feier", "jury", "workshop", "fachtag", "sprechstunde", "empfang", "festakt",
    "anhoerung", "meeting", "session", "event", "ceremony", "conference", "hearing", "gala",
    "ausschuss", "beirat", "kreistag", "gremium", "gremien", "committee", "council", "board",
    "jurie",
)  # fmt: skip
_COUNCIL_HEADS = ("rat", "rats", "rates", "raete", "raeten")
_NOT_COUNCIL = frozenset({
    "referat", "referats", "referates", "apparat", "apparats", "inserat", "separat", "karat",
    "quadrat", "demokrat", "buerokrat", "pirat", "heirat", "vorrat", "unrat", "hausrat",
    "verrat", "zierat", "geraete", "geraeten", "rat", "rats", "rates", "grat", "draht",
})  # fmt: skip
# The generic part of a compound that names what kind of event it is ("Jury|sitzung").
_GENERIC_HEADS = ("sitzungstermin", "sitzungen", "sitzung", "termine", "termin", "treffen")
_KIND_OF = {
    "jury": "jury", "jurys": "jury", "juries": "jury", "jurie": "jury", "juroren": "jury",
    "sitzung": "sitzungen", "sitzungen": "sitzungen", "session": "sitzungen",
    "sessions": "sitzungen", "meeting": "sitzungen", "meetings": "sitzungen",
    "veranstaltung": "veranstaltungen", "veranstaltungen": "veranstaltungen",
    "event": "veranstaltungen", "events": "veranstaltungen",
}  # fmt: skip
# English words of committee names and event titles, as the German part they stand for.
_ENGLISH = {
    "council": "rat", "councils": "rat", "committee": "ausschuss", "committees": "ausschuss",
    "board": "beirat", "advisory": "beirat", "integration": "integration",
    "social": "sozial", "affairs": "", "welfare": "hilfe", "youth": "jugend",
    "district": "kreis", "county": "kreis", "school": "schul", "schools": "schul",
    "culture": "kultur", "cultural": "kultur", "finance": "finanz", "finances": "finanz",
    "health": "gesundheit", "environment": "umwelt", "environmental": "umwelt",
    "planning": "planung", "seal": "siegel", "award": "verleihung", "awards": "verleihung",
    "ceremony": "verleihung", "prize": "preis", "senior": "senioren", "seniors": "senioren",
    "citizens": "buerger", "migration": "migration", "equality": "gleichstellung",
    "sport": "sport", "sports": "sport", "main": "haupt", "general": "haupt",
    "conference": "konferenz", "steering": "lenkungs", "group": "gruppe", "working": "arbeits",
    "circle": "kreis", "jury": "jury", "volunteers": "ehrenamt", "volunteer": "ehrenamt",
    "celebration": "feier", "party": "feier", "year-end": "jahresabschluss",
}  # fmt: skip
# Words that never name anything (function words, question words, calendar words).
_STOP_TEXT = """
    der die das des dem den ein eine einer eines einem einen im in ins am an auf aus bei mit
    nach von vom zu zum zur fuer fur fuers furs und oder ob es ist sind sein wird werden wurde
    wurden war
    waren hat haben hatte gibt gibts geben wann wo wie was welche welcher welches welchen wer
    denn noch mal nochmal eigentlich genau bitte gerade schon auch so da dann heute morgen
    uebermorgen naechste naechsten naechster naechstes nachste nachsten kommende kommenden
    kommender kommendes letzte letzten letzter letztes zuletzt diese dieser diesen dieses
    woche wochen monat monats jahr jahres uhr uhrzeit datum termin termine findet finden statt
    stattfinden steht stehen an los tagt tagen tagte getagt trifft treffen sich is der dies
    ansteht anstehen anstehende anstehenden demnaechst bald etwas etwa neue neuen neues
    tagesordnung tagesordnungen behandelt behandeln beraten besprochen dran top tops wieder
    ich wir sie man mir uns ihr er kann koennen muss soll sollen will moechte
    the a an of for to on at in is are was were be will does do did when where what which who
    there any next last this that these those week month year today tomorrow meeting meetings
    meet meets met session sessions held happen happening coming up upcoming planned geplant
    agenda discussed on about time day date please again us we i what's whats what
    sitzung sitzungen jury jurys event events veranstaltung veranstaltungen sitzungstermin
    sitzungstermine termin ja nein
"""
_STOP = frozenset(_STOP_TEXT.split())


def _fold(text: str) -> str:
    t = text.casefold().replace("ß", "ss").replace("’", "'")
    return t.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _originals(text: str) -> list[str]:
    return _WORD.findall(text)


def _words(text: str) -> list[str]:
    return [_fold(w) for w in _originals(text)]


def _deumlaut_typed(word: str) -> str:
    """Both the typed 'ae' and a missing umlaut ("nachste") meet in one key."""
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _key(word: str) -> str:
    """A folded word's matching key: umlauts dropped, stemmed (inflection: Rates, Rats)."""
    plain = _deumlaut_typed(word)
    return stem(plain) if plain.isalpha() else plain


def _split_generic(word: str) -> tuple[str, str | None]:
    """'jurysitzung' -> ('jury', 'sitzung'); 'integrationsratssitzung' -> ('integrationsrat',
    'sitzung'); a word that is not such a compound stays whole."""
    for head in _GENERIC_HEADS:
        if word.endswith(head) and len(word) > len(head) + 2:
            rest = word[: -len(head)]
            if rest.endswith("s") and len(rest) > 5 and not rest.endswith("ss"):
                rest = rest[:-1]  # the linking s: Integrationsrat|s|sitzung
            return rest.rstrip("-"), head
    return word, None


def _is_council(word: str) -> bool:
    return word.endswith(_COUNCIL_HEADS) and word not in _NOT_COUNCIL and len(word) > 5


def _event_word(word: str) -> bool:
    """Whether a folded word speaks of an event, a session or a body that meets."""
    return any(noun in word for noun in _EVENT_NOUNS) or _is_council(word)


@dataclass(frozen=True)
class CalendarQuestion:
    """What a calendar question asks for.

    `period`: "next" (the next matching event), "last" (the most recent one), "range" (all
    in `start`..`end`, Berlin dates inclusive), "any" (no period named: the next one, or the
    most recent for a question in the past tense). `subject`: the words naming the event or
    committee as typed (folded); `kind`: sitzungen / jury / veranstaltungen when named;
    `agenda`: an agenda question; `listing`: "what is on" (no subject needed); `clear`: plainly
    a calendar question, so "nothing in the calendar" is worth saying."""

    text: str
    period: PeriodKind
    start: date | None = None
    end: date | None = None
    subject: tuple[str, ...] = ()
    subject_words: tuple[str, ...] = ()  # the subject's words as typed ("Sozialausschusses")
    subject_text: str = ""  # the same, joined
    kind: str | None = None
    agenda: bool = False
    listing: bool = False
    past: bool = False
    clear: bool = False
    event_word: bool = False
    range_name: str = ""  # "week", "next_week", "last_week", "today", "tomorrow", "month"...
    month: int | None = None
    year: int | None = None


def _period(words: list[str], text: str, today: date) -> dict[str, object]:
    """The period a question names, as CalendarQuestion fields."""
    for i, w in enumerate(words):
        before = words[i - 1] if i else ""
        if _WEEK.match(w):
            if _NEXT.match(before) or before in ("naechsten", "kommenden"):
                monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
                return {"period": "range", "start": monday, "end": monday + timedelta(days=6),
                        "range_name": "next_week"}  # fmt: skip
            if _LAST.match(before) or before == "vorigen":
                monday = today - timedelta(days=today.weekday()) - timedelta(days=7)
                return {"period": "range", "start": monday, "end": monday + timedelta(days=6),
                        "range_name": "last_week", "past": True}  # fmt: skip
            if _THIS.match(before) or before in ("die", "der", "in"):
                monday = today - timedelta(days=today.weekday())
                return {"period": "range", "start": monday, "end": monday + timedelta(days=6),
                        "range_name": "week"}  # fmt: skip
        if _MONTH_WORD.match(w):
            first = today.replace(day=1)
            if _NEXT.match(before):
                first = (first + timedelta(days=32)).replace(day=1)
            elif not _THIS.match(before):
                continue
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            return {"period": "range", "start": first, "end": last, "range_name": "month",
                    "month": first.month, "year": first.year}  # fmt: skip
    for w in words:
        if w in ("heute", "today", "tonight"):
            return {"period": "range", "start": today, "end": today, "range_name": "today"}
        if w in ("morgen", "tomorrow"):
            after = today + timedelta(days=1)
            return {"period": "range", "start": after, "end": after, "range_name": "tomorrow"}
        if w == "uebermorgen":
            after = today + timedelta(days=2)
            return {"period": "range", "start": after, "end": after, "range_name": "day"}
    m = _ISO_RE.search(text) or None
    d = _DATE_RE.search(text) if m is None else None
    if m or d:
        day: date | None = None
        try:
            if m:
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                assert d is not None
                y = d.group(3)
                on = (int(y) + 2000 if len(y) == 2 else int(y)) if y else today.year
                day = date(on, int(d.group(2)), int(d.group(1)))
                if not y and day < today - timedelta(days=60):
                    day = day.replace(year=today.year + 1)
        except ValueError:
            day = None
        if day is not None and ev.in_window(day):
            return {"period": "range", "start": day, "end": day, "range_name": "day",
                    "past": day < today}  # fmt: skip
    year: int | None = None
    for w in words:
        if _YEAR_RE.match(w):
            year = int(w)
    for i, w in enumerate(words):
        month = _MONTHS.get(w)
        if month is None:
            continue
        before = words[i - 1] if i else ""
        following = words[i + 1] if i + 1 < len(words) else ""
        if w in _SHORT_MONTHS and before not in ("im", "in", "anfang", "ende", "mitte"):
            continue
        if w == "may" and before != "in":
            continue
        if (
            w == "august"
            and before not in ("im", "in", "anfang", "ende", "mitte")
            and not (_YEAR_RE.match(following))
        ):
            continue
        y = year if year is not None else today.year
        if year is None and month < today.month:
            y += 1  # "im Januar" in November: the coming January
        first = date(y, month, 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return {"period": "range", "start": first, "end": last, "range_name": "month",
                "month": month, "year": y, "past": last < today}  # fmt: skip
    if year is not None:
        return {"period": "range", "start": date(year, 1, 1), "end": date(year, 12, 31),
                "range_name": "year", "year": year, "past": year < today.year}  # fmt: skip
    if any(_NEXT.match(w) for w in words):
        return {"period": "next"}
    if any(_LAST.match(w) for w in words):
        return {"period": "last", "past": True}
    return {"period": "any"}


def recognise(question: str, now: datetime) -> CalendarQuestion | None:
    """The calendar question in `question`, or None when it is none (then the documents
    answer). Bad input never raises."""
    text = " ".join(str(question or "").split())[:500]
    folded = _fold(text)
    if not folded or _NOT_WHEN.search(folded) or _ASKS_WHO.match(folded):
        return None
    originals = _originals(text)
    words = [_fold(w) for w in originals]
    if not words:
        return None
    today = now.astimezone(ev.BERLIN).date()
    fields = _period(words, folded, today)
    period = fields.get("period", "any")
    parts: list[str] = []
    shown: list[str] = []
    kind: str | None = None
    event_word = False
    session_verb = False
    for w, original in zip(words, originals, strict=True):
        if w in _SESSION_VERBS:
            session_verb = True
        base, head = _split_generic(w)
        if head is not None:
            event_word = True
            kind = kind or _KIND_OF.get(head)
            if base in _KIND_OF:
                kind = _KIND_OF[base]
        if _event_word(w):
            event_word = True
        if w in _KIND_OF:
            kind = _KIND_OF[w] if kind in (None, "sitzungen") else kind
        if base.startswith("jury") or base.startswith("juror"):
            kind = "jury"
        if base in _STOP or base in _MONTHS or _YEAR_RE.match(base) or base.isdigit():
            continue
        if len(base) < 2:
            continue
        if base not in parts:
            parts.append(base)
            shown.append(original)
    if "zusammen" in words and _GATHER_VERBS & set(words):
        session_verb = True
    if session_verb:
        event_word = True
        kind = kind or "sitzungen"
    if _ASKS_COUNT.match(folded) and not event_word:
        return None
    agenda = bool(_AGENDA.search(text if "TOP" in text else folded))
    past = bool(fields.get("past")) or any(w in _PAST for w in words)
    past = past or bool(re.search(r"\bwhen (?:was|were|did)\b", folded))
    if period == "next":
        past = False
    # The shape of a question about dates, existence, listings or agendas.
    when = bool(_WHEN & set(words)) or bool(_WHEN_PHRASES.search(folded))
    listing = bool(_LISTING.search(folded)) and not parts
    # "Gibt es im Januar eine Jurysitzung?" (not "Wie viel Geld gibt es beim Preis?")
    exist = bool(_EXIST.search(folded)) and (event_word or period == "range")
    # "naechste sitzung sozialausschuss": a period ahead and an event, no question word
    phone = (period == "next" or (period == "range" and not past)) and event_word
    if not (when or exist or listing or agenda or phone):
        return None
    if not (parts or event_word or listing):
        return None  # "wann?": nothing to look for
    if agenda and past and not any(w.startswith("tagesordnung") or w == "agenda" for w in words):
        agenda = False  # "Was wurde besprochen?": the minutes answer that
        if not (when or exist or phone):
            return None
    if listing and period in ("any",) and not event_word:
        listing = bool(re.search(r"\btermine\b", folded))
    future = period in ("next",) or (period == "range" and not past)
    clear = (
        not past and (future or agenda or session_verb or listing) and (event_word or listing)
    ) or (period == "last" and event_word and not agenda and when)
    return CalendarQuestion(
        text=text,
        period=period,  # type: ignore[arg-type]
        start=fields.get("start"),  # type: ignore[arg-type]
        end=fields.get("end"),  # type: ignore[arg-type]
        subject=tuple(parts),
        subject_words=tuple(shown),
        subject_text=" ".join(shown),
        kind=kind,
        agenda=agenda,
        listing=listing,
        past=past,
        clear=clear,
        event_word=event_word,
        range_name=str(fields.get("range_name", "")),
        month=fields.get("month"),  # type: ignore[arg-type]
        year=fields.get("year"),  # type: ignore[arg-type]
    )


# -- matching -----------------------------------------------------------------------------


@dataclass
class _Names:
    """The words an event is known by: its title, topic and committees."""

    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # the whole names, folded


_BODY_HEADS = ("ausschuss", "beirat", "rat", "tag", "konferenz", "gruppe", "kommission")


def _initials(name_words: list[str]) -> set[str]:
    """'Integrationsrat' -> {'ir'}; 'Ausschuss für Soziales' -> {'afs', 'as'};
    'Kreisausschuss' -> {'ka'}: the abbreviations people use for a body."""
    parts: list[str] = []
    bodies: set[str] = set()
    for w in name_words:
        # Inflected names too: "des Integrationsrates", "der Kreisausschüsse".
        forms = [w] + [w[: -len(end)] for end in ("es", "s", "en", "n") if w.endswith(end)]
        for form in forms:
            head = next((h for h in _BODY_HEADS if form.endswith(h)), None)
            if head is not None and len(form) > len(head) + 2:
                parts += [form[: -len(head)], head]
                bodies.add(form[0] + head[0])  # "Sitzung des Integrationsrates" -> "ir"
                break
        else:
            parts.append(w)
    out = set()
    if len(parts) >= 2:
        out.add("".join(p[0] for p in parts))
        out.add("".join(p[0] for p in parts if p not in ("fuer", "und", "der", "des")))
    return {o for o in out | bodies if 2 <= len(o) <= 6}


def _names(event: ev.Event, committees: list[str]) -> _Names:
    names = _Names()
    for phrase in (event.title, event.topic or "", *committees):
        words = []
        for w in _words(phrase):
            base, _head = _split_generic(w)
            if base in _STOP or len(base) < 2 or base.isdigit():
                continue
            words.append(base)
        if words:
            names.words += words
            names.phrases.append(" ".join(words))
            names.words += list(_initials(words))
    return names


def _token_score(word: str, name: str) -> float:
    """How well a word of the question names a word of an event (0 .. 1)."""
    if word == name:
        return 1.0
    a, b = _key(word), _key(name)
    if a == b and len(a) >= 2:
        return 1.0
    if len(word) >= 5 and len(name) >= 5:
        ratio = fuzz.ratio(_deumlaut_typed(word), _deumlaut_typed(name))
        if ratio >= 86:
            return 0.9
    if len(word) >= 4 and len(name) > len(word) + 2:
        plain, whole = _deumlaut_typed(word), _deumlaut_typed(name)
        if whole.endswith(plain) or whole.endswith(a):
            return 0.5  # the head of a compound: "Ausschuss" of "Sozialausschuss"
        if len(word) >= 6 and whole.startswith(a):
            return 0.6  # "Integration" of "Integrationsrat"
    return 0.0


def _subject_variants(subject: tuple[str, ...]) -> list[tuple[tuple[int, ...], str]]:
    """The question's words (English ones as the German part they stand for) and the
    compounds adjacent words make ("integration council" -> "integrationsrat")."""
    words = [_ENGLISH.get(w, w) if w in _ENGLISH else w for w in subject]
    out: list[tuple[tuple[int, ...], str]] = [((i,), w) for i, w in enumerate(words) if w]
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if a and b:
            out.append(((i, i + 1), a + b))
            out.append(((i, i + 1), a + "s" + b))
        if i + 2 < len(words) and words[i + 2]:
            c = words[i + 2]
            out.append(((i, i + 1, i + 2), a + b + c))
    # English order: "committee for social affairs" is the same as "social committee"
    return out


@dataclass(frozen=True)
class Match:
    """An event that fits a calendar question, with the agenda items to show."""

    event: ev.Event
    score: float
    committees: tuple[str, ...] = ()
    items: tuple[ev.AgendaItem, ...] = ()  # for agenda questions: the items that fit (or all)
    all_items: tuple[ev.AgendaItem, ...] = ()


@dataclass(frozen=True)
class Lookup:
    """What the calendar holds for a question."""

    question: CalendarQuestion
    matches: tuple[Match, ...]  # in the period asked for, in order of time
    name: str | None  # what was matched, as the calendar spells it ("Integrationsrat")
    named: bool  # the question's words matched events (in any period)
    latest: Match | None = None  # with nothing ahead: the most recent matching past event
    topic_words: tuple[str, ...] = ()  # agenda questions: the words sought in the items
    topic_text: str = ""  # the same as typed ("Jahresbericht Ausländerbehörde")
    items_found: bool = False  # agenda questions with topic words: some item fits


def _item_fits(item: ev.AgendaItem, words: tuple[str, ...]) -> float:
    item_words = [w for w in _words(item.name) if w not in _STOP and len(w) >= 3]
    if not item_words or not words:
        return 0.0
    scores = [max((_token_score(w, n) for n in item_words), default=0.0) for w in words]
    return sum(s for s in scores if s >= 0.9) / len(words)


def _in_range(event: ev.Event, q: CalendarQuestion) -> bool:
    local = event.local_start().date()
    assert q.start is not None
    assert q.end is not None
    return q.start <= local <= q.end


def lookup(
    db: sqlite_utils.Database, q: CalendarQuestion, now: datetime, *, internal: bool = False
) -> Lookup:
    """The confirmed events that fit `q`: named by its words (or of its kind), in its period.
    Non-public agenda items count only with `internal` (staff in a private chat)."""
    events = ev.all_events(db)
    scored: list[tuple[float, set[int], ev.Event, list[str]]] = []
    variants = _subject_variants(q.subject)
    for e in events:
        assert e.id is not None
        committees = ev.committees_of(db, e.id)
        names = _names(e, committees)
        best: dict[int, float] = {}
        for idx, variant in variants:
            score = max((_token_score(variant, n) for n in names.words), default=0.0)
            if len(idx) > 1 and score < 1.0:
                continue  # two words written as one name only when they are that name
            for i in idx:
                best[i] = max(best.get(i, 0.0), score)
        matched = {i for i, s in best.items() if s >= 0.5}
        if q.event_word:  # "Wann tagt der Ausschuss?": a part of a name is enough, but
            # not when most words name something else ("troisdorf sozialausschuss kiz wann"
            # asks the documents about Troisdorf's KIZ, not for the next session)
            ok = bool(matched) and (q.agenda or 2 * len(matched) >= len(q.subject))
        else:  # "Wann ist der Wertedialog?": the words must name the event, all of them
            ok = bool(q.subject) and all(best.get(i, 0.0) >= 0.9 for i in range(len(q.subject)))
        if ok and q.kind == "jury" and event_kind(e) != "jury":
            ok = False  # a jury asked for: the award ceremony it decides on is no answer
        total = sum(best.get(i, 0.0) for i in matched) if ok else 0.0
        scored.append((total, matched if ok else set(), e, committees))
    strong = max((s for s, m, _e, _c in scored if m), default=0.0)
    named = strong >= 0.5
    if named:
        fitting = [(s, m, e, c) for s, m, e, c in scored if m and s >= strong - 0.05]
        matched_words = set().union(*(m for _s, m, _e, _c in fitting))
    else:
        fitting = []
        matched_words = set()
        if not q.subject or q.agenda or q.listing:
            # no words to name it by: every event (of the kind asked for)
            fitting = [
                (0.0, set(), e, c)
                for _s, _m, e, c in scored
                if q.kind is None or q.listing or event_kind(e) == q.kind
            ]
    # Agenda questions: the words that named no event are sought in the agenda items.
    topic_idx = [i for i in range(len(q.subject)) if i not in matched_words] if q.agenda else []
    topic_words = tuple(q.subject[i] for i in topic_idx)
    typed = q.subject_words if len(q.subject_words) == len(q.subject) else q.subject
    topic_text = " ".join(typed[i] for i in topic_idx)
    name = _common_name([e for _s, _m, e, _c in fitting]) if named else None

    def match(score: float, e: ev.Event, committees: list[str]) -> Match:
        assert e.id is not None
        items = [i for i in ev.agenda_of(db, e.id) if i.public or internal]
        shown = [i for i in items if _item_fits(i, topic_words) >= 0.5] if topic_words else items
        return Match(e, score, tuple(committees), tuple(shown), tuple(items))

    upcoming = [(s, e, c) for s, _m, e, c in fitting if not ev.is_over(e, now)]
    past = [(s, e, c) for s, _m, e, c in fitting if ev.is_over(e, now)]
    chosen: list[Match]
    if q.period == "range":
        inside = fitting_in(q, fitting)
        if not q.past:  # "Was steht diese Woche an?": from now on
            inside = [(s, e, c) for s, e, c in inside if not ev.is_over(e, now)]
        chosen = [match(s, e, c) for s, e, c in inside]
    elif q.period == "last" or (q.period == "any" and q.past):
        chosen = [match(s, e, c) for s, e, c in past[-1:]]
    elif topic_words:
        chosen = [match(s, e, c) for s, e, c in upcoming[:AGENDA_SESSIONS]]
    else:
        chosen = [match(s, e, c) for s, e, c in upcoming[:1]]
    items_found = any(m.items for m in chosen) if topic_words else False
    if items_found:
        chosen = [m for m in chosen if m.items]
    chosen = chosen[:MAX_FOUND]
    latest = None
    if not chosen and past and q.period != "range":
        s, e, c = past[-1]
        latest = match(s, e, c)
    return Lookup(
        question=q,
        matches=tuple(chosen),
        name=name,
        named=named,
        latest=latest,
        topic_words=topic_words,
        topic_text=topic_text,
        items_found=items_found,
    )


def fitting_in(
    q: CalendarQuestion, fitting: list[tuple[float, set[int], ev.Event, list[str]]]
) -> list[tuple[float, ev.Event, list[str]]]:
    """The fitting events inside the question's date range, in order of time."""
    return [(s, e, c) for s, _m, e, c in fitting if _in_range(e, q)]


def _common_name(found: list[ev.Event]) -> str | None:
    """How the calendar spells what the question named: the committee (topic) the matching
    events share, else the title they share, else None."""
    topics = {e.topic for e in found if e.topic}
    if len(topics) == 1:
        topic = topics.pop()
        if topic.strip().lower() not in ("sitzungen", "jury", "veranstaltungen"):
            return topic
    titles = {e.title for e in found}
    return titles.pop() if len(titles) == 1 else None
