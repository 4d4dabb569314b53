"""Classes of misses found in round 26 of issue 10:
- "welche Kreise haben ein KIZ" is answered by the count that names them one by one, also
  when words stand between the number and the counted noun ("4 mit dem Kreis vergleichbare
  Kreise (Gütersloh, Lippe, Mettmann, Soest)"), not by a subject line that only names the
  thing asked about;
- "wann wird X das nächste Mal verliehen" is not answered by "von dem am 04.07.2019
  verliehenen X": a date a past participle marks as done lies behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import _doc_kb

_SUBJECT_AND_COUNT = (
    "Betreff: Einrichtung eines Kommunalen Sprachcafés -KSC- im Rhein-Sieg-Kreis; Antrag der "
    "Fraktion vom 01. Juli 2013. "
    "Der Ausschuss begrüßt die Einrichtung eines KSC im Rhein-Sieg-Kreis. "
    "Die Fachstelle des Kreises berät seit Jahren die Vereine und Initiativen vor Ort. "
    "Der Kreis fördert die Sprachkurse der Volkshochschule. "
    "Im Kreis gibt es viele Initiativen. Der Kreis trägt die Kosten der Beratung. "
    "3 mit dem Rhein-Sieg-Kreis vergleichbare Kreise (Gütersloh, Lippe, Soest) sind seit "
    "Dezember 2012 Träger eines Kommunalen Sprachcafés."
)


@pytest.mark.parametrize(
    "question",
    ["welche kreise haben schon ein ksc", "Welche Kreise sind bereits Träger eines KSC?"],
)
def test_a_count_that_names_its_members_answers_which(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2013, _SUBJECT_AND_COUNT)
    assert "Gütersloh, Lippe, Soest" in top(kb, question)


_PAST_AND_NEXT = (
    "Als Nächstes berichtete Dezernent Schmitz von dem am 04.07.2019 verliehenen Ehrenamtspreis "
    "des Kreises, der in drei Kategorien verliehen wurde. "
    "Die Verwaltung prüft derzeit die Anträge der Vereine. "
    "Weitere Termine seien die Ehrenamtspreisverleihung am 16.06.2020 und die "
    "Jahresabschlussfeier am 02.12.2020."
)


@pytest.mark.parametrize(
    "question",
    [
        "wann wird der ehrenamtspreis das nächste mal verliehen",
        "when is the next ehrenamtspreis",
    ],
)
def test_a_date_marked_as_done_does_not_answer_next(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2019, _PAST_AND_NEXT)
    assert "16.06.2020" in top(kb, question)
