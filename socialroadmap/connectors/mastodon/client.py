"""Reads a Mastodon instance's public hashtag timeline, or its status search, from where
the last run stopped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import quote, urlsplit

import httpx

from socialroadmap.connectors.http import HttpFetcher, Params
from socialroadmap.connectors.live import Cursor, Listing, Page, anchored_pages
from socialroadmap.connectors.mastodon.mapping import map_item
from socialroadmap.engine.posts import Post

MAX_LIMIT = 40  # the most statuses Mastodon returns per request


class MastodonConnector:
    """Statuses with a hashtag, or matching a search query, oldest first.

    Mastodon pages by status id: ``min_id`` asks for the statuses right after an id, and
    the ``Link`` header names the pages before (``next``) and after (``prev``) each
    response. The cursor is the newest status id stored. A first run reads up to
    ``backfill_pages`` pages back from now. Search needs an access token on most
    instances; the hashtag timeline is public.
    """

    source = "mastodon"

    def __init__(
        self,
        instance_url: str,
        hashtag: str | None = None,
        query: str | None = None,
        access_token: str | None = None,
        *,
        fetcher: HttpFetcher | None = None,
        page_size: int = MAX_LIMIT,
        backfill_pages: int = 3,
    ) -> None:
        if not instance_url.startswith(("http://", "https://")):
            raise ValueError("instance_url must be an http or https URL")
        if not hashtag and not query:
            raise ValueError("give a hashtag or a query")
        self.instance_url = instance_url.rstrip("/")
        self.hashtag = hashtag.lstrip("#") if hashtag else None
        self.query = query
        self.page_size = min(page_size, MAX_LIMIT)
        self.backfill_pages = backfill_pages
        self._token = access_token
        self._fetcher = fetcher or HttpFetcher()

    def fetch(self, cursor: Cursor | None) -> Iterator[Page]:
        """Pages of new statuses, oldest first."""
        try:
            yield from anchored_pages(
                cursor,
                newest=lambda: self._listing(self._endpoint, {}),
                after=lambda anchor: self._listing(self._endpoint, {"min_id": anchor}),
                backfill_pages=self.backfill_pages,
            )
        finally:
            self._fetcher.close()

    @property
    def _endpoint(self) -> str:
        if self.hashtag:
            return f"{self.instance_url}/api/v1/timelines/tag/{quote(self.hashtag, safe='')}"
        return f"{self.instance_url}/api/v2/search"

    def _listing(self, url: str, params: Params | None) -> Listing:
        if params is not None:  # None: a Link URL, which carries its own query
            extra = {"q": self.query, "type": "statuses"} if not self.hashtag else {}
            params = {"limit": self.page_size, **extra, **params}
        body, response = self._fetcher.get_json(url, params=params, token=self._token)
        statuses = body if self.hashtag else (body or {}).get("statuses", [])
        posts = sorted((map_item(status) for status in statuses), key=_chronological)
        if not posts:
            return Listing([])
        return Listing(
            posts,
            older=self._neighbour(response, "next", {"max_id": posts[0].id}),
            newer=self._neighbour(response, "prev", {"min_id": posts[-1].id}),
        )

    def _neighbour(
        self, response: httpx.Response, rel: str, fallback: Params
    ) -> Callable[[], Listing]:
        link = response.links.get(rel, {}).get("url")
        # Follow Links to this instance only: the token goes wherever the request does.
        if link and urlsplit(link).netloc == urlsplit(self.instance_url).netloc:
            return lambda: self._listing(link, None)
        return lambda: self._listing(self._endpoint, fallback)


def _chronological(post: Post) -> tuple[int, str]:
    # Mastodon's ids are numbers in strings; Pleroma's fixed-length flake ids sort as text.
    return len(post.id), post.id
