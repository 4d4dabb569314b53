"""Search benchmark: a large synthetic corpus, ingest throughput, question latency, peak memory.

    python benchmarks/bench_search.py [--passages 100000] [--questions 1000] [--keep DIR]

The corpus is the bundled demo corpus varied: sentences shuffled across many documents, numbers
and dates changed, and a share of the words swapped for other real German words (from the same
word list the bot uses), so the vocabulary grows as in a real archive. Figures are printed, not
asserted: targets are p95 < 50 ms per question (with typo correction) and peak RSS < 400 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from knowledge.analyze import german_words
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.passages import split_passages
from knowledge.repair import repair_text
from knowledge.store import open_db

ROOT = Path(__file__).resolve().parent.parent
QUESTION_FILES = [
    ROOT / "tests/data/dev_questions.jsonl",
    ROOT / "tests/data/extra_questions.jsonl",
]
SENTENCES_PER_DOC = 250
PASSAGES_PER_DOC = 175  # sentences join and split again: about 0.7 passages per line


def demo_sentences() -> list[str]:
    folder = Path(str(resources.files("knowledge").joinpath("data", "demo_corpus")))
    out: list[str] = []
    for f in sorted(folder.glob("*.txt")):
        out += [p.text for p in split_passages(repair_text(f.read_text(encoding="utf-8")))]
    return out


def vary(sentence: str, rng: random.Random, words: list[str]) -> str:
    """The sentence with other numbers and dates, and about every sixth word replaced."""
    s = re.sub(
        r"\b\d{1,2}\.\d{1,2}\.(\d{4})\b",
        lambda m: f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2005, 2026)}",
        sentence,
    )
    s = re.sub(r"\b\d{1,3}\b", lambda m: str(rng.randint(1, 400)), s)
    tokens = s.split(" ")
    for i, tok in enumerate(tokens):
        if tok.isalpha() and len(tok) > 4 and rng.random() < 0.17:
            w = rng.choice(words)
            tokens[i] = w.capitalize() if tok[0].isupper() else w
    return " ".join(tokens)


def build_corpus(folder: Path, passages: int, rng: random.Random) -> int:
    sentences = demo_sentences()
    words = sorted(w for w in german_words() if len(w) > 4)
    docs = passages // PASSAGES_PER_DOC + 1
    meta = {}
    for d in range(docs):
        lines = []
        for _ in range(SENTENCES_PER_DOC):
            lines.append(vary(rng.choice(sentences), rng, words))
            if rng.random() < 0.25:
                lines.append("")
        name = f"synth-{d:05d}.txt"
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        meta[name] = {
            "title": f"Synthetische Niederschrift {d}",
            "kind": "Niederschrift",
            "year": 2005 + d % 21,
        }
    (folder / "corpus.json").write_text(json.dumps({"documents": meta}), encoding="utf-8")
    return docs


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 2)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeinrst") + word[i:]


def questions(n: int, rng: random.Random) -> list[str]:
    base = [
        json.loads(line)["question"]
        for f in QUESTION_FILES
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = []
    for i in range(n):
        q = base[i % len(base)]
        if i >= len(base):
            words = q.split()
            j = rng.randrange(len(words))
            words[j] = typo(words[j], rng)
            q = " ".join(words)
        out.append(q)
    return out


def ask_all(kb: KnowledgeBase, qs: list[str]) -> tuple[list[float], int]:
    """Each question's latency in ms (after one warm-up question) and how many were answered."""
    kb.ask(qs[0])  # warm caches
    times: list[float] = []
    answered = 0
    for q in qs:
        t = time.perf_counter()
        answered += kb.ask(q).answered
        times.append((time.perf_counter() - t) * 1000)
    return times, answered


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep corpus and database in this folder")
    args = parser.parse_args()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        docs = build_corpus(corpus, args.passages, rng)
        print(f"corpus: {docs} documents written in {time.perf_counter() - t0:.1f} s")

        db_path = work / "bench.db"
        db_path.unlink(missing_ok=True)
        db = open_db(db_path)
        t0 = time.perf_counter()
        results = ingest_paths(db, [corpus])
        ingest_s = time.perf_counter() - t0
        stored = db.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        failed = sum(r.status == "failed" for r in results)
        print(
            f"ingest: {stored} passages in {ingest_s:.1f} s = {stored / ingest_s:.0f} passages/s"
            f" ({failed} failed)"
        )

        kb = KnowledgeBase(db)
        t0 = time.perf_counter()
        kb.vocabulary()
        print(
            f"vocabulary load: {time.perf_counter() - t0:.2f} s, "
            f"{len(kb.vocabulary().words)} words, {len(kb.vocabulary().df)} terms"
        )
        qs = questions(args.questions, rng)
        times, answered = ask_all(kb, qs)
        print(f"questions: {len(qs)}, answered {answered}")
        print(
            f"latency ms: p50 {percentile(times, 50):.1f}  p95 {percentile(times, 95):.1f}  "
            f"p99 {percentile(times, 99):.1f}  max {max(times):.1f}  "
            f"mean {statistics.mean(times):.1f}"
        )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
