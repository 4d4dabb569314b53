"""Pure: abbreviations defined in a text ("Kommunales Integrationszentrum (nachfolgend: KI)")."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from knowledge.analyze import abbreviation_term, fold, stopwords

# "Long Form (nachfolgend: KI)", "Long Form (LaKI)", "Long Form -KIZ-", "Long Form (KIZ.)"
_DEFINITION_RE = re.compile(
    r"\((?:nachfolgend|im\s+Folgenden|kurz|abgekürzt)?:?\s*(?P<abbr1>[A-ZÄÖÜ][\w'’]{1,7}?)\.?\)"
    r"|\s-(?P<abbr2>[A-ZÄÖÜ][A-ZÄÖÜa-zäöü]{1,7})-(?=[\s,.])"
)
_LOOK_BACK = 200  # characters before the abbreviation that may hold its long form
_WORD_RE = re.compile(r"[\w'’-]+")
_WORD_ONLY_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]*)*")


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation and the long form a document gives for it."""

    abbr: str
    term: str
    expansion: str  # as it stands in the text ("Kommunalen Integrationszentrums")

    @property
    def base(self) -> str:
        """The long form in its base form ("Kommunales Integrationszentrum")."""
        return base_form(self.expansion)


Gender = Literal["masculine", "feminine", "neuter"]
# Strong adjective endings of the nominative singular: "Kommunaler Rat", "Regionale
# Arbeitsstelle", "Kommunales Integrationszentrum".
_ADJECTIVE_ENDING: dict[Gender, str] = {"masculine": "er", "feminine": "e", "neuter": "es"}
_INFLECTED_ADJECTIVE = ("en", "em", "er", "es", "e")  # longest first where it matters
_GENITIVE = ("es", "s")  # of masculine and neuter nouns: "des Kreises", "des Zentrums"


@cache
def _gender_endings() -> tuple[tuple[str, Gender], ...]:
    """(ending, gender) from knowledge/data/noun_genders_de.toml, longest ending first."""
    raw = resources.files("knowledge").joinpath("data", "noun_genders_de.toml").read_text("utf-8")
    data = tomllib.loads(raw)["endings"]
    genders: tuple[Gender, ...] = ("masculine", "feminine", "neuter")
    pairs = [(str(e).lower(), g) for g in genders for e in data[g]]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def _gender(noun: str) -> Gender | None:
    """The gender of a noun in its base form by its ending, None when no ending tells."""
    word = noun.lower()
    return next((g for ending, g in _gender_endings() if word.endswith(ending)), None)


def _noun_base(noun: str) -> tuple[str, Gender] | None:
    """A singular noun without its genitive ending, with its gender ("Zentrums" -> "Zentrum",
    neuter); None when its gender cannot be told (plurals, names)."""
    gender = _gender(noun)
    if gender is not None:
        return noun, gender
    for ending in _GENITIVE:
        stem = noun[: -len(ending)]
        if noun.endswith(ending) and len(stem) > 2:
            gender = _gender(stem)
            if gender in ("masculine", "neuter"):
                return stem, gender
    return None


def _adjective_base(word: str, gender: Gender) -> str:
    """An attributive adjective in its strong nominative form for the gender, or the word."""
    for ending in _INFLECTED_ADJECTIVE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + _ADJECTIVE_ENDING[gender]
    return word


def base_form(expansion: str) -> str:
    """The long form of an abbreviation in its base form: the noun of its head in the
    nominative singular, its adjectives with the strong ending of the noun's gender
    ("Kommunalen Integrationszentrums" -> "Kommunales Integrationszentrum", "Regionalen
    Arbeitsstelle zur Förderung …" -> "Regionale Arbeitsstelle zur Förderung …"). What follows
    the head stays as it is; a long form whose noun tells no gender is returned unchanged."""
    tokens = expansion.split()
    head = 0
    while head < len(tokens) and _WORD_ONLY_RE.fullmatch(tokens[head]):
        if fold(tokens[head]) in stopwords():
            break
        head += 1
    if head == 0 or tokens[head - 1].endswith("-") or not tokens[head - 1][:1].isupper():
        return expansion
    found = _noun_base(tokens[head - 1])
    if found is None:
        return expansion
    noun, gender = found
    adjectives = [_adjective_base(t, gender) for t in tokens[: head - 1]]
    return " ".join([*adjectives, noun, *tokens[head:]])


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
