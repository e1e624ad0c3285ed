"""Instagram's data export of the member's own posts: ``content/posts_1.json``.

A list of ``{"media": [{"uri", "creation_timestamp", "title"}], "title",
"creation_timestamp"}``; a carousel keeps its caption on the post, a single photo on its
media. Text is mis-encoded as in Facebook's export and repaired. Posts carry no id
(each gets a hash of its time and content) and no author: pass ``author``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from socialroadmap.connectors.base import FileFormat, ImportItem, ReadRequest, map_records
from socialroadmap.connectors.instagram.client import read_posts
from socialroadmap.connectors.instagram.mapping import map_item


def read(request: ReadRequest) -> Iterator[ImportItem]:
    """Posts and rejected records of an Instagram posts export."""
    return map_records(read_posts(request.stream), partial(map_item, author=request.author))


FORMAT = FileFormat(
    name="instagram",
    description="Instagram data export content/posts_1.json",
    read=read,
)
