"""User-facing texts, one module per language; German is the default."""

from __future__ import annotations

from bot.texts import de, en
from bot.texts.base import (
    AgendaTexts,
    AlertTexts,
    CalendarAnswerTexts,
    GapsTexts,
    PrivacyTexts,
    Texts,
    UploadTexts,
)

__all__ = [
    "AgendaTexts",
    "AlertTexts",
    "CalendarAnswerTexts",
    "GapsTexts",
    "PrivacyTexts",
    "Texts",
    "UploadTexts",
    "agenda_texts_for",
    "alert_texts_for",
    "calendar_answer_texts_for",
    "gaps_texts_for",
    "privacy_texts_for",
    "texts_for",
    "upload_texts_for",
]


def texts_for(language_code: str | None) -> Texts:
    """English for users whose Telegram language is English, German for everyone else."""
    if language_code and language_code.lower().startswith("en"):
        return en.TEXTS
    return de.TEXTS


def agenda_texts_for(language_code: str | None) -> AgendaTexts:
    """Calendar texts in the user's language (English or German)."""
    if language_code and language_code.lower().startswith("en"):
        return en.AGENDA
    return de.AGENDA


def privacy_texts_for(language_code: str | None) -> PrivacyTexts:
    """Privacy texts in the user's language (English or German)."""
    if language_code and language_code.lower().startswith("en"):
        return en.PRIVACY
    return de.PRIVACY


def gaps_texts_for(language_code: str | None) -> GapsTexts:
    """/luecken texts in the user's language (English or German)."""
    if language_code and language_code.lower().startswith("en"):
        return en.GAPS
    return de.GAPS


def upload_texts_for(language_code: str | None) -> UploadTexts:
    """Texts of documents sent to the bot in the user's language (English or German)."""
    if language_code and language_code.lower().startswith("en"):
        return en.UPLOADS
    return de.UPLOADS


def calendar_answer_texts_for(language_code: str | None) -> CalendarAnswerTexts:
    """Texts of calendar answers in the user's language (English or German)."""
    if language_code and language_code.lower().startswith("en"):
        return en.CALENDAR_ANSWERS
    return de.CALENDAR_ANSWERS


def alert_texts_for(language_code: str | None) -> AlertTexts:
    """Alert, deep-link and quiet-hours texts in the user's language (English or German)."""
    if language_code and language_code.lower().startswith("en"):
        return en.ALERTS
    return de.ALERTS
