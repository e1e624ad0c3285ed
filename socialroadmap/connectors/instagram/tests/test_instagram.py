import io
from datetime import UTC, datetime
from pathlib import Path

from socialroadmap.connectors.base import Rejected, partition, read_file
from socialroadmap.engine.posts import Engagement, Post

POSTS = Path(__file__).parent.parent / "fixtures" / "content" / "posts_1.json"


def read(
    source: Path | io.BytesIO,
    *,
    author: str | None = None,
) -> tuple[list[Post], list[Rejected]]:
    return partition(read_file("instagram", source, author=author))


def test_it_reads_a_single_photo_field_by_field() -> None:
    posts, _ = read(POSTS, author="acme.benelux")

    first = posts[0]
    assert first.text == (
        "Vers van de pers: onze voorjaarscollectie 🌷 Nu in de winkel in Utrecht. #nieuw #utrecht"
    )
    assert first.author == "acme.benelux"
    assert first.created_at == datetime(2024, 3, 11, 9, 40, tzinfo=UTC)
    assert first.source == "instagram"
    assert first.url is None
    assert first.lang is None
    assert first.engagement == Engagement()
    assert first.raw["media"][0]["cross_post_source"] == {"source_app": "FB"}


def test_a_carousel_takes_its_caption_from_the_post_and_is_repaired() -> None:
    posts, _ = read(POSTS)

    assert posts[1].text == "Behind the scenes at our photo shoot – café edition ☕"
    assert posts[1].created_at == datetime(2024, 3, 13, 3, 20, tzinfo=UTC)


def test_posts_without_caption_or_media_are_rejected_with_their_lines() -> None:
    posts, rejected = read(POSTS)

    assert len(posts) == 2
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (47, "field 'text' is empty"),
        (59, "missing field 'media'"),
    ]


def test_ids_are_the_same_on_every_read_and_differ_per_post() -> None:
    first, _ = read(POSTS)
    again, _ = read(POSTS)

    assert [p.id for p in first] == [p.id for p in again]
    assert first[0].id != first[1].id
