"""Writes of the internal scan: the roster, its import, consent and erasure.

The roster feeds ``rank_employees`` (in ``rankings.py``, re-exported here), which names
candidate ambassadors and conversation managers among the employees who consented.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit.models import Action
from socialroadmap.audit.services import ERASED, diff, forget, record, snapshot
from socialroadmap.audit.services import goes_with as audit_goes_with
from socialroadmap.core.csvfiles import csv_rows, csv_text
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.exports import unguard
from socialroadmap.internalscan.handles import HandleError, parse_handles
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.rankings import rank_employees
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)

# The read side lives in rankings.py; it is offered here beside the writes it reads.
__all__ = [
    "create_employee",
    "erase_employee",
    "goes_with",
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
    "email": ("email", "e-mail", "email address", "e-mail address", "e-mailadres", "mail"),
}
# The fields of a person the audit log shows; erasure blanks them again.
AUDITED = ("full_name", "department", "email", "handles", "consent", "notes")
EMAIL_LENGTH = 254
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


def _clean_email(value: str | None) -> str:
    """The address as stored: trimmed and lower-cased, so that it matches a user's
    address however either was typed; empty when none is given."""
    email = (value or "").strip().lower()
    if not email:
        return ""
    if len(email) > EMAIL_LENGTH:
        raise ServiceError(
            f"the e-mail address is longer than {EMAIL_LENGTH} characters", field="email"
        )
    try:
        validate_email(email)
    except ValidationError as error:
        raise ServiceError(
            f"{value!r} is not a valid e-mail address (write it as name@example.com)",
            field="email",
        ) from error
    return email


def _email_owner(
    organization: Organization, email: str, *, other_than: int | None = None
) -> Employee | None:
    """Who else on the roster has ``email``: one address links one person to one user."""
    if not email:
        return None
    people = Employee.objects.for_org(organization).filter(email__iexact=email)
    if other_than is not None:
        people = people.exclude(pk=other_than)
    return people.order_by("id").first()


def _email_taken(email: str, other: Employee) -> str:
    return f"{email} is already the e-mail address of {other.full_name} ({other.department or '-'})"


def _check_email(
    organization: Organization, value: str | None, *, other_than: int | None = None
) -> str:
    email = _clean_email(value)
    other = _email_owner(organization, email, other_than=other_than)
    if other is not None:
        raise ServiceError(_email_taken(email, other), field="email")
    return email


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
    email: str = "",
    actor: User | None,
) -> Employee:
    """Add a person to the roster; their consent is recorded as given by ``actor``.

    ``email`` links them to the user with that address (see ``people.employee_for_user``),
    so no two people of one roster may share it.
    """
    full_name, department = _check_fields(full_name, department)
    if _same_person(organization, full_name, department).exists():
        raise ServiceError(f"{full_name} ({department or '-'}) is already on the roster")
    employee = Employee(
        organization=organization,
        full_name=full_name,
        department=department,
        email=_check_email(organization, email),
        handles=_clean_handles(handles),
        notes=notes,
    )
    _set_consent(employee, consent, actor)
    _save(employee, actor)
    record(organization, actor, Action.CREATE, employee, snapshot(employee, AUDITED))
    return employee


@transaction.atomic
def update_employee(
    employee: Employee, changes: Mapping[str, Any], *, actor: User | None
) -> Employee:
    """Change any of ``full_name``, ``department``, ``email``, ``handles``, ``consent`` and
    ``notes``."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    before = snapshot(employee, AUDITED)
    full_name, department = _check_fields(
        changes.get("full_name", employee.full_name), changes.get("department", employee.department)
    )
    if _same_person(employee.organization, full_name, department).exclude(pk=employee.pk).exists():
        raise ServiceError(f"{full_name} ({department or '-'}) is already on the roster")
    if "email" in changes:
        employee.email = _check_email(
            employee.organization, changes["email"], other_than=employee.pk
        )
    employee.full_name, employee.department = full_name, department
    if "handles" in changes:
        employee.handles = _clean_handles(changes["handles"])
    if "notes" in changes:
        employee.notes = changes["notes"]
    if "consent" in changes and bool(changes["consent"]) != employee.consent:
        _set_consent(employee, bool(changes["consent"]), actor)
    _save(employee, actor)
    _record_update(employee, before, actor)
    return employee


def _record_update(employee: Employee, before: dict[str, Any], actor: User | None) -> None:
    record(
        employee.organization,
        actor,
        Action.UPDATE,
        employee,
        diff(before, snapshot(employee, AUDITED)),
    )


@transaction.atomic
def record_consent(employee: Employee, consent: bool, *, actor: User | None) -> Employee:
    """Record that the person gave (or withdrew) consent, when, and who recorded it."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    before = snapshot(employee, AUDITED)
    _set_consent(employee, consent, actor)
    _save(employee, actor)
    _record_update(employee, before, actor)
    return employee


@transaction.atomic
def erase_employee(employee: Employee, *, actor: User | None) -> None:
    """Erase a person (the right to be forgotten).

    The roster row is all this app stores about them (rankings are computed when asked),
    so deleting it removes everything. The audit log would still hold their name and
    address in the entries of earlier changes: those keep who changed what and when, but
    their label becomes "erased person" and their values go. The erasure itself is logged
    without any of the person's data, and so is the server log's line.
    """
    organization_id, employee_id = employee.organization_id, employee.pk
    forget(employee)
    record(employee.organization, actor, Action.DELETE, employee, {}, label=ERASED)
    Employee.objects.filter(pk=employee_id, organization_id=organization_id).delete()
    logger.info(
        "internal scan: employee %s of organisation %s erased by user %s",
        employee_id,
        organization_id,
        getattr(actor, "pk", None),
    )


def goes_with(employee: Employee) -> list[tuple[str, int]]:
    """What goes with a person when they are erased, besides the roster row: (kind, how
    many), for the confirmation page."""
    return sorted(
        (str(model._meta.verbose_name_plural), len(pks))
        for model, pks in audit_goes_with(employee).items()
        if model is not Employee
    )


# --- roster import -------------------------------------------------------------------


@dataclass
class RosterRow:
    line: int
    full_name: str
    department: str
    handles: list[str]
    consent: bool
    # None: the file has no e-mail column or the cell is empty (the address stays).
    email: str | None = None


class RowError(Exception):
    """A roster row that cannot be imported; the message says why, ``field`` which
    column (empty when the row as a whole is the problem)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


# The service's field names as the columns of the file call them.
FILE_COLUMN = {"full_name": "name"}


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
        return unguard(cells[index].strip()) if index is not None and index < len(cells) else ""

    consent_text = cell("consent").lower()
    if consent_text not in YES | NO:
        raise RowError(
            f"consent must be yes or no (ja/nee, true/false, 1/0), not {consent_text!r}",
            "consent",
        )
    try:
        full_name, department = _check_fields(cell("name"), cell("department"))
        handles = _clean_handles(cell("handles"))
        email = _clean_email(cell("email")) or None
    except ServiceError as error:
        field = error.field or ""
        raise RowError(error.message, FILE_COLUMN.get(field, field)) from error
    return RosterRow(line, full_name, department, handles, consent_text in YES, email)


def _roster_rows(text: str) -> tuple[list[RosterRow], list[dict[str, Any]], int]:
    """The valid rows, the rejected ones (line and reason) and how many rows were read."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first_line))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ServiceError(f"line 1: the header cannot be read: {error}", field="file") from None
    if header is None:
        raise ServiceError("the file is empty", field="file")
    columns = _columns(header)
    rows: list[RosterRow] = []
    rejected: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    seen_email: dict[str, int] = {}
    read, previous_end = 0, reader.line_num

    def refuse(line: int, reason: str) -> None:
        nonlocal read, previous_end
        rejected.append({"line": line, "field": "", "reason": reason})
        read, previous_end = read + 1, line

    for end, cells in csv_rows(reader, refuse):
        line, previous_end = previous_end + 1, end
        if not any(c.strip() for c in cells):
            continue  # spreadsheets leave empty rows at the end
        read += 1
        try:
            row = _read_row(line, cells, columns)
            key = (row.full_name.lower(), row.department.lower())
            if key in seen:
                raise RowError(f"the same person as on line {seen[key]}")
            if row.email and row.email in seen_email:
                raise RowError(
                    f"{row.email} is already the e-mail address on line {seen_email[row.email]}",
                    "email",
                )
            seen[key] = line
            if row.email:
                seen_email[row.email] = line
            rows.append(row)
        except RowError as error:
            rejected.append({"line": line, "field": error.field, "reason": str(error)})
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
    semicolons), ``consent`` (yes/no, ja/nee, true/false, 1/0; empty is no) and
    ``email`` (optional; an empty cell keeps the address a person has). Comma, semicolon
    (Dutch Excel) or tab separated, UTF-8 with or without BOM, or Windows-1252.
    A person already on the roster is updated: department, handles, consent and address.
    A row whose address another person has is refused like any bad row.
    """
    rows, rejected, read = _roster_rows(csv_text(csv_stream))
    existing = list(Employee.objects.for_org(organization).select_for_update())
    # Who holds each address, as the rows are applied one by one.
    holders = {employee.email.lower(): employee for employee in existing if employee.email}
    created = updated = 0
    for row, employee in zip(rows, _match(existing, rows), strict=True):
        holder = holders.get(row.email) if row.email else None
        if holder is not None and holder is not employee:
            reason = _email_taken(row.email or "", holder)
            rejected.append({"line": row.line, "field": "email", "reason": reason})
            continue
        if employee is None:
            before: dict[str, Any] | None = None
            employee = Employee(organization=organization)
            _set_consent(employee, row.consent, actor)
            created += 1
        else:
            before = snapshot(employee, AUDITED)
            if employee.consent != row.consent:
                _set_consent(employee, row.consent, actor)
            updated += 1
        employee.full_name, employee.department = row.full_name, row.department
        employee.handles = row.handles
        if row.email and row.email != employee.email:
            holders.pop(employee.email.lower(), None)
            holders[row.email] = employee
            employee.email = row.email
        try:
            _save(employee, actor)
        except ServiceError as error:
            raise ServiceError(
                f"line {row.line}: {error.message}; was the roster changed meanwhile?",
                field="file",
            ) from error
        if before is None:
            record(organization, actor, Action.CREATE, employee, snapshot(employee, AUDITED))
        else:
            _record_update(employee, before, actor)
    rejected.sort(key=lambda item: item["line"])
    return {"read": read, "created": created, "updated": updated, "rejected": rejected}
