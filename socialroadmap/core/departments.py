"""The one list of departments every tool uses: the centre of excellence's spokes, the
content calendar, feedback, the department plans and the success indicators."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.TextChoices):
    MARKETING = "marketing", _("Marketing")
    COMMUNICATION = "communication", _("Communication")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    HR = "hr", _("HR")
    IT = "it", _("IT")
    RND = "rnd", _("R&D")
    SALES = "sales", _("Sales")
    MANAGEMENT = "management", _("Management")
    OTHER = "other", _("Other")


# The departments the model names as owners of their own plan (project 8): each needs a
# spoke before social media can go into every plan.
MODEL_DEPARTMENTS = (
    Department.MARKETING,
    Department.COMMUNICATION,
    Department.CUSTOMER_SERVICE,
    Department.HR,
    Department.IT,
    Department.RND,
    Department.SALES,
)


def may_work_on_department(membership: Any, department: str) -> bool:
    """Whether a member may change a department's own rows (its plan, its indicators):
    conversation managers and owners any department's, a contributor (department lead)
    only their own department's, a viewer none."""
    from socialroadmap.organizations.choices import Capability, Role

    role = Role(membership.role)
    if role.allows(Capability.MANAGE):
        return True
    if not role.allows(Capability.CONTRIBUTE):
        return False
    return bool(membership.department) and membership.department == department
