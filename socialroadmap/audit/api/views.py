"""API of the audit log: owners read it, newest first, optionally for one area."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from socialroadmap.audit.api.serializers import AuditEntrySerializer
from socialroadmap.audit.models import AuditEntry
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("area", str, description="Only this area, e.g. registry.")]
    )
)
class AuditEntryViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Who changed what in the organisation's tools, and when. Owners only."""

    serializer_class = AuditEntrySerializer
    queryset = AuditEntry.objects.none()
    read_capability = Capability.ADMINISTER
    write_capability = Capability.ADMINISTER
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Any]:
        rows = self.scope(AuditEntry.objects.all())
        area = self.request.query_params.get("area")
        return rows.filter(area=area) if area else rows
