import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialroadmap.connectors.base import ImportFileError, Rejected, partition, read_file
from socialroadmap.engine.posts import Engagement, Post

SHARES = Path(__file__).parent.parent / "fixtures" / "Shares.csv"


def read(
    source: Path | io.BytesIO,
    *,
    author: str | None = None,
) -> tuple[list[Post], list[Rejected]]:
    return partition(read_file("linkedin", source, author=author))


def test_it_reads_a_share_field_by_field() -> None:
    posts, _ = read(SHARES, author="Acme Benelux")

    first = posts[0]
    assert first.id == "urn:li:share:7173001234567890123"
    assert first.author == "Acme Benelux"
    assert first.created_at == datetime(2024, 3, 12, 9, 15, 42, tzinfo=UTC)
    assert first.source == "linkedin"
    assert first.url == (
        "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7173001234567890123"
    )
    assert first.lang is None
    assert first.engagement == Engagement()
    assert first.raw["SharedUrl"] == "https://www.acme.nl/nieuws/whatsapp"


def test_multi_line_commentary_keeps_its_line_breaks_and_quotes() -> None:
    posts, _ = read(SHARES)

    assert posts[0].text == (
        "Trots op ons team! 🎉\n\n"
        'Vandaag lanceren we onze klantenservice via WhatsApp. Wat we "onderweg" hebben '
        "geleerd, lees je in de blog.\n\n"
        "#klantenservice #socialmedia"
    )
    assert posts[1].id == "urn:li:ugcPost:7168887776665554443"


def test_bare_reposts_and_bad_dates_are_rejected_with_the_line_they_start_on() -> None:
    posts, rejected = read(SHARES)

    assert len(posts) == 3
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (8, "field 'text' is empty"),
        (9, "field 'created_at'"),
    ]


def test_a_share_without_link_gets_the_same_hashed_id_on_every_read() -> None:
    first, _ = read(SHARES)
    again, _ = read(SHARES)

    assert first[2].text.startswith("Fijne feestdagen en een gezond 2024 gewenst!\nHappy")
    assert first[2].url is None
    assert len(first[2].id) == 32
    assert [p.id for p in first] == [p.id for p in again]


def test_a_byte_order_mark_before_the_header_is_dropped() -> None:
    data = io.BytesIO(b"\xef\xbb\xbf" + SHARES.read_bytes())

    posts, _ = read(data)

    assert len(posts) == 3


def test_a_csv_that_is_not_a_shares_export_is_refused() -> None:
    data = io.BytesIO(b"Date,Message\n2024-03-12,Hallo\n")

    with pytest.raises(ImportFileError, match=r"not a LinkedIn Shares\.csv: no column ShareLink"):
        read(data)
