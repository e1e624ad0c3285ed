"""CSV files from spreadsheets and monitoring tools, one post per row.

The delimiter (``,``, ``;`` as Dutch Excel writes, or tab) is taken from the header
row; a UTF-8 byte order mark is dropped and rows that are not UTF-8 are read as
Windows-1252, what Excel's plain "CSV" saves. Columns are found by their header names
in English or Dutch, or named in a mapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from socialroadmap.connectors.base import FileFormat, ImportItem, ReadRequest, map_records
from socialroadmap.connectors.csv.client import open_table
from socialroadmap.connectors.csv.mapping import map_item, resolve_columns


def read(request: ReadRequest) -> Iterator[ImportItem]:
    """Posts and rejected rows of a CSV stream, one row at a time."""
    table = open_table(request.stream)
    columns = resolve_columns(table.header, request.mapping)
    map_one = partial(map_item, columns=columns, author=request.author)
    return map_records(table.records, map_one)


FORMAT = FileFormat(
    name="csv",
    description="CSV with a header row; columns found by name or mapped",
    read=read,
    takes_mapping=True,
)
