"""Button actions and their callback data: "v1:<kind>:<n>:<n>", at most 64 bytes.

Built and read only here, so Telegram keyboards and the terminal chat press the same buttons.
A data string of another version, or one that does not parse, decodes to None: the button is
stale (from before a restart or an update) and is answered politely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

VERSION = "v1"
MAX_BYTES = 64  # Telegram's limit for callback_data
ActionKind = Literal[
    "ex", "more", "pas", "doc", "ics", "acc", "dis", "abo", "ann", "edit", "del", "delok",
    "forget", "pp", "gapx", "upl", "dpg", "drm", "drmok", "kwd", "alp",
]  # fmt: skip
# kind -> number of args: example index; question id + offset; passage/document/event id +
# version of what it points to; topic index + number of topics; announcement id + send (1/0).
# Staff under /termine: edit, del (asks first) take event id + version; delok adds yes (1/0).
_KINDS: dict[str, int] = {
    "ex": 1, "more": 2, "pas": 2, "doc": 2, "ics": 2, "acc": 2, "dis": 2, "abo": 2, "ann": 2,
    "edit": 2, "del": 2, "delok": 3,
    "forget": 2,  # /daten_loeschen: user id it was offered to + yes (1) / cancel (0)
    "pp": 1,  # /vorschlaege: the page to show (1, 2, ...)
    "gapx": 1,  # /luecken: export the declined questions of that many days as CSV
    # A file sent by staff: pending upload id + choice (0 discard, 1 public, 2 internal,
    # 3 replace as public, 4 replace as internal).
    "upl": 2,
    # /dokument_entfernen: page; document id + generation; the same + yes (1) / cancel (0).
    "dpg": 1, "drm": 2, "drmok": 3,
    "kwd": 1,  # /abo: remove the keyword with this id
    "alp": 2,  # an alert's passage: passage id + document id (stays valid as documents come)
}  # fmt: skip


_NUMBER_RE = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class Action:
    """What a button does: an example question, more hits, the passage, the document."""

    kind: ActionKind
    args: tuple[int, ...]

    def encode(self) -> str:
        """Callback data for this action (always within Telegram's 64 bytes)."""
        data = ":".join([VERSION, self.kind, *(str(a) for a in self.args)])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data too long: {data!r}")
        return data


def decode(data: str | None) -> Action | None:
    """The action of a callback data string, or None when it is stale or foreign."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != VERSION or parts[1] not in _KINDS:
        return None
    kind: ActionKind = parts[1]  # type: ignore[assignment]
    if len(parts) - 2 != _KINDS[kind]:
        return None
    # Plain ASCII digits of a size SQLite can hold: crafted data ("+1", "1_0", "٣", 30
    # digits) is stale, never an error.
    if not all(_NUMBER_RE.fullmatch(p) for p in parts[2:]):
        return None
    return Action(kind, tuple(int(p) for p in parts[2:]))
