"""The one mechanism that scopes company data to an organisation.

Views use ``org_view``, API viewsets ``OrganizationScopedMixin``, the CLI
``services.find_organization`` and jobs ``Model.objects.for_org(...)``. A person who is
not a member of the organisation named in the URL gets 404: an outsider cannot even
learn that it exists. A member whose role is too low for a change gets 403.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from socialroadmap.accounts.models import User
from socialroadmap.organizations.choices import Capability, Role
from socialroadmap.organizations.models import Membership, Organization

M = TypeVar("M", bound=Model)

if TYPE_CHECKING:
    from rest_framework.permissions import _PermissionClass


def resolve_membership(user: Any, slug: str) -> Membership:
    """The caller's membership of the organisation ``slug``, or 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("organization")
        .filter(organization__slug=slug, user=user, user__is_active=True)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def require(membership: Membership, capability: Capability) -> None:
    if not Role(membership.role).allows(capability):
        raise PermissionDenied


def get_scoped_or_404(queryset: QuerySet[Any], organization: Organization, **lookup: Any) -> Any:
    """Fetch one row of company data of ``organization``; any other organisation's is 404."""
    return get_object_or_404(queryset.filter(organization=organization), **lookup)


ViewFunc = Callable[..., HttpResponse]


def org_view(
    capability: Capability = Capability.VIEW, *, write: Capability | None = None
) -> Callable[[ViewFunc], ViewFunc]:
    """Resolve ``org_slug`` from the URL into ``request.organization`` and ``request.membership``.

    ``capability`` is needed for any request; ``write``, when given, for unsafe methods.
    Anonymous people are sent to the login page.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = resolve_membership(request.user, org_slug)
            require(membership, capability)
            if write is not None and request.method not in SAFE_METHODS:
                require(membership, write)
            request.organization = membership.organization  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class OrganizationRolePermission(BasePermission):
    """Members only (others get 404 from the mixin); writes need ``write_capability``."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        membership = view.get_membership()
        needed = view.read_capability if request.method in SAFE_METHODS else view.write_capability
        return Role(membership.role).allows(needed)


class OrganizationScopedMixin:
    """For API viewsets under ``/api/v1/organizations/{org_slug}/``.

    Set ``read_capability``/``write_capability``; querysets go through ``for_org``.
    """

    read_capability = Capability.VIEW
    write_capability = Capability.MANAGE
    permission_classes: Sequence[_PermissionClass] = [OrganizationRolePermission]
    lookup_field = "pk"
    kwargs: dict[str, Any]

    def get_membership(self) -> Membership:
        cached = getattr(self, "_membership", None)
        if cached is None:
            cached = resolve_membership(self.request.user, self.kwargs["org_slug"])  # type: ignore[attr-defined]
            self._membership = cached
        return cached

    @property
    def actor(self) -> User:
        """The caller; only members (so authenticated users) get this far."""
        return self.get_membership().user

    @property
    def organization(self) -> Organization:
        return self.get_membership().organization

    def scope(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(organization=self.organization)

    def get_object(self) -> Any:
        """One row of this organisation, looked up by ``lookup_field``; others are 404."""
        lookup = {self.lookup_field: self.kwargs[self.lookup_field]}
        return get_scoped_or_404(self.get_queryset(), self.organization, **lookup)  # type: ignore[attr-defined]
