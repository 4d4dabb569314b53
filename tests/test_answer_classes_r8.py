"""Classes of misses found in round 8 of issue 10 (holdout17): light verbs and framing words
that outweighed the topic, yes/no questions, members asked with "welche", counts that lost
to a number of something else, a numbered part named in the sentences around, a category
whose instances are a closed set (the parties)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import Hit, Source, _Features, decide
from knowledge.base import KnowledgeBase
from knowledge.search import is_yes_no, question_type
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _doc_kb
from tests.test_answer_classes_r5 import _declined_then_answered


def test_gelten_is_a_light_verb(tmp_path: Path) -> None:
    # The text says "festgelegt", not "gelten": the light verb must not sink the answer.
    kb = _doc_kb(
        tmp_path,
        2019,
        " Das Lotsenbüro habe seine Themenschwerpunkte für zwei Jahre festgelegt. ",
    )
    assert "zwei Jahre" in top(kb, "fuer wie lange gelten die themenschwerpunkte vom lotsenbuero")


@pytest.mark.parametrize(
    "question",
    ["Was verbirgt sich hinter dem Projekt MiMi?", "was steckt hinter dem lotsenbuero"],
)
def test_what_hides_behind_x_asks_what_x_is(kb: KnowledgeBase, question: str) -> None:
    assert question_type(question) == "definition"
    # "verbirgt", "steckt" frame the question: they weigh little beside its topic.
    weights = {c.label: c.importance for c in kb.analyse(question).concepts}
    framing = [w for label, w in weights.items() if label in ("verbirgt", "steckt")]
    assert all(w < 0.2 * max(weights.values()) for w in framing)


def test_a_typo_fixed_word_finds_its_synonyms(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2022,
        " Mittlerweile tagt der Ausschuss digital. "
        " Ihn erfreue, dass zwischenzeitlich alle Lotsenstellen besetzt werden konnten. ",
    )
    concept = next(
        c
        for c in kb.analyse("Sind mitlerweile alle Lotsenstellen besetzt?").concepts
        if c.label == "mitlerweile"
    )
    assert "mittlerweil" in concept.alternatives  # the fix itself
    assert "zwischenzeit" in concept.alternatives  # and what it means


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Sind inzwischen alle Stellen besetzt?", True),
        ("Ist KIM gesetzlich verankert worden?", True),
        ("is the KI open on fridays", True),
        ("Was ist KIM?", False),
        ("was macht modul 2", False),  # German "was" is no English auxiliary
    ],
)
def test_yes_no_questions_open_with_a_finite_verb(question: str, expected: bool) -> None:
    assert is_yes_no(question) is expected


def test_a_yes_no_question_needs_its_predicate(tmp_path: Path) -> None:
    # The first sentence names the programme and its posts and sounds like a definition, but
    # says nothing of posts being filled.
    other = (
        " Der Lotsendienst (nachfolgend: LD) sei ein geeignetes Instrument, für das insgesamt"
        " 4 Stellen vorgesehen seien. "
    )
    filled = " Ihn erfreue, dass zwischenzeitlich alle Stellen im Lotsendienst besetzt sind. "
    kb = _doc_kb(tmp_path, 2022, other + " Der Ausschuss nahm dies zur Kenntnis. " + filled)
    assert "besetzt" in top(kb, "Sind inzwischen alle Stellen im Lotsendienst besetzt?")


@pytest.mark.parametrize(
    ("question", "members"),
    [
        ("Welche Akteure sind in der Lenkungsgruppe des KIM vertreten?", True),
        ("Wer ist in der Lenkungsgruppe vertreten?", True),
        ("Welche Projekte wurden ausgezeichnet?", False),
    ],
)
def test_which_actors_are_represented_asks_for_members(
    kb: KnowledgeBase, question: str, members: bool
) -> None:
    # A text that lists no members then keeps MEMBERS_MISSING of its coverage.
    assert _Features(kb.analyse(question)).members is members


def _hit(text: str, coverage: float, score: float, matched: frozenset[str]) -> Hit:
    source = Source("a.txt", "Niederschrift", None, 2019, None)
    return Hit(text, source, score, coverage, (1,), text, matched, 1.0)


def test_a_count_of_something_else_gives_way_to_one_that_counts(kb: KnowledgeBase) -> None:
    query = kb.analyse("Wie viele Geduldete gibt es im Kreis?")
    other = _hit("Hinzu käme der Schlüssel von 1:337 Personen im Kreis.", 0.7, 0.9, frozenset())
    counted = _hit(
        "Der Personenkreis der Geduldeten umfasse ca. 200 Personen.",
        0.65,
        0.8,
        frozenset({"geduldete"}),
    )
    assert not decide(query, [other]).answered  # counts Personen, not Geduldete
    answer = decide(query, [other, counted])
    assert answer.answered
    assert "200 Personen" in answer.hits[0].text


def test_a_count_that_covers_too_little_gives_way_to_a_close_one(kb: KnowledgeBase) -> None:
    query = kb.analyse("Wie viele Geduldete gibt es im Kreis?")
    thin = _hit("Man ging von 222 Geduldeten aus.", 0.55, 0.96, frozenset({"geduldete"}))
    full = _hit(
        "Der Personenkreis der Geduldeten im Kreis umfasse ca. 200 Personen.",
        0.74,
        0.88,
        frozenset({"geduldete", "kreis"}),
    )
    far = _hit("Der Kreis zählt 200 Geduldete.", 0.74, 0.7, frozenset({"geduldete", "kreis"}))
    assert not decide(query, [thin]).answered
    assert decide(query, [thin, full]).hits[0] is full
    assert not decide(query, [thin, far]).answered  # too far behind to speak for it


def test_a_part_named_in_the_sentences_around_counts(tmp_path: Path) -> None:
    question = "Wie viele Lotsinnen hätte das Lotsenbüro für den Baustein 4 beantragen können?"
    sentence = (
        " Das Lotsenbüro könne für die Antragstellung nur die Anzahl der Geduldeten zugrunde"
        " legen und deshalb nur 2 Lotsinnen beantragen. "
    )
    paragraph = (
        " Der „Baustein 4“ sei der einzige Baustein mit einer Richtlinie."
        " Hinzu käme der geforderte Schlüssel von 1:300." + sentence
    )
    _declined_then_answered(tmp_path, question, sentence, paragraph, "nur 2 Lotsinnen", 2019)


def test_which_party_needs_a_party(tmp_path: Path) -> None:
    without = (
        " KTM Berger schloss sich seinem Vorredner an."
        " Er sende im Namen seiner Fraktion ein positives Signal. "
    )
    with_party = " KTM Berger von der SPD-Fraktion schloss sich seinem Vorredner an. "
    _declined_then_answered(tmp_path, "ktm berger welche fraktion", without, with_party, "SPD")


def test_whose_word_is_no_topic(kb: KnowledgeBase) -> None:
    query = kb.analyse("Wie viele Geduldete leben nach Angaben der Verwaltung im Kreis?")
    labels = {c.label for c in query.concepts}
    assert "geduldete" in labels
    assert not labels & {"angaben", "verwaltung"}


def test_how_long_still_asks_until_when(tmp_path: Path) -> None:
    # "wie lange … noch" asks for the end: the funding period "bis 2024", not another date.
    kb = _doc_kb(
        tmp_path,
        2021,
        " Das Lotsenprojekt wurde am 12.03.2019 im Ausschuss vorgestellt."
        + " Die Verwaltung berichtet über den Radverkehr im Ausschuss." * 3
        + " Für das Lotsenprojekt sei ein Förderzeitraum bis 2024 festgelegt worden. ",
    )
    assert "bis 2024" in top(kb, "wie lange laeuft das lotsenprojekt noch")
