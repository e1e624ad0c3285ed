"""Pages of the pilot portfolio: the chart with the recommendation, a pilot with its
KPIs, and the forms. Members read; department leads (contributors) propose and edit
candidate pilots and record KPIs; conversation managers change the status, the
thresholds, and delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view
from socialroadmap.pilots import services
from socialroadmap.pilots.chart import build_chart
from socialroadmap.pilots.choices import ACTIVE_STATUSES, OPEN_STATUSES, KpiKind, PilotStatus
from socialroadmap.pilots.forms import (
    RETROSPECTIVE,
    KpiForm,
    PilotForm,
    StatusFilterForm,
    ThresholdsForm,
)
from socialroadmap.pilots.models import (
    Pilot,
    PilotKpi,
    all_kinds_measured,
    kind_coverage,
)
from socialroadmap.pilots.portfolio import Scored, meets_all, misses, recommend

EXPORT_COLUMNS = [
    "name",
    "department",
    "owner",
    "manager",
    "status",
    "fit",
    "return",
    "learning",
    "feasibility",
    "meets_all_criteria",
    "start_date",
    "end_date",
    "budget_eur",
    "kpis",
    "kpis_measured",
    "kpis_met",
    "decision",
]
KPI_COLUMNS = [
    "pilot",
    "kind",
    "name",
    "unit",
    "baseline",
    "target",
    "measured",
    "direction",
    "status",
]


def _allows(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


def _may_edit(request: OrganizationRequest, pilot: Pilot) -> bool:
    """Department leads edit candidates; only conversation managers edit chosen pilots."""
    if pilot.status == PilotStatus.CANDIDATE:
        return _allows(request, Capability.CONTRIBUTE)
    return _allows(request, Capability.MANAGE)


def _saved(form: Any, save: Callable[[dict[str, Any]], object]) -> bool:
    """Hand a valid form's values to the service; a refusal goes on the form."""
    return run_service(form, lambda: save(form.changes()) or True) is not None


def _pilots(request: OrganizationRequest) -> list[Pilot]:
    return list(
        Pilot.objects.for_org(request.organization)
        .select_related("manager")
        .prefetch_related("kpis")
    )


def under_way(pilots: list[Pilot]) -> list[tuple[str, list[Pilot]]]:
    """The running and evaluating pilots per accountable person (the team member, else
    the owner), busiest first: the model runs several pilots at once under one person."""
    people: dict[str, list[Pilot]] = {}
    for pilot in pilots:
        if pilot.status in ACTIVE_STATUSES:
            who = pilot.manager.name if pilot.manager else pilot.owner or "—"
            people.setdefault(who, []).append(pilot)
    return sorted(people.items(), key=lambda item: (-len(item[1]), item[0]))


def _detail_url(request: OrganizationRequest, pilot: Scored) -> str:
    return reverse("pilots:pilot", args=[request.organization.slug, pilot.pk])


@org_view()
@require_safe
def portfolio(request: OrganizationRequest) -> HttpResponse:
    """The chart, the recommendation and the table; the thresholds for managers."""
    pilots = _pilots(request)
    thresholds = services.thresholds_of(request.organization)
    filter_form = StatusFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    shown = [p for p in pilots if not status or p.status == status]
    labels = dict(PilotStatus.choices)
    chart = build_chart(
        shown,
        thresholds,
        lambda p: _detail_url(request, p),
        lambda p: str(labels[p.status]) if isinstance(p, Pilot) else "",
    )
    rows = [
        {
            "pilot": p,
            "meets": meets_all(p, thresholds),
            "misses": misses(p, thresholds),
            "complete_kpis": all_kinds_measured(list(p.kpis.all())),
            "kpis": len(p.kpis.all()),
        }
        for p in shown
    ]
    settings_row = services.settings_of(request.organization)
    context = {
        "pilots": pilots,
        "rows": rows,
        "chart": chart,
        "recommendation": recommend([p for p in pilots if p.status in OPEN_STATUSES], thresholds),
        "thresholds": thresholds,
        "under_way": under_way(pilots),
        "filter_form": filter_form,
        "status": status,
        "thresholds_form": ThresholdsForm(initial=ThresholdsForm.initial_for(settings_row)),
        "can_contribute": _allows(request, Capability.CONTRIBUTE),
        "can_manage": _allows(request, Capability.MANAGE),
    }
    return render(request, "pilots/portfolio.html", context)


@org_view(Capability.MANAGE)
@require_POST
def thresholds(request: OrganizationRequest) -> HttpResponse:
    form = ThresholdsForm(request.POST)
    if _saved(
        form,
        lambda changes: services.update_settings(request.organization, changes, actor=request.user),
    ):
        messages.success(request, _("Thresholds saved."))
    else:
        messages.error(request, _("Give each threshold as a score from 1 to 5."))
    return redirect("pilots:portfolio", org_slug=request.organization.slug)


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def pilot_add(request: OrganizationRequest) -> HttpResponse:
    """A department lead proposes a candidate pilot, scored on the three criteria."""
    form = PilotForm(request.organization, request.POST or None)
    for name in RETROSPECTIVE:
        del form.fields[name]
    created: list[Pilot] = []

    def save(changes: dict[str, Any]) -> object:
        created.append(services.create_pilot(request.organization, actor=request.user, **changes))
        return created[0]

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _("Pilot proposed."))
        return redirect("pilots:pilot", org_slug=request.organization.slug, pk=created[0].pk)
    return render(request, "pilots/pilot_form.html", {"form": form, "title": _("Propose a pilot")})


@org_view()
@require_safe
def pilot_detail(request: OrganizationRequest, pk: int) -> HttpResponse:
    pilot = get_scoped_or_404(Pilot.objects.select_related("manager"), request.organization, pk=pk)
    kpis = list(pilot.kpis.all())
    thresholds = services.thresholds_of(request.organization)
    groups = [
        (kind, [kpi for kpi in kpis if kpi.kind == kind], count, measured)
        for kind, count, measured in kind_coverage(kpis)
    ]
    labels = dict(PilotStatus.choices)
    context = {
        "pilot": pilot,
        "groups": groups,
        "complete_kpis": all_kinds_measured(kpis),
        "misses": misses(pilot, thresholds),
        "thresholds": thresholds,
        "transitions": [(s, labels[s]) for s in services.allowed_transitions(pilot)],
        "may_edit": _may_edit(request, pilot),
        "can_contribute": _allows(request, Capability.CONTRIBUTE),
        "can_manage": _allows(request, Capability.MANAGE),
    }
    return render(request, "pilots/pilot_detail.html", context)


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def pilot_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    pilot = get_scoped_or_404(Pilot.objects.all(), request.organization, pk=pk)
    if not _may_edit(request, pilot):
        raise PermissionDenied
    form = PilotForm(
        request.organization, request.POST or None, initial=PilotForm.initial_for(pilot)
    )

    def save(changes: dict[str, Any]) -> object:
        return services.update_pilot(pilot, changes, actor=request.user)

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _("Pilot saved."))
        return redirect("pilots:pilot", org_slug=request.organization.slug, pk=pilot.pk)
    return render(
        request, "pilots/pilot_form.html", {"form": form, "title": pilot.name, "pilot": pilot}
    )


@org_view(Capability.MANAGE)
@require_POST
def pilot_status(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Move the pilot on; a refusal (say, no retrospective yet) is shown on its page."""
    pilot = get_scoped_or_404(Pilot.objects.all(), request.organization, pk=pk)
    try:
        services.transition_pilot(pilot, request.POST.get("status", ""), actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Status changed."))
    return redirect("pilots:pilot", org_slug=request.organization.slug, pk=pilot.pk)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def pilot_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    pilot = get_scoped_or_404(Pilot.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_pilot(pilot, actor=request.user)
        messages.success(request, _("Pilot deleted."))
        return redirect("pilots:portfolio", org_slug=request.organization.slug)
    return render(
        request,
        "pilots/pilot_confirm_delete.html",
        {"pilot": pilot, "kpis": list(pilot.kpis.all())},
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def pilot_kpi_add(request: OrganizationRequest, pk: int) -> HttpResponse:
    pilot = get_scoped_or_404(Pilot.objects.all(), request.organization, pk=pk)
    kind = request.GET.get("kind", "")
    initial = {"kind": kind} if kind in KpiKind.values else {}
    form = KpiForm(request.POST or None, initial=initial)

    def save(changes: dict[str, Any]) -> object:
        return services.create_kpi(pilot, actor=request.user, **changes)

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _("KPI added."))
        return redirect("pilots:pilot", org_slug=request.organization.slug, pk=pilot.pk)
    return render(
        request,
        "pilots/kpi_form.html",
        {"form": form, "pilot": pilot, "title": _("New KPI for %(pilot)s") % {"pilot": pilot}},
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def kpi_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    kpi = get_scoped_or_404(PilotKpi.objects.select_related("pilot"), request.organization, pk=pk)
    form = KpiForm(request.POST or None, initial=KpiForm.initial_for(kpi))

    def save(changes: dict[str, Any]) -> object:
        return services.update_kpi(kpi, changes, actor=request.user)

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _("KPI saved."))
        return redirect("pilots:pilot", org_slug=request.organization.slug, pk=kpi.pilot_id)
    return render(
        request, "pilots/kpi_form.html", {"form": form, "pilot": kpi.pilot, "title": kpi.name}
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def kpi_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    kpi = get_scoped_or_404(PilotKpi.objects.select_related("pilot"), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_kpi(kpi, actor=request.user)
        messages.success(request, _("KPI deleted."))
        return redirect("pilots:pilot", org_slug=request.organization.slug, pk=kpi.pilot_id)
    return render(request, "pilots/kpi_confirm_delete.html", {"kpi": kpi})


def _format(export_format: str) -> str:
    if export_format not in exports.FORMATS:
        raise Http404
    return export_format


@org_view()
@require_safe
def portfolio_export(request: OrganizationRequest, export_format: str) -> HttpResponse:
    """One row a pilot: scores, status and how far its KPIs are measured and met."""
    fmt = _format(export_format)
    thresholds = services.thresholds_of(request.organization)
    rows = []
    for p in _pilots(request):
        kpis = list(p.kpis.all())
        rows.append(
            [
                p.name,
                p.get_department_display() if p.department else "",
                p.owner,
                p.manager.name if p.manager else "",
                p.status,
                p.fit_score,
                p.return_score,
                p.learning_score,
                p.feasibility,
                "yes" if meets_all(p, thresholds) else "no",
                p.start_date,
                p.end_date,
                p.budget,
                len(kpis),
                sum(1 for k in kpis if k.measured is not None),
                sum(1 for k in kpis if k.status == "met"),
                p.decision,
            ]
        )
    response = exports.table_response(
        request.organization.slug, "pilots", fmt, EXPORT_COLUMNS, rows
    )
    assert isinstance(response, HttpResponse)  # noqa: S101 - not streamed
    return response


@org_view()
@require_safe
def kpis_export(request: OrganizationRequest, export_format: str) -> HttpResponse:
    fmt = _format(export_format)
    kpis = PilotKpi.objects.for_org(request.organization).select_related("pilot")
    rows = [
        [
            k.pilot.name,
            k.kind,
            k.name,
            k.unit,
            k.baseline,
            k.target,
            k.measured,
            k.direction,
            k.status.value,
        ]
        for k in kpis.order_by("pilot__name", "kind", "name", "pk")
    ]
    response = exports.table_response(
        request.organization.slug, "pilot-kpis", fmt, KPI_COLUMNS, rows
    )
    assert isinstance(response, HttpResponse)  # noqa: S101 - not streamed
    return response
