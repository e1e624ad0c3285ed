"""The analysis pipeline: NDJSON posts in, language, sentiment and query matches out.

``Analyzer.analyze_batch`` is the one batch function. It runs in this process, in N
local processes (``run_parallel``, a bounded window of batches so memory stays flat
whatever the input size), and in Celery tasks (the listening module).
"""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from socialroadmap.engine.language import DEFAULT_LANGUAGES, LanguageDetector

BATCH_SIZE = 500


@dataclass(frozen=True)
class LineError:
    """A line that could not be analysed: its number (1-based) and why."""

    line: int
    reason: str


Outcome = dict[str, Any] | LineError


def parse_line(raw: bytes, line: int) -> dict[str, Any] | LineError | None:
    """A post object from one NDJSON line; None for a blank line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return LineError(line, f"invalid UTF-8 at byte {error.start}")
    if not text.strip():
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as error:
        return LineError(line, f"invalid JSON: {error.msg} at column {error.colno}")
    if not isinstance(obj, dict):
        return LineError(line, f"expected a JSON object, got {type(obj).__name__}")
    for name in ("id", "text"):
        if name not in obj:
            return LineError(line, f"missing field '{name}'")
        if not isinstance(obj[name], str):
            return LineError(line, f"field '{name}' must be a string")
    return obj


class Analyzer:
    """Language, sentiment and query matches for posts; built once per process."""

    def __init__(
        self,
        queries: Sequence[tuple[str, str]] = (),
        languages: Sequence[str] = DEFAULT_LANGUAGES,
    ) -> None:
        from socialroadmap.engine.posts import Post
        from socialroadmap.engine.query import Matcher
        from socialroadmap.engine.sentiment import analyze

        self._post = Post
        self._sentiment = analyze
        self.detector = LanguageDetector(languages)
        self.matcher = Matcher(list(queries)) if queries else None

    def analyze_post(self, obj: dict[str, Any]) -> dict[str, Any]:
        post = self._post.from_mapping(obj)
        lang = post.lang or self.detector.detect(post.text)
        if lang is not None and post.lang is None:
            post = replace(post, lang=lang)
        sentiment = self._sentiment(post.text, lang or "en")
        return {
            "id": post.id,
            "lang": lang,
            "sentiment": {"label": sentiment.label, "score": round(sentiment.score, 4)},
            "matches": self.matcher.match(post) if self.matcher is not None else [],
        }

    def analyze_batch(self, lines: Sequence[tuple[int, bytes]]) -> list[Outcome]:
        """Analyse numbered raw lines; blank lines are dropped, broken ones reported."""
        out: list[Outcome] = []
        for number, raw in lines:
            parsed = parse_line(raw, number)
            if parsed is None:
                continue
            if isinstance(parsed, LineError):
                out.append(parsed)
                continue
            try:
                out.append(self.analyze_post(parsed))
            except ValueError as error:
                out.append(LineError(number, str(error)))
        return out


def batches(lines: Iterable[bytes], size: int = BATCH_SIZE) -> Iterator[list[tuple[int, bytes]]]:
    batch: list[tuple[int, bytes]] = []
    for number, raw in enumerate(lines, start=1):
        batch.append((number, raw))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_serial(analyzer: Analyzer, lines: Iterable[bytes]) -> Iterator[Outcome]:
    for batch in batches(lines):
        yield from analyzer.analyze_batch(batch)


_WORKER: Analyzer | None = None


def _init_worker(queries: Sequence[tuple[str, str]], languages: Sequence[str]) -> None:
    global _WORKER
    _WORKER = Analyzer(queries, languages)


def _work(batch: list[tuple[int, bytes]]) -> list[Outcome]:
    assert _WORKER is not None  # noqa: S101 - set by the pool initializer
    return _WORKER.analyze_batch(batch)


def run_parallel(
    lines: Iterable[bytes],
    workers: int,
    queries: Sequence[tuple[str, str]] = (),
    languages: Sequence[str] = DEFAULT_LANGUAGES,
) -> Iterator[Outcome]:
    """Analyse in ``workers`` processes, in input order, with few batches in flight.

    At most two batches per worker wait at any time, so memory stays flat.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        workers, initializer=_init_worker, initargs=(list(queries), list(languages))
    ) as pool:
        window: deque[Any] = deque()
        for batch in batches(lines):
            window.append(pool.apply_async(_work, (batch,)))
            if len(window) >= 2 * workers:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
