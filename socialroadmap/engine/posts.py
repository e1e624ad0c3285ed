"""The post record every connector maps into, and the text normalisation shared by
query matching and analysis.

Normalisation folds what people type differently but mean the same way: HTML entities
(``&amp;``), Unicode compatibility forms (NFKC: full-width letters, ligatures), case
(``Café`` and ``CAFÉ``), accents (``café`` → ``cafe``) and elongations (``goooood`` →
``good``). One compiled regular expression splits a text into tokens; folding a token is
cached, because a stream repeats the same few thousand words all day.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal, NamedTuple
from urllib.parse import urlsplit

TokenKind = Literal["word", "hashtag", "mention", "emoji", "url"]

_EMOJI_CHAR = "[\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
_EMOJI_MOD = "(?:\ufe0f|[\U0001f3fb-\U0001f3ff])*"
# An emoji with its skin-tone modifiers, joined sequences (👩‍💻) as one.
EMOJI_PATTERN = f"{_EMOJI_CHAR}{_EMOJI_MOD}(?:\u200d{_EMOJI_CHAR}{_EMOJI_MOD})*"
# One alternative per token kind; the named group that matched gives the kind. URLs
# first so their words are not split out; a mention or hashtag must not follow a word
# character (e-mail addresses, ``&#39;``).
_TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'])"
    r"|(?<![\w@])@(?P<mention>\w+)"
    r"|(?<![\w#&])#(?P<hashtag>\w+)"
    r"|(?P<word>[^\W_]+)"
    rf"|(?P<emoji>{EMOJI_PATTERN})"
)
# Three or more of the same letter: no Dutch or English word has them, so it is emphasis.
_ELONGATION_RE = re.compile(r"([^\W\d_])\1{2,}")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]+")
# Letters that carry no combining accent in Unicode yet are folded by readers.
_SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "\u0131": "i"}  # \u0131: dotless i
)
_CAMEL_RE = re.compile(r"[A-ZÀ-ÖØ-Þ]+(?![a-zß-öø-ÿ])|[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+|[^\W\d_]+|\d+")
_URL_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class Token(NamedTuple):
    """One token of a post: its kind, the text as written, its folded form and offset.

    The folded form of a hashtag or mention is the tag without ``#``/``@``; of a URL,
    the URL in lower case.
    """

    kind: TokenKind
    text: str
    folded: str
    start: int


@dataclass(frozen=True, slots=True)
class Engagement:
    """Reactions to a post; None where the network does not say."""

    likes: int | None = None
    shares: int | None = None
    replies: int | None = None
    reach: int | None = None


@dataclass(frozen=True, slots=True)
class Post:
    """One social media post in the common shape all connectors map into."""

    id: str
    text: str
    author: str | None = None
    created_at: datetime | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    engagement: Engagement = field(default_factory=Engagement)
    raw: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, obj: Mapping[str, Any]) -> Post:
        """A post from a JSON-like mapping; ValueError names an invalid ``id`` or ``text``.

        ``id`` and ``text`` are required strings. The other fields are optional and
        lenient, because connectors and files differ: a value of the wrong type is read
        as missing rather than rejecting the post. Engagement counts may sit at the top
        level or in an ``engagement`` object; ``created_at`` is ISO 8601 (``Z`` allowed).
        """
        for name in ("id", "text"):
            if name not in obj:
                raise ValueError(f"missing field '{name}'")
            if not isinstance(obj[name], str):
                raise ValueError(f"field '{name}' must be a string")
        return cls(
            id=obj["id"],
            text=obj["text"],
            author=_optional_str(obj, "author"),
            created_at=_optional_datetime(obj, "created_at"),
            source=_optional_str(obj, "source"),
            url=_optional_str(obj, "url"),
            lang=_optional_str(obj, "lang"),
            engagement=_engagement(obj),
            raw=obj,
        )


def _optional_str(obj: Mapping[str, Any], name: str) -> str | None:
    value = obj.get(name)
    return value if isinstance(value, str) and value else None


def _optional_datetime(obj: Mapping[str, Any], name: str) -> datetime | None:
    value = _optional_str(obj, name)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _optional_int(obj: Mapping[str, Any], name: str) -> int | None:
    value = obj.get(name)
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value if isinstance(value, int) and value >= 0 else None


def _engagement(obj: Mapping[str, Any]) -> Engagement:
    nested = obj.get("engagement")
    source = nested if isinstance(nested, Mapping) else obj
    return Engagement(*(_optional_int(source, n) for n in ("likes", "shares", "replies", "reach")))


def normalise(text: str) -> str:
    """HTML entities decoded and Unicode in NFKC form (the text tokens are taken from)."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text


def collapse_elongations(text: str) -> str:
    """Runs of three or more of one letter cut to two: ``goooood`` → ``good``."""
    return _ELONGATION_RE.sub(r"\1\1", text)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and elongation-folded form: ``Caaaafé`` → ``caafe``."""
    text = text.casefold()
    if _ELONGATION_RE.search(text):
        text = collapse_elongations(text)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text).translate(_SPECIAL_LETTERS)
    return unicodedata.normalize("NFC", _COMBINING_RE.sub("", text))


def tokenize(text: str) -> list[Token]:
    """The tokens of a text, in order: words, #hashtags, @mentions, emoji and URLs."""
    text = normalise(text)
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        value = match.group(kind)  # type: ignore[arg-type]
        if kind == "url":
            append(Token("url", value, value.lower(), match.start()))
        elif kind == "emoji":
            append(Token("emoji", value, value, match.start()))
        else:
            append(Token(kind, match.group(), fold(value), match.start()))  # type: ignore[arg-type]
    return tokens


def hashtag_words(tag: str) -> list[str]:
    """The folded words inside a hashtag: ``#KoffieMetMelk`` → ``koffie met melk``."""
    return [fold(part) for part in _CAMEL_RE.findall(tag.lstrip("#"))]


def url_domain(url: str) -> str | None:
    """The host of a URL in lower case without ``www.``; None when there is none."""
    if not _URL_SCHEME_RE.match(url):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def domains(text: str) -> list[str]:
    """The domains of the URLs in a text, in order (what ``site:`` matches)."""
    found = (url_domain(t.text) for t in tokenize(text) if t.kind == "url")
    return [d for d in found if d]


def mentions(text: str) -> list[str]:
    """The folded @mentions of a text, without ``@``."""
    return [t.folded for t in tokenize(text) if t.kind == "mention"]


def hashtags(text: str) -> list[str]:
    """The folded #hashtags of a text, without ``#``."""
    return [t.folded for t in tokenize(text) if t.kind == "hashtag"]
