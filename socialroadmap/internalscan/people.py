"""The roster as the organisation's staff list, for the tools that count people per
department (the knowledge programme's coverage, the policy's acknowledgements).

Departments are free text on the roster; they are compared without case or surrounding
spaces, and shown in the spelling most people of the department have.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from socialroadmap.internalscan.models import Employee
from socialroadmap.organizations.models import Organization

NO_DEPARTMENT = ""


def department_key(name: str) -> str:
    """What two spellings of one department have in common: ``" HR "`` and ``"hr"``."""
    return " ".join(name.split()).lower()


def employee_for_user(organization: Organization, user: Any) -> Employee | None:
    """The person on the roster with the user's e-mail address, if any (the first one
    added when the address is on several rows)."""
    email = getattr(user, "email", "") or ""
    if not email:
        return None
    return Employee.objects.for_org(organization).filter(email__iexact=email).order_by("id").first()


def departments(organization: Organization) -> dict[str, str]:
    """Department key → the spelling to show, for every department on the roster
    (``""`` for people without one)."""
    spellings: dict[str, Counter[str]] = {}
    names = Employee.objects.for_org(organization).values_list("department", flat=True)
    for name in names:
        shown = " ".join(name.split())
        spellings.setdefault(department_key(name), Counter())[shown] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in sorted(spellings.items())}


def headcount(organization: Organization) -> Counter[str]:
    """People on the roster per department key."""
    names = Employee.objects.for_org(organization).values_list("department", flat=True)
    return Counter(department_key(name) for name in names)
