"""OParl sync benchmark: a large stand-in body on 127.0.0.1, synced by `gremienbot oparl sync`.

    python benchmarks/bench_oparl.py [--papers 10000] [--meetings 2000] [--keep DIR]
    python benchmarks/bench_oparl.py --db DIR/bench_oparl.db [--questions N] [--dump FILE]

The stand-in server is tests/oparl_server.py with its data generated in memory: N papers, each
with a File whose `text` is about 20 pages of realistic German (sentences of the bundled demo
corpus, varied as in bench_search.py), and M meetings with agenda items. The sync runs as a
child process (`python -m bot --db … oparl sync URL --json`), so its peak RSS is its own.
Printed, not asserted: initial sync time and papers/s, ingest throughput in MB/s of text,
an incremental sync after 50 changed objects, peak RSS, and question latency p50/p95 on the
resulting base, read as `gremienbot run` reads it after a sync (KnowledgeBase.preload, which
also counts common terms ahead, then install). Targets (issue 11): ≥ 17 papers/s,
incremental ≤ 15 s, RSS ≤ 400 MB, p95 ≤ 50 ms.

With --db only the questions are asked, on a base kept by an earlier run (--keep, with the
same --papers, --meetings and --changes: the questions are drawn from the same random
sequence, so the first 200 are the run's 200). --dump writes every answer (its texts,
sources, scores, confidence) one per line, for comparing the answers of two versions of the
code byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_search import demo_sentences, percentile, questions, vary  # noqa: E402

from knowledge.analyze import german_words  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.store import open_db  # noqa: E402
from tests.oparl_server import FakeOParl, T, stamp  # noqa: E402

PAGE_CHARS = 2_500  # one printed page of running text
PAGES_PER_PAPER = 20
POOL = 20_000  # varied sentences the papers are drawn from
ORGS = ["Kreistag", "Kreisausschuss", "Integrationsausschuss", "Sozialausschuss",
        "Jugendhilfeausschuss", "Schulausschuss", "Bauausschuss", "Finanzausschuss"]  # fmt: skip


class BigOParl(FakeOParl):
    """The stand-in server with lists served without copying every object per request and
    paper texts made on demand (the same text for the same paper and version)."""

    def __init__(self, page_size: int, sentences: list[str]) -> None:
        super().__init__(page_size=page_size)
        self.sentences = sentences
        self.versions: dict[str, int] = {}

    def text_of(self, pid: str) -> str:
        tail = pid.rsplit("/", 1)[-1]  # not the URL: its port changes from run to run
        rng = random.Random(f"{tail}/{self.versions.get(pid, 0)}")
        out: list[str] = []
        size = 0
        while size < PAGE_CHARS * PAGES_PER_PAPER:
            s = rng.choice(self.sentences)
            out.append(s)
            size += len(s) + 1
            if rng.random() < 0.2:
                out.append("\n")
        return " ".join(out).replace(" \n ", "\n\n")

    def _list(self, kind: str, query: dict[str, str], path: str) -> dict[str, Any]:
        since_text = query.get("modified_since")
        with self._lock:
            items = list(self.objects[kind])
        if since_text:
            since = datetime.fromisoformat(since_text)
            items = [o for o in items if datetime.fromisoformat(o["modified"]) >= since]
        else:
            items = [o for o in items if not o.get("deleted")]
        page = int(query.get("page", "1"))
        size = self.page_size
        data = [dict(o) for o in items[(page - 1) * size : page * size]]
        for obj in data:
            if kind == "paper" and "mainFile" in obj:
                obj["mainFile"] = dict(obj["mainFile"], text=self.text_of(obj["id"]))
        links: dict[str, str] = {}
        if page * size < len(items):
            rest = {k: v for k, v in query.items() if k != "page"} | {"page": str(page + 1)}
            links["next"] = f"{self.base}{path}?{urllib.parse.urlencode(rest)}"
        return {"data": data, "links": links,
                "pagination": {"totalElements": len(items), "elementsPerPage": size,
                               "currentPage": page}}  # fmt: skip

    def generate_big(self, papers: int, meetings: int, rng: random.Random) -> None:
        now = stamp()
        for i, name in enumerate(ORGS, 1):
            self.objects["organization"].append(
                {"id": self.url(f"organization/{i}"), "type": T + "Organization", "name": name,
                 "organizationType": "Gremium", "created": now, "modified": now}
            )  # fmt: skip
        for i in range(meetings):
            day = 1 + i % 28
            month = 1 + (i // 28) % 12
            year = 2030 + i // (28 * 12)
            hour = 15 + i % 4
            off = "+02:00" if 4 <= month <= 9 else "+01:00"
            start = f"{year}-{month:02d}-{day:02d}T{hour:02d}:00:00{off}"
            end = f"{year}-{month:02d}-{day:02d}T{hour + 2:02d}:00:00{off}"
            org = 1 + i % len(ORGS)
            obj = self.meeting(str(10_000 + i), f"Sitzung {ORGS[org - 1]} Nr. {i}", start, end,
                               org=str(org))  # fmt: skip
            obj["agendaItem"] += [
                {"id": self.url(f"agendaitem/{10_000 + i}{k}"), "type": T + "AgendaItem",
                 "number": str(k), "name": rng.choice(self.sentences)[:120], "public": True}
                for k in range(4, 4 + rng.randint(3, 12))
            ]  # fmt: skip
            self.objects["meeting"].append(obj)
        for i in range(papers):
            pid = str(100_000 + i)
            title = " ".join(rng.choice(self.sentences).split()[:8])
            self.objects["paper"].append(self.paper(pid, title, f"{2030 + i // 5000}/{i:04d}", ""))

    def change_some(self, n: int, rng: random.Random) -> tuple[int, int]:
        """n changed objects: about half the papers get a new text version, the other
        meetings move by a day."""
        papers = rng.sample(self.objects["paper"], min(n // 2, len(self.objects["paper"])))
        meetings = rng.sample(
            self.objects["meeting"], min(n - len(papers), len(self.objects["meeting"]))
        )
        for obj in papers:
            self.versions[obj["id"]] = self.versions.get(obj["id"], 0) + 1
            self.put("paper", dict(obj))
        for obj in meetings:
            moved = dict(obj, start=obj["start"].replace("T1", "T0", 1))
            self.put("meeting", moved)
        return len(papers), len(meetings)


def sentence_pool(rng: random.Random) -> list[str]:
    sentences = demo_sentences()
    words = sorted(w for w in german_words() if len(w) > 4)
    return [vary(rng.choice(sentences), rng, words) for _ in range(POOL)]


def tree_memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB summed over a process and its descendants (Linux /proc; PSS counts
    pages shared after a fork once in all); (0, 0) where /proc cannot tell."""
    rss = pss = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith(("Rss:", "Pss:")):
                    kb = float(line.split()[1]) / 1024
                    rss, pss = (rss + kb, pss) if line.startswith("Rss:") else (rss, pss + kb)
        except (OSError, ValueError):
            continue  # ended meanwhile, or no /proc
    return rss, pss


def run_sync(db: Path, url: str, log: Path) -> tuple[float, float, dict[str, Any]]:
    """One `oparl sync --json` in a child process: seconds, its peak RSS (MB), its report.
    The peak RSS and PSS of the sync with its worker processes together are printed too."""
    env = dict(os.environ, GREMIENBOT_OPARL_URL="", PYTHONPATH=str(ROOT))
    with log.open("w") as err, tempfile.TemporaryFile("w+") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "--db", str(db), "oparl", "sync", url, "--json"],
            stdout=out, stderr=err, env=env, cwd=ROOT,
        )  # fmt: skip
        peak = [0.0, 0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                peak[:] = [max(a, b) for a, b in zip(peak, tree_memory(proc.pid), strict=True)]

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    if proc.returncode != 0:
        raise SystemExit(f"sync failed ({proc.returncode}); see {log}")
    print(f"  all processes of the sync together (sampled every 0.2 s): peak RSS {peak[0]:.0f} MB, "
          f"PSS {peak[1]:.0f} MB")  # fmt: skip
    return seconds, usage.ru_maxrss / 1024, json.loads(text.strip().splitlines()[-1])


def ask_base(db_path: Path, qs: list[str], dump: Path | None) -> None:
    """Read the base as `gremienbot run` does after a sync (preload, then install), ask the
    questions (after one warm-up question) and print latency, CPU time per question, RSS."""
    db = open_db(db_path)
    stored = db.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    kb = KnowledgeBase(db)
    t0 = time.perf_counter()
    preloaded = KnowledgeBase.preload(open_db(db_path))
    preload_s = time.perf_counter() - t0
    kb.install(preloaded)
    print(f"base: {stored} passages; vocabulary preload {preload_s:.2f} s (as after a sync)")
    kb.ask(qs[0])  # warm caches
    times: list[float] = []
    cpu: list[float] = []
    answers = []
    for q in qs:
        t, c = time.perf_counter(), time.process_time()
        answers.append(kb.ask(q))
        cpu.append((time.process_time() - c) * 1000)
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"questions: {len(qs)}, answered {sum(a.answered for a in answers)}; latency ms: "
        f"p50 {percentile(times, 50):.1f}  p95 {percentile(times, 95):.1f}  "
        f"p99 {percentile(times, 99):.1f}  max {max(times):.1f}; CPU ms: "
        f"mean {sum(cpu) / len(cpu):.1f}  p95 {percentile(cpu, 95):.1f}; "
        f"RSS {tree_memory(os.getpid())[0]:.0f} MB; load {os.getloadavg()[0]:.2f}"
    )
    if dump:
        with dump.open("w", encoding="utf-8") as out:
            for q, a in zip(qs, answers, strict=True):
                out.write(json.dumps([q, asdict(a)], ensure_ascii=False, default=sorted) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--meetings", type=int, default=2_000)
    parser.add_argument("--page-size", type=int, default=50, help="objects per list page")
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the database (and sync logs) here")
    parser.add_argument("--db", type=Path, help="only ask the questions on this kept base")
    parser.add_argument("--dump", type=Path, help="write every answer to this file (JSON lines)")
    args = parser.parse_args()
    rng = random.Random(2026)
    if args.db:  # the same random sequence as a run that synced, without the sync
        server = BigOParl(args.page_size, sentence_pool(rng))
        server.server.server_close()
        server.generate_big(args.papers, args.meetings, rng)
        server.change_some(args.changes, rng)
        ask_base(args.db, questions(args.questions, rng), args.dump)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        db_path = work / "bench_oparl.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        t0 = time.perf_counter()
        server = BigOParl(args.page_size, sentence_pool(rng))
        server.generate_big(args.papers, args.meetings, rng)
        text_mb = sum(len(server.text_of(p["id"]).encode()) for p in server.objects["paper"]) / 1e6
        print(
            f"body: {args.papers} papers ({text_mb:.0f} MB of text, "
            f"{text_mb / max(1, args.papers) * 1000:.0f} kB each), {args.meetings} meetings, "
            f"{len(ORGS)} organizations, {args.page_size} per page; "
            f"made in {time.perf_counter() - t0:.1f} s"
        )
        with server:
            seconds, rss, report = run_sync(db_path, server.system_url, work / "sync1.log")
            print(
                f"initial sync: {seconds:.1f} s = {args.papers / seconds:.1f} papers/s, "
                f"ingest {text_mb / seconds:.2f} MB/s of text; peak RSS {rss:.0f} MB"
            )
            print(f"  report: {json.dumps(report, ensure_ascii=False)[:300]}")
            changed = server.change_some(args.changes, rng)
            seconds2, rss2, report2 = run_sync(db_path, server.system_url, work / "sync2.log")
            print(
                f"incremental sync ({changed[0]} papers, {changed[1]} meetings changed): "
                f"{seconds2:.1f} s; peak RSS {rss2:.0f} MB"
            )
            print(f"  report: {json.dumps(report2, ensure_ascii=False)[:300]}")

        ask_base(db_path, questions(args.questions, rng), args.dump)
        if args.papers < 10_000:
            factor = 10_000 / args.papers
            print(
                f"extrapolated to 10,000 papers at this rate (linear; a lower bound if the "
                f"cost per paper grows with the base): {seconds * factor / 60:.0f} min"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
