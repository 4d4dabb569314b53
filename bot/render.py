"""Pure: Reply -> Telegram HTML messages (everything escaped, split at 4096 characters)."""

from __future__ import annotations

import html
import re

from bot.reply import Reply, Span

MAX_TEXT = 4096  # Telegram's limit, counted on the visible text after entity parsing
MAX_CAPTION = 1024
# Where long fields are cut with "…" wherever a message shows them (the data may hold more:
# an ICS LOCATION of 5,000 characters, a title from an old database).
MAX_TITLE = 200  # event and document titles
MAX_PLACE = 200  # an event's place (lists take MAX_LISTED_PLACE)
MAX_LISTED_PLACE = 100  # so that ten events fit one message
MAX_SNIPPET = 300  # descriptions, quotes from minutes
MAX_NAME = 100  # file names and paths of documents
MAX_DETAILS = 100  # a document's kind and date
MAX_LABEL = 60  # button labels made from data (topics)
ELLIPSIS = "…"
_DANGLING = " \n\t,;:(„‚“\"'–—-/"  # what a cut text does not end with before its "…"
_BREAKS = (re.compile(r"\n"), re.compile(r"(?<=[.!?…])\s+"), re.compile(r"(?<=[,;:])\s+"))


def shorten(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else cut to fit with "…" at the end: at
    the last word end in the second half (a long address or compound there is left out
    whole), without a dangling comma, dash or opening quote; hard only within one long word."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    if not text[len(head)].isspace():  # the cut falls inside a word: end before it
        space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
        if space >= limit // 2:
            head = head[:space]
    return (head.rstrip(_DANGLING) or head) + ELLIPSIS


def span_html(span: Span) -> str:
    """One span as Telegram HTML; text from documents and users is always escaped."""
    text = html.escape(span.text, quote=False)
    match span.style:
        case "bold":
            return f"<b>{text}</b>"
        case "italic":
            return f"<i>{text}</i>"
        case "quote":
            return f"<blockquote>{text}</blockquote>"
        case "code":
            return f"<code>{text}</code>"
        case "link" if span.href:
            return f'<a href="{html.escape(span.href, quote=True)}">{text}</a>'
        case _:
            return text


def _cut(text: str, room: int) -> int:
    """Where to cut `text` so the first part fits `room`: at a line, sentence, clause or word
    end in the last two thirds of the room, else hard at `room`."""
    for pattern in _BREAKS:
        best = None
        for m in pattern.finditer(text, 0, room + 1):
            if m.start() >= room // 3:
                best = m.start()
        if best:
            return best
    space = text.rfind(" ", room // 2, room)
    return space if space > 0 else room


def messages(reply: Reply, limit: int = MAX_TEXT) -> list[str]:
    """The HTML texts to send for a reply: at most `limit` visible characters each, paragraphs
    kept whole where they fit, long ones cut at line, sentence or clause boundaries."""
    out: list[str] = []
    done: list[str] = []  # finished paragraphs (HTML) of the current message
    spans: list[str] = []  # HTML of the paragraph being built
    size = 0  # visible characters of the current message

    def flush() -> None:
        nonlocal done, spans, size
        if spans:
            done.append("".join(spans))
        if done:
            out.append("\n".join(done))
        done, spans, size = [], [], 0

    for para in reply.paragraphs:
        if spans:
            done.append("".join(spans))
            spans = []
        new_paragraph = bool(done)
        for span in para:
            text = span.text
            while text:
                room = limit - size - (1 if new_paragraph else 0)
                if len(text) <= room:
                    piece, text = text, ""
                elif room < limit // 4 and (done or spans):
                    flush()  # too little room left here: start a new message
                    new_paragraph = False
                    continue
                else:
                    at = _cut(text, room)
                    piece, text = text[:at].rstrip(), text[at:].lstrip()
                if piece:
                    spans.append(span_html(Span(piece, span.style, span.href)))
                    size += len(piece) + (1 if new_paragraph else 0)
                    new_paragraph = False
                if text:
                    flush()
    flush()
    return [m for m in out if m.strip()]


def caption(text: str) -> str:
    """A document caption, escaped and within Telegram's caption limit (cut with "…")."""
    return html.escape(shorten(text, MAX_CAPTION), quote=False)
