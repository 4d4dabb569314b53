"""German texts (default)."""

from bot.texts.base import (
    AgendaTexts,
    AlertTexts,
    CalendarAnswerTexts,
    GapsTexts,
    PrivacyTexts,
    Texts,
    UploadTexts,
)

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
        "datenschutz": "Welche Daten ich speichere und wie lange",
        "meine_daten": "Ihre gespeicherten Daten als Datei",
        "daten_loeschen": "Ihre gespeicherten Daten löschen",
    },
    answer_title="Antwort",
    answer_as_of="Stand {year}",
    answer_earlier="Früher ({year}):",
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
    button_web="Im Ratsinformationssystem",
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
        "abo": "Erinnerungen, Ankündigungen, Stichwörter abonnieren",
        "abbestellen": "Alle Abos beenden",
        "erinnerung": "Wann ich erinnere, z. B. /erinnerung 1d 2h",
        "ruhezeit": "Ruhezeit für Nachrichten, z. B. /ruhezeit 22-7",
    },
    staff_commands={
        "termin_neu": "Termin anlegen: [#thema] TT.MM.JJJJ HH:MM Titel @ Ort",
        "termin_aendern": "Termin ändern: #ID [#thema] TT.MM.JJJJ HH:MM Titel @ Ort",
        "termin_loeschen": "Termin löschen: #ID (aus /termine)",
        "vorschlaege": "Terminvorschläge aus Niederschriften prüfen",
        "ankuendigung": "Ankündigung senden: [#thema] [TT.MM.JJJJ HH:MM] Text",
        "status": "Stand der Zustellung",
        "luecken": "Unbeantwortete Fragen der letzten 30 Tage, gruppiert",
        "sync": "Abgleich mit dem Ratsinformationssystem jetzt starten",
        "staff_add": "Mitarbeitende hinzufügen: Telegram-ID (nur Administratoren)",
        "dokument_entfernen": "Dokument aus der Wissensbasis entfernen (neue: Datei senden)",
    },
    events_title="Die nächsten Termine:",
    events_empty="Zurzeit sind keine Termine eingetragen.",
    button_ics="📅 #{n}",
    button_web_event="🔗 #{n} im Ratsinformationssystem",
    agenda_item="TOP {number}: {name}",
    agenda_item_unnumbered="TOP: {name}",
    agenda_not_public="nichtöffentlich",
    agenda_more="… und {n} weitere",
    agenda_title="Tagesordnung:",
    event_created="Termin angelegt (#{id}): {when} – {title}",
    event_changed="Termin #{id} geändert: {when} – {title}",
    event_deleted="Termin #{id} gelöscht; ausstehende Erinnerungen entfallen.",
    event_read_only=(
        "Termin #{id} kommt aus dem Ratsinformationssystem und wird dort gepflegt; "
        "der Bot übernimmt Änderungen und Absagen beim nächsten Abgleich."
    ),
    event_read_only_feed=(
        "Termin #{id} kommt aus einem abonnierten Kalender (ICS-Feed) und wird dort gepflegt; "
        "der Bot übernimmt Änderungen und Absagen beim nächsten Lesen des Kalenders."
    ),
    event_not_found=(
        "Einen Termin #{id} gibt es nicht unter den kommenden Terminen. Ändern und löschen "
        "lassen sich nur diese, mit der Nummer, die /termine zeigt."
    ),
    errors={
        "event_usage": "So geht es: /termin_neu [#thema] TT.MM.JJJJ HH:MM Titel @ Ort",
        "change_usage": "So geht es: /termin_aendern ID [#thema] TT.MM.JJJJ HH:MM Titel @ Ort",
        "delete_usage": "So geht es: /termin_loeschen ID (die Nummer aus /termine)",
        "bad_topic": (
            "Dieses Thema passt nicht zu einem Termin. Bitte #sitzungen, #jury, "
            "#veranstaltungen oder den Namen eines Gremiums, z. B. #Sozialausschuss."
        ),
        "bad_date": "Das Datum verstehe ich nicht. Bitte TT.MM.JJJJ (oder JJJJ-MM-TT).",
        "bad_time": "Die Uhrzeit verstehe ich nicht. Bitte HH:MM (24 Stunden).",
        "event_no_title": "Bitte geben Sie einen Titel an.",
        "event_title_too_long": "Der Titel ist zu lang (höchstens 200 Zeichen).",
        "in_past": "Dieser Zeitpunkt liegt in der Vergangenheit.",
        "bad_offsets": (
            "Bitte so: /erinnerung 1d 2h (m = Minuten, h = Stunden, d = Tage; "
            "höchstens 6 Angaben, bis 60 Tage)."
        ),
        "date_out_of_range": (
            "Dieses Datum kann ich nicht eintragen: möglich sind Daten vom {first} bis zum {last}."
        ),
    },
    proposals_title="Terminvorschläge aus den Niederschriften:",
    proposals_empty="Keine offenen Vorschläge.",
    proposals_page=" (Seite {page} von {pages})",
    proposals_past=(
        "Nicht gezeigt: {n} mit vergangenem Datum (als Verlauf in „gremienbot events --all“)."
    ),
    button_accept="✓ Übernehmen #{id}",
    button_discard="✗ Verwerfen #{id}",
    button_previous="‹ zurück",
    button_next="weiter ›",
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
    joint_session="Gemeinsame Sitzung: {names}",
    notice_cancelled="Abgesagt: {title}\n{when} Uhr – abgesagt.",
    notice_moved="Verlegt: {title}\nvom {old} Uhr auf {new} Uhr verlegt.",
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
    staff_private_only=(
        "Befehle für Mitarbeitende gehen nur im privaten Chat mit mir – hier lesen alle mit."
    ),
    ics_caption="{title} – {when}",
    button_edit="✏️ Ändern #{id}",
    button_delete="🗑 Löschen #{id}",
    edit_hint="So ändern Sie Termin #{id} – Befehl kopieren, anpassen und senden:",
    edit_command="termin_aendern",
    delete_confirm="Termin #{id} löschen? {when} – {title}. Ausstehende Erinnerungen entfallen.",
    button_yes_delete="Ja, löschen",
    delete_kept="Abgebrochen; Termin #{id} wurde nicht gelöscht.",
    event_changed_meanwhile=(
        "Termin #{id} wurde inzwischen geändert oder gelöscht; es wurde nichts gelöscht. "
        "Bitte rufen Sie /termine erneut auf."
    ),
    event_topic="Thema: {topic}",
    event_topic_from_title=(
        "Thema: {topic} (nach dem Titel; ein anderes Thema mit #sitzungen, #jury, "
        "#veranstaltungen oder #Gremium vor dem Datum)"
    ),
    offsets_not_subscribed=(
        "Sie haben nicht abonniert – ich erinnere Sie an keine Termine. Mit /abo wählen Sie "
        "Themen, mit /abo alle alles; dann erinnere ich Sie {offsets} vorher."
    ),
    offsets_set_not_subscribed=(
        "Gespeichert: {offsets} vorher. Sie haben aber nicht abonniert – mit /abo wählen Sie "
        "Themen, mit /abo alle alles."
    ),
    help_calendar_title="Termine und Erinnerungen:",
    help_staff_title="Für Mitarbeitende:",
    sync_not_configured=(
        "Es ist kein Ratsinformationssystem eingerichtet (GREMIENBOT_OPARL_URL fehlt)."
    ),
    sync_started="Der Abgleich mit dem Ratsinformationssystem läuft. /status zeigt das Ergebnis.",
    sync_running="Ein Abgleich mit dem Ratsinformationssystem läuft bereits.",
    sync_last=(
        "Letzter Abgleich mit dem Ratsinformationssystem: {when} – {counts}; {errors} Fehler."
    ),
    sync_failed="Letzter Abgleich mit dem Ratsinformationssystem: {when} – fehlgeschlagen: {error}",
    sync_counts="{kind} {new} neu, {changed} geändert, {deleted} gelöscht, {skipped} übersprungen",
    sync_kinds={"papers": "Vorlagen", "meetings": "Sitzungen", "organizations": "Gremien"},
    sync_more_errors="… und {n} weitere Fehler (siehe Log).",
    status_overdue=(
        "Achtung – seit über einer Minute fällig und noch nicht gesendet: {n} "
        "(die älteste fällig seit {since})."
    ),
)

PRIVACY = PrivacyTexts(
    info_title="Datenschutz: was ich speichere, wozu und wie lange",
    info_items=(
        "• Ihre Fragen mit Ihrer Telegram-Nutzer-ID und dem Zeitpunkt – damit „Weitere Treffer“ "
        "die Frage wiederfindet. Gelöscht nach {days} Tagen.",
        "• Ihr Abo: Chat-ID, Sprache, Themen und Erinnerungszeiten – damit Erinnerungen und "
        "Ankündigungen Sie erreichen. Gespeichert, bis Sie es löschen.",
        "• Nachrichten an Sie (Erinnerungen, Ankündigungen): Art, Zeitpunkt, Stand der Zustellung "
        "– damit jede genau einmal ankommt. Gespeichert wie das Abo.",
        "• Ankündigungen der Mitarbeitenden: Text, Verfasser, Zeitpunkt, Zahl der Empfänger – als "
        "Nachweis, was verschickt wurde. Sie bleiben, wenn Sie Ihre Daten löschen; "
        "Ihre ID steht nicht darin.",
    ),
    not_stored="Ihren Namen, Ihre Telefonnummer und andere Nachrichten speichere ich nicht.",
    contact="Fragen zum Datenschutz: {contact}",
    contact_missing=(
        "Der Betreiber dieses Bots hat keine Kontaktstelle für den Datenschutz angegeben. Bitte "
        "wenden Sie sich an die Stelle, die Ihnen den Bot empfohlen hat (z. B. die "
        "Geschäftsstelle Ihres Gremiums)."
    ),
    commands_title="Was Sie tun können:",
    command_lines=(
        "/meine_daten – alles, was ich über Sie gespeichert habe, als Datei",
        "/daten_loeschen – Ihre Fragen, Ihr Abo und geplante Nachrichten löschen",
        "/abbestellen – nur die Abos beenden",
    ),
    private_only=(
        "Ihre Daten zeige und lösche ich nur im privaten Chat mit mir – hier lesen alle mit. "
        "Schreiben Sie mir direkt: /meine_daten oder /daten_loeschen."
    ),
    export_filename="meine-daten.json",
    export_caption=(
        "Alles, was ich über Sie gespeichert habe (JSON-Datei). Fragen: {questions}, "
        "Nachrichten an Sie: {deliveries}."
    ),
    delete_question=(
        "Alle Ihre Daten löschen? Ihr Abo mit Themen und Erinnerungszeiten, gespeicherte Fragen: "
        "{questions}, geplante Nachrichten: {deliveries}. Danach schicke ich Ihnen nichts mehr, "
        "bis Sie wieder /abo wählen."
    ),
    button_yes="Ja, löschen",
    button_cancel="Abbrechen",
    deleted=(
        "Ihre Daten sind gelöscht: Ihr Abo, Fragen: {questions}, geplante Nachrichten: "
        "{deliveries}. Ich schicke Ihnen nichts mehr, bis Sie wieder /abo wählen."
    ),
    cancelled="Abgebrochen – es wurde nichts gelöscht.",
    not_yours=(
        "Diese Schaltfläche gehört nicht zu Ihnen; es wurde nichts gelöscht. Ihre eigenen Daten "
        "löschen Sie mit /daten_loeschen."
    ),
)


GAPS = GapsTexts(
    staff_only="Diese Übersicht ist nur für Mitarbeitende des KI.",
    private_only="Bitte rufen Sie /luecken im privaten Chat mit mir auf.",
    empty="In den letzten {days} Tagen blieb keine Frage unbeantwortet.",
    title="Unbeantwortete Fragen der letzten {days} Tage ({questions} Fragen, {groups} Themen):",
    line=" – {count}×, zuletzt {last}",
    also="ähnlich: {others}",
    more="… und {n} weitere Themen (alle in der CSV-Datei).",
    button_csv="📄 Als CSV exportieren",
    csv_caption="Unbeantwortete Fragen, {groups} Themen.",
    csv_header=("Frage", "Anzahl", "Zuletzt gefragt", "Ähnliche Fragen", "Begriffe"),
)


UPLOADS = UploadTexts(
    members_only_staff=(
        "Danke! Dokumente hinzufügen können nur Mitarbeitende des KI; Ihre Datei habe ich nicht "
        "geöffnet. Fragen zu den vorhandenen Unterlagen beantworte ich gern."
    ),
    private_only="Dokumente nehme ich nur im privaten Chat mit mir an – hier lesen alle mit.",
    too_large=(
        "Die Datei ist zu groß ({mb} MB); Telegram lässt mich nur Dateien bis {limit} MB "
        "herunterladen. Es wurde nichts gespeichert."
    ),
    unknown_type=(
        "„{name}“ kann ich nicht lesen: Ich nehme PDF, Word (.docx), OpenDocument (.odt) und "
        "Text (.txt, .md). Es wurde nichts gespeichert."
    ),
    unreadable=(
        "Die Datei kann ich nicht lesen: Sie ist beschädigt, unvollständig oder nicht im Format, "
        "das ihre Endung verspricht. Es wurde nichts gespeichert."
    ),
    encrypted=(
        "Die Datei ist verschlüsselt oder mit einem Kennwort geschützt; bitte senden Sie sie "
        "ohne Kennwort. Es wurde nichts gespeichert."
    ),
    no_text=(
        "In der Datei steht kein lesbarer Text (weder eine Textebene noch gescannte Seiten). "
        "Es wurde nichts gespeichert."
    ),
    no_ocr=(
        "Das ist ein Scan, aber die Texterkennung (OCR) ist auf dem Server nicht installiert. "
        "Bitte den Betreiber: {command}. Es wurde nichts gespeichert."
    ),
    empty="Die Datei ist leer. Es wurde nichts gespeichert.",
    failed=(
        "Das hat nicht geklappt; bitte versuchen Sie es gleich noch einmal. Es wurde nichts "
        "gespeichert."
    ),
    busy="Einen Moment – ich lese die Datei (Scans dauern etwas länger).",
    known="Dieses Dokument kenne ich schon: „{title}“. Es wurde nicht noch einmal gespeichert.",
    preview_title="Vorschau: „{title}“",
    preview_details="Art: {kind} · Jahr: {year} · {passages} Passagen · {appointments} Termine",
    preview_kind_unknown="nicht erkannt",
    preview_year_unknown="nicht erkannt",
    preview_ocr="{n} Seite(n) per Texterkennung (OCR) gelesen.",
    preview_notes="Hinweis: {notes}",
    preview_start="Anfang:",
    preview_title_from={
        "caption": "Titel aus Ihrer Bildunterschrift.",
        "heading": (
            "Titel aus der ersten Überschrift; einen anderen geben Sie als Bildunterschrift mit."
        ),
        "name": "Titel aus dem Dateinamen; einen anderen geben Sie als Bildunterschrift mit.",
    },
    preview_same_title=(
        "Ein Dokument mit diesem Titel gibt es schon; ich frage vor dem Ersetzen nach."
    ),
    preview_question="Noch ist nichts durchsuchbar. Wer darf es lesen?",
    button_public="Öffentlich – alle Mitglieder",
    button_internal="Intern – nur Mitarbeitende",
    button_discard="Verwerfen",
    replace_question=(
        "„{title}“ gibt es schon (gespeichert {when}). Soll die neue Fassung es ersetzen?"
    ),
    button_replace_public="Ja, ersetzen (öffentlich)",
    button_replace_internal="Ja, ersetzen (intern)",
    stored_public="Gespeichert und für alle durchsuchbar: „{title}“ ({passages} Passagen).",
    stored_internal=(
        "Gespeichert als intern – nur Mitarbeitende im privaten Chat finden es: „{title}“ "
        "({passages} Passagen)."
    ),
    replaced="Die alte Fassung von „{title}“ ist ersetzt.",
    proposals_waiting="{n} Terminvorschlag/-vorschläge warten in /vorschlaege.",
    discarded="Verworfen – es wurde nichts gespeichert.",
    decided_already="Über diese Datei wurde schon entschieden.",
    not_yours="Darüber entscheidet, wer die Datei geschickt hat. Es wurde nichts geändert.",
    remove_title=(
        "Welches Dokument soll aus der Wissensbasis entfernt werden? (Seite {page} von {pages})"
    ),
    remove_empty="Es sind keine Dokumente gespeichert.",
    remove_confirm="„{title}“ ({details}) entfernen? Danach finde ich darin nichts mehr.",
    button_remove_yes="Ja, entfernen",
    button_cancel="Abbrechen",
    button_previous="‹ zurück",
    button_next="weiter ›",
    removed="Entfernt: „{title}“.",
    remove_cancelled="Abgebrochen – es wurde nichts entfernt.",
    remove_gone=(
        "Dieses Dokument gibt es nicht mehr, oder die Liste ist veraltet: bitte "
        "/dokument_entfernen neu aufrufen."
    ),
)

CALENDAR_ANSWERS = CalendarAnswerTexts(
    weekdays=("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    months=tuple(
        [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ]
    ),
    next_title="Nächster Termin im Kalender:",
    last_title="Zuletzt im Kalender:",
    upcoming_title="Im Kalender:",
    range_titles={
        "week": "Im Kalender diese Woche:",
        "next_week": "Im Kalender nächste Woche:",
        "last_week": "Im Kalender letzte Woche:",
        "today": "Im Kalender heute:",
        "tomorrow": "Im Kalender morgen:",
    },
    day_title="Im Kalender am {day}:",
    month_title="Im Kalender im {month} {year}:",
    year_title="Im Kalender {year}:",
    when_line="{weekday}, {date}, {time} Uhr",
    when_all_day="{weekday}, {date} (ganztägig)",
    place_line="Ort: {place}",
    agenda_public="Tagesordnung (öffentlicher Teil):",
    agenda_all="Tagesordnung:",
    agenda_fitting="Auf der Tagesordnung:",
    agenda_missing="Eine Tagesordnung ist im Kalender nicht eingetragen.",
    agenda_nothing="Auf der Tagesordnung der kommenden Sitzungen steht nichts zu „{words}“.",
    none_ahead={
        "sitzungen": "Im Kalender steht keine kommende Sitzung zu „{name}“.",
        "jury": "Im Kalender steht keine kommende Jurysitzung zu „{name}“.",
        "": "Im Kalender steht kein kommender Termin zu „{name}“.",
    },
    none_ahead_unnamed={
        "sitzungen": "Im Kalender steht keine kommende Sitzung.",
        "jury": "Im Kalender steht keine kommende Jurysitzung.",
        "": "Im Kalender steht kein kommender Termin.",
    },
    none_past="Im Kalender steht keine vergangene Sitzung zu „{name}“.",
    none_past_unnamed="Im Kalender steht keine vergangene Sitzung.",
    none_in="Im Kalender steht {period} nichts.",
    range_names={
        "week": "diese Woche",
        "next_week": "nächste Woche",
        "last_week": "letzte Woche",
        "today": "heute",
        "tomorrow": "morgen",
        "day": "am {day}",
        "month": "im {month} {year}",
        "year": "{year}",
    },
    latest="Zuletzt: {when} – {title}",
    from_documents="Aus den Unterlagen ({year}):",
    from_documents_no_year="Aus den Unterlagen:",
)

ALERTS = AlertTexts(
    alert_keyword="🔔 Neues Dokument zum Stichwort „{word}“",
    alert_committee="🔔 Neues Dokument für {topic}",
    alert_internal="nicht öffentlich",
    button_passage="Ganze Passage",
    keyword_added=(
        "✅ Stichwort „{word}“ abonniert. Sobald ein neues Dokument es erwähnt, schicke ich "
        "Ihnen den Satz dazu. /abo zeigt Ihre Abos."
    ),
    keyword_exists="Das Stichwort „{word}“ haben Sie schon abonniert.",
    keyword_empty="Bitte nennen Sie ein Wort, z. B. /abo stichwort Kita",
    keyword_too_many="Sie haben schon {n} Stichwörter. Bitte entfernen Sie erst eines (/abo).",
    keyword_removed="Stichwort „{word}“ entfernt.",
    keyword_gone="Dieses Stichwort war schon entfernt.",
    keywords_title="Ihre Stichwörter (antippen zum Entfernen):",
    keywords_hint=(
        "Neue Dokumente zu einem Thema melden lassen: /abo stichwort WORT (z. B. /abo stichwort "
        "Kita)."
    ),
    button_remove="❌ {word}",
    share_topics="Zum Weitergeben (ein Tipp abonniert):",
    share_events="Termine abonnieren, zum Weitergeben: {link}",
    deeplink_topic=(
        "✅ „{topic}“ abonniert. Ich erinnere Sie an diese Termine. /abo zeigt und ändert Ihre "
        "Abos, /abbestellen beendet alle."
    ),
    deeplink_keyword=(
        "✅ Stichwort „{word}“ abonniert. Sobald ein neues Dokument es erwähnt, melde ich mich. "
        "/abo zeigt und ändert Ihre Abos."
    ),
    quiet_now=("Ihre Ruhezeit: {label} Uhr. Ändern: /ruhezeit 22-7, aufheben: /ruhezeit aus"),
    quiet_none=(
        "Keine Ruhezeit eingestellt. Mit /ruhezeit 22-7 warten Hinweise und Ankündigungen "
        "zwischen 22 und 7 Uhr bis zum Morgen."
    ),
    quiet_set=(
        "Ruhezeit {label} Uhr gespeichert. Hinweise und Ankündigungen warten bis zu ihrem "
        "Ende; eine Erinnerung an einen Termin, der vorher beginnt, kommt vor der Ruhezeit."
    ),
    quiet_off="Ruhezeit aufgehoben: Nachrichten kommen wieder zu jeder Zeit.",
    quiet_usage="So geht es: /ruhezeit 22-7 (von 22 bis 7 Uhr), /ruhezeit 22:30-6:30 oder "
    "/ruhezeit aus",
    description=(
        "Ich beantworte Fragen zu Niederschriften, Vorlagen und Terminen der Ausschüsse – mit "
        "der Stelle, an der es steht. Ich erinnere an Sitzungen und melde neue Dokumente zu "
        "Ihren Stichwörtern. Für Mitglieder der Gremien und alle, die ihre Arbeit begleiten. "
        "Betrieben von {operator}."
    ),
    description_no_operator=(
        "Ich beantworte Fragen zu Niederschriften, Vorlagen und Terminen der Ausschüsse – mit "
        "der Stelle, an der es steht. Ich erinnere an Sitzungen und melde neue Dokumente zu "
        "Ihren Stichwörtern. Für Mitglieder der Gremien und alle, die ihre Arbeit begleiten."
    ),
    short_description="Fragen, Termine und neue Dokumente der Ausschüsse. Von {operator}.",
    short_description_no_operator="Fragen, Termine und neue Dokumente der Ausschüsse.",
)
