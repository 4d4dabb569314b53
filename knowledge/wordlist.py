"""A large, fixed set of words in a few flat buffers: membership like a frozenset of str.

A frozenset of the 339,074 general German words costs about 100 MB in every process that
holds it: each word is its own object, and the sync's forked text workers count those pages
again (reference counts written after the fork un-share them). Here the words are one string
(sorted, one per line) with their start offsets, and an open-addressing hash table of 64-bit
entries: the high bits of the word's hash beside its index. About 13 MB, in three objects
whose buffers nothing writes after the fork.

The table is built with Python's own str hash, which may differ between processes (hash
randomisation): a pickled WordList is rebuilt from its words where it is unpickled."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

_EMPTY = -1  # CPython never hashes anything to -1, and no entry below is -1 either


class WordList:
    """An immutable set of words (str without line breaks): `in`, `len`, iteration in sorted
    order. Anything that is not a str is not in it."""

    __slots__ = ("_high", "_len", "_low", "_mask", "_slots", "_starts", "_text")

    def __init__(self, words: Iterable[str]) -> None:
        ordered = sorted(words)  # no set: its table would stay behind in the heap
        unique = [w for i, w in enumerate(ordered) if i == 0 or w != ordered[i - 1]]
        del ordered
        if any("\n" in w for w in unique):
            raise ValueError("a word with a line break")
        self._len = len(unique)
        # Word i is text[starts[i] : starts[i + 1] - 1]; "\n" follows each word.
        self._text = "\n".join(unique) + "\n" if unique else ""
        starts = array("I", [0]) * (len(unique) + 1)
        at = 0
        for i, w in enumerate(unique):
            starts[i] = at
            at += len(w) + 1
        starts[len(unique)] = at
        self._starts = starts
        bits = max(1, len(unique).bit_length())  # an index fits in the low `bits` bits
        self._low = (1 << bits) - 1
        self._high = ~self._low
        size = 8
        while size < 2 * len(unique):  # at most half full: few probes for absent words
            size *= 2
        self._mask = size - 1
        slots = array("q", [_EMPTY]) * size
        mask, high = self._mask, self._high
        for i, w in enumerate(unique):
            h = hash(w)
            j = h & mask
            while slots[j] != _EMPTY:
                j = (j + 1) & mask
            slots[j] = (h & high) | i
        self._slots = slots

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        h = hash(word)
        slots, mask = self._slots, self._mask
        j = h & mask
        entry = slots[j]
        if entry == _EMPTY:  # most absent words end here (the table is at most half full)
            return False
        high = self._high
        key = h & high
        while entry != _EMPTY:
            if entry & high == key:
                i = entry & self._low
                at = self._starts[i]
                if self._starts[i + 1] - at == len(word) + 1 and self._text.startswith(word, at):
                    return True
            j = (j + 1) & mask
            entry = slots[j]
        return False

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[str]:
        text, starts = self._text, self._starts
        for i in range(self._len):
            yield text[starts[i] : starts[i + 1] - 1]

    def __reduce__(self) -> tuple[type[WordList], tuple[list[str]]]:
        return WordList, (list(self),)

    def nbytes(self) -> int:
        """Bytes of the buffers (the text as stored, offsets, table)."""
        import sys

        return (
            sys.getsizeof(self._text)
            + self._starts.itemsize * len(self._starts)
            + self._slots.itemsize * len(self._slots)
        )
