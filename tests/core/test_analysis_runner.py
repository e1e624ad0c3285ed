"""`run_celery` under eager Celery (the embedded default): the same outcomes as the
engine's serial runner, in input order, with a bounded number of batches in flight."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from celery.signals import task_postrun

from socialroadmap.core.analysis import BatchFailed, analyze_lines, analyzer_for, run_celery
from socialroadmap.engine.pipeline import Analyzer, LineError, run_serial
from tests.celery_helpers import ANALYSIS_QUERIES, analysis_lines


@pytest.fixture(autouse=True)
def eager() -> Iterator[None]:
    """Eager, as without REDIS_URL, even when the environment running the tests has one."""
    conf = analyze_lines.app.conf
    saved = conf.task_always_eager, conf.task_eager_propagates
    conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    conf.update(task_always_eager=saved[0], task_eager_propagates=saved[1])


@pytest.fixture
def batches_run() -> Iterator[list[int]]:
    """Grows by one each time an `analyze_lines` task finishes."""
    runs: list[int] = []

    def count(sender: Any = None, **_: Any) -> None:
        if sender is not None and sender.name == analyze_lines.name:
            runs.append(len(runs) + 1)

    task_postrun.connect(count, weak=False)
    yield runs
    task_postrun.disconnect(count)


def test_it_gives_the_serial_runners_outcomes() -> None:
    lines = analysis_lines(120)
    expected = list(run_serial(Analyzer(ANALYSIS_QUERIES), lines))
    assert any(isinstance(outcome, LineError) for outcome in expected)
    assert any(outcome.reason.startswith("invalid UTF-8") for outcome in _errors(expected))
    assert any(not isinstance(outcome, LineError) and outcome["matches"] for outcome in expected)

    assert list(run_celery(lines, ANALYSIS_QUERIES)) == expected


def test_it_keeps_input_order_across_many_small_batches() -> None:
    lines = analysis_lines(300)
    expected = list(run_serial(Analyzer(ANALYSIS_QUERIES), lines))

    assert list(run_celery(lines, ANALYSIS_QUERIES, batch_size=7, window=3)) == expected


def test_a_batch_of_only_blank_and_undecodable_lines_sends_nothing(
    batches_run: list[int],
) -> None:
    lines = [b"\n", b"\xff\xfe\n", b"  \n"]

    assert list(run_celery(lines)) == [LineError(2, "invalid UTF-8 at byte 0")]
    assert batches_run == []


def test_no_lines_give_no_outcomes() -> None:
    assert list(run_celery([])) == []


@pytest.mark.parametrize("window", [1, 3])
def test_at_most_window_batches_are_in_flight(window: int, batches_run: list[int]) -> None:
    batch_size = 5
    lines = analysis_lines(100, broken=False)
    in_flight = []
    for outcome in run_celery(lines, window=window, batch_size=batch_size):
        assert not isinstance(outcome, LineError)
        batch = (int(outcome["id"]) - 1) // batch_size  # ids are line numbers
        in_flight.append(len(batches_run) - batch)

    assert max(in_flight) == window
    assert len(batches_run) == 100 // batch_size


def test_a_failing_batch_names_its_first_line() -> None:
    lines = analysis_lines(30, broken=False)

    with pytest.raises(BatchFailed, match=r"batch starting at line 1 failed: QueryError"):
        list(run_celery(lines, [("bad", "mertens AND (")], batch_size=10))


def test_the_window_must_hold_a_batch() -> None:
    with pytest.raises(ValueError, match="window"):
        list(run_celery([b"{}"], window=0))


def test_the_task_answers_in_json() -> None:
    lines = [[1, '{"id": "1", "text": "Lekkere koffie bij Mertens"}'], [2, "[1]"], [3, " "]]

    answer = analyze_lines([list(query) for query in ANALYSIS_QUERIES], ["nl", "en"], lines)

    assert json.loads(json.dumps(answer)) == answer
    assert answer[0]["id"] == "1"
    assert answer[0]["matches"] == ["mertens", "koffie"]
    assert answer[1] == {"line": 2, "error": "expected a JSON object, got list"}
    assert len(answer) == 2


def test_a_worker_builds_one_analyzer_per_set_of_queries() -> None:
    queries = (("koffie", "koffie"),)
    languages = ("nl", "en")

    assert analyzer_for(queries, languages) is analyzer_for(queries, languages)
    assert analyzer_for(queries, languages) is not analyzer_for((), languages)


def _errors(outcomes: list[Any]) -> list[LineError]:
    return [outcome for outcome in outcomes if isinstance(outcome, LineError)]
