"""Work kept between the lookups of one question (and the next): the same results as
working it out anew."""

from __future__ import annotations

from dataclasses import replace

from knowledge import analyze
from knowledge.analyze import Token, token_terms, tokenize
from knowledge.search import Concept

TEXT = (
    "Der Rhein-Sieg-Kreis hat 19 kreisangehörige Kommunen; das KI (Kommunales "
    "Integrationszentrum) beantragte am 03.09.2020 1.000 € für IT-Standardarbeitsplätze, "
    "gefördert wurden zwei Stellen. KIs, NRW und Nordrhein-Westfalen."
)


def test_token_terms_kept_are_the_terms_worked_out() -> None:
    """A token's terms from the cache are those of its text, for every kind of token."""
    tokens = tokenize(TEXT)
    assert {t.kind for t in tokens} == {"word", "number", "abbr"}
    for tok in tokens:
        fresh = analyze._token_terms(tok, None)
        assert token_terms(tok) == fresh
        assert token_terms(tok) == fresh  # served from the cache now
        assert token_terms(Token(tok.text, tok.start + 7, tok.kind)) == fresh


def test_token_of_another_kind_is_not_served_from_the_cache() -> None:
    """A token made with a kind its text does not have (as the question analysis does for a
    joined verb) gets its own terms, not those cached for the text."""
    assert token_terms(Token("KIs", 0, "abbr")) == ["ki"]
    assert token_terms(Token("KIs", 0, "word")) == ["kis"]
    assert token_terms(Token("1.000", 0, "number")) == ["1.000", "1000"]
    assert token_terms(Token("1.000", 0, "word")) == ["1.000"]
    assert token_terms(Token("KIs", 0, "abbr")) == ["ki"]


def test_concept_terms_built_once() -> None:
    """A concept's terms: its alternatives and parts, the same set each time; a concept made
    from it with other alternatives has its own."""
    c = Concept("modul 3", {"modul": 1.0, "3": 0.9}, ("modul", "teil"))
    assert c.terms() == {"modul", "3", "teil"}
    assert c.terms() is c.terms()
    other = replace(c, alternatives={"baustein": 1.0})
    assert other.terms() == {"baustein", "modul", "teil"}
    assert c == Concept("modul 3", {"modul": 1.0, "3": 0.9}, ("modul", "teil"))
