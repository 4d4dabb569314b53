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
    more_title: str
    source: str
    confidence: dict[str, str]
    corrected: str
    declined: str
    ask_what: str
    button_more: str
    button_passage: str
    button_document: str
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
