"""Glue at the composition root: appointments found in newly ingested minutes become
proposals in the calendar (knowledge/ and scheduler/ do not know each other)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from knowledge.base import KnowledgeBase
from knowledge.ingest import IngestResult
from scheduler.calendar import Calendar
from scheduler.events import Event, to_utc


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9äöüß]+", "-", text.lower()).strip("-")[:40]


def _iso_date(value: str | None) -> date | None:
    """A document's date as stored (ISO, or TT.MM.JJJJ), or None when there is none or it
    does not parse."""
    if not value:
        return None
    german = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", value)
    try:
        if german:
            return date(int(german.group(3)), int(german.group(2)), int(german.group(1)))
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def propose_from(kb: KnowledgeBase, calendar: Calendar, results: Iterable[IngestResult]) -> int:
    """Propose the appointments of every added or updated document; returns how many are new."""
    from scheduler.proposals import find_appointments

    new = 0
    for result in results:
        if result.status not in ("added", "updated"):
            continue
        found = kb.document_sentences(result.name)
        if found is None:
            continue
        year, sentences = found
        stored = kb.document_text(result.name)
        written, text = (_iso_date(stored[0]), stored[1]) if stored else (None, None)
        events = []
        for p in find_appointments(
            sentences, document=result.name, year=year, written=written, text=text
        ):
            start = to_utc(p.day, p.time)
            end = to_utc(p.end_day + timedelta(days=1), None) if p.end_day else None
            events.append(
                Event(
                    title=p.title,
                    start_at=start,
                    end_at=end,
                    all_day=p.time is None,
                    topic=p.topic,
                    description=p.text,
                    document=p.document,
                    source=f"{'Beratungsfolge' if p.topic else 'Niederschrift'} {p.document}",
                    status="proposed",
                    uid=f"prop:{p.document}:{p.day.isoformat()}:{_slug(p.title)}",
                )
            )
        new += calendar.propose(events)
    return new
