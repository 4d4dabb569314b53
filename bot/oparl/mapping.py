"""OParl JSON -> event fields and document text + metadata. Pure functions, no I/O.

Every function takes what a server sent (untrusted, possibly OParl 1.0 or uneven real data)
and raises Malformed with one short reason for an object it cannot use.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from knowledge.ingest import DocumentMeta, TextDocument
from knowledge.limits import cap_title
from scheduler.events import BERLIN, AgendaItem, Event, in_window

SOURCE = "oparl"
DOC_PREFIX = "oparl/"
MAX_PLACE = 300
MAX_NAME = 500


class Malformed(ValueError):
    """An OParl object that cannot be used; str(exc) says why in a few words."""


def object_id(obj: Any) -> str:
    """The `id` of an OParl object (an http(s) URL); Malformed otherwise."""
    if not isinstance(obj, dict):
        raise Malformed("kein JSON-Objekt")
    oid = obj.get("id")
    if not isinstance(oid, str) or urlsplit(oid).scheme not in ("http", "https"):
        raise Malformed("keine gültige id")
    return oid


def id_tail(oparl_id: str) -> str:
    """The last path segment of an OParl id ("…/papers/vo/54509" -> "54509"), a short hash
    when it has none usable."""
    segments = [s for s in urlsplit(oparl_id).path.split("/") if s]
    tail = segments[-1] if segments else ""
    if re.fullmatch(r"[A-Za-z0-9._-]{1,80}", tail) and tail not in (".", ".."):
        return tail
    return hashlib.sha1(oparl_id.encode()).hexdigest()[:12]


def is_deleted(obj: Mapping[str, Any]) -> bool:
    """Whether the object is marked deleted (soft delete, OParl 1.1 §2.7)."""
    return obj.get("deleted") is True


def modified(obj: Mapping[str, Any]) -> str | None:
    """The `modified` stamp as sent (compared as text: the server's own value)."""
    value = obj.get("modified")
    return value if isinstance(value, str) and value else None


def parse_instant(value: Any, what: str = "Datum") -> datetime:
    """An OParl date-time ("2013-01-04T08:00:00+01:00", "…Z"; without an offset: Berlin
    time) as a UTC instant inside the calendar's window; Malformed otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise Malformed(f"{what} fehlt")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        at = datetime.fromisoformat(text)
    except ValueError as exc:
        raise Malformed(f"{what} unlesbar: {value[:40]!r}") from exc
    if at.tzinfo is None:
        at = at.replace(tzinfo=BERLIN)
    if not in_window(at):
        raise Malformed(f"{what} außerhalb des Zeitfensters: {value[:40]!r}")
    try:
        return at.astimezone(UTC)
    except (OverflowError, ValueError) as exc:  # pragma: no cover - window makes this safe
        raise Malformed(f"{what} unlesbar: {value[:40]!r}") from exc


def parse_day(value: Any) -> date | None:
    """An OParl date ("2014-04-04") inside the window, else None."""
    if not isinstance(value, str):
        return None
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return day if in_window(day) else None


def _text(value: Any, limit: int = MAX_NAME) -> str:
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def place_of(location: Any) -> str | None:
    """A Location's description, else room, street address and locality; None for a link
    (a URL string) or nothing usable."""
    if not isinstance(location, dict):
        return None
    described = _text(location.get("description"), MAX_PLACE)
    if described:
        return described
    parts = [
        _text(location.get(k), MAX_PLACE)
        for k in ("room", "streetAddress", "postalCode", "locality")
    ]
    joined = ", ".join(p for p in parts if p)
    return joined[:MAX_PLACE] or None


def organization_ids(meeting: Mapping[str, Any]) -> list[str]:
    """The ids of a meeting's organizations (linked as URLs or embedded as objects)."""
    found = meeting.get("organization")
    items = found if isinstance(found, list) else [found] if found else []
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            out.append(item["id"])
    return out


def organization_name(org: Mapping[str, Any]) -> str:
    """An Organization's name (its short name when it has no name); Malformed without."""
    name = _text(org.get("name"), 200) or _text(org.get("shortName"), 200)
    if not name:
        raise Malformed("Gremium ohne Namen")
    return name


def agenda_items(meeting: Mapping[str, Any]) -> tuple[AgendaItem, ...]:
    """The embedded agenda items in the order given (`order` when all have one); linked
    items (URLs) and items without a name are left out. Items not marked `public: true`
    count as non-public."""
    raw = meeting.get("agendaItem")
    items = [i for i in raw if isinstance(i, dict)] if isinstance(raw, list) else []
    if items and all(isinstance(i.get("order"), int) for i in items):
        items.sort(key=lambda i: i["order"])
    out: list[AgendaItem] = []
    for item in items:
        name = _text(item.get("name"))
        if not name:
            continue
        number = _text(item.get("number"), 20) or None
        out.append(AgendaItem(number, name, public=item.get("public") is True))
    return tuple(out)


@dataclass(frozen=True)
class MeetingFields:
    """What the bot keeps of an OParl Meeting."""

    uid: str
    title: str
    start_at: datetime
    end_at: datetime | None
    place: str | None
    topic: str | None
    committees: tuple[str, ...]
    cancelled: bool
    web: str | None
    agenda: tuple[AgendaItem, ...]
    modified: str | None

    def event(self) -> Event:
        """The calendar event: confirmed (cancelled when the session is called off)."""
        description = ", ".join(self.committees) if len(self.committees) > 1 else None
        return Event(
            title=self.title,
            start_at=self.start_at,
            end_at=self.end_at,
            place=self.place,
            topic=self.topic,
            description=description,
            source=SOURCE,
            status="cancelled" if self.cancelled else "confirmed",
            uid=self.uid,
        )


def web_link(obj: Mapping[str, Any]) -> str | None:
    """The object's `web` page when it is an http(s) URL."""
    web = obj.get("web")
    if isinstance(web, str) and urlsplit(web).scheme in ("http", "https"):
        return web[:2000]
    return None


def meeting_fields(meeting: Any, org_names: Mapping[str, str]) -> MeetingFields:
    """An OParl Meeting -> MeetingFields; `org_names` maps organization ids to names
    (embedded organizations bring their own)."""
    uid = object_id(meeting)
    start = parse_instant(meeting.get("start"), "Beginn")
    end: datetime | None = None
    if meeting.get("end"):
        try:
            end = parse_instant(meeting.get("end"), "Ende")
        except Malformed:
            end = None  # a bad end does not lose the session
        if end is not None and end < start:
            end = None
    names: list[str] = []
    embedded = meeting.get("organization")
    for item in embedded if isinstance(embedded, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            try:
                names.append(organization_name(item))
            except Malformed:
                continue
        elif isinstance(item, str) and item in org_names:
            names.append(org_names[item])
    committees = tuple(dict.fromkeys(names))
    title = _text(meeting.get("name"), 200)
    if not title:
        title = f"Sitzung {committees[0]}" if committees else "Sitzung"
    return MeetingFields(
        uid=uid,
        title=cap_title(title),
        start_at=start,
        end_at=end,
        place=place_of(meeting.get("location")),
        topic=committees[0] if committees else None,
        committees=committees,
        cancelled=meeting.get("cancelled") is True,
        web=web_link(meeting),
        agenda=agenda_items(meeting),
        modified=modified(meeting),
    )


# -- documents ------------------------------------------------------------------------------


PAPER_FILES = ("mainFile", "auxiliaryFile")
PROTOCOL_FILES = ("resultsProtocol", "verbatimProtocol")


def _files(obj: Mapping[str, Any], keys: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for key in keys:
        value = obj.get(key)
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                continue
            fid = item.get("id")
            mark = f"{fid}|{item.get('name')}|{item.get('fileName')}"
            if mark in seen:
                continue
            seen.add(mark)
            yield item


def files_of(obj: Mapping[str, Any], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """The embedded File objects under `keys`, each once."""
    return list(_files(obj, keys))


@dataclass(frozen=True)
class DocumentFields:
    """A document made from an OParl object, and how many of its files gave text."""

    document: TextDocument
    files_read: int
    files_skipped: int


def _file_texts(obj: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[list[str], int, int]:
    texts: list[str] = []
    read = skipped = 0
    for f in _files(obj, keys):
        text = f.get("text")
        if isinstance(text, str) and has_text(f):
            label = _text(f.get("name"), 200) or _text(f.get("fileName"), 200)
            texts.append(f"{label}\n\n{text.strip()}" if label else text.strip())
            read += 1
        else:
            skipped += 1  # no text, and its download gave none (bot.oparl.sync)
    return texts, read, skipped


def has_text(f: Mapping[str, Any]) -> bool:
    """Whether a File brings its text along."""
    text = f.get("text")
    return isinstance(text, str) and bool(text.strip())


def file_url(f: Mapping[str, Any]) -> str | None:
    """Where a File is downloaded: `accessUrl`, else `downloadUrl` (http(s) only)."""
    for key in ("accessUrl", "downloadUrl"):
        url = f.get(key)
        if isinstance(url, str) and urlsplit(url).scheme in ("http", "https"):
            return url
    return None


def file_suffix(f: Mapping[str, Any]) -> str | None:
    """How the bot reads a File (".pdf" or ".txt", from its mimeType or file name); None
    for types it cannot read."""
    mime = f.get("mimeType")
    mime = mime.split(";")[0].strip().lower() if isinstance(mime, str) else ""
    if mime == "application/pdf":
        return ".pdf"
    if mime in ("text/plain", "text/markdown"):
        return ".txt"
    if mime and mime != "application/octet-stream":
        return None
    for key in ("fileName", "accessUrl", "downloadUrl"):
        value = f.get(key)
        if isinstance(value, str):
            tail = urlsplit(value).path.lower() if "://" in value else value.lower()
            if tail.endswith(".pdf"):
                return ".pdf"
            if tail.endswith((".txt", ".md")):
                return ".txt"
    return None


def file_key(f: Mapping[str, Any]) -> str | None:
    """What a File is remembered by: its id, else its download URL."""
    fid = f.get("id")
    return fid if isinstance(fid, str) and fid else file_url(f)


def file_stamp(f: Mapping[str, Any]) -> str | None:
    """A File's version: `modified`, `sha1Checksum` and `size` (None when it has none of
    them: then it is read whenever its paper changes)."""
    parts = [f.get(k) for k in ("modified", "sha1Checksum", "size")]
    if all(p is None for p in parts):
        return None
    return "|".join("" if p is None else str(p)[:200] for p in parts)


def _document(name: str, text: str, meta: DocumentMeta) -> TextDocument:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return TextDocument(name=name, text=text, meta=meta, sha256=digest)


def paper_name(paper_id: str) -> str:
    """The document name of a paper: oparl/<id tail>."""
    return f"{DOC_PREFIX}{id_tail(paper_id)}"


def protocol_name(meeting_id: str) -> str:
    """The document name of a meeting's minutes: oparl/sitzung-<id tail>."""
    return f"{DOC_PREFIX}sitzung-{id_tail(meeting_id)}"


def paper_document(paper: Any) -> DocumentFields:
    """An OParl Paper -> a document: title = name, kind = paperType, date, reference, web
    link, text = the title line (with reference) and the `text` of its files (mainFile,
    auxiliaryFile)."""
    pid = object_id(paper)
    title = _text(paper.get("name"), 1000)
    if not title:
        raise Malformed("Vorlage ohne Namen")
    reference = _text(paper.get("reference"), 100)
    kind = _text(paper.get("paperType"), 100) or "Vorlage"
    day = parse_day(paper.get("date"))
    texts, read, skipped = _file_texts(paper, PAPER_FILES)
    head = f"{title} ({kind} {reference})" if reference else f"{title} ({kind})"
    text = "\n\n".join([head, *texts])
    meta = DocumentMeta(
        title=cap_title(title),
        kind=kind,
        year=day.year if day else None,
        date=day.isoformat() if day else None,
        reference=reference or None,
        web=web_link(paper),
    )
    return DocumentFields(_document(paper_name(pid), text, meta), read, skipped)


MAX_CONSULTATIONS = 50  # consultations read per paper


def consulting_organizations(paper: Any) -> list[str]:
    """The ids of the organizations (committees) a paper is consulted by: the `organization`
    lists of its embedded Consultations (OParl 1.1; 1.0 has none); linked ones (URLs) are
    not fetched for this."""
    found: list[str] = []
    consultations = paper.get("consultation") if isinstance(paper, dict) else None
    if not isinstance(consultations, list):
        return found
    for consultation in consultations[:MAX_CONSULTATIONS]:
        if not isinstance(consultation, dict) or consultation.get("deleted") is True:
            continue
        orgs = consultation.get("organization")
        for org in orgs if isinstance(orgs, list) else [orgs]:
            oid = org.get("id") if isinstance(org, dict) else org
            if isinstance(oid, str) and oid not in found:
                found.append(oid)
    return found


def protocol_document(meeting: Any, fields: MeetingFields) -> DocumentFields | None:
    """A meeting's minutes (resultsProtocol, verbatimProtocol) with a `text` -> a document
    titled with the committee and the session date; None when no file has text."""
    texts, read, skipped = _file_texts(meeting, PROTOCOL_FILES)
    if not texts:
        return None
    local = fields.start_at.astimezone(BERLIN)
    who = fields.topic or fields.title
    title = cap_title(f"Niederschrift {who}, Sitzung vom {local:%d.%m.%Y}")
    text = "\n\n".join([title, *texts])
    meta = DocumentMeta(
        title=title,
        kind="Niederschrift",
        year=local.year,
        date=local.date().isoformat(),
        web=fields.web,
    )
    return DocumentFields(_document(protocol_name(fields.uid), text, meta), read, skipped)
