"""Delivery benchmark: an announcement to 10,000 subscribers and reminders falling due,
through `gremienbot run` against the stand-in Bot API (30 messages/s overall, like Telegram).

    python benchmarks/bench_broadcast.py [--subscribers 10000] [--reminders 600]

Prints throughput as a share of the 30/s limit (target >= 95%), the 429 answers received
(target 0) and how late reminders arrive (p50/p99/max; target p99 < 2 s). The reminders fall
due spread over two minutes (5 a second), as in real use; the broadcast is over by then.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.store import open_db  # noqa: E402
from scheduler.calendar import Calendar  # noqa: E402
from scheduler.clock import SystemClock  # noqa: E402
from scheduler.events import Event  # noqa: E402
from tests.botapi_server import FakeBotAPI  # noqa: E402

LIMIT = 30.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--reminders", type=int, default=600)
    args = parser.parse_args()
    text = "Die Sitzung des Sozialausschusses beginnt heute eine Stunde später."
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        db_path = Path(tmp) / "bench.db"
        cal = Calendar(open_db(db_path), SystemClock(), default_offsets="2h")
        t0 = time.perf_counter()
        for chat in range(1, args.subscribers + 1):  # announcements only
            cal.toggle(chat, "ankuendigungen", user_id=chat, language="de")
        draft, _ = cal.announce(author_id=1, text=text)
        queued = cal.send_announcement(draft.id)
        print(
            f"setup: {args.subscribers} subscribers, announcement queued for {queued} "
            f"in {time.perf_counter() - t0:.1f} s"
        )

        # Reminders: one per extra subscriber, due spread over 2 minutes after the broadcast.
        broadcast_s = args.subscribers / 29.0
        base = datetime.now(UTC) + timedelta(seconds=broadcast_s + 30)
        rng = random.Random(1)
        due: dict[int, datetime] = {}
        for i in range(args.reminders):
            chat = 1_000_000 + i
            cal.toggle(chat, f"gremium-{i}", user_id=chat, language="de")
            at = base + timedelta(seconds=rng.uniform(0, 120))
            cal.create(Event(f"Sitzung {i}", at + timedelta(hours=2), topic=f"gremium-{i}"))
            due[chat] = at

        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.base_url,
            "GREMIENBOT_DB": str(db_path),
            "GREMIENBOT_REMINDER_OFFSETS": "2h",
        }
        wall0, mono0 = datetime.now(UTC), time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:

            def broadcast_done(s: FakeBotAPI) -> bool:
                return (
                    sum(
                        1
                        for c in s.snapshot()
                        if c.method == "sendMessage"
                        and c.status == 200
                        and int(c.params["chat_id"]) <= args.subscribers
                    )
                    >= args.subscribers
                )

            api.wait_for(broadcast_done, timeout=broadcast_s * 2 + 120)
            sends = [
                c
                for c in api.snapshot()
                if c.method == "sendMessage" and int(c.params["chat_id"]) <= args.subscribers
            ]
            ok = [c for c in sends if c.status == 200]
            refused = [c for c in api.snapshot() if c.status == 429]
            span = ok[-1].at - ok[0].at
            rate = (len(ok) - 1) / span if span > 0 else 0.0
            print(
                f"broadcast: {len(ok)} delivered in {span:.1f} s = {rate:.2f}/s = "
                f"{rate / LIMIT:.1%} of the 30/s limit; 429 answers: {len(refused)}"
            )

            def reminders_done(s: FakeBotAPI) -> bool:
                got = {int(m["chat"]["id"]) for m in s.sent() if int(m["chat"]["id"]) in due}
                return len(got) >= len(due)

            api.wait_for(reminders_done, timeout=(base - datetime.now(UTC)).total_seconds() + 200)
            late = []
            for c in api.snapshot():
                chat = int(c.params.get("chat_id", 0) or 0)
                if c.method == "sendMessage" and c.status == 200 and chat in due:
                    arrived = wall0 + timedelta(seconds=c.at - mono0)
                    late.append((arrived - due[chat]).total_seconds())
            if late:
                print(
                    f"reminders: {len(late)} of {len(due)} arrived; lateness p50 "
                    f"{percentile(late, 50):.2f} s, p99 {percentile(late, 99):.2f} s, "
                    f"max {max(late):.2f} s"
                )
            refused = [c for c in api.snapshot() if c.status == 429]
            print(f"429 answers in all: {len(refused)}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
