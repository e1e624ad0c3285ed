"""The analysis pipeline in Celery tasks: the third way to run ``Analyzer.analyze_batch``.

The same batch function runs three ways; pick by where the posts are and how many:

- ``engine.pipeline.run_serial(Analyzer(queries), lines)``: in this process. For small
  inputs, tests and anything that must not start processes.
- ``engine.pipeline.run_parallel(lines, workers, queries)``: in N local processes. For a
  large file on one machine (``socialroadmap analyze --workers N``); needs no broker.
- ``run_celery(lines, queries)`` (here): in ``socialroadmap worker`` processes, through
  Redis, so the work spreads over every machine that runs a worker. For the product's
  own listening jobs. Without ``REDIS_URL`` (the embedded default) Celery runs the tasks
  eagerly, in the caller, and the outcomes are the same.

All three yield the same outcomes in input order: a result dict per post, a ``LineError``
per broken line, nothing for a blank line.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from celery.exceptions import TimeoutError as CeleryTimeout
from celery.result import AsyncResult

from socialroadmap.engine.language import DEFAULT_LANGUAGES
from socialroadmap.engine.pipeline import BATCH_SIZE, Analyzer, LineError, Outcome, batches

BATCH_TIMEOUT = 300.0


class BatchFailed(RuntimeError):
    """A batch sent to the workers failed or did not come back in time."""


@functools.lru_cache(maxsize=8)
def analyzer_for(queries: tuple[tuple[str, str], ...], languages: tuple[str, ...]) -> Analyzer:
    """The worker process's ``Analyzer`` for these queries, so a batch compiles nothing."""
    return Analyzer(queries, languages)


@shared_task(name="core.analyze_lines")
def analyze_lines(
    queries: list[list[str]], languages: list[str], lines: list[list[Any]]
) -> list[dict[str, Any]]:
    """Analyse numbered lines ``[[number, text], ...]`` with ``Analyzer.analyze_batch``.

    Arguments and answer are JSON: result dicts as they are, a broken line as
    ``{"line": number, "error": reason}``. Pure computation, so safe to retry.
    """
    analyzer = analyzer_for(tuple((name, query) for name, query in queries), tuple(languages))
    outcomes = analyzer.analyze_batch([(number, text.encode("utf-8")) for number, text in lines])
    return [
        {"line": outcome.line, "error": outcome.reason}
        if isinstance(outcome, LineError)
        else outcome
        for outcome in outcomes
    ]


@dataclass
class _SentBatch:
    """A batch on its way: per line a local error, or None for "the worker's next outcome"."""

    first_line: int
    plan: list[LineError | None]
    result: AsyncResult | None


def run_celery(
    lines: Iterable[bytes],
    queries: Sequence[tuple[str, str]] = (),
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    *,
    window: int = 8,
    batch_size: int = BATCH_SIZE,
    timeout: float = BATCH_TIMEOUT,
) -> Iterator[Outcome]:
    """Analyse raw NDJSON lines in Celery tasks and yield the outcomes in input order.

    At most ``window`` batches are in flight, so memory (here and in the result backend)
    stays flat whatever the input size. Each batch must come back within ``timeout``
    seconds; a batch that fails or times out raises ``BatchFailed`` naming its first line.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    query_args = [[name, query] for name, query in queries]
    language_args = list(languages)
    pending: deque[_SentBatch] = deque()
    for batch in batches(lines, batch_size):
        pending.append(_send(batch, query_args, language_args))
        if len(pending) >= window:
            yield from _receive(pending.popleft(), timeout)
    while pending:
        yield from _receive(pending.popleft(), timeout)


def _send(
    batch: list[tuple[int, bytes]], queries: list[list[str]], languages: list[str]
) -> _SentBatch:
    # Bytes cannot travel through the JSON serializer, so lines go as text. An undecodable
    # line gets the engine's error here, and blank lines (which the engine drops) stay
    # here too: then every line sent gives exactly one outcome, which places each outcome.
    plan: list[LineError | None] = []
    payload: list[list[Any]] = []
    for number, raw in batch:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            plan.append(LineError(number, f"invalid UTF-8 at byte {error.start}"))
            continue
        if text.strip():
            plan.append(None)
            payload.append([number, text])
    first_line = batch[0][0]
    if not payload:
        return _SentBatch(first_line, plan, None)
    try:
        result = analyze_lines.delay(queries, languages, payload)
    except Exception as error:  # eager mode runs the task here, and so fails here
        raise _failure(first_line, error) from error
    return _SentBatch(first_line, plan, result)


def _receive(sent: _SentBatch, timeout: float) -> Iterator[Outcome]:
    answer: list[dict[str, Any]] = []
    if sent.result is not None:
        try:
            answer = sent.result.get(timeout=timeout)
        except Exception as error:  # the task's own exception, re-raised by Celery
            raise _failure(sent.first_line, error, timeout) from error
        sent.result.forget()
    expected = sent.plan.count(None)
    if len(answer) != expected:
        raise BatchFailed(
            f"the batch starting at line {sent.first_line} gave {len(answer)} outcomes "
            f"for {expected} lines"
        )
    outcomes = iter(answer)
    for step in sent.plan:
        yield step if step is not None else _outcome(next(outcomes))


def _outcome(item: dict[str, Any]) -> Outcome:
    if item.keys() == {"line", "error"}:
        return LineError(item["line"], item["error"])
    return item


def _failure(first_line: int, error: Exception, timeout: float | None = None) -> BatchFailed:
    if isinstance(error, CeleryTimeout):
        return BatchFailed(
            f"the batch starting at line {first_line} did not finish within {timeout:g} s "
            "(is `socialroadmap worker` running?)"
        )
    return BatchFailed(
        f"the batch starting at line {first_line} failed: {type(error).__name__}: {error}"
    )
