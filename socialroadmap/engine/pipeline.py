"""The analysis pipeline: NDJSON posts in, language, sentiment and query matches out.

``Analyzer.analyze_batch`` is the one batch function. It runs in this process, in N
local processes (``run_parallel``, a bounded window of batches so memory stays flat
whatever the input size), and in Celery tasks (the listening module).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import orjson

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
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return _broken(raw, line, error)
    if not isinstance(obj, dict):
        return LineError(line, f"expected a JSON object, got {type(obj).__name__}")
    for name in ("id", "text"):
        if name not in obj:
            return LineError(line, f"missing field '{name}'")
        if not isinstance(obj[name], str):
            return LineError(line, f"field '{name}' must be a string")
    return obj


def _broken(raw: bytes, line: int, error: orjson.JSONDecodeError) -> LineError | None:
    """Why a line did not parse: not UTF-8, blank (None), or not JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        return LineError(line, f"invalid UTF-8 at byte {problem.start}")
    if not text.strip():
        return None
    return LineError(line, f"invalid JSON: {error.msg} at column {error.colno}")


def _field(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    return value if isinstance(value, str) and value else None


class Analyzer:
    """Language, sentiment and query matches for posts; built once per process.

    Each post's text is scanned once (``socialroadmap.engine.scan``); language
    detection, the sentiment model and the query matcher all read that one scan.
    """

    def __init__(
        self,
        queries: Sequence[tuple[str, str]] = (),
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        *,
        accurate_language: bool = False,
        sentiment_model: str | None = None,
    ) -> None:
        """``sentiment_model``: a local transformer model directory to score sentiment
        with instead of the shipped linear models (see the model card)."""
        from socialroadmap.engine.query import Matcher
        from socialroadmap.engine.sentiment import load_model

        self.detector = LanguageDetector(languages, accurate=accurate_language)
        self.transformer = None
        if sentiment_model is not None:
            from socialroadmap.engine.sentiment.transformer import load_backend

            self.transformer = load_backend(sentiment_model)
        self.matcher = Matcher(list(queries)) if queries else None
        self._models = {"en": load_model("en"), "nl": load_model("nl")}

    def analyze_post(self, obj: dict[str, Any]) -> dict[str, Any]:
        """The outcome for one post object (``id`` and ``text`` strings already checked)."""
        return self.analyze_posts([obj])[0]

    def analyze_posts(self, objs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """The outcomes for post objects (``id`` and ``text`` strings already checked).

        Stage by stage over the batch (scan all, detect all, score all, match all): the
        one batch function behind the command line, worker processes and import jobs.
        """
        scans = list(map(self.detector.scanner.scan, [obj["text"] for obj in objs]))
        detect = self.detector.detect_scanned
        # Most posts carry only id and text: no other field to read.
        langs = [
            (len(obj) > 2 and _field(obj, "lang")) or detect(s)
            for obj, s in zip(objs, scans, strict=True)
        ]
        codes = ["nl" if lang and lang.startswith("nl") else "en" for lang in langs]
        if self.transformer is not None:
            texts = [obj["text"] for obj in objs]
            sentiments = self.transformer.analyze_many(texts, codes)
        else:
            models = self._models
            sentiments = [models[c].score_scanned(s, c) for s, c in zip(scans, codes, strict=True)]
        matches: list[list[str]] = [[] for _ in objs]
        if self.matcher is not None:
            match = self.matcher.match_scanned
            matches = [
                match(scanned, lang=lang)
                if len(obj) == 2
                else match(
                    scanned,
                    url=_field(obj, "url"),
                    lang=lang,
                    source=_field(obj, "source"),
                    author=_field(obj, "author"),
                )
                for obj, scanned, lang in zip(objs, scans, langs, strict=True)
            ]
        return [
            {
                "id": obj["id"],
                "lang": lang,
                "sentiment": {"label": sentiment.label, "score": round(sentiment.score, 4)},
                "matches": found,
            }
            for obj, lang, sentiment, found in zip(objs, langs, sentiments, matches, strict=True)
        ]

    def analyze_batch(self, lines: Sequence[tuple[int, bytes]]) -> list[Outcome]:
        """Analyse numbered raw lines; blank lines are dropped, broken ones reported."""
        parsed = [parse_line(raw, number) for number, raw in lines]
        posts = [p for p in parsed if p is not None and not isinstance(p, LineError)]
        if len(posts) == len(parsed):
            return list(self.analyze_posts(posts))
        results = iter(self.analyze_posts(posts))
        return [p if isinstance(p, LineError) else next(results) for p in parsed if p is not None]


def batches(lines: Iterable[bytes], size: int = BATCH_SIZE) -> Iterator[list[tuple[int, bytes]]]:
    """Numbered lines (from 1) in lists of ``size``."""
    for first, chunk in chunks(lines, size):
        yield list(enumerate(chunk, start=first))


def chunks(lines: Iterable[bytes], size: int = BATCH_SIZE) -> Iterator[tuple[int, list[bytes]]]:
    """Lines in lists of ``size``, each with the number (from 1) of its first line."""
    iterator = iter(lines)
    first = 1
    while chunk := list(islice(iterator, size)):
        yield first, chunk
        first += len(chunk)


def encode(outcomes: Iterable[Outcome]) -> list[bytes | LineError]:
    """Outcomes as NDJSON lines (newline included); broken lines stay ``LineError``."""
    dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    return [o if isinstance(o, LineError) else dumps(o, option=newline) for o in outcomes]


def settle() -> None:
    """Take what is loaded so far (models, query tables) out of the garbage collector's
    sight: a long analysis run allocates many small objects, and every full collection
    would otherwise walk the tens of thousands of weights again. For processes that
    load once and then analyse (the `analyze` command, worker processes).
    """
    gc.collect()
    gc.freeze()


def run_serial(
    analyzer: Analyzer, lines: Iterable[bytes], *, encoded: bool = False
) -> Iterator[Any]:
    """Outcomes in input order; with ``encoded``, NDJSON lines instead of dicts."""
    for batch in batches(lines):
        outcomes = analyzer.analyze_batch(batch)
        yield from encode(outcomes) if encoded else outcomes


_WORKER: Analyzer | None = None


def _init_worker(
    queries: Sequence[tuple[str, str]], languages: Sequence[str], sentiment_model: str | None
) -> None:
    global _WORKER
    _WORKER = Analyzer(queries, languages, sentiment_model=sentiment_model)
    settle()


def _work(first: int, chunk: list[bytes], encoded: bool) -> list[Any]:
    assert _WORKER is not None  # noqa: S101 - set by the pool initializer
    outcomes = _WORKER.analyze_batch(list(enumerate(chunk, start=first)))
    return encode(outcomes) if encoded else outcomes


class WorkerPool:
    """``workers`` processes, each with its own ``Analyzer``, started once and reused.

    Starting a worker loads the models (about a second); a long stream pays that once.
    """

    def __init__(
        self,
        workers: int,
        queries: Sequence[tuple[str, str]] = (),
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        *,
        sentiment_model: str | None = None,
    ) -> None:
        self.workers = workers
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(
            workers,
            initializer=_init_worker,
            initargs=(list(queries), list(languages), sentiment_model),
        )

    def run(self, lines: Iterable[bytes], *, encoded: bool = False) -> Iterator[Any]:
        """Outcomes in input order, with at most two batches per worker in flight (so
        memory stays flat). The parent only cuts the input into chunks; the workers
        parse, analyse and (``encoded``) serialise.
        """
        window: deque[Any] = deque()
        for first, chunk in chunks(lines):
            window.append(self._pool.apply_async(_work, (first, chunk, encoded)))
            if len(window) >= 2 * self.workers:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def run_parallel(
    lines: Iterable[bytes],
    workers: int,
    queries: Sequence[tuple[str, str]] = (),
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    *,
    encoded: bool = False,
    sentiment_model: str | None = None,
) -> Iterator[Any]:
    """Analyse in ``workers`` fresh processes, in input order (see ``WorkerPool.run``)."""
    with WorkerPool(workers, queries, languages, sentiment_model=sentiment_model) as pool:
        yield from pool.run(lines, encoded=encoded)
