import io
import itertools
import json
from collections.abc import Generator, Mapping
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from socialroadmap.connectors.base import Rejected, partition, read_file
from socialroadmap.connectors.ndjson.mapping import lookup
from socialroadmap.engine.posts import Engagement, Post

FIXTURES = Path(__file__).parent.parent / "fixtures"
LISTENING_MAPPING = {
    "id": "guid",
    "text": "content.body",
    "author": "user.handle",
    "created_at": "published",
    "source": "network",
    "url": "link",
    "lang": "language",
    "likes": "metrics.likes",
    "shares": "metrics.reposts",
    "replies": "metrics.comments",
    "reach": "metrics.impressions",
}


def read(
    path: Path,
    *,
    mapping: Mapping[str, str | None] | None = None,
    author: str | None = None,
) -> tuple[list[Post], list[Rejected]]:
    return partition(read_file("ndjson", path, mapping, author=author))


def test_it_reads_posts_in_the_post_record_shape_field_by_field() -> None:
    posts, _ = read(FIXTURES / "posts.ndjson")

    first = posts[0]
    assert first.id == "1766012345678901234"
    assert first.text.startswith("Nieuwe openingstijden van onze winkel in Utrecht")
    assert first.author == "bakkerij_devries"
    assert first.created_at == datetime(2024, 3, 11, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    assert first.source == "x"
    assert first.url == "https://x.com/bakkerij_devries/status/1766012345678901234"
    assert first.lang == "nl"
    assert first.engagement == Engagement(likes=42, shares=7, replies=3, reach=5120)
    assert first.raw["engagement"]["reach"] == 5120


def test_counts_may_sit_at_the_top_level_and_z_means_utc() -> None:
    posts, _ = read(FIXTURES / "posts.ndjson")

    mastodon = posts[1]
    assert mastodon.engagement == Engagement(likes=12, shares=4, replies=2, reach=None)
    assert mastodon.created_at == datetime(2024, 3, 11, 10, 2, 13, tzinfo=UTC)
    assert mastodon.text.endswith("📦")


def test_numeric_ids_are_read_as_strings() -> None:
    posts, _ = read(FIXTURES / "posts.ndjson")

    assert [p.id for p in posts] == [
        "1766012345678901234",
        "111234567890123456",
        "t3_1b9xk2p",
        "98765",
    ]


def test_it_rejects_broken_lines_with_their_numbers_and_reads_the_rest() -> None:
    posts, rejected = read(FIXTURES / "posts.ndjson")

    assert len(posts) == 4
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (5, "invalid JSON at column 39"),
        (6, "missing field 'text'"),
        (7, "field 'created_at'"),
        (9, "expected a JSON object, got list"),
        (10, "field 'likes'"),
    ]


def test_invalid_utf8_rejects_only_its_line_and_a_bom_is_dropped() -> None:
    data = b'\xef\xbb\xbf{"id": "1", "text": "caf\xc3\xa9"}\n{"id": "2", "text": "caf\xe9"}\n'

    items = list(read_file("ndjson", io.BytesIO(data)))

    assert isinstance(items[0], Post) and items[0].text == "café"
    assert items[1] == Rejected(2, "invalid UTF-8 at byte 24")


def test_a_text_stream_is_read_like_a_binary_one() -> None:
    items = list(read_file("ndjson", io.StringIO('{"id": "1", "text": "hallo"}\n')))

    assert [(p.id, p.text) for p in items if isinstance(p, Post)] == [("1", "hallo")]


def test_it_maps_json_paths_of_another_tools_export() -> None:
    posts, rejected = read(FIXTURES / "listening_export.ndjson", mapping=LISTENING_MAPPING)

    first = posts[0]
    assert first.id == "bw-20240311-0001"
    assert first.text.startswith("Eindelijk weer terrasweer in Amsterdam-Noord")
    assert first.author == "koffiebar_noord"
    assert first.created_at == datetime(2024, 3, 11, 9, 0, tzinfo=UTC)
    assert first.source == "instagram"
    assert first.url == "https://www.instagram.com/p/C4a1B2c3D4e/"
    assert first.lang == "nl"
    assert first.engagement == Engagement(likes=154, shares=0, replies=12, reach=3890)
    assert rejected == [Rejected(3, "missing field 'text' (nothing at path 'content.body')")]


def test_id_null_in_a_mapping_gives_the_same_hashed_ids_on_every_read() -> None:
    mapping = {**LISTENING_MAPPING, "id": None}

    first, _ = read(FIXTURES / "listening_export.ndjson", mapping=mapping)
    again, _ = read(FIXTURES / "listening_export.ndjson", mapping=mapping)

    assert [p.id for p in first] == [p.id for p in again]
    assert len({p.id for p in first}) == 2
    assert all(len(p.id) == 32 for p in first)


def test_lookup_follows_objects_and_list_indexes_and_finds_flattened_keys() -> None:
    obj = {"media": [{"url": "https://a.example/1.jpg"}], "user.name": "flat", "user": {}}

    assert lookup(obj, "media.0.url") == "https://a.example/1.jpg"
    assert lookup(obj, "user.name") == "flat"
    assert lookup(obj, "media.3.url") is None
    assert lookup(obj, "user.handle.first") is None


def test_a_large_file_is_streamed_a_line_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "large.ndjson"
    with path.open("w", encoding="utf-8") as out:
        for n in range(200_000):
            out.write(json.dumps({"id": str(n), "text": f"bericht {n} over #koffie"}) + "\n")
    size = path.stat().st_size

    with path.open("rb") as stream:
        reader = read_file("ndjson", stream)
        assert isinstance(reader, Generator)
        assert stream.tell() == 0
        head = list(itertools.islice(reader, 3))
        assert [p.id for p in head if isinstance(p, Post)] == ["0", "1", "2"]
        # Only a buffer's worth of a ~9 MB file has been read.
        assert stream.tell() < 100_000 < size
        tail = list(itertools.islice(reader, 199_996, None))
        assert isinstance(tail[-1], Post) and tail[-1].id == "199999"


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            {"id": "guid", "body": "content.body"},
            r"unknown post field\(s\) in mapping: body; post fields are: id, text",
        ),
        ({"text": "content.body"}, "must name the column or path of id"),
        ({"id": "guid"}, "must name the column or path of text"),
        ({"id": "guid", "text": ""}, "mapping for 'text' must be a column name or JSON path"),
        ({"id": "guid", "text": None}, "mapping for 'text' must be a column name"),
    ],
)
def test_it_refuses_an_invalid_mapping_before_reading(
    mapping: dict[str, str | None], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        read_file("ndjson", "/does/not/exist.ndjson", mapping=mapping)
