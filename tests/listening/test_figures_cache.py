"""The dashboards' figures are computed once per version of the organisation's rollups
and computed afresh after every change that shows on a dashboard (listening/figures.py)."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from socialroadmap.engine.posts import Post as EnginePost
from socialroadmap.listening import figures, insights
from socialroadmap.listening.models import ListeningQuery
from socialroadmap.listening.services.imports import refresh_rollups, store_posts
from socialroadmap.listening.services.queries import create_query, delete_query, update_query
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona

BASE = "/api/v1/organizations/acme/listening"


def period() -> insights.Filters:
    """The last week, to the end of the hour: the same filters for a whole test."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    return insights.Filters(since=now - timedelta(days=7), until=now + timedelta(hours=1))


def store(organization: Organization, *texts: str) -> None:
    moment = timezone.now() - timedelta(hours=2)
    posts = [
        EnginePost(id=f"{organization.pk}-{text}", text=text, source="x", created_at=moment)
        for text in texts
    ]
    store_posts(organization, posts)
    refresh_rollups(organization, [moment])


def queries(function, *args) -> tuple[object, int]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        value = function(*args)
    return value, len(captured)


@pytest.fixture
def koffie(owner: Persona) -> ListeningQuery:
    return create_query(
        owner.organization, name="Koffie", query="koffie", kind="brand", actor=owner.user
    )


def test_a_figure_is_read_from_the_cache_until_the_rollups_change(
    owner: Persona, koffie: ListeningQuery
) -> None:
    org, span = owner.organization, period()
    store(org, "Lekkere koffie vandaag", "Koffie was koud")
    first, asked = queries(insights.series, org, "day", span)
    assert sum(row["posts"] for row in first) == 2 and asked > 0
    again, asked = queries(insights.series, org, "day", span)
    assert again == first and asked == 0

    store(org, "Nog een koffie graag")
    after, asked = queries(insights.series, org, "day", span)
    assert sum(row["posts"] for row in after) == 3 and asked > 0
    terms = insights.top_terms(org, span)
    assert {"key": "koffie", "count": 3} in terms["terms"]


def test_each_filter_has_its_own_figures(owner: Persona, koffie: ListeningQuery) -> None:
    org = owner.organization
    store(org, "Lekkere koffie", "Een thee")
    everything = insights.series(org, "day", period())
    of_query = insights.series(org, "day", replace(period(), query=koffie.pk))
    assert sum(row["posts"] for row in everything) == 2
    assert sum(row["posts"] for row in of_query) == 1


def test_changing_a_query_shows_at_once_in_share_of_voice(
    owner: Persona, koffie: ListeningQuery
) -> None:
    org = owner.organization
    store(org, "Lekkere koffie")
    assert [row["name"] for row in insights.share_of_voice(org, period())] == ["Koffie"]
    update_query(koffie, actor=owner.user, name="Koffiebar")
    assert [row["name"] for row in insights.share_of_voice(org, period())] == ["Koffiebar"]
    create_query(org, name="Thee", query="thee", kind="brand", actor=owner.user)
    assert {row["name"] for row in insights.share_of_voice(org, period())} == {
        "Koffiebar",
        "Thee",
    }
    delete_query(koffie, owner.user)
    assert [row["name"] for row in insights.share_of_voice(org, period())] == ["Thee"]


def test_organisations_never_share_figures(owner: Persona, outsider: Persona) -> None:
    store(owner.organization, "Lekkere koffie")
    store(outsider.organization, "Slechte thee", "Nog meer thee", "En koffie")
    mine = insights.series(owner.organization, "day", period())
    theirs = insights.series(outsider.organization, "day", period())
    assert sum(row["posts"] for row in mine) == 1
    assert sum(row["posts"] for row in theirs) == 3
    assert figures.version(owner.organization) != figures.version(outsider.organization)


def test_figures_read_before_a_change_commits_are_not_kept(
    owner: Persona, django_capture_on_commit_callbacks
) -> None:
    org, span = owner.organization, period()
    store(org, "Lekkere koffie")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        figures.changed(org)
        # Another request might compute now, from the rows not yet committed.
        insights.series(org, "day", span)
    _value, asked = queries(insights.series, org, "day", span)
    assert asked > 0


def test_the_api_shares_figures_between_requests_of_the_same_hour(
    member: Persona, koffie: ListeningQuery
) -> None:
    store(member.organization, "Lekkere koffie")
    client = member.api()
    with CaptureQueriesContext(connection) as first:
        response = client.get(f"{BASE}/rollups/share-of-voice/")
    assert response.status_code == 200 and response.json()[0]["posts"] == 1
    with CaptureQueriesContext(connection) as second:
        again = client.get(f"{BASE}/rollups/share-of-voice/")
    assert again.json() == response.json()
    assert len(second) < len(first)


def test_the_dashboard_page_shows_new_posts_after_the_rollups_change(
    member: Persona, koffie: ListeningQuery
) -> None:
    store(member.organization, "Lekkere koffie")
    client = member.client()
    page = client.get("/o/acme/listening/")
    assert page.status_code == 200 and b"Lekkere koffie" in page.content
    store(member.organization, "Verse bonen en koffie")
    page = client.get("/o/acme/listening/")
    assert b"Verse bonen en koffie" in page.content


def test_on_the_embedded_default_the_figures_are_files_every_process_reads(
    owner: Persona, settings, tmp_path, koffie: ListeningQuery
) -> None:
    """Without Redis the server and the command line (an import) share files."""
    from django.core.cache.backends.filebased import FileBasedCache

    settings.CACHES = {
        **settings.CACHES,
        "figures": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    org, span = owner.organization, period()
    store(org, "Lekkere koffie")
    assert sum(row["posts"] for row in insights.series(org, "day", span)) == 1
    _value, asked = queries(insights.series, org, "day", span)
    assert asked == 0 and any(tmp_path.iterdir())
    elsewhere = FileBasedCache(str(tmp_path), {})  # the import command's process
    key = f"listening:version:{org.pk}.{org.created_at.timestamp():.6f}"
    elsewhere.set(key, "renewed-by-an-import", timeout=None)
    _value, asked = queries(insights.series, org, "day", span)
    assert asked > 0


@pytest.mark.celery
def test_on_redis_a_change_made_elsewhere_renews_the_figures(
    owner: Persona, settings, koffie: ListeningQuery
) -> None:
    """Production: the web server's processes and the workers share the figures on Redis;
    a worker's change is seen by the next page of every server process."""
    broker = os.environ.get("SOCIALROADMAP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    url = broker.rpartition("/")[0] + "/13"  # not the broker's database: cleared below
    settings.CACHES = {
        **settings.CACHES,
        "figures": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }
    org = owner.organization
    try:
        store(org, "Lekkere koffie")
        assert sum(row["posts"] for row in insights.series(org, "day", period())) == 1
        from django.core.cache.backends.redis import RedisCache

        elsewhere = RedisCache(url, {})  # another process's connection
        key = f"listening:version:{org.pk}.{org.created_at.timestamp():.6f}"
        elsewhere.set(key, "renewed-by-a-worker", timeout=None)
        _value, asked = queries(insights.series, org, "day", period())
        assert asked > 0
    finally:
        figures.clear()
