"""A small escalation matrix for the feedback tests: complaints go to Pieter-Jan
(backup Sara), questions have no rule."""

from __future__ import annotations

from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.excellence.services import add_team_member, create_escalation_rule
from tests.conftest import Persona


def matrix(owner: Persona) -> tuple[TeamMember, TeamMember, EscalationRule]:
    org = owner.organization
    pj = add_team_member(
        org,
        name="Pieter-Jan",
        email="pj@acme.test",
        role="coe_member",
        department="customer_service",
        actor=owner.user,
    )
    sara = add_team_member(
        org,
        name="Sara",
        email="sara@acme.test",
        role="conversation_manager",
        department="marketing",
        actor=owner.user,
    )
    rule = create_escalation_rule(
        org,
        kind="complaint",
        severity="normal",
        responsible=pj,
        backup=sara,
        respond_within_minutes=240,
        actor=owner.user,
    )
    return pj, sara, rule
