"""The contract of the live connectors, the paging both kinds of API need, and the
registry of live sources.

A live connector reads a network's HTTP API and yields ``Page``s oldest first, up to
now. Each page carries the cursor to persist after storing that page, so a job that
stops after any page and restarts from the cursor it saved continues without gaps or
duplicates. Cursors are small JSON-serialisable dicts.

Networks page in one of two ways, and each has one helper here:

- by anchor (Mastodon, Reddit): "the page right after this id" exists, so the cursor is
  the newest id stored (``anchored_pages``);
- by date only (RSS, Bluesky search): the whole window since the last run is read and
  cut into pages here, so the cursor is the newest date stored plus the ids seen at
  exactly that date (``dated_pages``).

Credentials are passed in by the caller and never logged; no connector imports Django.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any, Protocol, runtime_checkable

from socialroadmap.engine.posts import Post

Cursor = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    """Posts in chronological order and the cursor to persist once they are stored.

    ``posts`` may be empty when only the cursor moves (an RSS feed's new ETag).
    """

    posts: list[Post]
    cursor: Cursor


@runtime_checkable
class LiveConnector(Protocol):
    """A source read over the network from where the last run stopped."""

    source: str

    def fetch(self, cursor: Cursor | None) -> Iterator[Page]:
        """Pages of new posts, oldest first; ``None`` starts a first run."""
        ...


# Paging by anchor -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Listing:
    """One response of an anchored API: its posts oldest first, and how to get the
    responses right before and right after it (None where the API does not say)."""

    posts: list[Post]
    older: Callable[[], Listing] | None = None
    newer: Callable[[], Listing] | None = None


def anchored_pages(
    cursor: Cursor | None,
    *,
    newest: Callable[[], Listing],
    after: Callable[[str], Listing],
    backfill_pages: int,
) -> Iterator[Page]:
    """Pages for an API that can list "the posts right after id X".

    A first run reads up to ``backfill_pages`` listings back from the newest and yields
    them oldest first; every run then walks forward from the newest id stored. The
    cursor is ``{"newest_id": id}``.
    """
    yielded: set[str] = set()
    anchor = cursor.get("newest_id") if cursor else None
    if anchor is None:
        backfill: list[Listing] = []
        listing: Listing | None = newest()
        while listing is not None and listing.posts:
            backfill.append(listing)
            more = listing.older is not None and len(backfill) < backfill_pages
            listing = listing.older() if more and listing.older else None
        for earlier in reversed(backfill):
            page = _anchored_page(earlier.posts, yielded)
            if page is not None:
                anchor = page.cursor["newest_id"]
                yield page
        if anchor is None:
            return
        forward = backfill[0].newer() if backfill[0].newer else after(anchor)
    else:
        forward = after(str(anchor))
    while (page := _anchored_page(forward.posts, yielded)) is not None:
        yield page
        forward = forward.newer() if forward.newer else after(page.cursor["newest_id"])


def _anchored_page(posts: list[Post], yielded: set[str]) -> Page | None:
    # A post seen twice in one run means the API went in a circle; stop there.
    fresh = [post for post in posts if post.id not in yielded]
    if not fresh:
        return None
    yielded.update(post.id for post in fresh)
    return Page(fresh, {"newest_id": fresh[-1].id})


# Paging by date -------------------------------------------------------------------------


def dated_pages(
    posts: Iterable[Post],
    cursor: Cursor | None,
    *,
    page_size: int,
    key: Callable[[Post], datetime | None] = lambda post: post.created_at,
    carry: Mapping[str, Any] | None = None,
    final: Mapping[str, Any] | None = None,
) -> Iterator[Page]:
    """The posts newer than the cursor, in date order, cut into pages.

    The cursor is ``{"since": ISO date, "seen": [ids at exactly that date]}``: dates
    repeat (a feed's entries published in one second), so the date alone cannot tell a
    new post from one already stored. Posts without a date cannot be placed and are
    left out. ``carry`` is merged into every page's cursor and ``final`` into the
    last one's only (an ETag is only true once the whole response is stored).
    """
    since = parse_timestamp(cursor.get("since")) if cursor else None
    seen: set[str] = set(cursor.get("seen", ())) if cursor else set()
    dated: dict[str, tuple[datetime, Post]] = {}
    for post in posts:
        moment = key(post)
        if moment is None or post.id in dated:
            continue
        if since is None or moment > since or (moment == since and post.id not in seen):
            dated[post.id] = (moment, post)
    ordered = sorted(dated.values(), key=lambda pair: (pair[0], pair[1].id))
    chunks = [ordered[i : i + page_size] for i in range(0, len(ordered), page_size)]
    for number, chunk in enumerate(chunks, start=1):
        newest = chunk[-1][0]
        if newest != since:
            since, seen = newest, set()
        seen.update(post.id for moment, post in chunk if moment == newest)
        extra = final if number == len(chunks) else carry
        yield Page(
            [post for _, post in chunk],
            {"since": newest.isoformat(), "seen": sorted(seen), **(extra or {})},
        )


# Shared parsing -------------------------------------------------------------------------

_FRACTION_RE = re.compile(r"(\.\d{6})\d+")


def parse_timestamp(value: object) -> datetime | None:
    """An aware datetime from an ISO 8601 string (``Z``, nanoseconds allowed); naive
    values are read as UTC. None for anything else."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(_FRACTION_RE.sub(r"\1", value.replace("Z", "+00:00")))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_BLOCK_TAGS = frozenset({"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Readable text from post or feed HTML: tags dropped, entities decoded, ``<br>`` a
    line break and paragraphs separated by a blank line.

    Mastodon hides parts of long links in ``invisible`` spans; they are kept, so links
    come out whole.
    """
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# Registry -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConfigField:
    """One setting of a live source; ``secret`` ones (tokens) are stored encrypted and
    never shown or logged."""

    name: str
    label: str
    required: bool = False
    secret: bool = False
    help: str = ""


@dataclass(frozen=True, slots=True)
class LiveSource:
    """A live source: its settings and where its connector class lives.

    The class is named, not imported, so reading the registry loads no HTTP code and
    the connector modules can import this one.
    """

    name: str
    label: str
    connector: str  # "module:Class"
    fields: tuple[ConfigField, ...] = field(default_factory=tuple)

    @property
    def secret_fields(self) -> frozenset[str]:
        """Names of the settings that hold credentials."""
        return frozenset(f.name for f in self.fields if f.secret)

    def connector_class(self) -> type[LiveConnector]:
        """The connector class, imported on first use."""
        module, _, name = self.connector.partition(":")
        cls: type[LiveConnector] = getattr(importlib.import_module(module), name)
        return cls

    def build(self, config: Mapping[str, Any], **options: Any) -> LiveConnector:
        """A connector from stored settings; ValueError names unknown or missing ones.

        Empty values count as unset. ``options`` (such as ``fetcher``) go to the
        constructor as they are. Error messages name settings, never their values.
        """
        known = {f.name for f in self.fields}
        unknown = sorted(set(config) - known)
        if unknown:
            raise ValueError(f"{self.name}: unknown settings: {', '.join(unknown)}")
        values = {name: value for name, value in config.items() if value not in (None, "")}
        missing = [f.name for f in self.fields if f.required and f.name not in values]
        if missing:
            raise ValueError(f"{self.name}: missing settings: {', '.join(missing)}")
        return self.connector_class()(**values, **options)


_STORED_ENCRYPTED = "Optional; stored encrypted and never shown again."

LIVE_SOURCES: dict[str, LiveSource] = {
    source.name: source
    for source in (
        LiveSource(
            "rss",
            "RSS or Atom feed",
            "socialroadmap.connectors.rss:RssConnector",
            (ConfigField("feed_url", "Feed URL", required=True),),
        ),
        LiveSource(
            "mastodon",
            "Mastodon",
            "socialroadmap.connectors.mastodon:MastodonConnector",
            (
                ConfigField("instance_url", "Instance URL", required=True),
                ConfigField("hashtag", "Hashtag", help="Give a hashtag or a query."),
                ConfigField("query", "Search query", help="Full-text search needs a token."),
                ConfigField("access_token", "Access token", secret=True, help=_STORED_ENCRYPTED),
            ),
        ),
        LiveSource(
            "bluesky",
            "Bluesky",
            "socialroadmap.connectors.bluesky:BlueskyConnector",
            (
                ConfigField("query", "Search query", required=True),
                ConfigField("service_url", "AppView or PDS URL"),
                ConfigField("access_token", "Access token", secret=True, help=_STORED_ENCRYPTED),
            ),
        ),
        LiveSource(
            "reddit",
            "Reddit",
            "socialroadmap.connectors.reddit:RedditConnector",
            (
                ConfigField("subreddit", "Subreddit", help="Give a subreddit, a query or both."),
                ConfigField("query", "Search query"),
                ConfigField("user_agent", "User-Agent", help="Reddit asks for a descriptive one."),
                ConfigField("access_token", "OAuth token", secret=True, help=_STORED_ENCRYPTED),
            ),
        ),
    )
}


def live_source(name: str) -> LiveSource:
    """The registered live source called ``name``; ValueError lists the known ones."""
    try:
        return LIVE_SOURCES[name]
    except KeyError:
        raise ValueError(
            f"unknown live source {name!r}; known: {', '.join(LIVE_SOURCES)}"
        ) from None
