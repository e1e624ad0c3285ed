import pytest

from socialroadmap.engine.posts import Post
from socialroadmap.engine.query import Matcher, QueryError, matches, parse, triggers


def post(text: str, **fields: str) -> Post:
    return Post(id="1", text=text, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("cafe", "Lekker in het Café", True),
        ("CAFÉ", "lekker in het cafe", True),
        ("goed", "Gooooed gedaan", False),  # elongation keeps two letters: "gooed"
        ("good", "soooo goooood", True),
        ("mertens", "Top koffie van #Mertens", True),
        ("mertens", "Top koffie van @Mertens", True),
        ("#mertens", "Top koffie van #Mertens", True),
        ("#mertens", "Top koffie van Mertens", False),
        ("#mertens", "Top koffie van @mertens", False),
        ("@mertens", "Top koffie van @Mertens", True),
        ("@mertens", "Top koffie van Mertens of #mertens", False),
        ("#koffiemetmelk", "#KoffieMetMelk", True),
        ('"koffie met melk"', "Een Koffie met melk graag", True),
        ('"koffie met melk"', "melk met koffie", False),
        ("colruyt*", "Colruytgroep en Colruyt", True),
        ("colruyt*", "#ColruytLaagstePrijzen", True),
        ("colruyt*", "Delhaize", False),
        ("c*", "Delhaize Colruyt", True),
        ("co*", "Delhaize Colruyt", True),
        ("colruytgroep*", "Delhaize Colruyt", False),
        ("d*", "#Delhaize", True),
        ("koffie AND NOT lavazza", "koffie van Mertens", True),
        ("koffie AND NOT lavazza", "koffie van Lavazza", False),
        ("NOT lavazza", "thee", True),
        ("☕", "Goeiemorgen ☕", True),
    ],
)
def test_terms_hashtags_mentions_phrases_and_wildcards(
    query: str, text: str, expected: bool
) -> None:
    assert matches(query, post(text)) is expected


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("mertens NEAR/2 koffie", "mertens maakt goede koffie", True),
        ("mertens NEAR/1 koffie", "mertens maakt goede koffie", False),
        ("mertens NEAR/2 koffie", "koffie van bij mertens", True),
        ("mertens NEAR/2f koffie", "koffie van bij mertens", False),
        ("mertens NEAR/2f koffie", "mertens zijn koffie", True),
        ("mertens NEAR/0f koffie", "mertens koffie", True),
        ("koffie NEAR/1 koffie", "koffie", False),
        ('"mertens koffie" NEAR/1 lekker', "lekker hoor mertens koffie", True),
        ("(mertens OR lavazza) NEAR/1 koffie", "lavazza koffie", True),
        ("mertens NEAR/1 koffie NEAR/1 lekker", "mertens koffie is lekker", True),
        ("mertens NEAR/1 koffie NEAR/0 lekker", "lekker mertens zijn koffie", True),
        # A URL is not a word: three words separate these two.
        ("mertens NEAR/3 koffie", "mertens https://x.be/p a b c koffie", True),
        ("mertens NEAR/2 koffie", "mertens https://x.be/p a b c koffie", False),
    ],
)
def test_near_counts_words_between_in_any_order_or_in_order(
    query: str, text: str, expected: bool
) -> None:
    assert matches(query, post(text)) is expected


@pytest.mark.parametrize(
    ("query", "fields", "expected"),
    [
        ("lang:nl", {"lang": "nl"}, True),
        ("lang:NL", {"lang": "nl"}, True),
        ("lang:nl", {"lang": "en"}, False),
        ("lang:nl", {}, False),
        ("source:twitter", {"source": "Twitter"}, True),
        ("author:jan", {"author": "@Jan"}, True),
        ("author:ja*", {"author": "jan"}, True),
        ('author:"jan peeters"', {"author": "Jan Peeters"}, True),
        ("site:hln.be", {"url": "https://www.hln.be/x"}, True),
        ("site:hln.be", {"url": "https://nieuws.hln.be/x"}, True),
        ("site:hln.be", {"url": "https://nothln.be/x"}, False),
        ("site:hln.be", {}, False),
    ],
)
def test_fields_match_post_attributes(query: str, fields: dict[str, str], expected: bool) -> None:
    assert matches(query, post("koffie", **fields)) is expected


def test_site_matches_urls_in_the_text() -> None:
    assert matches("site:standaard.be", post("lees www.standaard.be/artikel."))


def test_matcher_returns_names_in_the_order_given() -> None:
    matcher = Matcher(
        [
            ("sector", "koffie OR thee"),
            ("not lavazza", "NOT lavazza"),
            ("flemish", "lang:nl"),
            ("mertens", "mertens*"),
            ("rival", "lavazza"),
        ]
    )
    assert matcher.match(post("Mertenskoffie is top, beter dan thee", lang="nl")) == [
        "sector",
        "not lavazza",
        "flemish",
        "mertens",
    ]
    assert matcher.match(post("Lavazza", lang="en")) == ["rival"]


def test_matcher_names_the_query_that_does_not_parse() -> None:
    with pytest.raises(QueryError, match="rival") as caught:
        Matcher([("ok", "mertens"), ("rival", "lavazza AND")])
    assert caught.value.position == 11


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("mertens", {"mertens"}),
        ("#mertens OR @mertens", {"#mertens", "@mertens"}),
        ("mert*", {"mert*"}),
        ('"koffie van mertens"', {"mertens"}),
        ("lang:nl AND mertens", {"mertens"}),
        ("mertens AND NOT lavazza", {"mertens"}),
        ("a NEAR/2 (b OR c)", {"a"}),
        ("NOT mertens", None),
        ("lang:nl", None),
        ("mertens OR lang:nl", None),
    ],
)
def test_triggers_are_keys_every_match_contains(query: str, keys: set[str] | None) -> None:
    assert triggers(parse(query)) == (frozenset(keys) if keys is not None else None)
