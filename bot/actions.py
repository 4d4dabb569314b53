"""Button actions and their callback data: "v1:<kind>:<n>:<n>", at most 64 bytes.

Built and read only here, so Telegram keyboards and the terminal chat press the same buttons.
A data string of another version, or one that does not parse, decodes to None: the button is
stale (from before a restart or an update) and is answered politely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

VERSION = "v1"
MAX_BYTES = 64  # Telegram's limit for callback_data
ActionKind = Literal["ex", "more", "pas", "doc", "ics", "acc", "dis", "abo", "ann"]
# kind -> number of args: example index; question id + offset; passage/document/event id +
# version of what it points to; topic index + number of topics; announcement id + send (1/0).
_KINDS: dict[str, int] = {
    "ex": 1, "more": 2, "pas": 2, "doc": 2, "ics": 2, "acc": 2, "dis": 2, "abo": 2, "ann": 2,
}  # fmt: skip


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
    try:
        args = tuple(int(p) for p in parts[2:])
    except ValueError:
        return None
    if any(a < 0 for a in args):
        return None
    return Action(kind, args)
