"""Demo data for the centre of excellence of Koffiebranderij Mertens: a conversation
manager, two members, spokes in most departments and an escalation matrix with a few
cells still open, so the overview shows both the team and what is missing."""

from __future__ import annotations

from socialroadmap.accounts.models import User
from socialroadmap.excellence import services
from socialroadmap.excellence.models import TeamMember
from socialroadmap.organizations.models import Organization

# (name, e-mail, role, department, hours per week)
TEAM = (
    ("Jeroen De Smet", "jeroen@mertens.example", "conversation_manager", "communication", 24),
    ("Sara El Amrani", "sara@mertens.example", "coe_member", "marketing", 12),
    ("Pieter-Jan Wuyts", "pieterjan@mertens.example", "coe_member", "customer_service", 16),
    ("Hanne Jacobs", "hanne@mertens.example", "spoke", "hr", 2),
    ("Wim Goossens", "wim@mertens.example", "spoke", "it", 2),
    ("Jonas De Vos", "jonas@mertens.example", "spoke", "sales", 3),
    ("Femke Michiels", "femke@mertens.example", "spoke", "rnd", 2),
)
# (kind, severity, responsible, backup, minutes)
RULES = (
    ("complaint", "normal", "Pieter-Jan Wuyts", "Sara El Amrani", 240),
    ("complaint", "urgent", "Pieter-Jan Wuyts", "Jeroen De Smet", 30),
    ("crisis", "urgent", "Jeroen De Smet", "Pieter-Jan Wuyts", 15),
    ("press", "normal", "Jeroen De Smet", None, 120),
    ("job_question", "normal", "Hanne Jacobs", None, 1440),
)


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without a team: what people add later is kept."""
    if TeamMember.objects.for_org(organization).exists():
        return
    people = {}
    for name, email, role, department, hours in TEAM:
        people[name] = services.add_team_member(
            organization,
            name=name,
            email=email,
            role=role,
            department=department,
            hours_per_week=hours,
            actor=owner,
        )
    for kind, severity, responsible, backup, minutes in RULES:
        services.create_escalation_rule(
            organization,
            kind=kind,
            severity=severity,
            responsible=people[responsible],
            backup=people[backup] if backup else None,
            respond_within_minutes=minutes,
            actor=owner,
        )
