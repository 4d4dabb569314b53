"""The OParl sync inside the running bot (tests/live.py): notices to subscribers when a
session moves or is called off, exactly once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.oparl.client import OParlClient
from bot.oparl.sync import Sync, SyncReport
from tests.live import MEMBER, Live
from tests.oparl_server import FakeOParl

ENGLISH = 12


@pytest.fixture
def oparl() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


async def sync(live: Live, oparl: FakeOParl) -> SyncReport:
    async with OParlClient(backoff=0.01, timeout=10.0) as client:
        return await Sync(live.cal, client).run(oparl.body_url)


async def test_moved_and_cancelled_sessions_are_noticed_once(live: Live, oparl: FakeOParl) -> None:
    await sync(live, oparl)
    await live.send("/abo alle", user_id=MEMBER)
    await live.send("/abo all", user_id=ENGLISH, language_code="en")
    await live.drain()
    before = {chat: len(live.texts(chat)) for chat in (MEMBER, ENGLISH)}
    oparl.change("meeting", "102", start="2030-06-25T18:00:00+02:00")
    oparl.change("meeting", "103", cancelled=True)
    oparl.delete("meeting", "101")
    report = await sync(live, oparl)
    assert (report.meetings.changed, report.meetings.deleted) == (2, 1)
    await live.drain()
    german = live.texts(MEMBER)[before[MEMBER] :]
    english = live.texts(ENGLISH)[before[ENGLISH] :]
    assert sorted(german) == sorted(
        [
            "Verlegt: Sitzung des Sozialausschusses\n"
            "vom 18.06.2030 16:30 Uhr auf 25.06.2030 18:00 Uhr verlegt.",
            "Abgesagt: Kreistag\n24.09.2030 15:00 Uhr – abgesagt.",
            "Abgesagt: Sitzung des Integrationsausschusses\n12.03.2030 17:00 Uhr – abgesagt.",
        ]
    )
    assert sorted(english) == sorted(
        [
            "Moved: Sitzung des Sozialausschusses\n"
            "moved from 18.06.2030 16:30 to 25.06.2030 18:00.",
            "Cancelled: Kreistag\n24.09.2030 15:00 – cancelled.",
            "Cancelled: Sitzung des Integrationsausschusses\n12.03.2030 17:00 – cancelled.",
        ]
    )
    # the next sync (nothing changed) and another drain send nothing more
    await sync(live, oparl)
    await live.drain()
    assert len(live.texts(MEMBER)) == before[MEMBER] + 3
    assert len(live.texts(ENGLISH)) == before[ENGLISH] + 3
    assert live.refused() == []
