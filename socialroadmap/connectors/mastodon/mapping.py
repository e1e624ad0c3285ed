"""One Mastodon status (``GET /api/v1/timelines/tag/:hashtag`` or ``/api/v2/search``) to
a ``Post``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from socialroadmap.connectors.live import html_to_text, parse_timestamp
from socialroadmap.engine.posts import Engagement, Post


def map_item(raw: Mapping[str, Any]) -> Post:
    """A post from a status: its HTML content as text, after the content warning if
    there is one; the author as ``user@instance`` whatever instance was asked."""
    account = raw.get("account") or {}
    text = html_to_text(raw.get("content") or "")
    warning = (raw.get("spoiler_text") or "").strip()
    return Post(
        id=str(raw["id"]),
        text=f"{warning}\n\n{text}" if warning else text,
        author=_handle(account),
        created_at=parse_timestamp(raw.get("created_at")),
        source="mastodon",
        url=raw.get("url") or raw.get("uri") or None,
        lang=raw.get("language") or None,
        engagement=Engagement(
            likes=_count(raw.get("favourites_count")),
            shares=_count(raw.get("reblogs_count")),
            replies=_count(raw.get("replies_count")),
        ),
        raw=raw,
    )


def _handle(account: Mapping[str, Any]) -> str | None:
    # ``acct`` is ``user@host`` for remote accounts but bare for the instance's own users.
    acct = account.get("acct")
    if not acct:
        return None
    if "@" in acct:
        return str(acct)
    host = urlsplit(account.get("url") or "").hostname
    return f"{acct}@{host}" if host else str(acct)


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
