"""One post of an Instagram export to a ``Post``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from socialroadmap.connectors.values import build_post, parse_datetime, stable_id
from socialroadmap.engine.posts import Post


def map_item(raw: Mapping[str, Any], author: str | None = None) -> Post:
    """The post in one export object; a post without a caption is rejected."""
    if not isinstance(raw, Mapping):
        raise ValueError("record is not a post object")
    media = [m for m in raw.get("media") or () if isinstance(m, Mapping)]
    if not media:
        raise ValueError("missing field 'media'")
    text = raw.get("title") or media[0].get("title")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("field 'text' is empty: the post has no title (caption)")
    timestamp = raw.get("creation_timestamp") or media[0].get("creation_timestamp")
    if timestamp is None:
        raise ValueError("missing field 'creation_timestamp'")
    uris = [str(m["uri"]) for m in media if m.get("uri")]
    values = {
        "id": stable_id("instagram", timestamp, text, *uris),
        "text": text,
        "created_at": parse_datetime(timestamp, "creation_timestamp"),
        "source": "instagram",
    }
    return build_post(values, raw, default_author=author)
