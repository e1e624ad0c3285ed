"""Reading an NDJSON stream line by line: memory stays flat whatever the file size."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

import orjson

from socialroadmap.connectors.base import RawRecord, Rejected, byte_lines, long_line


def read_objects(stream: IO[bytes] | IO[str]) -> Iterator[RawRecord | Rejected]:
    """Each JSON object of the stream with its line number; blank lines are skipped."""
    for number, line in enumerate(byte_lines(stream), start=1):
        if line is None:
            yield long_line(number)
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            yield Rejected(number, f"invalid UTF-8 at byte {error.start}")
            continue
        try:
            obj = orjson.loads(text)  # the same JSON, a tenth of the time
        except orjson.JSONDecodeError:
            yield Rejected(number, _json_problem(text))
            continue
        if not isinstance(obj, dict):
            yield Rejected(number, f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield RawRecord(number, obj)


def _json_problem(text: str) -> str:
    """Why a line is not JSON, in the standard library's words (where and what)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"invalid JSON at column {error.colno}: {error.msg}"
    # orjson is stricter than the standard library: it refuses these.
    return "invalid JSON: a lone surrogate (\\ud800-\\udfff) or a number out of range"
