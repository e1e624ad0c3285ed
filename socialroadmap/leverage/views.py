"""Pages of the leverage app: the communications with their outcomes and the lift of
linking them to the social platforms, measured on the organisation's own data.
Members read; conversation managers register, import and change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.engine.lift import PAIRED
from socialroadmap.leverage import imports, services
from socialroadmap.leverage.chart import lift_chart
from socialroadmap.leverage.choices import REPORTED_HIGH, REPORTED_LOW, Metric, Per
from socialroadmap.leverage.forms import CommunicationForm, ImportForm, LiftForm
from socialroadmap.leverage.measure import lift_for, sentence
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view


def _can_manage(request: OrganizationRequest) -> bool:
    return request.membership.role_enum.allows(Capability.MANAGE)


def _back(request: OrganizationRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("leverage:overview", org_slug=request.organization.slug)


@org_view()
@require_safe
def overview(request: OrganizationRequest) -> HttpResponse:
    """The communications, and the lift on the outcome chosen in the address."""
    organization = request.organization
    form = LiftForm(request.GET or None)
    metric, per = form.chosen() if request.GET else (Metric.REACH, Per.NOTHING)
    rows = list(Communication.objects.for_org(organization).select_related("control_for"))
    result = lift_for(organization, metric, per)
    return render(
        request,
        "leverage/overview.html",
        {
            "rows": rows,
            "form": form if request.GET else LiftForm(initial={"metric": metric, "per": per}),
            "metric": metric,
            "metric_label": Metric(metric).label,
            "result": result,
            "sentence": sentence(result, metric, per),
            "chart": lift_chart(result),
            "reported": (round(REPORTED_LOW * 100), round(REPORTED_HIGH * 100)),
            "pairs": sum(1 for row in rows if row.control_for_id is not None),
            "paired": result.method == PAIRED,
            "can_manage": _can_manage(request),
        },
    )


def _form_page(
    request: OrganizationRequest, row: Communication, title: str, saved: str
) -> HttpResponse:
    form = CommunicationForm(request.POST or None, instance=row)
    adding = row.pk is None

    def save() -> Communication:
        changes = form.changes()
        if adding:
            return services.create_communication(
                request.organization, actor=request.user, **changes
            )
        return services.update_communication(row, changes, actor=request.user)

    if request.method == "POST" and run_service(form, save) is not None:
        return _back(request, saved)
    return render(request, "leverage/form.html", {"form": form, "title": title})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def communication_add(request: OrganizationRequest) -> HttpResponse:
    row = Communication(organization=request.organization)
    return _form_page(request, row, _("Register a communication"), _("Communication registered."))


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def communication_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(Communication.objects.all(), request.organization, pk=pk)
    return _form_page(request, row, str(row), _("Communication saved."))


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def communication_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(Communication.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_communication(row, actor=request.user)
        return _back(request, _("Communication deleted."))
    return render(
        request,
        "leverage/confirm_delete.html",
        {"row": row, "controls": services.what_goes_with(row)},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def communications_import(request: OrganizationRequest) -> HttpResponse:
    """Upload a CSV file; the page then shows what was kept and each refused line."""
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        try:
            result = imports.import_communications_csv(
                request.organization, form.cleaned_data["file"], actor=request.user
            )
        except ServiceError as error:
            form.add_error("file", error.message)
    return render(request, "leverage/import.html", {"form": form, "result": result})


@org_view()
@require_safe
def communications_template(request: OrganizationRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type=exports.CSV_TYPE)
    return exports.attachment(response, "communications-template.csv")


def _exported(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, Communication):
        return value.name
    return value


@org_view()
@require_safe
def communications_export(request: OrganizationRequest, export_format: str) -> Any:
    """The communications in the import's columns, so an export can be imported again."""
    if export_format not in exports.FORMATS:
        raise Http404("no such format")
    rows = (
        Communication.objects.for_org(request.organization)
        .select_related("control_for")
        .order_by("starts_on", "pk")
    )
    lines = ([_exported(getattr(row, name)) for name in imports.COLUMNS] for row in rows)
    return exports.table_response(
        request.organization.slug, "leverage-communications", export_format, imports.COLUMNS, lines
    )
