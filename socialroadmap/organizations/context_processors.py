"""The organisation switcher in every page's header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from socialroadmap.organizations.models import Membership


def organizations(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def memberships() -> list[Membership]:
        return list(
            Membership.objects.filter(user=user)
            .select_related("organization")
            .order_by("organization__name")
        )

    return {
        "my_memberships": memberships,
        "current_organization": getattr(request, "organization", None),
        "current_membership": getattr(request, "membership", None),
    }
