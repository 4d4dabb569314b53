"""Pure: abbreviations defined in a text ("Kommunales Integrationszentrum (nachfolgend: KI)")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.analyze import abbreviation_term, fold

# "Long Form (nachfolgend: KI)", "Long Form (LaKI)", "Long Form -KIZ-", "Long Form (KIZ.)"
_DEFINITION_RE = re.compile(
    r"\((?:nachfolgend|im\s+Folgenden|kurz|abgekürzt)?:?\s*(?P<abbr1>[A-ZÄÖÜ][\w'’]{1,7}?)\.?\)"
    r"|\s-(?P<abbr2>[A-ZÄÖÜ][A-ZÄÖÜa-zäöü]{1,7})-(?=[\s,.])"
)
_LOOK_BACK = 200  # characters before the abbreviation that may hold its long form
_WORD_RE = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation and the long form a document gives for it."""

    abbr: str
    term: str
    expansion: str


def _letters_in_order(abbr: str, text: str) -> bool:
    """Every letter of the abbreviation appears in the long form, in order."""
    pos = 0
    for ch in fold(abbr):
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _long_form(abbr: str, before: str) -> str | None:
    """Shortest run of words ending before the parenthesis that spells the abbreviation."""
    words = _WORD_RE.findall(before.replace("„", " ").replace("“", " "))
    first = fold(abbr[0])
    for n in range(1, min(len(words), 12) + 1):
        run = words[-n:]
        head = run[0]
        if not head[:1].isupper() or fold(head[0]) != first:
            continue
        joined = fold(" ".join(run))
        if _letters_in_order(abbr, joined) and len(joined) > len(abbr) + 3:
            return " ".join(run)
    return None


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Abbreviations a text defines, each once, in order of appearance."""
    seen: dict[str, Abbreviation] = {}
    for m in _DEFINITION_RE.finditer(text):
        abbr = m.group("abbr1") or m.group("abbr2")
        if not abbr or (sum(c.isupper() for c in abbr) < 2 and len(abbr) > 3):
            continue
        before = text[max(0, m.start() - _LOOK_BACK) : m.start()]
        before = before.rsplit(")", 1)[-1].rsplit("(", 1)[-1]
        expansion = _long_form(abbr, before)
        if expansion and abbr not in seen:
            seen[abbr] = Abbreviation(abbr, abbreviation_term(abbr), expansion)
    return list(seen.values())
