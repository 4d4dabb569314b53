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
