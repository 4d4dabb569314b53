"""Papers whose files come without `text`: downloaded from the stand-in OParl server, PDFs
read, unreadable types and oversized files skipped and counted, a file read again only when
its modified, sha1Checksum or size changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.oparl_server import FakeOParl
from tests.test_filetext import text_pdf
from tests.test_oparl_sync import ZERO, cli, fast_retries, sync  # noqa: F401

LOTSEN = "Der Kreis richtet neun Lotsenstellen fuer Familien in Troisdorf ein."
LOTSEN_NEU = "Der Kreis richtet zwoelf Lotsenstellen fuer Familien in Troisdorf ein."
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def server() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


def downloads(server: FakeOParl) -> list[str]:
    return [r for r in server.requests if "/download/" in r]


def ask(db: Path, question: str) -> dict[str, object]:
    code, out, err = cli(db, "ask", question, "--json")
    assert code == 0, err
    answer: dict[str, object] = json.loads(out)
    return answer


def test_pdf_only_paper_is_downloaded_read_and_read_again_only_when_changed(
    server: FakeOParl, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    server.put("paper", server.file_paper("301", "Lotsenstellen", "2030/0301", text_pdf(LOTSEN)))
    server.put("paper", server.file_paper("302", "Lageplan", "2030/0302", b"PK\x03\x04 docx",
                                          file_name="302.docx", mime=DOCX))  # fmt: skip
    report = sync(db, server.body_url)
    assert report["papers"] == ZERO | {"new": 4}
    assert report["files"] == {"read": 4, "skipped": 1}  # 3 with text, the PDF; not the .docx
    assert downloads(server) == ["/oparl/v1/download/301.pdf"]
    answer = ask(db, "Wie viele Lotsenstellen richtet der Kreis ein?")
    assert answer["answered"], answer
    first = answer["answers"][0]  # type: ignore[index]
    assert first["document"] == "oparl/301"
    assert "neun Lotsenstellen" in first["text"]

    server.requests.clear()
    assert sync(db, server.body_url)["files"] == {"read": 0, "skipped": 0}
    assert downloads(server) == []

    server.change("paper", "301", name="Lotsenstellen im Kreis")  # the paper, not its file
    report = sync(db, server.body_url)
    assert report["papers"] == ZERO | {"changed": 1}
    assert downloads(server) == []  # the file's stamp is unchanged: its text is kept
    assert (
        "neun Lotsenstellen"
        in ask(db, "Wie viele Lotsenstellen richtet der Kreis ein?")["answers"][0]["text"]
    )  # type: ignore[index]

    new_pdf = text_pdf(LOTSEN_NEU)
    server.serve_file("301.pdf", new_pdf)
    paper = server.find("paper", "301")
    server.change("paper", "301", mainFile=paper["mainFile"]
                  | {"sha1Checksum": hashlib.sha1(new_pdf).hexdigest()})  # fmt: skip
    report = sync(db, server.body_url)
    assert downloads(server) == ["/oparl/v1/download/301.pdf"]
    assert report["files"] == {"read": 1, "skipped": 0}
    text = ask(db, "Wie viele Lotsenstellen richtet der Kreis ein?")["answers"][0]["text"]  # type: ignore[index]
    assert "zwoelf Lotsenstellen" in text


def test_oversized_and_unreadable_files_are_skipped_and_counted(
    server: FakeOParl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "bot.db"
    monkeypatch.setenv("GREMIENBOT_OPARL_MAX_FILE_MB", "0.01")  # 10 KB
    big = b"%PDF-1.4\n" + b"0" * 20_000
    server.put("paper", server.file_paper("311", "Gross mit Laenge", "2030/0311", big))
    server.put("paper", server.file_paper("312", "Gross ohne Laenge", "2030/0312", big,
                                          length=False))  # fmt: skip
    server.put("paper", server.file_paper("313", "Kaputtes PDF", "2030/0313", b"kein pdf"))
    report = sync(db, server.body_url)
    assert report["papers"] == ZERO | {"new": 5}  # stored with their title all the same
    assert report["files"] == {"read": 3, "skipped": 3}
    assert sorted(downloads(server)) == [f"/oparl/v1/download/{n}.pdf" for n in (311, 312, 313)]
    errors = sorted(report["errors"])
    assert errors[0].startswith(server.file_url("311.pdf"))
    assert "größer als" in errors[0]
    assert errors[1].startswith(server.file_url("312.pdf"))
    assert "größer als" in errors[1]
    assert errors[2].startswith(server.file_url("313.pdf"))
    assert "PDF" in errors[2]

    server.requests.clear()
    for pid in ("311", "312", "313"):
        server.change("paper", pid, name=f"Vorlage {pid} (geändert)")
    report = sync(db, server.body_url)
    assert report["papers"] == ZERO | {"changed": 3}
    assert report["files"] == {"read": 0, "skipped": 3}
    assert downloads(server) == []  # the same files are not asked for again


def test_minutes_that_are_only_a_pdf_are_read(server: FakeOParl, tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    line = "Der Sozialausschuss beschliesst die Schuldnerberatung in Siegburg auszubauen."
    server.serve_file("1029.pdf", text_pdf(line))
    server.change("meeting", "102", resultsProtocol={
        "id": server.url("file/1029"), "type": "https://schema.oparl.org/1.1/File",
        "name": "Niederschrift", "fileName": "1029.pdf", "mimeType": "application/pdf",
        "accessUrl": server.file_url("1029.pdf"), "size": 1,
    })  # fmt: skip
    sync(db, server.body_url)
    answer = ask(db, "Was hat der Sozialausschuss zur Schuldnerberatung beschlossen?")
    assert answer["answered"], answer
    assert answer["answers"][0]["document"] == "oparl/sitzung-102"  # type: ignore[index]
