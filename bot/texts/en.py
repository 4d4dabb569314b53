"""English texts, for users whose Telegram language is English."""

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
    language="en",
    start_intro=(
        "Hello! I answer questions about the committees' minutes, papers and concepts – "
        "with the place where it is written. The documents are in German.\n"
        "Just type your question. /help lists all commands."
    ),
    start_examples_title="For example:",
    examples=(
        "What is Baustein 6?",
        "How many case management posts are filled?",
        "When is the seal award 2020?",
    ),
    help=(
        "How it works:\n"
        "• Type a question, e.g. “who leads the KI” – in groups use /ask or mention me.\n"
        "• Below each answer: more hits, the whole passage, the document as a file."
    ),
    commands={
        "start": "Welcome and examples",
        "help": "Help and commands",
        "ask": "Ask a question: /ask TEXT",
        "documents": "Which documents I know",
        "glossary": "Abbreviations and their meaning",
        "privacy": "What data I store and for how long",
        "mydata": "Your stored data as a file",
        "deletedata": "Delete your stored data",
    },
    answer_title="Answer",
    answer_as_of="as of {year}",
    answer_earlier="Earlier ({year}):",
    more_title="Further hit",
    source="Source",
    confidence={"high": "sure", "medium": "likely", "low": "unsure"},
    corrected="(Read as: {pairs})",
    declined=(
        "I found nothing reliable on that in the documents. Try other keywords, or see "
        "/documents for what I know."
    ),
    ask_what="What would you like to know? For example: /ask What is KIM?",
    button_more="More hits",
    button_passage="Whole passage",
    button_document="Document",
    button_web="In the council information system",
    no_more="No further hits.",
    passage_title="The whole passage",
    document_caption="{title} ({details})",
    documents_title="These are the documents I know:",
    documents_empty="No documents have been read in yet.",
    glossary_title="Abbreviations in the documents:",
    glossary_builtin="common abbreviation",
    glossary_empty="I found no abbreviations in the documents.",
    stale="This button is out of date (the documents were updated). Please ask again.",
    slow_down=(
        "You have asked a great many questions in the last minute. Please wait a moment, "
        "then I will gladly answer again."
    ),
    sorry="Sorry, something went wrong on my side. Please try again.",
    unknown_command="I do not know that command. /help shows what I can do.",
    too_long="(Your message was very long; I read only its beginning.)",
)

AGENDA = AgendaTexts(
    commands={
        "events": "The next events",
        "subscribe": "Subscribe to reminders, announcements, keywords",
        "unsubscribe": "End all subscriptions",
        "reminders": "When I remind you, e.g. /reminders 1d 2h",
        "quiet": "Quiet hours for messages, e.g. /quiet 22-7",
    },
    staff_commands={
        "event_new": "New event: [#topic] DD.MM.YYYY HH:MM title @ place",
        "event_edit": "Change event: #ID [#topic] DD.MM.YYYY HH:MM title @ place",
        "event_delete": "Delete event: #ID (from /events)",
        "proposals": "Review event proposals from minutes",
        "announce": "Send an announcement: [#topic] [DD.MM.YYYY HH:MM] text",
        "status": "Delivery status",
        "gaps": "Unanswered questions of the last 30 days, grouped",
        "sync": "Sync with the council information system now",
        "staff_add": "Add staff: Telegram id (admins only)",
        "document_remove": "Remove a document from the knowledge base (new ones: send the file)",
    },
    events_title="The next events:",
    events_empty="There are no events at the moment.",
    button_ics="📅 #{n}",
    button_web_event="🔗 #{n} in the council information system",
    agenda_item="Item {number}: {name}",
    agenda_item_unnumbered="Item: {name}",
    agenda_not_public="not public",
    agenda_more="… and {n} more",
    agenda_title="Agenda:",
    event_created="Event created (#{id}): {when} – {title}",
    event_changed="Event #{id} changed: {when} – {title}",
    event_deleted="Event #{id} deleted; pending reminders are cancelled.",
    event_read_only=(
        "Event #{id} comes from the council information system and is maintained there; "
        "the bot takes over changes and cancellations with the next sync."
    ),
    event_read_only_feed=(
        "Event #{id} comes from a subscribed calendar (ICS feed) and is kept there; the bot "
        "takes over changes and cancellations the next time it reads that calendar."
    ),
    event_not_found=(
        "There is no event #{id} among the upcoming events. Only those can be changed or "
        "deleted, with the number /events shows."
    ),
    errors={
        "event_usage": "Like this: /event_new [#topic] DD.MM.YYYY HH:MM title @ place",
        "change_usage": "Like this: /event_edit ID [#topic] DD.MM.YYYY HH:MM title @ place",
        "delete_usage": "Like this: /event_delete ID (the number /events shows)",
        "bad_topic": (
            "That topic does not fit an event. Please #sitzungen, #jury, #veranstaltungen "
            "or the name of a committee, e.g. #Sozialausschuss."
        ),
        "bad_date": "I do not understand the date. Please DD.MM.YYYY (or YYYY-MM-DD).",
        "bad_time": "I do not understand the time. Please HH:MM (24 hours).",
        "event_no_title": "Please give a title.",
        "event_title_too_long": "The title is too long (200 characters at most).",
        "in_past": "That moment is in the past.",
        "bad_offsets": (
            "Like this: /reminders 1d 2h (m = minutes, h = hours, d = days; "
            "at most 6, up to 60 days)."
        ),
        "date_out_of_range": "I cannot enter that date: dates from {first} to {last} work.",
    },
    proposals_title="Event proposals from the minutes:",
    proposals_empty="No open proposals.",
    proposals_page=" (page {page} of {pages})",
    proposals_past=(
        "Not shown: {n} with a past date (kept as history in “gremienbot events --all”)."
    ),
    button_accept="✓ Accept #{id}",
    button_discard="✗ Discard #{id}",
    button_previous="‹ back",
    button_next="next ›",
    accepted="Accepted: {title} on {when}.",
    discarded="Discarded: {title}.",
    decided_already="That was decided already.",
    abo_title="What shall I remind you of? Tap a topic to switch it on or off.",
    topics={
        "*": "Everything",
        "sitzungen": "Sessions",
        "jury": "Jury",
        "veranstaltungen": "Events",
        "ankuendigungen": "Announcements",
    },
    abo_on="✅ {topic}",
    abo_off="▫️ {topic}",
    abo_all_done="You now get all reminders and announcements. /unsubscribe ends that.",
    abo_stopped="You will get no more reminders or announcements.",
    offsets_now="I remind you {offsets} before an event. Change: /reminders 1d 2h",
    offsets_set="Fine – from now on I remind you {offsets} before.",
    units={"d": ("day", "days"), "h": ("hour", "hours"), "m": ("minute", "minutes")},
    and_word="and",
    announce_usage="Like this: /announce [#topic] [DD.MM.YYYY HH:MM] text",
    announce_preview="Preview – goes to {n} recipients{at}:",
    announce_at=" on {when}",
    button_send="Send",
    button_cancel="Cancel",
    announce_queued="The announcement is being sent to {n} recipients.",
    announce_cancelled="Cancelled; nothing was sent.",
    announce_decided="This announcement was sent or cancelled already.",
    announcement_heading="Announcement",
    reminder_heading="Reminder: {title}",
    reminder_when="{when}",
    reminder_place="Place: {place}",
    joint_session="Joint session: {names}",
    notice_cancelled="Cancelled: {title}\n{when} – cancelled.",
    notice_moved="Moved: {title}\nmoved from {old} to {new}.",
    staff_only="Only staff of the KI may do that. Nothing was changed or sent.",
    admins_only="Only administrators may add staff.",
    staff_added="{id} is now registered as staff.",
    staff_exists="{id} is registered already.",
    staff_usage="Like this: /staff_add TELEGRAM-ID",
    status=(
        "Delivery – pending: {pending}, in flight: {sending}, sent: {sent}, failed: {failed}, "
        "dropped: {dropped}.\nSubscribers: {subscribers} active, {inactive} stopped."
    ),
    staff_private_only=(
        "Staff commands work only in a private chat with me – everyone here can read along."
    ),
    ics_caption="{title} – {when}",
    button_edit="✏️ Change #{id}",
    button_delete="🗑 Delete #{id}",
    edit_hint="To change event #{id}, copy the command, adjust it and send it:",
    edit_command="event_edit",
    delete_confirm="Delete event #{id}? {when} – {title}. Pending reminders are cancelled.",
    button_yes_delete="Yes, delete",
    delete_kept="Cancelled; event #{id} was not deleted.",
    event_changed_meanwhile=(
        "Event #{id} was changed or deleted in the meantime; nothing was deleted. "
        "Please open /events again."
    ),
    event_topic="Topic: {topic}",
    event_topic_from_title=(
        "Topic: {topic} (from the title; choose another with #sitzungen, #jury, "
        "#veranstaltungen or #committee before the date)"
    ),
    offsets_not_subscribed=(
        "You are not subscribed – I remind you of no events. /subscribe chooses topics, "
        "/subscribe all everything; then I remind you {offsets} before."
    ),
    offsets_set_not_subscribed=(
        "Saved: {offsets} before. But you are not subscribed – /subscribe chooses topics, "
        "/subscribe all everything."
    ),
    help_calendar_title="Events and reminders:",
    help_staff_title="For staff:",
    sync_not_configured=(
        "No council information system is set up (GREMIENBOT_OPARL_URL is missing)."
    ),
    sync_started="Syncing with the council information system. /status shows the result.",
    sync_running="A sync with the council information system is already running.",
    sync_last="Last sync with the council information system: {when} – {counts}; {errors} errors.",
    sync_failed="Last sync with the council information system: {when} – failed: {error}",
    sync_counts="{kind} {new} new, {changed} changed, {deleted} deleted, {skipped} skipped",
    sync_kinds={"papers": "papers", "meetings": "meetings", "organizations": "committees"},
    sync_more_errors="… and {n} more errors (see the log).",
    status_overdue=(
        "Attention – due for over a minute and not sent yet: {n} (the oldest due since {since})."
    ),
)

PRIVACY = PrivacyTexts(
    info_title="Privacy: what I store, why and for how long",
    info_items=(
        "• Your questions with your Telegram user id and the time – so that “More hits” finds "
        "the question again. Deleted after {days} days.",
        "• Your subscription: chat id, language, topics and reminder times – so that reminders "
        "and announcements reach you. Kept until you delete it.",
        "• Messages to you (reminders, announcements): kind, time, delivery status – so that "
        "each arrives exactly once. Kept like the subscription.",
        "• Announcements by staff: text, author, time, number of recipients – as a record of "
        "what was sent. They stay when you delete your data; your id is not in them.",
    ),
    not_stored="I do not store your name, your phone number or any other messages.",
    contact="Privacy questions: {contact}",
    contact_missing=(
        "The operator of this bot has not configured a privacy contact. Please ask whoever "
        "pointed you to this bot (e.g. the office of your committee)."
    ),
    commands_title="What you can do:",
    command_lines=(
        "/mydata – everything I have stored about you, as a file",
        "/deletedata – delete your questions, your subscription and planned messages",
        "/unsubscribe – only stop the subscriptions",
    ),
    private_only=(
        "I show and delete your data only in a private chat with me – everyone here can read "
        "along. Write to me directly: /mydata or /deletedata."
    ),
    export_filename="my-data.json",
    export_caption=(
        "Everything I have stored about you (JSON file). Questions: {questions}, messages to "
        "you: {deliveries}."
    ),
    delete_question=(
        "Delete all your data? Your subscription with topics and reminder times, stored "
        "questions: {questions}, planned messages: {deliveries}. Afterwards I send you nothing "
        "until you choose /subscribe again."
    ),
    button_yes="Yes, delete",
    button_cancel="Cancel",
    deleted=(
        "Your data is deleted: your subscription, questions: {questions}, planned messages: "
        "{deliveries}. I send you nothing until you choose /subscribe again."
    ),
    cancelled="Cancelled. Nothing was deleted.",
    not_yours="This button is not yours; nothing was deleted. For your own data: /deletedata.",
)


GAPS = GapsTexts(
    staff_only="This overview is for KI staff only.",
    private_only="Please use /gaps in a private chat with me.",
    empty="No question went unanswered in the last {days} days.",
    title="Unanswered questions of the last {days} days ({questions} questions, {groups} topics):",
    line=" – {count}×, last asked {last}",
    also="similar: {others}",
    more="… and {n} more topics (all in the CSV file).",
    button_csv="📄 Export as CSV",
    csv_caption="Unanswered questions, {groups} topics.",
    csv_header=("Question", "Count", "Last asked", "Similar questions", "Terms"),
)


UPLOADS = UploadTexts(
    members_only_staff=(
        "Thank you! Only KI staff can add documents; I have not opened your file. I am glad to "
        "answer questions about the documents I have."
    ),
    private_only="I accept documents only in a private chat with me – everyone reads along here.",
    too_large=(
        "The file is too large ({mb} MB); Telegram lets me download files of up to {limit} MB "
        "only. Nothing was stored."
    ),
    unknown_type=(
        "I cannot read “{name}”: I take PDF, Word (.docx), OpenDocument (.odt) and text (.txt, "
        ".md). Nothing was stored."
    ),
    unreadable=(
        "I cannot read the file: it is damaged, incomplete or not in the format its name "
        "promises. Nothing was stored."
    ),
    encrypted=(
        "The file is encrypted or protected by a password; please send it without one. "
        "Nothing was stored."
    ),
    no_text=(
        "The file holds no readable text (neither a text layer nor scanned pages). "
        "Nothing was stored."
    ),
    no_ocr=(
        "This is a scan, but text recognition (OCR) is not installed on the server. Please ask "
        "the operator: {command}. Nothing was stored."
    ),
    empty="The file is empty. Nothing was stored.",
    failed="That did not work; please try again in a moment. Nothing was stored.",
    busy="One moment – I am reading the file (scans take a little longer).",
    known="I know this document already: “{title}”. It was not stored again.",
    preview_title="Preview: “{title}”",
    preview_details="Kind: {kind} · year: {year} · {passages} passages · {appointments} dates",
    preview_kind_unknown="not recognised",
    preview_year_unknown="not recognised",
    preview_ocr="{n} page(s) read by text recognition (OCR).",
    preview_notes="Note: {notes}",
    preview_start="Beginning:",
    preview_title_from={
        "caption": "Title from your caption.",
        "heading": "Title from the first heading; send a caption with the file for another.",
        "name": "Title from the file name; send a caption with the file for another.",
    },
    preview_same_title="A document with this title exists; I will ask before replacing it.",
    preview_question="Nothing is searchable yet. Who may read it?",
    button_public="Public – all members",
    button_internal="Internal – staff only",
    button_discard="Discard",
    replace_question="“{title}” exists already (stored {when}). Replace it with the new version?",
    button_replace_public="Yes, replace (public)",
    button_replace_internal="Yes, replace (internal)",
    stored_public="Stored and searchable for everyone: “{title}” ({passages} passages).",
    stored_internal=(
        "Stored as internal – only staff in a private chat find it: “{title}” "
        "({passages} passages)."
    ),
    replaced="The old version of “{title}” is replaced.",
    proposals_waiting="{n} event proposal(s) wait in /proposals.",
    discarded="Discarded – nothing was stored.",
    decided_already="This file has been decided on already.",
    not_yours="Whoever sent the file decides about it. Nothing was changed.",
    remove_title="Which document should leave the knowledge base? (page {page} of {pages})",
    remove_empty="No documents are stored.",
    remove_confirm="Remove “{title}” ({details})? I will find nothing in it afterwards.",
    button_remove_yes="Yes, remove",
    button_cancel="Cancel",
    button_previous="‹ back",
    button_next="next ›",
    removed="Removed: “{title}”.",
    remove_cancelled="Cancelled – nothing was removed.",
    remove_gone=(
        "This document is gone or the list is out of date: please call /document_remove again."
    ),
)

CALENDAR_ANSWERS = CalendarAnswerTexts(
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=tuple(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    ),
    next_title="Next in the calendar:",
    last_title="Most recent in the calendar:",
    upcoming_title="In the calendar:",
    range_titles={
        "week": "In the calendar this week:",
        "next_week": "In the calendar next week:",
        "last_week": "In the calendar last week:",
        "today": "In the calendar today:",
        "tomorrow": "In the calendar tomorrow:",
    },
    day_title="In the calendar on {day}:",
    month_title="In the calendar in {month} {year}:",
    year_title="In the calendar in {year}:",
    when_line="{weekday}, {date}, {time} (Berlin time)",
    when_all_day="{weekday}, {date} (all day)",
    place_line="Place: {place}",
    agenda_public="Agenda (public part):",
    agenda_all="Agenda:",
    agenda_fitting="On the agenda:",
    agenda_missing="No agenda is stored in the calendar.",
    agenda_nothing="The agendas of the coming sessions have nothing on “{words}”.",
    none_ahead={
        "sitzungen": "The calendar has no coming session for “{name}”.",
        "jury": "The calendar has no coming jury session for “{name}”.",
        "": "The calendar has no coming event for “{name}”.",
    },
    none_ahead_unnamed={
        "sitzungen": "The calendar has no coming session.",
        "jury": "The calendar has no coming jury session.",
        "": "The calendar has no coming event.",
    },
    none_past="The calendar has no past session for “{name}”.",
    none_past_unnamed="The calendar has no past session.",
    none_in="The calendar has nothing {period}.",
    range_names={
        "week": "this week",
        "next_week": "next week",
        "last_week": "last week",
        "today": "today",
        "tomorrow": "tomorrow",
        "day": "on {day}",
        "month": "in {month} {year}",
        "year": "in {year}",
    },
    latest="Most recent: {when} – {title}",
    from_documents="From the documents ({year}):",
    from_documents_no_year="From the documents:",
)

ALERTS = AlertTexts(
    alert_keyword="🔔 New document for the keyword “{word}”",
    alert_committee="🔔 New document for {topic}",
    alert_internal="not public",
    button_passage="Whole passage",
    keyword_added=(
        "✅ Subscribed to the keyword “{word}”. When a new document mentions it, I send you "
        "the sentence. /subscribe shows your subscriptions."
    ),
    keyword_exists="You are already subscribed to the keyword “{word}”.",
    keyword_empty="Please name a word, e.g. /subscribe keyword Kita",
    keyword_too_many="You have {n} keywords already. Please remove one first (/subscribe).",
    keyword_removed="Keyword “{word}” removed.",
    keyword_gone="This keyword was removed already.",
    keywords_title="Your keywords (tap to remove):",
    keywords_hint=(
        "Hear of new documents on a subject: /subscribe keyword WORD (e.g. /subscribe keyword "
        "Kita)."
    ),
    button_remove="❌ {word}",
    share_topics="To pass on (one tap subscribes):",
    share_events="Subscribe to the events, to pass on: {link}",
    deeplink_topic=(
        "✅ Subscribed to “{topic}”. I will remind you of these events. /subscribe shows and "
        "changes your subscriptions, /unsubscribe ends them all."
    ),
    deeplink_keyword=(
        "✅ Subscribed to the keyword “{word}”. When a new document mentions it, I will tell "
        "you. /subscribe shows and changes your subscriptions."
    ),
    quiet_now="Your quiet hours: {label}. Change: /quiet 22-7, remove: /quiet off",
    quiet_none=(
        "No quiet hours set. With /quiet 22-7, alerts and announcements between 10 pm and "
        "7 am wait until the morning."
    ),
    quiet_set=(
        "Quiet hours {label} saved. Alerts and announcements wait until they end; a reminder "
        "of an event that starts earlier comes before they begin."
    ),
    quiet_off="Quiet hours removed: messages come at any time again.",
    quiet_usage="Like this: /quiet 22-7 (10 pm to 7 am), /quiet 22:30-6:30 or /quiet off",
    description=(
        "I answer questions about the minutes, papers and dates of the committees, quoting the "
        "passage. I remind you of sessions and tell you of new documents on your keywords. "
        "For committee members and everyone who follows their work. Run by {operator}."
    ),
    description_no_operator=(
        "I answer questions about the minutes, papers and dates of the committees, quoting the "
        "passage. I remind you of sessions and tell you of new documents on your keywords. "
        "For committee members and everyone who follows their work."
    ),
    short_description="Questions, dates and new papers of the committees. By {operator}.",
    short_description_no_operator="Questions, dates and new papers of the committees.",
)
