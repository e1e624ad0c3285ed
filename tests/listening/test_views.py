"""The listening web pages: dashboard, posts, exports, queries and imports."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from socialroadmap.listening.models import ImportJob, ListeningQuery, Post, PostMatch
from socialroadmap.listening.services.imports import run_import, start_import
from socialroadmap.listening.services.queries import create_query
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona

BASE = "/o/acme/listening/"


def ndjson(posts: list[dict[str, Any]]) -> bytes:
    return "\n".join(json.dumps(post) for post in posts).encode() + b"\n"


def recent_posts() -> list[dict[str, Any]]:
    """Five posts of the last days: Mertens coffee (2 positive, 1 negative), two others."""
    now = timezone.now()

    def ago(hours: int) -> str:
        return (now - timedelta(hours=hours)).isoformat()

    return [
        {"id": "1", "text": "Mertens koffie is heerlijk, echt top! #koffie", "author": "anna",
         "created_at": ago(2), "source": "x", "lang": "nl", "likes": 40, "shares": 2,
         "url": "https://x.com/anna/1"},
        {"id": "2", "text": "Mertens coffee is great, I love it #coffee", "author": "bob",
         "created_at": ago(30), "source": "instagram", "lang": "en", "likes": 3,
         "url": "https://instagram.com/p/2"},
        {"id": "3", "text": "Mertens koffie is slecht en te duur, vreselijk", "author": "anna",
         "created_at": ago(50), "source": "x", "lang": "nl", "likes": 1},
        {"id": "4", "text": "=HYPERLINK(\"http://evil\") Lavazza espresso", "author": "carl",
         "created_at": ago(3), "source": "x", "lang": "en"},
        {"id": "5", "text": "<script>alert('x')</script> het weer", "author": "dina",
         "created_at": ago(4), "source": "facebook", "lang": "nl"},
    ]  # fmt: skip


def load(organization: Organization, posts: list[dict[str, Any]]) -> ImportJob:
    body = ndjson(posts)
    job = start_import(
        organization, format="ndjson", filename="p.ndjson", size=len(body), actor=None
    )
    return run_import(job, io.BytesIO(body))


@pytest.fixture
def mertens(owner: Persona) -> ListeningQuery:
    return create_query(
        owner.organization, name="Mertens", query="mertens", kind="brand", actor=owner.user
    )


@pytest.fixture
def lavazza(owner: Persona) -> ListeningQuery:
    return create_query(
        owner.organization, name="Lavazza", query="lavazza", kind="competitor", actor=owner.user
    )


@pytest.fixture
def data(owner: Persona, mertens: ListeningQuery, lavazza: ListeningQuery) -> ImportJob:
    return load(owner.organization, recent_posts())


def csv_rows(response: Any) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


# --- who may see what ----------------------------------------------------------------------

PAGES = ["", "posts/", "queries/", "imports/", "export.csv", "posts/export.csv"]


@pytest.mark.parametrize("page", PAGES)
def test_members_read_every_page_and_outsiders_get_404(
    page: str, data: ImportJob, member: Persona, outsider: Persona
) -> None:
    assert member.client().get(BASE + page).status_code == 200
    assert outsider.client().get(BASE + page).status_code == 404
    assert Client().get(BASE + page).status_code == 302


def test_the_navigation_links_to_listening(owner: Persona) -> None:
    response = owner.client().get("/o/acme/")
    assert b'href="/o/acme/listening/"' in response.content


def test_a_viewer_may_not_write_queries_or_import(member: Persona, data: ImportJob) -> None:
    client = member.client()
    query = ListeningQuery.objects.get(name="Mertens")
    assert client.get(BASE + "queries/new/").status_code == 403
    assert client.get(f"{BASE}queries/{query.pk}/").status_code == 403
    assert client.post(f"{BASE}queries/{query.pk}/delete/").status_code == 403
    assert client.get(BASE + "queries/preview/?query=mertens").status_code == 403
    upload = io.BytesIO(ndjson(recent_posts()))
    upload.name = "p.ndjson"
    assert client.post(BASE + "imports/", {"format": "ndjson", "file": upload}).status_code == 403
    assert client.post(f"{BASE}imports/{data.pk}/delete/").status_code == 403
    page = client.get(BASE + "imports/")
    assert b'data-testid="import-form"' not in page.content
    assert ListeningQuery.objects.count() == 2 and ImportJob.objects.count() == 1


def test_another_organisations_query_and_import_are_404(
    outsider: Persona, data: ImportJob, mertens: ListeningQuery
) -> None:
    client = outsider.client()
    for url in (
        f"/o/globex/listening/queries/{mertens.pk}/",
        f"/o/globex/listening/queries/{mertens.pk}/delete/",
        f"/o/globex/listening/imports/{data.pk}/",
        f"/o/globex/listening/imports/{data.pk}/delete/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code in (404, 405)
    assert ListeningQuery.objects.filter(pk=mertens.pk).exists()


# --- dashboard ------------------------------------------------------------------------------


def test_the_dashboard_shows_every_panel_from_rollups(owner: Persona, data: ImportJob) -> None:
    response = owner.client().get(BASE)
    assert response.status_code == 200
    context = response.context
    assert context["totals"]["posts"] == 5
    shares = {row["name"]: row["posts"] for row in context["shares"]}
    assert shares == {"Mertens": 3, "Lavazza": 1}
    assert {row["key"] for row in context["sources"]} == {"x", "instagram", "facebook"}
    assert {row["key"] for row in context["languages"]} == {"nl", "en"}
    assert context["top_posts"][0].external_id == "1"
    assert context["authors"]["by_volume"][0]["author"] == "anna"
    hashtags = {row["key"] for row in context["terms"]["hashtags"]}
    assert {"#koffie", "#coffee"} <= hashtags
    charts = context["charts"]
    assert sum(charts["volume"]["positive"]) + sum(charts["volume"]["negative"]) <= 5
    content = response.content.decode()
    assert 'id="listening-charts"' in content
    assert "vendor/plotly/plotly.min.js" in content
    assert "listening/dashboard.js" in content
    # Untrusted post texts are escaped, and only web links are links.
    assert "<script>alert" not in content
    assert "javascript:alert" not in content


def test_filters_narrow_every_panel_and_stay_in_the_links(owner: Persona, data: ImportJob) -> None:
    response = owner.client().get(BASE, {"source": "x", "period": "7"})
    context = response.context
    assert context["totals"]["posts"] == 3
    assert {row["key"] for row in context["sources"]} == {"x"}
    assert all("source=x" in row["link"] for row in context["points"])
    assert "source=x" in context["query_string"]
    response = owner.client().get(BASE, {"sentiment": "negative"})
    assert response.context["totals"]["posts"] == response.context["totals"]["negative"]


def test_a_query_filter_counts_its_matches(
    owner: Persona, data: ImportJob, mertens: ListeningQuery
) -> None:
    response = owner.client().get(BASE, {"query": mertens.pk})
    assert response.context["totals"]["posts"] == 3


def test_a_custom_period_without_posts_says_so(owner: Persona, data: ImportJob) -> None:
    response = owner.client().get(
        BASE, {"period": "custom", "since": "2020-01-01", "until": "2020-01-31"}
    )
    assert response.context["totals"]["posts"] == 0
    assert b'data-testid="empty-period"' in response.content


def test_bad_filter_values_fall_back_to_the_defaults(owner: Persona, data: ImportJob) -> None:
    response = owner.client().get(BASE, {"period": "x", "since": "nope", "query": "abc"})
    assert response.status_code == 200
    assert response.context["totals"]["posts"] == 5


def test_empty_states_say_what_to_do_next(owner: Persona, member: Persona) -> None:
    response = owner.client().get(BASE)
    assert b'data-testid="empty-queries"' in response.content
    assert b'data-testid="empty-posts"' in response.content
    assert b"/o/acme/listening/queries/new/" in response.content
    assert b"/o/acme/listening/imports/" in response.content
    viewer = member.client().get(BASE)
    assert b"/o/acme/listening/queries/new/" not in viewer.content


def test_plotly_is_served_locally() -> None:
    response = Client().get("/static/vendor/plotly/plotly.min.js")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert b"plotly" in b"".join(response.streaming_content)[:2000].lower()


# --- posts and exports ----------------------------------------------------------------------


def test_the_posts_page_lists_filtered_posts_newest_first(owner: Persona, data: ImportJob) -> None:
    response = owner.client().get(BASE + "posts/", {"lang": "nl"})
    posts = list(response.context["page"].object_list)
    assert [p.external_id for p in posts] == ["1", "5", "3"]
    content = response.content.decode()
    assert "Mertens" in content and "https://x.com/anna/1" in content
    assert "&lt;script&gt;" in content


def test_the_posts_page_drills_down_to_an_author(owner: Persona, data: ImportJob) -> None:
    response = owner.client().get(BASE + "posts/", {"author": "anna"})
    assert {p.external_id for p in response.context["page"].object_list} == {"1", "3"}


def test_the_series_exports_as_csv_and_xlsx(owner: Persona, data: ImportJob) -> None:
    client = owner.client()
    response = client.get(BASE + "export.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="acme-listening-series')
    rows = csv_rows(response)
    assert sum(int(row["posts"]) for row in rows) == 5
    response = client.get(BASE + "export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:2] == ("period", "posts")
    assert sum(row[1] for row in values[1:]) == 5


def test_the_posts_export_streams_the_filtered_posts(owner: Persona, data: ImportJob) -> None:
    client = owner.client()
    response = client.get(BASE + "posts/export.csv", {"source": "x"})
    assert response.streaming
    rows = csv_rows(response)
    assert len(rows) == 3
    formula = next(row for row in rows if "HYPERLINK" in row["text"])
    # A text that starts like a formula is not a formula in a spreadsheet.
    assert formula["text"].startswith("'=") and formula["queries"] == "Lavazza"
    response = client.get(BASE + "posts/export.xlsx", {"source": "x"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert len(list(sheet.values)) == 4


# --- queries --------------------------------------------------------------------------------


def test_the_queries_page_lists_match_counts(member: Persona, data: ImportJob) -> None:
    response = member.client().get(BASE + "queries/")
    counts = {q.name: q.match_count for q in response.context["queries"]}
    assert counts == {"Lavazza": 1, "Mertens": 3}


def test_a_manager_creates_a_query_and_its_matches_are_computed(
    owner: Persona, data: ImportJob
) -> None:
    response = owner.client().post(
        BASE + "queries/new/",
        {"name": "Koffie", "kind": "sector", "query": "koffie OR coffee", "is_active": "on"},
    )
    assert response.status_code == 302
    query = ListeningQuery.objects.get(name="Koffie")
    assert PostMatch.objects.filter(query=query).count() == 3


def test_a_bad_query_shows_where_it_went_wrong(owner: Persona) -> None:
    response = owner.client().post(
        BASE + "queries/new/", {"name": "Broken", "kind": "brand", "query": "mertens AND ("}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["query"]
    assert any("position" in error or "column" in error for error in errors), errors
    assert not ListeningQuery.objects.filter(name="Broken").exists()


def test_editing_a_query_rematches(
    owner: Persona, data: ImportJob, mertens: ListeningQuery
) -> None:
    response = owner.client().post(
        f"{BASE}queries/{mertens.pk}/",
        {"name": "Mertens", "kind": "brand", "query": "mertens AND koffie", "is_active": "on"},
    )
    assert response.status_code == 302
    assert PostMatch.objects.filter(query=mertens).count() == 2


def test_the_live_preview_fragment(owner: Persona, data: ImportJob) -> None:
    client = owner.client()
    response = client.get(BASE + "queries/preview/", {"query": "mertens"})
    assert response.context["result"]["matched"] == 3
    assert b'data-testid="preview-count"' in response.content
    broken = client.get(BASE + "queries/preview/", {"query": "mertens AND ("})
    assert b'data-testid="preview-error"' in broken.content
    assert b"<html" not in response.content


def test_the_library_fills_in_the_query(owner: Persona) -> None:
    values = {"template": "brand", "brand": "Mertens", "hashtag": "mertens", "handle": "mertens"}
    response = owner.client().get(BASE + "queries/new/", values)
    form = response.context["form"]
    assert form.initial["query"] == "mertens OR #mertens OR @mertens"
    assert form.initial["name"] == "Mertens"
    assert b'data-testid="template-brand"' in response.content


def test_deleting_a_query_asks_first_and_says_how_many_matches_go(
    owner: Persona, data: ImportJob, mertens: ListeningQuery
) -> None:
    client = owner.client()
    page = client.get(f"{BASE}queries/{mertens.pk}/delete/")
    assert "3 matches" in page.content.decode()
    assert ListeningQuery.objects.filter(pk=mertens.pk).exists()
    response = client.post(f"{BASE}queries/{mertens.pk}/delete/", follow=True)
    assert not ListeningQuery.objects.filter(pk=mertens.pk).exists()
    assert "3 matches" in response.content.decode()
    assert Post.objects.count() == 5


# --- imports --------------------------------------------------------------------------------


def test_an_upload_creates_a_job_and_imports_the_file(
    owner: Persona, mertens: ListeningQuery, settings: Any, tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    settings.DATA_DIR = tmp_path
    upload = io.BytesIO(ndjson(recent_posts()) + b"not json\n")
    upload.name = "posts.ndjson"
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.client().post(BASE + "imports/", {"format": "ndjson", "file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}imports/{job.pk}/"
    assert (job.status, job.imported, job.rejected) == ("done", 5, 1)
    assert (
        tmp_path / "imports" / str(owner.organization.pk) / str(job.pk) / "posts.ndjson"
    ).exists()
    page = owner.client().get(response.url)
    assert b'data-testid="quarantine"' in page.content
    assert b'hx-trigger="every 2s"' not in page.content


def test_a_csv_upload_takes_its_mapping_file(
    owner: Persona, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.DATA_DIR = tmp_path
    upload = io.BytesIO(b"Bericht,Wie,Id\nMertens koffie,anna,a1\n")
    upload.name = "posts.csv"
    mapping = io.BytesIO(json.dumps({"text": "Bericht", "author": "Wie", "id": "Id"}).encode())
    mapping.name = "mapping.json"
    with django_capture_on_commit_callbacks(execute=True):
        owner.client().post(
            BASE + "imports/", {"format": "csv", "file": upload, "mapping": mapping}
        )
    job = ImportJob.objects.get()
    assert job.status == "done", job.error
    assert Post.objects.get().author == "anna"


def test_an_upload_without_a_file_shows_the_form_again(owner: Persona) -> None:
    response = owner.client().post(BASE + "imports/", {"format": "ndjson"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_a_running_job_polls_its_progress(owner: Persona) -> None:
    job = start_import(owner.organization, format="ndjson", filename="big", size=100, actor=None)
    page = owner.client().get(f"{BASE}imports/{job.pk}/")
    assert b'hx-trigger="every 2s"' in page.content
    fragment = owner.client().get(f"{BASE}imports/{job.pk}/", HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content
    assert b'data-testid="job-progress"' in fragment.content


def test_deleting_an_import_asks_first_and_says_how_many_posts_go(
    owner: Persona, data: ImportJob
) -> None:
    client = owner.client()
    page = client.get(f"{BASE}imports/{data.pk}/delete/")
    assert "5 posts" in page.content.decode()
    assert Post.objects.count() == 5
    response = client.post(f"{BASE}imports/{data.pk}/delete/", follow=True)
    assert not ImportJob.objects.exists() and not Post.objects.exists()
    assert "5 posts" in response.content.decode()
