"""One Reddit link or text post (a ``t3`` thing's ``data`` in a listing) to a ``Post``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeGuard

from socialroadmap.engine.posts import Engagement, Post

_GONE = frozenset({"[deleted]", "[removed]"})


def map_item(raw: Mapping[str, Any]) -> Post:
    """A post from a listing child's ``data``: the id is its fullname (``t3_…``), the
    text the title and, for text posts, the body; the score counts as likes."""
    selftext = raw.get("selftext") or ""
    body = "" if selftext in _GONE else selftext.strip()
    created = raw.get("created_utc")
    author = raw.get("author")
    return Post(
        id=str(raw["name"]),
        text="\n\n".join(part for part in ((raw.get("title") or "").strip(), body) if part),
        author=author if author and author not in _GONE else None,
        created_at=datetime.fromtimestamp(created, UTC) if _is_number(created) else None,
        source="reddit",
        url=f"https://www.reddit.com{raw['permalink']}" if raw.get("permalink") else None,
        lang=None,  # Reddit does not say; the language detector decides
        engagement=Engagement(
            # A score is upvotes minus downvotes and can drop below zero; no reaction then.
            likes=max(raw["score"], 0) if _is_number(raw.get("score")) else None,
            shares=_count(raw.get("num_crossposts")),
            replies=_count(raw.get("num_comments")),
        ),
        raw=raw,
    )


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
