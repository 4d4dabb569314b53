"""German texts (default)."""

from bot.texts.base import Texts

TEXTS = Texts(
    language="de",
    start_intro=(
        "Guten Tag! Ich beantworte Fragen zu den Niederschriften, Vorlagen und Konzepten "
        "der Ausschüsse – mit der Stelle, an der es steht.\n"
        "Schreiben Sie einfach Ihre Frage. /hilfe zeigt alle Befehle."
    ),
    start_examples_title="Zum Beispiel:",
    examples=(
        "Was ist Baustein 6?",
        "Wie viele Case-Management-Stellen sind besetzt?",
        "Wann ist die Siegelverleihung 2020?",
    ),
    help=(
        "So funktioniert es:\n"
        "• Schreiben Sie eine Frage, z. B. „Wer leitet das KI?“ – in Gruppen mit /frage oder "
        "indem Sie mich erwähnen.\n"
        "• Unter jeder Antwort: weitere Treffer, die ganze Passage, das Dokument als Datei."
    ),
    commands={
        "start": "Begrüßung und Beispiele",
        "hilfe": "Hilfe und Befehle",
        "frage": "Eine Frage stellen: /frage TEXT",
        "dokumente": "Welche Unterlagen ich kenne",
        "glossar": "Abkürzungen und ihre Bedeutung",
    },
    answer_title="Antwort",
    answer_as_of="Stand {year}",
    more_title="Weiterer Treffer",
    source="Quelle",
    confidence={"high": "sicher", "medium": "wahrscheinlich", "low": "unsicher"},
    corrected="(Gelesen als: {pairs})",
    declined=(
        "Dazu habe ich in den Unterlagen nichts Belastbares gefunden. Versuchen Sie andere "
        "Stichworte, oder sehen Sie mit /dokumente nach, welche Unterlagen ich kenne."
    ),
    ask_what="Was möchten Sie wissen? Zum Beispiel: /frage Was ist KIM?",
    button_more="Weitere Treffer",
    button_passage="Ganze Passage",
    button_document="Dokument",
    no_more="Keine weiteren Treffer.",
    passage_title="Die ganze Passage",
    document_caption="{title} ({details})",
    documents_title="Diese Unterlagen kenne ich:",
    documents_empty="Es sind noch keine Unterlagen eingelesen.",
    glossary_title="Abkürzungen in den Unterlagen:",
    glossary_builtin="übliche Abkürzung",
    glossary_empty="In den Unterlagen habe ich keine Abkürzungen gefunden.",
    stale=(
        "Diese Schaltfläche ist nicht mehr aktuell (die Unterlagen wurden inzwischen "
        "aktualisiert). Bitte stellen Sie die Frage noch einmal."
    ),
    slow_down=(
        "Sie haben in der letzten Minute sehr viele Fragen gestellt. Bitte warten Sie einen "
        "Moment, dann antworte ich gern wieder."
    ),
    sorry="Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es erneut.",
    unknown_command="Diesen Befehl kenne ich nicht. /hilfe zeigt, was ich kann.",
    too_long="(Ihre Nachricht war sehr lang; ich habe nur den Anfang gelesen.)",
)
