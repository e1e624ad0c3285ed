"""Pages of the indicators app: the management overview, a department's page with its
charts and values, the catalogue, the forms, the import and the exports. Members read;
a contributor (department lead) changes their own department's indicators, conversation
managers and owners any department's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.core import exports
from socialroadmap.core.departments import Department
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.indicators import catalogue, compute, imports, overview, periods, services
from socialroadmap.indicators.choices import COMPUTED_FROM, Origin
from socialroadmap.indicators.forms import ImportForm, IndicatorForm, ValueForm
from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.indicators.status import states
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view

WRITE = Capability.CONTRIBUTE


def _may(request: OrganizationRequest, department: str) -> bool:
    return services.may_change(request.membership, department)


def _require(request: OrganizationRequest, department: str) -> None:
    if not _may(request, department):
        raise PermissionDenied


def _departments(request: OrganizationRequest) -> list[str]:
    """The departments whose indicators the member may change."""
    return [key for key in Department.values if _may(request, key)]


def _department(key: str) -> str:
    if key not in Department.values:
        raise Http404("no such department")
    return key


def _to_department(request: OrganizationRequest, department: str) -> HttpResponse:
    return redirect(
        "indicators:department",
        org_slug=request.organization.slug,
        indicator_department=department,
    )


@org_view()
@require_safe
def dashboard(request: OrganizationRequest) -> HttpResponse:
    """Per department: how many indicators are on track, at risk, off track or without
    data, and each one's latest value against its target with its trend."""
    chosen = request.GET.get("department") or ""
    if chosen not in Department.values:
        chosen = ""
    blocks = overview.blocks(request.organization, chosen or None)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "blocks": blocks,
            "chosen": chosen,
            "departments": Department.choices,
            "writable": _departments(request),
            "may_manage": request.membership.role_enum.allows(Capability.MANAGE),
            "any_indicator": Indicator.objects.for_org(request.organization).exists(),
        },
    )


@org_view()
@require_safe
def department(request: OrganizationRequest, indicator_department: str) -> HttpResponse:
    key = _department(indicator_department)
    added = services.added_keys(request.organization, key)
    return render(
        request,
        "indicators/department.html",
        {
            "key": key,
            "label": Department(key).label,
            "details": overview.details(request.organization, key),
            "may": _may(request, key),
            "suggestions": [s for s in catalogue.CATALOGUE.get(key, ()) if s.key not in added],
        },
    )


@org_view(write=WRITE)
@require_http_methods(["GET", "POST"])
def catalogue_page(request: OrganizationRequest) -> HttpResponse:
    """The suggested indicators per department; adding one is one click."""
    organization = request.organization
    if request.method == "POST":
        key = request.POST.get("department", "")
        if key not in Department.values:
            messages.error(request, _("Choose a department."))
            return redirect("indicators:catalogue", org_slug=organization.slug)
        _require(request, key)
        try:
            row = services.add_from_catalogue(
                organization, key, request.POST.get("key", ""), actor=request.user
            )
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("indicators:catalogue", org_slug=organization.slug)
        if row.metric in COMPUTED_FROM:
            compute.compute_values(organization, row, actor=request.user)
        messages.success(
            request, _("%(name)s added: set its target with Edit.") % {"name": row.name}
        )
        return _to_department(request, key)
    sections = []
    for key, label in Department.choices:
        suggestions = catalogue.CATALOGUE.get(key, ())
        if not suggestions:
            continue
        added = services.added_keys(organization, key)
        sections.append(
            {
                "key": key,
                "label": label,
                "may": _may(request, key),
                "suggestions": [(s, s.key in added) for s in suggestions],
            }
        )
    return render(request, "indicators/catalogue.html", {"sections": sections})


def _form_page(request: OrganizationRequest, row: Indicator, title: str) -> HttpResponse:
    form = IndicatorForm(request.POST or None, instance=row, departments=_departments(request))
    adding = row.pk is None

    def save() -> Indicator:
        changes = form.changes()
        changes["target"] = form.cleaned_data.get("target") or None
        _require(request, changes["department"])
        if adding:
            return services.create_indicator(request.organization, actor=request.user, **changes)
        return services.update_indicator(row, changes, actor=request.user)

    if request.method == "POST":
        saved = run_service(form, save)
        if saved is not None:
            if saved.metric in COMPUTED_FROM:
                compute.compute_values(request.organization, saved, actor=request.user)
            messages.success(request, _("Indicator saved."))
            return _to_department(request, saved.department)
    return render(request, "indicators/form.html", {"form": form, "title": title})


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def indicator_add(request: OrganizationRequest) -> HttpResponse:
    allowed = _departments(request)
    if not allowed:  # a contributor without a department
        raise PermissionDenied
    wanted = request.GET.get("department", "")
    row = Indicator(
        organization=request.organization, department=wanted if wanted in allowed else allowed[0]
    )
    return _form_page(request, row, _("Add an indicator"))


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def indicator_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(Indicator.objects.all(), request.organization, pk=pk)
    _require(request, row.department)
    return _form_page(request, row, str(row))


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def indicator_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(Indicator.objects.all(), request.organization, pk=pk)
    _require(request, row.department)
    if request.method == "POST":
        services.delete_indicator(row, actor=request.user)
        messages.success(request, _("Indicator deleted."))
        return _to_department(request, row.department)
    return render(
        request,
        "indicators/confirm_delete.html",
        {"row": row, "values": services.values_count(row)},
    )


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def indicator_value_add(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Record a value for a period by hand; it replaces a computed one for that period."""
    indicator = get_scoped_or_404(Indicator.objects.all(), request.organization, pk=pk)
    _require(request, indicator.department)
    form = ValueForm(request.POST or None)

    def save() -> IndicatorValue:
        start = periods.start_of(form.cleaned_data["period"], indicator.period)
        row, _outcome = services.record_value(
            indicator,
            period_start=start,
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
            origin=Origin.MANUAL,
            actor=request.user,
        )
        return row

    if request.method == "POST" and run_service(form, save) is not None:
        messages.success(request, _("Value recorded."))
        return _to_department(request, indicator.department)
    return render(
        request,
        "indicators/value_form.html",
        {"form": form, "indicator": indicator, "computed": indicator.metric in COMPUTED_FROM},
    )


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def value_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(
        IndicatorValue.objects.select_related("indicator"), request.organization, pk=pk
    )
    _require(request, row.indicator.department)
    if request.method == "POST":
        services.delete_value(row, actor=request.user)
        messages.success(request, _("Value deleted."))
        return _to_department(request, row.indicator.department)
    return render(
        request,
        "indicators/confirm_delete_value.html",
        {"row": row, "computed_metrics": list(COMPUTED_FROM)},
    )


@org_view(WRITE)
@require_POST
def recompute(request: OrganizationRequest) -> HttpResponse:
    """Recompute the computed values of one department (its leads) or of all (managers)."""
    key = request.POST.get("department", "")
    rows = Indicator.objects.for_org(request.organization).filter(is_active=True)
    if key:
        _require(request, _department(key))
        rows = rows.filter(department=key)
    elif not request.membership.role_enum.allows(Capability.MANAGE):
        raise PermissionDenied
    counts = compute.compute_values(request.organization, indicators=rows, actor=request.user)
    messages.success(
        request,
        _(
            "Values recomputed: %(created)s new, %(updated)s changed; %(kept)s entered by "
            "hand or imported were kept."
        )
        % counts,
    )
    if key:
        return _to_department(request, key)
    return redirect("indicators:dashboard", org_slug=request.organization.slug)


@org_view(write=WRITE)
@require_http_methods(["GET", "POST"])
def values_import(request: OrganizationRequest) -> HttpResponse:
    """Upload a CSV file of values; the page then shows what was kept and each refused
    line."""
    posted = request.method == "POST"
    if posted and not _departments(request):
        raise PermissionDenied
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        try:
            result = imports.import_values_csv(
                request.organization,
                form.cleaned_data["file"],
                actor=request.user,
                may_change=lambda key: _may(request, key),
            )
        except ServiceError as error:
            form.add_error("file", error.message)
    return render(request, "indicators/import.html", {"form": form, "result": result})


@org_view()
@require_safe
def values_template(request: OrganizationRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type=exports.CSV_TYPE)
    return exports.attachment(response, "indicator-values-template.csv")


INDICATOR_COLUMNS = (
    "department",
    "indicator",
    "metric",
    "unit",
    "period",
    "direction",
    "target",
    "tolerance_percent",
    "latest_period",
    "latest",
    "status",
    "trend",
    "owner",
    "active",
)


@org_view()
@require_safe
def indicators_export(request: OrganizationRequest, export_format: str) -> Any:
    """The indicators with their latest value and status."""
    rows = list(Indicator.objects.for_org(request.organization))
    found = states(rows)

    def line(row: Indicator) -> list[Any]:
        state = found[row.pk]
        return [
            row.department,
            row.name,
            row.metric,
            row.unit,
            row.period,
            row.direction,
            row.target,
            row.tolerance_percent,
            state.latest_period,
            state.latest,
            state.status,
            state.trend.direction,
            row.owner,
            "yes" if row.is_active else "no",
        ]

    return exports.table_response(
        request.organization.slug,
        "indicators",
        export_format,
        INDICATOR_COLUMNS,
        (line(row) for row in rows),
    )


VALUE_COLUMNS = (*imports.COLUMNS, "origin")


@org_view()
@require_safe
def values_export(request: OrganizationRequest, export_format: str) -> Any:
    """All values in the import's columns (plus where each came from), so an export can
    be imported again."""
    rows = (
        IndicatorValue.objects.for_org(request.organization)
        .select_related("indicator")
        .order_by("indicator__department", "indicator__name", "period_start")
    )
    lines = (
        [
            row.indicator.name,
            row.indicator.department,
            row.period_start,
            row.value,
            row.note,
            row.origin,
        ]
        for row in rows
    )
    return exports.table_response(
        request.organization.slug, "indicator-values", export_format, VALUE_COLUMNS, lines
    )
