import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialroadmap.connectors.base import ImportFileError, Rejected, partition, read_file
from socialroadmap.connectors.values import repair_mojibake
from socialroadmap.engine.posts import Engagement, Post

POSTS = Path(__file__).parent.parent / "fixtures" / "your_posts_1.json"


def read(
    source: Path | io.BytesIO,
    *,
    author: str | None = None,
) -> tuple[list[Post], list[Rejected]]:
    return partition(read_file("facebook", source, author=author))


def test_it_reads_a_status_update_field_by_field() -> None:
    posts, _ = read(POSTS, author="Acme Benelux")

    first = posts[0]
    assert first.text == (
        "Wat een geweldige opkomst bij ons café in Zwolle vandaag! Bedankt allemaal 😊"
    )
    assert first.author == "Acme Benelux"
    assert first.created_at == datetime(2024, 3, 12, 9, 45, tzinfo=UTC)
    assert first.source == "facebook"
    assert first.url is None
    assert first.lang is None
    assert first.engagement == Engagement()
    assert first.raw["title"] == "Acme Benelux heeft zijn status bijgewerkt."


def test_mis_encoded_utf8_is_repaired_everywhere_in_the_post() -> None:
    posts, _ = read(POSTS)

    assert posts[1].text.startswith("Read how we cut delivery emissions by 30% – a short")
    photo = posts[2]
    assert photo.text == (
        "Ons team op de Dutch Design Week – één grote familie! Prijs: € 0,- voor iedereen."
    )
    media = photo.raw["attachments"][0]["data"][0]["media"]
    assert media["title"] == "Tijdlijnfoto's"


def test_repair_leaves_correct_text_alone() -> None:
    assert repair_mojibake("café") == "café"
    assert repair_mojibake("Ã©én 😊") == "Ã©én 😊"
    assert repair_mojibake({"caf\u00c3\u00a9": ["\u00e2\u0082\u00ac 5", 3]}) == {"café": ["€ 5", 3]}


def test_posts_without_text_or_time_are_rejected_with_their_lines() -> None:
    posts, rejected = read(POSTS)

    assert len(posts) == 3
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (67, "missing field 'text'"),
        (93, "missing field 'timestamp'"),
    ]


def test_ids_are_the_same_on_every_read_and_differ_per_post() -> None:
    first, _ = read(POSTS)
    again, _ = read(io.BytesIO(POSTS.read_bytes()))

    assert [p.id for p in first] == [p.id for p in again]
    assert len({p.id for p in first}) == 3


def test_a_file_that_is_not_a_list_of_posts_is_refused() -> None:
    with pytest.raises(ImportFileError, match="expected a JSON list"):
        read(io.BytesIO(b'{"status_updates_v2": {}}'))
