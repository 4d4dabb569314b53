"""The incremental OParl sync, repeatably, on one kept base.

    python benchmarks/bench_oparl_incr.py build DIR [--papers 2000] [--meetings 400]
    python benchmarks/bench_oparl_incr.py incr DIR [--changes 50] [--profile OUT] [--digest]
    python benchmarks/bench_oparl_incr.py ask DIR [--questions 200] [--out FILE]

`bench_oparl.py --keep` keeps its database, but its stand-in server is gone with it (a new one
listens on another port, so every id would be new, and stamps every object with the time it
was made, so every object would look changed). Here the body is the same (bench_oparl's
generator and random seed) on a fixed port with fixed `modified` stamps: `build` syncs it once
into DIR/base.db; every `incr` copies that base, changes the same objects as bench_oparl does
(their `modified` a fixed stamp after the first sync) and times one `oparl sync --json` child
process: wall seconds and its CPU seconds (user + system, the worker processes included), with
cProfile's output for the main process on request (`--profile`). `--digest` prints a digest of
the stored state after the sync without the columns that hold the time of the run, so two
versions of the code can be compared. `ask` reads the synced base (DIR/incr.db, else base.db) as
`gremienbot run` does after a sync (preload, install), asks bench_oparl's questions, prints
p50/p95/max and writes every answer to `--out` for comparing code versions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import bench_oparl  # noqa: E402
from bench_oparl import BigOParl, sentence_pool  # noqa: E402

import tests.oparl_server as fake  # noqa: E402

PORT = 18731
BEFORE = "2020-01-01T00:00:00.000000+01:00"  # every object's `modified` at the first sync
AFTER = "2099-01-01T00:00:00.000000+01:00"  # the changed objects' `modified`
# Columns that hold the time of the run (or follow from it), left out of the digest.
VOLATILE = {
    "documents": {"ingested_at"},
    "events": {"updated_at"},
    "oparl_lists": {"synced_from"},
    "oparl_runs": {"finished_at", "report"},
}


def body(papers: int, meetings: int, port: int = PORT) -> tuple[BigOParl, random.Random]:
    """bench_oparl's body on PORT, every object stamped BEFORE; the generator's random state
    after it (bench_oparl changes objects and draws questions from it in this order)."""
    rng = random.Random(2026)
    server = BigOParl(50, sentence_pool(rng))
    server.server.server_close()  # FakeOParl binds port 0; this body keeps one port
    server.server = ThreadingHTTPServer(("127.0.0.1", port), server._handler())
    server.server.daemon_threads = True
    server._thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    real = fake.stamp
    fake.stamp = bench_oparl.stamp = lambda: BEFORE  # type: ignore[assignment]
    try:
        server.generate_big(papers, meetings, rng)
    finally:
        fake.stamp = bench_oparl.stamp = real  # type: ignore[assignment]
    return server, rng


def run_sync(
    db: Path, url: str, profile: Path | None, runner: Path | None = None
) -> tuple[float, float, dict]:
    """One `oparl sync --json` child: wall seconds, CPU seconds of it and its children,
    its report. `runner`: a script run instead of `-m bot` with the same arguments (e.g. one
    that times parts of the sync); its standard error is printed."""
    env = dict(os.environ, GREMIENBOT_OPARL_URL="", PYTHONPATH=str(ROOT))
    prof = ["-m", "cProfile", "-o", str(profile)] if profile else []
    entry = [str(runner)] if runner else ["-m", "bot"]
    cmd = [sys.executable, *prof, *entry, "--db", str(db), "oparl", "sync", url, "--json"]
    before = os.times()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    if done.returncode != 0:
        raise SystemExit(f"sync failed ({done.returncode}):\n{done.stderr[-3000:]}")
    if runner:
        print(done.stderr, end="")
    return wall, cpu, json.loads(done.stdout.strip().splitlines()[-1])


def digest(db: Path) -> str:
    """A digest of every table's rows (in a fixed order) without VOLATILE columns."""
    conn = sqlite3.connect(db)
    h = hashlib.sha256()
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    if "word_counts" in tables:  # derived from doc_words (knowledge.store.WORD_COUNTS)
        tables.remove("word_counts")
        kept = conn.execute("SELECT word, docs, n FROM word_counts ORDER BY word").fetchall()
        counted = conn.execute(
            "SELECT word, count(*), sum(n) FROM doc_words GROUP BY word ORDER BY word"
        ).fetchall()
        if kept != counted:
            raise SystemExit("word_counts differs from doc_words")
    if "word_counts_pending" in tables:
        tables.remove("word_counts_pending")
        if conn.execute("SELECT count(*) FROM word_counts_pending").fetchone()[0]:
            raise SystemExit("documents left uncounted in word_counts_pending")
    for table in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        keep = [c for c in cols if c not in VOLATILE.get(table, set())]
        if not keep:
            continue
        sel = ", ".join(f'"{c}"' for c in keep)
        rows = sorted(repr(r) for r in conn.execute(f'SELECT {sel} FROM "{table}"'))
        h.update(f"{table}:{len(rows)}\n".encode())
        for r in rows:
            h.update(r.encode())
    conn.close()
    return h.hexdigest()[:16]


def copy_db(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dst)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=["build", "incr", "ask"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=400)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--port", type=int, default=PORT, help="the same for build and incr")
    parser.add_argument("--digest", action="store_true")
    parser.add_argument("--runner", type=Path, help="a script run instead of `-m bot`")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--base", default="base.db", help="the base in DIR that incr copies")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    base = args.dir / args.base
    if args.action == "ask":
        return ask(args)
    server, rng = body(args.papers, args.meetings, args.port)
    with server:
        if args.action == "build":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{base}{suffix}").unlink(missing_ok=True)
            wall, cpu, report = run_sync(base, server.system_url, None)
            conn = sqlite3.connect(base)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            print(f"built {base}: {wall:.1f} s, CPU {cpu:.1f} s; {json.dumps(report)[:200]}")
            return 0
        work = args.dir / "incr.db"
        copy_db(base, work)
        real = fake.stamp
        fake.stamp = lambda: AFTER  # type: ignore[assignment]
        try:
            changed = server.change_some(args.changes, rng)
        finally:
            fake.stamp = real  # type: ignore[assignment]
        wall, cpu, report = run_sync(work, server.system_url, args.profile, args.runner)
        line = (
            f"incremental ({changed[0]} papers, {changed[1]} meetings): {wall:.2f} s, "
            f"CPU {cpu:.2f} s"
        )
        if args.digest:
            line += f"; digest {digest(work)}"
        print(line)
        print(f"  report: {json.dumps(report, ensure_ascii=False)[:300]}")
    return 0


def ask(args: argparse.Namespace) -> int:
    """bench_oparl's questions on the synced base, answers written to --out."""
    from bench_search import percentile, questions

    from knowledge.base import KnowledgeBase
    from knowledge.store import open_db

    path = args.dir / "incr.db" if (args.dir / "incr.db").exists() else args.dir / "base.db"
    # The same random state as bench_oparl's questions: pool, body, then the changed objects.
    _, rng = body(args.papers, args.meetings)
    _.server.server_close()
    _.change_some(args.changes, rng)
    kb = KnowledgeBase(open_db(path))
    t0 = time.perf_counter()
    kb.install(KnowledgeBase.preload(open_db(path)))
    print(f"{path.name}: preload {time.perf_counter() - t0:.1f} s")
    qs = questions(args.questions, rng)
    kb.ask(qs[0])  # warm caches, as bench_search.ask_all
    times: list[float] = []
    lines: list[str] = []
    cpu0 = time.process_time()
    for q in qs:
        t = time.perf_counter()
        answer = kb.ask(q)
        times.append((time.perf_counter() - t) * 1000)
        lines.append(json.dumps({"q": q, "a": repr(answer)}, ensure_ascii=False))
    cpu = time.process_time() - cpu0
    print(
        f"questions {len(qs)}: p50 {percentile(times, 50):.1f}  p95 {percentile(times, 95):.1f}  "
        f"max {max(times):.1f} ms; CPU {cpu:.2f} s"
    )
    slow = sorted(zip(times, qs, strict=True), reverse=True)[:12]
    for t, q in slow:
        print(f"  {t:6.1f} ms  {q}")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
