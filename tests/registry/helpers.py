"""Accounts and listening posts made directly, for the registry tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization
from socialroadmap.registry.models import SocialAccount
from socialroadmap.registry.services import create_account


def safe_account(organization: Organization, handle: str = "acme", **fields: Any) -> SocialAccount:
    """An account that raises no warning (until ``fields`` say otherwise)."""
    values: dict[str, Any] = {
        "owner": "An Peeters",
        "backup_owner": "Bart De Smet",
        "two_factor": "yes",
        "shared_credentials": False,
        "last_activity": None,
    }
    values.update(fields)
    return create_account(organization, network="x", handle=handle, actor=None, **values)


def post(organization: Organization, author: str, when: datetime, number: int = 1) -> Post:
    return Post.objects.create(
        organization=organization,
        source="x",
        external_id=f"{author}-{number}",
        text="hello",
        author=author,
        created_at=when,
        sentiment="neutral",
        sentiment_score=0.0,
    )
