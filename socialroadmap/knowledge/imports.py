"""The completions' CSV import (an LMS export) and its template.

A person is found by e-mail address, else by name (and department when given); a
module by title. A bad line is reported with its number, field and reason; the good
lines are kept. Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from typing import IO, Any

from socialroadmap.accounts.models import User
from socialroadmap.audit.models import Action
from socialroadmap.audit.services import diff, record, snapshot
from socialroadmap.core.csvfiles import ImportResult, csv_text, dict_reader, import_lines
from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import department_key
from socialroadmap.knowledge.choices import CompletionSource
from socialroadmap.knowledge.models import Completion, Module
from socialroadmap.knowledge.services import COMPLETION_FIELDS, save_completion
from socialroadmap.organizations.models import Organization

COLUMNS = ("name", "department", "email", "module", "completed_on", "score")
REQUIRED = ("module", "completed_on")
MAX_LINES = 5000
TEMPLATE_ROWS = (
    (
        "An Peeters",
        "Marketing",
        "an.peeters@example.com",
        "Social media basics",
        "2026-03-01",
        "90",
    ),
    ("Bart De Smet", "Sales", "", "Social media basics", "2026-03-02", ""),
)


class LineError(ServiceError):
    """One line that cannot be imported."""


def template_csv() -> str:
    """A file with the header and two example lines."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


class _Roster:
    """The organisation's people and modules, looked up as the lines ask."""

    def __init__(self, organization: Organization) -> None:
        self.people = list(Employee.objects.for_org(organization))
        self.modules = {m.title.lower(): m for m in Module.objects.for_org(organization)}

    def module(self, title: str) -> Module:
        module = self.modules.get(" ".join(title.split()).lower())
        if module is None:
            raise LineError(f"no module titled {title!r}", field="module")
        return module

    def person(self, name: str, department: str, email: str) -> Employee:
        if email:
            found = [p for p in self.people if p.email.lower() == email.lower()]
            if found:
                return found[0]
        if not name:
            raise LineError(
                f"nobody on the roster has the e-mail address {email!r}"
                if email
                else "give a name or an e-mail address",
                field="email" if email else "name",
            )
        wanted = " ".join(name.split()).lower()
        found = [p for p in self.people if p.full_name.lower() == wanted]
        if department:
            found = [p for p in found if department_key(p.department) == department_key(department)]
        if not found:
            where = f" in {department}" if department else ""
            raise LineError(f"nobody named {name!r}{where} on the roster", field="name")
        if len(found) > 1:
            raise LineError(
                f"several people are named {name!r}: add the department", field="department"
            )
        return found[0]


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise LineError(f"give a date as YYYY-MM-DD, not {text!r}", field="completed_on") from error
    return day


def _score(text: str) -> int | None:
    if not text:
        return None
    try:
        score = round(float(text.rstrip("%").replace(",", ".")))
    except ValueError as error:
        raise LineError(f"give a score from 0 to 100, not {text!r}", field="score") from error
    if not 0 <= score <= 100:
        raise LineError(f"give a score from 0 to 100, not {text!r}", field="score")
    return score


def _import_line(roster: _Roster, cells: Mapping[str, str], actor: User | None) -> str:
    """Create or update the completion of one line; says which."""
    module = roster.module(cells["module"]) if cells["module"] else None
    if module is None:
        raise LineError("the module is missing", field="module")
    employee = roster.person(cells["name"], cells["department"], cells["email"])
    completed_on, score = _day(cells["completed_on"]), _score(cells["score"])
    existing = (
        Completion.objects.select_for_update().filter(module=module, employee=employee).first()
    )
    if existing is None:
        save_completion(
            module,
            employee,
            completed_on=completed_on,
            score=score,
            source=CompletionSource.IMPORT,
            actor=actor,
            action=Action.IMPORT,
        )
        return "created"
    if (existing.completed_on, existing.score) == (completed_on, score):
        return "unchanged"
    before = snapshot(existing, COMPLETION_FIELDS)
    existing.completed_on, existing.score = completed_on, score
    existing.stamp(actor)
    existing.save()
    record(
        existing.organization,
        actor,
        Action.IMPORT,
        existing,
        diff(before, snapshot(existing, COMPLETION_FIELDS)),
        label=f"{employee.full_name} - {module.title}",
    )
    return "updated"


def _reader(stream: IO[Any]) -> csv.DictReader[str]:
    reader = dict_reader(csv_text(stream))
    header = [
        " ".join((name or "").split()).lower().replace(" ", "_") for name in reader.fieldnames or []
    ]
    missing = [name for name in REQUIRED if name not in header]
    if not {"name", "email"} & set(header):
        missing.append("name or email")
    if missing:
        raise ServiceError(f"the header lacks the column(s): {', '.join(missing)}", field="file")
    reader.fieldnames = header
    return reader


def import_completions_csv(
    organization: Organization, stream: IO[Any], *, actor: User | None
) -> ImportResult:
    """Record the completions of a CSV file (columns ``COLUMNS``; ``module``,
    ``completed_on`` and a name or e-mail address required). A completion already
    recorded for the person and module takes the file's date and score."""
    reader = _reader(stream)
    roster = _Roster(organization)
    return import_lines(
        reader, COLUMNS, lambda cells: _import_line(roster, cells, actor), max_lines=MAX_LINES
    )
