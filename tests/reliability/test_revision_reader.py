"""The shared revision read: callers arriving together share one read, and a read the database
leaves unanswered does not hold the callers after it (a network cut that reset nothing)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.api.revision_reader import RevisionReader
from app.errors import DatabaseUnavailable


def test_callers_arriving_during_a_read_share_the_next_one() -> None:
    reads = []
    release = threading.Event()

    def read() -> int:
        reads.append(1)
        release.wait(5)
        return len(reads)

    async def main() -> list[int]:
        reader = RevisionReader(read, silent_after_s=5, on_silence=lambda: None)
        first = asyncio.create_task(reader.current())
        await asyncio.sleep(0.05)  # the first read is under way
        later = [asyncio.create_task(reader.current()) for _ in range(20)]
        await asyncio.sleep(0.05)
        release.set()
        return [await first, *[await t for t in later]]

    answers = asyncio.run(main())
    assert answers[0] == 1 and set(answers[1:]) == {2}  # twenty callers, one more read
    assert len(reads) == 2


def test_a_silent_read_answers_503_and_does_not_hold_the_next_callers() -> None:
    silent = threading.Event()
    silences = []

    def read() -> int:
        if not silent.is_set():
            silent.set()
            threading.Event().wait(3)  # the first read hears nothing back
        return 7

    async def main() -> tuple[BaseException | int, int, float]:
        reader = RevisionReader(read, silent_after_s=0.3, on_silence=lambda: silences.append(1))
        loop = asyncio.get_running_loop()
        first = asyncio.create_task(reader.current())
        await asyncio.sleep(0.05)
        began = loop.time()
        second = await reader.current()  # waits for the read after the silent one, not for it to end
        waited = loop.time() - began
        try:
            answered: BaseException | int = await first
        except DatabaseUnavailable as e:
            answered = e
        return answered, second, waited

    first, second, waited = asyncio.run(main())
    assert isinstance(first, DatabaseUnavailable) and "did not answer within 0.3s" in str(first)
    assert second == 7 and waited < 1.0
    assert silences == [1]


@pytest.mark.parametrize("error", [DatabaseUnavailable("the database is unreachable"), RuntimeError("boom")])
def test_every_caller_of_a_failed_read_hears_its_error(error: Exception) -> None:
    def read() -> int:
        raise error

    async def main() -> list[BaseException | int]:
        reader = RevisionReader(read, silent_after_s=1, on_silence=lambda: None)
        return await asyncio.gather(*(reader.current() for _ in range(5)), return_exceptions=True)

    assert all(answer is error for answer in asyncio.run(main()))
