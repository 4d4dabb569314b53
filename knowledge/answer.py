"""Pure: analysed question + candidate passages -> Answer (the sentence or two that hold the
fact, its source, a confidence), or an honest decline when the documents do not hold it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from knowledge.analyze import (
    SEPARABLE,
    Token,
    category_instances,
    english_glossary,
    fold,
    frame_words,
    is_german_word,
    light_verbs,
    named_categories,
    stopwords,
    text_terms,
    token_kinds,
    token_terms,
    token_texts,
    tokenize,
    word_terms,
)
from knowledge.search import (
    CONTEXT_CREDIT,
    NUMBER_WORDS_DE,
    YEAR_TERM_RE,
    Candidate,
    Concept,
    QType,
    Query,
    concept_match,
    coverage,
    first_item,
    is_english,
    is_yes_no,
    item_opening,
    looks_like_verb,
    proximity,
)
from knowledge.signatures import is_subject_line

Confidence = Literal["high", "medium", "low"]

MAX_ANSWER = 560  # characters of quoted text in one answer ("about 500")
ANSWER_MIN_COVERAGE = 0.62  # below this share of the question found, the bot declines
RUNNERS_UP, RUNNER_UP_MARGIN = 3, 0.1  # hits that may answer for a best one covering too little
NEWEST_MARGIN = 0.08  # scores this close count as "the same thing said in several years"
LATER_MIN_COVERAGE = 0.5  # of a later document's answer that leads as the newer state
LINKED_REACH = 700  # characters of two sentences where the second goes on with the first
WINDOW_PENALTY = 0.04  # a two-sentence answer must earn its second sentence
LEAD_CREDIT = 0.8  # for words of the table header or list lead-in a passage belongs to
# For a distinctive word of the document's title (an abbreviation, a long compound): minutes
# titled "KIM: Personal, …" are about KIM in every sentence, though few sentences name it.
TITLE_CREDIT = 0.7
MIN_CORE_COVERAGE = 0.3  # share of the question the central sentence itself must hold
NEIGHBOUR_CREDIT = 0.85  # for words of the second sentence of a two-sentence answer
# A place, a date or a person in a window that does not name the event, act or role asked
# about (only the sentences around do): most likely another event's (see _event_terms).
EVENT_MISSING = 0.75
COUNT_OF_OTHERS = 0.75  # "wie viele X": every number of the window counts something else
DATE_OF_OTHER_EVENT = 0.6  # "wann": the window names the event, but not beside its date
INSTANCE_MISSING = 0.6  # "Welche Fraktion …?": a window that names no party
FIELD_NOT_ASKED = 0.6  # share kept by a paper's form fields when the question asks none
NAMES_MISSING = 0.75  # "Welches Projekt …?": a window with no quoted name, list or names
PREDICATE_MISSING = 0.8  # "Sind alle Stellen besetzt?": a window without "besetzt"
CHOSEN_MISSING = 0.6  # "Which of the applicants was awarded …?": no sentence says "awarded"
ROLE_MISSING = 0.6  # "Wer leitet X?": no sentence of the window holds that role of X
# For a person named in the sentences around ("Herr Liermann betonte, …"): minutes report one
# speaker over several sentences, so "nach Ansicht von Herrn L." holds for all of them. Also for
# the event a sentence refers back to ("An der Veranstaltung …").
SPEAKER_CREDIT = 0.8
CONTEXT_REACH = 2  # sentences before and after that set the topic
SPEECH_REACH = 8  # sentences of reported speech back to the one that names who speaks
LEAD_REACH = 90  # characters either side of a speaker's name quoted before an "er"-answer
EVIDENCE_BONUS = 0.12
PRESHORTLIST = 60  # candidates whose neighbours are read
SHORTLIST = 30  # candidates that get windows and the full scoring
MAX_TEXT_BONUS = 0.37  # definition cue (0.12) + counted number (0.25)
CUE_REACH = 60  # characters between a definition cue and the term it must be about
PART_NEARBY = 0.7  # kept when the sentences around the passage name the asked part
OTHER_ITEM = 0.7  # "im Bereich Querschnitt": a window about another item of the enumeration
NAME_ONLY = 0.6  # "Wer hat „X“ gegründet?": a text that only names „X“
ASKED_MORE = 0.9  # importance of a question word that asks more of a name than naming it
ECHO_ONLY = 0.55  # "Welche Zielvereinbarungen …?": a sentence saying nothing the question does not
# Words that join a sentence to the ones before and tell nothing of their own (_echoes).
_FILLER_RE = re.compile(
    r"zudem|außerdem|ausserdem|ferner|weiterhin|darüber|hinaus|ebenfalls|jedoch|allerdings|"
    r"insbesondere|nunmehr|bereits|schon|also|somit|hierbei|dabei|demnach",
    re.I,
)
PART_MISSING = 0.6  # share of coverage a passage keeps that does not name the asked part
REPLY_BONUS = 0.1  # for the reply to a reported question that matches the question
REPLY_REACH = 4  # sentences after a reported question its reply may still go on
MISSING_NAME = 0.55  # share of coverage kept by a sentence without a name, when one is asked
# A year the question asks about ("im Jahr 2020") that the answer does not name, while it names
# another year or stands in a document of another year: most likely about something else (the
# 2019 winners for "wer hat 2020 gewonnen", a 2020 date for "wann wurde 2019 verliehen").
OTHER_YEAR = 0.82
# What came of a year's event ("Wer hat 2020 gewonnen?") asked of an older document, which can
# only have announced it: kept only when nothing else answers.
ANNOUNCED_ONLY = 0.6
# A passage about one numbered part of a programme, for a question about none in particular.
ONE_PART_PENALTY = 0.03
_NAMED_PART_RE = re.compile(r"\b(?:Modul|Baustein|Förderbaustein|Phase|Stufe)\w*\s+\d+\b")
_YEAR_RE = re.compile(r"(?<![\d.,/])((?:19|20)\d\d)(?![\d,]|\.\d)")
_AFTER_YEAR_RE = re.compile(r"\b(?:nach|after|beyond|über)\s+((?:19|20)\d\d)\b", re.I)
_DATE_YEAR_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?((?:19|20)\d\d)\b")  # "03.09.2020"
# A question for a web or mail address, and a text that holds one (issue 10).
_ASKS_ADDRESS_RE = re.compile(
    r"internetadresse|internetseite|internetauftritt|webseite|website|webadresse|homepage|"
    r"\burl\b|e-?mail|mailadresse|web address|web site|im netz\b|im internet\b|\bonline\b|"
    # a telephone or fax number is a contact address too: "Telefonnummer", "phone number"
    r"tele(?:f|ph)on(?!isch)|\bphone|\bfax\b|faxnummer|rufnummer|handynummer|\bhotline",
    re.I,
)
# A question for the result of a vote ("Wie hat der Ausschuss abgestimmt?", "Mit welchem
# Stimmergebnis …", "how did the committee vote"), and a text that gives one. "Abstimmung"
# alone is also coordination ("eine zeitnahe Abstimmung mit den Kommunen"): not asked here.
_ASKS_VOTE_RE = re.compile(
    r"\babgestimmt\b|stimmergebnis|abstimmungsergebnis|\bvot(?:e|ed|es|ing)\b", re.I
)
_VOTE_RE = re.compile(
    r"\b(?:einstimmig\w*|einhellig\w*|mehrheitlich|Mehrheit|Stimmen|Gegenstimme\w*|"
    r"Enthaltung\w*|angenommen|abgelehnt|zugestimmt|beschlossen|unanimous\w*|majority|votes?)\b",
    re.I,
)
VOTE_MISSING = 0.6  # share of coverage a text keeps that gives no vote result asked for
NAME_MISSING = 0.85  # share kept by a window without a name the question gives ("Mettmann")
# A place named after the kind of place it is: "im Kreis Mettmann", "der Stadt Hennef"
_PLACE_NAME_RE = re.compile(
    r"\b(?:kreis(?:es)?|stadt|gemeinde|kommune|district|town|city)\s+([A-Za-zÄÖÜäöüß-]{3,})", re.I
)
# A town named after a preposition of place, as typed: "wie viele Geduldete leben in troisdorf".
_TYPED_PLACE_RE = re.compile(r"\b(?:in|aus|bei)\s+([A-Za-zÄÖÜäöüß-]{4,})", re.I)
# "In welcher Stadt findet X statt?": a town by name (a place question, not a "welche" one).
_IN_WHICH_TOWN_RE = re.compile(
    r"\b(?:in|aus)\s+welche[mnr]\s+(?:stadt|städten|kommune|gemeinde|ortschaft)\b|"
    r"\bin which (?:town|city|municipality)\b",
    re.I,
)
# Kinds of place a "welche" question asks for by name, and a place named after "in".
_PLACE_KIND_RE = re.compile(
    r"st(?:ä|ae|a)dte?n?|kommunen?|gemeinden?|orte?n?|ortschaften|towns?|cities|places|"
    r"municipalit(?:y|ies)"
)
_PLACE_NAMED_RE = re.compile(  # "der Stadt Hennef", "die Gemeinden Alfter und Windeck"
    r"\b(?:[Kk]reis(?:es|e)?|[Ss]t(?:ä|a)dte|[Ss]tadt|[Gg]emeinden?|[Kk]ommunen?)\s+[A-ZÄÖÜ][\w-]{2,}"
)
_IN_PLACE_RE = re.compile(r"\b(?:in|aus|nach|bei)\s+([A-ZÄÖÜ][a-zäöüß]{2,})\b")
# Women asked for ("was gibt es für Frauen"), whose index terms are those of the titles "Frau"
# and "Herr": a text names them only where the word is no title before a name.
_PEOPLE_WORDS = frozenset({"frauen", "herren", "women", "woman", "ladies"})
_TITLE_TERMS = frozenset({"frau", "herr"})
_PEOPLE_RE = re.compile(r"\bFrau(?!\s+(?:Dr\.\s+|Prof\.\s+)?[A-ZÄÖÜ])|\bHerren\b")
# A German participle ending the question ("… sind schon besetzt?", "… verteilt"): the state
# a count is asked of.
# ("kann … bekommen", "würde … erhalten" end in an infinitive: no state)
_CASED_RE = re.compile(r"\s[A-ZÄÖÜ][a-zäöüß]")  # a capitalised word after the first
_PARTICIPLE_END_RE = re.compile(
    r"\b((?:ab|an|auf|aus|bei|ein|mit|nach|vor|zu|zurück|um|fest|frei)?ge[a-zäöüß]{2,}(?:t|en)|"
    r"(?:be|ver|er|zer|ent)[a-zäöüß]{2,}t|"
    # "wie viele Menschen wurden beraten": a strong participle after a passive's auxiliary
    r"\b(?:wurde|wurden|worden|sind|ist|waren|war)\s+(?:\w+\s+){0,4}?"
    r"((?:be|ver|er|zer|ent)[a-zäöüß]{2,}en))(?:\s+worden)?\W*$",
    re.I,
)
# A question for an amount of money, and what an amount looks like ("1.000,- €", "170.000",
# "2,5 Mio."): a currency, thousands written with points, or ",-" (not "0,75 Stellen").
_ASKS_MONEY_RE = re.compile(
    # money words also as the head of a compound: "Jahresbudget", "Personalkosten"
    r"\b(?:\w*geld(?:er|es)?|kohle|knete|euro|kost\w*|gekostet|\w*kosten|\w*budgets?|\w*etats?|"
    r"\w*zusch(?:uss|üsse|uesse)\w*|"
    r"f(?:ö|oe|o)rders(?:umme|ätze)\w*|f(?:ö|oe|o)rdermittel\w*|preisgeld\w*|betr(?:ag|äge)|"
    # "wie hoch ist die jährliche Landesförderung" (asked how high; a "Migrationsförderung"
    # named in a question is a project's name, no money asked for)
    r"(?<=hoch ist die )(?:\w+ )?\w*f(?:ö|oe|o)rderung|"
    r"gehalt|geh(?:ä|ae)lter|verdien\w*|honorar\w*|bezahl\w*|zahlt|eigenanteil\w*|"
    r"kostenanteil\w*|money|funding|funds|cost\w*|pay|pays|paid|spend\w*|spent|"
    r"refund\w*|grant\w*|salary|salaries|prize money)\b|€",
    re.I,
)
# The noun a "welche" question asks for: "Welches Budget", "mit welchen Raumkosten".
_WHICH_NOUN_RE = re.compile(r"\b(?:welche[snmr]?|which|what)\s+(\w+)", re.I)
# The thing whose name "wie heißt das Gymnasium …" asks ("what is the name of the school").
_NAME_OF_RE = re.compile(
    r"\bwie\s+hei(?:ß|ss|s)t\s+(?:das|der|die)\s+([A-Za-zÄÖÜäöüß]{4,})|"
    r"\bwhat(?:'s| is) the name of the\s+([A-Za-z]{4,})",
    re.I,
)
_AMOUNT_RE = re.compile(
    r"€|\beuro\b|\beur\b|\b\d{1,3}(?:\.\d{3})+\b|\b\d+,-|"
    r"\b\d+(?:,\d+)?\s*(?:mio|millionen|mrd|milliarden|tsd|tausend)\b",
    re.I,
)
# A question in the past tense: what happened ("hat … gewonnen", "wurden … ausgezeichnet").
_PAST_RE = re.compile(
    r"\b(?:hat|haben|hatte|hatten|wurde|wurden|war|waren|gab|gewonnen|bekommen|erhalten|"
    r"did|won|was|were|got|had|"
    # "integrationspreis 2020 gewinner?": who won asks for an outcome too
    r"gewinner\w*|preistr(?:ä|ae|a)ger\w*|sieger\w*|winners?)\b",
    re.I,
)


def _asks_past(question: str) -> bool:
    """Whether a question asks what happened: a past form, or "hat"/"haben" with a participle
    after it ("Wer hat den Preis bekommen?"). "Welche Themen hat das KI 2020?" asks what the KI
    has: a present, which an older paper may well state. "was" is English only beside an
    English function word ("Who was …?"): "Was sind die Themen 2020?" asks what they are."""
    for m in _PAST_RE.finditer(question):
        if m.group().lower() == "was" and not is_english(tokenize(question)):
            continue
        if m.group().lower() not in ("hat", "haben"):
            return True
        words = question[m.end() :].split()
        if any(looks_like_verb(w.strip("?!.,")) for w in words if fold(w) not in stopwords()):
            return True
    return False


# A question that asks about something not done, and a sentence that says no.
_NEGATED_RE = re.compile(
    r"\b(?:nicht|nich|net|kein\w*|not|no|never|don[’']?t|doesn[’']?t|didn[’']?t|isn[’']?t)\b", re.I
)
_NEGATIVE_RE = re.compile(
    r"\b(?:nicht|kein\w*|gegen|abgelehnt|ablehn\w*|verzicht\w*|absage\w*|abgesagt)\b", re.I
)
NEGATION_BONUS = 0.05
# A sentence that asks for or requires an act ("muss verabschiedet werden", "wird aufgefordert"):
# it says nothing about when the act was done.
_UNDONE_RE = re.compile(
    r"\b(?:muss|müssen|müsste|soll|sollen|sollte|erforderlich\w*|aufgefordert|hofft|"
    r"werden kann|zu richten)\b",
    re.I,
)
# A sentence that only plans or announces an event ("geplant", "stattfinden werde").
_PLANNED_RE = re.compile(
    r"\bgeplant\b|\bstattfinden werde\b|\bwerde[n]?\b[^.;]{0,60}\bstattfinden\b", re.I
)
# A question for what a paper says ("Was stand in den Richtlinien?", "Welche Inhalte hatten
# …"), and a text that says the paper is still awaited ("warte man noch auf die Richtlinien"):
# it cannot tell what the paper says.
_ASKS_CONTENT_RE = re.compile(
    r"\bwas (?:stand|steht|stehen|standen)\b|\bwelche[nmrs]? inhalte?\b|"
    # "Was genau hat die SPD-Fraktion in ihrem Antrag gefordert?"
    r"\bwas\b(?:\s+\S+){0,12}\s+(?:gefordert|beantragt|verlangt|vorgeschlagen)\W*$|"
    r"\bwas (?:enthält|enthielt|enthalten|beinhaltet|beinhaltete)\b|"
    r"\bwhat (?:did|does|do) (?:the |its )?\w+ (?:say|contain|request|demand|propose)\b",
    re.I,
)
_AWAITED_RE = re.compile(
    r"\bwarte\w*\b[^.;]{0,160}\bauf\b|\bsteh\w* noch aus\b|\bnoch nicht (?:vor|veröffentlicht)",
    re.I,
)
_WEB_ADDRESS_RE = re.compile(
    r"\bwww\s?\.|https?:|\w@\w|\.(?:de|com|org|net)\b|"
    r"\b(?:tel|telefon|fon|fax|phone)\b\.?:?\s*[+(]?\d|\b0\d{2,5}\s?[/-]\s?\d{3,}",
    re.I,
)
MISSING_ADDRESS = 0.5  # share of coverage a text keeps that holds no address asked for
_ASKS_NAME_RE = re.compile(
    r"\bwie\s+(?:hei(?:ß|ss|s)(?:t|en)|hie(?:ß|ss|s)(?:en)?)\b|\bname[ns]?\b|"
    r"\bwhat(?:'s| is) (?:his|her|the) name",
    re.I,
)
# A sentence that refers back to an event named before it: "An der Veranstaltung teilnehmen
# würden …", "Bei dieser Sitzung …".
_EVENT_ANAPHOR_RE = re.compile(
    r"\b(?:[Aa]n|[Bb]ei|[Ii]n|[Aa]uf|[Zz]u|[Ff]ür) (?:der|dieser|jener) "
    r"(?:Veranstaltung|Sitzung|Tagung|Konferenz|Verleihung|Feier|Aktion)\b|"
    r"\b(?:[Dd]ie|[Dd]iese) (?:Veranstaltung|Sitzung|Tagung|Konferenz|Verleihung|Feier|Aktion)\b"
)
# A person named with a title, the name captured: "Herr Liermann", "VA’e Dinstühler".
_TITLE = r"\b(?:Herr[n]?|Frau|Dr\.|Prof\.|Abg\.|SkE|SkB|KTM|VA[’']?[eE])\s+(?:Dr\.\s+)?"
_SPEAKER_RE = re.compile(rf"{_TITLE}([A-ZÄÖÜ][a-zäöüß][\w-]*)")
_PERSON_NAME_RE = re.compile(rf"{_TITLE}[A-ZÄÖÜ][a-zäöüß]|„[^“]{{3,60}}“")
_FOR_WHOM_RE = re.compile(
    # "who is KIM (meant) for?" ends with "for"; "who is responsible for the seal" asks a person
    r"\bf(?:ü|ue|u)r wen\b|\bfor whom\b|\bwho is (?:\w+ ){1,3}(?:meant |intended )?for\W*$",
    re.I,
)
# Who something is meant for: a target group, people described by their situation.
_BENEFICIARY_RE = re.compile(
    r"\b(?:Zielgruppe\w*|Adressat\w*|Erwachsene\w*|Jugendliche\w*|Kinder\w*|Menschen|"
    r"Personen|Geflüchtete\w*|Flüchtlinge\w*|Familien|Frauen|Männer\w*|Zugewanderte\w*|"
    r"Migrant\w*|Eingebürgerte\w*|Schüler\w*|Senior\w*|Eltern|Bürger\w*|Einwohner\w*)\b"
)
# Says outright who it is meant for ("Zielgruppe", "richtet sich an"): more than people named.
_TARGET_GROUP_RE = re.compile(
    r"\b(?:Zielgruppe\w*|Adressat\w*|richte[nt]? sich (?:\w+ ){0,3}an|gedacht für)\b", re.I
)
_ASKING_RE = re.compile(r"(?:ge|nachge|an)?fragt|fragte|erkundig|nachfrage|asked|enquir|inquir")
_WANTED_TO_KNOW_RE = re.compile(r"\bwollte[n]? (?:\w+ )?wissen\b|\bwanted to know\b", re.I)
# Without any sign of the asked-for kind of fact (no number for "wie viele", no date for
# "wann", no name for "wer") a passage counts only this share of its coverage.
MISSING_EVIDENCE: dict[QType, float] = {
    "quantity": 0.5,
    "time": 0.5,
    "person": 0.7,
    "reason": 0.75,
    "place": 0.6,
}

_WEEKDAYS = r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
_MONTHS = (
    r"januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember"
)
# The numbers 2 to 12 as words ("fünf benannte Vertretungen").
_NUMBERS_SPELLED = NUMBER_WORDS_DE[1:]
_NUMBER_WORDS = "|".join(_NUMBERS_SPELLED) + (
    r"|zwanzig|dreißig|hundert|tausend|alle|keine|hälfte|dutzend|beide[n]?"
)
# The end of the current year, month, term: a date as the minutes write it ("zum Jahresende").
_PERIOD_END = r"\b(?:bis\s+)?zum\s+(?:jahres|monats|quartals|halbjahres|schuljahres)ende\b"
# Evidence that a text holds the kind of fact asked for: (strong pattern, weak pattern).
_EVIDENCE: dict[QType, tuple[re.Pattern[str], re.Pattern[str] | None]] = {
    # ("alle", "keine", "beide" count only weakly: "für alle Interessierten" is no number)
    "quantity": (
        re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b(?<!alle)(?<!keine)(?<!beide)(?<!beiden)", re.I),
        re.compile(r"\b(?:alle|keine|beide[n]?)\b", re.I),
    ),
    "time": (
        re.compile(
            rf"\b\d{{1,2}}\.\s?\d{{1,2}}\.(?:\d{{2,4}})?|\b(?:{_MONTHS})\b|\buhr\b|"
            r"\b(?:19|20)\d\d\b|"
            rf"\b(?:{_WEEKDAYS})\b|"
            r"\bvon\b.{1,40}\bbis\b|"
            # a part of a year: "Anfang des Jahres", "Ende dieses Jahres", "Mitte 2020"
            r"\b(?:anfang|ende|mitte|beginn)\s+(?:de[sr]|dieses|diesen|letzten|vergangenen|"
            r"nächsten|kommenden)?\s*(?:jahres|monats|jahrzehnts|(?:19|20)\d\d)\b|" + _PERIOD_END,
            re.I,
        ),
        re.compile(
            r"\b(?:woche|jahr(?:es)?ende|frühjahr|herbst|sommer|winter)\b|"
            r"\b(?:letzte[nms]?|vergangene[nms]?|nächste[nms]?|kommende[nms]?)\s+jahr(?:es)?\b",
            re.I,
        ),
    ),
    "person": (
        re.compile(
            r"\b(?:Herr|Frau|Dr\.|Abg\.|SkE|SkB|KTM|VA[’']?[eE]|Dezernent(?:in)?|Minister(?:in)?|"
            r"Staatssekretär(?:in)?|Landrat|Bürgermeister(?:in)?|Vorsitzende[rn]?|Leiter(?:in)?|"
            r"Beigeordnete[rn]?|Vertreter(?:in)?)\s+[A-ZÄÖÜ]|\b(?:Verband|Verbände|Werk|"
            r"Jobcenter|e\.\s?V\.|Stadt|Gemeinde|Amt|Behörde|Caritas\w*|Diakon\w*|Gymnasium|"
            r"Agentur|Sozialamt|Fraktion\w*)\b|"
            r"\b\w*(?:[Ii]nstitut|[Ss]tiftung|[Vv]erein|[Hh]ochschule|[Uu]niversität)"
            r"(?:e[ns]?|s|en)?\b|"
            # the agent of a passive: "von der Lenkungsgruppe auf Leitungsebene gesteuert",
            # "durch einen Fachbereich, dem KI, gesteuert"
            r"\b(?:von\s+(?:der|dem|den|einer|einem)|vom|durch\s+(?:den|die|das|einen|eine))\s+"
            r"[A-ZÄÖÜ][\w-]+[^.;:]{0,40}?\s(?:ge\w+t|\w+iert)\b"
        ),
        re.compile(
            r"\b(?:Erwachsene\w*|Jugendliche\w*|Kinder\w*|Menschen|Personen|Geflüchtete\w*|"
            r"Familien|Frauen|Mitglieder\w*|Vertretung\w*|Akteure\w*|Kommunen|Träger\w*|"
            r"Geschäftsführ\w*|Team\w*)\b"
        ),
    ),
    "reason": (
        re.compile(
            r"\b(?:weil|da|deshalb|daher|darum|deswegen|aufgrund|wegen|grund|gründe|sodass|"
            r"so dass|folglich|zurückzuführen|rentier\w*|lohn\w* sich|aus diesem grund|"
            # "der Sicherheit halber": for the sake of, because of
            r"halber)\b",
            re.I,
        ),
        re.compile(
            # an explanation without "weil": "Dies bezieht sich insbesondere auf …",
            # "vor dem Hintergrund", "nämlich"
            r"\b(?:damit|um\s.*\szu|risiko|problem\w*|fehl\w*|schwierig\w*|aufwand|"
            r"hintergrund|nämlich|bezieh\w* sich\b.{0,30}\bauf)\b",
            re.I,
        ),
    ),
    "place": (
        re.compile(
            # (not "vor Ort": "wie man dies vor Ort einbinden könne" names no place)
            r"\b(?:(?<!vor )ort|raum|saal|straße|kreishaus|rathaus|gebiet|kreisgebiet)\b|"
            # where to turn: "bei der Bezirksregierung Arnsberg", "beim Kompetenzzentrum"
            r"\b(?:bei|beim|an)\s+(?:der|dem|die|den\s+)?\s*\w*(?:regierung|behörde|amt|"
            r"zentrum|ministerium|verwaltung)\b|"
            # on the web: "Unter www.integrationsportal-rhein-sieg-kreis.de bietet …"
            r"\bwww\.\w|\bhttps?://",
            re.I,
        ),
        # "in Bonn", "im Kreishaus", "an die Koordinierungsstelle" (where to), not the
        # prepositional phrases that name no place ("in Zusammenarbeit", "im Rahmen")
        re.compile(
            r"\b(?:in|im|bei|nach)\s+(?!(?:Zusammenarbeit|Abstimmung|"
            r"Kooperation|Verbindung|Rahmen|Hinblick|Bezug|Folge|Form|Höhe|Zukunft|Vertretung|"
            r"Anlehnung|Absprache|Ergänzung|Sachen|Zeiten|Zuge|Kürze|Regel|Anschluss|Jahr\w*|"
            r"Sinne|Vorfeld|Laufe|Auftrag|Namen|Wesentlichen|Einzelnen|Folgenden|Übrigen|"
            rf"Vergleich|Verhältnis|Zusammenhang|Blick|Nachgang|(?i:{_MONTHS})|"
            r"Frühjahr|Sommer|Herbst|Winter)\b)"
            # (a law or a paper is no place: "im Teilhabe-und Integrationsgesetz")
            r"(?![\w-]*(?:\s[\w-]*){0,2}(?:gesetz|konzept|richtlinie))[A-ZÄÖÜ]\w+|"
            # where to turn: "an die Koordinierungsstelle"; not "im Anschluss an den Bericht"
            r"\ban\s+(?:die|den)\s+(?i:\w*(?:stelle|zentrum|behörde|amt|verwaltung|regierung|"
            r"ministerium|büro|kreis|stadt|gemeinde|kommune|jobcenter|agentur|koordinierung|"
            r"leitung))\w*\b|"
            # "zur Bezirksregierung", "zum Kreishaus"; not "zur Niederschrift", "zum Thema"
            r"\b(?:zur|zum)\s+(?i:\w*(?:regierung|verwaltung|haus|zentrum|amt|stelle|behörde))\b"
        ),
    ),
}
# Units of time a "wie viele" may count ("wie viele Jahre", "how many months").
_TIME_UNIT_RE = re.compile(r"^(?:jahr|monat|woche|tag|stunde|year|month|week|day|hour)")
# A duration: "für zwei Jahre", "drei Monate lang", "nicht älter als 3 Jahre". It answers "wie
# lange", "für welchen Zeitraum", not "wann" (a point in time).
_DURATION_RE = re.compile(
    rf"\b(?:\d+|ein(?:e[nm]?)?|{_NUMBER_WORDS}|halbe[sn]?)\s+"
    r"(?:jahre?n?|monate?n?|wochen|tage?n?|stunden)\b",
    re.I,
)
# Three or more bodies or people named one by one, each with its article: "das Jobcenter, die
# Stadt Troisdorf, die Gemeinde Swisttal und das Gymnasium in Eitorf".
_ARTICLE_LIST_RE = re.compile(
    r"(?:\b(?:der|die|das|dem|den)\s+[A-ZÄÖÜ][\w.-]*(?:\s+(?:in\s+)?[A-ZÄÖÜ][\w.-]*)*\s*"
    r"(?:,|\bund\b|\bsowie\b)\s*){2,}(?:der|die|das|dem|den)\s+[A-ZÄÖÜ]"
)
# An age: "die 18 bis 27-Jährigen", "30-jährige", "im Alter von 6 bis 10 Jahren": a number
# that counts no one ("wie viele Geflüchtete …" is not answered by the target group's ages).
_AGE_RE = re.compile(
    r"\b\d{1,3}\s*(?:(?:bis|-|–)\s*\d{1,3}\s*)?-?\s*j(?:ä|ae|a)hrig\w*|"
    r"\bim\s+alter\s+(?:von\s+)?\d{1,3}(?:\s*(?:bis|-|–)\s*\d{1,3})?(?:\s+jahren)?|"
    r"\b\d{1,3}\s+jahre\s+alt\b|\b\d{1,3}\s*(?:-|–|to)\s*\d{1,3}[- ]year[- ]olds?\b",
    re.I,
)
_ASKS_AGE_RE = re.compile(
    r"\bwie\s+alt\b|\balters?\b|\baltersgrupp\w*|\bj(?:ä|ae|a)hrig\w*|\bhow\s+old\b|"
    r"\bages?\b|\baged\b",
    re.I,
)
AGE_MISSING = 0.5  # share of coverage kept by a text without an age, for "wie alt"
# "An welchem genauen Datum …", "on what exact date", "an welchem Tag genau": a day is asked;
# "Anfang des Jahres" or "im November" does not give it.
_ASKS_EXACT_DATE_RE = re.compile(
    r"\bgenaue[nms]?\s+(?:datum|tag|termin|zeitpunkt)\b|\b(?:datum|tag|termin)\s+genau\b|"
    r"\bexact\s+(?:date|day)\b|\b(?:date|day)\s+exactly\b",
    re.I,
)
_DAY_DATE_RE = re.compile(rf"\b\d{{1,2}}\.\s?(?:\d{{1,2}}\.|(?:{_MONTHS})\b)", re.I)
_PEOPLE_ASKED_RE = re.compile(
    r"zielgrupp|erwachsen|kinder|jugendlich|teilnehm|gefl(?:ü|ue|u)chtet|fl(?:ü|ue|u)chtling|"
    r"mitarbeit|person|leute|menschen|sch(?:ü|ue|u)ler|people|adults?\b|child|refugee|"
    r"participant|staff|students?\b|target group",
    re.I,
)
# A participle's "ge" stands first or after a separable particle ("eingeladen",
# "stattgefunden"); inside a noun it makes none ("Integrationsmanagement", "Engagement").
# (and the verbs of a session: "Wann tagt der Integrationsrat?" needs a sentence about a session)
_GE_PARTICIPLE = (
    rf"(?:{SEPARABLE}|zu|dar|durch|fort|her|hin|weg|wieder|zusammen|über|uber)?ge\w+(?:t|en)"
)
_PARTICIPLE_RE = re.compile(
    rf"^(?:{_GE_PARTICIPLE}|\w+iert|er(?:ö|oe|o)ffnet|beschlossen|verliehen|tagt|tagen|tagte|"
    r"trifft)$"
)
_ENGLISH_WHEN_VERB_RE = re.compile(r"\bwhen did\b.*?\b([a-z]{3,})\W*$", re.I)
# Participles that leave the event to the noun: "Wann ist die Verleihung geplant?", "Wann wurde
# der Antrag gestellt?", "Wann hat die Sitzung stattgefunden?"
_LIGHT_PARTICIPLES = frozenset(
    {"geplant", "gestellt", "vorgesehen", "stattgefunden", "erfolgt", "durchgeführt", "gehalten"}
)
_RECEIVED_RE = re.compile(
    r"\b(?:erhalten|erhielt\w*|bekommen|bekam\w*|gekriegt|gewonnen|gewann\w*|got|gotten|"
    r"received|won)\b",
    re.I,
)
_GOT_RE = re.compile(r"\b(?:got|gotten|get|gets|bekam|bekamen|gekriegt|kriegte)\b", re.I)


# That someone was given it, said with a verb: "wurden ausgezeichnet", "verliehen an" (not
# the ceremony: "die Siegelverleihung am 03.09.2020" says nothing of who received the seal).
_GIVEN_RE = re.compile(
    r"\b(?:verliehen|ausgezeichnet|erhalten|erhielt\w*|bekommen|bekam\w*|gewonnen|gewann\w*|"
    r"zuerkannt)\b",
    re.I,
)
# What says that someone was given something (an award, a seal, a post).
_OUTCOME_RE = re.compile(
    r"verliehen|verleihung|ausgezeichnet|auszeichnung|erhalten|erhielt|bekommen|bekam|"
    r"gewonnen|gewann|zuerkannt|preisträger",
    re.I,
)


_WHO_IS_RE = re.compile(r"\s*(?:wer|who)\s+(?:ist|is|war|was|sind)\b", re.I)


def asks_who_is(question: str) -> bool:
    """Whether a question asks who someone is ("wer ist Frau Dinstühler", "who is Kuhnert"),
    which a sentence naming their function answers, or the signature of a paper."""
    return bool(_WHO_IS_RE.match(question))


# "Welche Funktion hat Herr Liermann?", "was fürn Posten hat Frau X", "what is Mr X's role":
# the function of a person named with Herr/Frau (group 1: the name).
_FUNCTION_WORD_RE = re.compile(r"funktion|posten|position|amt|rolle|role|job|title|function", re.I)
# A person a question names as minutes name speakers: "Herr Liermann", "KTM Schmitz", "Mrs
# Farshi" (group 1: the name).
_ASKED_PERSON = r"\b(?:herrn?|frau|mr|mrs|ms|abg|ske|skb|ktm|dezernent(?:in)?)\.?\s+([^\W\d_]{3,})"
_FUNCTION_OF_RE = re.compile(rf"^(?=.*\b(?:{_FUNCTION_WORD_RE.pattern})\b).*{_ASKED_PERSON}", re.I)
# Nouns of a function a person holds in the Kreis, its bodies or its partners.
_FUNCTION_NOUN_RE = re.compile(
    r"\b(?:Leiter(?:in)?|Leitung|Dezernent(?:in)?|Vorsitzende[rn]?|Landr(?:at|ätin)|"
    r"Sprecher(?:in)?|\w*[Bb]eauftragte[rn]?|Koordinator(?:in)?|Ansprechpartner(?:in)?|"
    r"Geschäftsführer(?:in)?|Bürgermeister(?:in)?|Minister(?:in)?|Staatssekretär(?:in)?)\b"
)
FUNCTION_REACH = 60
HOLDER_REACH = 80  # around a function noun, for the name of whoever holds it
# "Wer war der Landrat …?", "wie heißt die Vorsitzende …", "who is the head of …": the name
# of whoever holds a function is asked for.
_ASKS_HOLDER_RE = re.compile(
    r"^\s*(?:wer\s+(?:ist|is|war|sind|waren)|who\s+(?:is|was|are|were)|"
    r"wie\s+(?:hei(?:ß|ss|s)(?:t|en)|hie(?:ß|ss|s)(?:en)?))\b",
    re.I,
)
FUNCTION_BONUS = 0.25
# A number that is more than a small count or a year: a date, an amount, a reference.
_DISTINCT_NUMBER_RE = re.compile(r"\d[./,-]\d|\d{5,}")
# "Welche der Bewerber …", "which of the applicants …": one of a set, chosen by what the
# verb says (its participle: "awarded", "erhalten", "besetzt").
_WHICH_OF_RE = re.compile(r"\bwhich of the\b|\bwelche[rsmn]? (?:der|von den)\b", re.I)
_CHOSEN_RE = re.compile(
    rf"^(?:{_GE_PARTICIPLE}|\w+iert|\w{{3,}}ed|won|got|gotten|chosen|given|erhalten|bekommen|"
    r"besetzt)$"
)
# Words of a role a person holds: "Wer leitet …", "den Vorsitz", "who chairs", "zuständig".
_ROLE_RE = re.compile(
    r"(?:leit|vorsitz|chair|lead|led$|head|koordinier|coordinat|zustandig|responsib|"
    r"verantwortlich|sprecher|spokes)"
)
# Minutes name who reports: "berichtete Dezernent Schmitz", "VA’e Dinstühler erklärte".
_REPORTING = (
    r"(?:berichtete|erklärte|ergänzte|äußerte|betonte|führte|hob|teilte|informierte|stellte|"
    r"verwies|wies|entgegnete|antwortete|erläuterte|bestätigte|sagte|meinte|fragte|bat|"
    r"erkundigte|begrüßte|dankte|merkte|regte|schlug)"
)
# "Er berichtete, …", "Darüber hinaus fragte er nach": "er" or "sie" reports
_PRONOUN_REPORTS_RE = re.compile(
    rf"^(?:Er|Sie)\s+{_REPORTING}\b|^[^,.;:]{{0,60}}?\b{_REPORTING}\s+(?:er|sie)\b"
)
_TITLED_NAME = (
    r"(?:Herr[n]?|Frau|Dr\.|Abg\.|SkE|SkB|KTM|VA[’']?[eE]|Dezernent(?:in)?|Landrat|"
    r"Vorsitzende[rn]?)\s+(?:Dr\.\s+)?[A-ZÄÖÜ][\w-]+"
)
_TITLED_NAME_RE = re.compile(rf"\b{_TITLED_NAME}")
# Where the clause naming a speaker ends, for the lead of an answer (see _speaker_lead).
_CLAUSE_ENDS = (",", ";", ":", ". ")
_SPEAKER_CLAUSE_RE = re.compile(
    rf"\b{_REPORTING}\s+(?:\w+\s+){{0,2}}?(?:der|die|den)?\s*{_TITLED_NAME}|"
    rf"\b{_TITLED_NAME}\s+(?:\w+\s+)?{_REPORTING}\b"
)
_ASKS_SPEAKER_RE = re.compile(
    r"bericht|erklär|erläuter|gesagt|sagte|vorgestellt|präsentiert|informiert|betont|"
    r"geäußert|report|present|said|explain|told|mention|"
    # "wer hat die Präsentation gemacht", "wer hielt den Vortrag": who spoke in the session
    # (not "wer hält den Fachvortrag" at an event ahead)
    r"(?:präsentation|vortrag|presentation|talk)\b.*\b(?:gemacht|gehalten|hielt|machte|gave|"
    r"given)\b|\b(?:gemacht|gehalten|hielt|machte|gave)\b.*(?:präsentation|vortrag|"
    r"presentation|talk)|vorgetragen",
    re.I,
)
# Nouns of an event whose date "wann" asks ("Wann ist die nächste Sitzung?").
_EVENT_NOUN_RE = re.compile(
    r"(?:sitzung|termin|treffen|tagung|konferenz|veranstaltung|verleihung|feier|wahl)\w*$"
)
_ASKS_POINT_RE = re.compile(
    r"\bwann\b|\bwhen\b|\b(?:an |zu )?welche[mn]? (?:tag|datum|termin)\b|"
    r"\b(?:on )?(?:what|which) (?:day|date)\b",
    re.I,
)
_BY_WHICH_DATE = r"\bbis zu(?:m)? welche[mn]? (?:datum|tag|termin|zeitpunkt)\b"
_HOW_LONG = r"\bwie lange?\b|\bhow long\b"
_ASKS_SINCE_RE = re.compile(r"\bseit wann\b|\bsince when\b", re.I)
# What says when something began: "Seit 1990 gibt es …", "wurde 2005 … eingerichtet", "das am
# 25.02.2012 in Kraft getretene Gesetz", "ab 2020", "since 2015".
_START_RE = re.compile(
    r"\b(?:seit|ab|since|in kraft)\b|eingerichtet|gegründet|begonnen|gestartet|\bstart|"
    r"beginn|aufgenommen|eröffne|einrichtung|gründung|bewillig|ins leben gerufen|"
    r"\bbesteh|existier|ins amt|bestellt|eingeführt|einführung|established|founded|opened",
    re.I,
)
START_MISSING = 0.6  # "seit wann": a date in a text that says nothing began then
# "die seit 2015 geflüchteten Menschen": a start that describes a noun, not the thing asked
_ATTRIBUTIVE_SINCE_RE = re.compile(
    r"\bseit\s+(?:\d{4}|dem Jahr \d{4})\s+([a-zäöüß]+(?:t|en)e[nmrs]?)\b"
)
_ASKS_START_RE = re.compile(
    r"\bwann\s+(?:startet|starten|beginnt|beginnen|startete|begann|fängt|fangen)\b|"
    r"\bwann\s+(?:wurde|wird|hat)\b.{0,80}\b(?:begonnen|gestartet|angefangen)\b|"
    r"\bwhen\s+(?:does|did|will)\s+\S+(?:\s+\S+)?\s+(?:start|begin)\b",
    re.I,
)
_ASKS_PERIOD_RE = re.compile(
    rf"\b(?:seit|bis|ab) wann\b|{_BY_WHICH_DATE}|"
    r"\b(?:by|until) (?:what|which) (?:day|date)\b|\b(?:until|since|from) when\b|"
    rf"{_HOW_LONG}|zeitraum|dauer|laufzeit|period",
    re.I,
)
# A span of time: "von März 2012 bis Oktober 2012", "drei Jahre", "bis Ende 2022".
_SPAN_RE = re.compile(
    rf"\bvon\b.{{1,40}}\bbis\b|{_DURATION_RE.pattern}|"
    r"\bbis (?:zum |zur )?(?:Ende |Mitte |Anfang )?"
    rf"(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?|(?:{_MONTHS}) )?(?:19|20)\d\d\b",
    re.I,
)
PERIOD_EVIDENCE = 1.3  # a span answers "wie lange" better than one date
# "Bis wann soll der Kreis das Konzept erstellen?" asks for a deadline: "bis Dezember 2013".
_ASKS_DEADLINE_RE = re.compile(
    rf"\bbis wann\b|{_BY_WHICH_DATE}|"
    r"\b(?:by|until) (?:when|what date|which date)\b|\bdeadline\b|\bfrist\b|"
    # "wie lange läuft KIM noch", "how much longer": how long from now, i.e. until when
    r"\bwie lange\b.*\bnoch\b|\bhow (?:much )?longer\b|"
    # "wann endet die Förderung", "wann läuft KIM aus", "when does the funding end": the end
    # of something is a deadline ("bis 2022")
    r"\bwann\b.*\b(?:endet|enden|ausläuft|auslaufen|läuft\b.*\baus|laufen\b.*\baus)\b|"
    r"\bwhen (?:does|do|will)\b.*\b(?:end|expire|run out|finish)\b",
    re.I,
)
_DEADLINE_RE = re.compile(
    r"\b(?:bis|spätestens|until|by)\s+(?:zum |zur |Ende |Mitte |Anfang |spätestens )?"
    rf"(?:\d{{1,2}}\.\s?\d{{1,2}}\.|(?:{_MONTHS})\b|(?:19|20)\d\d\b)|"
    # "endete zum 31.12.2020": an end date; "zum Jahresende ausliefen"
    r"\bzum\s+\d{1,2}\.\s?\d{1,2}\.",
    re.I,
)
DEADLINE_EVIDENCE = 1.6
# "zum Jahresende": an end, but of which year the reader must work out; a date says more.
_PERIOD_END_RE = re.compile(_PERIOD_END, re.I)
# A deadline with the year after its month ("bis Dezember 2013"), as a whole.
_DEADLINE_SPAN_RE = re.compile(rf"(?:{_DEADLINE_RE.pattern})(?:\s*(?:19|20)\d\d\b)?", re.I)
RELATIVE_DEADLINE_EVIDENCE = 1.4
DEADLINE_MISSING = 0.7
# "An welchem Tag …?", "what date …": a year, a month or "Anfang des Jahres" names no day.
_ASKS_DAY_RE = re.compile(
    r"\b(?:an|zu|bis zu[mr]?|bis) welche[mn]? (?:tag|datum)\b|\bwelches datum\b|"
    r"\bgenaue[ns]? (?:datum|tag)\b|\b(?:what|which|exact) (?:day|date)\b",
    re.I,
)
_DAY_RE = re.compile(
    rf"\b\d{{1,2}}\.\s?\d{{1,2}}\.|\b\d{{1,2}}\.\s?(?:{_MONTHS})\b|"
    rf"\b(?:{_WEEKDAYS}|heute|morgen|gestern)\b",
    re.I,
)
DAY_MISSING = 0.6
# "Wie oft trifft sich die Lenkungsgruppe?" asks for a frequency: "monatlich", "zweimal im
# Jahr", "alle drei Monate", "regelmäßig"; "in der letzten Sitzung" says none.
_ASKS_FREQUENCY_RE = re.compile(
    r"\bwie (?:oft|häufig|haeufig|haufig)\b|\bhow (?:often|frequently)\b|\bin welche[mn] "
    r"(?:rhythmus|turnus|abstand|abständen)\b",
    re.I,
)
_FREQUENCY_RE = re.compile(
    r"\b(?:täglich|wöchentlich|monatlich|vierteljährlich|quartalsweise|halbjährlich|jährlich|"
    r"regelmäßig|turnusmäßig|turnus|rhythmus|mehrmals|mehrfach|"
    r"(?:ein|zwei|drei|vier|fünf|sechs|\d+)\s*mal\b|alle\s+\w+\s+(?:tage|wochen|monate|"
    r"jahre)|pro\s+(?:tag|woche|monat|quartal|jahr))",
    re.I,
)
FREQUENCY_MISSING = 0.6
# "Wo muss man das KIZ beantragen?", "where to apply": where a paper goes is a body to turn
# to ("bei der Bezirksregierung Arnsberg", "an das Ministerium"), not where something is.
_ASKS_WHERE_TO_RE = re.compile(
    r"\b(?:beantrag\w*|antrag\w*|einreich\w*|abgeben|abgegeben|anmeld\w*|bewerb\w*|wenden|"
    r"apply|submit\w*|register\w*)\b",
    re.I,
)
_TURN_TO_RE = re.compile(
    r"\b(?:bei|beim|an)\s+(?:der|dem|die|das|den)?\s*(?:[\w-]+\s+){0,3}?[\w-]*(?:regierung|"
    r"behörde|amt|ämter|zentrum|ministerium|ministerien|verwaltung|stelle|kompetenzzentrum)\b",
    re.I,
)
WHERE_TO_MISSING = 0.75
SPAN_MISSING = 0.8
_HOW_LONG_RE = re.compile(_HOW_LONG, re.I)
# The date a report speaks as of ("(Stand 10/2013)", "Stand: 01.03.2022") is no event's date.
_AS_OF_RE = re.compile(r"\bStand:?\s*(?:\d{1,2}[./]\s?)?(?:\d{1,2}[./]\s?)?(?:19|20)?\d\d\b")
# Fields of a paper's form, asked for by name: "Welches Datum trägt die Vorlage", "Welche
# finanziellen Auswirkungen …", "In welchem Ausschuss wurde sie beraten …".
_PAPER_FIELD_RE = re.compile(
    r"\b(?:datum|date[ds]?|aktenzeichen|az|"
    # (not "Beratung" alone: "Kooperationspartner für die Beratung" are a service's)
    r"finanziell\w*|haushalt\w*|financial|budget\w*|beratungsfolge|beraten|"
    r"discuss\w*|drucksache\w*|vorlagen-?nummer|(?:welche[mnrs]?|which)\s+(?:gremium|gremien|"
    r"ausschuss\w*|committee))\b",
    re.I,
)
# Verbs of saying: "wo wurde … berichtet" asks at which body it was said ("beim Arbeitskreis
# der Integrationsräte"), which is no place a "wo steht …" question asks for.
_SAID_RE = re.compile(
    r"\b(?:berichtet|vorgestellt|besprochen|diskutiert|beraten|informiert|erörtert|"
    r"präsentiert|vorgetragen|reported|presented|discussed)\b",
    re.I,
)
_AT_BODY_RE = re.compile(
    r"\b(?:beim|im|in der|in einer)\s+(?:\w+\s+)?\w*(?:arbeitskreis|ausschuss|gremium|beirat|"
    r"netzwerk|sitzung|konferenz|tagung|lenkungsgruppe)\w*\b",
    re.I,
)
# "Wann ist die nächste Sitzung?" asks what lies ahead, which "letzte Woche" does not say.
_ASKS_NEXT_RE = re.compile(
    r"\b(?:nächste[nmrs]?|naechste[nmrs]?|nachste[nmrs]?|kommende[nmrs]?|next|upcoming)\b", re.I
)
_PAST_RELATIVE_RE = re.compile(
    r"\b(?:letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?)\s+(?:woche|monats?|jahr(?:es)?)\b", re.I
)
# Nor does a date that a past participle marks as done: "von dem am 04.07.2019 verliehenen
# Integrationspreis" (but "am 16.06.2020 geplanten" lies ahead).
_DONE_ON_DATE_RE = re.compile(
    r"\b(?:am|vom)\s+\d{1,2}\.\s?\d{1,2}\.(?:\d{4}|\d{2})?\s+"
    r"(?!(?:geplant|vorgesehen|angekündigt|angesetzt|beabsichtigt|terminiert)e)"
    r"[a-zäöüß]{3,}(?:t|en)e[nmrs]?\b"
)
# Instances answer "which ...?": quoted names or list items (strong), a run of names (weaker).
_LISTED_RE = re.compile(r"„[^“]{3,}“.*„|(?:\n\s*(?:[•▪●◦\-–>*]|o\s)\s*[A-ZÄÖÜ„\"][^\n]*){2,}")
# What may stand for instances of a category the text does not name: a list, a run of
# names, quoted names, or a number ("18 bis 27 Jahre").
# Named instances of a category ("Welches Projekt", "Welche Einrichtungen"): a quoted name,
# a list, or a run of capitalised words ("das Jobcenter, die Stadt Troisdorf", "Caritas und
# Diakonie"), not a number.
_NAMED_INSTANCE_RE = re.compile(
    r"„[^“]{3,}“|\n\s*(?:[•▪●◦\-–>*]|o\s)|"
    r"[A-ZÄÖÜ][\w-]+\s*(?:,|\bund\b|\bsowie\b|\bbzw\.)\s*(?:die\s|der\s|das\s|dem\s)?[A-ZÄÖÜ]"
)
_INSTANCES_RE = re.compile(rf"{_NAMED_INSTANCE_RE.pattern}|\d")
# "Welches Projekt …?", "aus welchem …", "wie heißt das …": one thing, so one quoted name
# answers (a plural "welche Projekte" wants a list).
_ASKS_ONE_RE = re.compile(r"\b(?:welche[sr]|welchem|wie\s+h(?:ei|ie)(?:ß|ss|s)t?\s+das)\b", re.I)
_QUOTED_RE = re.compile(r"„[^“]{3,80}“")  # a quoted name: „Einwanderung gestalten NRW“
# An enumeration in brackets: "(1 Koordinierungsstelle, 2 Stellen für …, und eine Stelle bei …)".
# (or "(partizipative (1), präventive (2) und dialogfördernde (3) Projekte)").
_ENUMERATED_RE = re.compile(
    r"\((?:[^()]|\(\d\)){2,120}?(?:,|\bund\b|\bsowie\b)(?:[^()]|\(\d\)){2,120}?"
    r"(?:,|\bund\b|\bsowie\b)(?:[^()]|\(\d\)){2,120}?\)"
)
# A count of things named one by one right after it: "in drei Kategorien (partizipative (1),
# präventive (2) und dialogfördernde (3) Projekte)" lists the categories as a list does, and
# so do "4 mit dem Rhein-Sieg-Kreis vergleichbare Kreise (Gütersloh, Lippe, Mettmann, Soest)".
_COUNTED_ENUMERATION_RE = re.compile(
    r"\b(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)\s+(?:[\w-]+\s+){0,4}?"
    r"[A-ZÄÖÜ][\w-]+\s*" + _ENUMERATED_RE.pattern
)
_ENGLISH_NUMBERS = {
    word: str(n)
    for n, word in enumerate(
        ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 2
    )
}
_ASKS_COUNTED_LIST_RE = re.compile(
    rf"\b(?:welche[nrms]?|which|wer sind die|who are the|what are the)\s+"
    rf"(\d+|{_NUMBER_WORDS}|{'|'.join(_ENGLISH_NUMBERS)})\s+\w",
    re.I,
)
_NUMBER_NAMES = dict(zip(map(str, range(2, 13)), _NUMBERS_SPELLED, strict=True))
LIST_MISSING = 0.6  # "Welche vier Ministerien …": a text that only counts them ("vier Ministerien")
MEMBERS_MISSING = 0.75  # share of coverage kept by a text without a list, for "wer gehört X an"
# The words of a members question that say belonging, not which body ("sitzt", "gehört").
_MEMBERSHIP_WORD_RE = re.compile(
    r"sitz|gehor|angehor|belong|member|mitglied|vertret|zusammen|besteht|represent"
)
# Abstract nouns a "welche" question may ask for: a danger, a concern, a reason, an aim.
_ABSTRACT_RE = re.compile(
    r"(?:gefahr|risiko|risiken|befürchtung|bedenken|sorge|problem|schwierigkeit|nachteil|"
    r"vorteil|grund|gründe|ziel|kritik|risk|risks|danger|concern|concerns|fear|fears|"
    r"problems|reason|reasons|aim|goal)\w{0,2}",
    re.I,
)
# "was macht X", "what does X do", "welche Aufgaben hat X": what a body or a role does
_ASKS_TASK_RE = re.compile(
    r"^\W*(?:was (?:macht|machen|tut|tun)\b|what (?:does|do)\b.*\bdo\W*$|"
    r"welche (?:aufgabe|aufgaben|funktion) (?:hat|haben)\b|"
    r"wof(?:ü|ue|u)r ist\b.*\bzust(?:ä|ae|a)ndig)",
    re.I,
)
# What a body or a role does: its task, how it works, what it steers or coordinates
_TASK_RE = re.compile(
    r"\b(?:fungier\w*|befass\w*|zuständig\w*|Aufgabe\w*|kümmer\w*|steuer\w*|gesteuert|"
    r"koordinier\w*|berät|unterstütz\w*|prüf\w*|organisier\w*|umfass\w*|"
    r"Ansprechpartner\w*|Vermittler\w*|verantwortlich\w*)",
    re.I,
)
# "mit wem …", "with whom", "who does the KI work with", "mit welchen Partnern": the partners
# of a work, which are bodies as often as people ("mit der Diakonie und dem Gesundheitsamt").
_ASKS_PARTNER_RE = re.compile(
    r"\bmit\s+wem\b|\bwith\s+whom\b|\bwho\b.*\bwith\b(?:\s+\w+){0,3}\W*$|"
    r"\bmit\s+welche[nm]\s+(?:\w+\s+)?(?:partner\w*|akteur\w*|organisation\w*|einrichtung\w*|"
    r"tr(?:ä|ae|a)ger\w*|stellen)\b|\bpartner(?:s|n)?\b|"
    # "wer ist beim Wertedialog dabei", "wer nimmt teil", "who takes part": the participants
    r"\bwer\b.*\b(?:dabei|beteiligt|teil|mit)\W*$|"
    # "wer war beim Wertedialog": who was there (the question ends with the event)
    r"\bwer\s+(?:war|ist|sind|waren)\s+(?:beim|bei\s+de[rm]|auf\s+de[rm])\s+\S+\W*$|"
    r"\bwho\b.*\b(?:takes? part|took part|participat\w*|involved|joins?|attend\w*)\b",
    re.I,
)
_PARTNER_RE = re.compile(
    r"\b(?:(?:zusammen|gemeinsam)\s+mit|(?:Kooperation|Zusammenarbeit|Abstimmung|Austausch)\s+mit|"
    r"mit\s+(?:der|dem|den)(?:\s+\w+)?\s+[A-ZÄÖÜ]|"
    # "mit Gisela Steinhauer und Fatih Cevikkollou": a first name and a family name
    r"mit\s+[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+\b)|"
    # "an dem … das Ministerium für Familie und Integration beteiligt sein werde"
    r"\b(?:der|die|das|den)\s+[A-ZÄÖÜ][\w-]+(?:\s+\w+){0,5}\s+(?:beteiligt|teilnehmen|teilnahmen|"
    r"mitwirken|mitwirkten)\b",
)
_ASKS_MEMBERS_RE = re.compile(
    # "wer ist in X vertreten" (not "wer hat X vertreten": a deputy)
    r"\b(?:(?:ist|sind|war|waren)\b.{0,60}\b(?:in|im)\b.{0,60}\bvertreten|"
    r"angeh(?:ö|oe|o)r\w*|geh(?:ö|oe|o)r(?:t|en|te|ten) [\w.]+(?: [\w.]+){0,8} an\b|"
    r"sitz(?:t|en) (?:alles |alle )?(?:in|im)\b|mitglied(?:er)?\b|members?\b|sits? on\b|"
    r"\bwho(?:'s|s| is| are| was| were) (?:in|on)\b(?! charge)|"
    # "wer ist in der Jury", "wer ist alles im Beirat" (not "wer ist im KI zuständig")
    r"^wer (?:ist|sind|war|waren) (?:alles |denn |eigentlich )?(?:in|im)\b"
    r"(?!.*\b(?:zust(?:ä|ae|a)ndig|verantwortlich|leit|vorsitz|sprecher|chef|ansprech))|"
    r"besteht aus|zusammengesetzt|zusammensetz\w*|"
    r"(?:is|are|was|were)\b.{0,40}\brepresented (?:in|on)\b|belongs? to\b)",
    re.I,
)
_NAMES_RE = re.compile(
    r"(?:[A-ZÄÖÜ][\w-]+(?:\s[A-ZÄÖÜ][\w-]+)*\s*(?:,|\bund\b|\bsowie\b)\s*(?:die\s|der\s|das\s)?)"
    r"{2,}[A-ZÄÖÜ]"
)
# What a definition looks like, near the term it defines: strong cues name what a thing is,
# weak ones what it does or who belongs to it.
_DEFINITION_STRONG = re.compile(
    r"\(nachfolgend|\bbefass\w* sich\b|\bhandel\w* es sich\b|\bumfass\w*\b|"
    r"\b(?:ist|sei|sind|seien) (?:ein|eine|das|der|die)\b|\bbezeichne\w*\b|\bversteh\w*\b|"
    r"\bd\.\s?h\.|\bdient\b|\bWeiterentwicklung\b|\bInstrument\b|\bgemeint\b|\bfungier\w*"
)
_COPULA_RE = re.compile(r"(?:ist|sei|sind|seien) ")  # of the strong cue "X ist ein …"
_DEFINITION_WEAK = re.compile(
    r"\bsog\.|\bZiel\b|\bAufgabe\w*\b|\bzuständig\b|\bsteuer\w*\b|\bgesteuert\b|"
    r"\bbesteh\w* aus\b|\bzusammen\w*setz\w*\b|\bBesetzung\b|\bwiederf[äa]nde\w*\b|"
    r"\bMitglied\w*\b|\bdarstell\w*\b|"
    # a relative clause after the term that says what is done with it: "den Integrationspreis
    # des Kreises, der in drei Kategorien verliehen und mit einem Preisgeld prämiert wurde"
    r",\s(?:der|die|das)\s(?=(?:[^.;]|\.(?=\d)){0,200}\b(?:wird|wurde|werden|wurden)\b)"
)
# Dates, years, clock times and numbered parts, which are no counts or amounts ("01.07.2020",
# "2022", "10/2013", "Moduls 2", "TOP 7").
_DATE_OR_YEAR_RE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?|\b\d{1,2}/(?:19|20)\d\d\b|"
    # (also as a compound's head: "Förderbaustein 6")
    r"\b(?:\w*(?:Modul|Baustein|Kategorie|Anlage)|Tagesordnungspunkt|TOP|Nr\.|§|Ziffer|Punkt|"
    r"Phase|Stufe|Kapitel|Abschnitt|Seite|Folie|Absatz|Abs\.)\w*\s+\d+\b|"
    r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)|\b\d{1,2}[:.]\d\d\s?uhr\b|"
    # a margin mark or a list label ("4b Mit dem Landrat …", "er- 4v bringt"): no count
    r"(?<![\w.,])\d[a-z](?!\w)",
    re.I,
)
_TOTAL_RE = re.compile(r"\b(?:Gesamt\w*|insgesamt|Summe|total)\b", re.I)
# Minutes report a member's question, then the answer in the next sentence.
_REPORTED_QUESTION_RE = re.compile(
    r"\b(?:erkundigte sich|fragte|fragten|Nachfrage|bat um|wollte wissen|interessiere)\b|"
    r"\bzu verstehen sei\b"
)
# A reported reply: "erklärte sie, dass …", "antwortete", "beantwortete dies damit".
_ANSWERS_RE = re.compile(
    r"\b(?:erklärte|erklärten|antwortete|antworteten|beantwortete|entgegnete)\b"
)
# Sentence openings that continue the sentence before: demonstratives and pronominal adverbs.
# Sentence openings that draw a consequence from the sentence before, which holds the reason.
# ("Da so die Zeit … fehlen würde, habe man sich … entschieden": "so" is the sentence before)
_CONSEQUENCE = r"Aus diese[mn] Gr(?:u|ü)nde?n?|Deshalb|Deswegen|Daher|Darum|Folglich|Somit|Da so"
_CONSEQUENCE_START_RE = re.compile(rf"(?:\W{{0,2}})(?:{_CONSEQUENCE})\b")
_LINKED_START_RE = re.compile(
    r"(?:\W{0,2})(?:Hier(?:für|zu|bei|mit|von|durch|aus)|Da(?:für|zu|bei|mit|von|durch|her|"
    r"rum|rüber|rin|nach|neben|raus)|Insgesamt|Grund dafür|Im weiteren (?:Prozess|Verlauf)|"
    r"Anschließend|Im Anschluss|"
    r"Dies(?:e[rsmn]?)?|Letztere[rs]?|Derzeit|Davon|Außerdem|Zudem|Allerdings|Jedoch|Denn|"
    rf"{_CONSEQUENCE})\b"
)
# Sentences that go on from the reason before them: consequences and concessions.
_REASON_BEFORE_RE = re.compile(
    rf"{_CONSEQUENCE_START_RE.pattern}|(?:\W{{0,2}})(?:Auch wenn|Allerdings|Dennoch|Trotzdem)\b"
)
REASON_BEFORE_BONUS = 0.08
# A sentence that announces what follows: "ging auf die Themenschwerpunkte ein", "berichtete
# über …", "stellte … vor", "informierte über".
_ANNOUNCES_RE = re.compile(
    r"\b(?:ging|gingen|geht)\b[^.;]{0,120}\bein\b|"
    r"\b(?:berichtete|informierte|referierte)\b[^.;]{0,80}\büber\b|\bstellte\b[^.;]{0,120}\bvor\b"
)
# A list's lead-in that points to what the text was about: "Folgende Projekte wurden
# ausgezeichnet:", "Die folgenden Kommunen haben teilgenommen:".
_FOLLOWING_RE = re.compile(
    r"(?:\W{0,2})(?:Folgende|Nachfolgende|Die (?:nach)?folgenden|Following|The following)\b"
    r"[^.!?]{0,120}:"
)
NEXT_SENTENCE_BONUS = 0.12  # for the sentence after one that announces or names the topic
# A sentence that begins with a demonstrative goes on about what the one before named.
_DEMONSTRATIVE_START_RE = re.compile(r"(?:\W{0,2})(?:Dieser|Diese|Dieses|Dies|Letztere[rs]?)\b")
_QUANTIFIER_RE = re.compile(r"alle|keine|beide[n]?", re.I)
# "wieviel lehrerstellen": typed on a phone, "wie viel" counts a plural noun too (not a verb
# that follows it, nor a mass: "wie viel kostet", "wie viel Geld", "wie viel Zeit").
_HOW_MANY_RE = re.compile(
    r"\bwie\s?viele[n]?\b|\bhow many\b|\banzahl\b|"
    r"\bwie\s?viel\s+(?!(?:haben|hatten|hätten?|werden|wurden|würden?|sollen|sollten?|"
    r"müssen|musste|müssten?|könnten?|wäre|wären|kosten|kostete|bekommen|kriegen|erhalten|"
    r"brauchen|geben|zahlen|weniger|kohle|hilfe|miete)\b)"
    r"[a-zäöüß-]{2,}(?:en|er|e)\b",
    re.I,
)
_PARTITIVE = frozenset({"der", "von", "davon", "unter", "of"})  # "4 der größeren Kommunen"
# Nouns that count whatever is asked about: units, shares, people in general ("ca. 200
# Personen" counts the Geduldeten of the sentence).
_COUNTER_RE = re.compile(
    r"(?:prozent|euro|mio|million|milliard|tausend|hundert|personen|menschen|leute|"
    r"people|person|percent|stell|vollzeit|std|stund|jahr|monat|woch|tag|mal|fach)",
    re.I,
)
_PRONOUN_RE = re.compile(r"\b(?:er|sie|ihm|ihr|ihn|dieser|diese|dieses|Letztere[rs]?)\b")
_NUMBER_RE = re.compile(rf"^(?:\d[\d.,:]*|{_NUMBER_WORDS})$", re.I)


@dataclass(frozen=True)
class Source:
    """Where a passage stands."""

    name: str
    title: str
    kind: str | None
    year: int | None
    date: str | None
    reference: str | None = None  # a paper's reference in the council information system
    web: str | None = None  # its page there


@dataclass(frozen=True)
class Hit:
    """One answer: quoted text, its source, and how sure the bot is."""

    text: str
    source: Source
    score: float
    coverage: float
    passage_ids: tuple[int, ...]
    full_text: str  # the whole window, untrimmed
    matched: frozenset[str] = frozenset()  # labels of the question's concepts it contains
    evidence: float = 1.0  # how clearly it holds the asked kind of fact (0 = not at all)
    quoted: bool = True  # the document's own words; False: a line the bot wrote from them


@dataclass(frozen=True)
class Answer:
    """What the bot says to a question."""

    question: str
    qtype: QType
    answered: bool
    hits: tuple[Hit, ...]
    confidence: Confidence | None
    as_of: int | None = None  # "Stand 2022" when several years speak of it
    corrections: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Scored:
    window: tuple[Candidate, ...]
    core: Candidate
    score: float
    coverage: float
    evidence: float = 1.0


def _asks_money(query: Query) -> bool:
    """A count asked in money: "Wie viel Geld …", "how much funding …"; or a money word
    asked for with "welche": "Welches Budget steht … zur Verfügung?", "Mit welchen
    Raumkosten rechnet …", "what budget …"."""
    if query.qtype == "quantity":
        return bool(_ASKS_MONEY_RE.search(query.text))
    if query.qtype == "which":
        asked = _WHICH_NOUN_RE.search(query.text)
        return bool(asked and _ASKS_MONEY_RE.fullmatch(asked.group(1)))
    return False


# Texts (passages, windows of them) whose readings that do not depend on the question are
# kept between questions: questions about one topic read the same texts again. Pure functions
# of the text, so nothing is stale when the base changes; at most TEXT_CACHE texts each, or
# PASSAGE_CACHE for a yes or no (a question reads some 150 passages), or TOKENS_CACHE for what
# holds every word of a text (tokens: some 15 kB for a window of three sentences; a question
# tokenises some 20 texts).
TEXT_CACHE = 4096
PASSAGE_CACHE = 20_000
TOKENS_CACHE = 1024


@lru_cache(maxsize=TOKENS_CACHE)
def _tokens(text: str) -> tuple[Token, ...]:
    """tokenize(text), kept: the texts of the front runners are read by several checks."""
    return tuple(tokenize(text))


@lru_cache(maxsize=TEXT_CACHE)
def _undated(text: str) -> str:
    """The text with its dates, years, labels' numbers and times blanked (no counts)."""
    return _DATE_OR_YEAR_RE.sub(" ", text)


@lru_cache(maxsize=PASSAGE_CACHE)
def _reports_question(text: str) -> bool:
    """Whether a text reports a member's question."""
    return _REPORTED_QUESTION_RE.search(text) is not None


@lru_cache(maxsize=PASSAGE_CACHE)
def _refers_to_event(text: str) -> bool:
    """Whether a text refers back to an event named before it."""
    return _EVENT_ANAPHOR_RE.search(text) is not None


@lru_cache(maxsize=PASSAGE_CACHE)
def _occurs(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a pattern of this module occurs in a text."""
    return pattern.search(text) is not None


def _has_amount(text: str) -> bool:
    """Whether a text names an amount of money (a date or a year is none)."""
    return bool(_AMOUNT_RE.search(_undated(text)))


@lru_cache(maxsize=TEXT_CACHE)
def _evidence(
    qtype: QType, text: str, *, point: bool = False, speakers: bool = True, single: bool = False
) -> float:
    """How clearly a text holds the kind of fact asked for: 0, weak (0.5), 1, or a list (1.6).
    A date or a year is no amount: "wie viel Geld …" is not answered by "bis 2022". A report's
    as-of date answers no "wann"; a duration answers no `point` question ("wann"). Without
    `speakers`, who reports ("berichtete Dezernent Schmitz") is no person asked for. When
    one thing is asked for (`single`: "Aus welchem Projekt …?"), a quoted name is one."""
    if qtype == "person" and not speakers:
        text = _SPEAKER_CLAUSE_RE.sub(" ", text)
    if qtype == "which":
        if _LISTED_RE.search(text) or _COUNTED_ENUMERATION_RE.search(text):
            return 1.6
        named = _NAMES_RE.search(text) or _ENUMERATED_RE.search(text)
        return 1.0 if named or (single and _QUOTED_RE.search(text)) else 0.0
    if qtype == "quantity":
        text = _undated(text)
    if qtype == "time":
        text = _AS_OF_RE.sub(" ", text)
        if not point and _DURATION_RE.search(text):
            return 1.0
    patterns = _EVIDENCE.get(qtype)
    if patterns is None:
        return 0.0
    strong, weak = patterns
    if strong.search(text):
        return 1.0
    return 0.5 if weak is not None and weak.search(text) else 0.0


_COUNT_BREAK_RE = re.compile(r"[\n,;:()\[\]]")  # what ends the words a number counts


def _counted(query: Query, text: str) -> float:
    """Bonus when a number stands right before what is counted: "11 Stellen", "222 Geduldeten",
    "19 kreisangehörigen Kommunen" (0.25 for the word after "wie viele", 0.05 for another word
    of the question; 0.3 when another word of the question stands right before the number:
    "die verbleibenden 7 Stellen"). A partitive count is of a part only ("4 der größeren
    Kommunen", "zwei von den Stellen"): it answers "wie viele X" less than the whole count does
    (-0.1)."""
    toks = _tokens(text)
    wanted = query_terms(query)
    focus = query.concepts[query.focus].terms() if query.focus is not None else set()
    best = 0.0
    for i, tok in enumerate(toks):
        if not _NUMBER_RE.match(tok.text):
            continue
        partitive = False
        end = tok.start + len(tok.text)
        for nxt in toks[i + 1 : i + 4]:
            if _COUNT_BREAK_RE.search(text, end, nxt.start):
                break  # "3 Arbeitskreisangebote\n- Leitung KIZ": the list counts no KIZ
            end = nxt.start + len(nxt.text)
            if nxt.text.lower() in _PARTITIVE:
                partitive = True
            terms = set(token_terms(nxt))
            if focus.intersection(terms):
                if not partitive:
                    # "die verbleibenden 7 Stellen" for "wie viele Stellen sind noch frei":
                    # the asked state stands with the number, not only near it
                    said = i > 0 and bool((wanted - focus) & set(token_terms(toks[i - 1])))
                    return 0.3 if said else 0.25
                best = min(best, -0.1) if best <= 0 else best
                break
            if wanted.intersection(terms):
                best = max(best, 0.05)
    return best


_ADJECTIVE_ENDS = ("en", "e", "er", "es", "em", "ing", "ed")


def _counts_in(number: str, question: str) -> bool:
    """Whether a question counts with a number: a small number before a word, after an
    article or an adjective ("die restlichen 7 Stellen", "the remaining 7 posts"), not after
    a noun that it labels ("Modul 3", "foerderbaustein 6") and no year ("2020 datum")."""
    if not number.isdigit() or len(number) > 3:
        return False
    toks = _tokens(question)
    for i, tok in enumerate(toks):
        if tok.text == number:
            before = fold(toks[i - 1].text) if i else ""
            counted = not before or before in stopwords() or before.endswith(_ADJECTIVE_ENDS)
            return counted and i + 1 < len(toks) and toks[i + 1].kind == "word"
    return False


def _labels_only(numbers: frozenset[str], text: str) -> bool:
    """Whether the numbers stand in a text only as labels after a capitalised noun
    ("Tagesordnungspunktes 7", "Folie 6"), never as counts."""
    toks = _tokens(text)
    for i, tok in enumerate(toks):
        if tok.text in numbers and not (i and toks[i - 1].text[:1].isupper()):
            return False
    return True


def _counts_only_others(wanted: set[str] | frozenset[str], text: str) -> bool:
    """Whether every number of a text counts a noun the question does not ask about: "von
    den 15 beteiligten Kommunen" answers no "wie viele Teilhabemanager". A number before a
    word asked, a unit or people in general ("200 Personen"), a partitive ("4 der …"), or
    one standing alone ("1:337") may count what is asked; labels ("Baustein 6"), dates and
    years are no counts."""
    toks = _tokens(_undated(text))
    others = 0
    for i, tok in enumerate(toks):
        if not _NUMBER_RE.match(tok.text) or _QUANTIFIER_RE.fullmatch(tok.text):
            continue
        if i and toks[i - 1].text[:1].isupper() and not _NUMBER_RE.match(toks[i - 1].text):
            continue  # "Folie 6", "Anlage 3": a label
        counted = None
        for nxt in toks[i + 1 : i + 4]:
            word = nxt.text
            if word.lower() in _PARTITIVE or wanted.intersection(token_terms(nxt)):
                return False
            if word[:1].isupper():
                counted = word
                break
        if counted is None:
            return False
        if _COUNTER_RE.match(fold(counted)) and not _counts_all_of(wanted, counted, toks):
            return False
        others += 1
    return others > 0


def _counts_all_of(wanted: set[str] | frozenset[str], counter: str, toks: Sequence[Token]) -> bool:
    """Whether a unit counts a whole the asked thing is part of: "insgesamt 5,5 Stellen
    (intern/extern und die Lehrerstellen …)" for "wie viele Lehrerstellen": the asked compound
    ends in the unit and stands uncounted in the text."""
    head = word_terms(counter)[0]
    compounds = {w for w in wanted if len(w) > len(head) and w.endswith(head)}
    return bool(compounds) and any(compounds.intersection(token_terms(t)) for t in toks)


def query_terms(query: Query) -> set[str]:
    """Every index term that matches some concept of the question."""
    return set().union(*(c.terms() for c in query.concepts)) if query.concepts else set()


def _term_offsets(query: Query, text: str) -> list[int]:
    """Character offsets where the question's concepts stand in a text."""
    wanted = query_terms(query)
    return [t.start for t in _tokens(text) if wanted.intersection(token_terms(t))]


@lru_cache(maxsize=TEXT_CACHE)
def _definition_cues(text: str) -> tuple[tuple[int, float, bool], ...]:
    """Where definition cues stand in a text, each with its bonus, and whether the term
    must stand before it: "X ist ein …" defines X, not a term after it ("… sei die Aktion
    ein voller Erfolg gewesen, sodass der Integrationspreis …")."""
    return tuple(
        (m.start(), bonus, bool(_COPULA_RE.match(m.group())) or m.group().startswith(","))
        for pattern, bonus in ((_DEFINITION_STRONG, 0.12), (_DEFINITION_WEAK, 0.06))
        for m in pattern.finditer(text)
    )


def _definition_bonus(query: Query, text: str) -> float:
    """Bonus for a definition cue standing close to a term of the question."""
    cues = _definition_cues(text)
    if not cues:
        return 0.0  # no cue: the text need not be tokenized
    offsets = _term_offsets(query, text)
    best = 0.0
    for start, bonus, after_term in cues:
        if any(
            0 <= start - o <= CUE_REACH or (not after_term and 0 < o - start <= CUE_REACH)
            for o in offsets
        ):
            best = max(best, bonus)
    return best


def _put_right(query: Query, label: str) -> str:
    """A question word folded, as put right when it was typed wrong: a word is judged as
    meant ("Integrationspreisverleihnug" is a Verleihung, "zielgrupe" a German noun)."""
    folded = fold(label)
    return next((fold(r) for t, r in reversed(query.corrections) if fold(t) == folded), folded)


def _asks_thing_of(concept: Concept, query: Query) -> bool:
    """Whether a concept of a two-word question is a noun asked about besides the
    abbreviation ("Zielgruppe", "zielgrupe" of "zielgrupe kim"): a German word (as put
    right), neither a verb, a light verb nor a frame word ("macht", "bedeutung")."""
    folded = _put_right(query, concept.label)
    return (
        concept.kind == "word"
        and folded not in light_verbs()
        and folded not in frame_words()
        and not looks_like_verb(concept.label)
        and is_german_word(folded)
    )


def _placed_in_term(query: Query) -> bool:
    """Whether the abbreviations of a question only say where what it asks about is: "Welche
    Rolle kommt dem Case Management im KIM zu?" is about Case Management, not what KIM is
    (each abbreviation after a preposition, and another word asked besides the frame)."""
    return bool(query.abbreviations) and (
        all(
            re.search(
                rf"\b(?:im|beim|in|vom|von|für|fur|zum|zur|des)\s+{re.escape(a)}\b",
                query.text,
                re.I,
            )
            for a in query.abbreviations
        )
        and any(
            c.kind == "word"
            and fold(c.label) not in light_verbs()
            and fold(c.label) not in frame_words()
            for c in query.concepts
        )
    )


def _category_terms(concept: Concept) -> set[str]:
    """A category noun's terms, and its word's own stem: "Entgeltgruppe", unknown to the
    documents, is searched by its part "Gruppe" but looked up as itself."""
    return {*concept.terms(), *word_terms(concept.label)[:1]}


def _unfolded(term: str) -> str:
    """A pattern for a folded term as written: "forderbaustein" matches "Förderbaustein"."""
    swaps = {"a": "[aä]", "o": "[oö]", "u": "[uü]"}
    return "".join(swaps.get(ch, re.escape(ch)) for ch in term).replace("ss", "(?:ss|ß)")


def _part_alternation(concept: Concept) -> str:
    """A pattern for the word of a numbered part as written: "modul", or in English
    questions its German words too ("baustein|forderbaustein")."""
    return "|".join(_unfolded(w) for w in (concept.parts[0], *concept.part_words))


def _part_pattern(concept: Concept) -> re.Pattern[str]:
    """'Modul 2' -> the word (any ending) right before the number, or before a list of numbers
    that ends with it: "Modul 2", "Moduls 2", "Modulen 1 und 2"; not "Module 1 bis 3"."""
    number = concept.label.rsplit(" ", 1)[-1]
    words = _part_alternation(concept)
    return re.compile(
        rf"\b\w*(?:{words})\w*[“\"]?\s+(?:\d+\s*(?:,|und|sowie|bzw\.?|or|and)\s*)*"
        rf"{re.escape(number)}\b(?!\s*bis)",
        re.I,
    )


def _part_word_pattern(concept: Concept) -> re.Pattern[str]:
    """'Modul 2' -> the word of the part before any number: "Modul 3", "Moduls 1"."""
    words = _part_alternation(concept)
    return re.compile(rf"\b\w*(?:{words})\w*[“\"]?\s+\d+\b", re.I)


def _credits(
    f: _Features, window: tuple[Candidate, ...], core: Candidate, context: frozenset[str]
) -> dict[str, float]:
    """Credit each question term earns: the core sentence's words 1, the other sentence of a
    two-sentence answer 0.85, table header or list lead-in 0.8, the document's year 0.8, a
    distinctive word of the document's title 0.7, a speaker named in the sentences around 0.8,
    other words of the sentences around 0.5."""
    credits = dict.fromkeys(context, CONTEXT_CREDIT)
    credits.update(dict.fromkeys(f.speakers.get(core.passage_id, ()), SPEAKER_CREDIT))
    credits.update(dict.fromkeys(f.referred.get(core.passage_id, ()), SPEAKER_CREDIT))
    credits.update(dict.fromkeys(f.titled.get(core.doc_id, ()), TITLE_CREDIT))
    placed = f.placed.get(core.doc_id)
    if placed is not None and not any(_names_other_place(c.text, placed[1]) for c in window):
        # A paper of a town speaks of that town: unless the sentences name another place
        # ("Kostenaufstellung … Rhein-Sieg-Kreis" is the Kreis's, not Troisdorf's).
        credits.update(dict.fromkeys(placed[0], TITLE_CREDIT))
    credits.update(dict.fromkeys(f.dated.get(core.doc_id, ()), LEAD_CREDIT))
    credits.update(dict.fromkeys(f.announced.get(core.passage_id, ()), LEAD_CREDIT))
    for c in window:
        credits.update(dict.fromkeys(f.lead(c), LEAD_CREDIT))
    for c in window:
        if c is not core:
            credits.update(dict.fromkeys(f.own(c), NEIGHBOUR_CREDIT))
    credits.update(dict.fromkeys(f.own(core), 1.0))
    return credits


class _Features:
    """Per-passage features, computed once per question however many windows use them."""

    def __init__(self, query: Query, sources: Mapping[int, Source] | None = None) -> None:
        self.query = query
        self.wanted = frozenset(query_terms(query))
        self.parts = [c for c in query.concepts if c.kind == "part"]
        self.categories = any(c.kind == "category" for c in query.concepts)
        # Numbers the question counts with ("die restlichen 7 Stellen"): a text that has them
        # only as labels ("Tagesordnungspunkt 7", "Folie 7") does not name them.
        # (read as corrected: "förderbaustien 6" is "förderbaustein 6", a label, though
        # the typo ends like an adjective)
        corrected = query.text
        for typed, fixed in query.corrections:
            corrected = re.sub(rf"\b{re.escape(typed)}\b", fixed, corrected)
        self.counts = frozenset(
            c.label for c in query.concepts if c.kind == "number" and _counts_in(c.label, corrected)
        )
        # Names of places and the like ("im Kreis Mettmann"): no German word, known to the
        # documents as itself. An answer about another place ("die Leitung des KI" of the
        # Rhein-Sieg-Kreis) does not name it.
        places = {fold(m.group(1)) for m in _PLACE_NAME_RE.finditer(query.text)}
        if not is_english(tokenize(query.text)):  # ("involved in developing")
            places |= {fold(m.group(1)) for m in _TYPED_PLACE_RE.finditer(query.text)}
        self.names = tuple(
            c.terms()
            for c in query.concepts
            if c.kind == "word"
            and fold(c.label) in places
            and c.alternatives.get(fold(c.label)) == 1.0
            and not is_german_word(fold(c.label))
        )
        # "Frauen", "Herren" asked for: their term ("frau", "herr") also stands for a title
        self.people_terms = (
            frozenset(
                t for c in query.concepts if fold(c.label) in _PEOPLE_WORDS for t in c.terms()
            )
            & _TITLE_TERMS
        )
        self.category_terms = frozenset(
            t
            for c in query.concepts
            if query.qtype == "which" and c.kind == "category"
            for t in c.terms()
        )
        # "Welche Gefahr …", "which risk": an abstract thing, which the answer names as such
        # or in its words ("befürchten"), not by a name as projects or towns are
        self.abstract_terms = frozenset(
            t
            for c in query.concepts
            if query.qtype == "which" and c.kind == "category" and _ABSTRACT_RE.fullmatch(c.label)
            for t in c.terms()
        )
        # "In welche Entgeltgruppe …?" where no document knows the word (only a part of it,
        # "Gruppe"): names or lists in a text cannot be instances of it.
        # "Welche Fraktion …?": a category whose instances are a closed set (the parties); a
        # text naming none of them does not answer, whatever else it names.
        closed = sorted(
            {
                name
                for c in query.concepts
                if c.kind == "category"
                for t in _category_terms(c)
                for name in category_instances().get(t, ())
            }
        )
        self.instance_re = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, closed)) + r")\b", re.I)
            if closed
            else None
        )
        self.unknown_category = any(
            c.kind == "category" and max(c.alternatives.values(), default=0.0) < 0.8
            for c in query.concepts
        )
        # "Wer hat nach … gefragt?" asks for the question itself, not for its reply.
        # ("wer wollte wissen, was …": the words of asking are no concepts there)
        self.about_asking = any(_ASKING_RE.match(c.label) for c in query.concepts) or bool(
            _WANTED_TO_KNOW_RE.search(query.text)
        )
        # "Für wen ist … gedacht?", "for whom": the people it is meant for.
        self.for_whom = query.qtype == "person" and bool(_FOR_WHOM_RE.search(query.text))
        # "mit wem …": partners, bodies as often as people, and no single name
        self.partners = bool(_ASKS_PARTNER_RE.search(query.text))
        # "was macht X", "what does X do", "welche Aufgaben hat X": what X does
        self.asks_task = query.qtype in ("other", "definition", "which") and bool(
            _ASKS_TASK_RE.search(query.text)
        )
        # "Wie heißt …?", or "Wer ist Landrat?" (who holds a single role): a name is asked for;
        # not "wer ist alles in der Gruppe": its members may be bodies ("das Jobcenter").
        self.wants_name = (
            query.qtype == "person"
            and not self.for_whom
            and not self.partners
            and (
                bool(_ASKS_NAME_RE.search(query.text))
                or (len(query.concepts) == 1 and not _ASKS_MEMBERS_RE.search(query.text))
            )
        )
        # "Was ist KIM?" is about the abbreviation; "fill all KIM jobs" about something of it.
        # ("KIM für welche Zielgruppe" asks for instances of a category, not what KIM is)
        # ("wo muss man KIZ beantragen" asks a place: a passage spelling KIZ out is no answer)
        # ("zielgruppe kim" asks for the target group of KIM, a noun besides the abbreviation)
        self.about_term = (query.qtype == "definition" and not _placed_in_term(query)) or (
            len(query.concepts) <= 2
            and not self.categories
            and query.qtype not in ("place", "time", "quantity", "reason", "person")
            and not any(_asks_thing_of(c, query) for c in query.concepts)
        )
        # The weightiest words asked ("wie lange ging die Modellphase von Einwanderung
        # gestalten": Modellphase, Einwanderung).
        self.anchor = _weightiest_terms(query, share=1.0)
        self._part_res = [_part_pattern(c) for c in self.parts]
        self._part_word_res = [_part_word_pattern(c) for c in self.parts]
        self._names: dict[tuple[int, int], bool] = {}
        self._own: dict[int, frozenset[str]] = {}
        self._named: dict[int, frozenset[str]] = {}
        self._lead: dict[int, frozenset[str]] = {}
        self._bonus: dict[int, float] = {}
        # Per passage: the question's terms that name a person in the sentences around it.
        self.speakers: dict[int, frozenset[str]] = {}
        # The clause naming who "er" or "sie" is, for a "wer"-question (see _speaker_lead)
        self.leads: dict[int, str] = {}
        # Per passage that refers back to an event ("An der Veranstaltung …"): the question's
        # terms in the two sentences before, which name it.
        self.referred: dict[int, frozenset[str]] = {}
        # Passages with the asked numbered parts named in the sentences around them.
        self.part_near: set[int] = set()
        # Per item of an enumeration: the question's terms in the sentence announcing it.
        self.announced: dict[int, frozenset[str]] = {}
        self.follows: set[int] = set()  # lists whose lead-in points back ("Folgende …:")
        self.other_items: dict[int, frozenset[str]] = {}
        self._asked: dict[int, bool] = {}
        self._coverage: dict[int, float] = {}
        self._proximity: dict[int, int] = {}
        self._evidence: dict[str, float] = {}
        self._named_things: dict[str, bool] = {}
        # Per passage (or text), what windows would otherwise work out again for each window
        # that holds it: a question scores some 65 windows of about 30 passages.
        self._found: dict[tuple[re.Pattern[str], int], bool] = {}
        self._dated_ids: dict[int, bool] = {}
        self._roles: dict[int, bool] = {}
        self._event_forms: dict[int, list[str]] = {}
        self._amounts: dict[str, bool] = {}
        self._others: dict[str, bool] = {}
        self._echo: dict[int, bool] = {}
        self._bare: dict[str, bool] = {}
        # "Wie viel Geld …", "how much funding …": only an amount of money answers.
        self.money = _asks_money(query)
        # The terms of the question's verb of receiving ("erhalten", "bekommen", "won"): a
        # text that says who was awarded ("ausgezeichnet", "verliehen") says who received.
        self.received_terms = frozenset(
            t for c in query.concepts if _RECEIVED_RE.fullmatch(c.label) for t in c.terms()
        )
        # The terms of the question's money word ("Geld", "Kosten", "funding").
        self.money_terms = frozenset(
            t
            for c in query.concepts
            if self.money and _ASKS_MONEY_RE.fullmatch(c.label)
            for t in c.terms()
        )
        # "Wer ist in X vertreten", "wer gehört X an", "who sits on X": X's members.
        # ("Welche Akteure sind in X vertreten?" asks the same.)
        self.members = query.qtype in ("person", "which") and bool(
            _ASKS_MEMBERS_RE.search(query.text)
        )
        # The body whose members are asked ("die KIM-Lenkungsgruppe"): its list names it.
        body = _weightiest(query, share=0.5, skip=_MEMBERSHIP_WORD_RE) if self.members else []
        self.body = frozenset(t for c in body for t in c.terms())
        # "wer ist in der Jury": the texts have only a "Jurytermin", a compound it begins
        self.body_only_begins = any(_only_begins(c) for c in body)
        # "Welche vier Ministerien …?", "wer sind die 5 Vertreter": so many things, by name.
        listed = _ASKS_COUNTED_LIST_RE.search(query.text)
        # ("welche 2 schwerpunkte": the number is how many the list holds, not a word in it)
        self.list_count = frozenset(
            t
            for c in query.concepts
            if listed and c.kind == "number" and c.label == listed.group(1)
            for t in c.terms()
        )
        # (and how a text that counts them writes that number: "5" or "fünf"; None when no
        # number of things is asked)
        number = listed.group(1).lower() if listed else ""
        number = _ENGLISH_NUMBERS.get(number, number)  # "Which five …": "fünf", "5"
        self.list_count_re = (
            re.compile(rf"\b(?:{number}|{_NUMBER_NAMES.get(number, number)})\b", re.I)
            if listed
            else None
        )
        # "Wann …" asks for a point in time; "seit wann", "wie lange" for a period too.
        self.point = bool(_ASKS_POINT_RE.search(query.text)) and not _ASKS_PERIOD_RE.search(
            query.text
        )
        self.period = bool(_ASKS_PERIOD_RE.search(query.text))  # "wie lange", "seit wann"
        self.deadline = bool(_ASKS_DEADLINE_RE.search(query.text))  # "bis wann soll …"
        self.since = bool(_ASKS_SINCE_RE.search(query.text))  # "seit wann gibt es …"
        # "Seit wann leitet Frau X das KI?": when she took on that role, which a date in a
        # sentence without it does not say
        self.time_role = frozenset(
            t
            for c in query.concepts
            if query.qtype == "time" and c.kind == "word" and _ROLE_RE.match(fold(c.label))
            for t in c.terms()
        )
        self.day = bool(_ASKS_DAY_RE.search(query.text))  # "an welchem Tag …"
        self.often = bool(_ASKS_FREQUENCY_RE.search(query.text))  # "wie oft …"
        self.where_to = query.qtype == "place" and bool(_ASKS_WHERE_TO_RE.search(query.text))
        # "Wo wurde über den Stand berichtet?": where something was said is a body
        self.where_said = query.qtype == "place" and bool(_SAID_RE.search(query.text))
        self.how_long = query.qtype == "time" and bool(_HOW_LONG_RE.search(query.text))
        self.event = _event_terms(query, point=self.point)
        # "wann startet Baustein 6": when it begins, which a date of a decision does not say
        # (an event asked, "wann beginnt die Veranstaltung", begins on its date)
        self.since = self.since or (bool(_ASKS_START_RE.search(query.text)) and not self.event)
        # "Wann sind die Sitzungen?" asks for several events itself.
        self.plural_event = any(
            fold(c.label).endswith("ungen") for c in query.concepts if self.event & set(c.terms())
        )
        self.which_of = query.qtype == "which" and bool(_WHICH_OF_RE.search(query.text))
        # "Welches Projekt …?", "which institutions …": the answer names one (see
        # NAMES_MISSING).
        self.named_category = query.qtype == "which" and any(
            c.kind == "category" and _category_terms(c) & named_categories() for c in query.concepts
        )
        # "wer ist Frau Dinstühler?", "who is Farshi": asks what the person is; a sentence
        # that names her with her function ("die Leiterin des KI, VA’e Frau Dinstühler")
        # answers better than one where she merely speaks.
        self.who_is = (
            frozenset(c.label for c in query.concepts if c.kind == "word" and c.importance > 1)
            if query.qtype == "person" and asks_who_is(query.text)
            else frozenset()
        )
        # "Wer war der Landrat, als …?": a text that names someone in that function answers
        # ("Landrat Schuster", "die Leiterin des KI, VA’e Frau Dinstühler"); "zwischen dem
        # Landrat und den Bürgermeistern" names no one.
        holder = (
            _FUNCTION_NOUN_RE.search(query.text.title())
            if query.qtype == "person" and _ASKS_HOLDER_RE.match(query.text)
            else None
        )
        self.holder = fold(holder.group(0))[:4] if holder else ""
        # "Welche Funktion hat Herr Liermann?": only a text that names his function answers.
        function_of = _FUNCTION_OF_RE.search(query.text)
        self.function_of = frozenset([function_of.group(1).lower()] if function_of else [])
        unnamed = [c for c in query.concepts if not _FUNCTION_WORD_RE.fullmatch(c.label)]
        if (
            not self.function_of
            and len(unnamed) == 1
            and len(query.concepts) == 2
            and unnamed[0].kind == "word"
            and len(unnamed[0].label) >= 4
            and not is_german_word(fold(unnamed[0].label))
            and fold(unnamed[0].label) not in english_glossary()
        ):
            # "dinstühler funktion", "welche rolle hat farshi": only a function word and a name
            # typed without its title, which no German or English dictionary knows
            self.function_of = frozenset([unnamed[0].label.lower()])
        self.function_terms = (
            frozenset(
                t for c in query.concepts if _FUNCTION_WORD_RE.fullmatch(c.label) for t in c.terms()
            )
            if self.function_of
            else frozenset()
        )
        # "which of the applicants got the seal": "got" is a light verb, no concept; the
        # answer must still say who was given it.
        # "Wer hat das Siegel erhalten?", "who got the seal": the same for a person asked for.
        # "Hat das Gymnasium das Siegel erhalten?": that it applied says no such thing.
        self.got = (self.which_of and not self.event and bool(_GOT_RE.search(query.text))) or (
            query.qtype in ("person", "other", "which") and bool(_RECEIVED_RE.search(query.text))
        )
        # The word "wie viele" counts ("wie viele Gestattete"), and its terms.
        focus = query.concepts[query.focus] if query.focus is not None else None
        counting = query.qtype == "quantity"
        self.counted = frozenset(focus.terms()) if counting and focus else frozenset()
        self.counts_other_than_time = counting and not (
            focus is not None and _TIME_UNIT_RE.match(fold(focus.label))
        )
        # "wie viele Teilhabemanager" counts things ("wie viel zahlt das Land" an amount)
        self.counts_things = self.counts_other_than_time and bool(_HOW_MANY_RE.search(query.text))
        # "an welchem genauen Datum": a day must stand in the answer
        self.exact_date = bool(_ASKS_EXACT_DATE_RE.search(query.text))
        # the age of people ("wie alt ist Frau X", "what age group do the adults …"), not
        # of a thing ("wie alt darf das Konzept sein": a span of years)
        self.asks_age = bool(_ASKS_AGE_RE.search(query.text)) and bool(
            _PEOPLE_ASKED_RE.search(query.text) or _NAMES_SPEAKER_RE.search(query.text)
        )
        # "wie heißt das Gymnasium": its name, not "das Gymnasium in Eitorf"; "wie heißt das
        # Gesetz": "im Teilhabe- und Integrationsgesetz" names one (a person's name, "wie
        # heißt der Neubürgerbeauftragte", is asked for as wants_name)
        named = _NAME_OF_RE.search(query.text) if query.qtype == "which" else None
        self.name_of = word_terms(named.group(1) or named.group(2))[0] if named else ""
        # "In welchen Städten …", "which towns": places by name are asked for
        self.places_asked = (
            query.qtype == "which"
            and any(
                c.kind == "category" and _PLACE_KIND_RE.fullmatch(fold(c.label))
                for c in query.concepts
            )
        ) or (query.qtype == "place" and bool(_IN_WHICH_TOWN_RE.search(query.text)))
        # "wie viele haben sich beworben": counts whoever did it, named one by one
        self.counts_whoever = self.counts_things and query.focus is None
        # "Wann fand die Implementierungsveranstaltung statt?": the verb only says that the
        # event happened; a sentence that dates the event ("In der … am 05.02.2021") says so.
        self.happening = frozenset(
            t
            for c in query.concepts
            if self.point
            and c.kind == "word"
            and (fold(c.label) in light_verbs() or c.label in _LIGHT_PARTICIPLES)
            for t in c.terms()
        )
        self.role_object = _role_object(query) if query.qtype == "person" else frozenset()
        # A person the question names, as the texts write them ("Frau Dinstühler"): in "wer
        # hat Dinstühler vertreten" another person answers (asked_person); in "wer ist Fleck"
        # the name with its title says who that is ("fragte Abg. Dr. Fleck", titled_asked).
        names = [c for c in query.concepts if c.kind == "word"] if query.qtype == "person" else []
        named_re = (
            re.compile(
                _TITLE
                + "(?:"
                + "|".join(_unfolded(t) for c in names for t in word_terms(c.label)[:1])
                + r")\w*",
                re.I,
            )
            if names
            else None
        )
        who_is = asks_who_is(query.text)
        self.asked_person = None if who_is else named_re
        self.titled_asked = named_re if who_is else None
        # "Wer hat den Preis gewonnen?" is not answered by who reported on it ("berichtete
        # Dezernent Schmitz"); "Wer hat berichtet?", "Wer fragte?" are.
        self.single = bool(_ASKS_ONE_RE.search(query.text))  # "welches Projekt", "welchem"
        self.speakers_answer = self.about_asking or bool(_ASKS_SPEAKER_RE.search(query.text))
        self.past = _asks_past(query.text)  # asks what happened, in the past tense
        # "wann ist die nächste Lenkungsgruppe": a date ahead, not "letzte Woche"
        self.upcoming = self.point and bool(_ASKS_NEXT_RE.search(query.text))
        # Years and months a "wann" question names itself ("im Februar 2011 veröffentlicht"),
        # standing alone (not inside a date: "16.06.2020" answers "wann im Jahr 2020")
        given = [
            m.group(0) for m in re.finditer(rf"\b(?:(?:19|20)\d\d|{_MONTHS})\b", query.text, re.I)
        ]
        self.asked_dates = (
            re.compile(rf"(?<![\d.])\b(?:{'|'.join(map(re.escape, given))})\b(?![.\d])", re.I)
            if self.point and given
            else None
        )
        # What the sentence of a paper's form fields answers (knowledge/paperfacts.py): when
        # (not what comes next), or one of its fields named ("Tagesordnungspunkt", "Datum").
        self.asks_paper_field = not self.upcoming and (
            query.qtype == "time" or bool(_PAPER_FIELD_RE.search(query.text))
        )
        # "warum macht der Kreis nicht mit": the answer says no too ("gegen … entschieden").
        self.negated = bool(_NEGATED_RE.search(query.text))
        # a web or mail address ("wie heißt die Webseite"; not "when did the website go
        # online": a time asked of it)
        self.wants_address = query.qtype not in ("time", "reason") and bool(
            _ASKS_ADDRESS_RE.search(query.text)
        )
        self.wants_vote = bool(_ASKS_VOTE_RE.search(query.text))  # how a body voted
        self.asks_content = bool(_ASKS_CONTENT_RE.search(query.text))  # what a paper says
        self.yes_no = query.qtype == "other" and is_yes_no(query.text)
        # "Sind alle Stellen besetzt?", "Ist KIM gesetzlich verankert worden?": what is asked
        # of the topic, the German verb or adjective at the end; a text without it answers no
        # yes/no. (English puts it elsewhere: "Has KIM been put into law at state level?")
        # (the other choice "…, oder ist dies nur beabsichtigt?" is not what is asked)
        asked = query.concepts[: query.choice]
        last = asked[-1] if asked else None
        # So is the state counted in "wie viele Stellen sind schon besetzt": "1,5 Stellen
        # vorgesehen" counts posts planned, not filled.
        ends = _PARTICIPLE_END_RE.search(query.text) if query.qtype == "quantity" else None
        counted_state = (
            ends is not None
            and last is not None
            and fold(ends.group(2) or ends.group(1)) == fold(last.label)
            and not is_english(tokenize(query.text))
        )
        # A verb for sure, after a passive's auxiliary ("wurden beraten") or written lower
        # case among capitalised nouns ("… Lehrerstellen waren … vorgesehen?"; not "… in den
        # Gemeinden?"): the count's own sentence must say its state.
        self.counted_state = (
            counted_state
            and ends is not None
            and (
                ends.group(2) is not None
                or (ends.group(1)[:1].islower() and bool(_CASED_RE.search(query.text)))
            )
        )
        self.predicate = (
            frozenset(last.terms())
            if ((self.yes_no and is_yes_no(query.text, german=True)) or counted_state)
            and last is not None
            and last.kind == "word"
            and last.label.islower()
            # "wurde die Evaluation schon gemacht": a light verb asks only whether it was
            and fold(last.label) not in light_verbs()
            else frozenset()
        )
        # Years the question asks about, each with the terms that name it.
        self.years = {
            c.label: frozenset(c.terms())
            for c in query.concepts
            if c.kind == "number" and YEAR_TERM_RE.match(c.label)
        }
        # Years of an event, not the start of a period ("Schwerpunkt ab 2020", "seit 2019"):
        # a paper older than the start may well say what holds from then on.
        self.event_years = [
            y
            for y in self.years
            if not re.search(rf"\b(?:ab|seit|since|from)\s+{y}\b", query.text, re.I)
        ]
        # "bis wann wird KIM nach 2022 gefördert": the answer is a time after that year; a
        # text whose times are that year or before ("bis 2022 ausgelegt") answers no such thing.
        after = _AFTER_YEAR_RE.search(query.text) if query.qtype == "time" else None
        self.after_year = int(after.group(1)) if after else None
        self.sources = sources or {}
        # Per document: the question's year when it is the document's year ("Konzept 2013").
        self.dated = {
            doc_id: year_terms
            for doc_id, source in (sources or {}).items()
            if source.year and (year_terms := self.wanted & {str(source.year)})
        }
        # Per document: the question's terms among the distinctive words of its title.
        self.titled = {
            doc_id: titled
            for doc_id, source in (sources or {}).items()
            if (titled := self.wanted & (title_terms(source.title) | title_names(source.title)))
        }

        # Per document: the question's terms among the places its title names ("Vorlage Stadt
        # Troisdorf"), with their names as written.
        self.placed = {
            doc_id: (placed, names)
            for doc_id, source in (sources or {}).items()
            for names, terms in [title_places(source.title)]
            if (placed := self.wanted & terms)
        }

    def names_part(self, c: Candidate, index: int) -> bool:
        """Whether the passage names the numbered part the question asks about."""
        key = (c.passage_id, index)
        if key not in self._names:
            self._names[key] = bool(self._part_res[index].search(c.text))
        return self._names[key]

    def names_other_part(self, c: Candidate) -> bool:
        """Whether the passage names a part of the asked kind with another number only
        ("Modul 3" for "Modul 2")."""
        return any(
            not self.names_part(c, i) and pattern.search(c.text)
            for i, pattern in enumerate(self._part_word_res)
        )

    def named(self, c: Candidate) -> frozenset[str]:
        """The question's terms among the persons the passage names ("Herr Liermann")."""
        if c.passage_id not in self._named:
            names = (m.group(1) for m in _SPEAKER_RE.finditer(c.text))
            self._named[c.passage_id] = self.wanted.intersection(
                t for name in names for t in word_terms(name)[:1]
            )
        return self._named[c.passage_id]

    def own(self, c: Candidate) -> frozenset[str]:
        """The question's terms among the passage's own words. "Frauen" asked for is not
        found in a title before a name ("Frau Dinstühler ergänzte …")."""
        if c.passage_id not in self._own:
            own = self.wanted.intersection(c.terms)
            if not own.isdisjoint(self.people_terms) and not _PEOPLE_RE.search(c.text):
                own = own - self.people_terms
            if not own.isdisjoint(self.counts) and _labels_only(self.counts & own, c.text):
                own = own - self.counts
            self._own[c.passage_id] = own
        return self._own[c.passage_id]

    def lead(self, c: Candidate) -> frozenset[str]:
        """The question's terms in the passage's table header or list lead-in."""
        if c.passage_id not in self._lead:
            self._lead[c.passage_id] = self.wanted.intersection(c.lead_terms)
        return self._lead[c.passage_id]

    def own_coverage(self, c: Candidate) -> float:
        """Share of the question the passage's own words cover."""
        if c.passage_id not in self._coverage:
            self._coverage[c.passage_id] = coverage(self.query, dict.fromkeys(self.own(c), 1.0))
        return self._coverage[c.passage_id]

    def proximity(self, c: Candidate) -> int:
        """Question concepts next to each other in the passage (search.proximity), once."""
        if c.passage_id not in self._proximity:
            self._proximity[c.passage_id] = proximity(self.query, c.terms)
        return self._proximity[c.passage_id]

    def names_thing(self, text: str) -> bool:
        """_names_thing for the thing whose name is asked (name_of), once per text."""
        if text not in self._named_things:
            self._named_things[text] = _names_thing(self.name_of, text)
        return self._named_things[text]

    def evidence(self, text: str) -> float:
        """_evidence for the question's type, once per text (windows share their texts)."""
        key = text
        if key not in self._evidence:
            if self.asked_person is not None:
                # "wer hat Frau Dinstühler vertreten": she is not who is asked for
                text = self.asked_person.sub(" ", text)
            # "Wie viele Einbürgerungen …?" is not answered by "seit fast 20 Jahren": a span
            # of time counts nothing else (unless years or months are what is counted).
            judged = _DURATION_RE.sub(" ", text) if self.counts_other_than_time else text
            if self.counts_things and not self.asks_age:
                judged = _AGE_RE.sub(" ", judged)  # "die 18 bis 27-Jährigen" counts no one
            if self.upcoming:
                judged = _DONE_ON_DATE_RE.sub(" ", _PAST_RELATIVE_RE.sub(" ", judged))
            if self.asked_dates is not None:
                # "Wann wurde mit der Erarbeitung des im Februar 2011 veröffentlichten
                # Konzepts begonnen?": the date the question gives is not the one it asks
                judged = self.asked_dates.sub(" ", judged)
            value = _evidence(
                self.query.qtype,
                judged,
                point=self.point,
                speakers=self.speakers_answer,
                single=self.single,
            )
            if self.name_of and value < 1.0 and self.names_thing(text):
                value = 1.0  # "wie heißt das Gesetz": "im Teilhabe-und Integrationsgesetz"
            if self.counts_whoever and value < 1.0 and _ARTICLE_LIST_RE.search(judged):
                # "wie viele haben sich beworben": "das Jobcenter, die Stadt Troisdorf, die
                # Gemeinde Swisttal und das Gymnasium" can be counted
                value = 1.0
            if self.where_said and value < 1.0 and _AT_BODY_RE.search(text):
                value = 1.0  # "wo wurde berichtet": "beim Arbeitskreis der Integrationsräte"
            if self.asks_task and value < 1.0 and _TASK_RE.search(text):
                value = 1.0  # "was macht die Lenkungsgruppe": "… von der Lenkungsgruppe …
                # gesteuert", "fungiere dabei als Management Support System"
            if self.titled_asked is not None and value < 1.0 and self.titled_asked.search(text):
                value = 1.0
            if self.places_asked and value < 1.0 and _PLACE_NAMED_RE.search(text):
                value = 1.0  # "welche Kommune ist die einwohnerstärkste": "die Stadt Troisdorf"
            if self.partners and value < 1.0 and _PARTNER_RE.search(text):
                value = 1.0  # "mit wem": "zusammen mit der Diakonie und dem Gesundheitsamt"
            if self.money and value > 0 and not self.has_amount(text):
                value = 0.0  # "wie viel Geld …": a count of posts or a year is no amount
            if self.period and value == 1.0 and _SPAN_RE.search(text):
                value = PERIOD_EVIDENCE  # "wie lange": "von März 2012 bis Oktober 2012"
            if self.deadline and value >= 1.0 and _DEADLINE_RE.search(text):
                value = DEADLINE_EVIDENCE  # "bis wann": "bis Dezember 2013", "bis zum 31.07."
            elif self.deadline and value >= 1.0 and _PERIOD_END_RE.search(text):
                value = RELATIVE_DEADLINE_EVIDENCE
            elif self.point and self.past and value >= 1.0 and _DEADLINE_RE.search(text):
                # "wann hat der Integrationsrat seinen Antrag gestellt": a deadline the text
                # sets ("bis Dezember 2013 ein Konzept zu erstellen") is not when it happened
                rest = _DEADLINE_SPAN_RE.sub(" ", judged)
                if _evidence("time", rest, point=True) < 1.0:
                    value = 0.0
            if self.members and _lists_members(text):
                value = 1.6  # "wer gehört der Lenkungsgruppe an": the list of its members
            elif self.members and value < 1.0:
                # people in general ("… der ca. 200 Personen umfasse") are no members named
                value = 0.0
            if self.query.qtype == "quantity" and value == 0.5:
                # "alle Stellen besetzt" counts the Stellen; "für alle Interessierten" no
                # Menschen: a quantifier answers only before the counted word.
                value = 1.0 if self._quantifies(text) else 0.0
            self._evidence[key] = value
        return self._evidence[key]

    def counts_others(self, text: str) -> bool:
        """Whether a "wie viele X" text counts only other things (_counts_only_others)."""
        if not self.counts_things:
            return False
        if text not in self._others:
            self._others[text] = _counts_only_others(self.wanted, text)
        return self._others[text]

    def echoes(self, c: Candidate) -> bool:
        """_echoes of the passage, once per question (it is the core of several windows)."""
        if c.passage_id not in self._echo:
            self._echo[c.passage_id] = _echoes(self, c)
        return self._echo[c.passage_id]

    def bare(self, text: str) -> bool:
        """_only_bare for the category asked ("welche X"), once per text."""
        if text not in self._bare:
            self._bare[text] = _only_bare(self.category_terms, text)
        return self._bare[text]

    def found(self, pattern: re.Pattern[str], c: Candidate) -> bool:
        """Whether the pattern occurs in the passage's text (searched once per question)."""
        key = (pattern, c.passage_id)
        if key not in self._found:
            self._found[key] = _occurs(pattern, c.text)
        return self._found[key]

    def holds_date(self, c: Candidate) -> bool:
        """_holds_date of the passage, once per question."""
        if c.passage_id not in self._dated_ids:
            self._dated_ids[c.passage_id] = _holds_date(c)
        return self._dated_ids[c.passage_id]

    def holds_role(self, c: Candidate) -> bool:
        """_holds_role of the passage for the asked role (self.event), once per question."""
        if c.passage_id not in self._roles:
            self._roles[c.passage_id] = _holds_role(c.text, self.event)
        return self._roles[c.passage_id]

    def event_forms(self, c: Candidate) -> list[str]:
        """The passage's words (folded) whose first term is one of the asked event's, in
        order (_plural_event_only), once per question."""
        if c.passage_id not in self._event_forms:
            self._event_forms[c.passage_id] = [
                word for word, head in _word_heads(c.text) if head in self.event
            ]
        return self._event_forms[c.passage_id]

    def has_amount(self, text: str) -> bool:
        """_has_amount, once per text (a window's text is judged for evidence too)."""
        if text not in self._amounts:
            self._amounts[text] = _has_amount(text)
        return self._amounts[text]

    def _quantifies(self, text: str) -> bool:
        """Whether "alle", "keine" or "beide" stands right before a word of the question."""
        toks = _tokens(text)
        for i, tok in enumerate(toks[:-1]):
            if _QUANTIFIER_RE.fullmatch(tok.text) and any(
                self.wanted.intersection(token_terms(nxt)) for nxt in toks[i + 1 : i + 3]
            ):
                return True
        return False

    def asked(self, c: Candidate) -> bool:
        """Whether the passage reports a member's question."""
        if c.passage_id not in self._asked:
            self._asked[c.passage_id] = _reports_question(c.text)
        return self._asked[c.passage_id]

    def text_bonus(self, c: Candidate) -> float:
        """Bonuses read from the sentence's text: a definition cue near a question term, a
        number right before the counted word. Costly, so only for the front runners."""
        if c.passage_id not in self._bonus:
            q = self.query
            bonus = 0.0
            if self.own(c) or self.lead(c):
                # ("Sind alle Stellen besetzt?" asks no definition of the Stellen)
                if q.qtype in ("definition", "other", "which", "person") and not self.yes_no:
                    bonus += _definition_bonus(q, c.text)
                if q.qtype == "quantity":
                    bonus += _counted(q, c.text)
            self._bonus[c.passage_id] = bonus
        return self._bonus[c.passage_id]


def _event_terms(query: Query, *, point: bool) -> frozenset[str]:
    """The terms of what the answer's own sentences must name (EVENT_MISSING), or none:
    - "Wann hat das KI seine Arbeit aufgenommen?", "Wann ist die nächste Sitzung?": the
      participle or session verb, or the event noun (not a light one: "geplant");
    - "Wer leitet die Lenkungsgruppe?", "who chairs …": the role asked about;
    - "Wo ist die Siegelverleihung?": the weightiest word (or words, as weighty)."""
    if point:
        # "when did our KI open?": the English verb after "did" is the act asked about.
        verb = m.group(1).lower() if (m := _ENGLISH_WHEN_VERB_RE.search(query.text)) else ""
        return frozenset(
            t
            for c in query.concepts
            if c.kind == "word"
            and (
                _PARTICIPLE_RE.match(c.label)
                or _EVENT_NOUN_RE.search(_put_right(query, c.label))
                or c.label.lower() == verb
            )
            and c.label not in _LIGHT_PARTICIPLES
            and fold(c.label) not in light_verbs()
            for t in c.terms()
        )
    if query.qtype == "which" and _WHICH_OF_RE.search(query.text):
        # "Which of the applicants was awarded the seal?": who among them got it; a list of
        # the applicants does not say.
        # The last participle is the one that chooses ("Which of the cities that applied
        # was awarded it?").
        chosen = [
            c
            for c in query.concepts[1:]
            if c.kind == "word" and c.label.islower() and _CHOSEN_RE.match(c.label)
        ]
        return frozenset(chosen[-1].terms()) if chosen else frozenset()
    if query.qtype == "person":
        at = _role_at(query)
        return frozenset(query.concepts[at].terms()) if at is not None else frozenset()
    if query.qtype == "place":
        return _weightiest_terms(query, share=0.95)
    return frozenset()


def _weightiest(
    query: Query, *, share: float, skip: re.Pattern[str] | None = None
) -> list[Concept]:
    """The question's weightiest words, and those at least `share` as weighty (words that
    `skip` matches, folded, do not count)."""
    words = [
        c for c in query.concepts if c.kind == "word" and not (skip and skip.match(fold(c.label)))
    ]
    top = max((c.importance for c in words), default=0.0)
    return [c for c in words if c.importance >= share * top]


def _weightiest_terms(query: Query, *, share: float) -> frozenset[str]:
    """The terms of the question's weightiest words (_weightiest)."""
    return frozenset(t for c in _weightiest(query, share=share) for t in c.terms())


# Particles that make another verb of a role's ("weiterleiten", "begleiten", "einleiten").
_ROLE_PARTICLES = frozenset(
    {"weiter", "ein", "ab", "an", "be", "beg", "ver", "um", "zu", "fort", "her", "durch"}
    | {"aus", "uber", "hin", "zuruck"}
)


def _role_at(query: Query) -> int | None:
    """Index of the role asked about: the first role word ("wer leitet die Koordinierung"
    asks who leads, not who coordinates)."""
    return next((i for i, c in enumerate(query.concepts) if _ROLE_RE.match(fold(c.label))), None)


def _role_object(query: Query) -> frozenset[str]:
    """The terms of what a role is asked of: the concept after the role word ("Wer leitet
    die Fachstelle Integration?" -> Fachstelle; "Vorsitz in der Lenkungsgruppe")."""
    at = _role_at(query)
    if at is None or at + 1 >= len(query.concepts):
        return frozenset()
    body = query.concepts[at + 1]
    if body.parts:
        # "Vorsitz der KIM-Lenkungsgruppe": the group, not anything of KIM
        return frozenset(body.alternatives) | {body.parts[-1]}
    return frozenset(body.terms())


def _holds_role(text: str, roles: frozenset[str]) -> bool:
    """Whether a word of the text names one of the asked roles itself, not a verb made of it
    with a particle: "Leiterin", "Projektleitung", "geleitet"; not "Weiterleitung"."""
    for word in map(fold, token_texts(text)):  # (tokens' texts only: no Token objects)
        for role in roles:
            at = word.find(role)
            if (
                at >= 0
                and word[:at] not in _ROLE_PARTICLES
                and not _ROLE_AS_MODIFIER_RE.match(word, at + len(role))
            ):
                return True
    return False


# The rest of a compound whose first part is the role: a "Leitungsebene" is a level, a
# "Leitungsgremium" a body, neither a person who leads ("Leiterin", "Leitung" are).
_ROLE_AS_MODIFIER_RE = re.compile(r"(?:ung|er)?s[a-zäöüß]{4,}")


def _holds_date(c: Candidate) -> bool:
    """Whether the sentence holds a date that answers "wann" (not a report's as-of date, not
    a duration)."""
    return _evidence("time", c.text, point=True) == 1.0


def _dates_event(f: _Features, window: tuple[Candidate, ...]) -> bool:
    """Whether a sentence of the window that holds a date also names the asked event (True
    when no sentence holds a date: then evidence is missing, judged elsewhere)."""
    dated = [c for c in window if f.holds_date(c)]
    return not dated or any(
        f.event & f.own(c) and not (f.past and _UNDONE_RE.search(c.text)) for c in dated
    )


_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=TOKENS_CACHE)
def _word_heads(text: str) -> tuple[tuple[str, str], ...]:
    """The words of a text (folded), each with its first term (words without one left out)."""
    return tuple(
        (fold(word), terms[0]) for word in _WORD_RE.findall(text) if (terms := word_terms(word))
    )


def _plural_event_only(f: _Features, window: tuple[Candidate, ...]) -> bool:
    """Whether the window names the asked event only in the plural of an -ung noun ("die
    Eröffnungen der KIZE im Herbst 2013" for "Wann wurde das KI eröffnet?"): the dates of
    several such events, likely not of the one asked about."""
    if f.plural_event:
        return False
    forms = [word for c in window if f.event & f.own(c) for word in f.event_forms(c)]
    return bool(forms) and all(w.endswith("ungen") for w in forms)


def _dates_own_event(f: _Features, window: tuple[Candidate, ...]) -> bool:
    """Whether a sentence of the window holds a date and names the asked event itself."""
    return any(f.event & f.own(c) and f.holds_date(c) for c in window)


def _names_function(text: str, names: frozenset[str]) -> bool:
    """Whether one of the names stands with a function noun as its apposition: "die Leiterin
    des KI, VA’e Frau Dinstühler", "Ansprechpartnerin für den Siegelprozess sei VA’e Frau
    Farshi", "Frau Dinstühler, Leiterin des KI"; not "Die Vorsitzende bedankte sich bei VA’e
    Dinstühler" (a verb between them: the function is someone else's)."""
    lower = text.lower()
    for name in names:
        at = lower.find(name)
        while at >= 0:
            before = text[max(0, at - FUNCTION_REACH) : at]
            after = text[at + len(name) : at + len(name) + FUNCTION_REACH]
            for m in _FUNCTION_NOUN_RE.finditer(before):
                if _apposition(before[m.end() :]):
                    return True
            following = _FUNCTION_NOUN_RE.search(after)
            if following and _apposition(after[: following.start()]):
                return True
            at = lower.find(name, at + 1)
    return False


def _names_holder(text: str, role: str) -> bool:
    """Whether the text names a person in a function whose folded name begins with `role`:
    "Landrat Schuster", "die Leiterin des KI, VA’e Frau Dinstühler", "Frau Dinstühler,
    Leiterin des KI"; not "zwischen dem Landrat und der Bürgermeisterin"."""
    for m in _FUNCTION_NOUN_RE.finditer(text):
        if not fold(m.group(0)).startswith(role):
            continue
        after = text[m.end() : m.end() + HOLDER_REACH]
        if re.match(r"\s+(?:Dr\.\s+)?[A-ZÄÖÜ][a-zäöüß]", after) and not _FUNCTION_NOUN_RE.match(
            after.strip()
        ):
            return True  # "Dezernent Schmitz", "Landrat Schuster"
        name = _PERSON_NAME_RE.search(after)
        if name and _apposition(after[: name.start()]):
            return True
        before = text[max(0, m.start() - HOLDER_REACH) : m.start()]
        names = list(_PERSON_NAME_RE.finditer(before))
        if names and re.fullmatch(r"[\w’'.\s-]*,\s*(?:die|der|des)?\s*", before[names[-1].end() :]):
            return True  # "Frau Dinstühler, Leiterin des KI"
    return False


def _apposition(between: str) -> bool:
    """Whether the words between a function noun and a name join them: capitalised words
    (titles, the body: "des KI, VA’e Frau"), articles, prepositions and the copula only."""
    return all(
        w[:1].isupper() or w.lower() in _APPOSITION_WORDS for w in re.findall(r"[\w.’']+", between)
    )


_APPOSITION_WORDS = frozenset(
    {"des", "der", "den", "dem", "die", "das", "für", "vom", "von", "im", "in", "sei", "ist",
     "war", "und", "stv.", "stv", "kommissarische", "kommissarischen", "stellvertretende",
     "stellvertretenden", "neue", "neuen", "zuständige", "zuständigen", "va’e", "va'e",
     # "die Leitung des Kommunalen Integrationszentrums (nachfolgend: KI), VA’e Frau Farshi"
     "nachfolgend", "kurz", "folgenden"}
)  # fmt: skip


def _enumerations(f: _Features, near: Mapping[tuple[int, int], Candidate]) -> None:
    """Items of enumerations in running text ("Im Folgenden ging sie auf die
    Themenschwerpunkte ein, die das KI ab 2020 in Angriff nehmen werde. Im Bereich „Bildung“
    … Im Bereich „Querschnitt“ …"): the sentence that announces the enumeration is the
    lead-in of each item (f.announced), and the question's terms that only other items hold
    tell a window it answers for another item (f.other_items; the announcing sentence names
    none of them)."""
    # (each sentence's opening read once, not once for each sentence beside it)
    openings = {place: item_opening(n.text) for place, n in near.items()}
    for place, n in near.items():
        if _FOLLOWING_RE.match(n.text):
            # "Folgende Projekte wurden ausgezeichnet: …" lists what the sentences before
            # were about ("… dem am 04.07.2019 verliehenen Integrationspreis …").
            before = (near.get((n.doc_id, n.ord - d)) for d in range(1, CONTEXT_REACH + 1))
            f.announced[n.passage_id] = frozenset().union(
                f.announced.get(n.passage_id, frozenset()),
                *(f.own(b) for b in before if b is not None),
            )
            f.follows.add(n.passage_id)
        opening = openings[place]
        if opening is None:
            continue
        siblings = [
            sibling
            for d in (-2, -1, 1, 2)
            if (sibling := near.get((n.doc_id, n.ord + d))) is not None
            and openings[(n.doc_id, n.ord + d)] == opening
        ]
        if not siblings:
            continue
        f.other_items[n.passage_id] = frozenset().union(*map(f.own, siblings)) - f.own(n)
        head = first_item(n, near)
        announcer = near.get((head.doc_id, head.ord - 1))
        if announcer is not None and f.found(_ANNOUNCES_RE, announcer):
            f.announced[n.passage_id] = f.own(announcer)
            f.other_items[announcer.passage_id] = (
                f.other_items.get(announcer.passage_id, frozenset()) | f.own(n)
            ) - f.own(announcer)


def _names_other_item(f: _Features, window: tuple[Candidate, ...]) -> bool:
    """Whether a question concept stands only in another item of an enumeration the window
    is an item of: not in the window, nor in the sentence announcing the enumeration."""
    others = frozenset().union(*(f.other_items.get(c.passage_id, ()) for c in window))
    if not others:
        return False
    held = frozenset().union(
        *(f.own(c) | f.announced.get(c.passage_id, frozenset()) for c in window)
    )
    return any(
        not held.intersection(c.alternatives)
        for c in f.query.concepts
        if others.intersection(c.alternatives)
    )


# Where a passage's clauses end: a sentence, a list lead-in ("ausgezeichnet:"), a quoted name
# before the next sentence ("„Flüchtige Momente“ Dezernent Schmitz hob hervor").
_CLAUSE_END_RE = re.compile(r"(?<=[.!?:“\"])\s+(?=[A-ZÄÖÜ„])")


def _places_event(f: _Features, text: str) -> bool:
    """Whether a place stands in a clause of the text that names the event asked about."""
    return any(
        (_evidence("place", clause) or (f.where_said and _AT_BODY_RE.search(clause)))
        and any(f.event.intersection(token_terms(tok)) for tok in tokenize(clause))
        for clause in _CLAUSE_END_RE.split(text)
    )


def _only_reports(person: re.Pattern[str], window: tuple[Candidate, ...]) -> bool:
    """Whether the person asked about is named in the window only as who reports ("führte
    Frau Dinstühler aus")."""
    named = False
    for c in window:
        mentions = [m.span() for m in person.finditer(c.text)]
        if not mentions:
            continue
        named = True
        clauses = [r.span() for r in _SPEAKER_CLAUSE_RE.finditer(c.text)]
        if not all(any(a <= start and end <= b for a, b in clauses) for start, end in mentions):
            return False
    return named


# What may follow a noun to say which one it is: an article or a preposition ("Aufgaben des
# KI", "Schwerpunkte im Bereich …"), "wie", "zu", a copula, a colon or a quote.
_COMPLEMENT_WORDS = frozenset(
    {"der", "des", "die", "dem", "den", "im", "in", "zum", "zur", "zu", "für", "fur", "fuer",
     "mit", "von", "vom", "über", "uber", "ueber", "wie", "aus", "bei", "beim", "nach", "gegen",
     "an", "am", "auf", "of", "for", "on", "like", "such",
     # a copula says what it is: "Zielsetzung sei es hier, den Austausch … zu fördern"
     "ist", "sei", "sind", "seien", "war", "waren", "lautet", "lauten", "is", "are", "was",
     # a clause says which: "das Problem, dass die Arbeitsverträge … befristet seien"
     "dass", "that"}
)  # fmt: skip


# Adjectives that say how many or how new, not which: "neue Projekte", "weitere Termine".
_VAGUE_ADJECTIVES = (
    "neu", "weiter", "bestehend", "verschieden", "zahlreich", "einig", "ander", "viel",
    "mehrer", "unterschiedlich", "divers", "sonstig", "zusatzlich", "erst", "nachst",
)  # fmt: skip


def _own_starts(f: _Features, text: str) -> str:
    """The text without starts that only describe a noun the question does not ask about:
    "die seit 2015 geflüchteten Menschen" says when they fled, not when KIM began ("kim seit
    wann"), but answers "seit wann Geflüchtete" (the question names them)."""
    return _ATTRIBUTIVE_SINCE_RE.sub(
        lambda m: m.group(0) if f.wanted.intersection(word_terms(m.group(1))[:1]) else " ", text
    )


def _names_place_as_category(f: _Features, text: str) -> bool:
    """Whether a text names a place by its name and as what the question asks for: "dass die
    Stadt Troisdorf als einwohnerstärkste Kommune …" for "welche Kommune …" ("die bei der
    Stadt Troisdorf angesiedelte Stelle" names the town, but not as a Kommune asked for)."""
    if not _PLACE_NAMED_RE.search(text):
        return False
    rest = _PLACE_NAMED_RE.sub(" ", text)
    return any(t in f.category_terms for tok in tokenize(rest) for t in token_terms(tok)[:1])


def _names_place(text: str) -> bool:
    """Whether a text names a place: "der Stadt Hennef", "in Eitorf", "aus Bad Honnef" (a
    capitalised word that is no German word after "in", "aus", "nach", "bei")."""
    if _PLACE_NAMED_RE.search(text):
        return True
    return any(
        not is_german_word(fold(m.group(1))) and not m.group(1).isupper()
        for m in _IN_PLACE_RE.finditer(text)
    )


# A whole web address, which may be a thing's name ("www.integrationsportal-….de")
_WEB_NAME_RE = re.compile(r"\b(?:www\.|https?://)[\w.-]+\.[a-z]{2,6}\b")


def _names_thing(head: str, text: str) -> bool:
    """Whether a text gives the name of a thing of the asked kind: a quoted name, a compound
    of its noun ("Integrationsgesetz"), or a name right after the noun ("Gymnasium
    Siegburg"), not the noun with a place only ("das Gymnasium in Eitorf")."""
    if _QUOTED_RE.search(text):
        return True
    if any(head in fold(m.group()) for m in _WEB_NAME_RE.finditer(text)):
        return True  # "wie heißt das Portal": "www.integrationsportal-rhein-sieg-kreis.de"
    toks = _tokens(text)
    for i, tok in enumerate(toks):
        term = token_terms(tok)[:1]
        if not term or not term[0].endswith(head) or not tok.text[:1].isupper():
            continue  # (a noun: "die gesetzlichen Bestimmungen" name no law)
        if len(term[0]) >= len(head) + 4:
            return True  # "Teilhabe- und Integrationsgesetz"
        if i + 1 < len(toks):
            nxt = toks[i + 1]
            gap = text[tok.end : nxt.start]
            if nxt.text[:1].isupper() and not gap.strip() and fold(nxt.text) not in stopwords():
                return True
    return False


def _only_bare(terms: frozenset[str], text: str) -> bool:
    """Whether the text names the things asked for only bare: no word before that says which
    ("die vier", "strategische") and none after (a complement, a colon, a quote):
    "… seien Zielvereinbarungen entwickelt worden"."""
    toks = _tokens(text)
    seen = False
    for i, tok in enumerate(toks):
        if not terms.intersection(token_terms(tok)):
            continue
        seen = True
        if not terms.intersection(token_terms(tok)[:1]) or "-" in tok.text.strip("-"):
            return False  # a compound says which: "SPD-Fraktion", "Siegelprozess"
        before = toks[i - 1].text if i else ""
        vague = fold(before).startswith(_VAGUE_ADJECTIVES)  # "neue Projekte" says not which
        if before[:1].islower() and fold(before) not in stopwords() and not vague:
            return False  # an adjective: "strategische Ziele"
        if i + 1 < len(toks):
            gap = text[tok.end : toks[i + 1].start]
            if any(ch in gap for ch in ':„"(') or fold(toks[i + 1].text) in _COMPLEMENT_WORDS:
                return False
        else:
            return False
    return seen


def _only_begins(concept: Concept) -> bool:
    """Whether a word asked matches only compounds it begins ("jury" only "Jurytermin"): what
    they name is another thing (a date, not the jury)."""
    stems = word_terms(concept.label)[:1]
    return bool(stems) and all(
        t.startswith(stems[0]) and len(t) >= len(stems[0]) + 3 for t in concept.terms()
    )


def _lists_members(text: str) -> bool:
    """Whether a text lists things or names several (the members of a body asked about)."""
    return bool(_LISTED_RE.search(text) or _ENUMERATED_RE.search(text) or _NAMES_RE.search(text))


def _names_only(f: _Features, window: tuple[Candidate, ...]) -> bool:
    """Whether the window holds the question's words only inside a quoted name, and the
    question asks something more of it: "Wer hat die „Internationale Nähstube Bad Honnef“
    gegründet?" is not answered by a list of prize winners that names it. (The caller asks
    only of a window without the kind of fact asked for: a date beside „Wertedialog“ answers
    "when does the so-called Wertedialog take place".)"""
    texts = " ".join(c.text for c in window)
    if "„" not in texts or not _QUOTED_RE.search(texts):
        return False
    held = frozenset().union(*(f.own(c) for c in window))
    if not held or f.wanted.intersection(text_terms(_QUOTED_RE.sub(" ", texts))):
        return False
    if f.query.qtype == "person":
        return True  # "wer steckt hinter …": who, which the name itself is not
    light = light_verbs()
    return any(
        c.importance >= ASKED_MORE and fold(c.label) not in light and held.isdisjoint(c.terms())
        for c in f.query.concepts
    )


def _echoes(f: _Features, sentence: Candidate) -> bool:
    """Whether a sentence says nothing the question does not: "Zudem seien in der letzten
    Sitzung der Lenkungsgruppe Zielvereinbarungen entwickelt worden" answers no "Welche
    Zielvereinbarungen …?"."""
    stop = stopwords()
    # (tokens found as they are asked for: most sentences say something else early on)
    for text, kind in token_kinds(sentence.text):
        if len(text) < 3 or fold(text) in stop or _FILLER_RE.fullmatch(text):
            continue
        if not f.wanted.intersection(token_terms(Token(text, 0, kind))):
            return False
    return True


def _score_window(
    f: _Features,
    window: tuple[Candidate, ...],
    core: Candidate,
    defined: set[int],
    context: frozenset[str],
) -> _Scored:
    query = f.query
    core_cov = f.own_coverage(core)
    if core.passage_id in f.follows:  # the list is the fact; its topic stands before it
        core_cov = coverage(
            query,
            dict.fromkeys(f.announced[core.passage_id], LEAD_CREDIT)
            | dict.fromkeys(f.own(core), 1.0),
        )
    # Evidence counts from sentences about the question, and from the sentence before one
    # that refers back to it ("Als Vertreter ... regte er an").
    refers_back = f.found(_PRONOUN_RE, core)
    # A sentence that goes on with the one before ("Hierfür seien 4,5 Stellen vorgesehen",
    # "Grund dafür sei …") belongs to it: the number or the reason may stand there.
    linked = {
        c.passage_id
        for c in window
        if (c.ord in (core.ord + 1, core.ord + 2) and _LINKED_START_RE.match(c.text))
        or (c.ord == core.ord - 1 and _LINKED_START_RE.match(core.text))
    }
    text = "\n".join(
        c.text
        for c in window
        if (f.own(c) or f.lead(c) or (refers_back and c.ord < core.ord) or c.passage_id in linked)
        # "X. Aus diesem Grund Y.": Y is what follows from X, no reason for it.
        and not (
            query.qtype == "reason" and c.ord > core.ord and _CONSEQUENCE_START_RE.match(c.text)
        )
    )
    # "Welche Fraktion …?" answered by a sentence naming no party, list or number: the
    # category noun it lacks counts in full.
    instances = not f.categories or (not f.unknown_category and bool(_INSTANCES_RE.search(text)))
    credits = _credits(f, window, core, context)
    # "Welche Funktion hat Frau X": "die Leiterin des …, Frau X" names it (the word "Funktion"
    # stands in no such text); a window that does not keeps ROLE_MISSING below.
    function_named = bool(f.function_of) and any(
        _names_function(c.text, f.function_of) for c in window
    )
    if function_named:
        credits.update(dict.fromkeys(f.function_terms, 1.0))
    # "Was ist Modul 2?": the answer names that very part ("Modul 2", "Modulen 2 und 3"), not
    # another one ("Module 1 bis 3") or only the programme around it.
    part_missing = bool(f.parts) and not all(
        any(f.names_part(c, i) for c in window) for i in range(len(f.parts))
    )
    # ("Für das Modul 3 seien 1,5 Stellen vorgesehen" is about another part, however near)
    part_near = part_missing and core.passage_id in f.part_near and not f.names_other_part(core)
    if part_near:  # the paragraph is about that part: its words count, at PART_NEARBY below
        credits.update(dict.fromkeys((t for c in f.parts for t in c.parts), 1.0))
    if f.received_terms and any(f.found(_GIVEN_RE, c) for c in window):
        credits.update(dict.fromkeys(f.received_terms, 1.0))
    # "Welche 2 Schwerpunkte …": a bulleted or bracketed list
    lists = f.list_count_re is not None and bool(
        _LISTED_RE.search(text) or _ENUMERATED_RE.search(text)
    )
    if f.list_count and lists and f.list_count_re and not f.list_count_re.search(text):
        # (a text that counts them, "fünf benannte Vertretungen der Kommunen", lists others)
        credits.update(dict.fromkeys(f.list_count, 1.0))
    if f.money_terms and f.has_amount(text):
        # "Wie viel Geld …?" answered by "170.000 Euro": the amount names the money.
        credits.update(dict.fromkeys(f.money_terms, 1.0))
    if f.happening and f.event and _dates_own_event(f, window):
        credits.update(dict.fromkeys(f.happening, 1.0))
    cov = coverage(query, credits, instances=instances)
    if any(not names & credits.keys() for names in f.names):
        cov *= NAME_MISSING  # "im Kreis Mettmann": a text about another place
    if core_cov < MIN_CORE_COVERAGE:
        cov *= core_cov / MIN_CORE_COVERAGE  # the fact must stand in the sentence itself
    if part_missing:
        # "nur 2 Teilhabemanagerinnen beantragen" two sentences after "Der Baustein 6 sei …":
        # the paragraph is about that part, though the sentence does not name it again.
        cov *= PART_NEARBY if part_near else PART_MISSING
    evidence = f.evidence(text)
    if (
        evidence < 1.0
        and query.qtype == "person"
        and window[0].passage_id in f.leads
        and (f.speakers_answer or not _PRONOUN_REPORTS_RE.search(window[0].text))
    ):
        # "Sie hatte Nachfragen", "Er kritisierte": the speaker named before is who did it
        # ("Er berichtete, dass …" answers who reported, not who did what he reported)
        evidence = 1.0
    counting = [c for c in window if f.counted & f.own(c)] if len(window) > 1 else []
    if counting and evidence:
        # "Wie viele Gestattete …": "nur 2 Teilhabemanagerinnen beantragen. Diese sollten sich
        # auch um die Gestatteten kümmern …": the number counts something in the other sentence.
        evidence = max(f.evidence(c.text) for c in counting)
    if evidence == 1.0 and f.counts_others(text):
        # "Wie viele Teilhabemanager …?": "von den 15 beteiligten Kommunen" counts others.
        evidence = 0.5
        cov *= COUNT_OF_OTHERS
    if query.qtype == "person" and f.event:
        if not any(
            f.event & f.own(c)
            and f.holds_role(c)
            and (not f.role_object or f.role_object & f.own(c))
            for c in window
        ):
            # "Wer leitet die Fachstelle?": a sentence with that role ("Weiterleitung" is
            # none) of that body (not "die Leitung des KI").
            cov *= ROLE_MISSING
    elif f.event and not any(f.event & f.own(c) for c in window):
        # A place or a date in a sentence about something else, the event only around it. A
        # date there is another event's, as surely as one beside the event named elsewhere.
        # "Which of the applicants was awarded …": the list of applicants names no winner.
        # ("Wo findet die Siegelverleihung statt?": a place beside another event is its.)
        dated = (f.point and any(f.holds_date(c) for c in window)) or f.query.qtype == "place"
        cov *= CHOSEN_MISSING if f.which_of else DATE_OF_OTHER_EVENT if dated else EVENT_MISSING
    elif f.event and f.point and (not _dates_event(f, window) or _plural_event_only(f, window)):
        # "Wann hat der Kreistag … beschlossen?": "Das am 25.02.2012 in Kraft getretene Gesetz
        # … Es muss vom Kreistag verabschiedet werden": the date is another event's; "die
        # Eröffnungen der KIZE im Herbst 2013" are several events' dates.
        cov *= DATE_OF_OTHER_EVENT
    elif (
        query.qtype == "place"
        and f.event
        and not any(f.event & f.own(c) and _places_event(f, c.text) for c in window)
    ):
        # "Wo war die Verleihung …?": "… ausgezeichnet. … das Integrationsangebot im
        # Rhein-Sieg-Kreis sei vielfältig …": a place in a sentence without the event.
        cov *= DATE_OF_OTHER_EVENT
    if not f.asks_paper_field and any(c.kind == "facts" for c in window):
        # "Wie ist die Abstimmung ausgegangen?": a paper's form fields (its date, its
        # Beratungsfolge) say nothing else of it; nor which session is the next one.
        cov *= FIELD_NOT_ASKED
    if (
        f.named_category
        and not _NAMED_INSTANCE_RE.search(text)
        and not (f.places_asked and _names_place_as_category(f, text))
    ):
        # "Auf welche Kommunen …": "mit den kreisangehörigen Kommunen" speaks of them all and
        # names none, which says less than a text that may name one unnoticed.
        named = any(f.category_terms & f.own(c) for c in window)
        cov *= INSTANCE_MISSING if named else NAMES_MISSING
    if _names_other_item(f, window):
        cov *= OTHER_ITEM
    if f.holder and not any(_names_holder(c.text, f.holder) for c in window):
        cov *= ROLE_MISSING
    if f.time_role and not any(f.time_role & f.own(c) for c in window):
        cov *= ROLE_MISSING
    if f.function_of and not function_named:
        cov *= ROLE_MISSING  # "Herr Liermann hob hervor, …" says what he said, not what he is
    if f.got and not any(_OUTCOME_RE.search(c.text) for c in window):
        cov *= CHOSEN_MISSING
    # ("wie viele Menschen wurden beraten": the state counted stands with the count, not in
    # the sentence after "ca. 200 Personen": "… der Migrationsberatung")
    if f.predicate and not any(
        f.predicate & f.own(c) for c in window if not f.counted_state or f.evidence(c.text) >= 1.0
    ):
        if f.counted_state:  # a count of something else than what was asked: the state
            # said elsewhere in the window is not said of it
            unsaid = {t: v for t, v in credits.items() if t not in f.predicate}
            cov = min(cov, coverage(query, unsaid, instances=instances)) * PREDICATE_MISSING
            evidence = min(evidence, 0.5)
        else:
            cov *= PREDICATE_MISSING
    if (
        f.category_terms
        and f.bare(text)
        and not any(
            _INSTANCES_RE.search(c.text) or (f.places_asked and _names_place_as_category(f, c.text))
            for c in window
            if f.category_terms & (f.own(c) | f.lead(c) | f.announced.get(c.passage_id, set()))
        )
    ):
        # "welche Zielvereinbarungen gibt es": "… seien Zielvereinbarungen entwickelt worden"
        # says that there are some, not which
        cov *= INSTANCE_MISSING
    if f.instance_re is not None and not f.instance_re.search(text):
        cov *= INSTANCE_MISSING
    if f.abstract_terms and not any(f.abstract_terms & f.own(c) for c in window):
        # "Welche Gefahr sehen die Bürgermeister, weil …": the sentences that restate the
        # question's clause are not the danger ("Dadurch sind … zu befürchten")
        cov *= INSTANCE_MISSING
    if f.places_asked and not _names_place(text):
        # "In welchen Städten …?": "im rechtsrheinischen Kreisgebiet" names no town
        evidence = 0.0
        cov *= INSTANCE_MISSING
    if f.years and _other_year(f, window, core):
        # "Wann war die Siegelverleihung 2019?": "Siegelverleihung … am 03.09.2020" is the
        # date of another year's event.
        dated = query.qtype == "time" and any(_DATE_YEAR_RE.search(c.text) for c in window)
        cov *= DATE_OF_OTHER_EVENT if dated else OTHER_YEAR
    if f.after_year is not None and not any(
        int(y) > f.after_year for c in window for y in _YEAR_RE.findall(c.text)
    ):
        evidence = 0.0
        cov *= DATE_OF_OTHER_EVENT
    if f.years and _announced_only(f, core):
        cov *= ANNOUNCED_ONLY
    elif f.asks_content and _AWAITED_RE.search(core.text):
        cov *= ANNOUNCED_ONLY  # "Was stand in den Richtlinien?": they are still awaited
    elif (f.asks_content or f.query.qtype == "place") and is_subject_line(core.text):
        # "Was hat die SPD beantragt?": "Betreff: …" only names the paper; "Wo muss der Antrag
        # gestellt werden?": its "im Rhein-Sieg-Kreis" is the subject's scope, no office
        cov *= ANNOUNCED_ONLY
    if f.for_whom:  # "für wen ist … gedacht": a group of people, not who decides on it
        evidence = 1.0 if _BENEFICIARY_RE.search(text) else 0.0
        evidence += 0.4 if evidence and _TARGET_GROUP_RE.search(text) else 0.0
    if f.exact_date and not _DAY_DATE_RE.search(text):
        evidence = 0.0  # "An welchem genauen Datum …": "Anfang des Jahres" is no day
        cov *= DATE_OF_OTHER_EVENT
    if f.asks_age and not _AGE_RE.search(text):
        # "wie alt ist Frau X": "in 2020" or "für zwei Jahre" is no age
        evidence = 0.0
        cov *= AGE_MISSING
    if f.name_of and not f.names_thing(text):
        evidence = 0.0  # "wie heißt das Gymnasium": "das Gymnasium in Eitorf" gives no name
        cov *= MISSING_NAME
    # ("wer war besorgt": "Er zeigte sich besorgt" names who with the speaker's lead)
    lead = f.leads.get(window[0].passage_id, "")
    unnamed = f.wants_name and not _PERSON_NAME_RE.search(lead + text)
    if unnamed:
        evidence = 0.0  # "Wie heißt der …?", "Wer ist Landrat?": a function is no name
    if f.wants_address:  # "Unter welcher Internetadresse …?": only a text with one answers
        evidence = 1.0 if _WEB_ADDRESS_RE.search(text) else 0.0
        cov *= 1.0 if evidence else MISSING_ADDRESS
    if f.wants_vote and not _VOTE_RE.search(text):  # "Wie hat der Ausschuss abgestimmt?"
        cov *= VOTE_MISSING
    if f.deadline and 0 < evidence < RELATIVE_DEADLINE_EVIDENCE:
        cov *= DEADLINE_MISSING  # "bis wann": a date that is no deadline
    elif f.day and evidence > 0 and not _DAY_RE.search(text):
        cov *= DAY_MISSING  # "an welchem Tag": "Anfang des Jahres" names no day
    elif f.how_long and 0 < evidence < PERIOD_EVIDENCE:
        # "wie lange": a date that is no span; one in a sentence that does not name the
        # weightiest words asked ("Modellphase") is another thing's date besides
        timed = [c for c in window if _evidence("time", c.text) > 0]
        elsewhere = f.anchor and not any(f.anchor & f.own(c) for c in timed)
        cov *= SPAN_MISSING * (DATE_OF_OTHER_EVENT if elsewhere else 1.0)
    if f.since and evidence > 0 and not _START_RE.search(_own_starts(f, text)):
        # "seit wann gibt es das KI": "am 21.11.2019 ein Jurytermin" is no start of it
        cov *= START_MISSING
    if f.often and not _FREQUENCY_RE.search(text):
        cov *= FREQUENCY_MISSING
    if f.where_to and not _TURN_TO_RE.search(text):
        cov *= WHERE_TO_MISSING
    # (the central sentence: a second one beside it would otherwise buy the echo off, unless
    # it is part of the answer: "KTM Zorlu … Darüber hinaus fragte er nach, ob …" says who)
    joined = refers_back and any(c.ord < core.ord for c in window)
    if query.qtype != "other" and not joined and f.echoes(core):
        cov *= ECHO_ONLY
    if evidence < 1 and _names_only(f, window):
        cov *= NAME_ONLY
    if evidence == 0:
        # ("mit wem": neither partners nor people named)
        cov *= MISSING_NAME if unnamed or f.partners else MISSING_EVIDENCE.get(query.qtype, 1.0)
    if f.list_count_re:
        # "… (Jobcenter, Agentur für Arbeit) … sowie fünf benannte Vertretungen der Kommunen":
        # a list of others; the things asked about are only counted, and named nowhere after.
        counted = f.list_count_re.search(text)
        if not _lists_members(text[counted.end() if counted else 0 :]):
            cov *= LIST_MISSING
    if (
        f.members
        and evidence == 1.6
        and not any(f.body & (f.own(c) | f.lead(c)) and _lists_members(c.text) for c in window)
    ):
        # "wer sitzt im Integrationsrat": "… beim Arbeitskreis der Integrationsräte … Zur
        # personellen Besetzung …, dass sich in der Lenkungsgruppe …" lists another body's.
        evidence = 1.0
    if f.asked_person is not None and _only_reports(f.asked_person, window):
        # "wer hat Dinstühler vertreten": "Zur Besetzung führte Frau Dinstühler aus, dass …
        # vertreten" is what she said, not who stood in for her
        cov *= SPEAKER_CREDIT
    if f.body_only_begins:
        cov *= EVENT_MISSING  # "who is in the jury": a "Jurytermin" has no members
    if f.members and evidence < 1.6:
        # "wer gehört X an", "welche Akteure sind in X vertreten": a text that lists no
        # members answers less, one without any person too (it has lost MISSING_EVIDENCE
        # already: people in general, "ca. 200 Personen", are no members named)
        cov *= MEMBERS_MISSING
    score = cov + EVIDENCE_BONUS * evidence
    if f.asked(core) and f.about_asking:
        # "Who asked whether …": the reported question answers it; "fragte er nach" with the
        # sentence before that says who "er" is answers it better (not "fragte Abg. Dr. Fleck
        # nach, wie er …", which names him itself).
        if refers_back and f.evidence(core.text) < 1.0 and any(c.ord < core.ord for c in window):
            score += 0.06
    elif f.asked(core):
        if any(c.ord > core.ord and not f.asked(c) for c in window):
            score += 0.06  # a member's question with the answer that follows it
        else:
            cov *= 0.8  # minutes restating a member's question do not answer it
            score -= 0.1
    if query.qtype == "quantity" and core.kind == "row" and _TOTAL_RE.search(core.text):
        score += 0.05  # among rows of one table, the total answers "what does it cost"
    if any(c.passage_id in defined for c in window) and not part_missing and f.about_term:
        score += 0.25  # the passage spells out an abbreviation the question asks about
    score += 0.05 * min(f.proximity(core), 2)
    if f.negated and _NEGATIVE_RE.search(core.text):
        score += NEGATION_BONUS
    if not f.parts and f.found(_NAMED_PART_RE, core):
        # "bis wann wird KIM gefördert": the funding period of one module ("Förderzeitraum des
        # Moduls 2 … endete zum 31.12.2020") answers for the whole programme less well.
        score -= ONE_PART_PENALTY
    # "Aus diesem Grund sei es wichtig, …", "Auch wenn …, bestehe das Risiko": the reason
    # is the sentence before.
    if (
        query.qtype == "reason"
        and _REASON_BEFORE_RE.match(core.text)
        and any(c.ord == core.ord - 1 for c in window)
    ):
        score += REASON_BEFORE_BONUS
    if (
        query.qtype in ("which", "other", "definition")
        and f.found(_ANNOUNCES_RE, core)
        and f.evidence(core.text) == 0
        and any(n.ord == core.ord + 1 for n in window)
    ):
        # "Im Folgenden ging sie auf die Themenschwerpunkte ein, die das KI ab 2020 in Angriff
        # nehmen werde. Im Bereich „Bildung“ …": the sentence that announces the topic names
        # it; the next one says what it is.
        score += NEXT_SENTENCE_BONUS + WINDOW_PENALTY
    if query.qtype in ("definition", "other") and f.own(core):
        # "X gehe. Dieser befasse sich mit …", "… (LaKI) … Letztere fungiere als …": the next
        # sentence says what X is or does.
        for n in window:
            if (
                n.ord == core.ord + 1
                and (m := _DEMONSTRATIVE_START_RE.match(n.text))
                and _DEFINITION_STRONG.search(n.text, 0, m.end() + CUE_REACH)
            ):
                score += NEXT_SENTENCE_BONUS + WINDOW_PENALTY  # the second sentence earns it
    if f.who_is and _names_function(core.text, f.who_is):
        score += FUNCTION_BONUS
    if len(window) > 1 and not all(c.text[:1].islower() for c in window[1:]):
        score -= WINDOW_PENALTY  # (not for one sentence cut in parts: "…, | dass das KIZ …")
    score += 0.1 * core_cov
    return _Scored(window, core, score, cov, evidence)


def in_reported_speech(text: str) -> bool:
    """Whether a passage is reported speech (a verb in Konjunktiv: "… bestehe das Risiko")."""
    return _occurs(_REPORTED_RE, text)


# A sentence that goes on about the person named before: "Er kritisierte, dass …", "Darüber
# hinaus fragte er nach, …" (minutes name a speaker once and say "er" or "sie" after).
# ("Ihn erfreue, dass …": what pleased him, said of the speaker named before too)
_PRONOUN_SUBJECT_RE = re.compile(r"^(?:Er|Sie|Ihn|Ihm)\s+\w+|^[^,.;:]{0,60}?\b\w+te\s+(?:er|sie)\b")


def pronoun_subject(text: str) -> bool:
    """Whether a passage's subject is "er" or "sie", a speaker named before it."""
    return bool(_PRONOUN_SUBJECT_RE.search(text.lstrip("… ")))


def continues_speaker(text: str) -> bool:
    """Whether a passage goes on about a speaker named before it: reported speech, or a
    sentence whose subject is "er" or "sie"."""
    return in_reported_speech(text) or pronoun_subject(text)


def _reported_by(
    f: _Features,
    c: Candidate,
    near: Mapping[tuple[int, int], Candidate],
    before: Mapping[tuple[int, int], Candidate],
) -> frozenset[str]:
    """The asked person who speaks a passage of reported speech, or says "er" or "sie" of: named
    where the run of it began, beyond the sentences around ("KIM, so Herr Liermann weiter, sei
    …" four sentences before "… bestehe das Risiko, …"; "SkE Ehmann" before "Er kritisierte")."""
    if not continues_speaker(c.text):
        return frozenset()
    for d in range(1, SPEECH_REACH + 1):
        key = (c.doc_id, c.ord - d)
        n = near.get(key) or before.get(key)
        if n is None:
            break
        if named := f.named(n):
            return named if d > CONTEXT_REACH else frozenset()
        if not continues_speaker(n.text):
            break
    return frozenset()


def _speaker_lead(
    c: Candidate,
    near: Mapping[tuple[int, int], Candidate],
    before: Mapping[tuple[int, int], Candidate] | None,
    *,
    whole_only: bool = False,
) -> str:
    """For a "wer"-question answered by a sentence about "er" or "sie" ("ihn"), the clause
    of the sentence before that names the speaker, quoted with ellipses: "… meldete sich Abg.
    Peters zu Wort und äußerte … Sie hatte hierzu jedoch noch einige Nachfragen: …" (minutes
    name a speaker once; the answer shows who asked). Empty when none is named within
    SPEECH_REACH sentences of speech going on; with `whole_only`, unless the whole sentence
    right before names the speaker ("KTM Haacke schloss sich seinem Vorredner an.")."""
    if not pronoun_subject(c.text):
        return ""
    for d in range(1, SPEECH_REACH + 1):
        if whole_only and d > 1:
            return ""
        key = (c.doc_id, c.ord - d)
        n = near.get(key) or (before or {}).get(key)
        if n is None or n.kind == "row":
            return ""
        if (m := _TITLED_NAME_RE.search(n.text)) is not None:
            start = max(n.text.rfind(p, 0, m.start()) for p in _CLAUSE_ENDS) + 1
            ends = [i for p in _CLAUSE_ENDS if (i := n.text.find(p, m.end())) >= 0]
            end = min(ends, default=len(n.text))
            start, end = max(start, m.start() - LEAD_REACH), min(end, m.end() + LEAD_REACH)
            if whole_only and (start > 0 or end < len(n.text)):
                return ""
            clause = n.text[start:end].strip(" ,;:")
            # (the whole sentence right before: no gap to mark)
            gap = " " if d == 1 and end == len(n.text) else " … "
            return ("… " if start > 0 else "") + clause + gap
        if not continues_speaker(n.text):
            return ""
    return ""


def _other_year(f: _Features, window: tuple[Candidate, ...], core: Candidate) -> bool:
    """Whether the window misses a year the question asks about and speaks of another one:
    it names other years only, or none while its document is older than that year."""
    source = f.sources.get(core.doc_id)
    for year, terms in f.years.items():
        if any(terms & (f.own(c) | f.announced.get(c.passage_id, frozenset())) for c in window):
            continue  # (the sentence announcing an enumeration names the year of its items)
        named = {m for c in window for r in (_YEAR_RE, _DATE_YEAR_RE) for m in r.findall(c.text)}
        # A document that names no year speaks of its own: it cannot report a later year's
        # events, though it may refer to an earlier year's paper ("Konzept aus 2016").
        if named - {year} or (not named and source and source.year and source.year < int(year)):
            return True
    return False


def _announced_only(f: _Features, core: Candidate) -> bool:
    """Whether the question asks what came of a year's event ("Wer hat 2020 gewonnen?", "Wie
    viele kamen 2022?") and the passage's document is older than that year: it can only have
    announced the event, not reported its outcome. "Wann ist die Verleihung 2020?" is no such
    question: an announced date answers it."""
    if not f.past or f.query.qtype == "time" or not f.event_years:
        return False
    if _PLANNED_RE.search(core.text) and not _PAST_RE.search(core.text):
        return True  # "ein Siegelprozess geplant, wozu am 21.11.2019 ein Jurytermin stattfinden
        # werde": a plan, no outcome
    source = f.sources.get(core.doc_id)
    return bool(source and source.year and source.year < min(map(int, f.event_years)))


def _replies(
    f: _Features, c: Candidate, near: Mapping[tuple[int, int], Candidate]
) -> Candidate | None:
    """The member's question a sentence answers, reported up to REPLY_REACH sentences
    before it that is about the question too ("erkundigte sich …, in welchem Verhältnis …"
    then "Frau D. erklärte, …"); beyond two sentences only when no other question was
    reported in between (the reply goes on: "… Integrationsräte sind dabei ebenfalls mit im
    Blick" four sentences after "fragte er nach, ob die Integrationsräte … eingebunden
    würden"). The question's sentence is a candidate itself, so its neighbours are read."""
    if f.asked(c) or not f.own(c) or f.about_asking:
        return None
    for d in range(1, REPLY_REACH + 1):
        before = near.get((c.doc_id, c.ord - d))
        if before is None:
            if d > 2:
                return None
            continue
        if f.asked(before):
            if f.own_coverage(before) >= 0.5 and (d <= 2 or not _ANSWERS_RE.search(before.text)):
                return before  # (far back, a sentence that answers the question itself,
                # "Bezugnehmend auf die Nachfrage … erklärte sie, dass …", has no further reply)
            if d >= 2:
                return None  # a reply to another question
    return None


def _prose(c: Candidate | None) -> Candidate | None:
    return None if c is None or c.kind == "row" else c


def _windows(
    c: Candidate, near: Mapping[tuple[int, int], Candidate]
) -> list[tuple[Candidate, ...]]:
    out: list[tuple[Candidate, ...]] = [(c,)]
    if c.kind == "row":
        return out  # a table row stands with its header already
    # Nor does a sentence take a table row beside it: the row is no sentence going on with it.
    prev = _prose(near.get((c.doc_id, c.ord - 1)))
    nxt = _prose(near.get((c.doc_id, c.ord + 1)))
    if prev is not None and len(prev.text) + len(c.text) < MAX_ANSWER:
        if c.text[:1].islower() and c.kind == "sentence":
            # The rest of a long sentence cut in two ("… dazu beizutragen, | dass das KIZ
            # einen spürbaren Mehrwert … bedeutet"): it never stands without its beginning.
            return [(prev, c)]
        out.append((prev, c))
    # A sentence that goes on with this one ("Im weiteren Prozess …", "Hierfür …") may
    # make the pair a little longer than an answer: the text shown is trimmed around the
    # question's words.
    reach = LINKED_REACH if nxt is not None and _LINKED_START_RE.match(nxt.text) else MAX_ANSWER
    if nxt is not None and len(nxt.text) + len(c.text) < reach:
        out.append((c, nxt))
        # "… der Auffassung, dass … Dies bezieht sich auf … Dadurch sind … zu befürchten":
        # a chain of sentences that go on with the one before.
        after = near.get((c.doc_id, c.ord + 2))
        if (
            reach == LINKED_REACH
            and after is not None
            and _LINKED_START_RE.match(after.text)
            and len(c.text) + len(nxt.text) + len(after.text) < LINKED_REACH
        ):
            out.append((c, nxt, after))
    return out


def trim(text: str, query: Query, limit: int = MAX_ANSWER) -> str:
    """At most `limit` characters around the first place the question's terms appear."""
    if len(text) <= limit:
        return text
    first = next(iter(_term_offsets(query, text)), 0)
    start = max(0, min(first - limit // 3, len(text) - limit))
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 40 else start
    piece = text[start : start + limit - 2]
    cut = piece.rfind(" ")
    if start + len(piece) < len(text) and cut > limit // 2:
        piece = piece[:cut]
    return (
        ("… " if start > 0 else "")
        + piece.strip()
        + (" …" if start + len(piece) < len(text) else "")
    )


def shortlist(query: Query, cands: list[Candidate], size: int = PRESHORTLIST) -> list[Candidate]:
    """The candidates whose own words cover most of the question (before neighbours are read)."""
    if len(cands) <= size:
        return cands
    f = _Features(query)
    return sorted(cands, key=lambda c: (-f.own_coverage(c), c.rank))[:size]


def names_speaker(question: str) -> bool:
    """Whether the question names a person as minutes name speakers ("laut Herrn Liermann",
    "Welches Risiko sieht Herr Liermann …"): then what that person said counts for it, as far
    back as the run of reported speech goes (`rank`'s `before`)."""
    return bool(_NAMES_SPEAKER_RE.search(question))


_NAMES_SPEAKER_RE = re.compile(_ASKED_PERSON, re.I)
# A verb of reported speech (Konjunktiv I, and II where I looks like the indicative): minutes
# go on in it for sentences after they name the speaker ("KIM, so Herr Liermann weiter, sei …
# Insofern sei … Auch wenn …, bestehe das Risiko, …").
_REPORTED_RE = re.compile(
    r"\b(?:sei|seien|habe|werde|könne|müsse|solle|wolle|dürfe|gebe|ergebe|bestehe|gehe|stehe|"
    r"liege|zeige|handele|bedeute|befinde|komme|erfolge|bleibe|wäre|wären|würde|würden|"
    r"hätte|hätten)\b"
)


def rank(
    query: Query,
    cands: list[Candidate],
    near: Mapping[tuple[int, int], Candidate],
    sources: Mapping[int, Source],
    defined: set[int] | None = None,
    before: Mapping[tuple[int, int], Candidate] | None = None,
) -> list[Hit]:
    """Candidates as hits, best first, one per window, overlapping windows merged. `before`
    holds passages further back than `near` (see `names_speaker`)."""
    defined = defined or set()
    features = _Features(query, sources)
    contexts = {
        c.passage_id: frozenset().union(
            *(
                features.own(n)
                for d in range(-CONTEXT_REACH, CONTEXT_REACH + 1)
                if (n := near.get((c.doc_id, c.ord + d))) is not None
            )
        )
        for c in cands
    }
    features.referred = {
        c.passage_id: frozenset().union(
            *(features.own(n) for d in (1, 2) if (n := near.get((c.doc_id, c.ord - d))) is not None)
        )
        for c in cands
        if _refers_to_event(c.text)
    }
    # A reply is about what the member asked: the question's words there count for it when
    # the question stands beyond the sentences around (within them they count as context).
    replies: set[int] = set()
    for c in cands:
        asked = _replies(features, c, near)
        if asked is None:
            continue
        replies.add(c.passage_id)
        if c.ord - asked.ord > CONTEXT_REACH:
            referred = features.referred.get(c.passage_id, frozenset())
            features.referred[c.passage_id] = referred | features.own(asked)
    if features.parts:
        features.part_near = {
            c.passage_id
            for c in cands
            if all(
                any(
                    features.names_part(n, i)
                    for d in range(-CONTEXT_REACH, CONTEXT_REACH + 1)
                    if (n := near.get((c.doc_id, c.ord + d))) is not None
                )
                for i in range(len(features.parts))
            )
        }
    features.speakers = {
        c.passage_id: frozenset().union(
            *(
                features.named(n)
                for d in range(-CONTEXT_REACH, CONTEXT_REACH + 1)
                if d and (n := near.get((c.doc_id, c.ord + d))) is not None and features.own(n)
            ),
            _reported_by(features, c, near, before) if before is not None else frozenset(),
        )
        for c in cands
    }

    # "wer hat nach … gefragt": "Sie hatte Nachfragen …" answers with who "sie" is. Other
    # answers that say "er" or "ihn" show who that is when the whole sentence right before
    # names him ("KTM Haacke schloss sich … an. Ihn erfreue, dass … alle Stellen …"), not a
    # clause quoted from further back.
    whole_only = query.qtype != "person"
    features.leads = {
        c.passage_id: lead
        for c in near.values()
        if (lead := _speaker_lead(c, near, before, whole_only=whole_only))
    }
    _enumerations(features, near)

    def rough(c: Candidate) -> float:
        own = features.own_coverage(c)
        return coverage(query, _credits(features, (c,), c, contexts[c.passage_id])) + 0.5 * own

    # Cheap first pass over all candidates; windows and text features for the best only.
    shortlist = (
        sorted(cands, key=rough, reverse=True)[:SHORTLIST] if len(cands) > SHORTLIST else cands
    )
    scored: list[_Scored] = []
    for c in shortlist:
        best = max(
            (
                _score_window(features, w, c, defined, contexts[c.passage_id])
                for w in _windows(c, near)
            ),
            key=lambda s: s.score,
        )
        if c.passage_id in replies:
            best = replace(best, score=best.score + REPLY_BONUS)
        scored.append(best)
    if scored:
        top = max(s.score for s in scored)
        scored = [
            replace(s, score=s.score + features.text_bonus(s.core))
            if s.score >= top - MAX_TEXT_BONUS
            else s
            for s in scored
        ]
    # Equal scores (to float noise: 1.0550000000000002 against 1.055) go in reading order.
    scored.sort(key=lambda s: (-round(s.score, 9), s.core.doc_id, s.core.ord))
    hits: list[Hit] = []
    used: set[int] = set()
    for best in scored:
        if best.core.passage_id in used:
            continue
        # A window that overlaps a better one keeps only its own sentences.
        window = tuple(c for c in best.window if c.passage_id not in used)
        s = replace(best, window=window)
        ids = tuple(c.passage_id for c in window)
        used.update(ids)
        full = " ".join(c.text for c in s.window)
        lead = features.leads.get(s.window[0].passage_id, "")
        hits.append(
            Hit(
                text=lead + trim(full, query, MAX_ANSWER - len(lead)),
                source=sources[s.core.doc_id],
                score=round(s.score, 4),
                coverage=round(s.coverage, 4),
                passage_ids=ids,
                full_text=full,
                matched=frozenset(
                    c.label
                    for c in query.concepts
                    if concept_match(
                        c, dict.fromkeys((t for w in s.window for t in features.own(w)), 1.0)
                    )
                ),
                evidence=s.evidence,
            )
        )
    return hits


def _newest_first(hits: list[Hit]) -> tuple[list[Hit], int | None]:
    """Among near-equal top hits from several years, the newest leads ("Stand 2022"), when
    it holds the asked kind of fact at least as clearly (a date for "bis wann")."""
    if not hits:
        return hits, None
    top = hits[0].score
    close = [
        h
        for h in hits[:6]
        if h.score >= top - NEWEST_MARGIN
        and h.coverage >= max(ANSWER_MIN_COVERAGE, hits[0].coverage - 0.05)
        and h.matched >= hits[0].matched  # all the top one names, maybe more
        and h.evidence >= hits[0].evidence  # a newer text must hold the asked fact as well
    ]
    years = {h.source.year for h in close if h.source.year is not None}
    if len(years) < 2:
        return hits, None
    newest = max(close, key=lambda h: (h.source.year or 0, h.score))
    ordered = [newest, *[h for h in hits if h is not newest]]
    return ordered, newest.source.year


def _later_state(
    query: Query, hits: list[Hit], mentions: Mapping[str, frozenset[str]]
) -> tuple[list[Hit], int | None]:
    """A later document that says what became of the top answer leads ("Stand 2022"), the
    older one follows as history. It counts when it is from a later year, shares a word of its
    title with the top answer's document (the same programme or body), holds the asked kind of
    fact, and matches every concept the top answer matched except those its whole document
    never mentions ("alle Stellen besetzt" in 2022 minutes about KIM, which never say "Case
    Management", after "4 von 11 Case-Management-Stellen besetzt" in 2021)."""
    top = hits[0]
    if top.source.year is None or not top.matched:
        return hits, None
    top_title = title_terms(top.source.title)
    wanted = {c.label: c.terms() for c in query.concepts}
    for later in hits[1:8]:
        if (later.source.year or 0) <= top.source.year or later.evidence == 0:
            continue
        if later.coverage < LATER_MIN_COVERAGE or not later.matched:
            continue
        if not top_title & title_terms(later.source.title):
            continue
        # What the later answer leaves out must be the subject of the older document (in its
        # title) that the later document never names at all.
        known = mentions.get(later.source.name, frozenset())
        titled = title_terms(top.source.title, every=True)
        left_out = [wanted.get(c, set()) for c in top.matched - later.matched]
        if not left_out or any(terms & known or not terms & titled for terms in left_out):
            continue
        if 2 * len(later.matched & top.matched) < len(top.matched):
            continue  # it must say most of what the older answer said
        return [later, *[h for h in hits if h is not later]], later.source.year
    return hits, None


@lru_cache(maxsize=4096)
def title_terms(title: str, *, every: bool = False) -> frozenset[str]:
    """Distinctive words of a document title (abbreviations and long words), or `every` term
    of it (with compound parts). Cached: the same titles come up question after question."""
    if every:
        return frozenset(t for tok in tokenize(title) for t in token_terms(tok))
    return frozenset(
        t
        for tok in tokenize(title)
        if (tok.kind == "abbr" or len(tok.text) >= 12)
        for t in token_terms(tok)[:1]
    )


# A town or district after its kind ("Stadt Troisdorf", "Kreis Soest", "Stadt Sankt Augustin").
_KIND_THEN_NAME = r"\b(?:Stadt|Gemeinde|Kreis|Kreises)\s+((?:Sankt\s+)?[A-ZÄÖÜ][\w-]+)"
_TITLE_PLACE_RE = re.compile(_KIND_THEN_NAME)
# A place a sentence names: that, or a district by its name ("Rhein-Sieg-Kreis").
_PLACE_RE = re.compile(rf"\b([A-ZÄÖÜ]\w*-(?:[A-ZÄÖÜ]\w*-)?Kreis)\w*|{_KIND_THEN_NAME}")


@lru_cache(maxsize=4096)
def title_places(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """The towns and districts a title names ("Vorlage Stadt Troisdorf"), as written and as
    index terms: the whole document is of that place, though its sentences seldom say so."""
    names = frozenset(m.group(1) for m in _TITLE_PLACE_RE.finditer(title))
    terms = frozenset(t for name in names for tok in tokenize(name) for t in token_terms(tok)[:1])
    return names, terms


def _names_other_place(text: str, places: frozenset[str]) -> bool:
    """Whether a text names a place other than the given ones."""
    return any((m.group(1) or m.group(2)) not in places for m in _PLACE_RE.finditer(text))


@lru_cache(maxsize=4096)
def title_names(title: str) -> frozenset[str]:
    """The terms of a slogan in a title ("Gemeinsam klappt's", a programme's name): words
    next to each other (no punctuation between, no stopwords) of which a later one is written
    small, as a German noun phrase is not ("Kommunalen Integrationszentrums")."""
    stop = stopwords()
    out: set[str] = set()
    run: list[Token] = []
    for tok in [*tokenize(title), None]:
        word = tok is not None and tok.kind == "word" and fold(tok.text) not in stop
        if tok is not None and word and (not run or not title[run[-1].end : tok.start].strip()):
            run.append(tok)
            continue
        if len(run) >= 2 and any(r.text[:1].islower() and len(r.text) > 3 for r in run[1:]):
            out.update(t for r in run for t in token_terms(r)[:1])
        run = [tok] if tok is not None and word else []
    return frozenset(out)


def _uncounted(query: Query, hit: Hit) -> bool:
    """Whether a "wie viele X" answer never names X (nor a word standing for it): "wie viele
    Bewerbungen" is not answered by a sentence about the prize's three categories."""
    if query.qtype != "quantity" or query.focus is None:
        return False
    focus = query.concepts[query.focus]
    if focus.label in hit.matched:
        # (a compound asked in parts, "Teilhabemanger", is judged by its parts already)
        return not focus.parts and _modifier_only(set(focus.alternatives), hit.full_text)
    # "Wie viel Geld …" is named by the amount itself ("170.000 Euro").
    return not (_asks_money(query) and _has_amount(hit.full_text))


# Compound heads that count their first part: "Teilnehmerzahl" names a number of Teilnehmer.
_COUNT_HEADS = ("zahl", "anzahl", "quot", "summ", "meng")


def _modifier_only(terms: set[str], text: str) -> bool:
    """Whether the counted word stands in the text only as the first part of compounds: an
    "Einbürgerungsbehörde" is no number of Einbürgerungen. A compound names what its last part
    names ("Case Management-Stellen" are Stellen), and "Teilnehmerzahl" counts Teilnehmer."""
    inside = False
    for tok in tokenize(text):
        for stem_ in token_terms(tok):
            for term in terms:
                if len(term) < 4 or term not in stem_:
                    continue
                if stem_.endswith(term) or stem_.endswith(_COUNT_HEADS):
                    return False
                inside = True
    return inside


def confidence_of(coverage: float) -> Confidence:
    """How sure an answer covering this share of the question is ("sicher", "wahrscheinlich",
    "unsicher")."""
    if coverage >= 0.9:
        return "high"
    return "medium" if coverage >= 0.75 else "low"


def decide(
    query: Query, hits: list[Hit], mentions: Mapping[str, frozenset[str]] | None = None
) -> Answer:
    """Answer with the best hits, or decline when the best covers too little of the question.
    `mentions` maps document names to the question terms they contain anywhere (for finding a
    later state of the answer)."""
    if hits and _uncounted(query, hits[0]):
        # "Wie viele Geduldete …?": a sentence that counts something else leads; one about as
        # good that counts them answers ("… der Geduldeten, der ca. 200 Personen umfasse").
        hits = [h for h in hits if not _uncounted(query, h)]
    if query.qtype == "quantity" and hits and hits[0].coverage < ANSWER_MIN_COVERAGE:
        # A number right before the counted word lifted a sentence that names too little of
        # the question; one about as good that names enough answers instead.
        hits = [
            h
            for h in hits[:RUNNERS_UP]
            if h.coverage >= ANSWER_MIN_COVERAGE and h.score >= hits[0].score - RUNNER_UP_MARGIN
        ] or hits
    if not query.concepts or not hits or hits[0].coverage < ANSWER_MIN_COVERAGE:
        return Answer(query.text, query.qtype, False, (), None, None, query.corrections)
    if all(c.kind == "number" and not _DISTINCT_NUMBER_RE.search(c.label) for c in query.concepts):
        # "1", "2020", "<b>x</b> OR 1=1": a bare number names no topic ("Modul 1" is not what
        # was asked); a date or a reference ("05.02.2021", "183.094") does find its passage.
        return Answer(query.text, query.qtype, False, (), None, None, query.corrections)
    if query.qtype == "which" and _asks_money(query):
        # "Welches Budget …": only a text with an amount answers; none among the good: decline.
        hits = [h for h in hits if _has_amount(h.full_text)]
        if not hits or hits[0].coverage < ANSWER_MIN_COVERAGE * 0.85:
            return Answer(query.text, query.qtype, False, (), None, None, query.corrections)
    # What an abbreviation stands for does not go stale: its definition leads, whatever year.
    spelled_out = query.qtype == "definition" and bool(query.abbreviations)
    ordered, as_of = (hits, None) if spelled_out else _newest_first(hits)
    later = False
    if as_of is None and mentions is not None:
        ordered, as_of = _later_state(query, ordered, mentions)
        later = as_of is not None
    good = [h for h in ordered if h.coverage >= ANSWER_MIN_COVERAGE * 0.8 or h is ordered[0]]
    best = good[0]
    confidence = confidence_of(best.coverage)
    if later:  # judged by the older answer it updates; the later one names less of it
        confidence = "medium" if hits[0].coverage >= 0.75 else "low"
    if query.qtype in MISSING_EVIDENCE and best.evidence == 0:
        confidence = "low"  # no number for "wie viele", no date for "wann": say so
    return Answer(query.text, query.qtype, True, tuple(good), confidence, as_of, query.corrections)
