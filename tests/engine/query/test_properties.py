import random

from hypothesis import given, settings
from hypothesis import strategies as st

from socialroadmap.engine.posts import Post
from socialroadmap.engine.query import Matcher, matches, parse, to_string

from .strategies import make_post, posts, queries, random_queries, restyle, trees

FAST = settings(max_examples=150, deadline=None)


@FAST
@given(trees)
def test_printing_then_parsing_gives_the_same_tree(tree: object) -> None:
    parsed = parse(to_string(tree))  # type: ignore[arg-type]
    assert parse(to_string(parsed)) == parsed


@FAST
@given(queries, queries, posts())
def test_adding_an_or_branch_never_removes_a_match(q: str, r: str, post: Post) -> None:
    matcher = Matcher([("q", q), ("q_or_r", f"({q}) OR ({r})")])
    found = matcher.match(post)
    assert "q" not in found or "q_or_r" in found


@FAST
@given(queries, queries, posts())
def test_and_not_never_adds_a_match(q: str, x: str, post: Post) -> None:
    matcher = Matcher([("q", q), ("q_not_x", f"({q}) AND NOT ({x})")])
    found = matcher.match(post)
    assert "q_not_x" not in found or "q" in found


@FAST
@given(queries, posts(), st.sampled_from([1, 2]))
def test_matching_ignores_case_and_accents(q: str, post: Post, style: int) -> None:
    assert matches(q, post) == matches(q, restyle(post, style))


def test_one_matcher_for_1000_queries_agrees_with_each_query_alone() -> None:
    named = random_queries(1000, seed=4)
    matcher = Matcher(named)
    rng = random.Random(11)  # noqa: S311 - reproducible test data
    trees = [(name, parse(q)) for name, q in named]
    for _ in range(60):
        post = make_post(rng)
        expected = [name for name, tree in trees if matches(tree, post)]
        assert matcher.match(post) == expected, post.text


def test_singleton_matchers_agree_with_the_shared_one() -> None:
    named = random_queries(150, seed=9)
    singles = [Matcher([pair]) for pair in named]
    shared = Matcher(named)
    rng = random.Random(3)  # noqa: S311 - reproducible test data
    for _ in range(40):
        post = make_post(rng)
        assert shared.match(post) == [n for m in singles for n in m.match(post)]
