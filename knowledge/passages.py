"""Pure: repaired document text -> passages small enough to pin a fact.

A passage is one sentence, one list chunk under its lead-in, or one table row under the table's
header. Lines of a sentence broken across blank lines (double-spaced extraction, page breaks
inside a sentence) are joined again first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.analyze import fold, stopwords, token_kinds, token_texts, tokenize
from knowledge.boilerplate import (
    all_weak,
    form_lines,
    opens_signature,
    section_label,
    section_prefix,
)
from knowledge.paperfacts import facts_line
from knowledge.signatures import is_subject_line

# "boilerplate": letterheads, form fields, signatures (knowledge/boilerplate.py), never answers.
# "facts": a paper's form fields said in one sentence (knowledge/paperfacts.py), answerable.
PassageKind = Literal["sentence", "list", "row", "boilerplate", "facts"]

MAX_PASSAGE = 480  # characters; longer sentences are cut at clause or line boundaries
MAX_HEADER = 260  # table header / list lead-in repeated before each chunk
HEADING_MAX = 60  # a short line without final punctuation, followed by a new paragraph

_BULLET_RE = re.compile(r"^\s*(?:[•▪●◦\-–>*]|o\s)\s*")
_TERMINAL = ".!?"
# Abbreviations after which a full stop does not end a sentence (compared folded, no dot).
_NO_SPLIT = frozenset(
    [
        "abg",
        "abs",
        "az",
        "bspw",
        "bzw",
        "ca",
        "dr",
        "ggf",
        "gez",
        "hr",
        "fr",
        "insb",
        "inkl",
        "kath",
        "nr",
        "ntr",
        "o.g",
        "sog",
        "stv",
        "std",
        "str",
        "tel",
        "u.a",
        "u.v.m",
        "v",
        "z.b",
        "z.t",
        "d.h",
        "e.v",
        "usw",
        "vgl",
        "vorh",
        "evtl",
        "ff",
        "max",
        "min",
        "mio",
        "mrd",
        "tsd",
        "jan",
        "feb",
        "mrz",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
        "st",
        "prof",
        "dipl",
        "ing",
        "hrsg",
        "anl",
        "top",
        "zzgl",
        "u.u",
        "i.d.r",
        "i.v",
        "sogen",
    ]
)
_MONTHS = frozenset(
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ]
)
_LONG_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_END_RE = re.compile(r"[.!?][\"“”»)]*(?=\s+)")
_NON_SPACE_RE = re.compile(r"\S")
_WORD_WINDOW = 200  # characters before a full stop in which its word is looked for
_OPEN_QUOTES = "„«"
_CLOSE_QUOTES = "“»"


@dataclass(frozen=True)
class Passage:
    """One indexed unit of a document, in reading order."""

    ord: int
    text: str
    kind: PassageKind
    heading: str = ""
    lead: str = ""  # the table header or list lead-in this passage repeats at its start


@dataclass
class _Block:
    lines: list[str]
    after_page_break: bool = False
    form: bool = False  # letterhead, form fields, signature: kept apart from the prose

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as flowing text; list bullets keep their own line."""
    out = ""
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if not out:
            out = s
        elif _BULLET_RE.match(s):
            out += "\n" + s
        else:
            out += " " + s
    return out


def _ends_list(item_lines: list[str], line: str) -> bool:
    """A capitalised line after a list item that is complete starts new prose."""
    if not item_lines or not _BULLET_RE.match(item_lines[0]) or _BULLET_RE.match(line):
        return False
    s = line.strip()
    prev = item_lines[-1].rstrip()
    if not s[:1].isupper() or not prev or prev[-1] in ",-;" or _last_word(prev) in stopwords():
        return False
    if len(item_lines) > 1 and prev[-1].isalpha():
        return False  # an item running on over lines goes on ("… wurde Fatma / Bläser als …")
    return len(s) > HEADING_MAX // 2


def _blocks(text: str) -> list[_Block]:
    """Paragraphs: runs of non-blank lines; a form feed line marks a page break."""
    blocks: list[_Block] = []
    current: list[str] = []
    item: list[str] = []  # lines of the list item being read, if any
    page_break = False
    for line in text.split("\n"):
        if line.strip() and _ends_list(item, line):
            blocks.append(_Block(current, page_break))
            current, page_break, item = [], False, []
        if _BULLET_RE.match(line):
            item = [line]
        elif item and line.strip():
            item.append(line)
        elif not line.strip():
            item = []
        if line.strip() == "\f" or "\f" in line:
            if current:
                blocks.append(_Block(current, page_break))
                current = []
            page_break = True
            continue
        if not line.strip():
            if current:
                blocks.append(_Block(current, page_break))
                current, page_break = [], False
            continue
        current.append(line)
    if current:
        blocks.append(_Block(current, page_break))
    return blocks


def _form_blocks(blocks: list[_Block]) -> list[_Block]:
    """The blocks with their form material (letterhead, form fields, signatures) split off
    into blocks of its own, marked `form`; a section label's prose after the colon stays
    prose ("Sachdarstellung: Seit …"). The block of names under a signature is form too."""
    out: list[_Block] = []
    signed = False  # the block before opened a signature
    for block in blocks:
        lines: list[str] = []
        for line in block.lines:
            cut = section_prefix(line)
            lines.extend([line[:cut], line[cut:].lstrip()] if cut else [line])
        flags = form_lines(lines)
        if signed and all_weak(lines):
            flags = [True] * len(lines)
        first = len(out)
        for i, line in enumerate(lines):
            if i and flags[i] == flags[i - 1]:
                out[-1].lines.append(line)
            else:
                out.append(_Block([line], False, flags[i]))
        out[first].after_page_break = block.after_page_break
        signed = opens_signature(lines)
    for i in range(1, len(out) - 1):  # a check box ("X") between form fields is one of them
        if out[i - 1].form and out[i + 1].form and not _LONG_WORD_RE.search(out[i].text):
            out[i].form = True
    return out


_TAIL = 120  # characters before the end in which the last word is looked for first


def _last_word(text: str) -> str:
    # Tokens never span a space: the tokens after a space are those of the whole text there.
    cut = text.rfind(" ", 0, max(0, len(text) - _TAIL))
    toks = token_texts(text[cut:]) if cut >= 0 else []
    if not toks:
        toks = token_texts(text)
    return fold(toks[-1]) if toks else ""


def _continues(prev: str, nxt: _Block) -> bool:
    """Whether paragraph `nxt` goes on with the sentence that `prev` left open."""
    p = prev.rstrip()
    n = nxt.text.lstrip()
    if not p or not n:
        return False
    if n[0].islower():
        return True
    if p.endswith(".") and fold(p.rsplit(None, 1)[-1]).strip("(„.") in _NO_SPLIT:
        return True  # "Herr Minister Dr." / "Stamp und ..."
    if p[-1] in _TERMINAL or (p.endswith(("“", '"', ")")) and p[-2:-1] in _TERMINAL):
        return False
    if p.endswith(":"):
        return True
    if p[-1] in ",;-" or _last_word(p) in stopwords():
        return True
    if nxt.after_page_break and _is_heading(nxt):
        return False  # a heading at the top of a page ends the table or list before it
    last_line = p.rsplit("\n", 1)[-1]
    return len(last_line) > HEADING_MAX and not _BULLET_RE.match(last_line)


def _is_heading(block: _Block) -> bool:
    """A one-line block that reads as a heading: short, capitalised, no final punctuation."""
    text = block.text.strip()
    return (
        len(block.lines) == 1
        and 0 < len(text) <= HEADING_MAX
        and text[0].isupper()
        and text[-1] not in _TERMINAL + ":,;-"
        and _last_word(text) not in stopwords()
    )


def _is_row(line: str) -> bool:
    """A table row: short, several numbers (one of them an amount), few function words."""
    s = line.strip()
    if len(s) > 150 or (s and s[-1] in _TERMINAL and not s[-2:-1].isdigit()):
        return False
    toks = tokenize(s)
    numbers = [t for t in toks if t.kind == "number"]
    if len(numbers) < 2 or not any(
        len(t.text.replace(".", "").replace(",", "")) >= 3 for t in numbers
    ):
        return False
    words = [t for t in toks if t.kind != "number"]
    function = sum(1 for t in words if fold(t.text) in stopwords())
    return function <= max(1, len(words) // 6)


def _split_sentences(text: str) -> list[str]:
    """Sentences of flowing German text, not split after abbreviations, ordinals or in quotes.

    Linear in the length of the text: each candidate end looks only at a bounded window before
    it, the next non-space character after it, and running counts of the quotes (long runs of
    lower-case prose, where no candidate splits, must not re-read the sentence so far)."""
    out: list[str] = []
    start = 0
    counted, opened, closed = 0, 0, 0  # quotes „ and “ in text[:counted]
    start_opened, start_closed = 0, 0  # ... in text[:start]
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        following = _NON_SPACE_RE.search(text, end)
        if following is None:
            continue
        window = text[max(start, m.start() - _WORD_WINDOW) : m.start()]
        last = window.rsplit(None, 1)[-1] if window.split() else ""
        # ".B" of an OCR-spaced "z .B." is the abbreviation's last letter.
        word = fold(last).strip("(„\"'.").lower()
        punct = text[m.start()]
        nxt = following.group()
        if punct == "." and (
            word in _NO_SPLIT
            or (len(word) == 1 and word.isalpha())
            or (
                word.isdigit()
                and len(word) <= 2
                and (not nxt.isupper() or _starts_month(text[following.start() :][:40]))
            )
        ):
            continue
        opened += text.count("„", counted, m.start())
        closed += text.count("“", counted, m.start())
        counted = m.start()
        if punct in "!?" and opened - start_opened > closed - start_closed:
            continue  # „Respekt! Zeit für Vielfalt“
        if not (nxt.isupper() or nxt.isdigit() or nxt in '„"»(•-–'):
            continue
        out.append(text[start:end].strip())
        start = end
        opened += text.count("„", counted, start)
        closed += text.count("“", counted, start)
        counted, start_opened, start_closed = start, opened, closed
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _starts_month(text: str) -> bool:
    word = text.split(None, 1)[0].strip(".,").lower() if text.split() else ""
    return word in _MONTHS


def _cut(text: str, limit: int = MAX_PASSAGE) -> list[str]:
    """A long sentence in pieces at line, semicolon or comma boundaries, each at most `limit`."""
    if len(text) <= limit:
        return [text]
    for sep in ("\n", "; ", ", "):
        parts = text.split(sep)
        if len(parts) < 2:
            continue
        pieces: list[str] = []
        buf = ""
        for part in parts:
            candidate = f"{buf}{sep}{part}" if buf else part
            if len(candidate) <= limit or not buf:
                buf = candidate
            else:
                pieces.append(buf + sep.rstrip())  # the comma stays: "… dazu beizutragen,"
                buf = part
        pieces.append(buf)
        if all(len(p) <= limit for p in pieces):
            return [p.strip() for p in pieces if p.strip()]
    return [text[i : i + limit].strip() for i in range(0, len(text), limit)]


def _table(blocks: list[_Block]) -> tuple[str, list[str], int] | None:
    """(header, rows, blocks used) when the blocks open a table of at least two rows."""
    lines: list[tuple[int, str]] = [(bi, ln) for bi, b in enumerate(blocks) for ln in b.lines]
    rows_at = [i for i, (_, ln) in enumerate(lines) if _is_row(ln)]
    if len(rows_at) < 2:
        return None
    header = " ".join(ln.strip() for _, ln in lines[: rows_at[0]])
    span = rows_at[-1] - rows_at[0] + 1
    if len(header) > 2 * MAX_HEADER or len(rows_at) * 10 < span * 3:
        return None  # prose with a few numbers, not a table
    rows: list[str] = []
    last_block = 0
    for k, i in enumerate(rows_at):
        nxt = rows_at[k + 1] if k + 1 < len(rows_at) else len(lines)
        row = [lines[i][1].strip()]
        last_block = lines[i][0]
        for bi, ln in lines[i + 1 : nxt]:
            s = ln.strip()
            if len(s) > 80 or any(fold(t.text) in stopwords() for t in tokenize(s)[:3]):
                break
            row.append(s)
            last_block = bi
        rows.append(" ".join(row))
    return header[:MAX_HEADER], rows, last_block + 1


def _region_end(blocks: list[_Block], start: int) -> int:
    """Index after the last block of the page region that starts at `start`."""
    end = start + 1
    while end < len(blocks) and not blocks[end].after_page_break:
        end += 1
    return end


def split_passages(text: str) -> list[Passage]:
    """Passages of a repaired document text, in reading order."""
    blocks = _form_blocks(_blocks(text))
    units: list[tuple[str, PassageKind, str, str]] = []  # text, kind, heading, lead
    heading = outer = ""  # the heading of the passages; the last heading outside sections
    i = 0
    while i < len(blocks):
        if blocks[i].form:  # form blocks in a row, up to a page break, are one passage
            form = [blocks[i].text]
            i += 1
            while i < len(blocks) and blocks[i].form and not blocks[i].after_page_break:
                form.append(blocks[i].text)
                i += 1
            units.extend((piece, "boilerplate", heading, "") for piece in _cut(" ".join(form)))
            # "Beschlussentwurf:" ends the form: the prose after it, up to the next form or
            # heading, is that section's (at ingest the label's words index as its own)
            label = section_label(blocks[i - 1].lines[-1])
            heading = label.capitalize() if label else outer
            continue
        if blocks[i].after_page_break or i == 0 or blocks[i - 1].form:
            region = blocks[i : _region_end(blocks, i)]
            table = _table(region)
            if table is not None:
                header, rows, used = table
                rows_head = header.strip()
                units.extend(
                    (f"{rows_head} | {row}" if rows_head else row, "row", heading, rows_head)
                    for row in rows
                )
                i += used
                continue
        flow = blocks[i].text
        i += 1
        while i < len(blocks) and not blocks[i].form and _continues(flow, blocks[i]):
            flow += ("\n" if _BULLET_RE.match(blocks[i].text) else " ") + blocks[i].text
            i += 1
        if len(flow) <= HEADING_MAX and flow[-1] not in _TERMINAL + ":":
            heading = outer = flow
        units.extend(_units_of_flow(flow, heading))
    kept = _with_paper_facts([u for u in units if _has_words(u[0])])
    return [Passage(n, t, k, h, lead) for n, (t, k, h, lead) in enumerate(kept)]


FORM_REACH = 8  # passages after a subject line in which the paper's other form fields stand


def _with_paper_facts(
    units: list[tuple[str, PassageKind, str, str]],
) -> list[tuple[str, PassageKind, str, str]]:
    """The units with, after each paper's subject line that follows its letterhead, the
    sentence of the paper's form fields (knowledge/paperfacts.py)."""
    out: list[tuple[str, PassageKind, str, str]] = []
    for i, unit in enumerate(units):
        out.append(unit)
        if not (i and units[i - 1][1] == "boilerplate" and is_subject_line(unit[0])):
            continue
        first = i - 1
        while first > 0 and units[first - 1][1] == "boilerplate":
            first -= 1
        head = " ".join(u[0] for u in units[first:i])
        more = []
        for later in units[i + 1 : i + 1 + FORM_REACH]:
            if is_subject_line(later[0]):
                break
            if later[1] == "boilerplate":
                more.append(later[0])
        line = facts_line(head, more)
        if line is not None:
            out.append((line, "facts", unit[2], ""))
    return out


def _units_of_flow(flow: str, heading: str) -> list[tuple[str, PassageKind, str, str]]:
    """Sentences of a paragraph; a list with its lead-in stays together, chunked under it."""
    if "\n" in flow and _BULLET_RE.search(flow.split("\n", 1)[1]):
        lead, items = flow.split("\n", 1)
        whole = f"{lead}\n{items}"
        if len(whole) <= MAX_PASSAGE:
            return [(whole, "list", heading, "")]
        # A long lead-in is prose that ends in the list's own lead-in: the sentences before
        # it are passages of their own, so that nothing of them is lost to the cut below.
        out: list[tuple[str, PassageKind, str, str]] = []
        sentences = _split_sentences(lead)
        if len(lead) > MAX_HEADER and len(sentences) > 1:
            for sentence in sentences[:-1]:
                out.extend((piece, "sentence", heading, "") for piece in _cut(sentence))
            lead = sentences[-1]
        if len(lead) > MAX_HEADER:
            out.extend((piece, "sentence", heading, "") for piece in _cut(lead))
            lead = lead[:MAX_HEADER] + "…"
        chunks = _cut(items, MAX_PASSAGE - len(lead) - 1)
        # A list's lead-in is its own text in every chunk (unlike a table header, which only
        # labels the row), so it stays in the passage's own words: lead "" here.
        return out + [(f"{lead}\n{c}", "list", heading, "") for c in chunks]
    units: list[tuple[str, PassageKind, str, str]] = []
    for sentence in _split_sentences(flow.replace("\n", " ")):
        units.extend((piece, "sentence", heading, "") for piece in _cut(sentence))
    return units


def _has_words(text: str) -> bool:
    found = 0
    for t, kind in token_kinds(text):
        if kind != "number" and len(t) > 1:
            found += 1
            if found == 2:
                return True
    return False
