"""Connectors: where posts come from, each source in one folder with the same files.

A file-import connector (``ndjson``, ``csv``, ``x_archive``, ``facebook``,
``instagram``, ``linkedin``) has:

- ``__init__.py``: its ``FORMAT`` (a ``base.FileFormat``): the name, and ``read``,
  which joins the two pieces below;
- ``client.py``: reads the file into numbered raw records, streaming where the format
  allows (NDJSON and CSV a line at a time; the JSON exports of the networks are small
  and loaded whole), and rejects what it cannot parse;
- ``mapping.py``: ``map_item(raw) -> Post``, raising ValueError with a reason that
  names the field;
- ``fixtures/``: real-shaped sample exports, broken rows included;
- ``tests/``: the connector's behaviour on those fixtures.

The live connectors (``rss``, ``mastodon``, ``bluesky``, ``reddit``) keep the same
folders and are registered in ``live.LIVE_SOURCES``.

``base.read_file(format, path_or_stream, mapping)`` is the one entry point: it yields
``Post`` or ``Rejected(line, reason)`` for each row, in file order; values
(dates, counts, ids, mis-encoded text) are read the same way for every format by
``values.build_post``. Connectors never import Django: the command line, Celery jobs
and the web app all use them.
"""

from __future__ import annotations

from socialroadmap.connectors import csv, facebook, instagram, linkedin, ndjson, x_archive
from socialroadmap.connectors.base import (
    FileFormat,
    ImportFileError,
    ImportItem,
    Rejected,
    partition,
    read_file,
)

# The names are the command line's --format values; keep them stable.
FILE_FORMATS: dict[str, FileFormat] = {
    connector.FORMAT.name: connector.FORMAT
    for connector in (ndjson, csv, x_archive, facebook, instagram, linkedin)
}

__all__ = [
    "FILE_FORMATS",
    "FileFormat",
    "ImportFileError",
    "ImportItem",
    "Rejected",
    "partition",
    "read_file",
]
