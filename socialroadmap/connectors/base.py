"""What every file-import connector shares: the records it yields and ``read_file``.

A connector's client turns a file into numbered raw records (``RawRecord``) or
``Rejected`` lines; its ``map_item`` turns one record into a ``Post``. ``read_file``
picks the connector from ``FILE_FORMATS`` and yields posts and rejected lines in file
order, so one broken row never stops an import.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeAlias

from socialroadmap.connectors.values import POST_FIELDS
from socialroadmap.engine.posts import Post

_UTF8_BOM = b"\xef\xbb\xbf"
# The longest line of a line format (NDJSON, CSV) that is read: a longer one is read
# past, never held whole, and rejected. A post's JSON line is a few kilobytes.
MAX_LINE_BYTES = 2 * 2**20
# The largest JSON export (X archive, Facebook, Instagram) that is read; these are
# loaded whole.
MAX_JSON_BYTES = 512 * 2**20


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row that could not be imported: where it starts (1-based line) and why."""

    line: int
    reason: str


ImportItem: TypeAlias = Post | Rejected
PathOrStream: TypeAlias = str | os.PathLike[str] | IO[bytes] | IO[str]


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record of a file as its client read it, with the line it starts on."""

    line: int
    data: Any


class ImportFileError(ValueError):
    """A file that cannot be imported at all: wrong format, no header, invalid JSON."""


@dataclass(frozen=True, slots=True)
class ReadRequest:
    """An opened file and what the caller said about it."""

    stream: IO[bytes] | IO[str]
    path: Path | None
    mapping: dict[str, str | None] | None
    author: str | None


@dataclass(frozen=True, slots=True)
class FileFormat:
    """One importable file format: its name on the command line and its reader."""

    name: str
    description: str
    read: Callable[[ReadRequest], Iterator[ImportItem]]
    takes_mapping: bool = False


def read_file(
    format: str,
    path_or_stream: PathOrStream,
    mapping: Mapping[str, str | None] | None = None,
    *,
    author: str | None = None,
) -> Iterator[ImportItem]:
    """Posts and rejected rows from a file in ``format`` (a name in ``FILE_FORMATS``).

    Streams: line formats are read a line at a time, whatever the file size. ``mapping``
    (``ndjson`` and ``csv`` only) says which column or JSON path holds each post field
    and is checked before anything is read. ``author`` names the owner of a personal
    export, for posts that do not name their author. A broken row becomes a
    ``Rejected`` and reading goes on; a file that cannot be read at all raises
    ``ImportFileError`` (a ValueError) when iterated.
    """
    # The registry imports every connector, and every connector imports this module.
    from socialroadmap.connectors import FILE_FORMATS

    file_format = FILE_FORMATS.get(format)
    if file_format is None:
        known = ", ".join(FILE_FORMATS)
        raise ValueError(f"unknown file format {format!r}; known formats: {known}")
    checked = None
    if mapping is not None:
        if not file_format.takes_mapping:
            raise ValueError(f"the {format} format has a fixed shape and takes no mapping")
        checked = validate_mapping(mapping)
    return _read(file_format, path_or_stream, checked, author)


def _read(
    file_format: FileFormat,
    path_or_stream: PathOrStream,
    mapping: dict[str, str | None] | None,
    author: str | None,
) -> Iterator[ImportItem]:
    if isinstance(path_or_stream, str | os.PathLike):
        path = Path(path_or_stream)
        with path.open("rb") as stream:
            yield from file_format.read(ReadRequest(stream, path, mapping, author))
    else:
        yield from file_format.read(ReadRequest(path_or_stream, None, mapping, author))


def validate_mapping(mapping: Mapping[str, Any]) -> dict[str, str | None]:
    """``mapping`` ({post field: column or JSON path}) checked; ValueError says what is wrong.

    ``id`` and ``text`` must be mapped; ``id: null`` says the file has no ids, so each
    post gets a hash of its content and time.
    """
    if not isinstance(mapping, Mapping):
        raise ValueError("a mapping must be an object of post field: column or JSON path")
    unknown = sorted(str(name) for name in mapping if name not in POST_FIELDS)
    if unknown:
        raise ValueError(
            f"unknown post field(s) in mapping: {', '.join(unknown)}; "
            f"post fields are: {', '.join(POST_FIELDS)}"
        )
    missing = [name for name in ("id", "text") if name not in mapping]
    if missing:
        raise ValueError(
            f"mapping must name the column or path of {' and '.join(missing)}"
            + (" (use id: null when the file has no ids)" if "id" in missing else "")
        )
    checked: dict[str, str | None] = {}
    for name, source in mapping.items():
        if source is None and name == "id":
            checked[name] = None
        elif isinstance(source, str) and source.strip():
            checked[name] = source.strip()
        else:
            raise ValueError(f"mapping for '{name}' must be a column name or JSON path")
    return checked


def map_records(
    records: Iterable[RawRecord | Rejected], map_item: Callable[[Any], Post]
) -> Iterator[ImportItem]:
    """Each record mapped to a post; a ValueError from ``map_item`` rejects its line."""
    for record in records:
        if isinstance(record, Rejected):
            yield record
            continue
        try:
            yield map_item(record.data)
        except ValueError as error:
            yield Rejected(record.line, str(error))


def partition(items: Iterable[ImportItem]) -> tuple[list[Post], list[Rejected]]:
    """The posts and the rejected rows of ``items``, each in file order (holds them all)."""
    posts: list[Post] = []
    rejected: list[Rejected] = []
    for item in items:
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            posts.append(item)
    return posts, rejected


def byte_lines(stream: IO[bytes] | IO[str]) -> Iterator[bytes | None]:
    """The lines of a stream as bytes, without a leading UTF-8 byte order mark; None
    for a line longer than ``MAX_LINE_BYTES``, which is read past without being kept."""
    first = True
    while line := stream.readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES and not _ends_line(line):
            while line and not _ends_line(line):
                line = stream.readline(2**16)
            first = False
            yield None
            continue
        # A text stream may hold lone surrogates: they fail as invalid UTF-8 later on.
        data = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
        if first:
            data = data.removeprefix(_UTF8_BOM)
            first = False
        yield data


def long_line(number: int) -> Rejected:
    """The rejection of a line longer than ``MAX_LINE_BYTES``."""
    return Rejected(number, f"line longer than {MAX_LINE_BYTES // 2**20} MB: not read")


def _ends_line(line: bytes | str) -> bool:
    return line.endswith(b"\n") if isinstance(line, bytes) else line.endswith("\n")


def read_text(stream: IO[bytes] | IO[str]) -> str:
    """The whole content of a small file as text (UTF-8, byte order mark dropped)."""
    data = stream.read(MAX_JSON_BYTES + 1)
    if len(data) > MAX_JSON_BYTES:
        raise ImportFileError(f"larger than {MAX_JSON_BYTES // 2**20} MB: not read")
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"not UTF-8: invalid byte at offset {error.start}") from None


def json_array_records(text: str, start: int = 0) -> list[RawRecord]:
    """The elements of the JSON array at ``text[start:]``, each with its starting line.

    Parsed element by element so that a rejected post can be found in the file; a syntax
    error anywhere rejects the whole file before any post is used.
    """
    decoder = json.JSONDecoder()
    index = _skip_space(text, start)
    if not text.startswith("[", index):
        raise ImportFileError("expected a JSON list at the top level")
    records: list[RawRecord] = []
    line, line_counted_to = 1, 0
    index = _skip_space(text, index + 1)
    while not text.startswith("]", index):
        line += text.count("\n", line_counted_to, index)
        line_counted_to = index
        try:
            value, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            raise ImportFileError(
                f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            ) from None
        records.append(RawRecord(line, value))
        index = _skip_space(text, index)
        if text.startswith(",", index):
            index = _skip_space(text, index + 1)
        elif not text.startswith("]", index):
            at_line = text.count("\n", 0, index) + 1
            raise ImportFileError(f"invalid JSON at line {at_line}: expected ',' or ']'")
    return records


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index
