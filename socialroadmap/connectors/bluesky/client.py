"""Searches Bluesky for posts since the last run."""

from __future__ import annotations

from collections.abc import Iterator

from socialroadmap.connectors.bluesky.mapping import map_item, sort_at
from socialroadmap.connectors.http import HttpFetcher
from socialroadmap.connectors.live import Cursor, Page, dated_pages
from socialroadmap.engine.posts import Post

PUBLIC_APPVIEW = "https://public.api.bsky.app"
MAX_LIMIT = 100  # the most posts searchPosts returns per request


class BlueskyConnector:
    """Posts matching ``query``, oldest first, from ``app.bsky.feed.searchPosts``.

    Search pages only backwards in time (its ``cursor`` leads to older posts), so a run
    asks for everything ``since`` the newest date stored, reads it all and hands it out
    oldest first. The cursor is that date plus the URIs seen at exactly that date. A
    first run reads ``backfill_pages`` requests back from now. With an access token,
    point ``service_url`` at the account's PDS or an AppView that accepts it.
    """

    source = "bluesky"

    def __init__(
        self,
        query: str,
        access_token: str | None = None,
        service_url: str = PUBLIC_APPVIEW,
        *,
        fetcher: HttpFetcher | None = None,
        page_size: int = MAX_LIMIT,
        backfill_pages: int = 3,
    ) -> None:
        if not query.strip():
            raise ValueError("give a search query")
        if not service_url.startswith(("http://", "https://")):
            raise ValueError("service_url must be an http or https URL")
        self.query = query
        self.service_url = service_url.rstrip("/")
        self.page_size = min(page_size, MAX_LIMIT)
        self.backfill_pages = backfill_pages
        self._token = access_token
        self._fetcher = fetcher or HttpFetcher()

    def fetch(self, cursor: Cursor | None) -> Iterator[Page]:
        """Pages of new posts, oldest first."""
        try:
            posts = self._search(cursor.get("since") if cursor else None)
        finally:
            self._fetcher.close()
        yield from dated_pages(posts, cursor, page_size=self.page_size, key=sort_at)

    def _search(self, since: str | None) -> list[Post]:
        url = f"{self.service_url}/xrpc/app.bsky.feed.searchPosts"
        found: list[Post] = []
        page_cursor: str | None = None
        used: set[str] = set()
        while True:
            params: dict[str, str | int | None] = {
                "q": self.query,
                "sort": "latest",
                "limit": self.page_size,
                "since": since,
                "cursor": page_cursor,
            }
            body, _ = self._fetcher.get_json(url, params=params, token=self._token)
            posts = [map_item(view) for view in body.get("posts") or []]
            found.extend(posts)
            page_cursor = body.get("cursor")
            if not posts or not page_cursor or page_cursor in used:
                break
            if since is None and len(used) + 1 >= self.backfill_pages:
                break
            used.add(page_cursor)
        return found
