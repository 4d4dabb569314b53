"""Reply times while `gremienbot run` syncs: questions asked during and right after an OParl sync.

    python benchmarks/bench_oparl_replies.py [--papers 2000] [--meetings 400] [--no-hold]

The stand-in body of bench_oparl.py (papers of ~20 pages of German text) is synced the way
`gremienbot run` does it (bot.oparl.background.BackgroundSync: a child process with its own
connection), while the event loop answers a question every `--every` seconds with the bot's
KnowledgeBase, as the Telegram handlers do. A reply time is measured from the moment the
question was due (so a stalled event loop counts) to its answer. Printed: sync seconds,
reply-time p50/p95/max during the sync and for the questions right after it, and how often
the vocabulary was read on the event loop. `--no-hold` shows the behaviour before the fix
(questions reloaded the vocabulary after each stored page). Target (issue 11): p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_oparl import BigOParl, sentence_pool  # noqa: E402
from bench_search import percentile, questions  # noqa: E402

from bot.oparl import background  # noqa: E402
from bot.oparl.background import BackgroundSync  # noqa: E402
from knowledge import base  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.store import open_db  # noqa: E402
from scheduler.clock import SystemClock  # noqa: E402


def stats(label: str, times: list[float]) -> str:
    if not times:
        return f"{label}: no questions"
    return (
        f"{label}: {len(times)} questions; reply ms p50 {percentile(times, 50):.0f}  "
        f"p95 {percentile(times, 95):.0f}  max {max(times):.0f}"
    )


async def measure(args: argparse.Namespace, server: BigOParl, db_path: Path) -> None:
    rng = random.Random(7)
    qs = questions(400, rng)
    db = open_db(db_path)
    kb = KnowledgeBase(db)
    loop_thread = threading.get_ident()
    loads: list[tuple[bool, float]] = []  # (on the event loop, seconds)
    original = base.load_vocabulary

    def recorded(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            loads.append((threading.get_ident() == loop_thread, time.perf_counter() - t0))

    base.load_vocabulary = recorded  # type: ignore[assignment]
    kb.vocabulary()
    job = BackgroundSync(db_path, server.system_url, SystemClock(), knowledge=kb)
    if args.no_hold:  # the behaviour before: questions reload after every stored page
        original_run = job._run

        async def no_hold() -> Any:
            task = asyncio.ensure_future(original_run())
            await asyncio.sleep(0)
            kb.hold_vocabulary = False
            return await task

        job._run = no_hold  # type: ignore[method-assign]
    t0 = time.perf_counter()
    assert job.start()
    during: list[float] = []
    due = time.perf_counter()
    i = 0
    while job.running:
        due += args.every
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        if not job.running:
            break
        kb.ask(qs[i % len(qs)], top=6)
        during.append((time.perf_counter() - due) * 1000)
        i += 1
    assert job.task is not None
    report = await job.task
    seconds = time.perf_counter() - t0
    after: list[float] = []
    for k in range(args.after):
        start = time.perf_counter()
        kb.ask(qs[(i + k) % len(qs)], top=6)
        after.append((time.perf_counter() - start) * 1000)
    on_loop = [s for loop, s in loads[1:] if loop]
    papers = report.papers.new if report else 0
    print(
        f"sync in gremienbot run (child process): {seconds:.1f} s, {papers} papers new; "
        f"vocabulary hold during the sync: {'off (before)' if args.no_hold else 'on'}"
    )
    print(stats("  during the sync", during))
    print(stats("  right after it", after))
    print(
        f"  vocabulary reads on the event loop during/after the sync: {len(on_loop)} "
        f"({sum(on_loop):.1f} s); in the sync's thread: {len(loads) - 1 - len(on_loop)}"
    )
    db.conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--papers", type=int, default=2_000)
    parser.add_argument("--meetings", type=int, default=400)
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--every", type=float, default=0.25, help="seconds between questions")
    parser.add_argument("--after", type=int, default=50, help="questions after the sync")
    parser.add_argument("--no-hold", action="store_true", help="the behaviour before the fix")
    parser.add_argument(
        "--db", type=Path, help="start from a copy of this base (e.g. bench_oparl.py --keep)"
    )
    args = parser.parse_args()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "replies.db"
        if args.db:
            db_path.write_bytes(args.db.read_bytes())
        server = BigOParl(args.page_size, sentence_pool(rng))
        server.generate_big(args.papers, args.meetings, rng)
        for obj in server.objects["paper"]:  # ids not in a base from bench_oparl.py --keep
            tail = str(int(obj["id"].rsplit("/", 1)[-1]) + 500_000)
            obj["id"] = server.url(f"paper/{tail}")
            obj["mainFile"]["id"] = server.url(f"file/{tail}")
        print(f"body: {args.papers} papers, {args.meetings} meetings; a question every "
              f"{args.every} s during the sync")  # fmt: skip
        background.log.setLevel("WARNING")
        with server:
            asyncio.run(measure(args, server, db_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
