"""Reads an RSS or Atom feed over HTTP, politely: conditional requests with the ETag and
Last-Modified the server sent last time, so an unchanged feed costs one 304."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import feedparser

from socialroadmap.connectors.http import ConnectorError, HttpFetcher, redact_url
from socialroadmap.connectors.live import Cursor, Page, dated_pages
from socialroadmap.connectors.rss.mapping import map_item

logger = logging.getLogger(__name__)

_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8"


class RssConnector:
    """The entries of one feed that are newer than the cursor, oldest first.

    The cursor is the newest entry date stored, the entry ids seen at that date, and the
    feed's ``etag``/``last_modified``. The validators go into the last page's cursor
    only: were a job to stop halfway, a 304 must not hide the entries it did not store.
    Entries without any date cannot be placed in time and are skipped.
    """

    source = "rss"

    def __init__(
        self, feed_url: str, *, fetcher: HttpFetcher | None = None, page_size: int = 50
    ) -> None:
        if not feed_url.startswith(("http://", "https://")):
            raise ValueError("feed_url must be an http or https URL")
        self.feed_url = feed_url
        self.page_size = page_size
        self._fetcher = fetcher or HttpFetcher()

    def fetch(self, cursor: Cursor | None) -> Iterator[Page]:
        """Pages of new entries, oldest first; nothing when the feed is unchanged."""
        cursor = cursor or {}
        validators = {k: cursor[k] for k in ("etag", "last_modified") if cursor.get(k)}
        headers = {"Accept": _ACCEPT}
        if "etag" in validators:
            headers["If-None-Match"] = validators["etag"]
        if "last_modified" in validators:
            headers["If-Modified-Since"] = validators["last_modified"]
        try:
            response = self._fetcher.get(self.feed_url, headers=headers)
        finally:
            self._fetcher.close()
        if response.status_code == 304:
            return
        parsed = feedparser.parse(
            io.BytesIO(response.content),
            response_headers={
                "content-type": response.headers.get("Content-Type", ""),
                "content-location": str(response.url),
            },
        )
        if not parsed.get("version") and not parsed.entries:
            shown = redact_url(self.feed_url)
            raise ConnectorError(f"{shown} is not an RSS or Atom feed", url=shown)
        posts = [map_item(entry, parsed.feed) for entry in parsed.entries]
        fresh = {
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
        }
        final = {k: v for k, v in fresh.items() if v}
        yielded = False
        for page in dated_pages(
            posts, cursor, page_size=self.page_size, carry=validators, final=final
        ):
            yielded = True
            yield page
        if not yielded and final and final != validators:
            # Nothing new, yet the feed changed: keep its validators to get a 304 next time.
            yield Page([], {**{k: cursor[k] for k in ("since", "seen") if k in cursor}, **final})
