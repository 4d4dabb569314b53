"""Bot benchmark: many members asking at once through the stand-in Bot API on 127.0.0.1.

    python benchmarks/bench_bot.py [--members 50] [--rounds 4]

Starts `gremienbot run` as a subprocess on the bundled demo corpus against tests/fake_telegram
(Telegram's limits: 30 messages/s overall, about 1/s per chat). Prints, for each scenario, the
time from an update being available to the bot's reply arriving: median, p95, max.

- steady: every member asks a question every 2-4 s (about 15 questions/s in all).
- burst: all members ask at the same instant; 30 messages/s is the floor here, so the last
  replies of a burst of 50 cannot come before about 1.7 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.botapi_server import FakeBotAPI  # noqa: E402

QUESTIONS = [
    "Was ist KIM?",
    "Wie viele Case-Management-Stellen sind besetzt?",
    "Wann ist die Siegelverleihung 2020?",
    "who leads the KI",
    "Was ist Baustein 6?",
    "Wer vertritt die freien Wohlfahrtsverbände?",
    "Wie hoch sind die Personalkosten eines KIZ?",
    "Wiviele Case Managment Stellen sind vorgesehen",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(name: str, latencies: list[float]) -> None:
    ms = [v * 1000 for v in latencies]
    print(
        f"{name}: {len(ms)} replies, median {statistics.median(ms):.0f} ms, "
        f"p95 {percentile(ms, 95):.0f} ms, max {max(ms):.0f} ms"
    )


def ask_and_wait(api: FakeBotAPI, user: int, question: str, timeout: float = 30.0) -> float:
    """Push one question and return the seconds until the bot's reply arrived."""
    before = len(api.sent(user))
    started = time.monotonic()
    api.user_message(user, question)
    deadline = started + timeout
    while time.monotonic() < deadline:
        if len(api.sent(user)) > before:
            return time.monotonic() - started
        time.sleep(0.002)
    raise TimeoutError(f"no reply for user {user}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    corpus = Path(str(resources.files("knowledge").joinpath("data", "demo_corpus")))
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        db = Path(tmp) / "bench.db"
        subprocess.run(
            [sys.executable, "-m", "bot", "--db", str(db), "ingest", str(corpus)],
            check=True,
            capture_output=True,
        )
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.base_url,
            "GREMIENBOT_DB": str(db),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            if not api.wait_for(
                lambda s: any(c.method == "getUpdates" for c in s.snapshot()), timeout=60
            ):
                raise RuntimeError("bot did not start")
            ask_and_wait(api, 1, "Was ist KIM?")  # warm up

            steady: list[float] = []

            def member(user: int) -> None:
                rng = random.Random(user)
                time.sleep(rng.uniform(0, 3))
                for _ in range(args.rounds):
                    steady.append(ask_and_wait(api, user, rng.choice(QUESTIONS)))
                    time.sleep(rng.uniform(2, 4))

            threads = [
                threading.Thread(target=member, args=(10_000 + i,)) for i in range(args.members)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            report(f"steady ({args.members} members, a question every 2-4 s each)", steady)

            burst: list[float] = []
            barrier = threading.Barrier(args.members)

            def burst_member(user: int) -> None:
                barrier.wait()
                burst.append(ask_and_wait(api, user, QUESTIONS[user % len(QUESTIONS)]))

            threads = [
                threading.Thread(target=burst_member, args=(20_000 + i,))
                for i in range(args.members)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            report(f"burst ({args.members} members at the same instant)", burst)
            refused = sum(1 for c in api.snapshot() if c.status == 429)
            print(f"429 answers from the stand-in server (retried by the bot): {refused}")
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
