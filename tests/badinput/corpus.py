"""The bad-input corpus: broken versions of every import format, made at test time
from a small valid sample, so no large or binary file is kept in the repository.

A ``Table`` is a valid CSV sample: two good rows (the first with an accent) and one
bad row that names ``bad_field``. ``csv_cases`` makes the broken files of a table;
``post_cases`` those of the post formats. Each ``Case`` says what the importer must do
with it (``Expect``); the tests hold every importer to that. See docs/bad-input.md.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
RLO = "\u202e"  # right-to-left override: "gnp.exe" shows as "exe.png"
LRO = "\u202d"
COMBINING_FLOOD = "Z" + "\u0301\u0308\u0327" * 3000  # "zalgo" text, 9,000 marks
NUL = "\x00"
MB = 2**20


class Expect(enum.Enum):
    """What an importer must do with a case."""

    SAME = "the good rows kept and the bad row refused by line and field"
    REFUSED = "the whole file refused with a message; nothing written"
    NOTHING = "nothing written: refused as a file, or rows that are all refused"
    ANY = "no other error than the importer's own; lines within the file"


@dataclass(frozen=True)
class Case:
    """One broken file and what must come of it."""

    name: str
    data: bytes
    expect: Expect
    # Lines of the good rows and of the row whose line must be refused (SAME and ANY)
    refused_lines: tuple[int, ...] = ()

    def __repr__(self) -> str:  # pytest ids; the data may be megabytes
        return f"Case({self.name})"


@dataclass(frozen=True)
class Table:
    """A small valid CSV sample of one import."""

    header: tuple[str, ...]
    good: tuple[tuple[str, ...], tuple[str, ...]]
    bad: tuple[str, ...]
    bad_field: str
    # A column whose text may carry anything and the row still be kept (None: none).
    free: str | None = None
    delimiter: str = ","

    def text(self, rows: Sequence[Sequence[str]] | None = None, header: bool = True) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\n")
        if header:
            writer.writerow(self.header)
        writer.writerows(self.mixed() if rows is None else rows)
        return out.getvalue()

    def mixed(self) -> list[tuple[str, ...]]:
        """Good, bad, good: lines 2 and 4 kept, line 3 refused."""
        return [self.good[0], self.bad, self.good[1]]

    def with_free(self, value: str) -> list[tuple[str, ...]]:
        """The good rows, the first with ``value`` in the free column (else its first)."""
        column = self.header.index(self.free) if self.free else 0
        first = list(self.good[0])
        first[column] = first[column][:3] + value + first[column][3:]
        return [tuple(first), self.good[1]]


def csv_cases(table: Table) -> list[Case]:
    """The broken versions of a CSV format."""
    mixed = table.text()
    data = mixed.encode()
    last = data.rstrip(b"\n").rfind(b"\n") + 1  # where the last row starts
    huge_cell = "x" * 200_000  # past the csv module's 131,072 characters
    return [
        Case("valid", data, Expect.SAME, (3,)),
        Case("truncated-mid-line", data[: last + (len(data) - last) // 2], Expect.ANY, (3,)),
        Case("truncated-mid-char", data + "é".encode()[:1], Expect.SAME, (3,)),
        Case("utf8-bom", b"\xef\xbb\xbf" + data, Expect.SAME, (3,)),
        Case("utf16-bom", mixed.encode("utf-16"), Expect.SAME, (3,)),
        Case("utf16-truncated", mixed.encode("utf-16")[:-1], Expect.SAME, (3,)),
        Case("latin1", mixed.encode("latin-1"), Expect.ANY, (3,)),
        Case("binary", binary_garbage(), Expect.NOTHING),
        Case("enormous-file-one-line", b"x" * (11 * MB), Expect.REFUSED),
        Case(
            "enormous-cell",
            table.text([table.good[0], (huge_cell,) * len(table.header), table.good[1]]).encode(),
            Expect.SAME,
            (3,),
        ),
        Case("header-only", table.text([]).encode(), Expect.NOTHING),
        Case("empty", b"", Expect.NOTHING),
        Case("missing-columns", _without_header_names(table).encode(), Expect.REFUSED),
        Case("wrong-delimiter", replace(table, delimiter="|").text().encode(), Expect.NOTHING),
        Case("extra-columns", _with_extra_column(table).encode(), Expect.SAME, (3,)),
        Case(
            "json-instead",
            json.dumps([dict(zip(table.header, table.good[0], strict=True))]).encode(),
            Expect.NOTHING,
        ),
        Case("stray-carriage-return", _with_stray_cr(table).encode(), Expect.SAME, (3,)),
        *hostile_cases(table),
    ]


def hostile_cases(table: Table) -> list[Case]:
    """Valid files with hostile text in a cell of the first good row (line 2)."""
    cases = {
        "nul-bytes": f"A{NUL}B{NUL}",
        "rlo-override": f"{RLO}gnp.exe{LRO}",
        "combining-flood": COMBINING_FLOOD[:3001],
        "control-chars": "\x01\x07\x1b[31m\x7f",
    }
    return [
        Case(name, table.text(table.with_free(value)).encode(), Expect.ANY, (2,))
        for name, value in cases.items()
    ]


def binary_garbage(size: int = 4096) -> bytes:
    """A PNG header and random bytes (the same each run)."""
    return PNG_HEADER + random.Random(8).randbytes(size)  # noqa: S311 - not for secrets


def _without_header_names(table: Table) -> str:
    header = tuple(f"column {n}" for n in range(len(table.header)))
    return replace(table, header=header).text()


def _with_extra_column(table: Table) -> str:
    widened = replace(
        table,
        header=(*table.header, "unknown extra"),
        good=((*table.good[0], "x"), (*table.good[1], "y")),
        bad=(*table.bad, "z"),
    )
    return widened.text()


def _with_stray_cr(table: Table) -> str:
    """The bad row with a carriage return inside an unquoted cell: read as a space, the
    row is refused for what else is wrong with it, and no other row is touched."""
    lines = table.text().split("\n")
    lines[2] = lines[2].replace(table.delimiter, "\rx" + table.delimiter, 1)
    return "\n".join(lines)


# --- post files ---------------------------------------------------------------------


def post(number: int, text: str = "Koffie bij Zoë, lekker", **fields: object) -> dict[str, object]:
    """A valid post of the NDJSON record."""
    return {"id": f"p{number}", "text": text, "author": "zoe", "source": "x",
            "created_at": "2026-03-01T10:00:00+00:00", "likes": 3, **fields}  # fmt: skip


def ndjson(rows: Sequence[object]) -> bytes:
    return b"".join(
        (row if isinstance(row, bytes) else json.dumps(row).encode()) + b"\n" for row in rows
    )


def ndjson_cases() -> list[Case]:
    """Broken NDJSON files: posts 1 and 3 good, line 2 bad unless said otherwise."""
    good = ndjson([post(1), {"id": "p2"}, post(3)])
    return [
        Case("valid", good, Expect.SAME, (2,)),
        Case("truncated-mid-line", good[:-12], Expect.ANY, (2, 3)),
        Case(
            "truncated-mid-char",
            ndjson([post(1), {"id": "p2"}]) + '{"id": "p3", "text": "é'.encode()[:-1],
            Expect.ANY,
            (2, 3),
        ),
        Case("utf8-bom", b"\xef\xbb\xbf" + good, Expect.SAME, (2,)),
        Case("utf16-bom", good.decode().encode("utf-16"), Expect.NOTHING),
        Case("latin1", good.decode().encode("latin-1"), Expect.ANY, (1, 2, 3)),
        Case("binary", binary_garbage(), Expect.NOTHING),
        Case("json-array", json.dumps([post(1), post(3)]).encode(), Expect.NOTHING),
        Case("empty", b"", Expect.NOTHING),
        Case(
            "enormous-line",
            ndjson([post(1), b"[" + b"1," * (2 * MB) + b"1]", post(3)]),
            Expect.SAME,
            (2,),
        ),
        Case("enormous-line-without-newline", b"x" * (3 * MB), Expect.NOTHING),
        Case(
            "ten-mb-post", ndjson([post(1), post(2, "x" * (10 * MB)), post(3)]), Expect.SAME, (2,)
        ),
        Case("long-post", ndjson([post(1), post(2, "y" * 150_000), post(3)]), Expect.SAME, (2,)),
        Case("nul-bytes", ndjson([post(1, f"Koffie{NUL} bij{NUL}"), post(2), post(3)]), Expect.ANY),
        Case("rlo-override", ndjson([post(1, f"{RLO}gnp.exe{LRO}"), post(3)]), Expect.ANY),
        Case("combining-flood", ndjson([post(1, COMBINING_FLOOD), post(3)]), Expect.ANY),
        Case(
            "lone-surrogate",
            ndjson([post(1), b'{"id": "p2", "text": "a\\ud800b"}', post(3)]),
            Expect.SAME,
            (2,),
        ),
        Case("huge-count", ndjson([post(1), post(2, likes=10**30), post(3)]), Expect.SAME, (2,)),
        Case(
            "huge-count-text",
            ndjson([post(1), post(2, likes="9" * 25), post(3)]),
            Expect.SAME,
            (2,),
        ),
        Case("wrong-shape", ndjson([post(1), ["p2", "a list"], post(3)]), Expect.SAME, (2,)),
    ]


def json_export_cases(valid: bytes) -> list[Case]:
    """Broken versions of a JSON export (X archive, Facebook, Instagram): refused whole."""
    text = valid.decode()
    return [
        Case("truncated-mid-line", valid[: len(valid) // 2], Expect.REFUSED),
        Case("utf16-bom", text.encode("utf-16"), Expect.REFUSED),
        Case("latin1-bytes", valid.replace(b'"', b'"\xe9', 1), Expect.REFUSED),
        Case("binary", binary_garbage(), Expect.REFUSED),
        Case("ndjson-instead", b'{"a": 1}\n{"b": 2}\n', Expect.REFUSED),
        Case("empty", b"", Expect.REFUSED),
        Case("object-not-list", b'{"posts": []}', Expect.REFUSED),
    ]
