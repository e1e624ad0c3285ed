"""Random queries and posts over a small Flemish coffee vocabulary, for property tests."""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import strategies as st

from socialroadmap.engine.posts import Post
from socialroadmap.engine.query import (
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
    to_string,
)

WORDS = ["mertens", "koffie", "lavazza", "cafe", "melk", "thee", "goed", "slecht", "een"]
LANGS = ["nl", "en"]
SOURCES = ["twitter", "instagram"]
AUTHORS = ["jan", "an"]
SITES = ["hln.be", "nieuws.hln.be", "demorgen.be"]

word = st.sampled_from(WORDS)
positional = st.one_of(
    word.map(Term),
    word.map(Hashtag),
    word.map(Mention),
    st.tuples(word, st.integers(1, 7)).map(lambda t: Wildcard(t[0][: t[1]])),
    st.tuples(word, word).map(Phrase),
)
field = st.one_of(
    st.sampled_from(LANGS).map(lambda v: Field("lang", v)),
    st.sampled_from(SOURCES).map(lambda v: Field("source", v)),
    st.sampled_from(AUTHORS).map(lambda v: Field("author", v)),
    st.sampled_from(["hln.be", "demorgen.be"]).map(lambda v: Field("site", v)),
)
near = st.builds(Near, positional, positional, st.integers(0, 3), st.booleans())


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    pair = st.tuples(children, children)
    return st.one_of(children.map(Not), pair.map(And), pair.map(Or))


trees: st.SearchStrategy[Node] = st.recursive(
    st.one_of(positional, field, near), _extend, max_leaves=6
)
queries = trees.map(to_string)


def _surface(w: str, style: int) -> str:
    if style == 1:
        return w.upper()
    if style == 2:
        return w.replace("e", "é").replace("a", "à").title()
    return w


@st.composite
def posts(draw: st.DrawFn, style: int = 0) -> Post:
    return make_post(draw(st.randoms(use_true_random=False)), style)


def make_post(rng: random.Random, style: int = 0) -> Post:
    parts = []
    for _ in range(rng.randint(0, 12)):
        w = _surface(rng.choice(WORDS), style)
        parts.append(rng.choice(["", "", "", "#", "@"]) + w)
    if rng.random() < 0.3:
        parts.append(f"https://www.{rng.choice(SITES)}/artikel")
    return Post(
        id="p",
        text=" ".join(parts),
        lang=rng.choice([*LANGS, None]),
        source=rng.choice(SOURCES),
        author=rng.choice(AUTHORS),
    )


def restyle(post: Post, style: int) -> Post:
    """The same post with its words in upper case (1) or with accents and capitals (2)."""
    words = [_restyle_word(w, style) for w in post.text.split()]
    return replace(post, text=" ".join(words))


def _restyle_word(w: str, style: int) -> str:
    if w.startswith("http"):
        return w
    if w[0] in "#@":
        return w[0] + _surface(w[1:], style)
    return _surface(w, style)


def random_queries(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` named random queries, reproducible from ``seed``."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    return [(f"q{i}", to_string(_random_tree(rng, 3))) for i in range(count)]


def _random_positional(rng: random.Random) -> Node:
    w = rng.choice(WORDS)
    options: list[Node] = [
        Term(w),
        Hashtag(w),
        Mention(w),
        Wildcard(w[: rng.randint(1, len(w))]),
        Phrase((w, rng.choice(WORDS))),
    ]
    return rng.choice(options)


def _random_tree(rng: random.Random, depth: int) -> Node:
    roll = rng.random()
    if depth == 0 or roll < 0.3:
        return _random_positional(rng)
    if roll < 0.4:
        return rng.choice([Field("lang", "nl"), Field("site", "hln.be"), Field("author", "jan")])
    if roll < 0.5:
        left, right = _random_positional(rng), _random_positional(rng)
        return Near(left, right, rng.randint(0, 3), rng.random() < 0.5)
    if roll < 0.6:
        return Not(_random_tree(rng, depth - 1))
    pair = (_random_tree(rng, depth - 1), _random_tree(rng, depth - 1))
    return And(pair) if roll < 0.8 else Or(pair)
