"""Deep links: https://t.me/<bot>?start=PAYLOAD opens the bot, which receives /start PAYLOAD.

Telegram allows 1..64 characters of A-Z, a-z, 0-9, `_` and `-` in a payload. Ours:

    abo-<topic>             subscribe to a topic: an event kind (sitzungen, jury,
                            veranstaltungen, ankuendigungen), "alle", or a committee
    abo-stichwort-<wort>    subscribe to a keyword
    termin-<id>             show an event

Topics and words are written as slugs: lower case, ä ö ü ß as ae oe ue ss, other accents
dropped, every run of other characters (spaces too) as one `_`. A topic's slug is compared
with the slugs of the topics the bot offers, so `abo-integrationsrat` and
`abo-ausschuss_fuer_soziales` find "Integrationsrat" and "Ausschuss für Soziales". A keyword's
slug is read back with `_` as a space; "muell" finds "Müll" as the index folds umlauts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_PAYLOAD = 64
PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
KEYWORD_PREFIX = "stichwort-"
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slug(text: str) -> str:
    """'Ausschuss für Soziales' -> 'ausschuss_fuer_soziales'."""
    folded = text.casefold().translate(_UMLAUTS)
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]+", "_", plain).strip("_-")


def link(username: str, payload: str) -> str | None:
    """The t.me link with a payload, or None when the payload breaks Telegram's rules."""
    if not PAYLOAD_RE.match(payload):
        return None
    return f"https://t.me/{username}?start={payload}"


def topic_payload(topic: str) -> str:
    """abo-<slug of the topic>."""
    return f"abo-{slug(topic) or 'alle'}"


def keyword_payload(word: str) -> str:
    """abo-stichwort-<slug of the word>."""
    return f"abo-{KEYWORD_PREFIX}{slug(word)}"


def event_payload(event_id: int) -> str:
    """termin-<id>."""
    return f"termin-{event_id}"


@dataclass(frozen=True)
class Start:
    """What a /start payload asks for: kind "topic" (value: the slug), "keyword" (value: the
    word, `_` read as a space) or "event" (value: the id as digits)."""

    kind: str
    value: str


def parse(payload: str) -> Start | None:
    """The request of a /start payload, or None (no payload, unknown, or not by the rules)."""
    text = payload.strip()
    if not PAYLOAD_RE.match(text):
        return None
    lowered = text.lower()
    if lowered.startswith("abo-" + KEYWORD_PREFIX):
        word = lowered[len("abo-" + KEYWORD_PREFIX) :].replace("_", " ").strip(" -")
        return Start("keyword", word) if word else None
    if lowered.startswith("abo-"):
        topic = lowered[len("abo-") :].strip("_-")
        return Start("topic", topic) if topic else None
    if lowered.startswith("termin-"):
        ident = lowered[len("termin-") :]
        return Start("event", ident) if ident.isdigit() and len(ident) <= 18 else None
    return None
