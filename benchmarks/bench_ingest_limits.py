"""Ingest of odd and hostile files: time and peak memory of each, one process per file.

    python benchmarks/bench_ingest_limits.py                # this checkout
    python benchmarks/bench_ingest_limits.py --tree DIR     # another checkout (before/after)

Each case runs `python -m bot --db … ingest FILE` in a child process (address space capped at
6 GB so a runaway read fails instead of exhausting the machine, 120 s at most) and prints wall
time, peak RSS and the exit code. Then the sentence splitter on lower-case prose of growing
size (it was quadratic). The targets: every single-file ingest under ~500 MB and a minute.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pdfs import shared_content_pdf  # noqa: E402

AS_LIMIT = 6 * 2**30
TIMEOUT = 120.0


def prose(size: int, *, lower: bool, seed: int = 1) -> str:
    """German-looking prose from the demo corpus's words."""
    corpus = ROOT / "knowledge" / "data" / "demo_corpus"
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))).split()
    if lower:  # words only: a digit or a bullet after a full stop would end a sentence
        words = [w for w in words if w.rstrip(".,;:").isalpha()]
    rng = random.Random(seed)
    out: list[str] = []
    n = 0
    while n < size:
        i = rng.randrange(len(words) - 200)
        chunk = " ".join(words[i : i + 200])
        out.append(chunk.lower() if lower else chunk)
        n += len(chunk) + 2
    # Lower case: one flowing paragraph with no capital after a full stop (nothing splits).
    return (" " if lower else "\n\n").join(out)[:size]


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


def cases(work: Path) -> list[tuple[str, Path]]:
    pdf = work / "geteilter-inhalt.pdf"
    pdf.write_bytes(shared_content_pdf(pages=100, kilobytes=1024))
    fifo = work / "pipe.txt"
    os.mkfifo(fifo)
    big = work / "gross.txt"
    big.write_text(prose(4 * 2**20, lower=False), encoding="utf-8")
    return [
        (f"PDF {pdf.stat().st_size // 1024} KB, 100 pages share a 1 MB content stream", pdf),
        ("1 GB of zeros named .pdf (sparse)", sparse(work / "nullen.pdf", 2**30)),
        ("4 GB sparse .txt", sparse(work / "riesig.txt", 4 * 2**30)),
        ("2 GB .iso", sparse(work / "abbild.iso", 2 * 2**30)),
        ("/dev/zero", Path("/dev/zero")),
        ("FIFO named .txt", fifo),
        ("4 MB of German prose (.txt, about the largest kept whole)", big),
    ]


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


def run_case(tree: Path, db: Path, target: Path) -> tuple[float, int, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(db), "ingest", str(target)],
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=limit_memory,
    )
    outcome = ""
    deadline = start + TIMEOUT
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            outcome = f"killed after {TIMEOUT:.0f} s"
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - start
    output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
    if not outcome:
        code = os.waitstatus_to_exitcode(status)
        last = [ln for ln in output.splitlines() if ln.strip()]
        detail = next((ln for ln in last if "Fehler:" in ln or "Hinweis:" in ln), "")
        if "MemoryError" in output:
            detail = "MemoryError"
        outcome = f"exit {code}; " + (detail[-90:] if detail else (last[-1][-90:] if last else ""))
    return elapsed, usage.ru_maxrss // 1024, outcome


def split_figures(tree: Path) -> None:
    code = (
        "import sys, time\n"
        "from knowledge.passages import split_passages\n"
        "text = sys.stdin.read()\n"
        "t = time.perf_counter(); split_passages(text)\n"
        "print(f'{time.perf_counter() - t:.2f}')\n"
    )
    for kb in (58, 117, 234, 468, 1200):
        text = prose(kb * 1024, lower=True)
        try:
            done = subprocess.run(
                [sys.executable, "-c", code],
                input=text,
                capture_output=True,
                text=True,
                cwd=tree,
                env={**os.environ, "PYTHONPATH": str(tree)},
                timeout=TIMEOUT,
            )
            seconds = done.stdout.strip() + " s"
        except subprocess.TimeoutExpired:
            seconds = f"> {TIMEOUT:.0f} s"
        print(f"  {kb:>5} KB lower-case prose: {seconds}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout to measure")
    args = parser.parse_args()
    tree = args.tree.resolve()
    print(f"tree: {tree}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("single-file ingest (wall time, peak RSS, outcome):")
        for label, target in cases(work):
            db = work / f"{abs(hash(label))}.db"
            seconds, rss_mb, outcome = run_case(tree, db, target)
            print(f"  {label}: {seconds:.1f} s, {rss_mb} MB; {outcome}", flush=True)
    print("sentence splitting (split_passages):")
    split_figures(tree)


if __name__ == "__main__":
    main()
