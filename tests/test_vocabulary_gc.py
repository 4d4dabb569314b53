"""A large vocabulary stays out of the garbage collector's full passes (knowledge.base)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from knowledge import base
from knowledge.base import KnowledgeBase
from knowledge.store import open_db


def test_large_vocabularies_leave_full_collections(
    demo_db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frozen when loaded (gc.freeze), and a replaced vocabulary is still freed."""
    monkeypatch.setattr(base, "SETTLE_SIZE", 0)
    try:
        kb = KnowledgeBase(open_db(demo_db_file))
        vocab = kb.vocabulary()
        assert gc.get_freeze_count() > 0
        gone = weakref.ref(vocab)
        del vocab
        kb._vocab = None
        kb.vocabulary()
        assert gone() is None
    finally:
        gc.unfreeze()


def test_small_vocabularies_are_left_alone(demo_db_file: Path) -> None:
    """The demo corpus is far below the size where full collections cost."""
    gc.unfreeze()
    KnowledgeBase(open_db(demo_db_file)).vocabulary()
    assert gc.get_freeze_count() == 0
