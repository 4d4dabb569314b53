"""German texts (default)."""

from bot.texts.base import AgendaTexts, Texts

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

AGENDA = AgendaTexts(
    commands={
        "termine": "Die nächsten Termine",
        "abo": "Erinnerungen und Ankündigungen abonnieren",
        "abbestellen": "Alle Abos beenden",
        "erinnerung": "Wann ich erinnere, z. B. /erinnerung 1d 2h",
    },
    staff_commands={
        "termin_neu": "Termin anlegen: TT.MM.JJJJ HH:MM Titel @ Ort",
        "termin_aendern": "Termin ändern: ID TT.MM.JJJJ HH:MM Titel @ Ort",
        "termin_loeschen": "Termin löschen: ID",
        "vorschlaege": "Terminvorschläge aus Niederschriften prüfen",
        "ankuendigung": "Ankündigung senden: [#thema] [TT.MM.JJJJ HH:MM] Text",
        "status": "Stand der Zustellung",
        "staff_add": "Mitarbeitende hinzufügen: Telegram-ID (nur Administratoren)",
    },
    events_title="Die nächsten Termine:",
    events_empty="Zurzeit sind keine Termine eingetragen.",
    button_ics="📅 {n}",
    event_created="Termin angelegt (#{id}): {when} – {title}",
    event_changed="Termin #{id} geändert: {when} – {title}",
    event_deleted="Termin #{id} gelöscht; ausstehende Erinnerungen entfallen.",
    event_not_found="Einen Termin #{id} gibt es nicht.",
    errors={
        "event_usage": "So geht es: /termin_neu TT.MM.JJJJ HH:MM Titel @ Ort",
        "change_usage": "So geht es: /termin_aendern ID TT.MM.JJJJ HH:MM Titel @ Ort",
        "delete_usage": "So geht es: /termin_loeschen ID",
        "bad_date": "Das Datum verstehe ich nicht. Bitte TT.MM.JJJJ (oder JJJJ-MM-TT).",
        "bad_time": "Die Uhrzeit verstehe ich nicht. Bitte HH:MM (24 Stunden).",
        "event_no_title": "Bitte geben Sie einen Titel an.",
        "event_title_too_long": "Der Titel ist zu lang (höchstens 200 Zeichen).",
        "in_past": "Dieser Zeitpunkt liegt in der Vergangenheit.",
        "bad_offsets": (
            "Bitte so: /erinnerung 1d 2h (m = Minuten, h = Stunden, d = Tage; "
            "höchstens 6 Angaben, bis 60 Tage)."
        ),
    },
    proposals_title="Terminvorschläge aus den Niederschriften:",
    proposals_empty="Keine offenen Vorschläge.",
    button_accept="✓ Übernehmen #{id}",
    button_discard="✗ Verwerfen #{id}",
    accepted="Übernommen: {title} am {when}.",
    discarded="Verworfen: {title}.",
    decided_already="Darüber wurde schon entschieden.",
    abo_title="Woran soll ich Sie erinnern? Tippen Sie ein Thema an, um es an- oder abzuwählen.",
    topics={
        "*": "Alles",
        "sitzungen": "Sitzungen",
        "jury": "Jury",
        "veranstaltungen": "Veranstaltungen",
        "ankuendigungen": "Ankündigungen",
    },
    abo_on="✅ {topic}",
    abo_off="▫️ {topic}",
    abo_all_done=(
        "Sie erhalten jetzt alle Erinnerungen und Ankündigungen. /abbestellen beendet das."
    ),
    abo_stopped="Sie erhalten keine Erinnerungen und Ankündigungen mehr.",
    offsets_now="Ich erinnere Sie {offsets} vor einem Termin. Ändern: /erinnerung 1d 2h",
    offsets_set="Gern – ab jetzt erinnere ich Sie {offsets} vorher.",
    units={"d": ("Tag", "Tage"), "h": ("Stunde", "Stunden"), "m": ("Minute", "Minuten")},
    and_word="und",
    announce_usage="So geht es: /ankuendigung [#thema] [TT.MM.JJJJ HH:MM] Text",
    announce_preview="Vorschau – geht an {n} Empfänger{at}:",
    announce_at=" am {when}",
    button_send="Senden",
    button_cancel="Abbrechen",
    announce_queued="Die Ankündigung wird an {n} Empfänger gesendet.",
    announce_cancelled="Abgebrochen; es wurde nichts gesendet.",
    announce_decided="Diese Ankündigung wurde bereits gesendet oder abgebrochen.",
    announcement_heading="Ankündigung",
    reminder_heading="Erinnerung: {title}",
    reminder_when="{when} Uhr",
    reminder_place="Ort: {place}",
    staff_only="Das dürfen nur Mitarbeitende des KI. Es wurde nichts geändert oder gesendet.",
    admins_only="Mitarbeitende hinzufügen dürfen nur Administratoren.",
    staff_added="{id} ist jetzt als Mitarbeiter/in eingetragen.",
    staff_exists="{id} ist bereits eingetragen.",
    staff_usage="So geht es: /staff_add TELEGRAM-ID",
    status=(
        "Zustellung – ausstehend: {pending}, in Arbeit: {sending}, gesendet: {sent}, "
        "fehlgeschlagen: {failed}, entfallen: {dropped}.\n"
        "Abonnenten: {subscribers} aktiv, {inactive} abgemeldet."
    ),
    ics_caption="{title} – {when}",
)
