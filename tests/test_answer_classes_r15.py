"""Classes of misses found in round 15 of issue 10: a question word typed one letter off that
no document has, and English names of a target group."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _doc_kb

_BIKES = (
    "Das Förderprogramm Radstationen richte sich an Pendlerinnen und Pendler. Zielgruppe seien "
    "die 16 bis 25-Jährigen Auszubildenden, die täglich in die Kreisstadt fahren. Die "
    "Radstationen sollen bis zum Jahr 2024 an fünf Bahnhöfen entstehen."
)


@pytest.mark.parametrize(
    "question",
    [
        "Welche Altersgrupe soll mit dem Förderprogramm Radstationen erreicht werden?",
        "welche altersgrupe hat das förderprogramm radstationen",
        "Which age group is targeted by the Radstationen programme?",
        "target group of the radstationen programme?",
    ],
)
def test_the_age_group_asked_is_answered_in_years(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _BIKES)
    assert "16 bis 25-Jährigen" in top(kb, question)


def test_a_known_question_word_typed_one_letter_off_is_put_right(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _BIKES)
    answer = kb.ask("welche altersgrupe hat das förderprogramm radstationen")
    assert ("altersgrupe", "altersgruppe") in answer.corrections
