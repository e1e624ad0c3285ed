"""Roles and what each may do. The table in docs/roles.md mirrors this file."""

from __future__ import annotations

from enum import IntEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Conversation manager")
    CONTRIBUTOR = "contributor", _("Contributor (department lead)")
    VIEWER = "viewer", _("Viewer")

    @property
    def rank(self) -> int:
        return ROLE_RANK[self]

    def allows(self, capability: Capability) -> bool:
        return self.rank >= capability.value


ROLE_RANK = {Role.VIEWER: 0, Role.CONTRIBUTOR: 1, Role.MANAGER: 2, Role.OWNER: 3}


class Capability(IntEnum):
    """What a role may do; the value is the rank of the lowest role that may."""

    VIEW = 0  # read the roadmap, tools, reports and dashboards
    CONTRIBUTE = (
        1  # answer assessments, work on the board and their department's tools, import posts
    )
    MANAGE = 2  # configure the roadmap's tools: listening queries and sources, alerts, the roster
    ADMINISTER = 3  # members, roles, invitations, organisation settings


ROLE_HELP = {
    Role.OWNER: _("Manages members and settings, and everything a conversation manager may."),
    Role.MANAGER: _(
        "Runs the roadmap: assessments, tools, listening (queries, sources, alert rules, "
        "the roster) and reports."
    ),
    Role.CONTRIBUTOR: _(
        "A department lead: answers the assessment, works on the roadmap and imports posts."
    ),
    Role.VIEWER: _("Reads the roadmap, reports and dashboards; changes nothing."),
}
