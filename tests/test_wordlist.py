"""The general German word list as a WordList: the same membership as the frozenset it was."""

from __future__ import annotations

import gzip
import json
import pickle
from importlib import resources

import pytest

from knowledge.analyze import Lexicon, _fold_plain, german_words, is_german_word
from knowledge.wordlist import WordList


@pytest.fixture(scope="module")
def as_frozenset() -> frozenset[str]:
    """The word list as german_words() built it before: through json, into a frozenset."""
    raw = resources.files("spellchecker").joinpath("resources", "de.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return frozenset(f for w in data if (f := _fold_plain(w)).isalpha())


def test_every_word_of_the_frozenset_is_in_and_nothing_else(as_frozenset: frozenset[str]) -> None:
    words = german_words()
    assert isinstance(words, WordList)
    assert len(words) == len(as_frozenset) > 300_000
    assert all(w in words for w in as_frozenset)
    assert list(words) == sorted(as_frozenset)


def test_words_that_are_not_in_the_frozenset_are_not_in(as_frozenset: frozenset[str]) -> None:
    words = german_words()
    near = set()
    for w in list(as_frozenset)[::3]:
        near.update((w + "x", w[:-1], w[1:], "x" + w, w.upper(), w + "\n", w + " "))
    near.update(("", "managment", "ßtraße", "\n", "ä"))
    for w in near:
        assert (w in words) == (w in as_frozenset), w


def test_what_is_no_str_is_not_in() -> None:
    words = german_words()
    for thing in (None, 1, b"wetter", ("wetter",), 1.5):
        assert thing not in words


def test_small_lists_and_duplicates() -> None:
    empty = WordList([])
    assert len(empty) == 0
    assert "a" not in empty
    assert "" not in empty
    assert list(empty) == []
    one = WordList(["", "b", "a", "b"])
    assert len(one) == 3
    assert list(one) == ["", "a", "b"]
    assert "" in one
    assert "a" in one
    assert "b" in one
    assert "c" not in one
    assert "ab" not in one
    with pytest.raises(ValueError, match="line break"):
        WordList(["a\nb"])


def test_many_words_in_a_small_table_still_found() -> None:
    many = [f"w{i}" for i in range(5000)]
    words = WordList(many)
    assert all(w in words for w in many)
    assert not any(f"v{i}" in words for i in range(5000))


def test_a_pickled_list_is_rebuilt_where_it_is_read() -> None:
    words = WordList(["wetter", "leitet", "straße"])
    again = pickle.loads(pickle.dumps(words))
    assert list(again) == list(words)
    assert "wetter" in again
    assert "managment" not in again


def test_the_list_is_small() -> None:
    assert german_words().nbytes() < 20_000_000


def test_known_words_and_lexicon_over_the_list() -> None:
    assert is_german_word("wetter")
    assert not is_german_word("managment")
    lexicon = Lexicon(["teilhabe", "wetter"], base=german_words())
    assert "teilhabe" in lexicon
    assert "wetter" in lexicon
    assert "managment" not in lexicon
    assert len(lexicon) == len(german_words()) + ("teilhabe" not in german_words())
    assert len(Lexicon(["teilhabe", "zentrum"])) == 2
