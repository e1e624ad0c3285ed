"""API: the caller's organisations and their members."""

from __future__ import annotations

from typing import Any, cast

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations import services
from socialroadmap.organizations.api.serializers import (
    InviteMemberSerializer,
    InviteResultSerializer,
    MembershipSerializer,
    OrganizationSerializer,
)
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.organizations.scoping import (
    OrganizationScopedMixin,
)


def raise_validation(error: ServiceError) -> None:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """The organisations the caller belongs to (and no others)."""

    serializer_class = OrganizationSerializer
    queryset = Organization.objects.none()
    lookup_field = "slug"
    lookup_url_kwarg = "org_slug"

    def get_queryset(self) -> QuerySet[Organization]:
        return Organization.objects.filter(
            pk__in=Membership.objects.filter(user=cast(User, self.request.user)).values(
                "organization"
            )
        ).order_by("name")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if self.request.user.is_authenticated:
            context["roles"] = dict(
                Membership.objects.filter(user_id=self.request.user.pk).values_list(
                    "organization_id", "role"
                )
            )
        return context


class MembershipViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Members of one organisation. Any member reads; owners invite, change roles and remove."""

    serializer_class = MembershipSerializer
    write_capability = Capability.ADMINISTER
    queryset = Membership.objects.none()

    def get_queryset(self) -> QuerySet[Membership]:
        return self.scope(Membership.objects.select_related("user")).order_by("user__email")

    def perform_update(self, serializer: Any) -> None:
        data = serializer.validated_data
        if "role" not in data and "department" not in data:
            raise ValidationError({"role": ["This field is required."]})
        try:
            with transaction.atomic():
                if "role" in data:
                    services.change_member_role(serializer.instance, data["role"], actor=self.actor)
                if "department" in data:
                    services.set_member_department(
                        serializer.instance, data["department"], actor=self.actor
                    )
        except ServiceError as error:
            raise_validation(error)

    def perform_destroy(self, instance: Membership) -> None:
        try:
            services.remove_member(instance, actor=self.actor)
        except ServiceError as error:
            raise_validation(error)

    @extend_schema(
        request=InviteMemberSerializer,
        responses={201: InviteResultSerializer, 400: OpenApiResponse(description="Invalid input")},
        summary="Add a member, or invite a new person by e-mail",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = InviteMemberSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            result = services.invite_member(
                self.organization,
                payload.validated_data["email"],
                payload.validated_data["role"],
                actor=self.actor,
            )
        except ServiceError as error:
            raise_validation(error)
        body = {
            "status": "added" if result.membership else "invited",
            "member": MembershipSerializer(result.membership).data if result.membership else None,
            "invitation_link": result.link,
        }
        return Response(body, status=status.HTTP_201_CREATED)
