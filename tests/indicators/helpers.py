"""Shared builders of the indicators tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from socialroadmap.indicators import services
from socialroadmap.indicators.models import Indicator
from socialroadmap.listening.models import ListeningQuery, Post, PostMatch
from socialroadmap.listening.services.imports import refresh_rollups
from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import Membership, Organization
from tests.conftest import Persona, make_persona


def indicator(
    organization: Organization,
    name: str = "Leads",
    department: str = "marketing",
    metric: str = "leads",
    **fields: Any,
) -> Indicator:
    return services.create_indicator(
        organization, name=name, department=department, metric=metric, actor=None, **fields
    )


def contributor(organization: Organization, department: str, email: str = "") -> Persona:
    """A department lead of ``department``."""
    persona = make_persona(email or f"lead-{department}@acme.test", organization, Role.CONTRIBUTOR)
    Membership.objects.filter(user=persona.user).update(department=department)
    return persona


def at(text: str) -> datetime:
    """A local moment, e.g. "2026-03-10 12:00"."""
    return timezone.make_aware(datetime.fromisoformat(text))


def posts(
    organization: Organization,
    query: ListeningQuery | None,
    rows: list[tuple[str, str, float]],
    prefix: str = "p",
) -> None:
    """Posts (moment, sentiment, score) matched by ``query``, with their rollups."""
    made = []
    for number, (moment, sentiment, score) in enumerate(rows):
        post = Post.objects.create(
            organization=organization,
            source="x",
            external_id=f"{prefix}{number}",
            text="mertens koffie",
            created_at=at(moment),
            sentiment=sentiment,
            sentiment_score=score,
        )
        if query is not None:
            PostMatch.objects.create(organization=organization, post=post, query=query)
        made.append(post.created_at)
    refresh_rollups(organization, made)
