"""Writes of the internal scan: the roster, its import, consent and erasure.

The roster feeds ``rank_employees`` (in ``rankings.py``, re-exported here), which names
candidate ambassadors and conversation managers among the employees who consented.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan.handles import HandleError, parse_handles
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.rankings import rank_employees
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)

# The read side lives in rankings.py; it is offered here beside the writes it reads.
__all__ = [
    "create_employee",
    "erase_employee",
    "import_roster",
    "rank_employees",
    "record_consent",
    "update_employee",
]

# Roster columns and the headers accepted for them (English and Dutch).
COLUMNS = {
    "name": ("name", "full name", "full_name", "naam", "volledige naam"),
    "department": ("department", "afdeling", "dienst"),
    "handles": ("handles", "handle", "accounts", "account"),
    "consent": ("consent", "toestemming"),
}
YES = {"yes", "y", "ja", "j", "true", "waar", "1"}
NO = {"no", "n", "nee", "false", "onwaar", "0", ""}


# --- the roster ---------------------------------------------------------------------


def _clean_handles(values: str | list[str] | tuple[str, ...]) -> list[str]:
    try:
        return [str(handle) for handle in parse_handles(values)]
    except HandleError as error:
        raise ServiceError(str(error), field="handles") from error


def _check_fields(full_name: str, department: str) -> tuple[str, str]:
    full_name, department = " ".join(full_name.split()), " ".join(department.split())
    if not full_name:
        raise ServiceError("the name is missing", field="full_name")
    if len(full_name) > 200:
        raise ServiceError("the name is longer than 200 characters", field="full_name")
    if len(department) > 100:
        raise ServiceError("the department is longer than 100 characters", field="department")
    return full_name, department


def _same_person(organization: Organization, full_name: str, department: str) -> QuerySet:
    return Employee.objects.for_org(organization).filter(
        full_name__iexact=full_name, department__iexact=department
    )


def _set_consent(employee: Employee, consent: bool, actor: User | None) -> None:
    employee.consent = consent
    employee.consent_recorded_at = timezone.now()
    employee.consent_recorded_by = actor if getattr(actor, "is_authenticated", False) else None


def _save(employee: Employee, actor: User | None) -> None:
    """Save, turning a clash with a concurrent change into a readable error."""
    employee.stamp(actor)
    try:
        with transaction.atomic():
            employee.save()
    except IntegrityError as error:
        name = f"{employee.full_name} ({employee.department or '-'})"
        raise ServiceError(f"{name} is already on the roster") from error


@transaction.atomic
def create_employee(
    organization: Organization,
    *,
    full_name: str,
    department: str = "",
    handles: str | list[str] | tuple[str, ...] = (),
    consent: bool = False,
    notes: str = "",
    actor: User | None,
) -> Employee:
    """Add a person to the roster; their consent is recorded as given by ``actor``."""
    full_name, department = _check_fields(full_name, department)
    if _same_person(organization, full_name, department).exists():
        raise ServiceError(f"{full_name} ({department or '-'}) is already on the roster")
    employee = Employee(
        organization=organization,
        full_name=full_name,
        department=department,
        handles=_clean_handles(handles),
        notes=notes,
    )
    _set_consent(employee, consent, actor)
    _save(employee, actor)
    return employee


@transaction.atomic
def update_employee(
    employee: Employee, changes: Mapping[str, Any], *, actor: User | None
) -> Employee:
    """Change any of ``full_name``, ``department``, ``handles``, ``consent`` and ``notes``."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    full_name, department = _check_fields(
        changes.get("full_name", employee.full_name), changes.get("department", employee.department)
    )
    if _same_person(employee.organization, full_name, department).exclude(pk=employee.pk).exists():
        raise ServiceError(f"{full_name} ({department or '-'}) is already on the roster")
    employee.full_name, employee.department = full_name, department
    if "handles" in changes:
        employee.handles = _clean_handles(changes["handles"])
    if "notes" in changes:
        employee.notes = changes["notes"]
    if "consent" in changes and bool(changes["consent"]) != employee.consent:
        _set_consent(employee, bool(changes["consent"]), actor)
    _save(employee, actor)
    return employee


@transaction.atomic
def record_consent(employee: Employee, consent: bool, *, actor: User | None) -> Employee:
    """Record that the person gave (or withdrew) consent, when, and who recorded it."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    _set_consent(employee, consent, actor)
    _save(employee, actor)
    return employee


@transaction.atomic
def erase_employee(employee: Employee, *, actor: User | None) -> None:
    """Erase a person (the right to be forgotten).

    The roster row is all this app stores about them (rankings are computed when asked),
    so deleting it removes everything. The log keeps one line without the name.
    """
    organization_id, employee_id = employee.organization_id, employee.pk
    Employee.objects.filter(pk=employee_id, organization_id=organization_id).delete()
    logger.info(
        "internal scan: employee %s of organisation %s erased by user %s",
        employee_id,
        organization_id,
        getattr(actor, "pk", None),
    )


# --- roster import -------------------------------------------------------------------


@dataclass
class RosterRow:
    line: int
    full_name: str
    department: str
    handles: list[str]
    consent: bool


class RowError(Exception):
    """A roster row that cannot be imported; the message says why."""


def _decode(stream: IO[bytes] | IO[str]) -> str:
    content = stream.read()
    if isinstance(content, str):
        return content.removeprefix("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows


def _delimiter(header: str) -> str:
    # Dutch and Flemish Excel writes ";" because "," is the decimal separator.
    return max((";", ",", "\t"), key=header.count)


def _columns(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        title = " ".join(title.strip().lower().split())
        for column, aliases in COLUMNS.items():
            if title in aliases and column not in positions:
                positions[column] = index
    if "name" not in positions:
        raise ServiceError("the roster needs a column 'name' (or 'naam')", field="file")
    return positions


def _read_row(line: int, cells: list[str], columns: dict[str, int]) -> RosterRow:
    def cell(column: str) -> str:
        index = columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    consent_text = cell("consent").lower()
    if consent_text not in YES | NO:
        raise RowError(f"consent must be yes or no (ja/nee, true/false, 1/0), not {consent_text!r}")
    try:
        full_name, department = _check_fields(cell("name"), cell("department"))
        handles = _clean_handles(cell("handles"))
    except ServiceError as error:
        raise RowError(error.message) from error
    return RosterRow(line, full_name, department, handles, consent_text in YES)


def _cells(reader: Any) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as error:
        raise ServiceError(f"line {reader.line_num}: {error}", field="file") from error


def _roster_rows(text: str) -> tuple[list[RosterRow], list[dict[str, Any]], int]:
    """The valid rows, the rejected ones (line and reason) and how many rows were read."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first_line))
    header = next(reader, None)
    if header is None:
        raise ServiceError("the file is empty", field="file")
    columns = _columns(header)
    rows: list[RosterRow] = []
    rejected: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    read, previous_end = 0, reader.line_num
    for cells in _cells(reader):
        line, previous_end = previous_end + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue  # spreadsheets leave empty rows at the end
        read += 1
        try:
            row = _read_row(line, cells, columns)
            key = (row.full_name.lower(), row.department.lower())
            if key in seen:
                raise RowError(f"the same person as on line {seen[key]}")
            seen[key] = line
            rows.append(row)
        except RowError as error:
            rejected.append({"line": line, "reason": str(error)})
    return rows, rejected, read


def _match(existing: list[Employee], rows: list[RosterRow]) -> list[Employee | None]:
    """The person each row is about: same name and department; else the only namesake
    left (who moved department); else nobody (a new person)."""
    by_name: dict[str, list[Employee]] = {}
    for employee in existing:
        by_name.setdefault(employee.full_name.lower(), []).append(employee)
    found: list[Employee | None] = []
    for row in rows:
        same = by_name.get(row.full_name.lower(), [])
        exact = next((e for e in same if e.department.lower() == row.department.lower()), None)
        if exact is not None:
            same.remove(exact)
        found.append(exact)
    for index, row in enumerate(rows):
        left = by_name.get(row.full_name.lower(), [])
        if found[index] is None and len(left) == 1:
            found[index] = left.pop()
    return found


@transaction.atomic
def import_roster(
    organization: Organization, csv_stream: IO[bytes] | IO[str], *, actor: User | None
) -> dict[str, Any]:
    """Add and update roster people from a CSV file; bad rows are reported, the rest kept.

    Columns: ``name``, ``department``, ``handles`` (separated by spaces, commas or
    semicolons) and ``consent`` (yes/no, ja/nee, true/false, 1/0; empty is no). Comma,
    semicolon (Dutch Excel) or tab separated, UTF-8 with or without BOM, or Windows-1252.
    A person already on the roster is updated: department, handles and consent.
    """
    rows, rejected, read = _roster_rows(_decode(csv_stream))
    existing = list(Employee.objects.for_org(organization).select_for_update())
    created = updated = 0
    for row, employee in zip(rows, _match(existing, rows), strict=True):
        if employee is None:
            employee = Employee(organization=organization)
            _set_consent(employee, row.consent, actor)
            created += 1
        else:
            if employee.consent != row.consent:
                _set_consent(employee, row.consent, actor)
            updated += 1
        employee.full_name, employee.department = row.full_name, row.department
        employee.handles = row.handles
        try:
            _save(employee, actor)
        except ServiceError as error:
            raise ServiceError(
                f"line {row.line}: {error.message}; was the roster changed meanwhile?",
                field="file",
            ) from error
    return {"read": read, "created": created, "updated": updated, "rejected": rejected}
