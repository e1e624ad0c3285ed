"""The registry of file formats and ``read_file``, the same for every format."""

import io
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import socialroadmap.connectors
from socialroadmap.connectors import FILE_FORMATS, read_file
from socialroadmap.connectors.base import Rejected
from socialroadmap.connectors.values import parse_count, parse_datetime
from socialroadmap.engine.posts import Post

CONNECTORS = Path(socialroadmap.connectors.__file__).parent
# Each format with a fixture export and the network its posts come from (None: the file
# says per post).
FIXTURES = [
    ("ndjson", "ndjson/fixtures/posts.ndjson", None),
    ("csv", "csv/fixtures/monitoring_export_nl.csv", None),
    ("x-archive", "x_archive/fixtures/data/tweets.js", "x"),
    ("facebook", "facebook/fixtures/your_posts_1.json", "facebook"),
    ("instagram", "instagram/fixtures/content/posts_1.json", "instagram"),
    ("linkedin", "linkedin/fixtures/Shares.csv", "linkedin"),
]


def test_the_registry_holds_the_command_line_names() -> None:
    assert list(FILE_FORMATS) == ["ndjson", "csv", "x-archive", "facebook", "instagram", "linkedin"]
    assert all(FILE_FORMATS[name].name == name for name in FILE_FORMATS)
    assert [n for n, f in FILE_FORMATS.items() if f.takes_mapping] == ["ndjson", "csv"]


@pytest.mark.parametrize(("format", "fixture", "network"), FIXTURES)
def test_every_format_reads_posts_and_rejects_broken_rows(
    format: str, fixture: str, network: str | None
) -> None:
    items = list(read_file(format, CONNECTORS / fixture))
    posts = [i for i in items if isinstance(i, Post)]
    rejected = [i for i in items if isinstance(i, Rejected)]

    assert len(posts) >= 2
    assert all(p.id and p.text.strip() for p in posts)
    assert all(p.created_at is not None and p.created_at.utcoffset() is not None for p in posts)
    if network is not None:
        assert {p.source for p in posts} == {network}
    assert rejected
    assert all(r.line > 1 and ("field" in r.reason or "JSON" in r.reason) for r in rejected)


@pytest.mark.parametrize(("format", "fixture", "network"), FIXTURES)
def test_every_format_gives_the_same_ids_on_a_second_read_from_a_stream(
    format: str, fixture: str, network: str | None
) -> None:
    path = CONNECTORS / fixture
    from_path = [i for i in read_file(format, path) if isinstance(i, Post)]
    from_stream = list(read_file(format, io.BytesIO(path.read_bytes())))

    assert [p.id for p in from_path] == [p.id for p in from_stream if isinstance(p, Post)]
    assert len({p.id for p in from_path}) == len(from_path)


def test_an_unknown_format_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown file format 'xlsx'; known formats: ndjson, csv"):
        read_file("xlsx", "posts.xlsx")


def test_formats_with_a_fixed_shape_take_no_mapping() -> None:
    with pytest.raises(ValueError, match="the x-archive format has a fixed shape"):
        read_file("x-archive", "tweets.js", mapping={"id": "id_str", "text": "full_text"})


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            {"id": "id", "text": "text", "titel": "title"},
            r"unknown post field\(s\) in mapping: titel",
        ),
        ({"text": "Bericht"}, "must name the column or path of id .*id: null"),
        ({"id": "id"}, "must name the column or path of text"),
        ({"id": 3, "text": "Bericht"}, "mapping for 'id' must be a column name"),
    ],
)
def test_a_mapping_is_checked_when_read_file_is_called(
    mapping: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        read_file("csv", "/not/read/yet.csv", mapping=mapping)  # type: ignore[arg-type]


def test_a_missing_file_fails_when_reading_starts() -> None:
    reader = read_file("csv", "/does/not/exist.csv")

    with pytest.raises(FileNotFoundError):
        next(reader)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-12T09:15:00+01:00", datetime(2024, 3, 12, 8, 15, tzinfo=UTC)),
        ("2024-03-12T09:15:00.000Z", datetime(2024, 3, 12, 9, 15, tzinfo=UTC)),
        ("2024-03-12 09:15", datetime(2024, 3, 12, 9, 15, tzinfo=UTC)),
        ("12-03-2024 09:15:42", datetime(2024, 3, 12, 9, 15, 42, tzinfo=UTC)),
        ("12-03-2024", datetime(2024, 3, 12, tzinfo=UTC)),
        ("Tue, 12 Mar 2024 10:15:00 +0100", datetime(2024, 3, 12, 9, 15, tzinfo=UTC)),
        (1710234900, datetime(2024, 3, 12, 9, 15, tzinfo=UTC)),
        ("1710234900000", datetime(2024, 3, 12, 9, 15, tzinfo=UTC)),
        ("", None),
    ],
)
def test_dates_in_the_forms_exports_write_are_read_timezone_aware(
    value: object, expected: datetime | None
) -> None:
    parsed = parse_datetime(value, "created_at")

    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


def test_a_time_keeps_the_zone_it_was_written_in() -> None:
    parsed = parse_datetime("2024-03-12T09:15:00+01:00", "created_at")

    assert parsed is not None and parsed.utcoffset() == timezone(timedelta(hours=1)).utcoffset(None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("42", 42), ("1.234", 1234), ("12,345", 12345), ("1 234 567", 1234567), (3.0, 3), ("", None)],
)
def test_counts_are_read_with_thousands_separators(value: object, expected: int | None) -> None:
    assert parse_count(value, "likes") == expected


@pytest.mark.parametrize("value", ["veel", "1.5", "-3", True, "12,34"])
def test_a_count_that_is_not_a_whole_number_names_its_field(value: object) -> None:
    with pytest.raises(ValueError, match="field 'reach'"):
        parse_count(value, "reach")


def test_importing_the_file_connectors_never_imports_django() -> None:
    code = (
        "import sys, socialroadmap.connectors\n"
        "banned = {'django', 'rest_framework', 'celery'}\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in banned)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == ""
