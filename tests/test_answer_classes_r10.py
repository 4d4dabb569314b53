"""Classes of misses found in round 10 of issue 10 (holdout21 and the misses that recur
across the earlier sets)."""

from __future__ import annotations

from pathlib import Path

from tests.test_answer_classes_r4 import _doc_kb


def test_a_process_told_in_two_long_sentences_is_answered_with_both(tmp_path: Path) -> None:
    # Two sentences longer together than an answer; the second goes on with the first
    # ("Im weiteren Verlauf …") and names where the route ends. The pair is trimmed around
    # the question's words instead of left out.
    first = (
        "Auf die Nachfrage aus dem Ausschuss, inwieweit die Beraterinnen und Berater der "
        "Fachstelle in die Abläufe der Verwaltung und der beteiligten freien Träger "
        "eingebunden werden, erklärte sie, dass Mängel in der Wohnraumberatung zunächst "
        "festgestellt und dann an die Koordinierungsstelle Wohnen weitergegeben werden."
    )
    second = (
        "Im weiteren Verlauf würde die Angelegenheit über die Planungsstellen an den "
        "Steuerkreis weitergeleitet werden; dieser prüfe dann, ob es sich um ein örtliches "
        "oder ein kreisweites Problem handele, und verweise die Sache an die passende "
        "Arbeitsgruppe der Städte und Gemeinden des Kreises."
    )
    assert len(first) + len(second) > 560
    kb = _doc_kb(tmp_path, 2021, f"{first} {second}")
    answer = kb.ask("Wie gelangen Mängel aus der Wohnraumberatung bis zum Steuerkreis?")
    assert answer.answered
    text = answer.hits[0].text
    assert "Koordinierungsstelle Wohnen" in text
    assert "Planungsstellen" in text
    assert len(text) <= 560
