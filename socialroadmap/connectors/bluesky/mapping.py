"""One Bluesky post view (``app.bsky.feed.searchPosts``) to a ``Post``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from socialroadmap.connectors.live import parse_timestamp
from socialroadmap.engine.posts import Engagement, Post


def map_item(raw: Mapping[str, Any]) -> Post:
    """A post from a post view: the record's text and date, the author's handle, and a
    link to the post on bsky.app. The id is the post's ``at://`` URI."""
    record = raw.get("record") or {}
    handle = (raw.get("author") or {}).get("handle")
    uri = str(raw["uri"])
    langs = record.get("langs") or []
    return Post(
        id=uri,
        text=record.get("text") or "",
        author=handle or None,
        created_at=parse_timestamp(record.get("createdAt")),
        source="bluesky",
        url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}" if handle else None,
        lang=str(langs[0]).split("-")[0].lower() if langs else None,
        engagement=Engagement(
            likes=_count(raw.get("likeCount")),
            shares=_count(raw.get("repostCount")),
            replies=_count(raw.get("replyCount")),
        ),
        raw=raw,
    )


def sort_at(post: Post) -> datetime | None:
    """When Bluesky files a post for search: the earlier of its claimed creation time
    and when the network indexed it, so a post cannot date itself into the future."""
    indexed = parse_timestamp(post.raw.get("indexedAt"))
    moments = [moment for moment in (post.created_at, indexed) if moment is not None]
    return min(moments) if moments else None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
