"""The CLI contract other tools depend on: ingest, ask, ask --batch, JSON shape, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import demo_corpus_dir

ANSWER_KEYS = {"text", "document", "title", "date", "score"}


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ask_json_contract(demo_db_file: Path) -> None:
    code, out, _ = run(
        "--db",
        str(demo_db_file),
        "ask",
        "Wann ist die Siegelverleihung 2020?",
        "--json",
        "--top",
        "2",
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"question", "answered", "answers"}
    assert data["question"] == "Wann ist die Siegelverleihung 2020?"
    assert data["answered"] is True
    assert 1 <= len(data["answers"]) <= 2
    top = data["answers"][0]
    assert set(top) == ANSWER_KEYS
    assert top["document"] == "2019-ki-baustein-6-und-themenschwerpunkte.txt"
    assert "03.09.2020" in top["text"]
    assert top["date"] == "2019"
    assert isinstance(top["score"], float)


def test_declined_question_has_no_answers(demo_db_file: Path) -> None:
    code, out, _ = run(
        "--db", str(demo_db_file), "ask", "Wann fährt der nächste Bus nach Köln?", "--json"
    )
    assert code == 0
    assert json.loads(out) == {
        "question": "Wann fährt der nächste Bus nach Köln?",
        "answered": False,
        "answers": [],
    }


def test_batch_keeps_order_one_line_each(demo_db_file: Path, tmp_path: Path) -> None:
    questions = [
        "Was ist KIM?",
        "",
        "Wie viele Einwohner hat Bonn?",
        '"*:^()NEAR AND OR -',
        "Wer vertritt die freien Wohlfahrtsverbände?",
    ]
    batch = tmp_path / "q.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    code, out, _ = run("--db", str(demo_db_file), "ask", "--batch", str(batch), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [x["question"] for x in lines] == questions
    assert [x["answered"] for x in lines] == [True, False, False, False, True]


def test_batch_from_stdin(demo_db_file: Path) -> None:
    code, out, _ = run(
        "--db",
        str(demo_db_file),
        "ask",
        "--batch",
        "-",
        "--json",
        input="Was ist KIM?\nwho leads the KI\n",
    )
    assert code == 0
    assert [json.loads(x)["answered"] for x in out.splitlines()] == [True, True]


def test_ask_needs_question_or_batch(demo_db_file: Path) -> None:
    code, _, err = run("--db", str(demo_db_file), "ask")
    assert code == 2
    assert "FRAGE" in err


def test_ingest_exit_code_reports_failures(tmp_path: Path) -> None:
    good = tmp_path / "gut.txt"
    good.write_text("Die Jury tagt am 21.11.2019.\n")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"not a pdf at all")
    db = str(tmp_path / "kb.db")
    code, out, err = run("--db", db, "ingest", str(good))
    assert code == 0
    assert "1 neu" in out
    code, out, err = run("--db", db, "ingest", str(good), str(bad))
    assert code == 1
    assert "1 unverändert" in out
    assert "1 Fehler" in out
    assert "scan.pdf" in err


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("GREMIENBOT_DB", str(db))
    code, _, _ = run("ingest", str(demo_corpus_dir()))
    assert code == 0
    assert db.exists()


def test_python_dash_m_bot_is_the_same_command(demo_db_file: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(demo_db_file), "ask", "Was ist KIM?", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["answered"] is True


def test_pdf_ingest_and_scanned_pdf_message(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from tests.test_filetext import text_pdf, written

    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "sitzung.pdf").write_bytes(
        text_pdf("Die Jury tagt am 21.11.2019 im Kreishaus in Siegburg.")
    )
    blank = PdfWriter()
    blank.add_blank_page(width=595, height=842)
    (folder / "scan.pdf").write_bytes(written(blank))
    db = str(tmp_path / "kb.db")
    code, out, err = run("--db", db, "ingest", str(folder))
    assert code == 1
    assert "1 neu" in out
    assert "1 Fehler" in out
    assert "scan.pdf" in err
    assert "no text layer" in err
    code, out, _ = run("--db", db, "ask", "Wann tagt die Jury?", "--json")
    top = json.loads(out)["answers"][0]
    assert top["document"] == "sitzung.pdf"
    assert "21.11.2019" in top["text"]
