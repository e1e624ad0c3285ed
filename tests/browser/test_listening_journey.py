"""Create a query, import a file, read the dashboard, filter it, drill down, export."""

from __future__ import annotations

import csv
import json
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from socialroadmap.listening.models import ImportJob, ListeningQuery
from tests.browser.test_journeys import login
from tests.conftest import Persona


def write_posts(folder: Path) -> Path:
    """Three posts of today about Mertens (two positive, one negative) and one other."""
    now = timezone.now()
    posts = [
        ("1", "Mertens koffie is heerlijk, echt top! #koffie", "anna", "x"),
        ("2", "Mertens coffee is great, I love it #coffee", "bob", "instagram"),
        ("3", "Mertens koffie is slecht en te duur, vreselijk", "anna", "x"),
        ("4", "Lavazza espresso bij het ontbijt", "carl", "x"),
    ]
    path = folder / "posts.ndjson"
    lines = [
        json.dumps(
            {
                "id": pid,
                "text": text,
                "author": author,
                "source": source,
                "created_at": (now - timedelta(hours=int(pid))).isoformat(),
                "likes": 10 * int(pid),
            }
        )
        for pid, text, author, source in posts
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_query_import_dashboard_filter_drill_down_and_export(
    page: Page, owner: Persona, tmp_path: Path, settings: object
) -> None:
    settings.DATA_DIR = tmp_path / "data"  # type: ignore[attr-defined]
    login(page, owner.user.email)
    page.goto("/o/acme/listening/")
    expect(page.get_by_test_id("empty-queries")).to_be_visible()
    expect(page.get_by_test_id("empty-posts")).to_be_visible()

    # A query, with the live preview under the field.
    page.get_by_test_id("empty-queries").get_by_role("link").click()
    page.locator("#id_name").fill("Mertens")
    page.locator("#id_query").fill("mertens AND (")
    expect(page.get_by_test_id("preview-error")).to_contain_text("position")
    page.locator("#id_query").fill("mertens")
    expect(page.get_by_test_id("preview")).not_to_contain_text("position")
    page.get_by_test_id("query-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("query-row")).to_have_count(1)
    assert ListeningQuery.objects.filter(name="Mertens").exists()

    # An import of a small NDJSON file; the job page shows what became of it.
    page.goto("/o/acme/listening/imports/")
    form = page.get_by_test_id("import-form")
    form.locator("#id_format").select_option("ndjson")
    form.locator("#id_file").set_input_files(str(write_posts(tmp_path)))
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("job-status")).to_have_text("Done")
    expect(page.get_by_test_id("job-imported")).to_have_text("4")
    assert ImportJob.objects.get().imported == 4

    # The dashboard with the posts, drawn by plotly.js (served locally, under the CSP).
    page.goto("/o/acme/listening/")
    expect(page.get_by_test_id("totals")).to_contain_text("4")
    expect(page.locator("#chart-volume[data-ready=true]")).to_be_attached()
    expect(page.get_by_test_id("share-table")).to_contain_text("Mertens")

    # Filter by sentiment: the URL keeps it, and so does the form.
    filters = page.get_by_test_id("filters")
    filters.locator("#id_sentiment").select_option("negative")
    filters.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]sentiment=negative"))
    expect(page.locator("#id_sentiment")).to_have_value("negative")
    expect(page.get_by_test_id("totals").locator("strong").first).to_have_text("1")

    # Drill down to the posts of that selection (once the charts are drawn: drawing
    # folds the tables and moves the link).
    expect(page.locator("#chart-languages[data-ready=true]")).to_be_attached()
    page.get_by_role("link", name="All posts of this selection").click()
    expect(page).to_have_url(re.compile(r"/listening/posts/\?.*sentiment=negative"))
    expect(page.get_by_test_id("post")).to_have_count(1)
    expect(page.get_by_test_id("post")).to_contain_text("slecht")

    # Export the filtered posts as CSV.
    with page.expect_download() as download_info:
        page.get_by_test_id("export-csv").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["sentiment"] for row in rows] == ["negative"]
    assert rows[0]["queries"] == "Mertens"
    assert "slecht" in rows[0]["text"]
