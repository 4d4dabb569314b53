"""OCR leftovers of letter-spaced text (issue 10): compounds, words broken across lines, and
names no word list knows, repaired without joining words that stand apart."""

from __future__ import annotations

import re
from functools import cache

import pytest

from knowledge.analyze import german_words
from knowledge.base import KnowledgeBase
from knowledge.repair import repair_text
from tests.corpus import CLEAN_FILES, CORPUS, OCR_FILE

# Clean lines that give the letter-spacing repair its lexicon in the small examples.
CLEAN = (
    "Der Rhein-Sieg-Kreis unterstützt die Kommunen bei der Integrationsarbeit. \n"
    "Die Fachstelle Integration berät Initiativen und Vereine im Kreis. \n"
)


@cache
def repaired_corpus() -> str:
    raw = (CORPUS / OCR_FILE).read_text(encoding="utf-8")
    return " ".join(repair_text(raw, german_words()).split())


def repaired(raw: str) -> str:
    """The repair of raw (with general words) after the clean lines that give the lexicon."""
    words = german_words()
    return repair_text(CLEAN + raw, words)[len(repair_text(CLEAN, words)) :]


def repaired_in_document(raw: str) -> str:
    """The repair of raw lines read after the OCR document (whose words give the lexicon)."""
    end = "Ende des Dokuments hier. \n\n\n\n"
    text = (CORPUS / OCR_FILE).read_text(encoding="utf-8") + "\n\n\n\n" + end + raw
    return repair_text(text, german_words()).split("Ende des Dokuments hier.", 1)[1]


# --- The lines of the OCR document the issue names ------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Compounds of known words, and a word broken across the line end ("Mo\nscheevere ine").
        (
            "jewei l igen Migrat ionsberatungsdienste, unterschiedl iche Vere ine (auch Mo\n"
            "scheevere ine) , der Neubürgerbeauf t ragte Herr Neuber (auch f inanziel le \n",
            "jeweiligen Migrationsberatungsdienste, unterschiedliche Vereine (auch "
            "Moscheevereine), der Neubürgerbeauftragte Herr Neuber (auch finanzielle",
        ),
        # A fragment at the end of a line whose end is marked by a space.
        (
            "Um die viel fäl t igen Maßnahmen im Rhe in -S ieg-Kre is zu koord in ieren, Be \n"
            "da rfe festzuste l len, Angebote bekannt zu machen und mit allen Betei l ig\n"
            "ten in Dialog zu treten. \n",
            "Um die vielfältigen Maßnahmen im Rhein-Sieg-Kreis zu koordinieren, Bedarfe "
            "festzustellen, Angebote bekannt zu machen und mit allen Beteiligten in Dialog zu "
            "treten.",
        ),
        (
            "Eine aktuel le Abfrage zu den Inhalten und der Gestal tung der Integrat i \n"
            "onsarbei t in den einzelnen Kommunen ergab fo lgendes: \n",
            "Eine aktuelle Abfrage zu den Inhalten und der Gestaltung der Integrationsarbeit "
            "in den einzelnen Kommunen ergab folgendes:",
        ),
        # ... also across the blank line of a double-spaced extraction.
        (
            "- Erarbei tung und Umsetzung von Integrat ionskonzepten oder Integrat i \n\n"
            "onsber ichten, \n",
            "- Erarbeitung und Umsetzung von Integrationskonzepten oder Integrationsberichten,",
        ),
        (
            "In al len Kommunen des Rhe in -S ieg-Kre ises gibt es Integrat ionsbeauft rag \n\n"
            "te bzw. Mi tarbei ter / innen, die für die Wahrnehmung von Integrat ionsauf\n"
            "gaben zuständig s ind. \n",
            "In allen Kommunen des Rhein-Sieg-Kreises gibt es Integrationsbeauftragte bzw. "
            "Mitarbeiter / innen, die für die Wahrnehmung von Integrationsaufgaben zuständig "
            "sind.",
        ),
        (
            "Kre is , der Neubürgerbeauf t ragte des Kre ises, Wohi fahr tsverbände, Ve re i \n"
            "ne, Init iat iven u. v. m. für eine erfolgreiche Integrat ion. \n",
            "Kreis, der Neubürgerbeauftragte des Kreises, Wohlfahrtsverbände, Vereine, "
            "Initiativen u. v. m. für eine erfolgreiche Integration.",
        ),
        # A compound's first part before a hyphen ends in a linking s ("Informations-"), and
        # a lone letter is a fragment, whatever the word list says ("ehrenamt l ich").
        (
            "Kreis ein Informat ions- und Serv iceangebot für Menschen mit Migrat ions\n"
            "hintergrund sowie für Fachkräfte, aber auch für ehrenamt l ich Engagier te \n",
            "Kreis ein Informations- und Serviceangebot für Menschen mit Migrationshintergrund "
            "sowie für Fachkräfte, aber auch für ehrenamtlich Engagierte",
        ),
        # A line whose only damage is a lone letter between two pieces of a word, which goes on
        # in the next line without a hyphen.
        (
            "aufgrund bestehender gesetz l icher Vorgaben - im Rahmen der Wahrneh\n"
            "mung ihrer fachlichen Aufgaben aktive Migrationsarbeit. \n",
            "aufgrund bestehender gesetzlicher Vorgaben - im Rahmen der Wahrnehmung ihrer "
            "fachlichen Aufgaben aktive Migrationsarbeit.",
        ),
        (
            "bezif fert , die Angaben reichen von 10 %-Ante i len einer Stel le bis zu 3 \n"
            "Stel len) \n",
            "beziffert, die Angaben reichen von 10 %-Anteilen einer Stelle bis zu 3 Stellen)",
        ),
    ],
)
def test_lines_of_the_ocr_document_are_repaired(raw: str, expected: str) -> None:
    assert " ".join(repaired_in_document(raw).split()) == expected


@pytest.mark.parametrize(
    "expected",
    [
        "Migrationsberatungsdienste, unterschiedliche Vereine (auch Moscheevereine)",
        "Bedarfe festzustellen, Angebote bekannt zu machen",
        "der Integrationsarbeit in den einzelnen Kommunen",
        "oder Integrationsberichten,",
        "In allen Kommunen des Rhein-Sieg-Kreises gibt es Integrationsbeauftragte bzw.",
        "Wohlfahrtsverbände, Vereine, Initiativen",
        "ein Informations- und Serviceangebot",
        "für ehrenamtlich Engagierte",
        "gesetzlicher Vorgaben - im Rahmen der Wahrnehmung ihrer fachlichen Aufgaben",
        "von 10 %-Anteilen einer Stelle bis zu 3 Stellen)",
        # Names in a table no general word list holds.
        "Kreis Siegen-Wittgenstein Kreis Viersen",
        "Bottrop Kreis Paderborn",
        "Mühlheim Kreis Höxter",
        "Remscheid",
        "Duisburg",
        # Words that stand apart stay apart.
        "Dazu gehörten u. a. Maßnahmen",
    ],
)
def test_the_ocr_document_holds_the_repaired_words(expected: str) -> None:
    assert expected in repaired_corpus()


@pytest.mark.parametrize(
    "broken",
    [
        "Migrat ions",
        "Moscheevere ine",
        "Be da rfe",
        "Integrat i",
        "Wohi fahr",
        "Ve re i",
        "-Wi t",
        "Informat ions",
        "ehrenamt l ich",
        "gesetz l icher",
    ],
)
def test_the_ocr_document_keeps_none_of_the_named_leftovers(broken: str) -> None:
    assert broken not in repaired_corpus()


# --- The mechanisms, on small examples -------------------------------------------------------


def test_a_compound_of_known_words_is_rebuilt() -> None:
    raw = "die Integrat ionsber ichte und Be ratungsd ienste der Kre ise \n"
    assert repaired(raw) == "die Integrationsberichte und Beratungsdienste der Kreise\n"


def test_two_words_that_are_words_alone_are_no_compound() -> None:
    # "gestaltet" and "werden" are words: "gestaltetwerden" is no compound to rebuild.
    raw = "dort muss es gestal tet werden und Vere ine hel fen \n"
    assert repaired(raw) == "dort muss es gestaltet werden und Vereine helfen\n"


def test_a_word_continues_after_a_line_end_only_when_joined_it_is_a_word() -> None:
    raw = "die Kre ise und Vere ine \nbera ten die Kommunen \n"
    assert repaired(raw) == "die Kreise und Vereine\nberaten die Kommunen\n"


def test_clean_text_is_not_joined_across_lines() -> None:
    raw = "Angebote sind bekannt zu \nmachen und in allen Kommunen \nzu finden. \n"
    assert repaired(raw) == raw.replace(" \n", "\n")


def test_a_single_letter_inside_a_name_joins_its_neighbours() -> None:
    raw = "Bot t rop Kre is Paderborn \n"
    assert repaired(raw) == "Bottrop Kreis Paderborn\n"


def test_lone_fragments_beside_spaced_lines_are_joined() -> None:
    raw = "Wupper ta l \nRemsche id \nDo r tmund \n"
    assert repaired(raw) == "Wuppertal\nRemscheid\nDortmund\n"


def test_bullets_and_abbreviations_stay_apart() -> None:
    raw = "o kul tursensible Al tenhi l fe, \nz .B. türk ische Vere ine u. v. m. \n"
    assert repaired(raw) == "o kultursensible Altenhilfe,\nz .B. türkische Vereine u. v. m.\n"


@pytest.mark.parametrize("name", CLEAN_FILES)
def test_clean_files_with_general_words_change_only_in_spaces_and_hyphens(name: str) -> None:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    expected = re.sub(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[a-zäöüß])", "", raw).split()
    assert repair_text(raw, german_words()).split() == expected


def test_a_web_address_is_no_word_to_rebuild() -> None:
    """It stays as printed; its closed-up reading follows in brackets, the OCR's q before no
    u read as g, so that "Integrationsportal" finds it and a member can use the address."""
    raw = (
        "Unter www. inteQrat ionspor ta l - rhein-s ieq-kre is .de bietet der Kre is Serv ice an \n"
    )
    assert repaired(raw) == (
        "Unter www. inteQrat ionspor ta l - rhein-s ieq-kre is .de "
        "[www.integrationsportal-rhein-sieg-kreis.de] bietet der Kreis Service an\n"
    )


def test_a_web_address_written_whole_gets_no_brackets() -> None:
    raw = "Unter www.integrationsportal.de bietet der Kre is Serv ice an \n"
    assert repaired(raw) == "Unter www.integrationsportal.de bietet der Kreis Service an\n"


# --- Answers from the repaired document ------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Unter welcher Internetadresse bietet der Rhein-Sieg-Kreis sein Integrationsportal an?",
        "Welche Internetadresse hat das Integrationsportal des Kreises?",
    ],
)
def test_a_question_for_a_web_address_is_answered_with_one(
    kb: KnowledgeBase, question: str
) -> None:
    # Repaired, "Das Serviceportal …" names the portal too, but holds no address.
    answer = kb.ask(question)
    assert answer.answered
    assert "www." in answer.hits[0].text


def test_a_lone_letter_between_pieces_is_no_word_to_keep_apart() -> None:
    assert repaired("die Fachstel le berät ehrenamt l ich Tät ige \n") == (
        "die Fachstelle berät ehrenamtlich Tätige\n"
    )


def test_a_lone_letter_alone_makes_a_line_letter_spaced() -> None:
    assert repaired("nach den gesetz l ichen Vorgaben des Landes \n") == (
        "nach den gesetzlichen Vorgaben des Landes\n"
    )


def test_a_lone_letter_that_joins_nothing_stays() -> None:
    assert repaired("Anlage 3 Punkt b nennt die Kosten \n") == "Anlage 3 Punkt b nennt die Kosten\n"


def test_a_first_part_before_a_hyphen_may_end_in_a_linking_s() -> None:
    raw = "der Kre is bietet ein Informat ions- und Serv iceangebot für Vere ine an \n"
    assert repaired(raw) == "der Kreis bietet ein Informations- und Serviceangebot für Vereine an\n"
