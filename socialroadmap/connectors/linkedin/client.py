"""Reading LinkedIn's ``Shares.csv`` row by row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from socialroadmap.connectors.base import ImportFileError, RawRecord, Rejected
from socialroadmap.connectors.csv.client import open_table

REQUIRED_COLUMNS = ("Date", "ShareLink", "ShareCommentary")


def read_shares(stream: IO[bytes] | IO[str]) -> Iterator[RawRecord | Rejected]:
    """Each share (column name → cell) with the line it starts on."""
    table = open_table(stream)
    missing = [name for name in REQUIRED_COLUMNS if name not in table.header]
    if missing:
        raise ImportFileError(
            f"not a LinkedIn Shares.csv: no column {', '.join(missing)} "
            f"(the header has {', '.join(table.header)})"
        )
    return table.records
