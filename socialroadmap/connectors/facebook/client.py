"""Reading a Facebook posts export (loaded whole: it is small) with its text repaired."""

from __future__ import annotations

from typing import IO

from socialroadmap.connectors.base import RawRecord, json_array_records, read_text
from socialroadmap.connectors.values import repair_mojibake


def read_posts(stream: IO[bytes] | IO[str]) -> list[RawRecord]:
    """The post objects with the line each starts on, mis-encoded UTF-8 repaired."""
    records = json_array_records(read_text(stream))
    return [RawRecord(record.line, repair_mojibake(record.data)) for record in records]
