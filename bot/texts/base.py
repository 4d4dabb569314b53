"""The shape of a language's texts: every string the bot says lives in one of these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    """All user-facing strings of one language. {placeholders} are filled with str.format."""

    language: str
    start_intro: str
    start_examples_title: str
    examples: tuple[str, str, str]
    help: str
    commands: dict[str, str]  # command -> description, for setMyCommands and /hilfe
    answer_title: str
    answer_as_of: str
    answer_earlier: str  # "Früher ({year}):" before the older answer a newer one updates
    more_title: str
    source: str
    confidence: dict[str, str]
    corrected: str
    declined: str
    ask_what: str
    button_more: str
    button_passage: str
    button_document: str
    button_web: str  # opens a paper's page in the council information system
    no_more: str
    passage_title: str
    document_caption: str
    documents_title: str
    documents_empty: str
    glossary_title: str
    glossary_builtin: str
    glossary_empty: str
    stale: str
    slow_down: str
    sorry: str
    unknown_command: str
    too_long: str
    months: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgendaTexts:
    """Texts of the calendar, subscriptions and announcements."""

    commands: dict[str, str]  # public calendar commands -> description
    staff_commands: dict[str, str]
    events_title: str
    events_empty: str
    button_ics: str
    button_web_event: str  # opens a session's page in the council information system
    agenda_item: str  # one agenda item: {number} and {name}
    agenda_item_unnumbered: str  # {name}
    agenda_not_public: str  # marks a non-public item (staff only)
    agenda_more: str  # {n} items left out
    agenda_title: str  # above the agenda in a reminder
    event_created: str
    event_changed: str
    event_deleted: str
    event_not_found: str
    event_read_only: str  # a session from the council information system (OParl)
    event_read_only_feed: str  # an event from a configured ICS feed
    errors: dict[str, str]  # ParseError keys -> message
    proposals_title: str
    proposals_empty: str
    proposals_page: str  # " (Seite {page} von {pages})", after the title
    proposals_past: str  # how many past proposals are left out, and where they are
    button_accept: str
    button_discard: str
    button_previous: str
    button_next: str
    accepted: str
    discarded: str
    decided_already: str
    abo_title: str
    topics: dict[str, str]
    abo_on: str
    abo_off: str
    abo_all_done: str
    abo_stopped: str
    offsets_now: str
    offsets_set: str
    units: dict[str, tuple[str, str]]  # d/h/m -> (singular, plural)
    and_word: str
    announce_usage: str
    announce_preview: str
    announce_at: str
    button_send: str
    button_cancel: str
    announce_queued: str
    announce_cancelled: str
    announce_decided: str
    announcement_heading: str
    reminder_heading: str
    reminder_when: str
    reminder_place: str
    joint_session: str  # a session of several committees: {names}
    notice_cancelled: str  # a session called off: {title}, {when}
    notice_moved: str  # a session moved: {title}, {old}, {new}
    staff_only: str
    admins_only: str
    staff_added: str
    staff_exists: str
    staff_usage: str
    status: str
    staff_private_only: str
    ics_caption: str
    # /termine for staff, deleting with confirmation, topics of /termin_neu, /erinnerung
    button_edit: str
    button_delete: str
    edit_hint: str
    edit_command: str  # the command name /termin_aendern in this language
    delete_confirm: str
    button_yes_delete: str
    delete_kept: str
    event_changed_meanwhile: str
    event_topic: str
    event_topic_from_title: str
    offsets_not_subscribed: str
    offsets_set_not_subscribed: str
    help_calendar_title: str
    help_staff_title: str
    sync_not_configured: str  # /sync without GREMIENBOT_OPARL_URL
    sync_started: str
    sync_running: str  # "läuft bereits"
    sync_last: str  # /status: {when}, {counts}, {errors}
    sync_failed: str  # /status: {when}, {error} (nothing synced)
    sync_counts: str  # {kind}: {new}, {changed}, {deleted}, {skipped}
    sync_kinds: dict[str, str]  # papers, meetings, organizations
    sync_more_errors: str  # {n}
    status_overdue: str  # /status when due deliveries wait over a minute: {n}, {since}


@dataclass(frozen=True)
class PrivacyTexts:
    """Texts of /datenschutz, /meine_daten and /daten_loeschen. {days}, {contact}, {n} etc. are
    filled with str.format."""

    info_title: str
    info_items: tuple[str, ...]  # what is stored, why, how long; {days}
    not_stored: str
    contact: str  # {contact}
    contact_missing: str
    commands_title: str
    command_lines: tuple[str, ...]
    private_only: str
    export_filename: str
    export_caption: str  # {questions}, {deliveries}
    delete_question: str  # {questions}, {deliveries}
    button_yes: str
    button_cancel: str
    deleted: str  # {questions}, {deliveries}
    cancelled: str
    not_yours: str


@dataclass(frozen=True)
class GapsTexts:
    """Texts of /luecken (staff): declined questions, grouped. {days}, {count} etc. are filled
    with str.format."""

    staff_only: str
    private_only: str
    empty: str  # {days}
    title: str  # {days}, {questions}, {groups}
    line: str  # {count}, {last}
    also: str  # {others}
    more: str  # {n}
    button_csv: str
    csv_caption: str  # {groups}
    csv_header: tuple[str, str, str, str, str]


@dataclass(frozen=True)
class UploadTexts:
    """Texts of documents sent to the bot (staff) and of /dokument_entfernen."""

    members_only_staff: str  # a member sent a file: friendly, nothing downloaded
    private_only: str  # staff sent a file in a group
    too_large: str  # {mb}, {limit}
    unknown_type: str  # {name}
    unreadable: str  # damaged or not what its name says (the reason goes to the log)
    encrypted: str
    no_text: str  # a PDF without text and without scanned pages
    no_ocr: str  # scanned PDF, Tesseract missing; {command}
    empty: str
    failed: str  # the download or storing failed
    busy: str  # while reading (OCR may take a while)
    known: str  # same content already stored: {title}
    preview_title: str  # {title}
    preview_details: str  # {kind}, {year}, {passages}, {appointments}
    preview_kind_unknown: str
    preview_year_unknown: str
    preview_ocr: str  # {n} pages read by OCR
    preview_notes: str  # {notes}
    preview_start: str
    preview_title_from: dict[str, str]  # caption / heading / name -> where the title came from
    preview_same_title: str  # {title}: a document of that title exists (replaced after asking)
    preview_question: str
    button_public: str
    button_internal: str
    button_discard: str
    replace_question: str  # {title}, {when}
    button_replace_public: str
    button_replace_internal: str
    stored_public: str  # {title}, {passages}
    stored_internal: str  # {title}, {passages}
    replaced: str  # {title}
    proposals_waiting: str  # {n}
    discarded: str
    decided_already: str
    not_yours: str
    remove_title: str  # {page}, {pages}
    remove_empty: str
    remove_confirm: str  # {title}, {details}
    button_remove_yes: str
    button_cancel: str
    button_previous: str
    button_next: str
    removed: str  # {title}
    remove_cancelled: str
    remove_gone: str


@dataclass(frozen=True)
class CalendarAnswerTexts:
    """Texts of questions answered from the calendar ("Wann tagt der Integrationsrat?")."""

    weekdays: tuple[str, str, str, str, str, str, str]
    months: tuple[str, ...]  # January .. December
    next_title: str
    last_title: str
    upcoming_title: str  # agenda questions: the sessions searched
    range_titles: dict[str, str]  # week, next_week, last_week, today, tomorrow: fixed titles
    day_title: str  # {day}
    month_title: str  # {month}, {year}
    year_title: str  # {year}
    when_line: str  # {weekday}, {date}, {time}
    when_all_day: str  # {weekday}, {date}
    place_line: str  # {place}
    agenda_public: str  # above the public agenda (members, groups)
    agenda_all: str  # above the whole agenda (staff in a private chat)
    agenda_fitting: str  # above the items that fit an agenda question
    agenda_missing: str  # a session without a stored agenda
    agenda_nothing: str  # {words}: no item of the sessions searched fits
    none_ahead: dict[str, str]  # kind (sitzungen, jury, veranstaltungen, "") -> text; {name}
    none_ahead_unnamed: dict[str, str]  # the same without a name
    none_past: str  # {name}
    none_past_unnamed: str
    none_in: str  # {period}: nothing in a range ("diese Woche")
    range_names: dict[str, str]  # week, next_week, ... -> "diese Woche"; day/month/year: format
    latest: str  # {when}, {title}: the most recent past one when nothing lies ahead
    from_documents: str  # {year}: the document answer that follows
    from_documents_no_year: str


@dataclass(frozen=True)
class AlertTexts:
    """Keyword alerts, deep links, quiet hours and the bot's profile texts."""

    alert_keyword: str  # {word}: heading of an alert for a keyword
    alert_committee: str  # {topic}: heading of an alert for a committee
    alert_internal: str  # marks an internal document (staff only)
    button_passage: str
    keyword_added: str  # {word}
    keyword_exists: str  # {word}
    keyword_empty: str
    keyword_too_many: str  # {n}
    keyword_removed: str  # {word}
    keyword_gone: str
    keywords_title: str
    keywords_hint: str
    button_remove: str  # {word}
    share_topics: str  # above the deep links of /abo
    share_events: str  # {link}: under /termine
    deeplink_topic: str  # {topic}: contains "abonniert"
    deeplink_keyword: str  # {word}: contains "abonniert"
    quiet_now: str  # {label}
    quiet_none: str
    quiet_set: str  # {label}
    quiet_off: str
    quiet_usage: str
    description: str  # {operator}: setMyDescription (at most 512 characters)
    description_no_operator: str
    short_description: str  # {operator}: setMyShortDescription (at most 120 characters)
    short_description_no_operator: str
