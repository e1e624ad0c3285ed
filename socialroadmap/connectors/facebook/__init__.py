"""Facebook's "Download your information" export of the member's own posts.

The JSON file (``your_posts_1.json``, or ``your_posts__check_ins__photos_and_videos_1.json``
in newer exports) is a list of ``{"timestamp", "data": [{"post"}], "attachments",
"title"}``. Facebook escapes every UTF-8 byte as its own character; the client repairs
that. Posts carry no id (each gets a hash of its time and content) and no author: pass
``author``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from socialroadmap.connectors.base import FileFormat, ImportItem, ReadRequest, map_records
from socialroadmap.connectors.facebook.client import read_posts
from socialroadmap.connectors.facebook.mapping import map_item


def read(request: ReadRequest) -> Iterator[ImportItem]:
    """Posts and rejected records of a Facebook posts export."""
    return map_records(read_posts(request.stream), partial(map_item, author=request.author))


FORMAT = FileFormat(
    name="facebook",
    description='Facebook "Download your information" posts JSON',
    read=read,
)
