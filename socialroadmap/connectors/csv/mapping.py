"""One CSV row to a ``Post``, through columns found by header name or mapped."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from socialroadmap.connectors.base import ImportFileError
from socialroadmap.connectors.values import build_post
from socialroadmap.engine.posts import Post

# Header names, folded (see ``fold_header``), that say which field a column holds:
# English, Dutch, and the names of common exports. "reacties" is Dutch for comments.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "post_id", "tweet_id", "id_str", "message_id", "status_id", "bericht_id"),
    "text": (
        "text", "full_text", "message", "content", "body", "post", "caption",
        "tekst", "bericht", "berichttekst", "inhoud",
    ),
    "author": (
        "author", "user", "username", "user_name", "screen_name", "handle", "account",
        "auteur", "gebruiker", "gebruikersnaam", "afzender",
    ),
    "created_at": (
        "created_at", "created", "date", "datetime", "date_time", "timestamp", "time",
        "published", "published_at", "posted_at", "datum", "tijd", "datum_tijd",
        "tijdstip", "gepubliceerd", "publicatiedatum",
    ),
    "source": ("source", "network", "platform", "channel", "bron", "kanaal", "netwerk"),
    "url": ("url", "link", "permalink", "post_url"),
    "lang": ("lang", "language", "taal"),
    "likes": ("likes", "like_count", "favorites", "favorite_count", "vind_ik_leuks"),
    "shares": (
        "shares", "share_count", "retweets", "retweet_count", "reposts", "gedeeld", "delingen",
    ),
    "replies": (
        "replies", "reply_count", "comments", "comment_count", "reacties", "antwoorden",
    ),
    "reach": (
        "reach", "impressions", "views", "view_count", "bereik", "weergaven", "vertoningen",
    ),
}  # fmt: skip


def fold_header(name: str) -> str:
    """A header name compared loosely: ``Vind-ik-leuks`` and ``vind ik leuks`` are equal."""
    return re.sub(r"[\s\-/.]+", "_", name.strip().casefold())


def resolve_columns(
    header: Sequence[str], mapping: Mapping[str, str | None] | None
) -> dict[str, str | None]:
    """The column of each post field: from ``mapping`` or, without one, by header name.

    ImportFileError when a mapped column is not in the header, or no column holds text.
    """
    by_folded = {fold_header(name): name for name in reversed(header) if name}
    if mapping is not None:
        columns: dict[str, str | None] = {}
        for field, column in mapping.items():
            found = None if column is None else by_folded.get(fold_header(column))
            if column is not None and found is None:
                raise ImportFileError(
                    f"column '{column}' (mapped to {field}) is not in the header: "
                    + ", ".join(header)
                )
            columns[field] = found
        return columns
    columns = {}
    for field, names in HEADER_NAMES.items():
        found = next((by_folded[n] for n in names if n in by_folded), None)
        if found is not None:
            columns[field] = found
    if "text" not in columns:
        raise ImportFileError(
            "no text column in the header (" + ", ".join(header) + "); "
            "name one with a mapping such as {'id': ..., 'text': 'Bericht'}"
        )
    return columns


def map_item(
    raw: Mapping[str, str], columns: Mapping[str, str | None], author: str | None = None
) -> Post:
    """The post in one row (header name → cell); a file without ids gets hashed ones."""
    id_column = columns.get("id")
    if id_column is not None and not raw[id_column].strip():
        raise ValueError(f"missing field 'id': column '{id_column}' is empty")
    values = {field: raw[column] for field, column in columns.items() if column is not None}
    return build_post(values, raw, derive_id=id_column is None, default_author=author)
