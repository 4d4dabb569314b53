"""The quality bar: questions about the demo corpus get the right top answer or a decline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from knowledge.answer import Answer
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db

DATA = Path(__file__).parent / "data"


def load(name: str) -> list[dict[str, Any]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def is_right(item: dict[str, Any], answer: Answer) -> bool:
    """Right top answer: listed document, expected words, at most 700 characters."""
    if item.get("unanswerable"):
        return not answer.answered
    if not answer.answered:
        return False
    top = answer.hits[0]
    text = " ".join(top.text.lower().split())
    return (
        top.source.name in item["documents"]
        and len(top.text) <= 700
        and any(all(word.lower() in text for word in group) for group in item["expect_any"])
    )


DEV = load("dev_questions.jsonl")


@pytest.mark.parametrize("item", DEV, ids=[i["question"] for i in DEV])
def test_dev_question(kb: KnowledgeBase, item: dict[str, Any]) -> None:
    answer = kb.ask(item["question"])
    shown = answer.hits[0].text if answer.hits else "(declined)"
    assert is_right(item, answer), shown


def bar(kb: KnowledgeBase, name: str, right: float, declined: float) -> None:
    """At least `right` of the answerable questions right, `declined` of the others declined."""
    items = load(name)
    answerable = [i for i in items if not i.get("unanswerable")]
    unanswerable = [i for i in items if i.get("unanswerable")]
    wrong = [i["question"] for i in answerable if not is_right(i, kb.ask(i["question"]))]
    answered = [i["question"] for i in unanswerable if not is_right(i, kb.ask(i["question"]))]
    assert len(wrong) <= len(answerable) * (1 - right), wrong
    assert len(answered) <= len(unanswerable) * (1 - declined), answered


def test_extra_questions_meet_the_bar(kb: KnowledgeBase) -> None:
    """A second, harder set; written apart from the code, but its failures guided tuning."""
    bar(kb, "extra_questions.jsonl", right=1.00, declined=1.00)


def test_holdout_questions_meet_the_bar(kb: KnowledgeBase) -> None:
    """A third set, written by someone who had not read the code or the other sets (first
    run: 23 of 34 right, 4 of 6 declined; its failures then showed general defects)."""
    bar(kb, "holdout_questions.jsonl", right=1.00, declined=1.00)


def test_careful_holdout2_meets_the_bar(kb: KnowledgeBase) -> None:
    """Carefully worded questions, written for issue 10 from the documents alone by someone
    who had read neither the code nor the other sets (first run: 23 of 36 right, 5 of 7
    declined; its failures then guided general fixes, so it is no longer clean)."""
    bar(kb, "holdout2_careful.jsonl", right=0.97, declined=1.00)


def test_phone_holdout2_meets_the_bar(kb: KnowledgeBase) -> None:
    """Questions typed as on a phone (lower case, colloquial, typos, some English), written
    like the careful set (first run: 12 of 34 right, 4 of 6 declined)."""
    bar(kb, "holdout2_phone.jsonl", right=0.91, declined=1.00)


def test_answers_are_short_and_cite_their_source(kb: KnowledgeBase) -> None:
    answer = kb.ask("Wie viele Case-Management-Stellen sind für den Rhein-Sieg-Kreis vorgesehen?")
    assert answer.answered
    assert answer.confidence in ("high", "medium", "low")
    for hit in answer.hits:
        assert len(hit.text) <= 600
        assert hit.source.title
        assert hit.source.year is not None


def test_newest_document_leads_and_says_so(tmp_path: Path) -> None:
    """Where two years say the same thing, the newer comes first and is marked "Stand"."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "alt.txt").write_text(
        "Die Lenkungsgruppe tagt viermal im Jahr im Kreishaus. Weitere Themen folgen.\n"
    )
    (folder / "neu.txt").write_text(
        "Die Lenkungsgruppe tagt sechsmal im Jahr im Kreishaus. Weitere Themen folgen.\n"
    )
    (folder / "corpus.json").write_text(
        json.dumps(
            {
                "documents": {
                    "alt.txt": {"title": "Alt", "year": 2021},
                    "neu.txt": {"title": "Neu", "year": 2022},
                }
            }
        )
    )
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [folder])
    answer = KnowledgeBase(db).ask("Wie oft tagt die Lenkungsgruppe?")
    assert answer.answered
    assert [h.source.name for h in answer.hits[:2]] == ["neu.txt", "alt.txt"]
    assert answer.as_of == 2022


def test_careful_holdout3_meets_the_bar(kb: KnowledgeBase) -> None:
    """A fresh careful set written after holdout2 (first run: 18 of 29 right, 6 of 7 declined);
    its failures guided the fixes for question frames, English committee words and years, so it
    is no longer clean (after them: 24 of 29, 7 of 7)."""
    bar(kb, "holdout3_careful.jsonl", right=0.89, declined=1.00)


def test_phone_holdout3_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout3 (first run: 19 of 30 right, 6 of 6 declined;
    after the fixes 27 of 30, 6 of 6)."""
    bar(kb, "holdout3_phone.jsonl", right=0.96, declined=1.00)


def test_typo_corrections_are_reported(kb: KnowledgeBase) -> None:
    answer = kb.ask("Wer organisiert die Siegelverleihnug 2020 mit?")
    assert ("Siegelverleihnug", "siegelverleihung") in answer.corrections
    assert answer.answered


def test_english_question_finds_german_text(kb: KnowledgeBase) -> None:
    answer = kb.ask("how many case management posts are filled")
    assert answer.answered
    assert answer.hits[0].source.name.startswith(("2021", "2022"))


def test_careful_holdout4_meets_the_bar(kb: KnowledgeBase) -> None:
    """A fresh careful set written after holdout3 (first run: 24 of 34 right, 5 of 7 declined);
    its failures guided the fixes for category nouns, typo alternatives, months and English
    compounds, so it is no longer clean (after them: 27 of 34, 5 of 7)."""
    bar(kb, "holdout4_careful.jsonl", right=0.94, declined=1.00)


def test_phone_holdout4_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout4 (first run: 20 of 34 right, 6 of 6 declined;
    after the fixes 25 of 34, 6 of 6)."""
    bar(kb, "holdout4_phone.jsonl", right=0.94, declined=1.00)


def test_careful_holdout5_meets_the_bar(kb: KnowledgeBase) -> None:
    """The last fresh careful set, written after three rounds of fixes and used only to
    measure them (24 of 34 right, 5 of 7 declined; before the rounds 23 of 34, 4 of 7): the
    honest estimate for questions nobody has tuned for. Nothing was fixed from it yet."""
    bar(kb, "holdout5_careful.jsonl", right=0.91, declined=1.00)


def test_phone_holdout5_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout5 (20 of 34 right, 6 of 6 declined; before the
    rounds 21 of 34, 6 of 6). Most misses are declines whose right passage is the top hit
    with coverage 0.52-0.62, where unanswerable questions lie too."""
    bar(kb, "holdout5_phone.jsonl", right=0.79, declined=1.00)


def test_careful_holdout6_meets_the_bar(kb: KnowledgeBase) -> None:
    """A fresh careful set written at the start of round 4 by someone who had read only the
    documents (first run: 18 of 32 right, 2 of 7 declined). Its misses guided round 4 (places,
    uncounted counts, outcomes an older document cannot know, English and German question
    words): 21 of 32, 3 of 7 after it."""
    bar(kb, "holdout6_careful.jsonl", right=0.9, declined=1.00)


def test_phone_holdout6_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout6 (first run: 22 of 32, 4 of 6; after round 4
    23 of 32, 5 of 6)."""
    bar(kb, "holdout6_phone.jsonl", right=0.93, declined=1.00)


def test_careful_holdout7_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written with holdout6 and kept sealed through the first half of round 4 (first run
    21 of 32, 5 of 7; at the half 22 of 32, 4 of 7); then it guided the money, glossary and
    question-word fixes: 25 of 32, 5 of 7."""
    bar(kb, "holdout7_careful.jsonl", right=0.9, declined=1.00)


def test_phone_holdout7_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout7 (first run 24 of 32, 1 of 6 declined: its
    unanswerable questions sit close to what the documents say; after round 4 25 of 32,
    3 of 6)."""
    bar(kb, "holdout7_phone.jsonl", right=0.96, declined=1.00)


def test_careful_holdout8_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written in the middle of round 4 and measured sealed (at the session's start 19 of 32
    right, 5 of 7 declined; sealed at the half 18 of 32, 5 of 7: the uncounted-count rule
    declined answerable counts worded differently); then it guided the fixes of the counted
    word, names, abbreviations and web addresses: 26 of 32, 5 of 7."""
    bar(kb, "holdout8_careful.jsonl", right=0.96, declined=1.00)


def test_phone_holdout8_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout8 (session start 21 of 32, 1 of 6; sealed at the
    half 23 of 32, 5 of 6; after it guided fixes 25 of 32, 5 of 6)."""
    bar(kb, "holdout8_phone.jsonl", right=0.93, declined=0.83)


def test_careful_holdout9_meets_the_bar(kb: KnowledgeBase) -> None:
    """The last fresh careful set of round 4, measured once at its end and never used for
    fixing (session start 21 of 32, 4 of 7; end of round 4 23 of 32, 5 of 7): the honest
    estimate for questions nobody has tuned for."""
    bar(kb, "holdout9_careful.jsonl", right=0.93, declined=1.00)


def test_phone_holdout9_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout9 (session start 22 of 32, 3 of 6; end of round 4
    23 of 32, 5 of 6), never used for fixing."""
    bar(kb, "holdout9_phone.jsonl", right=0.87, declined=1.00)


def test_careful_holdout10_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set of round 5, written from the documents alone (first run: 25 of 32
    right, 3 of 7 declined; its failures then guided round 5's general fixes: 30 of 32, 7 of
    7)."""
    bar(kb, "holdout10_careful.jsonl", right=1.00, declined=1.00)


def test_phone_holdout10_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout10 (first run: 25 of 32, 5 of 6; after round 5:
    30 of 32, 6 of 6)."""
    bar(kb, "holdout10_phone.jsonl", right=0.96, declined=1.00)


def test_careful_holdout11_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written during round 5 from the documents alone and measured once,
    sealed, before it was looked at (session start 29 of 32, 4 of 7; sealed at the end of
    round 5: 31 of 32, 5 of 7)."""
    bar(kb, "holdout11_careful.jsonl", right=1.00, declined=1.00)


def test_phone_holdout11_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout11 (session start 25 of 32, 5 of 6; sealed at the
    end of round 5: 26 of 32, 5 of 6; its failures then guided three more fixes: 29 of 32)."""
    bar(kb, "holdout11_phone.jsonl", right=0.96, declined=1.00)


def test_careful_holdout12_meets_the_bar(kb: KnowledgeBase) -> None:
    """A harder fresh careful set (less obvious facts, own wording), measured once, sealed, at
    the end of round 5 (session start 21 of 32, 5 of 7; sealed 23 of 32, 6 of 7); its failures
    then guided two small fixes (25 of 32)."""
    bar(kb, "holdout12_careful.jsonl", right=0.93, declined=1.00)


def test_phone_holdout12_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout12 (session start 25 of 32, 4 of 6; sealed 26 of
    32, 4 of 6; then 27 of 32)."""
    bar(kb, "holdout12_phone.jsonl", right=0.96, declined=1.00)


def test_careful_holdout13_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written at the start of round 6 from the documents alone and measured
    once, sealed, before it was looked at (27 of 32, 5 of 7); its failures then guided the
    round (signers, "welches Budget": 29 of 32, 6 of 7)."""
    bar(kb, "holdout13_careful.jsonl", right=0.96, declined=1.00)


def test_phone_holdout13_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout13 (sealed 23 of 32, 5 of 6; then 25 of 32)."""
    bar(kb, "holdout13_phone.jsonl", right=0.93, declined=1.00)


def test_careful_holdout14_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written during round 6 and measured once, sealed, at its end (22 of
    32, 6 of 7; the code of the session start: 21 of 32, 6 of 7); its failures then guided
    two fixes (24 of 32)."""
    bar(kb, "holdout14_careful.jsonl", right=0.84, declined=1.00)


def test_phone_holdout14_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout14 (sealed 22 of 32, 4 of 6; session start 21 of
    32, 4 of 6; then 24 of 32, 5 of 6)."""
    bar(kb, "holdout14_phone.jsonl", right=0.90, declined=1.00)


def test_careful_holdout15_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written at the start of round 7 from the documents alone and measured
    once, sealed, before it was looked at (23 of 32, 3 of 7; the same with the code of the
    session start); its failures then guided the round (28 of 32, 5 of 7)."""
    bar(kb, "holdout15_careful.jsonl", right=0.96, declined=1.00)


def test_phone_holdout15_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout15 (sealed 28 of 32, 5 of 6; then 30 of 32, 6 of
    6)."""
    bar(kb, "holdout15_phone.jsonl", right=0.96, declined=1.00)


def test_careful_holdout16_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written during round 7 and measured once, sealed, at its end (26 of
    32, 7 of 7; the code of the session start: the same)."""
    bar(kb, "holdout16_careful.jsonl", right=0.96, declined=1.00)


def test_phone_holdout16_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout16 (sealed 30 of 32, 3 of 6; session start 29 of
    32, 3 of 6): three unanswerable questions still get an answer."""
    bar(kb, "holdout16_phone.jsonl", right=1.00, declined=1.00)


def test_careful_holdout17_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written at the start of round 8 from the documents alone and measured
    once, sealed, before it was looked at (24 of 32, 7 of 7); its failures then guided the
    round (29 of 32, 7 of 7)."""
    bar(kb, "holdout17_careful.jsonl", right=1.00, declined=1.00)


def test_phone_holdout17_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout17 (sealed 31 of 32, 5 of 6; then 32 of 32, 6 of
    6)."""
    bar(kb, "holdout17_phone.jsonl", right=1.00, declined=1.00)


def test_careful_holdout18_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written during round 8 and measured once, sealed, at its end (27 of
    32, 6 of 7; the code of the session start: the same); one fix after it (a newer answer
    that names more of the question leads) gave 28 of 32."""
    bar(kb, "holdout18_careful.jsonl", right=0.93, declined=1.00)


def test_phone_holdout18_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout18 (sealed 29 of 32, 4 of 6; session start the
    same): "wann wurde das ki im rsk eroeffnet" and "wer leitet die kim lenkungsgruppe" still
    get an answer."""
    bar(kb, "holdout18_phone.jsonl", right=0.96, declined=1.00)


def test_careful_holdout19_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written at the start of round 9 from the documents alone and measured
    once, sealed, before it was looked at (24 of 32, 5 of 7); its failures then guided the
    round (27 of 32, 7 of 7)."""
    bar(kb, "holdout19_careful.jsonl", right=0.90, declined=1.00)


def test_phone_holdout19_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout19 (sealed 28 of 32, 6 of 6; then 30 of 32, 6 of
    6)."""
    bar(kb, "holdout19_phone.jsonl", right=0.96, declined=1.00)


def test_mixed_holdout20_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of 61 questions written during round 9 from the documents alone, in no set style,
    and measured once, sealed, at its end (49 of 53, 6 of 8; the code of the session start:
    49 of 53, 7 of 8): "Wann wurde das KI des Rhein-Sieg-Kreises eröffnet?" now gets the
    other Kreise's openings in autumn 2013."""
    bar(kb, "holdout20_mixed.jsonl", right=0.98, declined=1.00)


def test_careful_holdout21_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written at the start of round 10 from the documents alone and measured
    once, sealed, before any change (23 of 32, 7 of 7); its failures then guided the round.
    "Wie groß sind die Stellenanteile …" expects the OCR damage ("10 %-Ante i len") that the
    answer shows repaired."""
    bar(kb, "holdout21_careful.jsonl", right=0.90, declined=1.00)


def test_phone_holdout21_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout21 (sealed 28 of 32, 6 of 6); "link
    integrationsportal kreis?" expects the OCR damage ("inteQrat ionspor ta l")."""
    bar(kb, "holdout21_phone.jsonl", right=1.00, declined=1.00)


def test_mixed_holdout22_meets_the_bar(kb: KnowledgeBase) -> None:
    """60 questions in a mix of styles written during round 10 from the documents alone (the
    writer was asked to expect undamaged words where the OCR text is damaged) and measured
    once, sealed, at the end of the round: 43 of 52, 8 of 8 (the code of the round's start:
    42 of 52, 7 of 8)."""
    bar(kb, "holdout22_mixed.jsonl", right=0.94, declined=1.00)


def test_careful_holdout23_meets_the_bar(kb: KnowledgeBase) -> None:
    """Fresh careful set written at the start of round 11 from the documents alone and measured
    once, sealed, before any change (30 of 32, 7 of 7); its failures then guided the round.
    Still missed: a long English question with many English-only words ("What age group do
    the young refugee adults belong to …") is declined."""
    bar(kb, "holdout23_careful.jsonl", right=1.00, declined=1.00)


def test_phone_holdout23_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout23 (sealed 27 of 32, 6 of 6). Still missed: "wo
    muss man kiz beantragen" (the Bezirksregierung stands in a sentence without "KIZ"), the
    route of a problem to the Lenkungsgruppe, Troisdorf's objection (Doppelstrukturen)."""
    bar(kb, "holdout23_phone.jsonl", right=0.93, declined=1.00)


def test_mixed_holdout24_meets_the_bar(kb: KnowledgeBase) -> None:
    """60 questions in a mix of styles written at the start of round 11 from the documents
    alone (its writer was asked to expect undamaged words where the OCR text is damaged),
    measured then and kept sealed until the end of the round: 40 of 52, 8 of 8 both times.
    Still missed: where to hand in the KIZ application (the Bezirksregierung stands in a
    sentence without "KIZ"), the mayors' objection (Doppelstrukturen), the speaker at the
    events against forced marriage."""
    bar(kb, "holdout24_mixed.jsonl", right=0.88, declined=1.00)


def test_declines25_meets_the_bar(kb: KnowledgeBase) -> None:
    """52 questions written in round 12 from the documents alone to find false answers: 40
    the documents cannot answer (a detail they do not give, another year, town or body) and
    12 they can. At 9fa7692, before round 12, 27 of the 40 were declined; round 12 declines
    33. Still answered: whether KIM is funded after 2022 ("bis 2022"), where the remaining
    Case-Management posts went (the plan to distribute them), the jury of the seal, the
    teacher posts of the KI, the languages of the portal, the association behind a project."""
    bar(kb, "declines25.jsonl", right=1.00, declined=0.95)


def test_careful_holdout25_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written at the start of round 12 from the documents alone, measured then and kept
    sealed until its end: 28/32, 5/7 at 9fa7692; 29/32, 5/7 at the end. Still answered: two
    questions the documents cannot answer."""
    bar(kb, "holdout25_careful.jsonl", right=1.00, declined=0.85)


def test_phone_holdout25_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout25 (sealed 30/32, 4/6 at the start; 30/32, 3/6 at
    the end of round 12, then 4/6 after "wer hat das siegel bekommen" was fixed)."""
    bar(kb, "holdout25_phone.jsonl", right=0.96, declined=1.00)


def test_declines25b_meets_the_bar(kb: KnowledgeBase) -> None:
    """A second set written in round 12 to find false answers (40 unanswerable, 12
    answerable), sealed: 32 of 40 declined at the start and at the end of the round."""
    bar(kb, "declines25b.jsonl", right=1.00, declined=1.00)


def test_careful_holdout26_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written at the start of round 13 from the documents alone, measured then (69abaff) and
    kept sealed until its end: 28/32, 7/7 both times; 29/32 after it was opened ("What does
    module 2 … cover?": "cover" also finds "umfasse"). Still missed: the mayors' objection,
    the Stellenanteile of the Kommunen, the Teilhabemanager posts of Baustein 6."""
    bar(kb, "holdout26_careful.jsonl", right=0.96, declined=1.00)


def test_phone_holdout26_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout26 (sealed 27/32, 6/6 at the start and the end of
    round 13; 30/32 after it was opened: three colloquial questions it declined are answered,
    "extra", "nen beschluss", "über was finanziert"). One of its misses is a difference of
    view: "how many case management jobs filled so far" expects the 2021 state (4 posts); the
    bot leads with the 2022 minutes (all posts filled) and offers 2021 as history, as issue
    10 asks."""
    bar(kb, "holdout26_phone.jsonl", right=0.93, declined=1.00)


def test_declines26_meets_the_bar(kb: KnowledgeBase) -> None:
    """52 questions written in round 13 to find false answers; it guided the round. Two were
    marked unanswerable by mistake and relabelled after a check of the text: the SPD motion
    of 1 July 2013 is named in the paper's Betreff (Einrichtung eines KIZ); "Menschen mit
    internationaler Geschichte" is explained (its expected "2015" belongs to the next
    sentence and was dropped). At 69abaff 25 of 39 were declined; round 13 declines 34."""
    bar(kb, "declines26.jsonl", right=1.00, declined=0.97)


def test_declines26b_meets_the_bar(kb: KnowledgeBase) -> None:
    """A second set of round 13 to find false answers (40 unanswerable, 12 answerable),
    sealed: 34 of 40 declined at 69abaff, 36 at the end of the round."""
    bar(kb, "declines26b.jsonl", right=1.00, declined=0.97)


def test_careful_holdout27_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written at the start of round 14 from the documents alone, measured then (0f31298):
    30/32, 6/7; kept sealed until the round's end (8604ea1): 29/32, 6/7. The question it lost
    ("Welche Zielsetzung verfolgt der Wertedialog": its second sentence, "Zielsetzung sei es
    hier, …", counted as naming the goal bare) was fixed after it was opened (615deb1)."""
    bar(kb, "holdout27_careful.jsonl", right=0.96, declined=1.00)


def test_phone_holdout27_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout27 (sealed 30/32, 6/6 at the start and the end of
    round 14)."""
    bar(kb, "holdout27_phone.jsonl", right=0.96, declined=1.00)


def test_declines27_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 14 to find false answers (40 unanswerable, 12 answerable), sealed: 37 of
    40 declined and 11 of 12 right at the start and at the end of the round."""
    bar(kb, "declines27.jsonl", right=0.91, declined=1.00)


def test_careful_holdout28_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written at the start of round 15 from the documents alone, measured then (6c85737):
    33/34, 6/7; kept sealed until the round's end (ed17eb3): 33/34, 6/7."""
    bar(kb, "holdout28_careful.jsonl", right=1.00, declined=0.85)


def test_phone_holdout28_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout28 (sealed: 31/34, 5/6 at the start of round 15;
    32/34, 5/6 at its end)."""
    bar(kb, "holdout28_phone.jsonl", right=1.00, declined=1.00)


def test_declines28_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 15 to find false answers (40 unanswerable, 12 answerable), sealed: 34 of
    40 declined and 11 of 12 right at the start of the round, 36 and 11 at its end."""
    bar(kb, "declines28.jsonl", right=1.00, declined=0.97)


def test_careful_holdout29_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 16 from the documents alone, measured at its start (b839d5b): 32/34,
    7/7; sealed until its end (e570cb0): 31/34, 7/7. The question it lost ("Modul 1 des KIM
    (strategischer Overhead)") came from a change that was then reverted (bd11a80)."""
    bar(kb, "holdout29_careful.jsonl", right=0.97, declined=1.00)


def test_phone_holdout29_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout29 (sealed: 32/34, 6/6 at the start and the end of
    round 16)."""
    bar(kb, "holdout29_phone.jsonl", right=1.00, declined=1.00)


def test_declines29_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 16 to find false answers (40 unanswerable, 12 answerable), sealed: 34 of
    40 declined at the start, 33 at the end ("women's work (frauenarbeit)": the reverted
    bracket change), 34 after the revert; 12 of 12 right throughout."""
    bar(kb, "declines29.jsonl", right=1.00, declined=0.97)


def test_careful_holdout30_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 17 from the documents alone, measured at its start (15624f4): 29/34,
    7/7; sealed until its end (6048a53): 29/34, 7/7. After: 30/34 ("Integrationspreisverleihnug"
    judged as put right, b9e362f)."""
    bar(kb, "holdout30_careful.jsonl", right=0.94, declined=1.00)


def test_phone_holdout30_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout30 (sealed: 30/34, 6/6 at the start of round 17,
    31/34, 6/6 at its end)."""
    bar(kb, "holdout30_phone.jsonl", right=1.00, declined=1.00)


def test_declines30_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 17 to find false answers (40 unanswerable, 12 answerable), sealed: 33 of
    40 declined and 11 of 12 right at the start and the end of the round."""
    bar(kb, "declines30.jsonl", right=1.00, declined=0.95)


def test_careful_holdout31_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 18 from the documents alone, measured at its start (b9e362f): 31/34,
    6/7; sealed until its end (4d885ce): 31/34, 6/7."""
    bar(kb, "holdout31_careful.jsonl", right=0.94, declined=1.00)


def test_phone_holdout31_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout31 (sealed: 31/34, 5/6 at the start of round 18,
    32/34, 5/6 at its end; 34/34 after 'who sits in' and 'abgelehnt', 3558d5f)."""
    bar(kb, "holdout31_phone.jsonl", right=1.00, declined=0.83)


def test_declines31_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 18 to find false answers (40 unanswerable, 12 answerable), sealed: 34 of
    40 declined and 12 of 12 right at the start and the end of the round."""
    bar(kb, "declines31.jsonl", right=1.00, declined=0.95)


def test_careful_holdout32_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 19 from the documents alone, measured at its start (bde1caa): 31/34,
    7/7; sealed until its end (838c05d): 31/34, 7/7."""
    bar(kb, "holdout32_careful.jsonl", right=0.94, declined=1.00)


def test_phone_holdout32_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout32 (sealed: 30/34, 6/6 at the start and the end of
    round 19)."""
    bar(kb, "holdout32_phone.jsonl", right=0.94, declined=1.00)


def test_declines32_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 19 to find false answers (40 unanswerable, 12 answerable), sealed: 37 of
    40 declined and 12 of 12 right at the start and the end of the round."""
    bar(kb, "declines32.jsonl", right=1.00, declined=1.00)


def test_careful_holdout33_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 20 from the documents alone, measured at its start (5dd90ab): 31/34,
    5/7; sealed until its end (93521b1): 31/34, 5/7."""
    bar(kb, "holdout33_careful.jsonl", right=1.00, declined=1.00)


def test_phone_holdout33_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout33 (sealed: 33/34, 6/6 at the start and the end of
    round 20)."""
    bar(kb, "holdout33_phone.jsonl", right=1.00, declined=1.00)


def test_declines33_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 20 to find false answers (40 unanswerable, 12 answerable), sealed: 36 of
    40 declined and 11 of 12 right at the start and the end of the round; 37 of 40 after
    'wer steckt hinter' a quoted name (cf66f1b)."""
    bar(kb, "declines33.jsonl", right=0.91, declined=1.00)


def test_careful_holdout34_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 21 from the documents alone, measured at its start (a12133f): 32/34,
    7/7; sealed until its end (b69af00): 33/34, 7/7."""
    bar(kb, "holdout34_careful.jsonl", right=0.97, declined=1.00)


def test_phone_holdout34_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout34 (sealed: 33/34, 6/6 at the start and the end of
    round 21)."""
    bar(kb, "holdout34_phone.jsonl", right=0.97, declined=1.00)


def test_declines34_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 21 to find false answers (40 unanswerable, 12 answerable), sealed: 36 of
    40 declined and 11 of 12 right at the start and the end of the round; 37 of 40 after a
    place named in the question must be named in the answer (43eef8d)."""
    bar(kb, "declines34.jsonl", right=0.91, declined=0.95)


def test_careful_holdout35_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 22 from the documents alone, measured at its start (d6fa1f2): 31/35,
    6/7; sealed until its end (1529f8b): 31/35, 6/7."""
    bar(kb, "holdout35_careful.jsonl", right=0.91, declined=0.85)


def test_phone_holdout35_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout35 (sealed: 33/35, 6/6 at the start and the end of
    round 22)."""
    bar(kb, "holdout35_phone.jsonl", right=0.94, declined=1.00)


def test_declines35_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 22 to find false answers (40 unanswerable, 12 answerable), sealed: 33 of
    40 declined and 11 of 12 right at the start, 32 of 40 at the end (a '-förderung' in the
    question had become money asked for); 33 of 40 after that was narrowed (948433d)."""
    bar(kb, "declines35.jsonl", right=1.00, declined=0.89)


def test_careful_holdout36_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 23 from the documents alone, measured at its start (ecf3d4a): 33/36,
    7/7; sealed until its end (cbc06a0): 33/36, 7/7; 34/36 after opening ('laut der
    Troisdorfer Vorlage' names the source)."""
    bar(kb, "holdout36_careful.jsonl", right=0.97, declined=1.00)


def test_phone_holdout36_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout36 (sealed: 33/36, 6/6 at the start and the end of
    round 23; 35/36 after opening: 'rhein-sieg' typed short, English 'last week')."""
    bar(kb, "holdout36_phone.jsonl", right=0.97, declined=1.00)


def test_declines36_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 23 to find false answers (40 unanswerable, 12 answerable), sealed: 37 of
    40 declined and 10 of 12 right at the start and the end; 39 of 40 and 12 of 12 after
    opening ('in welcher Stadt' needs a town; a date the question gives is not the one it
    asks; 'rhein-sieg'; English 'teacher position shares')."""
    bar(kb, "declines36.jsonl", right=1.00, declined=0.97)


def test_careful_holdout37_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 24 from the documents alone, measured at its start (00895f4): 34/37,
    7/7; sealed until its end (0ee4083): 34/37, 7/7; unchanged after opening (the misses: a
    question on two rows of the cost table; the 2022 members of the Lenkungsgruppe behind a
    sentence about KIM; an English question on who was pleased)."""
    bar(kb, "holdout37_careful.jsonl", right=0.91, declined=1.00)


def test_phone_holdout37_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout37 (sealed: 31/37, 6/6 at the start and the end of
    round 24; 36/37 after opening: a typo that ends like an adjective before a part's number,
    'Umwandlung' for 'überführt', 'was stört', 'maybe', a law's 'start'). The miss left asks
    the filled CM posts and expects 2021's four, where the bot leads with 2022's 'alle'."""
    bar(kb, "holdout37_phone.jsonl", right=0.97, declined=1.00)


def test_declines37_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 24 to find false answers (40 unanswerable, 12 answerable), sealed: 36 of
    40 declined and 12 of 12 right at the start and the end, unchanged after opening."""
    bar(kb, "declines37.jsonl", right=1.00, declined=0.89)


def test_careful_holdout38_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 25 from the documents alone, measured at its start (e488b84): 37/38,
    6/7; sealed until its end (180a791): 37/38, 6/7; unchanged after opening (the misses: the
    count of Geduldete asked with a relative clause; a question on KIM's yearly state funding
    answered from the 2013 KIZ cost table)."""
    bar(kb, "holdout38_careful.jsonl", right=0.97, declined=0.85)


def test_phone_holdout38_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout38 (sealed: 35/38, 6/6 at the start and the end of
    round 25; 36/38 after opening: English 'pays' asks for money). Left: the posts of Modul 3
    at Troisdorf answered by the member's question, not the reply three sentences later; the
    cost table's total against its yearly share."""
    bar(kb, "holdout38_phone.jsonl", right=0.94, declined=1.00)


def test_declines38_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 25 to find false answers (40 unanswerable, 12 answerable), sealed: 36 of
    40 declined and 11 of 12 right at the start and the end; 37 of 40 after opening (an exact
    date is not 'Anfang des Jahres')."""
    bar(kb, "declines38.jsonl", right=0.91, declined=0.92)


def test_careful_holdout39_meets_the_bar(kb: KnowledgeBase) -> None:
    """Written for round 26 from the documents alone, measured at its start (96f05da): 37/39,
    6/7; sealed until its end (0f1ef50): 37/39, 6/7; 38/39 after opening (English "working
    groups" are the Arbeitskreisangebote). Left: the Stellenanteile of the
    Integrationsbeauftragten asked as 'eingesetzt', which the text says two sentences after
    naming them; 'Welche Projekte wurden am 16.06.2020 ausgezeichnet' (ahead of the minutes)
    is answered by the date."""
    bar(kb, "holdout39_careful.jsonl", right=0.97, declined=0.85)


def test_phone_holdout39_meets_the_bar(kb: KnowledgeBase) -> None:
    """The phone-style companion of holdout39 (sealed: 35/39, 5/6 at the start and the end of
    round 26; 36/39 after opening: a numbered part named in the sentence before). Left: 'how
    many cm jobs filled so far' wants the 2021 count, the bot gives the newest state (2022: all
    filled); 'frist für raa umwandlug in ki'; the Land's yearly share against the table's
    total; 'wer hat siegel 2019 gewonnen' is answered by the prize winners."""
    bar(kb, "holdout39_phone.jsonl", right=0.92, declined=0.83)


def test_declines39_meets_the_bar(kb: KnowledgeBase) -> None:
    """A set of round 26 to find false answers (40 unanswerable, 12 answerable), sealed: 37 of
    40 declined and 11 of 12 right at the start and the end, unchanged after opening."""
    bar(kb, "declines39.jsonl", right=0.91, declined=0.92)
