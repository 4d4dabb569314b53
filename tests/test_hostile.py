"""Whatever people type: never an exception, never a change to what is stored."""

from __future__ import annotations

import random

import pytest

from knowledge.base import KnowledgeBase

HOSTILE = [
    "",
    "   ",
    "\x00\x01\x02",
    '"',
    '"*:^()NEAR AND OR -',
    "Case-Management: NOT Stellen",
    "AND",
    "OR OR OR",
    "NEAR(a b, 3)",
    "terms : x",
    "{terms context} : x",
    "x*",
    "^Stellen",
    "'; DROP TABLE passages; --",
    "Robert'); DELETE FROM documents;--",
    "<b>fett</b> & <script>alert(1)</script>",
    "?",
    "...",
    "😀🙈 Wann ist die Siegelverleihung? 🎉",
    "Was ist " + "sehr " * 1200 + "wichtig?",
    "ä" * 5000,
    "\u202e\u200b\ufeff",
    "1.000.000,00 03.09.2020 1:337 0,75",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_raises(kb: KnowledgeBase, text: str) -> None:
    answer = kb.ask(text)
    assert isinstance(answer.answered, bool)
    assert all(len(h.text) <= 600 for h in answer.hits)


def test_random_bytes_never_raise(kb: KnowledgeBase) -> None:
    rng = random.Random(7)
    for _ in range(200):
        raw = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 80)))
        kb.ask(raw.decode("utf-8", errors="replace"))


def test_hostile_input_leaves_the_store_alone(kb: KnowledgeBase) -> None:
    count = kb.db.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    for text in HOSTILE:
        kb.ask(text)
    assert kb.db.conn.execute("SELECT count(*) FROM passages").fetchone()[0] == count


def test_empty_and_noise_questions_are_declined(kb: KnowledgeBase) -> None:
    for text in ("", "   ", "?", "'; DROP TABLE passages; --", "<b></b>"):
        assert not kb.ask(text).answered, text


def test_emoji_around_a_real_question_still_answers(kb: KnowledgeBase) -> None:
    answer = kb.ask("😀🙈 Wann ist die Siegelverleihung 2020? 🎉")
    assert answer.answered
    assert "03.09.2020" in answer.hits[0].text
