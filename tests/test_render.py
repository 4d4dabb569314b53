"""Pure rendering: escaping, splitting at 4096, callback data, terminal text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot import render, terminal
from bot.actions import Action, decode
from bot.dialog import Dialog, Person
from bot.reply import Reply, Span
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from tests.fake_request import visible_text
from tests.fakes import FakeClock


def test_everything_is_escaped() -> None:
    reply = Reply(((Span("<script>&</script>", "bold"), Span(' "x" <b>')),))
    (html,) = render.messages(reply)
    assert html == '<b>&lt;script&gt;&amp;&lt;/script&gt;</b> "x" &lt;b&gt;'
    assert visible_text(html) == '<script>&</script> "x" <b>'


def test_long_replies_split_at_sentence_boundaries_within_4096() -> None:
    sentence = "Der Ausschuss beriet über das Integrationskonzept des Kreises. "
    reply = Reply(((Span("Antwort", "bold"),), (Span(sentence * 200, "quote"),)))
    parts = render.messages(reply)
    assert len(parts) >= 3
    for part in parts:
        visible = visible_text(part)
        assert len(visible) <= 4096
        assert visible.rstrip().endswith(".")
    assert "".join(visible_text(p) for p in parts).count("Integrationskonzept") == 200


def test_one_endless_word_is_still_cut() -> None:
    parts = render.messages(Reply(((Span("x" * 10_000),),)))
    assert [len(visible_text(p)) for p in parts] == [4096, 4096, 1808]


def test_callback_data_round_trip_and_limits() -> None:
    action = Action("more", (123456789, 3))
    assert decode(action.encode()) == action
    assert len(Action("doc", (10**18, 10**18)).encode().encode()) <= 64
    with pytest.raises(ValueError, match="too long"):
        Action("doc", (10**40, 10**40)).encode()
    for stale in (None, "", "v0:more:1:2", "v1:more:1", "v1:more:a:b", "v1:zap:1", "v1:pas:-1:2"):
        assert decode(stale) is None


def test_terminal_chat_uses_the_same_dialog(demo_db_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "chat.db"
    db.write_bytes(demo_db_file.read_bytes())
    dialog = Dialog(KnowledgeBase(open_db(db)), FakeClock())
    out: list[str] = []
    lines = io.StringIO("1\n/dokumente\nWann ist die Siegelverleihung 2020?\n2\nexit\nnie\n")
    terminal.chat(dialog, Person(1, 1), lines, out.append, prompt=False)
    text = "".join(out)
    assert text.startswith("Guten Tag!")
    assert "[1] Was ist Baustein 6?" in text
    assert "Teilhabemanagement" in text  # button 1 asked the first example question
    assert "Diese Unterlagen kenne ich:" in text
    assert "03.09.2020" in text
    assert "Die ganze Passage" in text  # "2" pressed "Ganze Passage" under the last answer
    assert "nie" not in text.split("exit")[-1]
