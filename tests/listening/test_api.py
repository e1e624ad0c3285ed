"""The listening API: queries, preview, the query library, posts, imports and rollups."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from socialroadmap.listening.models import (
    ImportJob,
    ListeningQuery,
    Post,
    PostMatch,
    QuarantinedRow,
    Rollup,
)
from socialroadmap.listening.services.queries import create_query
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona

BASE = "/api/v1/organizations/acme/listening"
_ids = count(1)


def make_post(organization: Organization, text: str, **fields: Any) -> Post:
    defaults: dict[str, Any] = {
        "source": "x",
        "created_at": timezone.now() - timedelta(hours=1),
        "sentiment": "neutral",
        "sentiment_score": 0.0,
    }
    return Post.objects.create(
        organization=organization,
        external_id=str(next(_ids)),
        text=text,
        **{**defaults, **fields},
    )


def at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


@pytest.fixture
def mertens(owner: Persona) -> ListeningQuery:
    return create_query(
        owner.organization, name="Mertens", query="mertens", kind="brand", actor=owner.user
    )


# --- queries -----------------------------------------------------------------------


def test_members_read_the_queries_with_their_match_counts(
    member: Persona, mertens: ListeningQuery
) -> None:
    post = make_post(mertens.organization, "mertens")
    PostMatch.objects.create(organization=mertens.organization, post=post, query=mertens)
    response = member.api().get(f"{BASE}/queries/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["name"], row["query"], row["kind"], row["matches"]) == (
        "Mertens",
        "mertens",
        "brand",
        1,
    )


def test_a_manager_creates_changes_and_deletes_a_query(manager: Persona) -> None:
    api = manager.api()
    make_post(manager.organization, "Koffie van Mertens")
    created = api.post(
        f"{BASE}/queries/", {"name": "Mertens", "query": "mertens", "kind": "brand"}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["matches"] == 1
    pk = created.json()["id"]
    changed = api.patch(f"{BASE}/queries/{pk}/", {"query": "mertens OR lavazza"}, format="json")
    assert changed.json()["query"] == "mertens OR lavazza"
    deleted = api.delete(f"{BASE}/queries/{pk}/")
    assert deleted.status_code == 200
    # The import service matched the stored post and rolled up its hour for the query.
    assert deleted.json() == {"id": pk, "name": "Mertens", "matches": 1, "rollups": 1}
    assert not ListeningQuery.objects.exists()


def test_an_invalid_query_is_400_with_the_position(owner: Persona) -> None:
    response = owner.api().post(
        f"{BASE}/queries/", {"name": "Bad", "query": "(mertens OR lavazza"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["query"][0].startswith("position 19: expected ')'")


def test_a_duplicate_name_is_400(owner: Persona, mertens: ListeningQuery) -> None:
    response = owner.api().post(
        f"{BASE}/queries/", {"name": "mertens", "query": "m"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"name": ["a query named 'mertens' already exists"]}


def test_a_viewer_may_not_write_queries(member: Persona, mertens: ListeningQuery) -> None:
    api = member.api()
    assert api.post(f"{BASE}/queries/", {"name": "x", "query": "x"}).status_code == 403
    assert api.patch(f"{BASE}/queries/{mertens.pk}/", {"name": "y"}).status_code == 403
    assert api.delete(f"{BASE}/queries/{mertens.pk}/").status_code == 403
    assert api.post(f"{BASE}/queries/preview/", {"query": "x"}).status_code == 403


def test_the_outsider_and_anonymous_are_refused(outsider: Persona, mertens: ListeningQuery) -> None:
    for path in ("queries/", f"queries/{mertens.pk}/", "posts/", "rollups/", "query-templates/"):
        assert outsider.api().get(f"{BASE}/{path}").status_code == 404
        assert APIClient().get(f"{BASE}/{path}").status_code == 401
    assert outsider.api().delete(f"{BASE}/queries/{mertens.pk}/").status_code == 404
    assert ListeningQuery.objects.filter(pk=mertens.pk).exists()


def test_another_organisations_query_is_404(owner: Persona, outsider: Persona) -> None:
    theirs = create_query(outsider.organization, name="G", query="g", kind="brand", actor=None)
    assert owner.api().get(f"{BASE}/queries/{theirs.pk}/").status_code == 404


def test_the_preview_answers_matches_among_recent_posts(manager: Persona) -> None:
    make_post(manager.organization, "Mertens koffie", lang="nl")
    make_post(manager.organization, "Lavazza")
    response = manager.api().post(
        f"{BASE}/queries/preview/", {"query": "mertens AND lang:nl"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["checked"], body["matched"]) == (2, 1)
    assert body["posts"][0]["text"] == "Mertens koffie"
    bad = manager.api().post(f"{BASE}/queries/preview/", {"query": "mertens)"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["query"][0].startswith("position 7: expected an operator")


# --- the query library -----------------------------------------------------------


def test_members_read_the_library_in_their_language(member: Persona) -> None:
    response = member.api().get(f"{BASE}/query-templates/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    templates = {t["key"]: t for t in response.json()}
    assert {"brand", "competitor", "sector", "campaign", "complaints"} <= templates.keys()
    assert templates["brand"]["example"] == "mertens OR #mertenskoffie OR @mertens_koffie"
    assert templates["brand"]["query"] is None


def test_a_template_is_filled_in_from_the_query_string(member: Persona) -> None:
    api = member.api()
    response = api.get(
        f"{BASE}/query-templates/brand/",
        {"brand": "Koffie Mertens", "hashtag": "km", "handle": "@km"},
    )
    assert response.status_code == 200
    assert response.json()["query"] == '"koffie mertens" OR #km OR @km'
    missing = api.get(f"{BASE}/query-templates/brand/", {"brand": "Mertens"})
    assert missing.status_code == 400
    assert missing.json() == {"hashtag": ["hashtag: a value is required"]}
    assert api.get(f"{BASE}/query-templates/nope/").status_code == 404


# --- posts ---------------------------------------------------------------------------


def test_posts_are_listed_newest_first_and_filtered(
    member: Persona, outsider: Persona, mertens: ListeningQuery
) -> None:
    org = member.organization
    old = make_post(org, "Mertens in 2025", created_at=at("2025-06-01T10:00"), lang="nl")
    new = make_post(
        org,
        "Mertens today",
        created_at=at("2026-11-30T10:00"),
        lang="en",
        source="instagram",
        sentiment="positive",
        author="Jan",
    )
    other = make_post(org, "Lavazza", created_at=at("2026-11-29T10:00"))
    make_post(outsider.organization, "Mertens elsewhere")
    PostMatch.objects.filter(query=mertens).delete()
    PostMatch.objects.create(organization=org, post=old, query=mertens)
    api = member.api()

    def ids(**params: str) -> list[int]:
        response = api.get(f"{BASE}/posts/", params)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [new.pk, other.pk, old.pk]
    assert ids(query=str(mertens.pk)) == [old.pk]
    assert ids(source="instagram") == [new.pk]
    assert ids(lang="nl") == [old.pk]
    assert ids(sentiment="positive") == [new.pk]
    assert ids(author="@jan") == [new.pk]
    assert ids(q="MERTENS") == [new.pk, old.pk]
    assert ids(since="2026-11-29") == [new.pk, other.pk]
    assert ids(until="2026-11-29") == [other.pk, old.pk]
    assert ids(since="2026-11-30T00:00:00+01:00", until="2026-12-01") == [new.pk]
    detail = api.get(f"{BASE}/posts/{old.pk}/").json()
    assert (detail["text"], detail["queries"]) == ("Mertens in 2025", [mertens.pk])


@pytest.mark.parametrize("params", [{"since": "gisteren"}, {"until": "2026-13-01"}, {"query": "x"}])
def test_bad_post_filters_are_400(member: Persona, params: dict[str, str]) -> None:
    response = member.api().get(f"{BASE}/posts/", params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_posts_are_paginated(member: Persona) -> None:
    for number in range(55):
        make_post(member.organization, f"post {number}")
    first = member.api().get(f"{BASE}/posts/").json()
    assert (first["count"], len(first["results"])) == (55, 50)
    second = member.api().get(f"{BASE}/posts/", {"page": 2}).json()
    assert len(second["results"]) == 5 and second["next"] is None


def test_another_organisations_post_is_404(member: Persona, outsider: Persona) -> None:
    theirs = make_post(outsider.organization, "globex")
    assert member.api().get(f"{BASE}/posts/{theirs.pk}/").status_code == 404


# --- imports -------------------------------------------------------------------------


def test_imports_show_their_counters_and_quarantined_rows(
    member: Persona, outsider: Persona
) -> None:
    job = ImportJob.objects.create(
        organization=member.organization,
        format="ndjson",
        filename="posts.ndjson",
        status="done",
        read=10,
        imported=7,
        duplicates=1,
        rejected=2,
    )
    QuarantinedRow.objects.create(
        organization=member.organization, import_job=job, line=4, reason="missing field 'id'"
    )
    QuarantinedRow.objects.create(
        organization=member.organization, import_job=job, line=9, reason="not JSON"
    )
    theirs = ImportJob.objects.create(
        organization=outsider.organization, format="csv", filename="theirs.csv"
    )
    api = member.api()
    [row] = api.get(f"{BASE}/imports/").json()["results"]
    assert (row["filename"], row["status"], row["imported"], row["rejected"]) == (
        "posts.ndjson",
        "done",
        7,
        2,
    )
    quarantine = api.get(f"{BASE}/imports/{job.pk}/quarantine/").json()
    assert quarantine["results"] == [
        {"line": 4, "reason": "missing field 'id'"},
        {"line": 9, "reason": "not JSON"},
    ]
    assert api.get(f"{BASE}/imports/{theirs.pk}/").status_code == 404
    assert api.get(f"{BASE}/imports/{theirs.pk}/quarantine/").status_code == 404


# --- rollups -------------------------------------------------------------------------


def rollup(org: Organization, period: str, sentiment: str, posts: int, **fields: Any) -> Rollup:
    return Rollup.objects.create(
        organization=org,
        period=at(period),
        source=fields.pop("source", "x"),
        lang=fields.pop("lang", "nl"),
        sentiment=sentiment,
        posts=posts,
        **fields,
    )


def test_the_series_sums_rollups_per_day(member: Persona, outsider: Persona) -> None:
    org = member.organization
    rollup(org, "2026-11-01T09:00", "positive", 3, engagement=10, reach=100)
    rollup(org, "2026-11-01T15:00", "negative", 1, engagement=5)
    rollup(org, "2026-11-01T15:00", "neutral", 6, source="instagram")
    rollup(org, "2026-11-02T10:00", "neutral", 2)
    rollup(outsider.organization, "2026-11-01T09:00", "positive", 50)
    response = member.api().get(
        f"{BASE}/rollups/", {"since": "2026-11-01", "until": "2026-11-02", "interval": "day"}
    )
    assert response.status_code == 200
    first, second = response.json()
    assert {k: v for k, v in first.items() if k != "period"} == {
        "posts": 10,
        "positive": 3,
        "neutral": 6,
        "negative": 1,
        "net_sentiment": 0.5,
        "engagement": 15,
        "reach": 100,
    }
    assert timezone.localtime(datetime.fromisoformat(first["period"])).date().isoformat() == (
        "2026-11-01"
    )
    assert (second["posts"], second["net_sentiment"]) == (2, None)


def test_the_series_filters_by_hour_query_source_and_language(
    member: Persona, mertens: ListeningQuery
) -> None:
    org = member.organization
    rollup(org, "2026-11-01T09:00", "positive", 3)
    rollup(org, "2026-11-01T09:00", "negative", 2, query=mertens)
    rollup(org, "2026-11-01T10:00", "negative", 1, query=mertens, source="instagram")
    rollup(org, "2026-11-01T11:00", "negative", 4, query=mertens, lang="en")
    api = member.api()

    def series(**params: str) -> list[tuple[int, float | None]]:
        params = {"since": "2026-11-01", "until": "2026-11-01", "interval": "hour", **params}
        response = api.get(f"{BASE}/rollups/", params)
        assert response.status_code == 200, response.json()
        return [(p["posts"], p["net_sentiment"]) for p in response.json()]

    assert series() == [(3, 1.0)]
    assert series(query=str(mertens.pk)) == [(2, -1.0), (1, -1.0), (4, -1.0)]
    assert series(query=str(mertens.pk), source="instagram") == [(1, -1.0)]
    assert series(query=str(mertens.pk), lang="nl") == [(2, -1.0), (1, -1.0)]


@pytest.mark.parametrize(
    "params",
    [
        {"interval": "week"},
        {"interval": "hour", "since": "2026-01-01", "until": "2026-06-01"},
        {"since": "2026-12-02", "until": "2026-12-01"},
        {"since": "morgen"},
    ],
)
def test_bad_series_requests_are_400(member: Persona, params: dict[str, str]) -> None:
    assert member.api().get(f"{BASE}/rollups/", params).status_code == 400


def test_share_of_voice_counts_posts_per_query(member: Persona, mertens: ListeningQuery) -> None:
    org = member.organization
    lavazza = create_query(org, name="Lavazza", query="lavazza", kind="competitor", actor=None)
    quiet = create_query(org, name="Illy", query="illy", kind="competitor", actor=None)
    rollup(org, "2026-11-01T09:00", "positive", 6, query=mertens)
    rollup(org, "2026-11-02T09:00", "negative", 3, query=mertens, source="instagram")
    rollup(org, "2026-11-01T09:00", "neutral", 3, query=lavazza)
    rollup(org, "2026-11-01T09:00", "neutral", 99)  # all posts: not a query's voice
    rollup(org, "2026-10-01T09:00", "neutral", 50, query=lavazza)  # before the period
    api = member.api()
    response = api.get(
        f"{BASE}/rollups/share-of-voice/", {"since": "2026-11-01", "until": "2026-11-30"}
    )
    assert response.status_code == 200
    assert [(r["query"], r["posts"], r["share"]) for r in response.json()] == [
        (mertens.pk, 9, 0.75),
        (lavazza.pk, 3, 0.25),
        (quiet.pk, 0, 0.0),
    ]
    only_x = api.get(
        f"{BASE}/rollups/share-of-voice/",
        {"since": "2026-11-01", "until": "2026-11-30", "source": "x"},
    ).json()
    assert [r["share"] for r in only_x] == [0.6667, 0.3333, 0.0]
