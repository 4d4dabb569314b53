"""Classes of misses found in round 24 of issue 10: a "wer"-question answered by a sentence
that says "er" or "sie" shows who that is; "what's the funding period" asks for a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import _undated
from tests.test_answer_classes import top
from tests.test_answer_classes_r4 import FILLER, _doc_kb
from tests.test_paperfacts import _PAPER as PAPER_WITH_FIELDS

# Minutes name a speaker once and go on with "sie": the sentence that holds what was asked
# names nobody, the one before it names the speaker in a long sentence of its own.
_ASKED = (
    "Nach Aufruf des Tagesordnungspunktes 4 durch den Vorsitzenden meldete sich Abg. Weber zu "
    "Wort und äußerte, dass die Radstation am Bahnhof ein geeignetes Angebot für Pendlerinnen "
    "und Pendler aus dem ganzen Kreisgebiet darstelle und auch weiterhin mit Nachdruck "
    "ausgebaut werden solle, damit mehr Menschen vom Auto auf das Fahrrad umsteigen könnten. "
    "Sie hatte hierzu jedoch noch einige Nachfragen: Zunächst interessiere sie, wie hoch die "
    "Kosten für die Wartung der Fahrradboxen seien und ob in den Personalkosten für die "
    "Mitarbeitenden der Radstation auch Kosten für Schulungen berücksichtigt worden seien "
    "oder diese zusätzlich anfallen würden, und wann die Verträge der Betreiber ausliefen. "
    "Die Vorsitzende dankte für die Fragen."
)


@pytest.mark.parametrize(
    "question",
    ["wer hat nach den schulungen gefragt", "wer wollte wissen wann die verträge auslaufen"],
)
def test_who_asked_shows_the_speaker_named_before_a_pronoun(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _ASKED)
    text = top(kb, question)
    assert "Abg. Weber" in text
    assert "Schulungen" in text
    assert len(text) <= 560


def test_the_speaker_is_only_shown_to_who_questions(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _ASKED)
    text = top(kb, "welche nachfragen gab es zu den schulungen")
    assert "Schulungen" in text
    assert "Weber" not in text


def test_a_pronoun_far_from_any_name_gets_no_lead(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, f"Sie hatte Nachfragen zu den Schulungen der Radstation. {FILLER}")
    assert all("…" not in h.text for h in kb.ask("wer hat nach den schulungen gefragt").hits)


@pytest.mark.parametrize(
    "question",
    [
        "whats the funding period of the programme",
        "What is the deadline for applications?",
        "what was the date of the award ceremony",
    ],
)
def test_english_what_is_the_period_asks_for_a_time(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, "Der Förderzeitraum des Programms läuft bis 2025.")
    assert kb.analyse(question).qtype == "time"


# Who takes part in an event may be a body: "an dem … das Ministerium … beteiligt sein werde".
_DIALOGUE = (
    "Am 14.03.2023 finde außerdem ein sog. „Bürgerdialog“ statt, an dem in erster Linie das "
    "Ministerium für Verkehr beteiligt sein werde. Zielsetzung sei es hier, den Austausch zu "
    "fördern."
)


@pytest.mark.parametrize(
    "question",
    ["wer ist beim bürgerdialog dabei", "Wer ist am Bürgerdialog beteiligt?"],
)
def test_who_takes_part_is_answered_by_a_body(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _DIALOGUE)
    assert "Ministerium für Verkehr" in top(kb, question)
    assert kb.ask(question).confidence == "high"


def test_who_takes_part_still_needs_the_event(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _DIALOGUE)
    assert not kb.ask("wer ist beim sommerfest dabei").answered


# "Wer hat die Präsentation gemacht?" asks who spoke in the session: the reporter named in
# the minutes answers it, though "berichtete Dezernent X" answers no other "wer"-question.
_PRESENTED = (
    "Als Nächstes berichtete Dezernent Krüger unter Verwendung der beigefügten "
    "PowerPoint-Präsentation (Anlage 2) von dem am 04.07.2022 verliehenen Radpreis des Kreises. "
    "Am 12.05.2023 werde eine Fachtagung zur Radstation stattfinden."
)


@pytest.mark.parametrize(
    "question",
    ["wer hat die präsentation zum radpreis gemacht", "wer hielt den vortrag zum radpreis"],
)
def test_who_gave_the_presentation_is_who_reported(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _PRESENTED)
    assert "Dezernent Krüger" in top(kb, question)
    assert kb.ask(question).confidence in ("high", "medium")  # not "unsicher"


def test_who_gives_a_talk_at_an_event_ahead_is_not_the_reporter(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _PRESENTED)
    assert not kb.ask("Wer hält den Vortrag bei der Fachtagung zur Radstation?").answered


# A portal's web address is its name; "Webseite" and "Portal" are one thing; a time asked of
# the website is no address asked for.
_PORTAL = (
    "Unter www.radportal-musterkreis.de bietet der Kreis ein Informations- und Serviceangebot "
    "für Radfahrende an. In dem Portal sind Adressen von Werkstätten abrufbar."
)


@pytest.mark.parametrize(
    "question",
    [
        "wie heißt das radportal",
        "What is the name of the Radportal?",
        "wie heißt die webseite für radfahrende",
    ],
)
def test_a_web_address_names_the_portal(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _PORTAL)
    assert "www.radportal-musterkreis.de" in top(kb, question)


@pytest.mark.parametrize(
    "question", ["when did the radportal website go online?", "Seit wann ist die Webseite online?"]
)
def test_a_time_asked_of_a_website_is_no_address_asked(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _PORTAL)
    assert not kb.ask(question).answered


def test_what_is_the_name_of_a_role_still_asks_for_a_person(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _PORTAL)
    assert kb.analyse("what is the name of the mayor").qtype == "person"
    assert kb.analyse("whats the name of the project").qtype == "which"


# "mit wem": partners named by first and family name, without a title
def test_with_whom_finds_people_named_without_title(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2013,
        "> Podiumsdiskussionen z.B. „Erfolgreiche Radler“ mit Gisela Steinhauer und Fatih "
        "Cevikkollou\n> Radtouren für Familien",
    )
    assert "Gisela Steinhauer" in top(kb, "podiumsdiskussion mit wem")
    assert kb.ask("podiumsdiskussion mit wem").hits[0].evidence == 1.0  # names the partners


# "Wie viele Menschen wurden beraten?" asks a count of people advised: "ca. 200 Personen"
# in a sentence that says nothing of advice counts others, though the next sentence speaks
# of "Migrationsberatung"; "Förderbaustein 6" is a part's label, no count.
_COUNTED = (
    "Dieser befasse sich mit dem Fallmanagement für den Personenkreis der Geduldeten, der ca. "
    "200 Personen umfasse. Letztlich handele es sich bei dem Förderbaustein 6 um eine Ergänzung "
    "in Bezug auf die Migrationsberatung. Im Jahr 2021 seien 85 Personen beraten worden."
)


@pytest.mark.parametrize(
    "question", ["wie viele menschen wurden beraten", "Wie viele Personen sind beraten worden?"]
)
def test_a_count_must_say_the_state_asked_of_it(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _COUNTED)
    assert "85 Personen beraten" in top(kb, question)
    kb_without = _doc_kb(tmp_path / "b", 2022, _COUNTED.rsplit(" Im Jahr", 1)[0])
    assert not kb_without.ask(question).answered


def test_a_label_number_in_a_compound_counts_nothing() -> None:
    assert "6" not in _undated("bei dem Förderbaustein 6 um eine Ergänzung")
    assert "11" in _undated("von den vorgesehenen 11 Stellen")


def test_a_capitalised_noun_at_the_end_is_no_state_of_the_count(tmp_path: Path) -> None:
    # "… in den Gemeinden?" ends like a participle (ge…en); the count need not say it
    kb = _doc_kb(
        tmp_path,
        2022,
        "In allen Gemeinden gibt es Radbeauftragte. Die Stellenanteile der Radbeauftragten "
        "reichen von 10 %-Anteilen einer Stelle bis zu 2 Stellen.",
    )
    assert "2 Stellen" in top(kb, "Wie viele Stellen haben die Radbeauftragten in den Gemeinden?")


# "was macht X" asks what X does: the sentence where it steers, coordinates or serves as
# something, not one that only names it or says who sits in it; "macht" is no topic word.
_TASKS = (
    "Zur Besetzung führte Frau Lenz aus, dass in der Lenkungsgruppe das Tiefbauamt, die "
    "Polizei und fünf Vertretungen der Kommunen säßen. Die Lenkungsgruppe sei zudem im "
    "Jahresbericht erwähnt worden. Die drei Module seien eng verzahnt und würden von der "
    "Lenkungsgruppe auf Leitungsebene gesteuert. Der Bauhof werde bekannt machen, wann "
    "die Radwege gereinigt würden."
)


@pytest.mark.parametrize(
    "question",
    [
        "was macht die lenkungsgruppe",
        "was macht die lenkungsgrupe",
        "What does the steering group do?",
    ],
)
def test_what_does_it_do_is_answered_by_what_it_does(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _TASKS)
    assert "gesteuert" in top(kb, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is planned regarding women", "Frauenarbeit geplant"),
        ("who presented the radstation", "Präsentation"),
        ("what are the concerns about the contracts", "Arbeitsverträge"),
    ],
)
def test_english_words_of_minutes(tmp_path: Path, question: str, expected: str) -> None:
    kb = _doc_kb(
        tmp_path,
        2022,
        "Darüber hinaus sei mit der Gleichstellungsstelle ein Handlungsbereich in Bezug auf die "
        "Frauenarbeit geplant. Frau Lenz habe zur Radstation eine Präsentation vorbereitet. "
        "Es ergebe sich das Problem, dass die Arbeitsverträge befristet seien.",
    )
    assert expected in top(kb, question)


# "Welche Gefahr sehen die Bürgermeister, weil …": the sentences that restate the question's
# clause name no danger; the one after them does ("Dadurch sind … zu befürchten"). "in der
# Troisdorfer Vorlage" says where it stands, no topic.
_FEARS = (
    "Nach Sichtung des Radkonzepts des Kreises sind die Bürgermeisterin und die Bürgermeister "
    "einvernehmlich der Auffassung, dass das vorgelegte Radkonzept konkretisiert werden muss. "
    "Dies bezieht sich insbesondere auf die Feststellung, dass das vorgelegte Radkonzept nicht "
    "die bisher schon in den Städten und Gemeinden bestehenden Radwege berücksichtigt. "
    "Dadurch sind unnötige Doppelplanungen und somit auch eine Doppelfinanzierung zu "
    "befürchten. Die Stadt werde sich weiter beteiligen."
)


@pytest.mark.parametrize(
    "question",
    [
        "Welche Gefahr sehen die Bürgermeister, weil das vorgelegte Radkonzept die bestehenden "
        "Radwege der Städte und Gemeinden nicht berücksichtigt?",
        "Welche Bedenken äußerten die Bürgermeister in der Troisdorfer Vorlage gegenüber dem "
        "Radkonzept des Kreises?",
    ],
)
def test_an_abstract_thing_asked_is_named_by_the_answer(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2013, _FEARS)
    assert "Doppelfinanzierung" in top(kb, question)


# A strong participle behind a separable particle finds its verb's noun ("fortgeschrieben":
# "Fortschreibung"); a number typed glued to its part word ("modul1") names that part.
_PARTS = (
    "Der Radplan sei eine Fortschreibung des Verkehrskonzeptes aus 2016. Das Modul 1 befasse "
    "sich mit der Planung; hierfür seien 4,5 Stellen vorgesehen. Für das Modul 3 seien 1,5 "
    "Stellen vorgesehen."
)


def test_a_strong_participle_finds_the_noun_of_its_verb(tmp_path: Path) -> None:
    kb = _doc_kb(tmp_path, 2022, _PARTS)
    assert "aus 2016" in top(kb, "wann wurde das verkehrskonzept fortgeschrieben")


@pytest.mark.parametrize(
    ("question", "expected"), [("wieviel stellen für modul1", "4,5"), ("modul3 stellen", "1,5")]
)
def test_a_number_glued_to_its_part_word(tmp_path: Path, question: str, expected: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _PARTS)
    assert expected in top(kb, question)


@pytest.mark.parametrize("question", ["wer hat das team gelobt", "Who praised the team?"])
def test_praise_is_written_as_thanks(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(
        tmp_path,
        2022,
        "Herr Krüger stellte das Team der Radstation vor. Als Nächstes sprach KTM Weber dem "
        "gesamten Team der Radstation seinen Dank für die geleistete Arbeit aus. Die Sitzung "
        "wurde um 18 Uhr geschlossen.",
    )
    assert "KTM Weber" in top(kb, question)
    assert kb.ask(question).confidence == "high"  # praise found, not only the team


# "Welche Kooperationspartner nennt die Vorlage für die Beratung?": "nennt die Vorlage" says
# where it stands, and "Beratung" here is a service, not the paper's Beratungsfolge field.
_PAPER = (
    f"{PAPER_WITH_FIELDS}\nAls Kooperationspartner für die Beratung wurden insbesondere die "
    "Verkehrswacht, der ADFC und die Polizei einbezogen.\n"
)


@pytest.mark.parametrize(
    "question",
    [
        "Welche Kooperationspartner nennt die Vorlage für die Beratung?",
        "welche kooperationspartner für die beratung",
    ],
)
def test_a_service_is_no_field_of_the_paper(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2024, _PAPER)
    assert "12.03.2024" in top(kb, "welches datum hat die vorlage")  # the fields are there
    assert "Verkehrswacht" in top(kb, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What must the Radkonzept contain?", "Darstellung"),
        ("Who must approve the Radkonzept?", "Kreistag"),
    ],
)
def test_english_contain_and_approve(tmp_path: Path, question: str, expected: str) -> None:
    kb = _doc_kb(
        tmp_path,
        2013,
        "Voraussetzung ist, dass ein Radkonzept vorliegt, das vom Kreistag verabschiedet werden "
        "muss. Das Radkonzept soll eine Darstellung der Radwege enthalten.",
    )
    assert expected in top(kb, question)


# "dinstühler funktion", "welche rolle hat farshi": a name typed without its title is a person
# whose function is asked: the sentence that names her with it answers, not one that has
# the word "Funktion" about someone else.
_ROLES = (
    "Seit 1990 gibt es die Funktion eines vom Kreistag bestellten Radbeauftragten. Dezernent "
    "Krüger stellte die stellvertretende Leitung des Radamts, Frau Okonkwo, vor, die die "
    "Leiterin des Radamts, Frau Szczepanski, vertrete. Frau Szczepanski berichtete über die "
    "Radwege."
)


@pytest.mark.parametrize(
    "question",
    ["szczepanski funktion", "welche funktion hat szczepanski", "welche rolle hat okonkwo"],
)
def test_the_function_of_a_name_typed_without_title(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(tmp_path, 2022, _ROLES)
    assert "Leiterin des Radamts" in top(kb, question)


def test_vacant_posts_are_the_remaining_ones(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2021,
        "Von den vorgesehenen 11 Stellen konnten bislang 4 Stellen besetzt werden. Aktuell "
        "befinde sich das Amt in Abstimmung, um die verbleibenden 7 Stellen zu verteilen.",
    )
    assert "verbleibenden 7 Stellen" in top(kb, "wie viele stellen sind noch frei")


# "In welchem Jahr …", "in which year": a time asked for (the year), not an instance of "Jahr"
# named in the answer; a sentence without any year answers it no more.
@pytest.mark.parametrize(
    "question",
    [
        "In which year did the project RadFit, run with the Diakonie, take place?",
        "In welchem Jahr fand das Projekt RadFit statt?",
    ],
)
def test_which_year_is_not_answered_without_a_year(tmp_path: Path, question: str) -> None:
    kb = _doc_kb(
        tmp_path,
        2013,
        "Zusammen mit der Diakonie erfolgte das Projekt RadFit: Kinder lernen Rad fahren.",
    )
    assert kb.analyse(question).qtype == "time"
    assert not kb.ask(question).answered


def test_which_year_is_answered_by_the_year(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2022,
        "Das Radkonzept sei eine Fortschreibung des Verkehrskonzeptes aus 2016.",
    )
    assert "aus 2016" in top(kb, "From which year is the concept that the Radkonzept continues?")


def test_a_typo_ending_like_an_adjective_still_labels_its_number(tmp_path: Path) -> None:
    # "förderbaustien 6" is "Förderbaustein 6", a label, though the typo ends in "-en"
    kb = _doc_kb(
        tmp_path,
        2019,
        "Letztlich handele es sich bei dem Förderbaustein 6 um eine Ergänzung zum "
        "Fallmanagement. Zielgruppe seien die 18 bis 27-Jährigen jungen Erwachsenen.",
    )
    assert "27-Jährigen" in top(kb, "zielgruppe förderbaustien 6 wie alt")


def test_him_pleased_is_said_of_the_speaker_before(tmp_path: Path) -> None:
    kb = _doc_kb(
        tmp_path,
        2022,
        "KTM Weber schloss sich seinem Vorredner an. Ihn erfreue, dass zwischenzeitlich alle "
        "Stellen der Radstation besetzt werden konnten.",
    )
    text = top(kb, "wer freute sich dass alle stellen der radstation besetzt sind")
    assert "KTM Weber" in text
    assert "… Ihn" not in text  # the sentence right before, whole: no gap to mark


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("bis wann umwandlung der radstation??", "31.07.2013"),
        ("was stört die bürgermeister am radkonzept", "Doppelfinanzierung"),
        ("why radstation staff maybe leaving", "anderweitig"),
        ("when did the radgesetz start", "25.02.2012"),
    ],
)
def test_round_24_phone_words(tmp_path: Path, question: str, expected: str) -> None:
    kb = _doc_kb(
        tmp_path,
        2013,
        "Kreise mit einer Radstation mussten diese bis zum 31.07.2013 in Radzentren überführt "
        "haben. Die Bürgermeister sind der Auffassung, dass das Radkonzept konkretisiert werden "
        "muss. Dadurch sind Doppelstrukturen und eine Doppelfinanzierung zu befürchten. Es "
        "bestehe das Risiko, dass sich die Mitarbeiter der Radstation anderweitig orientierten. "
        "Das am 25.02.2012 in Kraft getretene Radgesetz sieht Radzentren vor.",
    )
    assert expected in top(kb, question)
