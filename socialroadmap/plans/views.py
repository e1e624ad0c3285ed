"""Pages of the plans app: the integration map (which departments have social media in
their plan and how far they are), each department's plan with its objectives, and the
exports. Members read; a contributor changes their own department's plan; managers and
owners any."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.core import exports
from socialroadmap.core.departments import MODEL_DEPARTMENTS, Department
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.indicators.status import states
from socialroadmap.organizations.choices import Capability, Role
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view
from socialroadmap.plans import services
from socialroadmap.plans.choices import STAGE_STEP, PlanStage
from socialroadmap.plans.forms import ObjectiveForm, PlanForm, StageForm
from socialroadmap.plans.integration import MAP_COLUMNS, STEPS, integration_map, is_overdue
from socialroadmap.plans.models import DepartmentPlan, Objective


def _may(request: OrganizationRequest, department: str) -> bool:
    return services.may_change(request.membership, department)


def _require(request: OrganizationRequest, department: str) -> None:
    if not _may(request, department):
        raise PermissionDenied


def _department_hint(request: OrganizationRequest) -> bool:
    """A contributor without a department: the owner sets it on the Members page."""
    membership = request.membership
    return membership.role == Role.CONTRIBUTOR and not membership.department


@org_view()
@require_safe
def map(request: OrganizationRequest) -> HttpResponse:
    """The integration map, with a text table of the same figures."""
    result = integration_map(request.organization)
    may_start_other = any(_may(request, d) for d in Department.values if d not in MODEL_DEPARTMENTS)
    return render(
        request,
        "plans/map.html",
        {
            "map": result,
            "rows": [(row, _may(request, row.department)) for row in result.rows],
            "steps": STEPS,
            "may_start_other": may_start_other,
            "department_hint": _department_hint(request),
            "can_administer": request.membership.role_enum.allows(Capability.ADMINISTER),
        },
    )


def _plan_form(
    request: OrganizationRequest, row: DepartmentPlan, title: str, saved: str
) -> HttpResponse:
    initial: dict[str, str] = {}
    if row.pk is None and request.GET.get("department") in Department.values:
        initial["department"] = request.GET["department"]
    form = PlanForm(
        request.POST or None, instance=row, membership=request.membership, initial=initial
    )
    adding = row.pk is None
    posted = request.POST.get("department")
    if posted in Department.values:
        _require(request, posted)  # another department's plan: 403, not a form error

    def save() -> DepartmentPlan:
        changes = form.changes()
        _require(request, changes["department"])
        if adding:
            return services.create_plan(request.organization, actor=request.user, **changes)
        return services.update_plan(row, changes, actor=request.user)

    if request.method == "POST":
        saved_row = run_service(form, save)
        if saved_row is not None:
            messages.success(request, saved)
            return redirect("plans:plan", org_slug=request.organization.slug, pk=saved_row.pk)
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": title, "department_hint": _department_hint(request)},
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def plan_add(request: OrganizationRequest) -> HttpResponse:
    row = DepartmentPlan(organization=request.organization)
    return _plan_form(request, row, _("Start a department plan"), _("Plan started."))


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def plan_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(DepartmentPlan.objects.all(), request.organization, pk=pk)
    _require(request, row.department)
    return _plan_form(request, row, str(row), _("Plan saved."))


@org_view()
@require_safe
def plan_detail(request: OrganizationRequest, pk: int) -> HttpResponse:
    """A plan with its objectives, each with its linked indicators' latest value,
    target and status."""
    plan = get_scoped_or_404(
        DepartmentPlan.objects.select_related("owner"), request.organization, pk=pk
    )
    objectives = list(plan.objectives.prefetch_related("indicators").order_by("due_on", "pk"))
    linked = {i.pk: i for o in objectives for i in o.indicators.all()}
    status = states(linked.values())
    today = timezone.localdate()
    rows = [
        (o, is_overdue(o, today), [status[i.pk] for i in o.indicators.all()]) for o in objectives
    ]
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "rows": rows,
            "step": STAGE_STEP[plan.stage],
            "steps": STEPS,
            "stage_form": StageForm(initial={"stage": plan.stage}),
            "may_change": _may(request, plan.department),
        },
    )


@org_view(Capability.CONTRIBUTE)
@require_POST
def plan_stage(request: OrganizationRequest, pk: int) -> HttpResponse:
    plan = get_scoped_or_404(DepartmentPlan.objects.all(), request.organization, pk=pk)
    _require(request, plan.department)
    form = StageForm(request.POST)
    if form.is_valid():
        services.set_stage(plan, form.cleaned_data["stage"], actor=request.user)
        label = PlanStage(form.cleaned_data["stage"]).label
        messages.success(request, _("The plan is now: %(stage)s.") % {"stage": label})
    else:
        messages.error(request, _("Choose a stage."))
    return redirect("plans:plan", org_slug=request.organization.slug, pk=plan.pk)


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def plan_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    plan = get_scoped_or_404(DepartmentPlan.objects.all(), request.organization, pk=pk)
    _require(request, plan.department)
    if request.method == "POST":
        services.delete_plan(plan, actor=request.user)
        messages.success(request, _("Plan deleted."))
        return redirect("plans:map", org_slug=request.organization.slug)
    return render(
        request,
        "plans/confirm_delete.html",
        {"plan": plan, "objectives": services.what_goes_with(plan)},
    )


def _objective_form(
    request: OrganizationRequest, plan: DepartmentPlan, row: Objective, title: str, saved: str
) -> HttpResponse:
    form = ObjectiveForm(request.POST or None, instance=row, plan=plan)
    adding = row.pk is None

    def save() -> Objective:
        changes = form.changes()
        if adding:
            return services.add_objective(plan, actor=request.user, **changes)
        return services.update_objective(row, changes, actor=request.user)

    if request.method == "POST" and run_service(form, save) is not None:
        messages.success(request, saved)
        return redirect("plans:plan", org_slug=request.organization.slug, pk=plan.pk)
    return render(
        request, "plans/objective_form.html", {"form": form, "title": title, "plan": plan}
    )


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def objective_add(request: OrganizationRequest, pk: int) -> HttpResponse:
    plan = get_scoped_or_404(DepartmentPlan.objects.all(), request.organization, pk=pk)
    _require(request, plan.department)
    row = Objective(organization=request.organization, plan=plan)
    return _objective_form(request, plan, row, _("Add an objective"), _("Objective added."))


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def objective_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(Objective.objects.select_related("plan"), request.organization, pk=pk)
    _require(request, row.plan.department)
    return _objective_form(request, row.plan, row, str(row), _("Objective saved."))


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def objective_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(Objective.objects.select_related("plan"), request.organization, pk=pk)
    _require(request, row.plan.department)
    if request.method == "POST":
        plan = row.plan
        services.delete_objective(row, actor=request.user)
        messages.success(request, _("Objective deleted."))
        return redirect("plans:plan", org_slug=request.organization.slug, pk=plan.pk)
    return render(request, "plans/objective_delete.html", {"row": row})


PLAN_COLUMNS = [
    "department",
    "plan",
    "stage",
    "objective",
    "owner",
    "due_on",
    "status",
    "indicators",
]


def plan_lines(organization: Any) -> list[list[Any]]:
    """One line per objective (a plan without objectives: one line with its stage)."""
    lines = []
    plans = DepartmentPlan.objects.for_org(organization).prefetch_related("objectives__indicators")
    for plan in plans.order_by("department", "name"):
        head = [plan.department, str(plan), plan.stage]
        objectives = sorted(plan.objectives.all(), key=lambda o: (o.due_on is None, o.due_on, o.pk))
        if not objectives:
            lines.append([*head, "", "", None, "", ""])
        for o in objectives:
            names = "|".join(sorted(i.name for i in o.indicators.all()))
            lines.append([*head, o.title, o.owner, o.due_on, o.status, names])
    return lines


@org_view()
@require_safe
def plans_export(request: OrganizationRequest, export_format: str) -> Any:
    return exports.table_response(
        request.organization.slug,
        "plans",
        export_format,
        PLAN_COLUMNS,
        plan_lines(request.organization),
    )


@org_view()
@require_safe
def map_export(request: OrganizationRequest, export_format: str) -> Any:
    rows = integration_map(request.organization).rows
    lines = ([row.as_dict()[name] for name in MAP_COLUMNS] for row in rows)
    return exports.table_response(
        request.organization.slug, "plans-map", export_format, MAP_COLUMNS, lines
    )
