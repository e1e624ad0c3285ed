"""Panel members and questions made through the services, for the panel's tests."""

from __future__ import annotations

from typing import Any

from socialroadmap.accounts.models import User
from socialroadmap.organizations.models import Organization
from socialroadmap.panel import services
from socialroadmap.panel.models import PanelMember, PanelQuestion


def member(
    organization: Organization, name: str = "An Peeters", *, consent: bool = True, **fields: Any
) -> PanelMember:
    email = fields.pop("email", f"{name.split()[0].lower()}@example.be")
    return services.create_member(
        organization, name=name, email=email, consent=consent, actor=None, **fields
    )


def open_question(
    organization: Organization,
    title: str = "Which origin?",
    *,
    options: list[str] | None = None,
    actor: User | None = None,
) -> PanelQuestion:
    question = services.create_question(
        organization,
        title=title,
        options=["Sidamo", "Huila"] if options is None else options,
        actor=actor,
    )
    return services.transition_question(question, "open", actor=actor)
