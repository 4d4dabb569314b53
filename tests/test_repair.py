"""Repair of extracted PDF/OCR text: spaces, broken words, letter-spacing, debris, page breaks."""

from __future__ import annotations

import random
import re

import pytest

from knowledge.analyze import german_words
from knowledge.repair import repair_text
from tests.corpus import CLEAN_FILES, CORPUS, OCR_FILE

# Clean lines that give the letter-spacing repair its lexicon in the small examples.
CLEAN = (
    "Der Rhein-Sieg-Kreis unterstützt die Kommunen bei der Integrationsarbeit. \n"
    "Die Fachstelle Integration berät Initiativen und Vereine im Kreis. \n"
)
# Short words that are words, for counting the fragments left in a letter-spaced text.
SHORT_WORDS = frozenset(
    {
        "ab", "als", "am", "an", "auf", "aus", "bei", "bis", "da", "das", "dem", "den", "der",
        "des", "die", "ein", "er", "es", "für", "im", "in", "ist", "mit", "nur", "ob", "so", "um",
        "und", "vom", "von", "vor", "wie", "wo", "zu", "zum", "zur",
    }
)  # fmt: skip
_SHORT_TOKEN_RE = re.compile(r"(?<!\S)([a-zäöüß]{1,3})(?=[\s,.;:]|$)")
_LINE_END_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[a-zäöüß])")


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def repaired_line(raw: str) -> str:
    """The repair of raw after the clean lines that give the lexicon."""
    return repair_text(CLEAN + raw)[len(repair_text(CLEAN)) :]


def fragments(text: str) -> int:
    """Lowercase tokens of 1-3 letters that are not words on their own."""
    return sum(m.group(1) not in SHORT_WORDS for m in _SHORT_TOKEN_RE.finditer(text))


# --- Step 1: normalisation ------------------------------------------------------------------


def test_unicode_is_nfc_and_newlines_are_unix() -> None:
    assert repair_text("Fo\u0308rderung \r\nKreis \rNRW") == "Förderung\nKreis\nNRW"


def test_odd_spaces_become_one_space_and_line_ends_are_stripped() -> None:
    raw = "Das  ist\u00a0\u00a0gut.   \nNoch\t\tmehr. \u202f\n"
    assert repair_text(raw) == "Das ist gut.\nNoch mehr.\n"


def test_control_and_invisible_characters_are_removed() -> None:
    assert repair_text("Kre\x00is\x07 \nIntegrations\u00adzent\u200brum\x1b ") == (
        "Kreis\nIntegrationszentrum"
    )


# --- Step 2: hyphenated line ends -----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Integrations-\nzentrums (KI) im ", "Integrationszentrums (KI) im"),
        ("im Rhein-\nSieg-Kreis ", "im Rhein-Sieg-Kreis"),
        ("Teilhabe-\nund Integrationsgesetz ", "Teilhabe- und Integrationsgesetz"),
        ("Kinder-\noder Jugendhilfe ", "Kinder- oder Jugendhilfe"),
        ("Schul-\nbzw. Jugendamt ", "Schul- bzw. Jugendamt"),
        ("Jugend-\nsowie Sozialamt ", "Jugend- sowie Sozialamt"),
        ("Teilhabe- und Integrationsgesetz ", "Teilhabe- und Integrationsgesetz"),
    ],
)
def test_hyphenated_line_end(raw: str, expected: str) -> None:
    assert repair_text(raw) == expected


def test_hyphen_join_takes_the_whole_next_line() -> None:
    raw = "Der Rhein-\nSieg-Kreis hat beraten. \nDanach mehr. "
    assert repair_text(raw) == "Der Rhein-Sieg-Kreis hat beraten.\nDanach mehr."


def test_hyphens_after_digits_and_dashes_do_not_join() -> None:
    raw = "Jugendamt -51-\n- Die Arbeit \nKultur -\nund Sport "
    assert repair_text(raw) == "Jugendamt -51-\n- Die Arbeit\nKultur -\nund Sport"


def test_hyphenated_word_continues_after_a_page_break() -> None:
    raw = "strukturiert vor-\n\n\n\ngegangen worden, sodass "
    assert repair_text(raw) == "strukturiert vorgegangen worden, sodass\n\f"


# --- Step 3: line ends that lost their hyphen -----------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bei der Schaf\nfung eines ", "bei der Schaffung eines"),
        ("den Bürgermeistern disku\ntiert. ", "den Bürgermeistern diskutiert."),
        ("bei der Schaf\nfung eines", "bei der Schaffung eines"),
    ],
)
def test_line_end_without_space_before_lowercase_joins(raw: str, expected: str) -> None:
    assert repair_text(raw) == expected


def test_line_end_with_space_or_before_capital_does_not_join() -> None:
    raw = "bei der \nfung eines \nKommunen und\nDie Stadt "
    assert repair_text(raw) == "bei der\nfung eines\nKommunen und\nDie Stadt"


def test_text_without_marked_line_ends_is_not_glued() -> None:
    raw = "eins zwei\ndrei vier\nfünf sechs\nsieben acht\nneun zehn\nelf zwölf"
    assert repair_text(raw) == raw


def test_repairing_again_glues_no_lines() -> None:
    repaired = repair_text(corpus_text("2022-kim-personal-und-konzept.txt"))
    assert repair_text(repaired) == repaired


# --- Step 4: letter-spaced words -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Im Rhe in-S ieg-Kre is engagieren sich die K o m m u n e n , der \n",
            "Im Rhein-Sieg-Kreis engagieren sich die Kommunen, der\n",
        ),
        ("die Fachstel le Integrat ion beim Kre is \n", "die Fachstelle Integration beim Kreis\n"),
        (
            "Init iat iven u. v. m. für die Integrat ionsarbei t . \n",
            "Initiativen u. v. m. für die Integrationsarbeit.\n",
        ),
        ("der Rhe in -S ieg -Kreis ein \n", "der Rhein-Sieg-Kreis ein\n"),
        ("der Rhe in -S ieg -\nKreis ein \n", "der Rhein-Sieg-Kreis ein\n"),
        ("ist als A n h a n g 1 beigefügt. \n", "ist als Anhang 1 beigefügt.\n"),
        ("eine S u c h m a s k e , mit der \n", "eine Suchmaske, mit der\n"),
        ("4b M i t d e m Landrat \n", "4b Mit dem Landrat\n"),
        ("- K S B -\n", "- KSB -\n"),
    ],
)
def test_letter_spaced_words_are_rebuilt(raw: str, expected: str) -> None:
    assert repaired_line(raw) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Dazu gehören u. a. Vereine, z. B. im Kreis. \n",
        "Nach Aufruf meldete sich Abg. Peters zu \n",
        "Teilhabe- und Integrationsgesetz sowie KI und NRW. \n",
        "Kultur- und Sportamt -41- \n",
    ],
)
def test_clean_lines_are_not_respaced(line: str) -> None:
    assert repaired_line(line) == line.replace(" \n", "\n")


@pytest.mark.parametrize("name", CLEAN_FILES)
def test_clean_files_change_only_in_spaces_hyphens_and_page_breaks(name: str) -> None:
    raw = corpus_text(name)
    assert repair_text(raw).split() == _LINE_END_HYPHEN_RE.sub("", raw).split()


def test_ocr_file_letter_spacing_is_repaired() -> None:
    repaired = repair_text(corpus_text(OCR_FILE))
    lines = repaired.split("\n")
    assert "Im Rhein-Sieg-Kreis engagieren sich die kreisangehörigen Kommunen, der" in lines
    # "Wohi" is OCR for "Wohl"; "Ve re i" goes on in the next line (issue 10).
    assert "Kreis, der Neubürgerbeauftragte des Kreises, Wohlfahrtsverbände, Vereine," in lines
    assert "die Fachstelle Integration beim Kreissozialamt -50 - eingerichtet." in repaired
    assert "Initiativen u. v. m. für eine erfolgreiche Integration." in repaired
    assert "Darüber hinaus führte die Fachstelle Integration in der Vergangenheit -" in lines
    assert "menarbei t mit der Clear ingstel le Integrationsarbeit leistet." in repaired
    assert "Das Integrationskonzept ist als Anhang 1 beigefügt." in repaired
    assert "Bochum Kreis Lippe" in lines


def test_general_words_rebuild_what_the_document_uses_once() -> None:
    words = german_words()
    repaired = repair_text(corpus_text(OCR_FILE), words)
    assert "Am Arbeitskreis Integration mit den Kommunen" in repaired
    assert "dass ein optimaler Erfahrungsaustausch und die Weitergabe von" in repaired
    assert "Mitarbeiter / innen" in repaired
    # Parts that are words already stay apart, even where joined they would be a word too.
    assert "Angebote bekannt zu machen und" in repaired
    line = "Dazu gehörten Auss te l lungen und die Wei tergabe. \n"
    assert repair_text(line, words) == "Dazu gehörten Ausstellungen und die Weitergabe.\n"
    assert repair_text(line) == line.replace(" \n", "\n")  # one line knows too few words


def test_ocr_file_keeps_fewer_than_half_of_its_fragments() -> None:
    raw = corpus_text(OCR_FILE)
    before, after = fragments(raw), fragments(repair_text(raw))
    print(f"fragments of 1-3 letters: {before} before, {after} after")
    assert after * 2 < before


# --- Step 5: OCR debris ----------------------------------------------------------------------


def test_exclamation_mark_read_for_capital_i() -> None:
    raw = "eines Kommunalen !ntegrationszentrums (KIZ.) im "
    assert repair_text(raw) == "eines Kommunalen Integrationszentrums (KIZ.) im"


def test_equals_sign_between_letters_is_a_hyphen() -> None:
    assert repair_text("durch den Rhein=Sieg-Kreis ") == "durch den Rhein-Sieg-Kreis"


def test_other_exclamation_and_equals_signs_stay() -> None:
    raw = "„Respekt! Zeit für Vielfalt“ und Respekt!, x = 1, a=2, wow!! \n"
    assert repair_text(raw) == raw.replace(" \n", "\n")


# --- Step 6: page breaks ---------------------------------------------------------------------


def test_three_empty_lines_are_a_page_break() -> None:
    assert repair_text("Ende. \n\n\n\nAnfang ") == "Ende.\n\f\nAnfang"


def test_fewer_or_whitespace_only_blank_lines_stay() -> None:
    assert repair_text("Ende. \n\n\nAnfang ") == "Ende.\n\n\nAnfang"
    assert repair_text("Ende. \n\n \n\nAnfang ") == "Ende.\n\n\n\nAnfang"


def test_form_feed_in_the_input_is_a_page_break() -> None:
    assert repair_text("Seite eins\fSeite zwei") == "Seite eins\n\f\nSeite zwei"


@pytest.mark.parametrize("junk", ["AI", "AZ", "0", "12", "- 3 -", "J;j,"])
def test_junk_next_to_a_page_break_is_dropped(junk: str) -> None:
    before = f"Ende. \n\n{junk} \n\n\n\nAnfang "
    after = f"Ende. \n\n\n\n{junk} \nAnfang "
    assert repair_text(before) == "Ende.\n\f\nAnfang"
    assert repair_text(after) == "Ende.\n\f\nAnfang"


def test_short_real_lines_stay() -> None:
    raw = "Vorlage \n\nX \n\nAntrag: \nDer Rat \n\n\n\nAntrag: \n04.02.2013 \n"
    assert repair_text(raw) == "Vorlage\n\nX\n\nAntrag:\nDer Rat\n\f\nAntrag:\n04.02.2013\n"


def test_ocr_file_page_junk_is_gone() -> None:
    lines = repair_text(corpus_text(OCR_FILE)).split("\n")
    assert lines.count("\f") == 13
    assert not {"AI", "AZ", "0"} & set(lines)
    assert "X" in lines


# --- Step 7: hostile input (speed is a benchmark figure: bench_search.py, ingest) -----------


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "\n",
        "\f",
        "-",
        "!",
        "=",
        " - ",
        "a-\n",
        "-\nb",
        "\n\n\n\n",
        "\x00\x01\x02\x7f",
        "\ud800",
        "a\u0308",
        "\r\r\n\f\f\v",
        "x " * 500,
        "-\n" * 500,
        "A\n\n\n\n" * 100,
    ],
)
def test_hostile_strings_do_not_raise(raw: str) -> None:
    assert isinstance(repair_text(raw), str)


def test_random_strings_do_not_raise() -> None:
    rng = random.Random(7)
    alphabet = "abcdeäöüßKRI  \n\n\n-!=.,;:()\t\r\f\x00\u00a0\u00ad\ud800\U0001f600\u0308 0129"
    for size in (1, 10, 100, 1000):
        for _ in range(30):
            out = repair_text("".join(rng.choice(alphabet) for _ in range(size)))
            assert "\r" not in out
            assert "\x00" not in out


def test_a_megabyte_of_damaged_text_is_repaired() -> None:
    rng = random.Random(11)
    chars = list(corpus_text(OCR_FILE) * 40)
    for i in rng.sample(range(len(chars)), len(chars) // 100):
        chars[i] = rng.choice("\x00\f\r-!= \n\u00ad\ud800")
    raw = "".join(chars)
    assert len(raw) > 1_000_000
    assert isinstance(repair_text(raw), str)


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        # A short OCR page or typed text wraps between words and shows no line-end marks.
        ("Die Sprachcafés in Siegburg werden\nab dem 15.03.2027 angeboten.", "werden\nab dem"),
        ("Der Ausschuss hat\ndie Vorlage beraten.", "hat\ndie Vorlage"),
    ],
)
def test_short_unmarked_text_keeps_whole_words_apart(raw: str, kept: str) -> None:
    assert kept in repair_text(raw, german_words())


def test_short_unmarked_text_still_joins_a_cut_word() -> None:
    assert repair_text("bei der Schaf\nfung eines", german_words()) == "bei der Schaffung eines"
