"""The audit log page: owners read who changed what, filter it by area and download it."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core import exports
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import org_view

PAGE_SIZE = 50
EXPORT_COLUMNS = ["at", "who", "action", "area", "kind", "object_id", "object", "changes"]


def _entries(request: OrganizationRequest) -> tuple[QuerySet[AuditEntry], str]:
    rows = AuditEntry.objects.for_org(request.organization)
    area = request.GET.get("area", "")
    if area:
        rows = rows.filter(area=area)
    return rows, area


@org_view(Capability.ADMINISTER)
@require_safe
def log(request: OrganizationRequest) -> HttpResponse:
    """The newest changes first, fifty a page."""
    rows, area = _entries(request)
    areas = (
        AuditEntry.objects.for_org(request.organization)
        .order_by("area")
        .values_list("area", flat=True)
        .distinct()
    )
    page = Paginator(rows.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {"page": page, "areas": list(areas), "area": area}
    return render(request, "audit/log.html", context)


@org_view(Capability.ADMINISTER)
@require_safe
def log_export(request: OrganizationRequest, export_format: str) -> Any:
    """The (filtered) log as CSV or XLSX."""
    rows, _area = _entries(request)
    lines = (
        [e.at, e.actor_label, e.action, e.area, e.kind, e.object_id, e.label, _changes(e)]
        for e in rows.iterator(chunk_size=1000)
    )
    return exports.table_response(
        request.organization.slug, "audit", export_format, EXPORT_COLUMNS, lines, stream=True
    )


def _changes(entry: AuditEntry) -> str:
    return "; ".join(f"{name}: {value}" for name, value in (entry.changes or {}).items())
