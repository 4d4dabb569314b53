"""Pure: Reply buttons -> InlineKeyboardMarkup (callback buttons and link buttons)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.reply import Reply


def markup(reply: Reply) -> InlineKeyboardMarkup | None:
    """The inline keyboard for a reply's buttons, or None when it has none."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.data)
                for b in row
            ]
            for row in reply.buttons
        ]
    )
