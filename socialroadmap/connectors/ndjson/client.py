"""Reading an NDJSON stream line by line: memory stays flat whatever the file size."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from socialroadmap.connectors.base import RawRecord, Rejected, byte_lines


def read_objects(stream: IO[bytes] | IO[str]) -> Iterator[RawRecord | Rejected]:
    """Each JSON object of the stream with its line number; blank lines are skipped."""
    for number, line in enumerate(byte_lines(stream), start=1):
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            yield Rejected(number, f"invalid UTF-8 at byte {error.start}")
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as error:
            yield Rejected(number, f"invalid JSON at column {error.colno}: {error.msg}")
            continue
        if not isinstance(obj, dict):
            yield Rejected(number, f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield RawRecord(number, obj)
