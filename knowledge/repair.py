"""Pure: repair of German text extracted from PDFs, OCR damage included (no I/O).

Steps, in order: normalise characters and spaces, fix OCR debris ("!ntegration",
"Rhein=Sieg"), turn runs of blank lines into form-feed page breaks and drop page-number
junk around them, join words broken at line ends, rebuild letter-spaced words
("Integrat ion" -> "Integration") against a lexicon taken from the document itself.
Blank lines that are not page breaks are left alone; merging blocks is another module's job.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

PAGE_BREAK = "\f"
# Lines ending in a letter, none with a space after it: the text does not mark line ends.
MIN_LINES_WITHOUT_END_SPACE = 5
# Consecutive empty lines that mark a page break; whitespace-only lines separate paragraphs.
PAGE_BREAK_MIN_EMPTY = 3
# Junk lines (page numbers, OCR specks) dropped on each side of a page break.
MAX_JUNK_LINES = 3
JUNK_MAX_CHARS = 4
MIN_LEXICON_WORD = 4
MIN_DICTIONARY_WORD = 5  # general words shorter than this do not help rebuild spaced words
# Rounds of judging lines and taking the lexicon from the clean ones.
LEXICON_ROUNDS = 2
MAX_MERGE_SPAN = 6
MAX_WORD_LETTERS = 40
MAX_LETTER_RUN = 80
MIN_LETTER_RUN = 3
# Share of a line's word tokens that must be fragments for it to count as letter-spaced.
FRAGMENT_SHARE = 0.12
MIN_FRAGMENTS = 2

# Compounds rebuilt from letter-spaced fragments: parts of 4+ letters, at most 4 of them,
# joined by these linking elements (Fugen).
MIN_COMPOUND_PART = 4
MAX_COMPOUND_DEPTH = 2
COMPOUND_LINKS = ("", "s", "es", "n", "en", "e")
# Letters OCR confuses in lower case ("Wohifahrt" for "Wohlfahrt"), tried on rebuilt words.
OCR_CONFUSIONS = (("i", "l"), ("l", "i"))
# Endings that turn one form of a word into another ("unterschiedlich" -> "-en"), longest first.
INFLECTION_ENDINGS = ("en", "er", "es", "em", "e", "n", "s", "")
MIN_STEM = 5
# Short German words that are words on their own, not fragments of a letter-spaced word.
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        "ab", "aber", "als", "alt", "am", "amt", "an", "art", "auch", "auf", "aus", "bad", "bat",
        "bei", "bin", "bis", "da", "das", "dass", "dem", "den", "der", "des", "die", "du", "ein",
        "eine", "einem", "einen", "einer", "eines", "eng", "er", "es", "für", "gab", "gut", "hat",
        "her", "hin", "hob", "ich", "ihm", "ihn", "ihr", "im", "in", "ins", "ist", "ja", "je",
        "kam", "man", "mir", "mit", "nach", "nah", "nein", "neu", "nie", "noch", "nun", "nur",
        "ob", "oder", "ohne", "ort", "per", "pro", "rat", "sei", "sich", "sie", "so", "sowie",
        "tag", "um", "und", "uns", "vom", "von", "vor", "war", "was", "weg", "wer", "wie", "wir",
        "wo", "zu", "zum", "zur",
    }
)  # fmt: skip
# Abbreviations written with a final full stop ("Abg.", "bzw."), not word fragments.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "abg", "abs", "bspw", "bzgl", "bzw", "ca", "dr", "evtl", "ff", "gem", "gez", "ggf",
        "inkl", "insb", "lt", "nr", "sog", "str", "stv", "tel", "usw", "vgl", "zt",
    }
)  # fmt: skip
# First words of a line after "Teilhabe-" that make the hyphen a suspended compound.
HYPHEN_CONJUNCTIONS: frozenset[str] = frozenset(
    {"und", "oder", "bzw.", "bzw", "sowie", "als", "bis", "u.", "beziehungsweise"}
)
# Tokens made only of these are pulled onto the previous token in letter-spaced lines.
CLOSING_PUNCTUATION = ",.;:!?)"
# Invisible characters PDFs leave inside words.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

# One regex pass: str.translate with a table goes through a dict lookup per character of a
# non-ASCII text (some 12 ms for a 50 kB paper where the regex takes well under 1 ms).
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}]")
_ODD_SPACE_RE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SPACES_RE = re.compile(r" {2,}")
_OCR_BANG_RE = re.compile(r"(?<!\w)!(?=[^\W\d_])")
_OCR_EQUALS_RE = re.compile(r"(?<=[^\W\d_])=(?=[^\W\d_])")
_LETTER_RE = re.compile(r"[^\W\d_]")
_CORE_RE = re.compile(r"[^\W\d_](?:.*[^\W\d_])?", re.DOTALL)
_LONG_WORD_RE = re.compile(r"[^\W\d_]{3,}")
# Letter sequences long enough to be trusted as words: a match takes a whole sequence.
_LEXICON_WORD_RE = re.compile(rf"[^\W\d_]{{{MIN_LEXICON_WORD},}}")
_DATE_RE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_WEB_START_RE = re.compile(r"(?:www\.|https?:)", re.I)
_OCR_Q_RE = re.compile(r"[qQ](?![uU])")
_WEB_END_RE = re.compile(r"\.(?:de|com|org|net|eu|info|nrw)\W*$", re.I)
MAX_WEB_TOKENS = 16  # pieces of a letter-spaced web address up to its top-level domain


@dataclass(frozen=True)
class _Line:
    """A cleaned line and whether the raw line ended in a lowercase letter with no space."""

    text: str
    open_end: bool = False


def repair_text(raw: str, dictionary: Container[str] = frozenset()) -> str:
    """Repaired copy of extracted PDF/OCR text; the original is kept elsewhere. `dictionary`
    (general words, lower case, ß as ss) helps put back spaced-apart words the document uses
    only once ("Arbei tskreis", "opt imaler"); which lines are letter-spaced is still judged
    by the document's own words."""
    text = _fix_ocr_debris(_normalise_chars(raw))
    raw_lines = _mark_page_breaks(text.split("\n"))
    marked = _marks_line_ends(raw_lines)
    lines = [_Line(_clean_spaces(s), marked and _ends_open(s)) for s in raw_lines]
    if marked and not _shows_line_end_marks(raw_lines):
        lines = _keep_whole_words_apart(lines, dictionary)
    texts = _join_broken_lines(_drop_page_junk(lines))
    texts = _rebuild_letter_spacing(texts, dictionary)
    return "\n".join(_join_broken_lines([_Line(t) for t in texts]))


# --- Characters and spaces -----------------------------------------------------------------


def _normalise_chars(raw: str) -> str:
    """NFC, Unix newlines, form feeds on lines of their own, no control or odd space chars."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace(PAGE_BREAK, f"\n{PAGE_BREAK}\n").replace("\t", " ")
    text = _CONTROL_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text)
    return _ODD_SPACE_RE.sub(" ", text)


def _clean_spaces(line: str) -> str:
    """The line without outer spaces and with inner runs of spaces collapsed."""
    return _SPACES_RE.sub(" ", line.strip(" "))


def _marks_line_ends(raw_lines: Sequence[str]) -> bool:
    """Whether lines end in a space, so that a bare letter at a line end means a cut word."""
    # Text with many lines and none ending in a space has been stripped (by this module, say).
    bare = 0
    for line in raw_lines:
        if line.endswith(" ") and line.strip(" "):
            return True
        bare += bool(line) and line[-1].isalpha()
    return bare < MIN_LINES_WITHOUT_END_SPACE


def _shows_line_end_marks(raw_lines: Sequence[str]) -> bool:
    """Whether some line does end in a space (rather than the text being too short to tell)."""
    return any(line.endswith(" ") and line.strip(" ") for line in raw_lines)


def _keep_whole_words_apart(lines: list[_Line], dictionary: Container[str]) -> list[_Line]:
    """In a short text that shows no line-end marks, a line ending in a word of the
    dictionary before a line starting with one ("werden" / "ab dem") is not a cut word:
    OCR of a short scan and typed text wrap lines between words."""
    out = list(lines)
    for i, (line, following) in enumerate(itertools.pairwise(lines)):
        if not line.open_end or not line.text or not following.text:
            continue
        last = line.text.rsplit(" ", 1)[-1].lower()
        first = following.text.split(" ", 1)[0].lower()
        if last in dictionary and first in dictionary:
            out[i] = _Line(line.text, open_end=False)
    return out


def _ends_open(raw_line: str) -> bool:
    """Whether a raw line ends in a lowercase letter, with no trailing whitespace."""
    return bool(raw_line) and raw_line[-1].islower()


# --- OCR debris ------------------------------------------------------------------------------


def _fix_ocr_debris(text: str) -> str:
    """Text with "!ntegration" read as "Integration" and "Rhein=Sieg" as "Rhein-Sieg"."""
    # Each pattern starts with a look-behind, which the regex engine tries at every position
    # (some 5 ms for a 50 kB paper): texts without the character skip it.
    if "!" in text:
        text = _OCR_BANG_RE.sub(_bang_to_i, text)
    return _OCR_EQUALS_RE.sub("-", text) if "=" in text else text


def _bang_to_i(match: re.Match[str]) -> str:
    """An "I" for an "!" read in place of it, before a lowercase letter."""
    return "I" if match.string[match.end()].islower() else "!"


# --- Page breaks -----------------------------------------------------------------------------


def _is_blank(line: str) -> bool:
    """Whether a raw line holds nothing but spaces, or a form feed."""
    return line.strip(" ") in ("", PAGE_BREAK)


def _mark_page_breaks(lines: list[str]) -> list[str]:
    """Each blank run holding a form feed or 3+ empty lines in a row, as one form-feed line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _is_blank(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        end = i
        while end < len(lines) and _is_blank(lines[end]):
            end += 1
        run = lines[i:end]
        out.extend([PAGE_BREAK] if _is_page_break_run(run) else run)
        i = end
    return out


def _is_page_break_run(run: Sequence[str]) -> bool:
    """Whether a run of blank lines holds a form feed or enough empty lines in a row."""
    streak = 0
    for line in run:
        if line.strip(" ") == PAGE_BREAK:
            return True
        streak = streak + 1 if line == "" else 0
        if streak >= PAGE_BREAK_MIN_EMPTY:
            return True
    return False


def _is_junk(line: str) -> bool:
    """Whether a line looks like a page number or OCR specks rather than text."""
    if not line or line == PAGE_BREAK or _LONG_WORD_RE.search(line) or _DATE_RE.search(line):
        return False
    visible = line.replace(" ", "")
    letters = sum(c.isalpha() for c in visible)
    return len(line) <= JUNK_MAX_CHARS or letters * 2 < len(visible)


def _drop_page_junk(lines: list[_Line]) -> list[_Line]:
    """Lines without the junk and blank lines next to page breaks, nor repeated page breaks."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if line.text == PAGE_BREAK:
            drop.update(_junk_beside(lines, i, -1))
            drop.update(_junk_beside(lines, i, 1))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return [
        line
        for i, line in enumerate(kept)
        if not (i and line.text == PAGE_BREAK and kept[i - 1].text == PAGE_BREAK)
    ]


def _junk_beside(lines: Sequence[_Line], start: int, step: int) -> list[int]:
    """Indexes of the blank and junk lines next to lines[start], walking by step."""
    found: list[int] = []
    junk = 0
    i = start + step
    while 0 <= i < len(lines) and junk < MAX_JUNK_LINES:
        text = lines[i].text
        if _is_junk(text):
            junk += 1
        elif text:
            break
        found.append(i)
        i += step
    return found


# --- Words broken at line ends ---------------------------------------------------------------


def _join_broken_lines(lines: Sequence[_Line]) -> list[str]:
    """Texts with hyphenated and hyphen-lost line-end breaks joined into one line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        joined, i = _join_from(lines, i)
        out.extend(joined)
    return out


def _join_from(lines: Sequence[_Line], start: int) -> tuple[list[str], int]:
    """lines[start] joined with its continuations (page breaks skipped go after), next index."""
    pieces = [lines[start].text]
    open_end = lines[start].open_end
    breaks = 0
    i = start + 1
    while i < len(lines):
        gap = 1 if lines[i].text in ("", PAGE_BREAK) and i + 1 < len(lines) else 0
        nxt = lines[i + gap]
        glue = _glue(pieces[-1], open_end, nxt.text, across_gap=gap > 0)
        if glue is None:
            break
        cut, separator = glue
        pieces[-1] = pieces[-1][: len(pieces[-1]) - cut] + separator
        pieces.append(nxt.text)
        open_end = nxt.open_end
        breaks += gap and lines[i].text == PAGE_BREAK
        i += gap + 1
    return ["".join(pieces)] + [PAGE_BREAK] * breaks, i


def _glue(text: str, open_end: bool, following: str, *, across_gap: bool) -> tuple[int, str] | None:
    """(characters to cut, separator) joining a line to the next, None if it is not broken."""
    if not following or not following[0].isalpha():
        return None
    lower = following[0].islower()
    if len(text) >= 2 and text[-1] == "-" and text[-2].isalpha():
        if following[:20].split(" ", 1)[0].lower() in HYPHEN_CONJUNCTIONS:
            return 0, " "
        if lower:
            return 1, ""
        return None if across_gap else (0, "")
    if not lower and not across_gap and _ends_in_spaced_compound(text):
        return 2, "-"
    return (0, "") if open_end and lower else None


def _ends_in_spaced_compound(text: str) -> bool:
    """Whether a line ends in a compound and a spaced-off hyphen ("Rhein-Sieg -")."""
    if not text.endswith(" -"):
        return False
    last = text[-MAX_WORD_LETTERS - 2 : -2].rsplit(" ", 1)[-1]
    parts = last.split("-")
    return len(parts) >= 2 and all(p.isalpha() for p in parts)


# --- Letter-spaced words ---------------------------------------------------------------------


def _rebuild_letter_spacing(
    texts: list[str], dictionary: Container[str] = frozenset()
) -> list[str]:
    """Texts with the words of letter-spaced lines put back together."""
    shapes = [_shape(t) for t in texts]
    line_words = [_long_words(t) for t in texts]
    spaced = [False] * len(texts)
    counts: Counter[str] = Counter()
    for _ in range(LEXICON_ROUNDS):
        known = _with_inflections(counts.keys())
        spaced = [
            _is_letter_spaced(shape, _line_lexicon(known, own, counts, was_spaced))
            for shape, own, was_spaced in zip(shapes, line_words, spaced, strict=True)
        ]
        counts = _clean_words(line_words, spaced)
    words = _WithDictionary(_with_inflections(counts.keys()), dictionary, counts)
    also = _also_spaced(shapes, spaced, words, line_words, counts)
    if also != spaced:  # the words of lines found letter-spaced now are no evidence either
        spaced, counts = also, _clean_words(line_words, also)
        words = _WithDictionary(_with_inflections(counts.keys()), dictionary, counts)
    texts, spaced = _carry_across_line_ends(texts, spaced, words)
    return [
        _respace_line(t, words, goes_on=_next_text(texts, i)[:1].islower()) if s else t
        for i, (t, s) in enumerate(zip(texts, spaced, strict=True))
    ]


def _next_text(texts: Sequence[str], i: int) -> str:
    """The text after texts[i], past one blank line (double-spaced extraction)."""
    j = i + 2 if i + 2 < len(texts) and texts[i + 1] == "" else i + 1
    return texts[j] if j < len(texts) else ""


def _also_spaced(
    shapes: Sequence[_Shape],
    spaced: Sequence[bool],
    words: _WithDictionary,
    line_words: Sequence[Counter[str]],
    counts: Counter[str],
) -> list[bool]:
    """Lines judged letter-spaced, and lines that are too by what the document's words alone
    cannot tell: two neighbours, one of them no word, join into a general word ("Du isburg"),
    or the line holds a lone fragment ("Remsche id") beside a letter-spaced line. A word only
    this line uses is no evidence that it is a word."""
    out = list(spaced)
    for i, shape in enumerate(shapes):
        if spaced[i] or not shape.words:
            continue
        tokens = shape.tokens
        # Neighbours that join into a general word: few lines have any, so the words only
        # the line uses are gathered for those alone.
        general = [
            k for k, key in enumerate(shape.join_keys) if len(key) == 1 and words.general(key[0])
        ]
        only_here = {w for w, n in line_words[i].items() if counts[w] <= n} if general else set()

        def word(token: str) -> bool:
            core = _core(token).lower()
            return words.general_word(core) or (core not in only_here and words.is_word(core))  # noqa: B023

        joins = any(not (word(tokens[k]) and word(tokens[k + 1])) for k in general)
        beside = any(0 <= j < len(spaced) and spaced[j] for j in (i - 1, i + 1))
        out[i] = (
            joins
            or (beside and any(_is_orphan(t, words) for t in tokens[1:]))
            or _joins_around_letter(tokens, words)
        )
    return out


def _joins_around_letter(tokens: Sequence[str], words: _WithDictionary) -> bool:
    """Whether a lone lowercase letter joins the words either side of it into a known word
    ("gesetz l icher" -> "gesetzlicher")."""
    for k in range(1, len(tokens) - 1):
        letter = tokens[k]
        if not (_is_single_letter(letter) and letter.islower()) or letter in FUNCTION_WORDS:
            continue
        left, right = tokens[k - 1], tokens[k + 1]
        joined = (left + letter + right).lower()
        if left.isalpha() and right.isalpha() and right.islower() and joined in words:
            return True
    return False


def _is_orphan(token: str, words: _WithDictionary) -> bool:
    """Whether a token is a lowercase piece of 1-3 letters that is no word on its own
    (neither a function word, nor an abbreviation, nor a known or general word)."""
    core = _core(token)
    return (
        0 < len(core) <= 3
        and core.isalpha()
        and core[0].islower()
        and token.startswith(core)
        and not token.endswith(".")
        and core not in FUNCTION_WORDS
        and not words.is_word(core)
    )


def _carry_across_line_ends(
    texts: list[str], spaced: list[bool], words: _WithDictionary
) -> tuple[list[str], list[bool]]:
    """Texts where a word of a letter-spaced line that goes on in the next line (after one
    blank line at most: "Integrat i" / "onsber ichten") has its pieces from the next line
    moved up, when joined they make a known word; lines emptied so are dropped."""
    texts, spaced = list(texts), list(spaced)
    i = 0
    while i < len(texts):
        j = i + 2 if i + 2 < len(texts) and texts[i + 1] == "" else i + 1
        if spaced[i] and j < len(texts) and texts[i] and texts[j][:1].islower():
            moved = _pieces_going_on(texts[i].split(" "), texts[j].split(" "), words)
            if moved:
                rest = texts[j].split(" ")[moved:]
                texts[i] = " ".join([texts[i], *texts[j].split(" ")[:moved]])
                texts[j] = " ".join(rest)
                spaced[j] = spaced[j] and bool(rest)
                if not rest:  # the next line went up whole: it and the blank line go
                    del texts[i + 1 : j + 1], spaced[i + 1 : j + 1]
        i += 1
    return texts, spaced


def _pieces_going_on(line: Sequence[str], following: Sequence[str], words: _WithDictionary) -> int:
    """How many tokens of the following line complete the word the line ends in, 0 if none."""
    tail: list[str] = []
    for token in reversed(line):
        if not _has_letter(token) or token[-1] in CLOSING_PUNCTUATION + "-" or len(tail) >= 4:
            break
        tail.insert(0, token)
    if not tail:
        return 0
    head: list[str] = []
    for token in following[: MAX_MERGE_SPAN - 1]:
        head.append(token)
        if not token[-1:].isalpha():
            break
    spans = _merged_spans([*tail, *head], words)
    end = next(end for start, end, _ in spans if start < len(tail) <= end)
    return max(0, end - len(tail))


class _WithDictionary:
    """The document's words, then general words of five letters or more (ß looked up as ss).
    A general word may join fragments only where one of them is no word itself: "Wei
    tergabe" -> "Weitergabe", but "zu machen" and "Dazu gehörten" stay as they are."""

    def __init__(
        self,
        known: frozenset[str],
        dictionary: Container[str],
        seen: Container[str] = frozenset(),
    ) -> None:
        self._known = known
        self._dictionary = dictionary
        self._seen = seen  # the document's words as written (no inflections made up)
        self._compounds: dict[str, bool] = {}
        # Whether a word may be a part, or the first part, of a compound: asked thousands of
        # times a paper for the same few words, so kept where each asking is one dict lookup.
        self._parts = _Parts(dictionary, seen)
        self._heads = _Heads(self._parts, dictionary)
        self._tails: dict[tuple[str, int], bool] = {}  # _splits below the top level
        self._is_word: dict[str, bool] = {}  # is_word, once per token

    def __contains__(self, word: object) -> bool:
        if word in self._known:
            return True
        # general() less its test against the document's words, just made: every span of a
        # letter-spaced line is looked up here.
        return (
            isinstance(word, str)
            and len(word) >= MIN_DICTIONARY_WORD
            and word.replace("ß", "ss") in self._dictionary
        )

    def is_word(self, token: str) -> bool:
        """Whether a token (without its punctuation) is a word by itself, short ones too."""
        found = self._is_word.get(token)
        if found is None:
            word = _core(token).lower()
            found = self._is_word[token] = (
                word in self._known or word.replace("ß", "ss") in self._dictionary
            )
        return found

    def general_word(self, word: str) -> bool:
        """Whether the lowercase word is in the general word list, whatever its length."""
        return word.replace("ß", "ss") in self._dictionary

    def general(self, word: object) -> bool:
        """Whether the word is a general word (and not one of the document's)."""
        return (
            isinstance(word, str)
            and len(word) >= MIN_DICTIONARY_WORD
            and word not in self._known
            and word.replace("ß", "ss") in self._dictionary
        )

    def compound(self, word: str) -> bool:
        """Whether a lowercase word is a compound of known words, joined by a linking element
        ("migration-s-beratung-s-dienste", "moschee-vereine") or with the final e of its first
        part dropped ("mühl(e)-heim"). Never without general words: the document's words
        alone cannot tell a word ("stattfinden") from a fragment."""
        if not self._dictionary:
            return False
        found = self._compounds.get(word)
        if found is None:
            found = self._compounds[word] = self._splits(word, 0)
        return found

    def _splits(self, word: str, depth: int) -> bool:
        if len(word) < 2 * MIN_COMPOUND_PART or depth > MAX_COMPOUND_DEPTH:
            return False
        parts, heads = self._parts, self._heads
        # The last part of any split is a part ending the word: without one, none is tried.
        # Looked for from the end (the shortest first, as a compound's last part is): where
        # the last one starts, the cuts end, for every split's tail holds a part ending there.
        last_start = next(
            (
                k
                for k in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1)
                if parts[word[k:]]
            ),
            0,
        )
        if not last_start:
            return False
        for cut in range(MIN_COMPOUND_PART, min(last_start, len(word) - MIN_COMPOUND_PART) + 1):
            if not heads[word[:cut]]:
                continue
            rest = word[cut:]
            for link in COMPOUND_LINKS:
                tail = rest[len(link) :]
                if not rest.startswith(link) or len(tail) < MIN_COMPOUND_PART:
                    continue
                if parts[tail] or self._splits_below(tail, depth + 1):
                    return True
        return False

    def _splits_below(self, word: str, depth: int) -> bool:
        """_splits of a compound's tail, remembered (tails repeat across candidates)."""
        key = (word, depth)
        found = self._tails.get(key)
        if found is None:
            found = self._tails[key] = self._splits(word, depth)
        return found


class _Parts(dict[str, bool]):
    """Whether a word may be part of a compound: a general word of 4+ letters, or one of the
    document's of 5+ (short ones there are often fragments), not a function word. Worked out
    when first asked for, then a dict lookup."""

    def __init__(self, dictionary: Container[str], seen: Container[str]) -> None:
        super().__init__()
        self._dictionary = dictionary
        self._seen = seen

    def __missing__(self, word: str) -> bool:
        found = self[word] = (
            len(word) >= MIN_COMPOUND_PART
            and word not in FUNCTION_WORDS
            and (
                word.replace("ß", "ss") in self._dictionary
                or (len(word) > MIN_COMPOUND_PART and word in self._seen)
            )
        )
        return found


class _Heads(dict[str, bool]):
    """Whether a word may be the first part of a compound (its final e dropped too). Worked
    out when first asked for, then a dict lookup."""

    def __init__(self, parts: _Parts, dictionary: Container[str]) -> None:
        super().__init__()
        self._parts = parts
        self._dictionary = dictionary

    def __missing__(self, word: str) -> bool:
        found = self[word] = (
            self._parts[word] or (word + "e").replace("ß", "ss") in self._dictionary
        )
        return found


def _with_inflections(words: Iterable[str]) -> frozenset[str]:
    """Function words, the words, and their forms with other inflection endings."""
    # Chained, not a loop of set.update: the whole walk runs in C (the cached _forms too).
    return frozenset(
        itertools.chain(FUNCTION_WORDS, itertools.chain.from_iterable(map(_forms, words)))
    )


# Each entry holds nine new strings (~0.7 kB): 100,000 of them cost each text worker ~70 MB.
# The words that repeat across texts fit in far fewer; the rare ones miss either way.
@lru_cache(maxsize=16_384)
def _forms(word: str) -> tuple[str, ...]:
    """The word and its forms with other inflection endings (when its stem is long enough)."""
    stem = _stem(word)
    if len(stem) >= MIN_STEM:
        return (word, *(stem + ending for ending in INFLECTION_ENDINGS))
    return (word,)


def _stem(word: str) -> str:
    """The word without its longest inflection ending, if enough of it is left."""
    for ending in INFLECTION_ENDINGS:
        if ending and word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _line_lexicon(
    known: frozenset[str], own: Counter[str], counts: Counter[str], was_spaced: bool
) -> Container[str]:
    """Known words for judging one line: without the words only this clean line uses."""
    if was_spaced:
        return known
    only_here = frozenset(w for w, n in own.items() if counts[w] <= n)
    return _LineLexicon(known, only_here) if only_here else known


def _clean_words(line_words: Sequence[Counter[str]], spaced: Sequence[bool]) -> Counter[str]:
    """Word counts over the lines that are not letter-spaced."""
    # Counted from the lines' elements in one pass in C: Counter.update with a mapping adds
    # word by word in Python.
    clean = (
        own.elements() for own, is_spaced in zip(line_words, spaced, strict=True) if not is_spaced
    )
    return Counter(itertools.chain.from_iterable(clean))


def _long_words(text: str) -> Counter[str]:
    """Lowercased letter sequences of the text long enough to be trusted as words."""
    return Counter(map(str.lower, _LEXICON_WORD_RE.findall(text)))


class _LineLexicon:
    """Known words for judging one line: those of the other clean lines, and function words."""

    def __init__(self, known: frozenset[str], excluded: frozenset[str]) -> None:
        """Known words less the excluded ones."""
        self._known = known
        self._excluded = excluded

    def __contains__(self, word: object) -> bool:
        """Whether the word is known and not excluded."""
        return word in self._known and word not in self._excluded


_Key = tuple[str, ...]


@dataclass(frozen=True)
class _Shape:
    """What judging a line for letter-spacing needs, worked out once whatever the lexicon."""

    letter_run: bool
    words: int
    short_fragments: int
    # Words that count as fragments when joining them to a neighbour gives a known word.
    joinable_words: tuple[int, ...]
    tokens: tuple[str, ...]
    # Lowercased hyphen parts of each pair of neighbours joined; () where they may not join.
    join_keys: tuple[_Key, ...]


def _shape(text: str) -> _Shape:
    """The shape of a line for judging letter-spacing."""
    tokens = tuple(text.split(" "))
    lettered = [_has_letter(t) for t in tokens]
    roles = [_fragment_role(t) if has else None for t, has in zip(tokens, lettered, strict=True)]
    return _Shape(
        letter_run=_has_letter_run(tokens),
        words=sum(lettered),
        short_fragments=roles.count("short"),
        joinable_words=tuple(i for i, role in enumerate(roles) if role == "long"),
        tokens=tokens,
        join_keys=tuple(
            _join_key(left, right) if left_lettered and right_lettered else ()
            for (left, left_lettered), (right, right_lettered) in itertools.pairwise(
                zip(tokens, lettered, strict=True)
            )
        ),
    )


@lru_cache(maxsize=65_536)
def _fragment_role(token: str) -> Literal["short", "long"] | None:
    """Whether a token may be a piece of a word: "short" (1-3 letters), "long", or None."""
    core = _core(token)
    if not core.isalpha() or core.lower() in FUNCTION_WORDS or _is_abbreviation(token, core):
        return None
    if len(core) > 3:
        return "long"
    return None if any(c.isdigit() for c in token) else "short"


def _word_key(word: str) -> _Key:
    """The word's lowercased hyphen parts, or () when it is not made of letters and hyphens."""
    if word.isalpha():
        return (word.lower(),)
    parts = _core(word).split("-")
    return tuple(p.lower() for p in parts) if all(p.isalpha() for p in parts) else ()


def _join_key(left: str, right: str) -> _Key:
    """The key of two neighbouring tokens with letters joined, or () when they may not join."""
    # Nothing is glued after a hyphen ("Beratungs- und"), nor a capitalised word ("Kreis
    # Siegen"), nor past the longest word; as in _span_scores. Both tokens hold letters, so
    # what stands between them ("Kommunen, die") is inside the joined word: unless a letter
    # or a hyphen, it has no key (as _word_key would find, slower).
    first = right[0]
    if (
        first.isupper()
        or not left[-1].isalpha()
        or not (first.isalpha() or first == "-")
        or len(left) + len(right) > MAX_WORD_LETTERS
    ):
        return ()
    if left.lower() in FUNCTION_WORDS and right.lower() in FUNCTION_WORDS:
        return ()
    joined = left + right
    return (joined.lower(),) if joined.isalpha() else _word_key(joined)  # the first, inline


def _key_letters(key: _Key, lexicon: Container[str]) -> int:
    """Letters of a key whose parts are all known, else 0."""
    total = 0
    for part in key:
        if part not in lexicon:
            return 0
        total += len(part)
    return total


def _is_letter_spaced(shape: _Shape, lexicon: Container[str]) -> bool:
    """Whether many of a line's tokens are fragments of words spaced apart."""
    if shape.letter_run:
        return True
    joins = [_key_letters(k, lexicon) if k else 0 for k in shape.join_keys] + [0]
    fragments = shape.short_fragments
    if not any(joins):  # no two neighbours join into a known word: most lines, most rounds
        return fragments >= MIN_FRAGMENTS and fragments >= FRAGMENT_SHARE * shape.words
    for i in shape.joinable_words:
        best = max(joins[i - 1], joins[i])
        fragments += best > 0 and best > _key_letters(_word_key(shape.tokens[i]), lexicon)
    if fragments >= MIN_FRAGMENTS and fragments >= FRAGMENT_SHARE * shape.words:
        return True
    return fragments > 0 and _has_gainful_join(shape, joins, lexicon)


def _has_gainful_join(shape: _Shape, joins: Sequence[int], lexicon: Container[str]) -> bool:
    """Whether two neighbours joined make a known word covering more than both alone."""
    tokens = shape.tokens
    return any(
        joined
        > _key_letters(_word_key(tokens[i]), lexicon)
        + _key_letters(_word_key(tokens[i + 1]), lexicon)
        for i, joined in enumerate(joins[:-1])
        if joined
    )


def _is_abbreviation(token: str, core: str) -> bool:
    """Whether a token is an acronym ("KI", "NRW") or an abbreviation ("u.", "Abg.")."""
    if len(core) >= 2 and core.isupper():
        return True
    return token.endswith(".") and (len(core) == 1 or core.lower() in ABBREVIATIONS)


def _core(token: str) -> str:
    """The token without the non-letters at either end."""
    if token.isalpha():
        return token
    return _core_of_other(token)


@lru_cache(maxsize=65_536)
def _core_of_other(token: str) -> str:
    match = _CORE_RE.search(token)
    return match.group() if match else ""


def _known_letters(word: str, lexicon: Container[str]) -> int:
    """Letters of the word when it (or each part of a hyphenated word) is known, else 0. A
    part before a hyphen may end in a linking s ("Informations- und Serviceangebot")."""
    if word.isalpha():
        return len(word) if word.lower() in lexicon else 0
    core = _core(word)
    parts = core.split("-")
    linked = len(parts) - (0 if word.endswith(core + "-") else 1)  # parts a hyphen follows
    total = 0
    for k, part in enumerate(parts):
        lower = part.lower()
        if not part.isalpha():
            return 0
        if lower not in lexicon and not (k < linked and lower[-1] == "s" and lower[:-1] in lexicon):
            return 0
        total += len(part)
    return total


def _has_letter_run(tokens: Sequence[str]) -> bool:
    """Whether the tokens hold 3+ single letters in a row ("K o m m u n e n")."""
    if list(map(len, tokens)).count(1) < MIN_LETTER_RUN:
        return False  # counted in C: most lines hold too few one-character tokens to walk
    streak = 0
    for token in tokens:
        streak = streak + 1 if len(token) == 1 and token.isalpha() else 0
        if streak >= MIN_LETTER_RUN:
            return True
    return False


def _respace_line(text: str, lexicon: _WithDictionary, *, goes_on: bool = False) -> str:
    """A letter-spaced line with its fragments merged into known words, then the pieces of
    words no word list knows ("Bot t rop") glued; `goes_on`: the next line starts in lower
    case, so the last word may not end with the line."""
    raw = text.split(" ")
    out: list[str] = []
    start = 0
    for first, end in [*_web_addresses(raw), (len(raw), len(raw))]:
        if first > start:
            tokens = _join_letter_runs(raw[start:first], lexicon)
            tokens = _merge_fragments(tokens, lexicon)
            out.extend(_glue_unknown_pieces(tokens, lexicon, goes_on=goes_on and first == len(raw)))
        # A web address is no word to rebuild: it stays as the document prints it, and when
        # OCR spaced it out, its closed-up reading follows in brackets ("[www.….de]").
        out.extend(raw[first:end])
        if end - first > 1:
            out.append(f"[{_join_web_address(raw[first:end])}]")
        start = end
    return " ".join(_attach_punctuation(out))


def _join_web_address(tokens: Sequence[str]) -> str:
    """A letter-spaced web address closed up, with the OCR's q for g put right where no u
    follows (German and web addresses write q only before u): "www. inteQrat ionspor ta l -
    rhein-s ieq-kre is .de" -> "www.integrationsportal-rhein-sieg-kreis.de"."""
    joined = "".join(tokens)
    return _OCR_Q_RE.sub(lambda m: "G" if m.group(0) == "Q" and joined.isupper() else "g", joined)


def _web_addresses(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of the tokens of each web address ("www. inteQrat ionspor ta l .de")."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _WEB_START_RE.match(tokens[i]):
            i += 1
            continue
        end = next(
            (
                j + 1
                for j in range(i, min(len(tokens), i + MAX_WEB_TOKENS))
                if _WEB_END_RE.search(tokens[j])
            ),
            i + 1,
        )
        spans.append((i, end))
        i = end
    return spans


def _glue_unknown_pieces(
    tokens: Sequence[str], words: _WithDictionary, *, goes_on: bool = False
) -> list[str]:
    """Tokens with the pieces of unknown words (names) glued: a run of short pieces that holds
    a lone fragment and is mostly no words ("Bot t rop", "V ie rsen", "-Wi t t gens te in"),
    and a lone fragment onto a piece before it that is no word ("Remsche id"). A glued piece
    that starts with a hyphen joins the word before it ("Siegen -Wittgenstein")."""
    if not any(_is_lone_fragment(t, words) for t in tokens):
        return list(tokens)  # every glue needs a lone fragment: half the lines hold none
    out: list[str] = []
    glued: list[bool] = []
    i = 0
    while i < len(tokens):
        end = _piece_run_end(tokens, i, words)
        run = tokens[i:end]
        joined = (
            len(run) >= 2
            and _word_ends_before(tokens, end, goes_on)
            and _is_unknown_word_run(run, words)
        )
        if (
            not joined
            and _is_lone_fragment(tokens[i], words)
            and out
            and _open_unknown(out[-1], words)
            and _word_ends_before(tokens, i + 1, goes_on)
        ):
            out[-1] += tokens[i]  # "Remsche id"
            glued[-1] = True
            i += 1
            continue
        if joined:
            out.append("".join(run))
            glued.append(True)
        else:
            out.extend(run)
            glued.extend([False] * len(run))
        i = end
    return _attach_hyphen_parts(out, glued)


def _word_ends_before(tokens: Sequence[str], end: int, goes_on: bool) -> bool:
    """Whether a word may end before tokens[end]: no lowercase piece follows (a function
    word may), nor an abbreviation's full stop ("z .B.")."""
    if end >= len(tokens):
        return not goes_on
    following = tokens[end]
    if following[:1] == ".":
        return False
    return not following[:1].islower() or following in FUNCTION_WORDS


def _attach_hyphen_parts(tokens: Sequence[str], glued: Sequence[bool]) -> list[str]:
    """Tokens with a "-Part" joined to the word before it when either of them was glued."""
    out: list[str] = []
    was_glued: list[bool] = []
    for token, is_glued in zip(tokens, glued, strict=True):
        if (
            out
            and (is_glued or was_glued[-1])
            and len(token) > 1
            and token[0] == "-"
            and token[1].isalpha()
            and out[-1][-1:].isalpha()
        ):
            out[-1] += token
            was_glued[-1] = True
        else:
            out.append(token)
            was_glued.append(is_glued)
    return out


def _piece_run_end(tokens: Sequence[str], start: int, words: _WithDictionary) -> int:
    """End of the run of short pieces from tokens[start] on (start + 1 when there is none)."""
    if not _is_piece(tokens[start], first=True) or tokens[start] in FUNCTION_WORDS:
        return start + 1
    end = start + 1
    while end < len(tokens):
        token, before = tokens[end], tokens[end - 1]
        if not before[-1:].isalpha() or not _is_piece(token, first=False):
            break
        if token in FUNCTION_WORDS and not _is_lone_fragment(before, words):
            break  # "... rsen in der": a function word goes on only a fragment ("te in")
        if end + 1 < len(tokens) and tokens[end + 1][:1] == ".":
            break  # "z .B."
        end += 1
    return end


def _is_piece(token: str, *, first: bool) -> bool:
    """Whether a token may be a piece of a spaced-apart unknown word: 1-4 letters, not an
    acronym or an abbreviation; later pieces lower case; the first may start with a hyphen."""
    core = _core(token)
    if not core or not core.isalpha() or len(core) > 4 or token.endswith("."):
        return False
    if len(core) >= 2 and core.isupper():
        return False
    lead = token[: token.index(core)]
    trail = token[token.index(core) + len(core) :]
    if trail and not all(c in CLOSING_PUNCTUATION for c in trail):
        return False
    if first:  # names start with a capital
        return lead in ("", "-") and core[0].isupper()
    return not lead and core[0].islower()


def _is_lone_fragment(token: str, words: _WithDictionary) -> bool:
    """Whether a token is a single letter or a lowercase fragment that is no word."""
    core = _core(token)
    if len(core) > 3:
        return False  # too long for either (see _is_orphan): most tokens, and no lookup
    return (len(core) == 1 and core.isalpha() and token[-1:] != ".") or _is_orphan(token, words)


def _is_unknown_word_run(run: Sequence[str], words: _WithDictionary) -> bool:
    """Whether a run of short pieces is one unknown word: it holds a lone fragment, and at
    least half of its pieces are no words."""
    if not any(_is_lone_fragment(t, words) for t in run):
        return False
    unknown = sum(_is_lone_fragment(t, words) or not words.is_word(_core(t)) for t in run)
    return unknown * 2 >= len(run)


def _open_unknown(token: str, words: _WithDictionary) -> bool:
    """Whether a token is capitalised, ends in a letter and is no word (the start of a
    name a fragment may go on)."""
    core = _core(token)
    return (
        token[-1:].isalpha()
        and core.isalpha()
        and core[0].isupper()
        and core.lower() not in FUNCTION_WORDS
        and not words.is_word(core)
    )


def _join_letter_runs(tokens: Sequence[str], lexicon: Container[str]) -> list[str]:
    """Tokens with runs of single letters ("A n h a n g", "R h e i n - S i e g") as words."""
    if sum(_is_single_letter(t) for t in tokens) < MIN_LETTER_RUN:
        return list(tokens)  # no run long enough: most letter-spaced lines, walked cheaper
    out: list[str] = []
    i = 0
    while i < len(tokens):
        end = _letter_run_end(tokens, i)
        run = tokens[i:end]
        if sum(len(t) for t in run) > MAX_LETTER_RUN or sum(t != "-" for t in run) < MIN_LETTER_RUN:
            out.extend(run)
        else:
            out.extend(_letter_run_words("".join(run), lexicon))
        i = end
    return out


def _letter_run_end(tokens: Sequence[str], start: int) -> int:
    """End of the run of single letters, and hyphens between them, from tokens[start] on."""
    end = start
    while end < len(tokens):
        if _is_single_letter(tokens[end]):
            end += 1
        elif end > start and tokens[end] == "-" and end + 1 < len(tokens):
            if not _is_single_letter(tokens[end + 1]):
                break
            end += 2
        else:
            break
    return max(end, start + 1)


def _is_single_letter(token: str) -> bool:
    """Whether the token is one letter."""
    return len(token) == 1 and token.isalpha()


def _letter_run_words(run: str, lexicon: Container[str]) -> list[str]:
    """The joined letters of a run as words, split where a new capitalised word starts."""
    words: list[str] = []
    for chunk in _case_chunks(run):
        words.extend([chunk] if "-" in chunk else _split_letters(chunk, lexicon))
    return words


def _case_chunks(run: str) -> list[str]:
    """The run cut before capitals that start a word ("fRhein" -> "f", "RAAKreis" -> "RAA")."""
    cuts = [0]
    for i in range(1, len(run)):
        prev, char = run[i - 1], run[i]
        if not (char.isupper() and prev.isalpha()):
            continue
        if prev.islower() or (i + 1 < len(run) and run[i + 1].islower()):
            cuts.append(i)
    cuts.append(len(run))
    return [run[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def _split_letters(letters: str, lexicon: Container[str]) -> list[str]:
    """The letters as the fewest known words that cover them all, else as one word."""
    n = len(letters)
    best: list[int | None] = [0] + [None] * n
    back = [0] * (n + 1)
    for end in range(2, n + 1):
        for start in range(max(0, end - MAX_WORD_LETTERS), end - 1):
            prev = best[start]
            if prev is None or letters[start:end].lower() not in lexicon:
                continue
            current = best[end]
            if current is None or prev + 1 < current:
                best[end], back[end] = prev + 1, start
    if best[n] is None:
        return [letters]
    words: list[str] = []
    end = n
    while end > 0:
        words.append(letters[back[end] : end])
        end = back[end]
    return words[::-1]


def _merge_fragments(tokens: Sequence[str], lexicon: _WithDictionary) -> list[str]:
    """Tokens merged where that covers the most letters with known words (fewest tokens on ties)."""
    return [text for _, _, text in _merged_spans(tokens, lexicon)]


def _merged_spans(tokens: Sequence[str], lexicon: _WithDictionary) -> list[tuple[int, int, str]]:
    """(start, end, text) of the merged tokens, in order (see _merge_fragments)."""
    n = len(tokens)
    lettered = [_has_letter(t) for t in tokens]
    function = [t.lower() in FUNCTION_WORDS for t in tokens]
    # A single letter is no word here, whatever the word list says: "ehrenamt l ich".
    words = [lexicon.is_word(t) and not _is_single_letter(_core(t)) for t in tokens]
    # best[i]: (known letters, -tokens) for tokens[:i]; back[i]: where its last token starts.
    best: list[tuple[int, int]] = [(0, 0)] + [(-1, 0)] * n
    back = [0] * (n + 1)
    texts = [""] * (n + 1)
    for start in range(n):
        covered, count = best[start]
        for end, score, text in _span_scores(tokens, lettered, function, words, start, lexicon):
            candidate = (covered + score, count - 1)
            if candidate > best[end]:
                best[end], back[end], texts[end] = candidate, start, text
    merged: list[tuple[int, int, str]] = []
    end = n
    while end > 0:
        merged.append((back[end], end, texts[end]))
        end = back[end]
    return merged[::-1]


def _span_scores(
    tokens: Sequence[str],
    lettered: Sequence[bool],
    function: Sequence[bool],
    words: Sequence[bool],
    start: int,
    lexicon: _WithDictionary,
) -> list[tuple[int, int, str]]:
    """(end, known letters, text) of each span from start that may stand as one word
    (`function`, `words`: whether each token is a function word, a word by itself)."""
    joined = tokens[start]
    known = _known_letters(joined, lexicon)
    found = [(start + 1, known, joined)]
    if not lettered[start]:
        return found
    all_function = function[start]
    all_words = words[start]
    for end in range(start + 2, min(len(tokens), start + MAX_MERGE_SPAN) + 1):
        token = tokens[end - 1]
        # Whether the token may be glued on (not after "Beratungs-", not "Kreis Siegen"), as
        # in _join_key: this loop runs for every token of a letter-spaced line.
        if (
            not lettered[end - 1]
            or joined[-1] == "-"
            or token[0].isupper()
            or len(joined) + len(token) > MAX_WORD_LETTERS
        ):
            return found
        joined += token
        function_word = function[end - 1]
        # A known word and a function word after it ("gibt es") stay two words.
        after_word = function_word and known > 0
        all_function = all_function and function_word
        all_words = all_words and words[end - 1]
        known = 0 if all_function else _known_letters(joined, lexicon)
        text = joined
        if known:
            if all_words and lexicon.general(joined.lower()):
                known = 0  # each part is a word already: no reason to join them
        elif not all_function:
            # Words all of them: nothing to rebuild (as _rebuilt_compound would say).
            text = "" if all_words else _rebuilt_compound(joined, tokens[start:end], lexicon)
            known = len(_core(text)) if text else 0
        if known and not after_word:
            found.append((end, known, text or joined))
    return found


def _rebuilt_compound(joined: str, pieces: Sequence[str], lexicon: _WithDictionary) -> str:
    """The joined pieces as a compound of known words, in the spelling found (one letter OCR
    confuses put right: "Wohifahrtsverbände" -> "Wohlfahrtsverbände"), or "" when they are
    none, or when they split at a gap into words of their own ("gestal tet werden")."""
    core = _core(joined)
    if len(core) < 2 * MIN_COMPOUND_PART or not core.isalpha():
        return ""
    if all(lexicon.is_word(piece) for piece in pieces):
        return ""  # words all of them: nothing to rebuild (as `damaged` below would say)
    # Offsets in the core of the pieces that are no words: where the damage can be.
    at = joined.index(core)
    damaged: set[int] = set()
    offset = -at
    for piece in pieces:
        if not lexicon.is_word(_core(piece)):
            damaged.update(range(max(0, offset), offset + len(piece)))
        offset += len(piece)
    if not damaged:
        return ""  # words all of them: nothing to rebuild
    lower = core.lower()
    spelling = lower if lexicon.compound(lower) else _ocr_variant(lower, lexicon, damaged)
    if not spelling or _splits_into_words(pieces, lexicon):
        return ""
    fixed = "".join(
        new.upper() if old.isupper() else new for old, new in zip(core, spelling, strict=True)
    )
    return joined[:at] + fixed + joined[at + len(core) :]


def _ocr_variant(word: str, lexicon: _WithDictionary, where: Container[int]) -> str:
    """The word with one letter OCR confuses swapped at one of the offsets `where`, when that
    makes it known, else ""."""
    for wrong, right in OCR_CONFUSIONS:
        at = word.find(wrong)
        while at >= 0:
            if at not in where:
                at = word.find(wrong, at + 1)
                continue
            variant = word[:at] + right + word[at + 1 :]
            if variant in lexicon or lexicon.compound(variant):
                return variant
            at = word.find(wrong, at + 1)
    return ""


def _splits_into_words(pieces: Sequence[str], lexicon: _WithDictionary) -> bool:
    """Whether the pieces split at their gaps into two or more words, compounds too
    ("gestaltet werden", "Jurytermin stattfinden werde")."""

    def word(text: str) -> bool:
        core = _core(text)
        return lexicon.is_word(core) or (core.isalpha() and lexicon.compound(core.lower()))

    n = len(pieces)
    # ends[i]: the pieces before gap i can be cut into words (i > 0); ends[0] is the start.
    ends = [True] + [False] * n
    for end in range(1, n + 1):
        ends[end] = any(
            ends[start] and word("".join(pieces[start:end]))
            for start in range(end)
            if (start, end) != (0, n)
        )
    return ends[n]


def _has_letter(token: str) -> bool:
    """Whether the token holds a letter."""
    return token.isalpha() or _LETTER_RE.search(token) is not None


def _attach_punctuation(tokens: Sequence[str]) -> list[str]:
    """Tokens with stray closing punctuation ("Kommunen ,") pulled onto the word before."""
    out: list[str] = []
    for token in tokens:
        if out and token and not token.strip(CLOSING_PUNCTUATION):  # punctuation only
            out[-1] += token
        else:
            out.append(token)
    return out
