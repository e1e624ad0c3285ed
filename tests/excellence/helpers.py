"""Team members and rules made through the services, for the centre-of-excellence tests."""

from __future__ import annotations

from typing import Any

from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.excellence.services import add_team_member, create_escalation_rule
from socialroadmap.organizations.models import Organization


def person(
    organization: Organization, name: str = "Ann", role: str = "coe_member", **kw: Any
) -> TeamMember:
    email = kw.pop("email", f"{name.lower().replace(' ', '.')}@acme.test")
    return add_team_member(organization, name=name, email=email, role=role, actor=None, **kw)


def rule(
    organization: Organization,
    responsible: TeamMember,
    kind: str = "complaint",
    severity: str = "normal",
    **kw: Any,
) -> EscalationRule:
    return create_escalation_rule(
        organization,
        kind=kind,
        severity=severity,
        responsible=responsible,
        respond_within_minutes=kw.pop("respond_within_minutes", 60),
        actor=None,
        **kw,
    )
