"""NDJSON files: one post per line, in the fields of the ``Post`` record or mapped.

Without a mapping each line is a post as ``socialroadmap analyze`` reads it (``id``,
``text``, optional ``author``, ``created_at``, ``source``, ``url``, ``lang`` and counts
at the top level or in ``engagement``). A mapping names a dotted JSON path for each
field, for exports of other tools.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from socialroadmap.connectors.base import FileFormat, ImportItem, ReadRequest, map_records
from socialroadmap.connectors.ndjson.client import read_objects
from socialroadmap.connectors.ndjson.mapping import map_item


def read(request: ReadRequest) -> Iterator[ImportItem]:
    """Posts and rejected lines of an NDJSON stream, one line at a time."""
    map_one = partial(map_item, mapping=request.mapping, author=request.author)
    return map_records(read_objects(request.stream), map_one)


FORMAT = FileFormat(
    name="ndjson",
    description="one JSON object per line (the post record, or mapped by JSON path)",
    read=read,
    takes_mapping=True,
)
