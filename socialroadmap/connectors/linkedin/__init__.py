"""LinkedIn's data export: ``Shares.csv``, the member's own posts.

Columns ``Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility``; the
commentary keeps its line breaks inside quotes. The export does not name its owner:
pass ``author``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from socialroadmap.connectors.base import FileFormat, ImportItem, ReadRequest, map_records
from socialroadmap.connectors.linkedin.client import read_shares
from socialroadmap.connectors.linkedin.mapping import map_item


def read(request: ReadRequest) -> Iterator[ImportItem]:
    """Posts and rejected rows of a ``Shares.csv``, one row at a time."""
    return map_records(read_shares(request.stream), partial(map_item, author=request.author))


FORMAT = FileFormat(
    name="linkedin",
    description="LinkedIn data export Shares.csv",
    read=read,
)
