"""Match posts against many queries at once.

Each query compiles to a closure over a ``_PostIndex`` (the post's folded tokens by
position, built once per post). A prefilter keeps the cost growing with the text rather
than with the number of queries: every query gets a set of *trigger* keys, at least one
of which any matching post must contain (a word, ``#tag``, ``@name`` or a wildcard
prefix). A post looks up its own keys in the trigger index and only the queries found
there, plus the few that cannot be triggered (``NOT x`` alone, field-only queries), are
evaluated. Matching is by token, and the post is tokenized anyway, so the trigger index
is a dict lookup per distinct word; an Aho-Corasick automaton (pyahocorasick) over the
folded words was measured just as fast end to end (``docs/queries.md``), so it is not used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from socialroadmap.engine.posts import Post, fold, url_domain
from socialroadmap.engine.query.ast import (
    And,
    Field,
    Hashtag,
    Mention,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    Wildcard,
)
from socialroadmap.engine.query.parser import QueryError, parse
from socialroadmap.engine.scan import Scanned, scan

Span = tuple[int, int]
_BUCKET = 3


class _PostIndex:
    """The folded tokens of one post and its fields, built once per post.

    Positions of a key are only worked out when a phrase or NEAR asks for them.
    """

    __slots__ = ("_domains", "_fields", "_marked", "_prefixes", "_urls", "forms", "keys", "words")

    def __init__(
        self,
        scanned: Scanned,
        *,
        url: str | None = None,
        lang: str | None = None,
        source: str | None = None,
        author: str | None = None,
    ) -> None:
        forms = scanned.forms
        self.forms = forms
        self.words = self.keys = set(forms)
        self._marked: dict[str, list[int]] = {}
        if scanned.marked:
            self.keys = set(forms)
            for key, position in scanned.marked:
                self.keys.add(key)
                self._marked.setdefault(key, []).append(position)
        self._prefixes: dict[int, set[str]] | None = None
        self._urls = [*scanned.urls, url] if url else scanned.urls
        self._domains: set[str] | None = None
        # Folded only when a query asks (most queries name no field).
        self._fields = (lang, source, author)

    @classmethod
    def of_post(cls, post: Post) -> _PostIndex:
        return cls(
            scan(post.text), url=post.url, lang=post.lang, source=post.source, author=post.author
        )

    @property
    def lang(self) -> str | None:
        lang = self._fields[0]
        return fold(lang) if lang else None

    @property
    def source(self) -> str | None:
        source = self._fields[1]
        return fold(source) if source else None

    @property
    def author(self) -> str | None:
        author = self._fields[2]
        return fold(author).lstrip("@") if author else None

    @property
    def domains(self) -> set[str]:
        """The hosts of the post's links (and of its own URL), worked out when asked."""
        if self._domains is None:
            found = (url_domain(u) for u in self._urls)
            self._domains = {d for d in found if d}
        return self._domains

    def positions(self, key: str) -> list[int]:
        """Where a key occurs (a folded word, ``#tag`` or ``@name``)."""
        if key[0] in "#@" and key in self._marked:
            return self._marked[key]
        return [i for i, form in enumerate(self.forms) if form == key] if key in self.keys else []

    def prefixes(self, length: int) -> set[str]:
        """The first ``length`` characters of every word at least that long."""
        if self._prefixes is None:
            self._prefixes = {}
        found = self._prefixes.get(length)
        if found is None:
            found = {w[:length] for w in self.words if len(w) >= length}
            self._prefixes[length] = found
        return found


Test = Callable[[_PostIndex], bool]
Spans = Callable[[_PostIndex], list[Span]]


def _key(node: Term | Hashtag | Mention) -> str:
    if isinstance(node, Term):
        return node.text
    return ("#" + node.tag) if isinstance(node, Hashtag) else ("@" + node.name)


def _spans(node: Node) -> Spans:
    """Where a NEAR operand occurs: (first, last) token positions."""
    if isinstance(node, Term | Hashtag | Mention):
        key = _key(node)
        return lambda p: [(i, i) for i in p.positions(key)]
    if isinstance(node, Wildcard):
        prefix = node.prefix
        return lambda p: [(i, i) for i, form in enumerate(p.forms) if form.startswith(prefix)]
    if isinstance(node, Phrase):
        words = list(node.words)
        size = len(words)
        return lambda p: [
            (i, i + size - 1) for i in p.positions(words[0]) if p.forms[i : i + size] == words
        ]
    if isinstance(node, Or):
        parts = [_spans(o) for o in node.operands]
        return lambda p: [s for part in parts for s in part(p)]
    if isinstance(node, Near):
        return _near(node)
    raise TypeError(f"not a NEAR operand: {node!r}")


def _near(node: Near) -> Spans:
    left, right = _spans(node.left), _spans(node.right)
    distance, ordered = node.distance, node.ordered

    def spans(p: _PostIndex) -> list[Span]:
        found: list[Span] = []
        rights = right(p)
        if not rights:
            return found
        for a_start, a_end in left(p):
            for b_start, b_end in rights:
                if a_end < b_start:
                    gap = b_start - a_end - 1
                elif not ordered and b_end < a_start:
                    gap = a_start - b_end - 1
                else:
                    continue
                if gap <= distance:
                    found.append((min(a_start, b_start), max(a_end, b_end)))
        return found

    return spans


def _field(node: Field) -> Test:
    value, prefix, name = node.value, node.prefix, node.name
    if name == "site":
        value = value.removeprefix("www.")

        def site(p: _PostIndex) -> bool:
            return any(
                d.startswith(value) if prefix else (d == value or d.endswith("." + value))
                for d in p.domains
            )

        return site

    def attribute(p: _PostIndex) -> bool:
        actual: str | None = getattr(p, name)
        if actual is None:
            return False
        return actual.startswith(value) if prefix else actual == value

    return attribute


def compile_node(node: Node) -> Test:
    """A function telling whether an indexed post matches ``node``."""
    if isinstance(node, Term | Hashtag | Mention):
        key = _key(node)
        return lambda p: key in p.keys
    if isinstance(node, Wildcard):
        prefix = node.prefix
        size = len(prefix)
        return lambda p: prefix in p.prefixes(size)
    if isinstance(node, Phrase | Near):
        spans = _spans(node)
        return lambda p: bool(spans(p))
    if isinstance(node, Field):
        return _field(node)
    if isinstance(node, Not):
        inner = compile_node(node.operand)
        return lambda p: not inner(p)
    if isinstance(node, And):
        tests = [compile_node(o) for o in node.operands]
        return lambda p: all(t(p) for t in tests)
    if isinstance(node, Or):
        tests = [compile_node(o) for o in node.operands]
        return lambda p: any(t(p) for t in tests)
    raise TypeError(f"not a query node: {node!r}")


def triggers(node: Node) -> frozenset[str] | None:
    """Keys of which a matching post must contain one; None when no such set exists.

    Keys are folded words, ``#tag``, ``@name``, and ``prefix*`` for wildcards.
    """
    if isinstance(node, Term | Hashtag | Mention):
        return frozenset({_key(node)})
    if isinstance(node, Wildcard):
        return frozenset({node.prefix + "*"})
    if isinstance(node, Phrase):
        # Every word must be there; the longest is likely the rarest.
        return frozenset({max(node.words, key=len)})
    if isinstance(node, Or):
        union: set[str] = set()
        for operand in node.operands:
            keys = triggers(operand)
            if keys is None:
                return None
            union |= keys
        return frozenset(union)
    if isinstance(node, And | Near):
        operands = node.operands if isinstance(node, And) else (node.left, node.right)
        options = [k for k in map(triggers, operands) if k is not None]
        return min(options, key=_cost) if options else None
    return None  # NOT and fields match posts without any particular word.


def _cost(keys: frozenset[str]) -> tuple[int, int]:
    return (len(keys), -min(len(k) for k in keys))


def matches(query: str | Node, post: Post) -> bool:
    """Whether one query matches one post (no prefilter: the reference behaviour)."""
    node = parse(query) if isinstance(query, str) else query
    return compile_node(node)(_PostIndex.of_post(post))


class Matcher:
    """Many named queries compiled into one matcher; ``match`` names those a post matches.

    Raises QueryError (naming the query) when one does not parse.
    """

    def __init__(self, queries: Iterable[tuple[str, str]]) -> None:
        self.names: list[str] = []
        self._tests: list[Test] = []
        self._exact: dict[str, list[int]] = {}
        self._prefixes: dict[str, list[int]] = {}
        self._always: list[int] = []
        for number, (name, text) in enumerate(queries):
            node = _parse_named(name, text)
            self.names.append(name)
            self._tests.append(compile_node(node))
            keys = triggers(node)
            if keys is None:
                self._always.append(number)
                continue
            for key in keys:
                table = self._prefixes if key.endswith("*") else self._exact
                table.setdefault(key.removesuffix("*"), []).append(number)
        # Wildcards bucketed by their first letters: a word looks in one bucket only.
        self._buckets: dict[str, list[tuple[str, list[int]]]] = {}
        for prefix, numbers in self._prefixes.items():
            self._buckets.setdefault(prefix[:_BUCKET], []).append((prefix, numbers))
        self._short = [key for key in self._buckets if len(key) < _BUCKET]

    def candidates(self, index: _PostIndex) -> list[int]:
        """The numbers of the queries that may match, in query order."""
        found: set[int] = set(self._always)
        exact, buckets = self._exact, self._buckets
        # Set intersection runs in C; the loops only see the keys that hit.
        for key in index.keys & exact.keys():
            found.update(exact[key])
        if buckets:
            for word in index.words:
                for prefix, numbers in buckets.get(word[:_BUCKET], ()):
                    if word.startswith(prefix):
                        found.update(numbers)
            for short in self._short:
                if short in index.prefixes(len(short)):
                    found.update(n for _, numbers in buckets[short] for n in numbers)
        return sorted(found)

    def match(self, post: Post) -> list[str]:
        """The names of the queries ``post`` matches, in the order they were given."""
        return self.match_index(_PostIndex.of_post(post))

    def match_scanned(
        self,
        scanned: Scanned,
        *,
        url: str | None = None,
        lang: str | None = None,
        source: str | None = None,
        author: str | None = None,
    ) -> list[str]:
        """``match`` for a post whose text is already scanned (the pipeline's way)."""
        index = _PostIndex(scanned, url=url, lang=lang, source=source, author=author)
        return self.match_index(index)

    def match_index(self, index: _PostIndex) -> list[str]:
        tests, names = self._tests, self.names
        return [names[i] for i in self.candidates(index) if tests[i](index)]


def _parse_named(name: str, text: str) -> Node:
    try:
        return parse(text)
    except QueryError as error:
        raise QueryError(error.position, error.expected, f"{name}: {error.detail}") from None
