"""Who acknowledged the published policy: the share of the roster per department and
overall, and the members who acknowledged without being on the roster."""

from __future__ import annotations

from dataclasses import dataclass

from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import department_key, departments, headcount
from socialroadmap.organizations.models import Organization
from socialroadmap.policy.models import Acknowledgement, PolicyVersion
from socialroadmap.policy.services import published_version


@dataclass(frozen=True)
class DepartmentShare:
    key: str
    name: str  # "" for the people without a department
    people: int
    acknowledged: int

    @property
    def share(self) -> float:
        return self.acknowledged / self.people if self.people else 0.0


@dataclass(frozen=True)
class Shares:
    """The acknowledgements of ``version`` (None when nothing is published)."""

    version: PolicyVersion | None
    departments: list[DepartmentShare]
    people: int
    acknowledged: int
    off_roster: list[Acknowledgement]

    @property
    def share(self) -> float:
        return self.acknowledged / self.people if self.people else 0.0


def acknowledged_employee_ids(version: PolicyVersion) -> set[int]:
    return set(
        Acknowledgement.objects.filter(version=version, employee__isnull=False).values_list(
            "employee_id", flat=True
        )
    )


def acknowledgement_shares(organization: Organization) -> Shares:
    """Roster people per department (departments compared without case or spacing) who
    acknowledged the published version, and overall."""
    version = published_version(organization)
    counts = headcount(organization)
    names = departments(organization)
    done: dict[str, int] = {}
    off_roster: list[Acknowledgement] = []
    if version is not None:
        ids = acknowledged_employee_ids(version)
        for name in (
            Employee.objects.for_org(organization)
            .filter(pk__in=ids)
            .values_list("department", flat=True)
        ):
            key = department_key(name)
            done[key] = done.get(key, 0) + 1
        off_roster = list(
            Acknowledgement.objects.filter(version=version, employee__isnull=True)
            .select_related("user")
            .order_by("-acknowledged_at")
        )
    rows = [
        DepartmentShare(
            key=key, name=names.get(key, ""), people=people, acknowledged=done.get(key, 0)
        )
        for key, people in sorted(counts.items(), key=lambda item: names.get(item[0], "").lower())
    ]
    return Shares(
        version=version,
        departments=rows,
        people=sum(counts.values()),
        acknowledged=sum(done.values()),
        off_roster=off_roster,
    )
