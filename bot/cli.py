"""The `gremienbot` command: ingest, ask (and, in later issues, chat, run, demo, events).

Contract (other tools depend on it; keep it stable):
    gremienbot [--db PATH] ingest PATH...
    gremienbot [--db PATH] ask "QUESTION" [--json] [--top N]
    gremienbot [--db PATH] ask --batch FILE --json      (one question per line, - = stdin)
    gremienbot [--db PATH] backup FILE | restore FILE | doctor     (operations, see README)
JSON per question: {"question", "answered", "answers": [{"text", "document", "title", "date",
"score"}]}; `answered` is false and `answers` empty when the bot declines. A question about
sessions and events answered from the calendar: {"question", "answered": true, "source":
"calendar", "event_id", "title", "date" (YYYY-MM-DD), "text", "document": null, "answers"};
when the calendar has nothing for such a question, the documents' answer gets "calendar" (the
note saying so).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import IO, Any

import click

from bot import deeplinks, terminal
from bot.agenda import Agenda
from bot.calendar_answers import calendar_answer, calendar_json
from bot.config import ConfigError, Settings, load_settings
from bot.database import SchemaError, open_db
from bot.dialog import Dialog, Person
from bot.logs import setup_logging
from bot.proposing import propose_from
from knowledge.answer import Answer, Hit
from knowledge.base import KnowledgeBase
from knowledge.ingest import METADATA_FILE, IngestResult, discover, ingest_paths
from scheduler.calendar import Calendar
from scheduler.clock import SystemClock
from scheduler.events import (
    Event,
    agenda_of,
    all_events,
    committees_of,
    format_local,
    web_of,
)

log = logging.getLogger("gremienbot")

PROGRESS_FROM = 5  # files; fewer are listed line by line only


def answer_json(answer: Answer) -> dict[str, Any]:
    """The stable JSON form of an answer."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "answers": [_hit_json(hit) for hit in answer.hits] if answer.answered else [],
    }


def _hit_json(hit: Hit) -> dict[str, Any]:
    """One answer: text, document, title, date, score; `reference` and `web` only for
    documents that have them (papers from the council information system)."""
    out: dict[str, Any] = {
        "text": hit.text,
        "document": hit.source.name,
        "title": hit.source.title,
        "date": hit.source.date or (str(hit.source.year) if hit.source.year is not None else None),
        "score": round(hit.score, 4),
    }
    if hit.source.reference:
        out["reference"] = hit.source.reference
    if hit.source.web:
        out["web"] = hit.source.web
    return out


def answer_text(answer: Answer) -> str:
    """A plain-text rendering for the terminal."""
    if not answer.answered:
        return (
            "Dazu habe ich in den Unterlagen nichts Belastbares gefunden. "
            "Versuchen Sie es mit anderen Stichworten."
        )
    lines: list[str] = []
    for i, hit in enumerate(answer.hits):
        src = hit.source
        where = ", ".join(str(x) for x in (src.kind, src.reference, src.date or src.year) if x)
        head = "Antwort" if i == 0 else f"Weiterer Treffer {i}"
        if i == 0 and answer.as_of:
            head += f" (Stand {answer.as_of})"
        lines += [
            f"{head}:",
            f"  „{hit.text}“" if hit.quoted else f"  {hit.text}",
            f"  Quelle: {src.title} ({where}) [{src.name}]",
            *([f"  {src.web}"] if src.web else []),
            "",
        ]
    return "\n".join(lines).rstrip()


class Group(click.Group):
    """Click's group; a database this code cannot open ends any command with one line."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; SchemaError: one line on stderr, exit code 2."""
        try:
            return super().invoke(ctx)
        except SchemaError as exc:
            click.echo(f"Fehler: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=Group)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite-Datei (Standard: $GREMIENBOT_DB, sonst im Benutzer-Datenverzeichnis).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML-Konfigurationsdatei (Standard: $GREMIENBOT_CONFIG).",
)
@click.option("-v", "--verbose", is_flag=True, help="Ausführliche Protokollzeilen.")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, config_file: Path | None, verbose: bool) -> None:
    """gremienbot: Fragen zu Niederschriften und Vorlagen beantworten."""
    try:
        settings = load_settings(config_file=config_file)
    except ConfigError as exc:
        if ctx.invoked_subcommand == "doctor":  # the doctor names it among its checks
            ctx.obj = {"settings": None, "config_error": str(exc)}
            return
        click.echo(f"Fehler: {exc}", err=True)
        ctx.exit(2)
    if db_path is not None:
        settings = replace(settings, db_path=db_path)
    setup_logging(verbose=verbose, secrets=settings.secrets(), log_format=settings.log_format)
    ctx.obj = {"db_path": settings.db_path, "settings": settings}


def _kb(ctx: click.Context) -> KnowledgeBase:
    return KnowledgeBase(open_db(ctx.obj["db_path"]))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Dateien und Ordner (.txt, .md, .pdf) in die Wissensbasis aufnehmen."""
    db = open_db(ctx.obj["db_path"])
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for p in missing:
        click.echo(f"Fehler: {p}: Datei oder Ordner nicht gefunden", err=True)
    given = [p for p in paths if p.exists() or p.is_symlink()]
    files = [f for f in discover(given) if f.path.name != METADATA_FILE]
    results: list[IngestResult] = []
    hidden = len(files) < PROGRESS_FROM or not sys.stderr.isatty()
    with click.progressbar(
        length=len(files), label="Einlesen", file=sys.stderr, hidden=hidden
    ) as bar:
        gap = "" if hidden else "\n"

        def progress(result: IngestResult) -> None:
            bar.update(1)
            if result.status == "failed":
                click.echo(f"{gap}Fehler: {result.path}: {result.message}", err=True)
            elif result.status == "skipped":
                click.echo(f"{gap}Übersprungen: {result.path}: {result.message}", err=True)
            for note in result.notes:
                click.echo(f"{gap}Hinweis: {result.path}: {note}", err=True)

        results = ingest_paths(db, given, progress=progress)
    counts = Counter(r.status for r in results)
    proposed = propose_from(KnowledgeBase(db), _calendar(ctx), results)
    if proposed:
        click.echo(f"{proposed} Terminvorschlag/-vorschläge gefunden (prüfen mit /vorschlaege).")
    failed = counts["failed"] + len(missing)
    click.echo(
        f"{len(results)} Datei(en): {counts['added']} neu, {counts['updated']} aktualisiert, "
        f"{counts['unchanged']} unverändert, {failed} Fehler"
        + (f", {counts['skipped']} übersprungen" if counts["skipped"] else "")
        + "; "
        f"{sum(r.passages for r in results)} Passagen."
    )
    ctx.exit(1 if failed else 0)


def _read_batch(source: str) -> list[str]:
    stream: IO[bytes]
    if source == "-":
        stream = sys.stdin.buffer
        data = stream.read()
    else:
        data = Path(source).read_bytes()
    return data.decode("utf-8", errors="replace").splitlines()


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Antwort als JSON.")
@click.option("--top", default=3, show_default=True, type=click.IntRange(1, 20))
@click.option("--batch", type=str, help="Datei mit einer Frage je Zeile (- = stdin).")
@click.pass_context
def ask(
    ctx: click.Context, question: str | None, as_json: bool, top: int, batch: str | None
) -> None:
    """Eine Frage (oder eine Datei voller Fragen) beantworten."""
    if (question is None) == (batch is None):
        raise click.UsageError("Bitte genau eins angeben: eine FRAGE oder --batch DATEI.")
    kb = _kb(ctx)
    has_calendar = "events" in kb.db.table_names()  # (a database without one is not changed)
    clock = SystemClock()

    def one(q: str, *, indent: int | None) -> None:
        # Questions about sessions and events: the calendar first (as in the chat).
        result = calendar_answer(kb.db, q, clock.now()) if has_calendar else None
        if result is not None and result.answered:
            if as_json:
                data = calendar_json(q, result)
                click.echo(json.dumps(data, ensure_ascii=False, indent=indent))
            else:
                click.echo(result.text)
            return
        answer = kb.ask(q, top=top)
        if as_json:
            data = answer_json(answer)
            if result is not None:  # "Im Kalender steht keine kommende …"
                data["calendar"] = result.text
            click.echo(json.dumps(data, ensure_ascii=False, indent=indent))
        else:
            note = f"{result.text}\n\n" if result is not None else ""
            click.echo(note + answer_text(answer))

    if batch is not None:
        try:
            questions = _read_batch(batch)
        except OSError as exc:
            raise click.ClickException(f"{batch}: {exc.strerror or exc}") from exc
        for q in questions:
            if not as_json:
                click.echo(f"Frage: {q}")
            one(q, indent=None)
            if not as_json:
                click.echo()
        return
    assert question is not None
    one(question, indent=2)


def bundled_corpus() -> Path:
    """The demo corpus shipped inside the package."""
    return Path(str(resources.files("knowledge").joinpath("data", "demo_corpus")))


def _dialog(db_path: Path, settings: Settings) -> Dialog:
    """The conversation core with its calendar, on one database."""
    clock = SystemClock()
    db = open_db(db_path)
    agenda = Agenda(Calendar(db, clock, default_offsets=settings.reminder_offsets))
    return Dialog(
        KnowledgeBase(db),
        clock,
        questions_per_minute=settings.questions_per_minute,
        agenda=agenda,
        question_days=settings.question_days,
        privacy_contact=settings.privacy_contact,
    )


@main.command()
@click.option("--english", is_flag=True, help="Englische Oberfläche.")
@click.pass_context
def chat(ctx: click.Context, english: bool) -> None:
    """Dasselbe Gespräch wie in Telegram, als Text im Terminal."""
    settings: Settings = ctx.obj["settings"]
    dialog = _dialog(ctx.obj["db_path"], settings)
    who = Person(user_id=0, chat_id=0, language_code="en" if english else "de", staff=True)
    terminal.chat(
        dialog, who, sys.stdin, lambda text: click.echo(text, nl=False), prompt=sys.stdin.isatty()
    )


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Den Telegram-Bot starten (Long Polling, oder Webhook wenn konfiguriert)."""
    settings: Settings = ctx.obj["settings"]
    try:
        settings.require_token()
        if settings.webhook_url:
            settings.require_webhook()
    except ConfigError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        ctx.exit(2)
    run_bot(replace(settings, db_path=ctx.obj["db_path"]))


def run_bot(settings: Settings) -> None:
    """Run the bot on its database until it is stopped, holding the database's lock (shared:
    `gremienbot restore` refuses while it is held)."""
    from telegram.error import InvalidToken, TelegramError

    from bot.database import InUse, lock

    try:
        with lock(settings.db_path, exclusive=False):
            _run_bot(settings)
    except InUse:
        _fail(
            f"{settings.db_path} wird gerade zurückgespielt (gremienbot restore); danach "
            "erneut starten.",
            2,
        )
    except ConfigError as exc:
        _fail(str(exc), 2)
    except InvalidToken:
        _fail("Telegram lehnt den Token ab: TELEGRAM_BOT_TOKEN prüfen (gremienbot doctor).", 2)
    except TelegramError as exc:  # e.g. setWebhook refused: "bad webhook: Failed to resolve host"
        _fail(f"Telegram: {exc.message} (gremienbot doctor prüft die Einstellungen).", 1)


def _fail(message: str, code: int) -> None:
    click.echo(f"Fehler: {message}", err=True)
    sys.exit(code)


def _run_bot(settings: Settings) -> None:
    """Build the Application and run it until it is stopped."""
    from bot.app import build_app, run_app
    from bot.handlers.common import Deps

    dialog = _dialog(settings.db_path, settings)
    if settings.oparl_url and dialog.agenda is not None:
        from bot.oparl.background import BackgroundSync

        dialog.agenda.syncer = BackgroundSync(
            settings.db_path,
            settings.oparl_url,
            dialog.clock,
            knowledge=dialog.kb,
            default_offsets=settings.reminder_offsets,
            contact=settings.oparl_contact,
            interval=settings.oparl_interval * 60,
            max_file_bytes=int(settings.oparl_max_file_mb * 2**20),
        )
    app = build_app(
        settings, Deps(dialog=dialog, admins=settings.admins, agenda=dialog.agenda), outbox=True
    )
    if settings.ics_feeds and dialog.agenda is not None:  # read at start, then every 30 min
        from scheduler.feeds import FeedSync

        db_path = settings.db_path
        app.bot_data["ics_feeds"] = FeedSync(
            lambda: open_db(db_path),
            settings.ics_feeds,
            dialog.clock,
            default_offsets=settings.reminder_offsets,
        )
    log.info("starting: database %s, %d staff", settings.db_path, len(settings.admins))
    run_app(app, settings)


@main.command()
@click.argument("raw_target", metavar="TARGET", type=click.Path())
@click.option(
    "--keep",
    type=click.IntRange(1, 10000),
    help="Nur in einen Ordner: die neuesten N Sicherungen behalten, ältere löschen.",
)
@click.pass_context
def backup(ctx: click.Context, raw_target: str, keep: int | None) -> None:
    """Die Datenbank nach TARGET sichern (auch während der Bot läuft; geprüfte Kopie, nur
    für den Besitzer lesbar). TARGET ein Ordner (vorhanden oder mit / am Ende): eine Datei
    gremienbot-<Zeit>.db darin. Exit 1: nicht gesichert."""
    from bot.backup import BackupError, dated_target, prune
    from bot.backup import backup as copy_out

    target = Path(raw_target)
    if raw_target.endswith(("/", os.sep)):  # meant as a folder, even before it exists
        target.mkdir(parents=True, exist_ok=True)
    folder = target if target.is_dir() else None
    if keep is not None and folder is None:
        raise click.UsageError("--keep geht nur mit einem Ordner als Ziel.")
    try:
        done = copy_out(
            ctx.obj["db_path"], dated_target(folder, SystemClock().now()) if folder else target
        )
    except BackupError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        ctx.exit(1)
    click.echo(
        f"Gesichert: {done.path} ({done.size / 2**20:.1f} MB, Schemaversion {done.version}, "
        "integrity_check ok)."
    )
    if folder is not None and keep is not None:
        gone = prune(folder, keep)
        if gone:
            click.echo(f"{len(gone)} ältere Sicherung(en) gelöscht.")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, file: Path) -> None:
    """Die Datenbank durch die Sicherung FILE ersetzen (nur bei gestopptem Bot; die bisherige
    bleibt als <db>.before-restore). Exit 1: nicht zurückgespielt."""
    from bot.backup import BackupError
    from bot.backup import restore as copy_in

    db_path: Path = ctx.obj["db_path"]
    try:
        done = copy_in(file, db_path)
    except BackupError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        ctx.exit(1)
    kept = db_path.with_name(db_path.name + ".before-restore")
    click.echo(
        f"Zurückgespielt: {file} → {done.path} (Schemaversion {done.version})"
        + (f"; die vorige Datenbank liegt in {kept}." if kept.exists() else ".")
    )


@main.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Prüft Konfiguration, Token, Datenbank, OCR, OParl und Webhook: eine Zeile je Prüfung.
    Exit 0 nur, wenn alle nötigen Prüfungen bestehen."""
    from bot.doctor import healthy, run_checks

    settings: Settings | None = ctx.obj["settings"]
    if settings is not None:
        settings = replace(settings, db_path=ctx.obj["db_path"])
    checks = run_checks(settings, config_error=ctx.obj.get("config_error"))
    for check in checks:
        click.echo(check.line())
    ctx.exit(0 if healthy(checks) else 1)


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Datenordner für die Demo (Standard: ein neuer temporärer Ordner).",
)
@click.pass_context
def demo(ctx: click.Context, data_dir: Path | None) -> None:
    """Demo mit eingebauten Voreinstellungen: frischer Datenordner, Beispielkorpus, dann
    Terminal-Chat (oder der Telegram-Bot, wenn ein Token konfiguriert ist)."""
    settings: Settings = ctx.obj["settings"]
    folder = data_dir or Path(tempfile.mkdtemp(prefix="gremienbot-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "gremienbot.db"
    db = open_db(db_path)
    results = ingest_paths(db, [bundled_corpus()])
    ctx.obj["db_path"] = db_path
    propose_from(KnowledgeBase(db), _calendar(ctx), results)
    click.echo(f"gremienbot-Demo: {len(results)} Dokumente eingelesen ({folder}).")
    if settings.token:
        try:
            settings.require_token()
        except ConfigError as exc:
            click.echo(f"Fehler: {exc}", err=True)
            ctx.exit(2)
        click.echo("Telegram-Token gefunden: der Bot läuft, Beenden mit Strg+C.")
        run_bot(replace(settings, db_path=db_path))
        return
    click.echo("Kein Telegram-Token gesetzt: das Gespräch läuft hier im Terminal.")
    click.echo("Nummern drücken die Schaltflächen; Beenden mit Strg+D oder 'exit'.\n")
    ctx.obj["db_path"] = db_path
    ctx.invoke(chat)


def _calendar(ctx: click.Context) -> Calendar:
    settings: Settings = ctx.obj["settings"]
    return Calendar(
        open_db(ctx.obj["db_path"]), SystemClock(), default_offsets=settings.reminder_offsets
    )


def _bot_username(settings: Settings) -> str:
    """The bot's @name from getMe (with the configured token and API URL)."""
    import asyncio

    from telegram import Bot
    from telegram.error import TelegramError

    async def ask() -> str:
        async with Bot(settings.require_token(), base_url=settings.api_url) as bot:
            return str(bot.username)

    try:
        return asyncio.run(ask())
    except TelegramError as exc:
        raise ConfigError(f"getMe fehlgeschlagen ({exc}); --username angeben") from exc


@main.command()
@click.option("--username", default=None, help="Name des Bots ohne @ (sonst per getMe).")
@click.option("--json", "as_json", is_flag=True, help="Als JSON-Liste ausgeben.")
@click.pass_context
def links(ctx: click.Context, username: str | None, as_json: bool) -> None:
    """Deep links zum Abonnieren (Webseite, QR-Code): alle Themen und die nächsten Termine."""
    settings: Settings = ctx.obj["settings"]
    if not username:
        try:
            username = _bot_username(settings)
        except ConfigError as exc:
            click.echo(f"Fehler: {exc}", err=True)
            ctx.exit(2)
    name = username.lstrip("@")
    if not re.fullmatch(r"[A-Za-z0-9_]{3,64}", name):
        click.echo(f"Fehler: {username!r} ist kein Bot-Name.", err=True)
        ctx.exit(2)
    cal = _calendar(ctx)
    rows: list[dict[str, object]] = []
    for topic in ["alle", *subs_topics(cal)]:
        url = deeplinks.link(name, deeplinks.topic_payload(topic))
        if url:
            rows.append({"kind": "topic", "topic": topic, "url": url})
    for event in cal.upcoming(20):
        assert event.id is not None
        url = deeplinks.link(name, deeplinks.event_payload(event.id))
        if url:
            rows.append({"kind": "event", "id": event.id, "title": event.title, "url": url})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        label = row["topic"] if row["kind"] == "topic" else f"Termin #{row['id']} {row['title']}"
        click.echo(f"{label}\t{row['url']}")


def subs_topics(cal: Calendar) -> list[str]:
    """The topics /abo offers (kinds, then committees and topics of events)."""
    offered, _mine = cal.topics(0)
    return offered


def event_json(event: Event, db: Any = None) -> dict[str, object]:
    """The JSON form of an event for `gremienbot events --json` (dates in Berlin time).
    Sessions from the council information system add `source: "oparl"`, `web` and their
    `agenda` (number, name, public)."""
    local = event.local_start()
    extra: dict[str, object] = {}
    if event.source == "oparl" and event.id is not None and db is not None:
        extra = {
            "source": "oparl",
            "web": web_of(db, event.id),
            "committees": committees_of(db, event.id) or ([event.topic] if event.topic else []),
            "agenda": [
                {"number": a.number, "name": a.name, "public": a.public}
                for a in agenda_of(db, event.id)
            ],
        }
    return {
        "id": event.id,
        "date": local.date().isoformat(),
        "time": None if event.all_day else local.strftime("%H:%M"),
        "title": event.title,
        "text": event.description or "",
        "place": event.place,
        "topic": event.topic,
        "status": event.status,
        "document": event.document,
        **extra,
    }


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Als JSON-Liste ausgeben.")
@click.option(
    "--all", "everything", is_flag=True, help="Auch Vorschläge, verworfene und vergangene."
)
@click.pass_context
def events(ctx: click.Context, as_json: bool, everything: bool) -> None:
    """Termine anzeigen; Unterbefehle: import, export."""
    if ctx.invoked_subcommand is not None:
        return
    cal = _calendar(ctx)
    if everything:
        found = all_events(cal.db, statuses=("proposed", "confirmed", "discarded", "cancelled"))
    else:
        found = cal.upcoming(limit=1000)
    if as_json:
        click.echo(json.dumps([event_json(e, cal.db) for e in found], ensure_ascii=False, indent=2))
        return
    for e in found:
        place = f" @ {e.place}" if e.place else ""
        click.echo(
            f"#{e.id} {format_local(e.start_at, all_day=e.all_day)} {e.title}{place} [{e.status}]"
        )


@events.command("import")
@click.argument("source")
@click.pass_context
def events_import(ctx: click.Context, source: str) -> None:
    """Termine aus einer .ics-Datei oder von einer http(s)-Adresse übernehmen; wiederkehrende
    Termine einzeln für die nächsten 12 Monate. Ein erneuter Import ändert statt zu
    verdoppeln (verlegte Termine: Hinweis an die Abonnenten); bei einer Adresse wird
    abgesagt, was von ihr kam und dort fehlt. Nicht übernommene Termine: je eine Zeile,
    der Rest wird übernommen, Exit-Code 1."""
    from scheduler.feeds import FeedError, apply_ics, fetch_ics, record
    from scheduler.ics import IcsError, describe

    cal = _calendar(ctx)
    is_url = "://" in source
    name = source if is_url else Path(source).name
    try:
        if is_url:
            data = fetch_ics(source)
        else:
            path = Path(source)
            if not path.is_file():
                raise click.BadParameter(f"{source}: keine Datei.", param_hint="SOURCE")
            data = path.read_bytes()
        report = apply_ics(cal, data, feed=source if is_url else None)
    except (FeedError, IcsError) as exc:
        if is_url:
            record(cal.db, source, ok=False, summary=str(exc), at=cal.clock.now())
        click.echo(f"Fehler: {name}: {exc}", err=True)
        ctx.exit(1)
    if is_url:
        record(cal.db, source, ok=True, summary=report.line(), at=cal.clock.now())
    for r in report.refused:
        click.echo(
            f"Fehler: {name}: Termin „{r.title[:80]}“ nicht übernommen: {describe(r)}.", err=True
        )
    taken = report.new + report.changed + report.unchanged
    click.echo(f"{taken} Termin(e) aus {name} übernommen ({report.line()}).")
    ctx.exit(1 if report.refused else 0)


@events.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def events_export(ctx: click.Context, file: Path | None) -> None:
    """Alle bestätigten Termine als .ics (in eine Datei oder auf die Standardausgabe)."""
    from scheduler.ics import export_ics

    cal = _calendar(ctx)
    data = export_ics(all_events(cal.db), now=cal.clock.now())
    if file is None:
        sys.stdout.buffer.write(data)
    else:
        file.write_bytes(data)
        click.echo(f"{file} geschrieben.")


@main.group()
def oparl() -> None:
    """Ratsinformationssystem (OParl): Sitzungen, Tagesordnungen, Vorlagen abgleichen."""


@oparl.command("sync")
@click.argument("url", required=False)
@click.option("--json", "as_json", is_flag=True, help="Ergebnis als JSON.")
@click.pass_context
def oparl_sync(ctx: click.Context, url: str | None, as_json: bool) -> None:
    """Einmal abgleichen: URL ist ein OParl-System oder eine Körperschaft (Body); Standard
    $GREMIENBOT_OPARL_URL bzw. [oparl] url. Exit 0: gelaufen (auch mit fehlerhaften
    Einzelobjekten), 1: nicht erreichbar oder kein OParl, 2: falsche Verwendung."""
    import asyncio
    from urllib.parse import urlsplit

    from bot.oparl.client import OParlClient
    from bot.oparl.sync import NotOParl, sync

    settings: Settings = ctx.obj["settings"]
    url = url or settings.oparl_url
    if not url:
        raise click.UsageError(
            "Keine OParl-Adresse: URL angeben oder GREMIENBOT_OPARL_URL ([oparl] url) setzen."
        )
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise click.UsageError(f"{url}: keine http(s)-Adresse.")

    async def go() -> Any:
        async with OParlClient(contact=settings.oparl_contact) as client:
            limit = int(settings.oparl_max_file_mb * 2**20)
            return await sync(_calendar(ctx), url, client, max_file_bytes=limit)

    try:
        report = asyncio.run(go())
    except NotOParl as exc:
        click.echo(f"Fehler: {exc}", err=True)
        ctx.exit(1)
    for error in report.errors:
        click.echo(f"Fehler: {error}", err=True)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        click.echo(report.line())
