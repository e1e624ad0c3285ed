"""The X (Twitter) account archive: ``data/tweets.js``.

The file is JavaScript, ``window.YTD.tweets.part0 = [ … ]``, around a JSON list of
``{"tweet": {…}}``. Tweets do not name their author, the archive's owner: it comes
from ``author`` or else from ``account.js`` beside ``tweets.js``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from socialroadmap.connectors.base import FileFormat, ImportItem, ReadRequest, map_records
from socialroadmap.connectors.x_archive.client import read_owner, read_tweets
from socialroadmap.connectors.x_archive.mapping import map_item


def read(request: ReadRequest) -> Iterator[ImportItem]:
    """Posts and rejected records of a ``tweets.js``."""
    owner = request.author
    if owner is None and request.path is not None:
        owner = read_owner(request.path.with_name("account.js"))
    return map_records(read_tweets(request.stream), partial(map_item, author=owner))


FORMAT = FileFormat(
    name="x-archive",
    description="X/Twitter account archive data/tweets.js (owner from account.js)",
    read=read,
)
