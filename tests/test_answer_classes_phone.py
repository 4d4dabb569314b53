"""Classes of misses on phone-style and carefully worded questions (issue 10), each shown on a
small corpus of its own: the words of a document's title hold for its every sentence, a date
is no amount, a reason that the next sentence gives, a question for whom something is meant."""

from __future__ import annotations

from pathlib import Path

from knowledge.answer import _evidence
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db


def build(tmp_path: Path, files: dict[str, str]) -> KnowledgeBase:
    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [folder])
    return KnowledgeBase(db)


FILLER = (
    "Die Sitzung begann pünktlich. Die Tagesordnung wurde genehmigt. "
    "Der Ausschuss dankte der Verwaltung für die Vorbereitung. "
)

# Forty different sentences, so that words of one or two passages are rare (and weigh more).
MANY = "\n\n".join(f"Punkt {i}: Bericht Nummer {i} wurde zur Kenntnis genommen." for i in range(40))


def test_the_programme_in_the_title_holds_for_sentences_that_leave_it_out(
    tmp_path: Path,
) -> None:
    """Minutes titled "JMD: …" are about the JMD in every sentence: a question naming the
    JMD is answered by a sentence that does not repeat it."""
    kb = build(
        tmp_path,
        {
            "jmd.md": "# JMD: Personal und Finanzierung\n\n"
            + FILLER
            + "Die Verträge der Beratungskräfte sind befristet und enden im Juni.\n\n"
            + FILLER,
            "andere.md": "# Sprachkurse der Volkshochschule\n\n"
            + "Der JMD berät junge Zugewanderte in Siegburg.\n\n"
            + FILLER,
            "protokoll.md": "# Niederschrift\n\n" + MANY,
        },
    )
    answer = kb.ask("Sind die Verträge beim JMD befristet?")
    assert answer.answered
    assert "befristet" in answer.hits[0].text
    assert answer.confidence != "low"  # the sentence itself holds two of the three words


def test_dates_years_and_numbered_parts_are_no_amount() -> None:
    assert _evidence("quantity", "Der Förderzeitraum endete am 31.12.2020.") == 0.0
    assert _evidence("quantity", "Das Projekt ist bis 2022 ausgelegt.") == 0.0
    assert _evidence("quantity", "Die Mittel des Moduls 2 flossen zurück (Stand 10/2013).") == 0.0
    assert _evidence("quantity", "Der Kreis erhält 170.000 Euro.") == 1.0
    assert _evidence("quantity", "Bis 2022 sind 11 Stellen vorgesehen.") == 1.0
    assert _evidence("quantity", "Es gibt 2022 Plätze.") == 0.0  # a year-like count is rare
    assert _evidence("time", "Das Projekt ist bis 2022 ausgelegt.") == 1.0


def test_an_amount_question_is_not_answered_by_dates(tmp_path: Path) -> None:
    kb = build(
        tmp_path,
        {
            "foerderung.md": "# Förderung des Jugendmigrationsdienstes\n\n"
            + FILLER
            + "Der Förderzeitraum des Jugendmigrationsdienstes begann am 01.07.2020 und "
            "endete am 31.12.2021.\n\n" + FILLER,
        },
    )
    answer = kb.ask("wie viel geld kriegt der jugendmigrationsdienst 2021")
    assert not answer.answered or answer.confidence == "low"


def test_an_explanation_without_weil_in_the_next_sentence_answers_why(tmp_path: Path) -> None:
    """The claim stands in one sentence, the explanation in the next ("Dies bezieht sich auf
    …"), with no "weil": both together answer the why-question."""
    kb = build(
        tmp_path,
        {
            "antrag.md": "# Antrag\n\n"
            + FILLER
            + "Die Bürgermeister sind der Auffassung, dass das Sprachkonzept des Kreises "
            "konkretisiert werden muss. Dies bezieht sich insbesondere auf die fehlende "
            "Abstimmung mit den Volkshochschulen der Gemeinden.\n\n" + FILLER,
            "protokoll.md": "# Niederschrift\n\n" + MANY,
        },
    )
    answer = kb.ask(
        "Warum halten die Bürgermeister eine Konkretisierung des Sprachkonzepts für nötig?"
    )
    assert answer.answered
    assert "fehlende Abstimmung" in answer.hits[0].text
    assert "konkretisiert" in answer.hits[0].text


def test_an_ierung_noun_finds_its_verb(kb: KnowledgeBase) -> None:
    concepts = kb.analyse("Wann war die Konkretisierung des Konzepts?").concepts
    found = next(c for c in concepts if c.label == "konkretisierung")
    assert "konkretisiert" in found.alternatives


def test_an_explanation_is_weak_evidence_of_a_reason() -> None:
    assert _evidence("reason", "Dies bezieht sich insbesondere auf die Feststellung.") == 0.5
    assert _evidence("reason", "Vor dem Hintergrund der Lage wurde verschoben.") == 0.5
    assert _evidence("reason", "Dies bedeute allerdings nicht, dass man dagegen sei.") == 0.0


def test_for_whom_is_answered_by_the_people_it_is_meant_for(tmp_path: Path) -> None:
    """ "Für wen ist X gedacht": a target group, not the town or office that runs X."""
    kb = build(
        tmp_path,
        {
            "sprachcafe.md": "# Sprachcafé\n\n"
            + FILLER
            + "Für das Sprachcafé seien bei der Stadt Hennef zwei Stellen vorgesehen.\n\n"
            + FILLER
            + "Das Sprachcafé habe junge Geflüchtete zur Zielgruppe.\n\n"
            + FILLER,
            "protokoll.md": "# Niederschrift\n\n" + MANY,
        },
    )
    for question in (
        "fuer wen ist das sprachcafe eigentlich gedacht",
        "Für wen ist das Sprachcafé?",
    ):
        answer = kb.ask(question)
        assert answer.answered, question
        assert "Zielgruppe" in answer.hits[0].text, question


def test_insgesamt_finds_a_total_written_as_a_compound(kb: KnowledgeBase) -> None:
    """ "was kostet … insgesamt" finds the row "Gesamtkosten …" of a cost table."""
    concepts = kb.analyse("was kostet das insgesamt").concepts
    total = next(c for c in concepts if c.label == "insgesamt")
    assert "gesamt" in total.alternatives
    answer = kb.ask("was kostet ein kiz im jahr insgesamt")
    assert answer.answered
    assert "Gesamtkosten" in answer.hits[0].text
