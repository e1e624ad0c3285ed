"""Reads a subreddit's newest posts, or a Reddit search sorted by new, from where the
last run stopped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from socialroadmap.connectors.http import USER_AGENT, HttpFetcher, Params
from socialroadmap.connectors.live import Cursor, Listing, Page, anchored_pages
from socialroadmap.connectors.reddit.mapping import map_item

PUBLIC_API = "https://www.reddit.com"
OAUTH_API = "https://oauth.reddit.com"
MAX_LIMIT = 100  # the most things a listing returns per request
_SUBREDDIT_RE = re.compile(r"^[A-Za-z0-9_]{2,21}$")


class RedditConnector:
    """New posts in ``subreddit``, matching ``query``, or both, oldest first.

    Listings run newest first and page by fullname: ``after`` leads to older posts,
    ``before`` to the ones right after a post. The cursor is the newest fullname stored.
    A first run reads ``backfill_pages`` listings back from now. Reddit refuses clients
    without a descriptive User-Agent; with an OAuth token requests go to
    oauth.reddit.com. (Reddit cannot page after a post that was deleted since; the
    next run then finds nothing newer until the cursor is reset.)
    """

    source = "reddit"

    def __init__(
        self,
        subreddit: str | None = None,
        query: str | None = None,
        user_agent: str | None = None,
        access_token: str | None = None,
        *,
        base_url: str | None = None,
        fetcher: HttpFetcher | None = None,
        page_size: int = MAX_LIMIT,
        backfill_pages: int = 3,
    ) -> None:
        name = (subreddit or "").strip().removeprefix("/").removeprefix("r/").strip("/")
        if name and not _SUBREDDIT_RE.match(name):
            raise ValueError("subreddit must be a name such as 'thenetherlands'")
        if not name and not query:
            raise ValueError("give a subreddit, a query or both")
        self.subreddit = name or None
        self.query = query or None
        self.user_agent = user_agent or USER_AGENT
        self.base_url = (base_url or (OAUTH_API if access_token else PUBLIC_API)).rstrip("/")
        self.page_size = min(page_size, MAX_LIMIT)
        self.backfill_pages = backfill_pages
        self._token = access_token
        self._fetcher = fetcher or HttpFetcher()

    def fetch(self, cursor: Cursor | None) -> Iterator[Page]:
        """Pages of new posts, oldest first."""
        try:
            yield from anchored_pages(
                cursor,
                newest=lambda: self._listing({}),
                after=lambda anchor: self._listing({"before": anchor}),
                backfill_pages=self.backfill_pages,
            )
        finally:
            self._fetcher.close()

    def _endpoint(self) -> tuple[str, dict[str, Any]]:
        prefix = f"{self.base_url}/r/{self.subreddit}" if self.subreddit else self.base_url
        if not self.query:
            return f"{prefix}/new.json", {}
        search = {"q": self.query, "sort": "new", "type": "link"}
        if self.subreddit:
            search["restrict_sr"] = "on"
        return f"{prefix}/search.json", search

    def _listing(self, params: Params) -> Listing:
        url, search = self._endpoint()
        # raw_json=1: without it Reddit sends text with &amp; &lt; &gt; escaped.
        query = {**search, "limit": self.page_size, "raw_json": 1, **params}
        headers = {"User-Agent": self.user_agent}
        body, _ = self._fetcher.get_json(url, params=query, headers=headers, token=self._token)
        data = (body or {}).get("data") or {}
        things = [child["data"] for child in data.get("children", []) if child.get("kind") == "t3"]
        posts = [map_item(thing) for thing in reversed(things)]
        if not posts:
            return Listing([])
        older = data.get("after")
        return Listing(
            posts,
            older=(lambda: self._listing({"after": older})) if older else None,
            newer=lambda: self._listing({"before": posts[-1].id}),
        )
