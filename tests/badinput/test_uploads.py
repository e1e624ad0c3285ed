"""Bad files through the web upload and the API: never a 500, always a 4xx or a page
that says what was wrong; an outsider gets nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from socialroadmap.internalscan.models import Employee
from socialroadmap.listening.models import ImportJob
from socialroadmap.registry.models import SocialAccount
from tests.badinput.corpus import MB, Case, binary_garbage, csv_cases
from tests.badinput.importers import IMPORTERS
from tests.conftest import Persona

TABLES = {importer.name: importer.table for importer in IMPORTERS}
PICKED = ("binary", "utf16-bom", "enormous-cell", "missing-columns", "nul-bytes", "empty")


def picked(name: str) -> list[Case]:
    return [case for case in csv_cases(TABLES[name]) if case.name in PICKED]


def upload(data: bytes, name: str = "file.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize("case", picked("accounts"), ids=repr)
def test_the_accounts_page_shows_what_was_wrong(owner: Persona, case: Case) -> None:
    response = owner.client().post("/o/acme/registry/accounts/import/", {"file": upload(case.data)})
    assert response.status_code == 200
    result, form = response.context["result"], response.context["form"]
    assert result is not None or form.errors["file"]
    assert SocialAccount.objects.count() == (result.created if result else 0)


@pytest.mark.parametrize("case", picked("roster"), ids=repr)
def test_the_roster_api_answers_400_or_the_refused_rows(owner: Persona, case: Case) -> None:
    response = owner.api().post(
        "/api/v1/organizations/acme/internal-scan/employees/import/",
        {"file": upload(case.data)},
        format="multipart",
    )
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 200:
        assert all(row["line"] >= 1 for row in response.json()["rejected"])
    else:
        assert Employee.objects.count() == 0


def test_an_outsider_cannot_upload_a_roster(outsider: Persona, owner: Persona) -> None:
    data = TABLES["roster"].text().encode()
    response = outsider.api().post(
        "/api/v1/organizations/acme/internal-scan/employees/import/",
        {"file": upload(data)},
        format="multipart",
    )
    assert response.status_code in (403, 404)
    assert Employee.objects.count() == 0


@pytest.mark.parametrize(
    ("format", "data"),
    [
        ("ndjson", binary_garbage()),
        ("ndjson", b"x" * (3 * MB)),
        ("csv", "id,text\n1,hallo\n".encode("utf-16")),
        ("facebook", b"[{"),
    ],
    ids=["ndjson-binary", "ndjson-enormous-line", "csv-utf16", "facebook-truncated"],
)
def test_a_bad_post_file_upload_ends_in_a_job_that_says_why(
    owner: Persona, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any,
    format: str, data: bytes,
) -> None:  # fmt: skip
    settings.DATA_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.client().post(
            "/o/acme/listening/imports/", {"format": format, "file": upload(data, "posts")}
        )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status in ("done", "failed") and job.imported == 0
    assert job.error or job.rejected
    page = owner.client().get(response.url)
    assert page.status_code == 200
