"""Splitting repaired text into passages that pin a fact."""

from __future__ import annotations

from knowledge.glossary import find_abbreviations
from knowledge.passages import split_passages


def texts(raw: str) -> list[str]:
    return [p.text for p in split_passages(raw)]


def test_double_spaced_lines_join_into_sentences() -> None:
    raw = (
        "Nach Aufruf des Tagesordnungspunktes 7 meldete sich Abg. Peters zu\n\n"
        "Wort und fragte nach.\n\nDer Kreis antwortete sofort darauf."
    )
    assert texts(raw) == [
        "Nach Aufruf des Tagesordnungspunktes 7 meldete sich Abg. Peters zu Wort und fragte nach.",
        "Der Kreis antwortete sofort darauf.",
    ]


def test_abbreviations_and_ordinals_do_not_end_sentences() -> None:
    raw = (
        "Am 29. bzw. 30.04.2020 findet sie statt, z. B. mit dem Caritasverband e. V. "
        "und Herrn Dr. Stamp. Danach folgt mehr."
    )
    assert len(texts(raw)) == 2


def test_ocr_spaced_abbreviation_does_not_end_a_sentence() -> None:
    # OCR of a scan: "z .B ." with stray spaces; the example after it belongs to the sentence.
    raw = (
        "Dazu gehörten Maßnahmen zur Gesundheitsförderung, Auss te l lungen, z .B . „anders? - "
        "coo l ! “, Lizenzübergabe für Übungsleiter. Zusätzlich betreiben weitere Fachbereiche."
    )
    first = texts(raw)[0]
    assert "z .B" in first
    assert "Lizenzübergabe" in first


def test_a_list_item_running_over_lines_is_not_ended_by_a_capital() -> None:
    # The item's second line ends in a first name; the surname opens the next line.
    raw = (
        "> Maßnahmenreihe gegen Zwangsheirat\n"
        "zusammen mit der Stadt Lohmar und dem Haus International wurde Anna\n"
        "Schulz als Referentin gewonnen;\n"
        "Zwangsheirat wurde auch mit der Stadt Much thematisiert\n"
        "- und der Stadt Hennef\n"
    )
    assert any("Anna Schulz als Referentin" in t for t in texts(raw))


def test_exclamation_inside_quotes_does_not_split() -> None:
    raw = "Kategorie 2: „Respekt! Zeit für Vielfalt“ wurde ausgezeichnet. Ende der Liste hier."
    assert texts(raw)[0].startswith("Kategorie 2: „Respekt! Zeit")


def test_sentence_broken_by_a_page_break_is_joined() -> None:
    raw = (
        "Sie erklärte beispielhaft, dass für regional festgestellte Knackpunkte eine örtliche"
        "\n\f\nProjektgruppe eingerichtet werden müsste."
    )
    assert texts(raw) == [
        "Sie erklärte beispielhaft, dass für regional festgestellte Knackpunkte eine örtliche "
        "Projektgruppe eingerichtet werden müsste."
    ]


def test_table_rows_stay_with_their_header() -> None:
    raw = (
        "\f\nKostenaufstellung 2013\n\nin derzeitiger Struktur mit KIZ\n\n"
        "Personalkosten 69.800 1 Stelle A 11 238.300\n"
        "Raumkosten 5.040 1 Büro 20.160 4 Büros\n"
        "Gesamtkosten 102.316 353.094\n"
    )
    passages = split_passages(raw)
    assert [p.kind for p in passages] == ["row", "row", "row"]
    assert all(
        p.text.startswith("Kostenaufstellung 2013 in derzeitiger Struktur mit KIZ | ")
        for p in passages
    )
    assert passages[0].lead == "Kostenaufstellung 2013 in derzeitiger Struktur mit KIZ"
    assert passages[2].text.endswith("Gesamtkosten 102.316 353.094")


def test_list_stays_with_its_lead_in() -> None:
    raw = (
        "Das Konzept soll eine Darstellung der Arbeit zu den Schwerpunkten\n\n"
        "• Integration durch Bildung und\n\n"
        "• Integration als kommunale Querschnittsaufgaben enthalten.\n"
    )
    (only,) = texts(raw)
    assert "Bildung" in only
    assert "Querschnittsaufgaben" in only
    assert only.startswith("Das Konzept")


def test_a_long_lead_in_loses_no_sentence() -> None:
    prose = " ".join(f"Satz {i} erzählt etwas über die Förderung im Land." for i in range(8))
    items = "\n".join(f"- Punkt {i} der Liste mit einigem Text dazu" for i in range(12))
    raw = f"{prose} Die Antragstellung erfolgt bei der Bezirksregierung Arnsberg mit\n{items}\n"
    passages = texts(raw)
    assert all(len(t) <= 480 for t in passages)
    for i in range(8):
        assert any(f"Satz {i} erzählt" in t for t in passages)
    lists = [t for t in passages if "- Punkt" in t]
    assert len(lists) > 1
    assert all(t.startswith("Die Antragstellung erfolgt bei der Bezirksregierung") for t in lists)
    assert all(any(f"Punkt {i} " in t for t in lists) for i in range(12))


def test_long_sentences_are_cut() -> None:
    raw = "Es gibt " + ", ".join(f"Punkt {i} mit etwas Text" for i in range(80)) + "."
    assert all(len(t) <= 480 for t in texts(raw))


def test_abbreviation_definitions_are_found() -> None:
    text = (
        "die stellvertretende Leitung des Kommunalen Integrationszentrums (nachfolgend: KI) "
        "sowie die Landeskoordinierungsstelle der Kommunalen Integrationszentren (LaKI) und das "
        "Kommunale Integrationszentrum -KIZ- im Kreis."
    )
    found = {a.abbr: a.expansion for a in find_abbreviations(text)}
    assert found == {
        "KI": "Kommunalen Integrationszentrums",
        "LaKI": "Landeskoordinierungsstelle der Kommunalen Integrationszentren",
        "KIZ": "Kommunale Integrationszentrum",
    }


def test_a_long_sentence_cut_at_a_comma_keeps_the_comma() -> None:
    """The answer that joins the pieces again reads as the document wrote it ("… dazu
    beizutragen, dass das KIZ …")."""
    first = "Der Ausschuss begrüßt die Position der Verwaltung " + "und der Kommunen " * 24
    raw = first + "und trägt dazu bei, dass das Zentrum einen spürbaren Mehrwert bedeutet."
    pieces = texts(raw)
    assert len(pieces) == 2
    assert pieces[0].endswith("dazu bei,")
    assert pieces[1] == "dass das Zentrum einen spürbaren Mehrwert bedeutet."
