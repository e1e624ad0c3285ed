"""The read side of the programme: who must take which module, the coverage per
department and level, and who is overdue. Computed when asked, never stored.

Departments are compared with the roster's ``department_key``, so a module for
"Klantendienst" also counts " klantendienst " of the roster.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import department_key, departments
from socialroadmap.knowledge.choices import LEVELS
from socialroadmap.knowledge.models import Completion, Module
from socialroadmap.organizations.models import Organization


def applies(module: Module, employee: Employee) -> bool:
    """Whether ``employee`` must take ``module``."""
    if not module.compulsory:
        return False
    if not module.departments:
        return True
    return department_key(employee.department) in {department_key(d) for d in module.departments}


@dataclass
class Cell:
    """Of ``required`` people who must take the compulsory modules of a level,
    ``done`` completed all of them."""

    done: int = 0
    required: int = 0

    @property
    def share(self) -> float | None:
        return self.done / self.required if self.required else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(100 * share)


@dataclass
class CoverageRow:
    """One department (or the whole organisation): a cell per level and one for all
    levels together."""

    key: str
    department: str
    people: int = 0
    levels: dict[int, Cell] = field(
        default_factory=lambda: {int(level): Cell() for level in LEVELS}
    )
    all_levels: Cell = field(default_factory=Cell)

    def cells(self) -> list[Cell]:
        return [self.levels[int(level)] for level in LEVELS]


@dataclass
class Coverage:
    rows: list[CoverageRow]
    total: CoverageRow


@dataclass(frozen=True)
class Overdue:
    """A compulsory module a person has not completed by its due date."""

    employee: Employee
    module: Module
    due_on: date


def _completed(organization: Organization) -> dict[int, set[int]]:
    """Person id → the ids of the modules they completed."""
    done: dict[int, set[int]] = {}
    pairs = Completion.objects.for_org(organization).values_list("employee_id", "module_id")
    for employee_id, module_id in pairs:
        done.setdefault(employee_id, set()).add(module_id)
    return done


def _count(row: CoverageRow, needed: dict[int, list[Module]], done: set[int]) -> None:
    row.people += 1
    anything = False
    for level, modules in needed.items():
        if modules:
            anything = True
            row.levels[level].required += 1
            row.levels[level].done += all(m.pk in done for m in modules)
    if anything:
        row.all_levels.required += 1
        row.all_levels.done += all(m.pk in done for ms in needed.values() for m in ms)


def coverage(organization: Organization) -> Coverage:
    """Per department and level, how many of the people who must take the level's
    compulsory modules completed all of them; the same for the whole organisation."""
    modules = [m for m in Module.objects.for_org(organization) if m.compulsory]
    completed = _completed(organization)
    shown = departments(organization)
    rows = {key: CoverageRow(key, name) for key, name in shown.items()}
    total = CoverageRow("", "")
    for employee in Employee.objects.for_org(organization).only("id", "department"):
        needed = {
            int(level): [m for m in modules if m.level == level and applies(m, employee)]
            for level in LEVELS
        }
        done = completed.get(employee.pk, set())
        _count(rows[department_key(employee.department)], needed, done)
        _count(total, needed, done)
    return Coverage(rows=list(rows.values()), total=total)


def due_on(module: Module, employee: Employee) -> date | None:
    """The day by which ``employee`` must have completed ``module`` (None: no deadline)."""
    if module.due_days is None or not applies(module, employee):
        return None
    start = max(timezone.localdate(module.created_at), timezone.localdate(employee.created_at))
    return start + timedelta(days=module.due_days)


def overdue(organization: Organization, today: date | None = None) -> list[Overdue]:
    """Compulsory modules not completed by their due date, oldest first."""
    today = today or timezone.localdate()
    modules = [m for m in Module.objects.for_org(organization) if m.compulsory and m.due_days]
    if not modules:
        return []
    completed = _completed(organization)
    late = []
    for employee in Employee.objects.for_org(organization):
        for module in modules:
            deadline = due_on(module, employee)
            if (
                deadline is not None
                and deadline < today
                and module.pk not in completed.get(employee.pk, ())
            ):
                late.append(Overdue(employee, module, deadline))
    return sorted(late, key=lambda item: (item.due_on, item.employee.full_name, item.module.title))


def by_person(items: Iterable[Overdue]) -> dict[Employee, list[Overdue]]:
    """The overdue modules grouped by person, in the order given."""
    grouped: dict[Employee, list[Overdue]] = {}
    for item in items:
        grouped.setdefault(item.employee, []).append(item)
    return grouped
