"""Bounds on what the ingest stores from a document's metadata (pure)."""

from __future__ import annotations

MAX_TITLE = 300  # characters; a Markdown heading or corpus.json title may be far longer


def cap_title(title: str, limit: int = MAX_TITLE) -> str:
    """The title itself when it has at most `limit` characters, else cut to fit with "…"
    (at a word end when one is near)."""
    if len(title) <= limit:
        return title
    head = title[: limit - 1]
    space = head.rfind(" ", limit * 3 // 4)
    return (head[:space] if space > 0 else head).rstrip() + "…"
