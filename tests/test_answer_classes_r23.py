"""Classes of misses found in round 23 of issue 10: a separable participle the documents
also hold joined ("festgestellt") is found written apart as well ("stellte … fest"); a
party named in lower case ("was sagt die cdu zu kim") is part of the question."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import FILLER, _doc_kb

# Minutes write what a chair noted apart ("stellte … fest"); the same archive has the
# participle elsewhere ("Mängel … festgestellt"), in a sentence about something else.
_NOTED = (
    "Im Frühjahr wurden Mängel an der Radstation festgestellt und behoben. "
    f"{FILLER} Abschließend stellte der Vorsitzende fest, dass im Verkehrsausschuss "
    "Einvernehmen über die Radstation bestehe. Die Sitzung endete um 18 Uhr."
)


@pytest.mark.parametrize(
    "question",
    ["was hat der verkehrsausschuss festgestellt", "Was wurde im Verkehrsausschuss festgestellt?"],
)
def test_a_separable_participle_finds_its_verb_written_apart(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _NOTED)
    assert "Einvernehmen" in top(kb, question)


def test_the_separated_verb_does_not_stand_in_for_the_topic(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _NOTED)
    assert not kb.ask("was hat der bauausschuss festgestellt").answered
    assert "Mängel" in top(kb, "was wurde festgestellt")


# A party typed in lower case is three letters the documents may not hold: it is the topic,
# not a typo to leave out ("was sagt die cdu zu kim" is no "was sagt … zu kim").
_PARTY = (
    "Herr Peters dankte dem Team der Radstation. Entsprechend sagte er zu, sich in den "
    f"Haushaltsberatungen für die Radstation einzusetzen. {FILLER} Die SPD-Fraktion "
    "beantragte eine zweite Radstation am Bahnhof."
)


@pytest.mark.parametrize(
    "question",
    [
        "was sagt die cdu zur radstation",
        "was sagt die fdp zur radstation",
        "hat die afd der radstation zugestimmt",
        "was sagt die CDU zur Radstation?",
    ],
)
def test_a_party_the_documents_do_not_name_is_declined(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _PARTY)
    assert not kb.ask(question).answered


def test_a_party_the_documents_name_is_answered(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _PARTY)
    assert "zweite Radstation" in top(kb, "was hat die spd beantragt")


# On the demo corpus, whose other sentences compete as a real archive's do.
def test_the_demo_corpus_names_no_cdu(kb: KnowledgeBase) -> None:
    assert not kb.ask("was sagt die cdu zu kim").answered
    assert "Haushaltsberatungen" in top(kb, "was hat ktm schmitz zugesagt")


def test_the_demo_corpus_finds_what_the_chair_noted(kb: KnowledgeBase) -> None:
    assert "Einvernehmen" in top(kb, "was hat der sozialausschuss festgestellt")
