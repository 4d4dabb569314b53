"""German analysis: folding, stemming, compounds, numbers, abbreviations, query words."""

from __future__ import annotations

import pytest

from knowledge.analyze import Lexicon, fold, is_german_word, stem, text_terms, tokenize
from knowledge.base import KnowledgeBase


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("für", "fuer"),
        ("Ausländer", "Auslaender"),
        ("Straße", "Strasse"),
        ("Integrationszentrum", "Integrationszentren"),
        ("Integrationszentrums", "Integrationszentrum"),
        ("Kommune", "Kommunen"),
        ("leitet", "Leiterin"),
    ],
)
def test_word_forms_meet(a: str, b: str) -> None:
    assert stem(fold(a)) == stem(fold(b))


def test_numbers_stay_whole() -> None:
    terms = text_terms("Preisgeld 1.000,- €, 1,5 Stellen, 4,5 Stellen, am 03.09.2020, 1:337")
    for number in ("1.000", "1000", "1,5", "4,5", "03.09.2020", "2020", "1:337"):
        assert number in terms
    assert "1" not in terms
    assert "337" not in terms


def test_abbreviations_keep_their_form() -> None:
    terms = text_terms("KI, KIM, LaKI, RAA, SkE, KTM und VA’e; des KIs")
    for abbr in ("ki", "kim", "laki", "raa", "ske", "ktm", "vae"):
        assert abbr in terms
    assert terms.count("ki") == 2  # "KIs" is the plural of KI


def test_compound_parts_beside_the_whole_word() -> None:
    lexicon = Lexicon(["teilhabe", "management", "integration", "zentrum", "stellen"])
    terms = text_terms("Teilhabemanagement Case-Management-Stellen Integrationszentren", lexicon)
    assert {"teilhabemanagement", "teilhab", "management"} <= set(terms)
    assert {"casemanagementstell", stem("case"), "stell"} <= set(terms)
    assert {"integration", "integrationszentr", "zentr"} <= set(terms)


def test_tokens_carry_offsets() -> None:
    toks = tokenize("Am 03.09.2020 die Siegelverleihung")
    assert [(t.text, t.kind) for t in toks] == [
        ("Am", "word"),
        ("03.09.2020", "number"),
        ("die", "word"),
        ("Siegelverleihung", "word"),
    ]
    assert toks[1].start == 3


def test_german_words_are_known_and_typos_are_not() -> None:
    assert is_german_word("wetter")
    assert is_german_word("leitet")
    assert not is_german_word("managment")


@pytest.mark.parametrize(
    ("question", "label", "expected"),
    [
        ("Wie viele Case Managment Stellen?", "managment", "management"),
        ("Wann ist die Siegelverleihnug?", "siegelverleihnug", "siegelverleih"),
    ],
)
def test_typos_are_corrected_against_the_index(
    kb: KnowledgeBase, question: str, label: str, expected: str
) -> None:
    query = kb.analyse(question)
    concept = next(c for c in query.concepts if c.label == label)
    assert expected in concept.alternatives


@pytest.mark.parametrize("word", ["Wetter", "morgen", "leitet", "sitzt"])
def test_valid_words_are_never_corrected(kb: KnowledgeBase, word: str) -> None:
    query = kb.analyse(f"Was ist mit {word}?")
    assert query.corrections == ()


def test_english_words_go_through_the_glossary(kb: KnowledgeBase) -> None:
    query = kb.analyse("how many posts are filled")
    alternatives = {t for c in query.concepts for t in c.alternatives}
    assert {"stell", "besetzt"} <= alternatives


def test_question_types(kb: KnowledgeBase) -> None:
    cases = {
        "Was ist Baustein 6?": "definition",
        "Wie viele Stellen sind besetzt?": "quantity",
        "Wie hoch sind die Kosten?": "quantity",
        "Wann ist die Siegelverleihung?": "time",
        "Seit wann gibt es die Fachstelle?": "time",
        "Wer leitet das KI?": "person",
        "who leads the KI": "person",
        "Warum nicht?": "reason",
        "Wo findet es statt?": "place",
        "Welche Projekte gibt es?": "which",
        "Wie arbeitet die Lenkungsgruppe?": "manner",
        "Wie heißt die Leiterin des KI?": "person",
        "wiviele stelen hat troisdorf": "quantity",  # mistyped question words
        "wan ist die Siegelverleihung": "time",
        "Warun fällt der Baustein 6 weg?": "reason",
    }
    assert {q: kb.analyse(q).qtype for q in cases} == cases


def test_function_words_typed_without_umlauts_are_no_topic(kb: KnowledgeBase) -> None:
    labels = {c.label for c in kb.analyse("Termine fuer Ehrenamtler neben dem Kreis").concepts}
    assert labels == {"termine", "ehrenamtler", "kreis"}


def test_lower_case_words_weigh_less_in_german_but_not_in_english(kb: KnowledgeBase) -> None:
    german = {
        c.label: c.importance for c in kb.analyse("Wie viele Kommunen gehören zum Kreis?").concepts
    }
    typed = {
        c.label: c.importance for c in kb.analyse("wie viele kommunen gehören zum kreis").concepts
    }
    assert german["gehören"] < typed["gehören"]  # "Kommunen" capitalised: "gehören" is a verb
    english = {c.label: c.importance for c in kb.analyse("who is the mayor of Bonn").concepts}
    assert english["mayor"] > 0.6 * english["bonn"]
