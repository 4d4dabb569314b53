"""The glossary shows long forms in their base form (issue 10): "KI – Kommunales
Integrationszentrum", not the genitive the definition happened to stand in."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.glossary import base_form, find_abbreviations


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        # Genitive and dative of neuter and masculine nouns, with their adjectives.
        ("Kommunalen Integrationszentrums", "Kommunales Integrationszentrum"),
        ("Kommunalen Integrationszentrum", "Kommunales Integrationszentrum"),
        ("Kommunale Integrationszentrum", "Kommunales Integrationszentrum"),
        ("Kommunale Integrationsmanagement", "Kommunales Integrationsmanagement"),
        ("Kommunalen Integrationsmanagements", "Kommunales Integrationsmanagement"),
        ("Kommunalen Integrationsrates", "Kommunaler Integrationsrat"),
        ("Kommunalen Integrationsrat", "Kommunaler Integrationsrat"),
        ("Örtlichen Arbeitskreises", "Örtlicher Arbeitskreis"),
        ("Sozialen Dienstes", "Sozialer Dienst"),
        ("Psychologischen Beratungsdienstes", "Psychologischer Beratungsdienst"),
        ("Landesweiten Integrationsprogramms", "Landesweites Integrationsprogramm"),
        # Feminine nouns keep their form; their adjectives end in -e.
        (
            "Regionalen Arbeitsstelle zur Förderung von Kindern und Jugendlichen",
            "Regionale Arbeitsstelle zur Förderung von Kindern und Jugendlichen",
        ),
        ("Landesweiten Koordinierungsstelle", "Landesweite Koordinierungsstelle"),
        ("Unteren Schulaufsichtsbehörde", "Untere Schulaufsichtsbehörde"),
        # What follows the head (a genitive, a prepositional phrase) stays as it is.
        (
            "Landeskoordinierungsstelle der Kommunalen Integrationszentren",
            "Landeskoordinierungsstelle der Kommunalen Integrationszentren",
        ),
        (
            "Ministeriums für Arbeit, Integration und Soziales",
            "Ministerium für Arbeit, Integration und Soziales",
        ),
        # Base forms and what cannot be told stay.
        ("Kommunales Integrationszentrum", "Kommunales Integrationszentrum"),
        ("Teilhabe- und Integrationsgesetz", "Teilhabe- und Integrationsgesetz"),
        ("Kommunalen Integrationszentren", "Kommunalen Integrationszentren"),
        ("Nordrhein-Westfalen", "Nordrhein-Westfalen"),
        ("Sozialgesetzbuch", "Sozialgesetzbuch"),
    ],
)
def test_base_form(inflected: str, base: str) -> None:
    assert base_form(inflected) == base


def test_abbreviations_carry_their_base_form() -> None:
    text = (
        "die Leitung des Kommunalen Integrationszentrums (nachfolgend: KI), das Kommunale "
        "Integrationsmanagement (nachfolgend: KIM) und die Regionalen Arbeitsstelle (RAA)."
    )
    found = {a.abbr: (a.expansion, a.base) for a in find_abbreviations(text)}
    assert found["KI"] == ("Kommunalen Integrationszentrums", "Kommunales Integrationszentrum")
    assert found["KIM"] == ("Kommunale Integrationsmanagement", "Kommunales Integrationsmanagement")


def test_the_glossary_of_the_corpus_shows_base_forms(kb: KnowledgeBase) -> None:
    entries = {e.abbr: e for e in kb.glossary()}
    assert entries["KI"].expansion == "Kommunales Integrationszentrum"
    assert entries["KIZ"].expansion == "Kommunales Integrationszentrum"
    assert entries["KIM"].expansion == "Kommunales Integrationsmanagement"
    assert entries["RAA"].expansion.startswith("Regionale Arbeitsstelle zur Förderung")
    assert entries["LaKI"].expansion == (
        "Landeskoordinierungsstelle der Kommunalen Integrationszentren"
    )
    # The built-in list is unchanged, and where a definition stands is kept.
    assert entries["KTM"].expansion == "Kreistagsmitglied"
    assert entries["KTM"].document is None
    assert entries["KI"].document is not None
