import pytest

from socialroadmap.engine.query import (
    And,
    Field,
    Hashtag,
    Mention,
    Near,
    Not,
    Or,
    Phrase,
    QueryError,
    Term,
    Wildcard,
    parse,
    to_string,
)

a, b, c = Term("a"), Term("b"), Term("c")


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("Mertens", Term("mertens")),
        ("Café", Term("cafe")),
        ('"koffie met melk"', Phrase(("koffie", "met", "melk"))),
        ("colruyt*", Wildcard("colruyt")),
        ("#KoffieMetMelk", Hashtag("koffiemetmelk")),
        ("@Mertens_Koffie", Mention("mertens_koffie")),
        ("mertens_koffie", Term("mertens_koffie")),
        ("coca-cola", Phrase(("coca", "cola"))),
        ("a AND b", And((a, b))),
        ("a b", And((a, b))),
        ("a OR b", Or((a, b))),
        ("NOT a", Not(a)),
        ("a AND NOT b", And((a, Not(b)))),
        ("a NOT b", And((a, Not(b)))),
        ("a NEAR/3 b", Near(a, b, 3)),
        ("a NEAR/3f b", Near(a, b, 3, ordered=True)),
        ("(a OR b) NEAR/2 c", Near(Or((a, b)), c, 2)),
        ("lang:NL", Field("lang", "nl")),
        ("source:twitter", Field("source", "twitter")),
        ('author:"Jan Peeters"', Field("author", "jan peeters")),
        ("author:jan*", Field("author", "jan", prefix=True)),
        ("site:hln.be", Field("site", "hln.be")),
        ("a and b", And((a, Term("and"), b))),
    ],
)
def test_it_parses_every_construct(query: str, tree: object) -> None:
    assert parse(query) == tree


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        # OR binds weakest, then AND, then NEAR, then NOT.
        ("a OR b AND c", Or((a, And((b, c))))),
        ("a AND b OR c", Or((And((a, b)), c))),
        ("a b OR c", Or((And((a, b)), c))),
        ("a AND b NEAR/2 c", And((a, Near(b, c, 2)))),
        ("a OR b NEAR/2 c", Or((a, Near(b, c, 2)))),
        ("NOT a OR b", Or((Not(a), b))),
        ("NOT a AND b", And((Not(a), b))),
        ("(a OR b) AND c", And((Or((a, b)), c))),
        ("a NEAR/1 b NEAR/2 c", Near(Near(a, b, 1), c, 2)),
        ("a AND (b AND c)", And((a, b, c))),
        ("NOT NOT a", Not(Not(a))),
    ],
)
def test_precedence_is_not_near_and_or(query: str, tree: object) -> None:
    assert parse(query) == tree


@pytest.mark.parametrize(
    ("query", "position", "expected"),
    [
        ("", 0, "a term"),
        ("   ", 3, "a term"),
        ("a AND", 5, "a term"),
        ("a OR", 4, "a term"),
        ("OR a", 0, "a term"),
        ("NOT", 3, "a term"),
        ("(a OR b", 7, "')'"),
        ("a)", 1, "an operator or the end of the query"),
        ("()", 1, "a term"),
        ('"koffie met', 11, "'\"'"),
        ('""', 0, "a word in the phrase"),
        ("foo:bar", 0, "one of the fields author:, lang:, site:, source:"),
        ("lang:", 5, "a value after lang:"),
        ('author:"jan', 7, "'\"'"),
        ("#", 1, "a hashtag after '#'"),
        ("@ jan", 1, "a mention after '@'"),
        ("co*ee", 2, "'*' only at the end of a term"),
        ("*", 0, "a term"),
        ("a-b*", 0, "one word before '*'"),
        ("!!!", 0, "a term"),
        ("a NEAR b", 2, "NEAR/n or NEAR/nf (n a number)"),
        ("a NEAR/x b", 2, "NEAR/n or NEAR/nf (n a number)"),
        ("a NEAR/2", 8, "a term"),
        ("NOT a NEAR/2 b", 0, "a term, phrase, hashtag, mention or (… OR …) group"),
        ("a NEAR/2 (b AND c)", 9, "a term, phrase, hashtag, mention or (… OR …) group"),
        ("a NEAR/2 lang:nl", 9, "a term, phrase, hashtag, mention or (… OR …) group"),
    ],
)
def test_every_error_has_a_position_and_what_was_expected(
    query: str, position: int, expected: str
) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert (caught.value.position, caught.value.expected) == (position, expected)
    assert str(caught.value).startswith(f"position {position}: expected {expected} (")


def test_query_error_is_a_value_error() -> None:
    assert issubclass(QueryError, ValueError)


@pytest.mark.parametrize(
    "query",
    [
        "a OR b AND c",
        "(a OR b) AND NOT (c OR #d)",
        "NOT (a NEAR/2 b)",
        "a NEAR/2 (b NEAR/3f c)",
        '(a OR "b c") NEAR/4f @d',
        'author:"jan peeters"* AND site:hln.be',
        "NOT (a AND b)",
        "NOT (a OR b) OR c",
    ],
)
def test_printed_queries_parse_back_to_the_same_tree(query: str) -> None:
    tree = parse(query)
    assert parse(to_string(tree)) == tree
