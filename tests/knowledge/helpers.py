"""People on the roster and modules made directly, for the knowledge tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import models
from django.utils import timezone

from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.services import create_employee
from socialroadmap.knowledge import services
from socialroadmap.knowledge.models import Module, Question
from socialroadmap.organizations.models import Organization

QUIZ = (
    ("What comes first when a complaint spreads?", ["A press release", "Acknowledge it"], 2),
    ("Who answers in a crisis?", ["Anybody", "The crisis team", "The agency"], 2),
)


def person(
    organization: Organization, name: str, department: str = "", email: str = ""
) -> Employee:
    return create_employee(
        organization, full_name=name, department=department, email=email, actor=None
    )


def module(organization: Organization, title: str = "Social media basics", **fields: Any) -> Module:
    """A compulsory level-1 module for everybody (until ``fields`` say otherwise)."""
    values: dict[str, Any] = {"level": 1, "compulsory": True}
    values.update(fields)
    return services.create_module(organization, title=title, actor=None, **values)


def with_quiz(organization: Organization, title: str = "Crisis", **fields: Any) -> Module:
    """A level-3 module with a quiz of two questions (the right answers: 2 and 2)."""
    crisis = module(organization, title, level=3, compulsory=False, **fields)
    for text, options, correct in QUIZ:
        services.add_question(crisis, text=text, options=options, correct=correct, actor=None)
    return crisis


def questions(crisis: Module) -> list[Question]:
    return list(crisis.questions.all())


def backdate(row: models.Model, days: int) -> None:
    """Make ``row`` look created ``days`` ago."""
    type(row)._default_manager.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    row.refresh_from_db()
