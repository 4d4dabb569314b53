"""User-facing texts, one module per language; German is the default."""

from __future__ import annotations

from bot.texts import de, en
from bot.texts.base import Texts

__all__ = ["Texts", "texts_for"]


def texts_for(language_code: str | None) -> Texts:
    """English for users whose Telegram language is English, German for everyone else."""
    if language_code and language_code.lower().startswith("en"):
        return en.TEXTS
    return de.TEXTS
