"""Reading a CSV stream row by row, with the line each row starts on."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from socialroadmap.connectors.base import (
    MAX_LINE_BYTES,
    ImportFileError,
    RawRecord,
    Rejected,
    byte_lines,
    long_line,
)

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The header of a CSV file and its rows, read as they are iterated."""

    header: list[str]
    delimiter: str
    records: Iterator[RawRecord | Rejected]


def open_table(stream: IO[bytes] | IO[str]) -> CsvTable:
    """The header row of ``stream`` read, its delimiter chosen; the rows follow lazily."""
    long_lines: set[int] = set()
    lines = _text_lines(stream, long_lines)
    first = next(lines, None)
    if long_lines:
        raise ImportFileError(f"the header row is longer than {MAX_LINE_BYTES // 2**20} MB")
    if first is None or not first.strip():
        raise ImportFileError("empty file: no header row")
    if first.startswith(("ÿþ", "þÿ")):  # its byte order mark, read as Windows-1252
        # Excel's "Unicode text": its lines cannot be read one at a time as bytes.
        raise ImportFileError("the file is UTF-16 text; save it as CSV UTF-8")
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    named = [name for name in header if name]
    duplicate = next((name for name in named if named.count(name) > 1), None)
    if duplicate is not None:
        raise ImportFileError(f"column '{duplicate}' appears twice in the header")
    return CsvTable(header, delimiter, _records(reader, header, long_lines))


def _text_lines(stream: IO[bytes] | IO[str], long_lines: set[int]) -> Iterator[str]:
    """The lines of ``stream`` as text; a line too long to read is noted in
    ``long_lines`` and read as an empty line, so that its row can be rejected."""
    for number, line in enumerate(byte_lines(stream), start=1):
        if line is None:
            long_lines.add(number)
            yield "\n"
            continue
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            # Excel's plain "CSV" is Windows-1252; it has a few undefined bytes.
            yield line.decode("cp1252", errors="replace")


def _records(
    reader: CsvReader, header: list[str], long_lines: set[int]
) -> Iterator[RawRecord | Rejected]:
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Rejected(start, f"unreadable CSV row: {error}")
            continue
        if long_lines and any(start <= number <= reader.line_num for number in long_lines):
            long_lines.difference_update(range(start, reader.line_num + 1))
            yield long_line(start)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            yield Rejected(start, f"row has {len(row)} columns, the header has {len(header)}")
            continue
        # Shorter rows omit trailing empty cells; longer ones end in empty cells.
        cells = itertools.chain(row, itertools.repeat(""))
        yield RawRecord(start, dict(zip(header, cells, strict=False)))
