"""Colloquial, phone-typed and English questions reach the words council documents use:
paraphrase data (knowledge/data/paraphrases_de.toml), fillers as stopwords, light verbs that
weigh less, separable verbs joined, and the English glossary of committee and integration work."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from knowledge.analyze import (
    english_glossary,
    light_verbs,
    paraphrases,
    stem,
    stopwords,
    synonyms,
    word_terms,
)
from knowledge.base import KnowledgeBase
from knowledge.search import PARAPHRASE_WEIGHT, VERB_NOUN_WEIGHT, Token, _importance


def _data(name: str) -> str:
    return resources.files("knowledge").joinpath("data", name).read_text(encoding="utf-8")


def _alternatives(kb: KnowledgeBase, question: str, label: str) -> dict[str, float]:
    query = kb.analyse(question)
    concept = next(c for c in query.concepts if c.label == label)
    return dict(concept.alternatives)


# --- the data loads and keeps its documented format ---


def test_paraphrase_data_has_its_documented_format() -> None:
    data = tomllib.loads(_data("paraphrases_de.toml"))
    assert set(data) == {"words", "light_verbs", "frame_words", "instances", "named_categories"}
    named = data["named_categories"]["words"]  # one noun each, as written
    assert named
    assert all(isinstance(v, str) and v.strip() and " " not in v for v in named)
    for key, values in data["instances"].items():  # a closed set of names per category
        assert key == key.lower(), key
        assert " " not in key, key
        assert values, key
        assert all(isinstance(v, str) and v.strip() for v in values), key
    for key, values in data["words"].items():
        assert key == key.lower(), key
        assert " " not in key, key
        assert values, key
        assert all(isinstance(v, str) and v.strip() for v in values), key
        assert key not in {v.lower() for v in values}, key  # no word paraphrases itself
    assert all(v == v.lower() and " " not in v for v in data["light_verbs"]["forms"])
    frames = data["frame_words"]["forms"]
    assert frames
    assert all(v == v.lower() and " " not in v for v in frames)
    assert not set(frames) & set(data["light_verbs"]["forms"])  # one weight per word


def test_paraphrases_load_by_stem() -> None:
    table = paraphrases()
    assert "ausgezeichnet" in table[stem("gewonnen")]
    assert table[stem("leute")] == table[stem("leuten")]  # any inflected form
    assert table[stem("schwaenzen")] == table[stem("schwänzen")]  # typed without umlauts
    assert "Leitung" in table[stem("chef")]


def test_paraphrases_are_one_directional() -> None:
    """The document word does not send back to the colloquial one."""
    table = paraphrases()
    assert stem("ausgezeichnet") not in table
    assert stem("preisgeld") not in table


def test_light_verbs_load() -> None:
    verbs = light_verbs()
    assert {"kommt", "gibt", "macht", "passiert", "läuft", "lief", "steht"} <= verbs
    assert "leitet" not in verbs  # a verb with a topic of its own


def test_committee_synonyms_are_symmetric_groups() -> None:
    for a, b in [
        ("Niederschrift", "Protokoll"),
        ("Ausschuss", "Gremium"),
        ("ausgezeichnet", "Preisträger"),
        ("Zielgruppe", "Adressaten"),
    ]:
        assert word_terms(b)[0] in synonyms()[word_terms(a)[0]], (a, b)
        assert word_terms(a)[0] in synonyms()[word_terms(b)[0]], (a, b)


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("charge", "Leitung"),
        ("achieve", "Ziel"),
        ("pay", "Zuschuss"),
        ("truancy", "Schulabsentismus"),
        ("exhibition", "Ausstellung"),
        ("expire", "befristet"),
        ("government", "Landesregierung"),
        ("forced", "Zwangsverheiratung"),
        ("minutes", "Niederschrift"),
        ("tolerated", "Geduldete"),
        ("applied", "beworben"),
        ("institutions", "Einrichtungen"),
        ("opening", "Öffnung"),
        ("approval", "Genehmigung"),
        ("module", "Baustein"),
        ("meeting", "Tagung"),
        ("mr", "Herr"),
        ("back", "zurückgezahlt"),
        ("money", "Preisgeld"),
        ("website", "Homepage"),
    ],
)
def test_english_glossary_has_committee_and_integration_words(english: str, german: str) -> None:
    assert german in english_glossary()[english]


# --- fillers and light verbs ---


@pytest.mark.parametrize(
    "filler",
    ["nen", "ne", "gibts", "is", "nich", "halt", "mal", "eigentlich", "they", "supposed"],
)
def test_colloquial_fillers_are_stopwords(filler: str) -> None:
    assert filler in stopwords()


def test_fillers_are_no_topic(kb: KnowledgeBase) -> None:
    labels = {
        c.label for c in kb.analyse("gibts in jeder kommune nen integrationsbeauftragten").concepts
    }
    assert labels == {"kommune", "integrationsbeauftragten"}
    labels = {c.label for c in kb.analyse("what is kim supposed to achieve").concepts}
    assert "supposed" not in labels


def test_light_verbs_weigh_less_than_nouns_in_any_question() -> None:
    for cased in (True, False):
        noun = _importance(Token("Minister", 8, "word"), first=False, cased=cased)
        typed = _importance(Token("minister", 8, "word"), first=False, cased=cased)
        verb = _importance(Token("kommt", 17, "word"), first=False, cased=cased)
        assert verb <= 0.5 * noun
        assert verb < typed
    first = _importance(Token("bringt", 0, "word"), first=True, cased=False)
    assert first <= 0.5 * _importance(Token("kommunen", 20, "word"), first=False, cased=False)


def test_light_verb_concept_weighs_less(kb: KnowledgeBase) -> None:
    concepts = {c.label: c for c in kb.analyse("welcher minister kommt zum wertedialog").concepts}
    assert concepts["kommt"].importance < 0.5 * concepts["wertedialog"].importance


# --- colloquial words reach the document words ---


@pytest.mark.parametrize(
    ("question", "label", "document_word"),
    [
        ("welche projekte haben den integrationspreis gewonnen", "gewonnen", "ausgezeichnet"),
        ("wie viel kohle gibts beim integrationspreis", "kohle", "Preisgeld"),
        ("wer is der chef vom ki", "chef", "Leitung"),
        ("fuer wen ist kim eigentlich gedacht", "gedacht", "Zielgruppe"),
        ("wann hat der kreis die fachstelle aufgemacht", "aufgemacht", "eingerichtet"),
    ],
)
def test_colloquial_words_reach_document_words(
    kb: KnowledgeBase, question: str, label: str, document_word: str
) -> None:
    alternatives = _alternatives(kb, question, label)
    term = word_terms(document_word)[0]
    assert alternatives.get(term) == PARAPHRASE_WEIGHT
    assert PARAPHRASE_WEIGHT < 1.0


def test_a_compound_with_a_colloquial_head_reaches_the_official_compound(
    kb: KnowledgeBase,
) -> None:
    """Schul|schwänzen -> Schul|absentismus."""
    alternatives = _alternatives(kb, "schulschwaenzen veranstaltung wann", "schulschwaenzen")
    assert word_terms("Schulabsentismus")[0] in alternatives


def test_separable_verbs_are_joined(kb: KnowledgeBase) -> None:
    """ "laufen ... aus" is "auslaufen" (contracts expire: befristet), not "laufen"; documents
    write its strong forms ("zum Jahresende ausliefen")."""
    query = kb.analyse("wann laufen die arbeitsverträge aus")
    concept = next(c for c in query.concepts if c.label == "laufen")
    assert word_terms("befristet")[0] in concept.alternatives
    assert concept.alternatives[stem("ausliefen")] > concept.alternatives.get(stem("laufen"), 0)
    assert "aus" not in {c.label for c in query.concepts}


def test_a_particle_that_is_no_stopword_joins_its_verb(kb: KnowledgeBase) -> None:
    query = kb.analyse("wie viele kommunen nehmen teil")
    assert "teil" not in {c.label for c in query.concepts}
    concept = next(c for c in query.concepts if c.label == "nehmen")
    assert concept.alternatives[stem("teilnehmen")] == 1.0


def test_a_participle_finds_its_noun(kb: KnowledgeBase) -> None:
    """ "gefördert" finds "Förderung" (and "Förderprogramm"), a bit below the word itself."""
    alternatives = _alternatives(kb, "bis wann wird kim gefoerdert", "gefoerdert")
    assert alternatives[word_terms("Förderung")[0]] == VERB_NOUN_WEIGHT < 1.0


def test_a_finite_verb_finds_its_infinitive_but_no_noun(kb: KnowledgeBase) -> None:
    """ "plant" meets "geplant" (planen); "sitzt" must not become "Sitzung"."""
    assert stem("planen") in _alternatives(kb, "mit wem plant das ki was zu frauen", "plant")
    assert "sitzung" not in _alternatives(kb, "Wer sitzt in der Lenkungsgruppe?", "sitzt")


def test_english_questions_translate_words_the_documents_also_use(kb: KnowledgeBase) -> None:
    """ "City" stands in a document (a name), yet in an English question it means "Stadt"."""
    question = "Why does the city of Troisdorf receive KIM elements from the state government?"
    assert word_terms("Stadt")[0] in _alternatives(kb, question, "city")
    german = kb.analyse("Was ist die Ruhrfeld City?")
    assert (
        word_terms("Stadt")[0]
        not in next(c for c in german.concepts if c.label == "city").alternatives
    )


def test_unknown_english_participles_weigh_little(kb: KnowledgeBase) -> None:
    """An English verb form the documents cannot hold ("considered") does not sink an answer
    as an unknown noun would."""
    concepts = {
        c.label: c.importance
        for c in kb.analyse("Why was it considered important to signal appreciation?").concepts
    }
    assert concepts["considered"] < 0.6 * concepts["signal"]


# --- answers end to end ---


@pytest.mark.parametrize(
    ("question", "document", "expected"),
    [
        (
            "welche projekte haben den integrationspreis gewonnen",
            "2019-ki-sachstand-gemeinsam-klappts.txt",
            "ausgezeichnet",
        ),
        ("who is in charge of the KI?", "2019-ki-sachstand-gemeinsam-klappts.txt", "leiterin"),
        ("wann laufen die arbeitsverträge aus", "2022-kim-personal-und-konzept.txt", "befristet"),
    ],
)
def test_issue_examples_are_answered(
    kb: KnowledgeBase, question: str, document: str, expected: str
) -> None:
    answer = kb.ask(question)
    assert answer.answered, question
    assert answer.hits[0].source.name == document
    assert expected in answer.hits[0].text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "wer hat den integrationspreis 2021 gewonnen",
        "was verdient ein case manager im monat",
        "wie viel geld kriegt der kreis fuers kim 2022",
        "how many refugees live in troisdorf",
    ],
)
def test_paraphrases_do_not_answer_what_the_documents_do_not_hold(
    kb: KnowledgeBase, question: str
) -> None:
    assert not kb.ask(question).answered
