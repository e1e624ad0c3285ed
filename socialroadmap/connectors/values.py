"""Turning the values of export files into the fields of a ``Post``.

Exports disagree on everything: dates come as ISO 8601, Dutch ``dd-mm-yyyy``, epoch
seconds or milliseconds; counts as ``"1.234"`` or ``3.0``; Facebook and Instagram write
UTF-8 as Latin-1 escapes. Every connector goes through ``build_post`` so that a value
that cannot be read rejects its row with a reason naming the field, the same way for
every format.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from socialroadmap.engine.posts import Engagement, Post

POST_FIELDS = (
    "id",
    "text",
    "author",
    "created_at",
    "source",
    "url",
    "lang",
    "likes",
    "shares",
    "replies",
    "reach",
)
COUNT_FIELDS = ("likes", "shares", "replies", "reach")

# Dutch spreadsheets write day first with dashes: 12-03-2024 09:15[:42].
_DUTCH_DATE_RE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
# Thousands grouped by a dot, comma or (narrow) space: 1.234, 12,345, 1 234 567.
_GROUPED_COUNT_RE = re.compile(r"\d{1,3}(?:[.,\s\u202f]\d{3})+")
_LANG_RE = re.compile(r"[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{1,8})*")
# The longest post text kept; Facebook, the most generous network, allows 63,206.
MAX_TEXT = 100_000
# The largest count stored (a 64-bit integer).
MAX_COUNT = 2**63 - 1
# Epoch values above this are milliseconds: as seconds it would be the year 5138.
_EPOCH_MS_FROM = 100_000_000_000


def build_post(
    values: Mapping[str, Any],
    raw: Mapping[str, Any],
    *,
    derive_id: bool = False,
    default_author: str | None = None,
) -> Post:
    """A post from flat field values (``POST_FIELDS``); ValueError names the bad field.

    ``id`` and ``text`` are required; with ``derive_id`` a missing id becomes a hash of
    source, author, time and text, the same on every import of the same post.
    """
    text = _required_text(values.get("text"))
    created_at = parse_datetime(values.get("created_at"), "created_at")
    source = optional_str(values.get("source"), "source")
    author = optional_str(values.get("author"), "author") or default_author
    post_id = _post_id(values.get("id"))
    if post_id is None:
        if not derive_id:
            raise ValueError("missing field 'id'")
        stamp = created_at.isoformat() if created_at else ""
        post_id = stable_id(source, author, stamp, text)
    return Post(
        id=post_id,
        text=text,
        author=author,
        created_at=created_at,
        source=source,
        url=_url(values.get("url")),
        lang=_lang(values.get("lang")),
        engagement=Engagement(*(parse_count(values.get(n), n) for n in COUNT_FIELDS)),
        raw=raw,
    )


def stable_id(*parts: object) -> str:
    """A hex digest of ``parts``: the id of a post whose network gives it none."""
    joined = "\x1f".join("" if part is None else str(part) for part in parts)
    # surrogatepass: a lone surrogate (escaped in JSON) still gives an id, not an error.
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def optional_str(value: Any, name: str) -> str | None:
    """A stripped string, None when empty or missing; ValueError for another type."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"field '{name}' must be a string, got {type(value).__name__}")
    return encodable(value).strip() or None


def encodable(text: str) -> str:
    """``text`` with any lone surrogate (JSON may escape one, ``"\\ud800"``) replaced by
    ``?``: no database or JSON writer takes them."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def parse_datetime(value: Any, name: str) -> datetime | None:
    """A timezone-aware time from ISO 8601, ``dd-mm-yyyy [HH:MM[:SS]]``, RFC 2822 or
    epoch seconds/milliseconds; times without a zone are read as UTC.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        parsed: datetime | None = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        parsed = _from_epoch(value)
    elif isinstance(value, str):
        parsed = _parse_date_text(value.strip())
    else:
        raise ValueError(f"field '{name}' must be a date, got {type(value).__name__}")
    if parsed is None:
        raise ValueError(
            f"field '{name}': not a date: {value!r} (expected ISO 8601 such as "
            "2024-03-12T09:15:00+01:00, 12-03-2024 09:15 or epoch seconds)"
        )
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def parse_count(value: Any, name: str) -> int | None:
    """A count of zero or more; ``1.234``, ``12,345`` and ``3.0`` are read as whole numbers."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"field '{name}' must be a whole number, got a boolean")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.isdigit():
            value = int(text)
        elif _GROUPED_COUNT_RE.fullmatch(text):
            value = int(re.sub(r"\D", "", text))
    if not isinstance(value, int) or value < 0:
        raise ValueError(f"field '{name}': not a whole number of zero or more: {value!r}")
    if value > MAX_COUNT:
        raise ValueError(f"field '{name}': too large: {value}")
    return value


def repair_mojibake(value: Any) -> Any:
    """``value`` with every string (and key) re-read as UTF-8 where it was Latin-1.

    Facebook and Instagram exports escape each UTF-8 byte as its own character
    (``"caf\\u00c3\\u00a9"`` for ``café``). A string that is not such a sequence, such as
    a correct ``é`` or any character above U+00FF, is left as it is.
    """
    if isinstance(value, str):
        if value.isascii():
            return value
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [repair_mojibake(item) for item in value]
    if isinstance(value, dict):
        return {repair_mojibake(k): repair_mojibake(v) for k, v in value.items()}
    return value


def _required_text(value: Any) -> str:
    if value is None:
        raise ValueError("missing field 'text'")
    if not isinstance(value, str):
        raise ValueError(f"field 'text' must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError("field 'text' is empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"field 'text' is longer than {MAX_TEXT:,} characters ({len(value):,})")
    return encodable(value)


def _post_id(value: Any) -> str | None:
    # Numeric ids are common in JSON exports; they name the same post as their string.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return optional_str(value, "id")


def _url(value: Any) -> str | None:
    url = optional_str(value, "url")
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"field 'url': not an http(s) URL: {url!r}")
    return url


def _lang(value: Any) -> str | None:
    lang = optional_str(value, "lang")
    if lang is None:
        return None
    if not _LANG_RE.fullmatch(lang):
        raise ValueError(f"field 'lang': not a language code such as 'nl' or 'en': {lang!r}")
    return re.split(r"[-_]", lang)[0].lower()


def _from_epoch(value: float) -> datetime | None:
    seconds = value / 1000 if value >= _EPOCH_MS_FROM else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _parse_date_text(text: str) -> datetime | None:
    if text.isdigit() and len(text) > 8:  # 8 digits are more likely 20240312 than 1970
        return _from_epoch(int(text))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = _DUTCH_DATE_RE.fullmatch(text)
    if match:
        day, month, year, hour, minute, second = (int(g or 0) for g in match.groups())
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
