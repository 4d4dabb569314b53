"""Shared fixtures: a real SQLite file with the bundled demo corpus, built once per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db

DATA = Path(__file__).parent / "data"


def demo_corpus_dir() -> Path:
    """The corpus bundled with the package."""
    return Path(str(resources.files("knowledge").joinpath("data", "demo_corpus")))


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the demo corpus ingested (read-only for tests)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_db(path)
    results = ingest_paths(db, [demo_corpus_dir()])
    assert {r.status for r in results} == {"added"}
    db.conn.close()
    return path


@pytest.fixture(scope="session")
def kb(demo_db_file: Path) -> KnowledgeBase:
    """A knowledge base over the demo corpus, shared by read-only tests."""
    return KnowledgeBase(open_db(demo_db_file))


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the demo corpus folder."""
    dest = tmp_path / "corpus"
    shutil.copytree(demo_corpus_dir(), dest)
    for f in dest.iterdir():
        f.chmod(0o644)
    return dest


# The real Application over HTTP to the stand-in Bot API server (tests/live.py).
from tests.live import live, live_server  # noqa: E402, F401
