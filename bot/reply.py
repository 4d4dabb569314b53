"""What the bot says, independent of where it is shown (Telegram HTML or a terminal)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.dialog import Person

Style = Literal["plain", "bold", "italic", "quote", "code", "link"]


@dataclass(frozen=True)
class Span:
    """A run of text with one style; text is raw (renderers escape it)."""

    text: str
    style: Style = "plain"
    href: str | None = None


@dataclass(frozen=True)
class Button:
    """A button: its label and the callback data it sends (see bot.actions), or a link
    (`url`, http(s)) it opens instead."""

    label: str
    data: str = ""
    url: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A file to send along."""

    filename: str
    content: bytes
    caption: str = ""


@dataclass(frozen=True)
class Reply:
    """Paragraphs of spans, rows of buttons, and maybe a file."""

    paragraphs: tuple[tuple[Span, ...], ...] = ()
    buttons: tuple[tuple[Button, ...], ...] = ()
    attachment: Attachment | None = None
    toast: str | None = None  # short note for a pressed button (answerCallbackQuery)
    quiet: bool = False  # nothing to send (e.g. a group message not meant for the bot)
    meta: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def text(*lines: str) -> Reply:
        """A reply of plain paragraphs."""
        return Reply(tuple((Span(line),) for line in lines))


def staff_refusal(who: Person, staff_only: str, private_only: str) -> Reply | None:
    """The reply that refuses a staff command: to a member, or in a group (everyone would
    read along); None when `who` is staff in a private chat."""
    if not who.staff:
        return Reply.text(staff_only)
    if not who.private:
        return Reply.text(private_only)
    return None
