"""One tweet of an X archive to a ``Post``."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from socialroadmap.connectors.values import build_post
from socialroadmap.engine.posts import Post

# X's language codes for tweets without language: undetermined, no linguistic content,
# and q-codes (qme: media only, qht: hashtags only, qam: mentions only, …).
_NO_LANGUAGE = {"und", "zxx"}


def map_item(raw: Mapping[str, Any], author: str | None = None) -> Post:
    """The post in one archive record ``{"tweet": {…}}``; ``author`` is the archive owner."""
    tweet = raw.get("tweet", raw) if isinstance(raw, Mapping) else None
    if not isinstance(tweet, Mapping):
        raise ValueError("record has no 'tweet' object")
    tweet_id = tweet.get("id_str") or tweet.get("id")
    if not isinstance(tweet_id, str | int) or not str(tweet_id).isdigit():
        raise ValueError("missing field 'id_str'")
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        raise ValueError("missing field 'full_text'")
    handle = author.lstrip("@") if author else None
    values = {
        "id": str(tweet_id),
        "text": display_text(text, tweet.get("entities")),
        "author": handle,
        "created_at": parse_created_at(tweet.get("created_at")),
        "source": "x",
        "url": f"https://x.com/{handle or 'i/web'}/status/{tweet_id}",
        "lang": _language(tweet.get("lang")),
        "likes": tweet.get("favorite_count"),
        "shares": tweet.get("retweet_count"),
    }
    return build_post(values, tweet)


def _language(lang: Any) -> Any:
    if lang in _NO_LANGUAGE or (isinstance(lang, str) and lang.startswith("q")):
        return None
    return lang


def parse_created_at(value: Any) -> datetime | None:
    """X's ``Wed Oct 10 20:19:24 +0000 2018``; ValueError names the field when it is not."""
    if value is None:
        return None
    try:
        return datetime.strptime(str(value), "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        raise ValueError(
            f"field 'created_at': not a date like 'Wed Oct 10 20:19:24 +0000 2018': {value!r}"
        ) from None


def display_text(full_text: str, entities: Any) -> str:
    """The text as X shows it: entities such as ``&amp;`` decoded, t.co links expanded."""
    urls = entities.get("urls") if isinstance(entities, Mapping) else None
    for url in urls if isinstance(urls, list) else ():
        if not isinstance(url, Mapping):
            continue
        short, expanded = url.get("url"), url.get("expanded_url")
        if isinstance(short, str) and isinstance(expanded, str) and short:
            full_text = full_text.replace(short, expanded)
    return html.unescape(full_text)
