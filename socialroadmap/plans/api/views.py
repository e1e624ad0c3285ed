"""API of the plans app: the departments' plans, their objectives with linked indicators
(members read; a contributor writes their own department's, managers and owners any)
and the integration map."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin
from socialroadmap.plans import services
from socialroadmap.plans.api.serializers import (
    PlanMapSerializer,
    PlanObjectiveSerializer,
    PlanSerializer,
)
from socialroadmap.plans.integration import integration_map
from socialroadmap.plans.models import DepartmentPlan, Objective


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class _PlansScoped(OrganizationScopedMixin):
    write_capability = Capability.CONTRIBUTE

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        if "org_slug" in self.kwargs:
            context["organization"] = self.organization
        return context

    def require(self, department: str) -> None:
        if not services.may_change(self.get_membership(), department):
            raise PermissionDenied("you may change only your own department's plan")


@extend_schema(
    parameters=[OpenApiParameter("department", str, description="Only this department's plans.")]
)
class PlanViewSet(_PlansScoped, viewsets.ModelViewSet):
    """The departments' plans. Deleting one deletes its objectives (the indicators stay)."""

    serializer_class = PlanSerializer
    queryset = DepartmentPlan.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[DepartmentPlan]:
        rows = self.scope(DepartmentPlan.objects.prefetch_related("objectives"))
        department = self.request.query_params.get("department")
        if department:
            rows = rows.filter(department=department)
        return rows.order_by("department", "name", "pk")

    def perform_create(self, serializer: Any) -> None:
        self.require(serializer.validated_data["department"])
        try:
            serializer.instance = services.create_plan(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        self.require(serializer.instance.department)
        self.require(serializer.validated_data.get("department", serializer.instance.department))
        try:
            serializer.instance = services.update_plan(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: DepartmentPlan) -> None:
        self.require(instance.department)
        services.delete_plan(instance, actor=self.actor)


@extend_schema(
    parameters=[OpenApiParameter("plan", int, description="Only this plan's objectives.")]
)
class PlanObjectiveViewSet(_PlansScoped, viewsets.ModelViewSet):
    """The plans' social objectives, each with the ids of its linked indicators."""

    serializer_class = PlanObjectiveSerializer
    queryset = Objective.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Objective]:
        rows = self.scope(Objective.objects.select_related("plan").prefetch_related("indicators"))
        plan = self.request.query_params.get("plan")
        if plan:
            rows = rows.filter(plan_id=plan) if plan.isdigit() else rows.none()
        return rows.order_by("plan", "due_on", "pk")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        plan = data.pop("plan")
        self.require(plan.department)
        try:
            serializer.instance = services.add_objective(plan, actor=self.actor, **data)
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        self.require(serializer.instance.plan.department)
        plan = data.pop("plan", serializer.instance.plan)
        if plan != serializer.instance.plan:
            raise ValidationError({"plan": ["an objective stays in its plan"]})
        try:
            serializer.instance = services.update_objective(
                serializer.instance, data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Objective) -> None:
        self.require(instance.plan.department)
        services.delete_objective(instance, actor=self.actor)


class PlanMapViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """The integration map: per department its stage, objectives and linked indicators."""

    serializer_class = PlanMapSerializer
    pagination_class = None

    @extend_schema(responses={200: PlanMapSerializer})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The seven model departments (with or without a plan), then the other plans."""
        result = integration_map(self.organization)
        data = {
            "in_plan": result.in_plan,
            "of": result.of,
            "departments": [row.as_dict() for row in result.rows],
        }
        return Response(PlanMapSerializer(data).data)
