"""Internal scan pages: the rankings (every member) and the roster (conversation managers
change it, with the same capability as the API's writes).

Writes go through ``services``; a refusal (ServiceError) is shown on the form. Only
consenting employees are ranked: ``rank_employees`` leaves the others out.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.core.errors import ServiceError
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.internalscan import services
from socialroadmap.internalscan.forms import (
    DEFAULT_PERIOD,
    ConsentForm,
    EmployeeForm,
    RankingsFilterForm,
    RosterImportForm,
)
from socialroadmap.internalscan.models import Employee
from socialroadmap.listening.models import Post
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view

# Changing the roster needs what the API's EmployeeViewSet needs for writes.
WRITE = Capability.MANAGE
# The columns of the roster file, as import_roster reads them.
TEMPLATE_COLUMNS = ("name", "department", "email", "handles", "consent")


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


def _roster(request: OrganizationRequest) -> Any:
    return Employee.objects.for_org(request.organization).select_related("consent_recorded_by")


def _put_on_form(form: Any, error: ServiceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- rankings -------------------------------------------------------------------------


@org_view()
@require_safe
def scan(request: OrganizationRequest) -> HttpResponse:
    """The most active and most engaging consenting employees of a period."""
    organization = request.organization
    params = request.GET.copy()
    # A bound form shows no initial value: without this the select would show its first
    # choice while the page counts the default period.
    params.setdefault("period", DEFAULT_PERIOD)
    form = RankingsFilterForm(params)
    since, until = form.period_bounds()
    rankings = services.rank_employees(organization, since=since, until=until)
    roster_size = rankings["employees"] + rankings["without_consent"]
    context: dict[str, Any] = {
        "form": form,
        "rankings": rankings,
        "roster_size": roster_size,
        "has_posts": Post.objects.for_org(organization).exists() if roster_size else False,
        "departments": [row for row in rankings["departments"] if row["posts"]],
        "can_manage": _can(request, WRITE),
        "can_import_posts": _can(request, Capability.CONTRIBUTE),
    }
    return render(request, "internalscan/scan.html", context)


# --- the roster -----------------------------------------------------------------------


@org_view()
@require_safe
def roster(request: OrganizationRequest) -> HttpResponse:
    """Everyone on the roster, with their handles and consent."""
    return render(
        request,
        "internalscan/roster.html",
        {"employees": list(_roster(request)), "can_manage": _can(request, WRITE)},
    )


def _employee_form(request: OrganizationRequest, employee: Employee | None) -> HttpResponse:
    initial = EmployeeForm.initial_for(employee) if employee is not None else None
    form = EmployeeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if employee is None:
                saved = services.create_employee(
                    request.organization, **form.changes(), actor=request.user
                )
            else:
                saved = services.update_employee(employee, form.changes(), actor=request.user)
        except ServiceError as error:
            _put_on_form(form, error)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": saved.full_name})
            return redirect("internalscan:roster", org_slug=request.organization.slug)
    return render(request, "internalscan/employee_form.html", {"form": form, "employee": employee})


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def employee_new(request: OrganizationRequest) -> HttpResponse:
    return _employee_form(request, None)


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def employee_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    employee = get_scoped_or_404(Employee.objects.all(), request.organization, pk=pk)
    return _employee_form(request, employee)


@org_view(WRITE)
@require_POST
def employee_consent(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Record (consent=yes) or withdraw (consent=no) the person's consent."""
    employee = get_scoped_or_404(Employee.objects.all(), request.organization, pk=pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether consent was given or withdrawn."))
    elif form.cleaned_data["consent"]:
        services.record_consent(employee, True, actor=request.user)
        messages.success(request, _("Consent of %(name)s recorded.") % {"name": employee.full_name})
    else:
        services.record_consent(employee, False, actor=request.user)
        messages.success(
            request,
            _("Consent of %(name)s withdrawn: they are no longer ranked.")
            % {"name": employee.full_name},
        )
    return redirect("internalscan:roster", org_slug=request.organization.slug)


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def employee_erase(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Say what goes, then erase on POST (the right to be forgotten; irreversible)."""
    employee = get_scoped_or_404(_roster(request), request.organization, pk=pk)
    if request.method == "POST":
        services.erase_employee(employee, actor=request.user)
        # Without the name: the message is stored until the next page is shown.
        messages.success(request, _("The person was erased from the roster."))
        return redirect("internalscan:roster", org_slug=request.organization.slug)
    context = {"employee": employee, "goes_with": services.goes_with(employee)}
    return render(request, "internalscan/employee_erase.html", context)


# --- roster import --------------------------------------------------------------------


@org_view(WRITE)
@require_http_methods(["GET", "POST"])
def roster_import(request: OrganizationRequest) -> HttpResponse:
    """Upload a roster CSV: valid rows are added or updated, the others listed by line."""
    posted = request.method == "POST"
    form = RosterImportForm(request.POST if posted else None, request.FILES if posted else None)
    summary: dict[str, Any] | None = None
    if posted and form.is_valid():
        try:
            summary = services.import_roster(
                request.organization, form.cleaned_data["file"], actor=request.user
            )
        except ServiceError as error:
            _put_on_form(form, error)
    return render(
        request,
        "internalscan/roster_import.html",
        {"form": form, "summary": summary, "columns": TEMPLATE_COLUMNS},
    )


@org_view()
@require_safe
def roster_template(request: OrganizationRequest) -> HttpResponse:
    """An empty roster file with the expected columns (UTF-8 with BOM, for Excel)."""
    body = "\ufeff" + ",".join(TEMPLATE_COLUMNS) + "\r\n"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="roster-template.csv"'
    return response
