import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialroadmap.connectors.base import ImportFileError, Rejected, partition, read_file
from socialroadmap.engine.posts import Engagement, Post

TWEETS = Path(__file__).parent.parent / "fixtures" / "data" / "tweets.js"


def read(
    source: Path | io.BytesIO,
    *,
    author: str | None = None,
) -> tuple[list[Post], list[Rejected]]:
    return partition(read_file("x-archive", source, author=author))


def test_it_reads_a_tweet_field_by_field_with_the_owner_from_account_js() -> None:
    posts, _ = read(TWEETS)

    first = posts[0]
    assert first.id == "1712345678901234567"
    assert first.text == (
        "Vanaf vandaag verpakken we al onze bestellingen in gerecycled karton #duurzaamheid "
        "https://www.acme.nl/blog/duurzame-verpakking"
    )
    assert first.author == "AcmeBenelux"
    assert first.created_at == datetime(2023, 10, 12, 8, 2, 13, tzinfo=UTC)
    assert first.source == "x"
    assert first.url == "https://x.com/AcmeBenelux/status/1712345678901234567"
    assert first.lang == "nl"
    assert first.engagement == Engagement(likes=18, shares=4)
    assert first.raw["source"].startswith("<a href=")


def test_entities_are_decoded_and_tweets_without_language_have_none() -> None:
    posts, _ = read(TWEETS)

    assert "your order number & postcode?" in posts[1].text
    assert posts[1].lang == "en"
    assert posts[2].lang is None  # "zxx": a photo only
    assert posts[3].text.endswith("tot volgend jaar 👋")
    assert posts[3].engagement == Engagement(likes=1203, shares=311)


def test_broken_tweets_are_rejected_with_the_line_their_record_starts_on() -> None:
    posts, rejected = read(TWEETS)
    lines = TWEETS.read_text(encoding="utf-8").splitlines()

    assert len(posts) == 4
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (148, "missing field 'full_text'"),
        (168, "field 'created_at'"),
    ]
    assert all(lines[r.line - 1] == "  {" for r in rejected)


def test_an_author_given_by_the_caller_names_the_owner() -> None:
    posts, _ = read(TWEETS, author="@acme_nl")

    assert posts[0].author == "acme_nl"
    assert posts[0].url == "https://x.com/acme_nl/status/1712345678901234567"


def test_a_stream_without_account_js_has_no_author() -> None:
    posts, _ = read(io.BytesIO(TWEETS.read_bytes()))

    assert posts[0].author is None
    assert posts[0].url == "https://x.com/i/web/status/1712345678901234567"


def test_plain_json_without_the_window_assignment_is_read_too() -> None:
    data = b'[{"tweet": {"id_str": "1", "full_text": "hallo", "created_at": null}}]'

    posts, _ = read(io.BytesIO(data))

    assert [(p.id, p.text, p.created_at) for p in posts] == [("1", "hallo", None)]


def test_a_truncated_archive_fails_the_whole_file() -> None:
    data = TWEETS.read_bytes()[:2000]

    with pytest.raises(ImportFileError, match="invalid JSON at line"):
        read(io.BytesIO(data))
