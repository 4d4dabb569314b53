"""Classes of misses found in round 11 of issue 10 (holdout23 and the misses that recur
across the earlier sets)."""

from __future__ import annotations

import pytest

from knowledge.search import question_type


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("neubuergerbeauftragter name", "person"),
        ("name neubuergerbeauftragter?", "person"),
        (
            "What age group do the young adults belong to who are the target group of module 6?",
            "which",
        ),
        ("who leads the KI", "person"),
        ("What is the name of the person who leads the KI?", "person"),
        ("how many people who fled came in 2019", "quantity"),
    ],
)
def test_a_name_asked_last_and_an_english_relative_who(question: str, qtype: str) -> None:
    assert question_type(question) == qtype
