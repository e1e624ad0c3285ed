"""One row of LinkedIn's ``Shares.csv`` to a ``Post``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import unquote

from socialroadmap.connectors.values import build_post
from socialroadmap.engine.posts import Post

# ShareLink is https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7173…; the URN
# (share, ugcPost or activity) is LinkedIn's own id of the post.
_URN_RE = re.compile(r"urn:li:[A-Za-z]+:\d+")


def map_item(raw: Mapping[str, str], author: str | None = None) -> Post:
    """The post in one share; a share without commentary (a bare repost) is rejected."""
    commentary = raw.get("ShareCommentary") or ""
    if not commentary.strip():
        raise ValueError("field 'text' is empty: ShareCommentary has no text (a bare repost)")
    link = (raw.get("ShareLink") or "").strip()
    urn = _URN_RE.search(unquote(link))
    values = {
        "id": urn.group() if urn else None,
        "text": commentary,
        "created_at": raw.get("Date"),  # UTC, as "2024-03-12 09:15:42"
        "source": "linkedin",
        "url": link or None,
    }
    return build_post(values, raw, derive_id=True, default_author=author)
