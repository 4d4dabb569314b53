"""A text made ready to store (repaired, cut into passages, its simple words counted): pure
work on the text alone, done in the text worker processes of a sync.

This module imports only what that work needs (repair, passages, the word list): a worker
started afresh (spawned) imports it and not the file readers, SQLite and the rest of
knowledge.ingest, so it holds about a third of the memory a forked copy of the sync does.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from dataclasses import dataclass

from knowledge.analyze import german_words, simple_word_counts
from knowledge.passages import Passage, split_passages
from knowledge.repair import repair_text


@dataclass(frozen=True)
class PreparedText:
    """A document's text made ready to store: repaired, cut into passages, its simple words
    counted (lexicon material). Pure work on the text alone, so it may run in another process."""

    repaired: str
    passages: tuple[Passage, ...]
    words: dict[str, int]


def prepare_text(text: str) -> PreparedText:
    """Repair, split and count the words of one extracted text (no I/O)."""
    repaired = repair_text(text, german_words())
    return PreparedText(repaired, tuple(split_passages(repaired)), simple_word_counts(repaired))


def return_free_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim; elsewhere
    nothing): loading the word list leaves some 17 MB free there."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def start_worker() -> None:
    """A text worker's start: it ends with the process that started it, and the word list
    is loaded once (not with its first text), the heap that loading left free returned."""
    _end_with_parent()
    german_words()
    return_free_heap()


def _end_with_parent() -> None:
    """Linux: the kernel kills this worker when its parent dies (PR_SET_PDEATHSIG). A sync
    killed mid-way (SIGKILL, out of memory) would otherwise leave its worker waiting for
    texts forever: it holds both ends of its task queue, so it never reads an end of file."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None and os.getppid() != parent.pid:
        os._exit(1)  # the parent died before the line above
