"""Typed requests, so that views say what they can rely on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from socialroadmap.accounts.models import User
    from socialroadmap.organizations.models import Membership, Organization


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``."""

    user: User
    LANGUAGE_CODE: str


class OrganizationRequest(AuthenticatedRequest):
    """A request behind ``org_view``: the organisation in the URL and the caller's membership."""

    organization: Organization
    membership: Membership
