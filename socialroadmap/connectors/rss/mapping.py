"""One feed entry (as feedparser reads RSS 2.0 or Atom) to a ``Post``."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from socialroadmap.connectors.live import html_to_text
from socialroadmap.engine.posts import Engagement, Post


def map_item(raw: Mapping[str, Any], feed: Mapping[str, Any] | None = None) -> Post:
    """A post from a feedparser entry; ``feed`` is the parsed feed's channel data.

    The text is the title and the summary (or full content) as plain text. The id is the
    entry's ``guid``/``id``, else its link, else a hash of title and date. Language comes
    from the entry (Atom ``xml:lang``) or the channel (RSS ``<language>``).
    """
    feed = feed or {}
    title = html_to_text(raw.get("title") or "")
    body = html_to_text(_body(raw))
    # Some feeds repeat the title as the summary; it is said once.
    text = "\n\n".join(dict.fromkeys(part for part in (title, body) if part))
    created_at = _date(raw.get("published_parsed") or _own(raw, "updated_parsed"))
    return Post(
        id=_entry_id(raw, title, created_at),
        text=text,
        author=raw.get("author") or feed.get("author") or None,
        created_at=created_at,
        source="rss",
        url=raw.get("link") or None,
        lang=_lang(raw, feed),
        engagement=Engagement(replies=_count(raw.get("slash_comments"))),
        raw=_raw(raw, feed),
    )


def _own(raw: Mapping[str, Any], name: str) -> Any:
    """A field the entry itself has: feedparser answers a missing ``updated`` with
    ``published`` (and a deprecation warning)."""
    return dict.get(raw, name) if isinstance(raw, dict) else raw.get(name)


def _body(raw: Mapping[str, Any]) -> str:
    content = raw.get("content")
    if content and isinstance(content, list) and content[0].get("value"):
        return str(content[0]["value"])
    return str(raw.get("summary") or "")


def _date(parsed: time.struct_time | None) -> datetime | None:
    # feedparser gives every date as a UTC struct_time, whatever zone the feed wrote.
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _entry_id(raw: Mapping[str, Any], title: str, created_at: datetime | None) -> str:
    found = raw.get("id") or raw.get("link")
    if found:
        return str(found)
    stamp = created_at.isoformat() if created_at else ""
    return "rss:" + hashlib.sha256(f"{title}\n{stamp}".encode()).hexdigest()[:24]


def _lang(raw: Mapping[str, Any], feed: Mapping[str, Any]) -> str | None:
    detail = raw.get("summary_detail") or raw.get("title_detail") or {}
    tag = detail.get("language") or feed.get("language")
    return str(tag).split("-")[0].lower() if tag else None


def _count(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def _raw(raw: Mapping[str, Any], feed: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's fields as plain JSON (feedparser's dates are struct_times)."""
    return {
        "id": raw.get("id"),
        "title": raw.get("title"),
        "link": raw.get("link"),
        "summary": raw.get("summary"),
        "published": raw.get("published"),
        "updated": _own(raw, "updated"),
        "author": raw.get("author"),
        "tags": [tag.get("term") for tag in raw.get("tags", ()) if tag.get("term")],
        "feed_title": feed.get("title"),
        "feed_link": feed.get("link"),
    }
