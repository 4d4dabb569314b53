"""What members and staff see in Telegram of what the OParl sync brought (the real PTB
Application over HTTP to the stand-in Bot API server, data from the stand-in OParl server)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.oparl.client import OParlClient
from bot.oparl.sync import sync
from tests.live import MEMBER, Live
from tests.oparl_server import FakeOParl

WEB_BUTTON = "Im Ratsinformationssystem"


@pytest.fixture
def server() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


async def synced(live: Live, server: FakeOParl) -> None:
    async with OParlClient(backoff=0.01) as client:
        report = await sync(live.cal, server.body_url, client)
    assert report.papers.new == 2


async def test_answer_from_a_paper_names_reference_and_date_and_links_it(
    live: Live, server: FakeOParl
) -> None:
    await synced(live, server)
    await live.send("Wie viele Sprachkurse sollen gefördert werden?", user_id=MEMBER)
    text = live.texts(MEMBER)[-1]
    assert "14 Sprachkurse" in text
    assert "Quelle: Förderung von Sprachkursen für zugewanderte Familien" in text
    assert "(Beschlussvorlage 2030/0101, 15.01.2030)" in text
    assert (WEB_BUTTON, f"{server.base}/vo0050.asp?__kvonr=201") in live.buttons(MEMBER)
    await live.send("Was hat der Integrationsausschuss zum Dolmetscherpool beschlossen?")
    assert "Niederschrift Integrationsausschuss, Sitzung vom 12.03.2030" in live.texts(MEMBER)[-1]
    assert (WEB_BUTTON, f"{server.base}/si0057.asp?__ksinr=101") in live.buttons(MEMBER)
    await live.send("What does the KIM case management do?", language_code="en")
    assert "Source:" in live.texts(MEMBER)[-1]
    assert all(label != WEB_BUTTON for label, _ in live.buttons(MEMBER))  # not from the RIS
    assert live.refused() == []


def test_ask_json_has_reference_and_web_only_when_present(
    server: FakeOParl, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "oparl", "sync", server.body_url]).exit_code == 0
    corpus = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "demo_corpus"
    assert runner.invoke(main, ["--db", str(db), "ingest", str(corpus)]).exit_code == 0

    def first(question: str) -> dict[str, object]:
        out = runner.invoke(main, ["--db", str(db), "ask", question, "--json"]).stdout
        found: dict[str, object] = json.loads(out)["answers"][0]
        return found

    paper = first("Wie viele Sprachkurse sollen gefördert werden?")
    assert paper["document"] == "oparl/201"
    assert paper["reference"] == "2030/0101"
    assert paper["web"] == f"{server.base}/vo0050.asp?__kvonr=201"
    assert paper["title"] == "Förderung von Sprachkursen für zugewanderte Familien"
    demo = first("Wie viele Personalstellen hat das KIM?")
    assert set(demo) == {"text", "document", "title", "date", "score"}
