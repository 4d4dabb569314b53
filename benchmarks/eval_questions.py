"""Run a question file against a knowledge base and print right/wrong per question.

    python benchmarks/eval_questions.py tests/data/dev_questions.jsonl [--db PATH] [-v]

Without --db the bundled demo corpus is ingested into a temporary database first.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from importlib import resources
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db


def judge(item: dict, answer) -> bool:
    """True when the top answer is right (or a decline is right)."""
    if item.get("unanswerable"):
        return not answer.answered
    if not answer.answered:
        return False
    top = answer.hits[0]
    text = " ".join(top.text.lower().split())
    return (
        top.source.name in item["documents"]
        and len(top.text) <= 700
        and any(all(w.lower() in text for w in group) for group in item["expect_any"])
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(args.db or Path(tmp) / "eval.db")
        if args.db is None:
            corpus = Path(str(resources.files("knowledge").joinpath("data", "demo_corpus")))
            ingest_paths(db, [corpus])
        kb = KnowledgeBase(db)
        right = total = 0
        un_right = un_total = 0
        for f in args.files:
            for line in f.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                item = json.loads(line)
                answer = kb.ask(item["question"])
                ok = judge(item, answer)
                if item.get("unanswerable"):
                    un_total += 1
                    un_right += ok
                else:
                    total += 1
                    right += ok
                if args.verbose or not ok:
                    mark = "OK  " if ok else "FAIL"
                    print(f"{mark} {item['question']}  [{answer.qtype}]")
                    if not ok or args.verbose:
                        q = kb.analyse(item["question"])
                        print(
                            "      concepts:",
                            [
                                (c.label, dict(c.alternatives), c.parts, round(c.importance, 2))
                                for c in q.concepts
                            ],
                        )
                        for h in answer.hits[:3]:
                            head = f"{h.score:.2f} cov={h.coverage:.2f} {h.source.name}"
                            print(f"      {head}: {h.text[:300]}")
        print(f"answerable right: {right}/{total}; unanswerable declined: {un_right}/{un_total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
