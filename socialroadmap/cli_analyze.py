"""`socialroadmap analyze`: language, sentiment and query matches for an NDJSON stream.

No database: reads INPUT line by line (``-`` for stdin) and writes one line per valid
post to OUTPUT (``-`` for stdout), in input order. Broken lines are reported on stderr
with their number and reason; the exit status is 0 only when no line was rejected.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click


def _open_input(path: str) -> IO[bytes]:
    return sys.stdin.buffer if path == "-" else open(path, "rb")


def _open_output(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdout.buffer
    return open(path, "wb")


def _lines_with_progress(stream: IO[bytes], path: str) -> Iterator[bytes]:
    """Lines of ``stream``; a byte-based progress bar on stderr when it is a terminal."""
    if path == "-" or not sys.stderr.isatty():
        yield from stream
        return
    size = os.path.getsize(path)
    with click.progressbar(length=size, label="Analysing", file=sys.stderr) as bar:
        for raw in stream:
            bar.update(len(raw))
            yield raw


@click.command()
@click.option(
    "--queries",
    "queries_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML or JSON list of {name, query}.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes to analyse in.",
)
@click.option(
    "--sentiment-model",
    "sentiment_model",
    type=click.Path(file_okay=False, exists=True),
    help="A local transformer model directory (model.onnx, tokenizer.json, config.json) "
    "to score sentiment with instead of the shipped models; needs the 'transformer' extra.",
)
@click.argument("input_path", metavar="INPUT")
@click.argument("output_path", metavar="OUTPUT")
def analyze(
    queries_path: Path | None,
    workers: int,
    sentiment_model: str | None,
    input_path: str,
    output_path: str,
) -> None:
    """Analyse posts from INPUT (NDJSON) into OUTPUT (NDJSON); `-` is stdin/stdout."""
    from socialroadmap.cli_query import QueryFileError, load_queries
    from socialroadmap.engine.pipeline import (
        Analyzer,
        LineError,
        run_parallel,
        run_serial,
        settle,
    )
    from socialroadmap.engine.query import QueryError

    queries: list[tuple[str, str]] = []
    try:
        if queries_path is not None:
            queries = load_queries(queries_path)
        analyzer = Analyzer(queries, sentiment_model=sentiment_model)
    except (QueryFileError, QueryError, ValueError, ImportError) as error:
        # ValueError includes a transformer directory that cannot be used (which file,
        # which field); ImportError, the transformer extra not installed.
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    try:
        source = _open_input(input_path)
    except OSError as error:
        click.echo(f"error: cannot read {input_path}: {error.strerror}", err=True)
        sys.exit(1)
    counts = {"read": 0, "analyzed": 0, "rejected": 0}
    with source, _open_output(output_path) as sink:
        lines = _lines_with_progress(source, input_path)
        if workers == 1:
            settle()
            outcomes: Iterator[Any] = run_serial(analyzer, lines, encoded=True)
        else:
            outcomes = run_parallel(
                lines, workers, queries, encoded=True, sentiment_model=sentiment_model
            )
        for outcome in outcomes:
            counts["read"] += 1
            if isinstance(outcome, LineError):
                counts["rejected"] += 1
                click.echo(f"line {outcome.line}: {outcome.reason}", err=True)
            else:
                counts["analyzed"] += 1
                sink.write(outcome)
    click.echo(json.dumps(counts), err=True)
    sys.exit(1 if counts["rejected"] else 0)
