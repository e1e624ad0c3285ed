"""One NDJSON object to a ``Post``, directly or through a mapping of JSON paths."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from socialroadmap.connectors.values import build_post
from socialroadmap.engine.posts import Post


def map_item(
    raw: Mapping[str, Any],
    mapping: Mapping[str, str | None] | None = None,
    author: str | None = None,
) -> Post:
    """The post in ``raw``; ValueError names the field that is missing or invalid.

    ``mapping`` gives a dotted path (``user.screen_name``, ``media.0.url``) per post
    field; ``id: null`` makes the id a hash of the post's content and time.
    """
    if mapping is None:
        nested = raw.get("engagement")
        values = {**raw, **nested} if isinstance(nested, Mapping) else raw
        return build_post(values, raw, default_author=author)
    values = {}
    for name, path in mapping.items():
        if path is None:
            continue
        values[name] = lookup(raw, path)
        if values[name] is None and name in ("id", "text"):
            raise ValueError(f"missing field '{name}' (nothing at path '{path}')")
    return build_post(values, raw, derive_id=mapping["id"] is None, default_author=author)


def lookup(obj: Any, path: str) -> Any:
    """The value at a dotted ``path`` in nested objects and lists; None when absent.

    A key that itself contains dots (a flattened export) is found first.
    """
    if isinstance(obj, Mapping) and path in obj:
        return obj[path]
    for part in path.split("."):
        if isinstance(obj, Mapping):
            obj = obj.get(part)
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return None
    return obj
