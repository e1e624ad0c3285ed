"""Reading the CSV files people upload to the apps' imports (roster, completions,
acknowledgements, accounts, panel members, communications, figures, indicator values).

Every such import reads through here, so each takes the same encodings, the same size
limit, and treats a row the csv module cannot read as one refused line, not as a file
that stops half-way. (Post files are read by ``socialroadmap.connectors``.)
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Protocol, TypeVar

from django.db import transaction

from socialroadmap.core.errors import ServiceError
from socialroadmap.core.exports import unguard

# 5,000 lines (the most an import reads) of 2 KB each: a larger upload is no roster or
# list of figures, and the whole file is held in memory while it is read.
MAX_CSV_BYTES = 10 * 2**20
DELIMITERS = (",", ";", "\t")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
Row = TypeVar("Row", covariant=True)


def csv_text(stream: IO[Any], *, windows_1252: bool = True) -> str:
    """The text of an uploaded CSV file; ServiceError (field ``file``) when it cannot be read.

    UTF-8 with or without byte order mark, and UTF-16 with its byte order mark (Excel's
    "Unicode text"). Other bytes are read as Windows-1252, what Excel's plain "CSV"
    saves, or with ``windows_1252=False`` refused. A file cut off inside its last
    character loses that character only. NUL characters are dropped: PostgreSQL
    refuses them in text and no spreadsheet writes them on purpose. A carriage return
    that does not end a line (``\r\n``) is read as a space: the csv module refuses one
    in a cell outside quotes, and after that refusal it reads the rest of the file out
    of step (the line's closing quote opens a cell that swallows the rows after it).
    """
    content = stream.read(MAX_CSV_BYTES + 1)
    if len(content) > MAX_CSV_BYTES:
        raise ServiceError(
            f"the file is larger than {MAX_CSV_BYTES // 2**20} MB; split it into smaller files",
            field="file",
        )
    if isinstance(content, str):
        text = content.removeprefix("\ufeff")
    else:
        text = _decode(content, windows_1252=windows_1252)
    return _STRAY_CR.sub(" ", text.replace("\x00", ""))


_STRAY_CR = re.compile(r"\r(?!\n)")


def _decode(content: bytes, *, windows_1252: bool) -> str:
    if content.startswith(_UTF16_BOMS):
        # A file cut off mid-character loses that character, as for UTF-8 below.
        return content.decode("utf-16", errors="replace").removesuffix("\ufffd")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            return content[: error.start].decode("utf-8-sig")  # cut off mid-character
        if windows_1252:
            return content.decode("cp1252", errors="replace")
        raise ServiceError(
            f"the file is not UTF-8 text (byte {error.start + 1} is not); save it as CSV UTF-8",
            field="file",
        ) from None


def dict_reader(text: str) -> csv.DictReader[str]:
    """A reader of ``text`` with its header read; the delimiter is the one the header
    uses most (Dutch and Flemish Excel write ``;``, the decimal separator being ``,``)."""
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=max(DELIMITERS, key=first.count))
    try:
        reader.fieldnames  # noqa: B018 - reads the header row
    except csv.Error as error:
        raise ServiceError(f"line 1: the header cannot be read: {error}", field="file") from None
    return reader


class CsvReader(Protocol[Row]):
    """``csv.reader`` or ``csv.DictReader``: rows, and the line the last one ended on."""

    @property
    def line_num(self) -> int: ...

    def __next__(self) -> Row: ...


def csv_rows(
    reader: CsvReader[Row], refuse: Callable[[int, str], None]
) -> Iterator[tuple[int, Row]]:
    """Each row of ``reader`` with the line it ends on. A row the csv module cannot read
    (a cell over its limit) goes to ``refuse`` with the line it
    starts on and a reason, and reading goes on with the next."""
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            refuse(start, _unreadable(error))  # line_num leaves out the refused line
            continue
        yield reader.line_num, record


def _unreadable(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return f"a cell is longer than {csv.field_size_limit()} characters"
    return f"the row cannot be read as CSV: {error}"


# The name of the ``ImportResult`` counter a stored line adds to.
Outcome = str


@dataclass
class ImportResult:
    """What an import did; ``errors`` are (line, field, reason) of the refused lines."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def import_lines(
    reader: CsvReader[Mapping[str, str | None]],
    columns: Sequence[str],
    import_line: Callable[[dict[str, str]], Outcome],
    *,
    max_lines: int,
) -> ImportResult:
    """Hand each line of ``reader`` with any content to ``import_line`` as its cells
    (the ``columns``, stripped, a spreadsheet formula guard undone), each line in its
    own transaction. A line ``import_line`` refuses (``ServiceError``) or the csv module
    cannot read is kept as an error with its line and field; the others are stored."""
    result = ImportResult()

    def refuse(line: int, reason: str) -> None:
        result.errors.append((line, "file", reason))

    for number, (line, record) in enumerate(csv_rows(reader, refuse)):
        if number >= max_lines:
            refuse(line, f"only {max_lines} lines are read")
            break
        cells = {name: unguard((record.get(name) or "").strip()) for name in columns}
        if not any(cells.values()):
            continue  # spreadsheets leave empty rows at the end
        try:
            with transaction.atomic():
                outcome = import_line(cells)
        except ServiceError as error:
            result.errors.append((line, error.field or "", error.message))
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result
