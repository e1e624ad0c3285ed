"""Tables as downloads: CSV (UTF-8 with a byte-order mark, so Excel reads it) or XLSX.

Every area's export goes through ``table_response``. Text cells that a spreadsheet
program would run as a formula get a quote in front (``guard``); imports take it off
again (``unguard``).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")
# A cell starting with one of these is a formula to a spreadsheet program.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """``value`` with a quote in front when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def unguard(value: str) -> str:
    """The text ``guard`` was given."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def _cell(value: Any) -> Any:
    """A value as a cell: text guarded, aware times in the current time zone without it
    (spreadsheets have no time zones), None empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return guard(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class _Echo:
    """A file-like object for csv.writer that hands each line back."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The lines of a CSV file, byte-order mark first."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([_csv_value(v) for v in row])


def _csv_value(value: Any) -> Any:
    value = _cell(value)
    return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    """A workbook of one sheet called ``title`` (at most 31 characters)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "export")
    sheet.append(list(header))
    for row in rows:
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filename(slug: str, what: str, fmt: str) -> str:
    """``<organisation>-<what>-<yyyymmdd>.<fmt>``."""
    return f"{slug}-{what}-{timezone.localdate():%Y%m%d}.{fmt}"


def attachment(response: HttpResponse | StreamingHttpResponse, name: str) -> Any:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def table_response(
    slug: str,
    what: str,
    fmt: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    stream: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    """A download of ``rows`` as ``fmt`` (``csv`` or ``xlsx``; another is 404, as the
    format comes from the URL); ``stream`` sends a CSV line by line (any number of rows)."""
    if fmt not in FORMATS:
        raise Http404(f"no export as {fmt}")
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        lines = csv_lines(header, rows)
        if stream:
            response = StreamingHttpResponse(lines, content_type=CSV_TYPE)
        else:
            response = HttpResponse("".join(lines), content_type=CSV_TYPE)
    else:
        response = HttpResponse(xlsx_bytes(header, rows, what), content_type=XLSX_TYPE)
    return attachment(response, filename(slug, what, fmt))
