"""The values' CSV import (one value a line) and its template. A bad line is reported
with its number, field and reason; the good lines are kept. A value already there for
the indicator and period is replaced, so importing the same file again changes
nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from typing import IO, Any

from socialroadmap.accounts.models import User
from socialroadmap.core.csvfiles import ImportResult, csv_text, dict_reader, import_lines
from socialroadmap.core.departments import Department
from socialroadmap.core.errors import ServiceError
from socialroadmap.indicators import services
from socialroadmap.indicators.choices import Origin
from socialroadmap.indicators.models import Indicator
from socialroadmap.organizations.models import Organization

COLUMNS = ("indicator", "department", "period_start", "value", "note")
REQUIRED = ("indicator", "period_start", "value")
MAX_LINES = 5000
TEMPLATE_ROWS = (
    ("Leads through social media", "sales", "2026-01-01", "42", "From the CRM"),
    ("Employee satisfaction (eNPS)", "hr", "2026-01-01", "18,5", ""),
)


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


def department_of(text: str) -> str:
    """A department from its key or its label (English or the current language)."""
    word = " ".join(text.split()).lower()
    for value, label in Department.choices:
        if word in (value, str(label).lower(), value.replace("_", " ")):
            return value
    raise ServiceError(
        f"department: unknown department {text!r} (choose from {', '.join(Department.values)})",
        field="department",
    )


def find_indicator(organization: Organization, name: str, department: str) -> Indicator:
    """The indicator named ``name`` (of ``department`` when given)."""
    name = " ".join(name.split())
    if not name:
        raise ServiceError("indicator: the indicator's name is missing", field="indicator")
    rows = Indicator.objects.for_org(organization).filter(name__iexact=name)
    if department:
        rows = rows.filter(department=department_of(department))
    found = list(rows[:2])
    if not found:
        raise ServiceError(f"indicator: no indicator named {name!r}", field="indicator")
    if len(found) > 1:
        raise ServiceError(
            f"department: several departments have an indicator named {name!r}; "
            "say which in the department column",
            field="department",
        )
    return found[0]


def _import_line(
    organization: Organization,
    cells: Mapping[str, str],
    may_change: Callable[[str], bool],
    actor: User | None,
) -> str:
    indicator = find_indicator(organization, cells["indicator"], cells["department"])
    if not may_change(indicator.department):
        raise ServiceError(
            f"indicator: you may only change your own department's indicators, "
            f"not {indicator.get_department_display()}'s",
            field="indicator",
        )
    if not cells["period_start"]:
        raise ServiceError("period_start: the period's first day is missing", field="period_start")
    _row, outcome = services.record_value(
        indicator,
        period_start=cells["period_start"],
        value=cells["value"],
        note=cells["note"],
        origin=Origin.IMPORT,
        actor=actor,
    )
    return outcome


def _reader(stream: IO[Any]) -> csv.DictReader[str]:
    reader = dict_reader(csv_text(stream))
    header = [
        " ".join((name or "").split()).lower().replace(" ", "_") for name in reader.fieldnames or []
    ]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ServiceError(f"the header lacks the column(s): {', '.join(missing)}", field="file")
    reader.fieldnames = header
    return reader


def import_values_csv(
    organization: Organization,
    stream: IO[Any],
    *,
    actor: User | None,
    may_change: Callable[[str], bool] = lambda department: True,
) -> ImportResult:
    """Record the values of a CSV file (columns ``COLUMNS``); ``may_change`` says which
    departments' indicators the importer may change (the others' lines are refused)."""
    reader = _reader(stream)
    return import_lines(
        reader,
        COLUMNS,
        lambda cells: _import_line(organization, cells, may_change, actor),
        max_lines=MAX_LINES,
    )
