"""The terminal chat: the same Dialog as in Telegram, shown as plain text."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from bot.dialog import Dialog, Person
from bot.reply import Button, Reply, Span

_COMMANDS = {
    "start": "start",
    "hilfe": "help",
    "help": "help",
    "dokumente": "documents",
    "documents": "documents",
    "glossar": "glossary",
    "glossary": "glossary",
}
_AGENDA = {  # command -> (Agenda method, takes arguments)
    "termine": ("events", False), "events": ("events", False),
    "abo": ("subscribe", True), "subscribe": ("subscribe", True),
    "abbestellen": ("unsubscribe", False), "unsubscribe": ("unsubscribe", False),
    "erinnerung": ("reminders", True), "reminders": ("reminders", True),
    "termin_neu": ("new_event", True), "event_new": ("new_event", True),
    "termin_aendern": ("change_event", True), "event_edit": ("change_event", True),
    "termin_loeschen": ("delete_event", True), "event_delete": ("delete_event", True),
    "vorschlaege": ("proposals", False), "proposals": ("proposals", False),
    "ankuendigung": ("announce", True), "announce": ("announce", True),
    "status": ("status", False), "staff_add": ("staff_add", True),
    "ruhezeit": ("quiet", True), "quiet": ("quiet", True),
}  # fmt: skip
_PRIVACY = {  # command -> Privacy method
    "datenschutz": "info", "privacy": "info",
    "meine_daten": "my_data", "mydata": "my_data",
    "daten_loeschen": "delete_data", "deletedata": "delete_data",
}  # fmt: skip
_ENDS = {"exit", "quit", "ende", "/ende", "/exit", "/quit"}


def span_text(span: Span) -> str:
    """A span as plain text."""
    if span.style == "quote":
        return "  „" + span.text + "“"
    return span.text


def render(reply: Reply, files: Path) -> tuple[str, list[Button]]:
    """Plain text of a reply and its buttons in the order they are numbered."""
    lines = ["".join(span_text(s) for s in para) for para in reply.paragraphs]
    buttons = [b for row in reply.buttons for b in row if not b.url]
    if buttons:
        lines.append("   ".join(f"[{i}] {b.label}" for i, b in enumerate(buttons, start=1)))
    lines += [f"{b.label}: {b.url}" for row in reply.buttons for b in row if b.url]
    if reply.attachment is not None:
        files.mkdir(parents=True, exist_ok=True)
        target = files / Path(reply.attachment.filename).name
        target.write_bytes(reply.attachment.content)
        lines.append(
            f"{reply.attachment.caption}\nDatei: {target} ({len(reply.attachment.content)} Bytes)"
        )
    return "\n".join(lines), buttons


def respond(dialog: Dialog, who: Person, line: str, buttons: list[Button]) -> Reply:
    """The reply to one line typed in the terminal: a button number, a /command or a question."""
    text = line.strip()
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return dialog.press(who, buttons[int(text) - 1].data)
    m = re.match(r"^/(\w+)(?:@\w+)?\s*(.*)$", text, re.S)
    if m:
        command, rest = m.group(1).lower(), m.group(2)
        if command in ("frage", "ask"):
            return dialog.ask(who, rest)
        if dialog.agenda is not None and command in _AGENDA:
            name, with_args = _AGENDA[command]
            call = getattr(dialog.agenda, name)
            reply: Reply = call(who, rest) if with_args else call(who)
            return reply
        if command in ("luecken", "gaps"):
            return dialog.gaps.show(who)
        if command in _PRIVACY:
            privacy_reply: Reply = getattr(dialog.privacy, _PRIVACY[command])(who)
            return privacy_reply
        method: Callable[[Person], Reply] | None = getattr(dialog, _COMMANDS.get(command, ""), None)
        return method(who) if method else dialog.unknown_command(who)
    return dialog.ask(who, text)


def chat(
    dialog: Dialog, who: Person, stream: IO[str], out: Callable[[str], None], *, prompt: bool
) -> None:
    """Hold the conversation until end of input or 'exit'."""
    files = Path(tempfile.gettempdir()) / "gremienbot-dateien"
    text, buttons = render(dialog.start(who), files)
    out(text + "\n\n")
    while True:
        if prompt:
            out("Frage> ")
        line = stream.readline()
        if not line:
            break
        if line.strip().lower() in _ENDS:
            break
        if not line.strip():
            continue
        text, new_buttons = render(respond(dialog, who, line, buttons), files)
        buttons = new_buttons or buttons
        out(text + "\n\n")
