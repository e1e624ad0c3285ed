"""One pass over a post's text that language detection, sentiment and matching share.

The pipeline must keep pace with a national brand's stream on one core, so a post's text
is split into tokens once (one compiled regular expression, one loop) and each analysis
takes the view it needs:

* ``forms``: folded words, ``#tag`` and ``@name`` bodies and emoji, in order (query
  matching: phrases and NEAR count positions in this list), ``marked`` where the hashtags
  and mentions sit, and the ``urls`` (``site:``);
* ``tokens``: lower-cased tokens for the sentiment model (hashtags followed by their
  words, ``@user`` for any mention, ``_url`` for a link, emoticons, emoji, punctuation);
* ``hits``: function words per configured language (language detection).

What a word gives in each view is worked out once per distinct word and cached: a stream
repeats the same few thousand words all day.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from socialroadmap.engine.posts import EMOJI_PATTERN, fold

# Tokens, most frequent first: words (inner apostrophes and hyphens kept: ``don't``,
# ``e-mail``; matching splits them into letter runs), #hashtags and @mentions not glued
# to a word (``info@mertens.be``, ``C#`` are words), emoticons, emoji sequences, runs of
# ``!``/``?`` and clause punctuation. No groups: findall then returns plain strings,
# and the first character tells the kind. Links are taken out before (see ``scan``).
_TOKEN = re.compile(
    r"\s*("  # whitespace eaten here saves a failed try of every kind at each space
    r"\w+(?:['\u2019\-]\w+)*"
    r"|@(?<![\w@]@)\w+"
    r"|#(?<![\w#&]#)\w+"
    r"|[<>]?[:;=][\-o\*']?[\)\]\(\[dDpP/\\|@3]+(?!\w)|[\)\(][\-']?[:;=]|<3+"
    rf"|{EMOJI_PATTERN}"
    r"|[!?]+|[.,;:])"
)
_URL = re.compile(r"(?:https?://|www\.)\S+")
URL_TOKEN = "_url"  # noqa: S105 - a placeholder token, not a password
# Three or more of one letter: no Dutch or English word has them, so it is emphasis.
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_LETTER_RUNS = re.compile(r"[^\W_]+")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_URL_END = ".,;:!?)]'\""
_EMOTICON_START = frozenset("<>:;=()")
_PUNCTUATION = frozenset(".,;:")
# Emoji modifiers, joiners and variation selectors: part of a sequence, no meaning alone.
_EMOJI_GLUE = frozenset("\u200d\ufe0f") | {chr(c) for c in range(0x1F3FB, 0x1F400)}
_CACHE_LIMIT = 100_000

# Marks a word can carry (bits of ``Scanned.marks``).
ELONGATED = 1  # ``goooood``, read as ``good``
SHOUTED = 2  # a word of three or more capitals

# A distinct token's views: sentiment tokens, folded forms, and for the few tokens that
# need more (None for most): the ``#tag``/``@name`` key matching looks up (or ""), the
# position of the language it is a function word of (or -1), and its marks.
Special = tuple[str, int, int]
Entry = tuple[tuple[str, ...], tuple[str, ...], Special | None]


class Scanned:
    """The views of one post's text (see the module docstring)."""

    __slots__ = ("forms", "hits", "marked", "marks", "text", "tokens", "urls")

    def __init__(self, text: str, languages: int) -> None:
        self.text = text
        self.marks = 0
        self.forms: list[str] = []
        self.marked: list[tuple[str, int]] = []
        self.urls: list[str] = []
        self.tokens: list[str] = []
        self.hits = [0] * languages


class Scanner:
    """Splits texts into the shared views; counts function words of ``languages``.

    ``function_words`` maps a lower-case word to the position of its language (-1 for
    a word of several languages); ``languages`` is how many there are.
    """

    def __init__(self, function_words: dict[str, int] | None = None, languages: int = 0) -> None:
        self._function_words = function_words or {}
        self._languages = languages
        self._entries: dict[str, Entry] = {}

    def clear(self) -> None:
        """Forget the tokens seen so far (benchmarks of first-seen posts)."""
        self._entries.clear()

    def _entry(self, token: str) -> Entry:
        """What a token gives each view; worked out once per distinct token."""
        first = token[0]
        entry: Entry
        if first == "#":
            form = fold(token[1:])
            entry = (tuple(hashtag_tokens(token)), (form,), ("#" + form, -1, 0))
        elif first == "@":
            form = fold(token[1:])
            entry = (("@user",), (form,), ("@" + form, -1, 0))
        elif first in "!?":
            entry = ((token if len(token) < 3 else first * 2,), (), None)
        elif first in _PUNCTUATION and len(token) == 1:
            entry = ((token,), (), None)
        elif first in _EMOTICON_START:
            entry = ((token.lower(),), (), None)
        elif not (first.isalnum() or first == "_"):  # an emoji sequence
            entry = (tuple(c for c in token if c not in _EMOJI_GLUE), (token,), None)
        elif token == URL_TOKEN:
            entry = ((URL_TOKEN,), (), None)
        else:
            entry = self._word(token)
        if len(self._entries) >= _CACHE_LIMIT:
            self._entries.clear()
        self._entries[token] = entry
        return entry

    def _word(self, word: str) -> Entry:
        marks = SHOUTED if len(word) > 2 and word.isupper() and word.isalpha() else 0
        low = word.lower()
        if _ELONGATED.search(low):
            marks |= ELONGATED
            low = _ELONGATED.sub(r"\1\1", low)
        forms: tuple[str, ...]
        if word.isalnum():
            # For ASCII, folding is what was just done: lower case, elongations cut.
            forms = (low,) if low.isascii() else (fold(low),)
        else:
            forms = tuple(map(fold, _LETTER_RUNS.findall(low)))
        language = self._function_words.get(low, -1)
        return ((low,), forms, ("", language, marks) if language >= 0 or marks else None)

    def scan(self, text: str) -> Scanned:
        """The views of ``text``, HTML entities decoded."""
        if "&" in text:
            text = html.unescape(text)
        out = Scanned(text, self._languages)
        if "http" in text or "www." in text:
            out.urls = [url.rstrip(_URL_END) for url in _URL.findall(text)]
            if out.urls:
                text = _URL.sub(" " + URL_TOKEN + " ", text)
        forms, hits, marked = out.forms, out.hits, out.marked
        add_forms, add_tokens = forms.extend, out.tokens.extend
        entries = self._entries
        marks = 0
        for token in _TOKEN.findall(text):
            tokens, parts, special = entries.get(token) or self._entry(token)
            add_tokens(tokens)
            if special is not None:
                key, language, token_marks = special
                if key:
                    marked.append((key, len(forms)))
                if language >= 0:
                    hits[language] += 1
                marks |= token_marks
            add_forms(parts)
        out.marks = marks
        return out


def hashtag_tokens(tag: str) -> list[str]:
    """The sentiment tokens of ``#NietGoed``: ``#nietgoed``, ``niet``, ``goed``."""
    parts = _CAMEL.findall(tag[1:])
    low = tag.lower()
    return [low, *(p.lower() for p in parts)] if len(parts) > 1 else [low, low[1:]]


_DEFAULT = Scanner()


def clear_caches() -> None:
    """Forget every token seen so far by the shared scanner and by folding."""
    _DEFAULT.clear()
    fold.cache_clear()


def scan(text: str) -> Scanned:
    """The views of ``text`` without function-word counts (training, one-off use)."""
    return _DEFAULT.scan(text)


def function_word_index(words: Sequence[frozenset[str]]) -> dict[str, int]:
    """Word → position of the one set it is in; -1 for a word in several sets."""
    index: dict[str, int] = {}
    for position, members in enumerate(words):
        for word in members:
            index[word] = -1 if word in index else position
    return index
