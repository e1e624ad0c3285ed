"""API of the knowledge programme: modules (with their quiz questions, without the
answers), completions and the coverage per department and level. Members read;
conversation managers write."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import department_key
from socialroadmap.knowledge import services
from socialroadmap.knowledge.api.serializers import (
    CompletionSerializer,
    CoverageRowSerializer,
    ModuleSerializer,
)
from socialroadmap.knowledge.choices import LEVELS
from socialroadmap.knowledge.coverage import CoverageRow, coverage
from socialroadmap.knowledge.models import Completion, Module
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class ModuleViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The programme's modules. Members read; conversation managers write. Deleting a
    module deletes its quiz questions and completions."""

    serializer_class = ModuleSerializer
    queryset = Module.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Module]:
        return self.scope(Module.objects.prefetch_related("questions").order_by("level", "title"))

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_module(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_module(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Module) -> None:
        services.delete_module(instance, actor=self.actor)


FILTERS = [
    OpenApiParameter("module", int, description="Only this module's completions."),
    OpenApiParameter(
        "department", str, description="Only this department's people (any spelling)."
    ),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class CompletionViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Who completed which module. Members read; conversation managers record and remove."""

    serializer_class = CompletionSerializer
    queryset = Completion.objects.none()
    lookup_value_regex = r"\d+"

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "org_slug" in self.kwargs:
            context["organization"] = self.organization
        return context

    def get_queryset(self) -> QuerySet[Completion]:
        rows = self.scope(
            Completion.objects.select_related("employee", "module").order_by("-completed_on", "id")
        )
        if self.action != "list":
            return rows
        module = self.request.query_params.get("module", "")
        if module:
            if not module.isdigit():
                raise ValidationError({"module": ["give a module id"]})
            rows = rows.filter(module_id=int(module))
        department = self.request.query_params.get("department")
        if department is not None:
            wanted = department_key(department)
            people = Employee.objects.for_org(self.organization).values_list("id", "department")
            rows = rows.filter(
                employee_id__in=[pk for pk, name in people if department_key(name) == wanted]
            )
        return rows

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = services.create_completion(
                self.organization,
                module=data["module"],
                employee=data["employee"],
                completed_on=data["completed_on"],
                score=data.get("score"),
                actor=self.actor,
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Completion) -> None:
        services.delete_completion(instance, actor=self.actor)


def _row(row: CoverageRow, whole: bool) -> dict[str, Any]:
    return {
        "department": row.department,
        "whole_organisation": whole,
        "people": row.people,
        "levels": [
            {"level": int(level), "required": cell.required, "done": cell.done, "share": cell.share}
            for level, cell in zip(LEVELS, row.cells(), strict=True)
        ],
    }


class CoverageViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """The coverage per department and level, and for the whole organisation (last)."""

    serializer_class = CoverageRowSerializer
    pagination_class = None

    @extend_schema(responses={200: CoverageRowSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Per department: of the people who must take a level's compulsory modules,
        how many completed all of them."""
        table = coverage(self.organization)
        rows = [_row(row, False) for row in table.rows] + [_row(table.total, True)]
        return Response(CoverageRowSerializer(rows, many=True).data)
