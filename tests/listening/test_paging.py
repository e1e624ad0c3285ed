"""Pages of posts count their total only up to a cap."""

from __future__ import annotations

import pytest

from socialroadmap.listening import paging
from socialroadmap.listening.models import Post
from socialroadmap.listening.paging import CappedPaginator
from socialroadmap.organizations.models import Organization


def add_posts(organization: Organization, count: int) -> None:
    Post.objects.bulk_create(
        Post(
            organization=organization,
            source="x",
            external_id=str(n),
            text=f"post {n}",
            sentiment="neutral",
            sentiment_score=0.0,
        )
        for n in range(count)
    )


def test_the_count_is_exact_below_the_cap(
    org: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    add_posts(org, 7)
    pages = CappedPaginator(Post.objects.for_org(org).order_by("pk"), 3)
    assert pages.count == 7
    assert pages.num_pages == 3


def test_the_count_stops_at_the_cap_and_the_pages_with_it(
    org: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    add_posts(org, 25)
    pages = CappedPaginator(Post.objects.for_org(org).order_by("pk"), 3)
    assert pages.count == 10
    assert pages.num_pages == 4
    assert [p.external_id for p in pages.page(4)] == ["9"]
