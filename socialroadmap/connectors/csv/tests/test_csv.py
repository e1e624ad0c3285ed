import io
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from socialroadmap.connectors.base import ImportFileError, Rejected, partition, read_file
from socialroadmap.connectors.csv.mapping import fold_header, resolve_columns
from socialroadmap.engine.posts import Engagement, Post

FIXTURES = Path(__file__).parent.parent / "fixtures"


def read(
    source: Path | io.BytesIO,
    *,
    mapping: Mapping[str, str | None] | None = None,
    author: str | None = None,
) -> tuple[list[Post], list[Rejected]]:
    return partition(read_file("csv", source, mapping, author=author))


def test_it_reads_a_comma_separated_file_field_by_field() -> None:
    posts, _ = read(FIXTURES / "posts.csv")

    first = posts[0]
    assert first.id == "1766012345678901234"
    assert first.text.startswith(
        "Nieuwe openingstijden in Utrecht: maandag t/m zaterdag tot 21:00,"
    )
    assert first.author == "bakkerij_devries"
    assert first.created_at == datetime(2024, 3, 11, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    assert first.source == "x"
    assert first.url == "https://x.com/bakkerij_devries/status/1766012345678901234"
    assert first.lang == "nl"
    assert first.engagement == Engagement(likes=42, shares=7, replies=3, reach=5120)
    assert first.raw["author"] == "bakkerij_devries"


def test_quoted_cells_grouped_counts_and_times_without_zone() -> None:
    posts, _ = read(FIXTURES / "posts.csv")

    assert posts[1].created_at == datetime(2024, 3, 11, 10, 2, 13, tzinfo=UTC)
    assert posts[1].engagement.reach is None
    assert '"Binnen 24 uur antwoord", zeggen ze' in posts[2].text
    assert posts[2].engagement == Engagement(likes=1204, shares=None, replies=31, reach=None)


def test_it_rejects_broken_rows_with_their_line_numbers_and_reads_the_rest() -> None:
    posts, rejected = read(FIXTURES / "posts.csv")

    assert len(posts) == 3
    assert rejected == [
        Rejected(5, "field 'likes': not a whole number of zero or more: 'lots'"),
        Rejected(6, "row has 13 columns, the header has 11"),
        Rejected(7, "field 'text' is empty"),
        Rejected(8, "missing field 'id': column 'id' is empty"),
    ]


def test_a_dutch_excel_file_with_semicolons_and_a_bom_is_read_by_its_dutch_headers() -> None:
    posts, _ = read(FIXTURES / "monitoring_export_nl.csv")

    first = posts[0]
    assert first.text == "Top service bij Acme in Den Bosch, binnen een dag geleverd!"
    assert first.author == "Marieke Jansen"
    assert first.created_at == datetime(2024, 3, 12, 9, 15, tzinfo=UTC)  # day first
    assert first.source == "facebook"
    assert first.url == "https://www.facebook.com/acmebenelux/posts/pfbid0abc"
    assert first.lang == "nl"
    assert first.engagement == Engagement(likes=15, shares=2, replies=4, reach=1250)
    assert "Datum" in first.raw
    assert posts[1].text.endswith("'tomorrow' again.\nThird time this week.")
    assert posts[1].engagement.reach == 12500


def test_rows_after_a_multi_line_cell_keep_their_file_line_numbers() -> None:
    _, rejected = read(FIXTURES / "monitoring_export_nl.csv")

    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (6, "field 'created_at'"),
        (7, "field 'text' is empty"),
        (8, "field 'likes'"),
    ]


def test_a_file_without_ids_gets_the_same_hashed_ids_on_every_read() -> None:
    first, _ = read(FIXTURES / "monitoring_export_nl.csv")
    again, _ = read(FIXTURES / "monitoring_export_nl.csv")

    assert [p.id for p in first] == [p.id for p in again]
    assert len({p.id for p in first}) == 3


def test_rows_saved_as_windows_1252_by_excel_are_read() -> None:
    posts, rejected = read(FIXTURES / "excel_ansi.csv")

    assert rejected == []
    assert posts[0].text == "Koffie voor € 2,50 in ons café – alleen vandaag!"
    assert posts[0].created_at == datetime(2024, 4, 1, 10, 0, tzinfo=UTC)
    assert posts[1].created_at == datetime(2024, 4, 2, tzinfo=UTC)


def test_a_mapping_names_the_columns_loosely() -> None:
    mapping = {"id": None, "text": "bericht", "created_at": "DATUM", "likes": "vind ik leuks"}

    posts, _ = read(FIXTURES / "monitoring_export_nl.csv", mapping=mapping)

    assert posts[0].text.startswith("Top service bij Acme")
    assert posts[0].engagement == Engagement(likes=15)
    assert posts[0].author is None  # not mapped, so not read


def test_a_mapped_column_missing_from_the_header_fails_the_file() -> None:
    reader = read_file("csv", FIXTURES / "posts.csv", mapping={"id": "id", "text": "tekst"})

    with pytest.raises(ImportFileError, match="column 'tekst' \\(mapped to text\\) is not in"):
        next(reader)


def test_a_file_without_a_text_column_needs_a_mapping() -> None:
    data = io.BytesIO(b"nummer,omschrijving\n1,iets\n")

    with pytest.raises(ImportFileError, match="no text column in the header"):
        read(data)


def test_tabs_are_sniffed_and_trailing_empty_cells_are_tolerated() -> None:
    data = io.BytesIO(b"id\ttext\tlikes\n1\thallo, wereld\t3\t\t\n2\tkort\n")

    posts, rejected = read(data)

    assert rejected == []
    assert [(p.id, p.text, p.engagement.likes) for p in posts] == [
        ("1", "hallo, wereld", 3),
        ("2", "kort", None),
    ]


def test_default_columns_come_from_english_and_dutch_header_names() -> None:
    header = ["Tweet ID", "Tekst", "Gebruikersnaam", "Publicatiedatum", "Retweets", "Weergaven"]

    assert resolve_columns(header, None) == {
        "id": "Tweet ID",
        "text": "Tekst",
        "author": "Gebruikersnaam",
        "created_at": "Publicatiedatum",
        "shares": "Retweets",
        "reach": "Weergaven",
    }
    assert fold_header(" Vind-ik-leuks ") == "vind_ik_leuks"
