from datetime import UTC, datetime

import pytest

from socialroadmap.engine.posts import (
    Engagement,
    Post,
    collapse_elongations,
    domains,
    fold,
    hashtag_words,
    hashtags,
    mentions,
    tokenize,
)


def test_from_mapping_reads_every_field() -> None:
    post = Post.from_mapping(
        {
            "id": "1",
            "text": "Lekker",
            "author": "jan",
            "created_at": "2025-03-01T08:00:00Z",
            "source": "twitter",
            "url": "https://x.com/jan/1",
            "lang": "nl",
            "engagement": {"likes": 3, "reach": 100},
        }
    )
    assert post.created_at == datetime(2025, 3, 1, 8, tzinfo=UTC)
    assert post.engagement == Engagement(likes=3, reach=100)
    assert post.raw["id"] == "1"


def test_from_mapping_accepts_top_level_engagement() -> None:
    post = Post.from_mapping({"id": "1", "text": "x", "likes": 2, "shares": 1})
    assert post.engagement == Engagement(likes=2, shares=1)


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"text": "x"}, "id"),
        ({"id": 1, "text": "x"}, "id"),
        ({"id": "1"}, "text"),
        ({"id": "1", "text": None}, "text"),
    ],
)
def test_from_mapping_names_the_invalid_field(obj: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=f"'{field}'"):
        Post.from_mapping(obj)


def test_optional_fields_of_the_wrong_type_read_as_missing() -> None:
    post = Post.from_mapping(
        {
            "id": "1",
            "text": "x",
            "author": 3,
            "created_at": "yesterday",
            "lang": "",
            "engagement": {"likes": -1, "shares": True, "replies": "4", "reach": 2.5},
        }
    )
    assert (post.author, post.created_at, post.lang) == (None, None, None)
    assert post.engagement == Engagement(replies=4)


def test_post_is_frozen() -> None:
    post = Post(id="1", text="x")
    with pytest.raises(AttributeError):
        post.text = "y"  # type: ignore[misc]


def test_fold_removes_case_accents_and_elongations() -> None:
    assert fold("Café") == "cafe"
    assert fold("CRÈME") == "creme"
    assert fold("goooood") == "good"
    assert fold("Ærø") == "aero"
    assert collapse_elongations("1000 zzzz") == "1000 zz"


def test_tokens_know_their_kind_and_folded_form() -> None:
    text = "Caffè &amp; #KoffieMetMelk bij @Mertens_Koffie ☕👍🏽 https://www.HLN.be/a."
    tokens = tokenize(text)
    assert [(t.kind, t.folded) for t in tokens] == [
        ("word", "caffe"),
        ("hashtag", "koffiemetmelk"),
        ("word", "bij"),
        ("mention", "mertens_koffie"),
        ("emoji", "☕"),
        ("emoji", "👍🏽"),
        ("url", "https://www.hln.be/a"),
    ]


def test_email_address_is_not_a_mention() -> None:
    assert mentions("mail jan@mertens.be of @info") == ["info"]


def test_nfkc_folds_full_width_letters() -> None:
    assert [t.folded for t in tokenize("\uff2d\uff25\uff32\uff34\uff25\uff2e\uff33")] == ["mertens"]


def test_camel_case_hashtags_split_into_words() -> None:
    assert hashtag_words("#KoffieMetMelk") == ["koffie", "met", "melk"]
    assert hashtag_words("#koffie_met_melk") == ["koffie", "met", "melk"]
    assert hashtags("Top! #KoffieMetMelk #Café") == ["koffiemetmelk", "cafe"]


def test_domains_drop_www_and_case() -> None:
    assert domains("zie https://www.Nieuwsblad.be/x en www.hln.be.") == ["nieuwsblad.be", "hln.be"]
