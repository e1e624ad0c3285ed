"""Coverage and completions as CSV and XLSX."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import load_workbook

from socialroadmap.knowledge import services
from tests.conftest import Persona
from tests.knowledge.helpers import module, person

BASE = "/o/acme/knowledge/"


def _setup(persona: Persona) -> None:
    organization = persona.organization
    basics = module(organization, departments=["Sales"])
    ann = person(organization, "Ann", "Sales", "ann@acme.test")
    person(organization, "Bart", "sales")
    person(organization, "=Evil", "IT")
    services.record_completions(
        basics, [ann], completed_on=timezone.localdate(), score=90, actor=None
    )


def test_completions_as_csv_and_xlsx(member: Persona) -> None:
    _setup(member)
    client = member.client()

    csv = client.get(f"{BASE}completions/export.csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "name,department,email,module,level,completed_on,score,source"
    assert lines[1].startswith("Ann,Sales,ann@acme.test,Social media basics,1,")
    book = load_workbook(io.BytesIO(client.get(f"{BASE}completions/export.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][:5] == ("Ann", "Sales", "ann@acme.test", "Social media basics", 1)
    assert rows[1][6] == 90


def test_coverage_as_csv_and_xlsx(owner: Persona) -> None:
    _setup(owner)
    client = owner.client()

    text = client.get(f"{BASE}coverage/export.csv").content.decode("utf-8-sig")
    assert "Sales,2,1,2,1,0.5" in text
    assert "'=Evil" not in text  # the department is IT; names are not in the coverage
    assert "(all),3,1,2,1,0.5" in text
    book = load_workbook(io.BytesIO(client.get(f"{BASE}coverage/export.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("department", "people", "level", "must_take", "completed", "share")
    assert ("Sales", 2, 1, 2, 1, 0.5) in rows


def test_an_unknown_format_is_404(owner: Persona) -> None:
    assert owner.client().get(f"{BASE}coverage/export.pdf").status_code == 404
    assert owner.client().get(f"{BASE}completions/export.pdf").status_code == 404
