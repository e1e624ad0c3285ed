"""Registry pages: the accounts with their health warnings (import and export as CSV),
the tools and the hardware. Members read; conversation managers change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view
from socialroadmap.registry import services
from socialroadmap.registry.forms import (
    AccountImportForm,
    HardwareForm,
    RegistryForm,
    SocialAccountForm,
    ToolForm,
)
from socialroadmap.registry.health import registry_health, tool_notices
from socialroadmap.registry.models import Hardware, SocialAccount, Tool

if TYPE_CHECKING:  # a name of the type stubs only
    from django.utils.functional import _StrPromise


def _can_manage(request: OrganizationRequest) -> bool:
    return request.membership.role_enum.allows(Capability.MANAGE)


def _saved(form: RegistryForm, save: Callable[[dict[str, Any]], object]) -> bool:
    """Hand a valid form's values to the service; a refusal goes on the form."""
    return run_service(form, lambda: save(form.changes()) or True) is not None


def _back(request: OrganizationRequest, page: str, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"registry:{page}", org_slug=request.organization.slug)


# --- accounts -------------------------------------------------------------------------


@org_view()
@require_safe
def accounts(request: OrganizationRequest) -> HttpResponse:
    """The accounts, with the health check's to-do list on top."""
    return render(
        request,
        "registry/accounts.html",
        {
            "accounts": list(SocialAccount.objects.for_org(request.organization)),
            "warnings": registry_health(request.organization),
            "can_manage": _can_manage(request),
        },
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def account_add(request: OrganizationRequest) -> HttpResponse:
    form = SocialAccountForm(
        request.POST or None, instance=SocialAccount(organization=request.organization)
    )

    def save(changes: dict[str, Any]) -> object:
        return services.create_account(request.organization, actor=request.user, **changes)

    if request.method == "POST" and _saved(form, save):
        return _back(request, "accounts", _("Account registered."))
    return render(
        request,
        "registry/row_form.html",
        {"form": form, "title": _("Register an account"), "back": "registry:accounts"},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def account_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    account = get_scoped_or_404(SocialAccount.objects.all(), request.organization, pk=pk)
    title = str(account)
    form = SocialAccountForm(request.POST or None, instance=account)

    def save(changes: dict[str, Any]) -> object:
        return services.update_account(account, changes, actor=request.user)

    if request.method == "POST" and _saved(form, save):
        return _back(request, "accounts", _("Account saved."))
    return render(
        request,
        "registry/row_form.html",
        {"form": form, "title": title, "back": "registry:accounts"},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def account_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    account = get_scoped_or_404(SocialAccount.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_account(account, actor=request.user)
        return _back(request, "accounts", _("Account removed from the registry."))
    return render(
        request,
        "registry/confirm_delete.html",
        {"name": str(account), "back": "registry:accounts"},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def accounts_import(request: OrganizationRequest) -> HttpResponse:
    """Upload a CSV file; the page then shows what was kept and each refused line."""
    posted = request.method == "POST"
    form = AccountImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        try:
            result = services.import_accounts_csv(
                request.organization, form.cleaned_data["file"], actor=request.user
            )
        except ServiceError as error:
            form.add_error("file", error.message)
    return render(request, "registry/accounts_import.html", {"form": form, "result": result})


@org_view()
@require_safe
def accounts_export(request: OrganizationRequest) -> HttpResponse:
    response = HttpResponse(
        services.export_accounts_csv(request.organization), content_type="text/csv; charset=utf-8"
    )
    filename = f"{request.organization.slug}-accounts.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- tools and hardware: the same pages for two kinds of row ------------------------


@dataclass(frozen=True)
class _Rows:
    """What the list, edit and delete pages of tools or of hardware need to know."""

    model: type[Tool] | type[Hardware]
    form: type[ToolForm] | type[HardwareForm]
    create: Callable[..., object]
    update: Callable[..., object]
    delete: Callable[..., object]
    page: str  # the list's URL name in "registry", and its template
    rows: str  # the list's name in the template
    saved: str | _StrPromise
    deleted: str | _StrPromise


TOOLS = _Rows(
    Tool,
    ToolForm,
    services.create_tool,
    services.update_tool,
    services.delete_tool,
    "tools",
    "tools",
    gettext_lazy("Tool saved."),
    gettext_lazy("Tool deleted."),
)
HARDWARE = _Rows(
    Hardware,
    HardwareForm,
    services.create_hardware,
    services.update_hardware,
    services.delete_hardware,
    "hardware",
    "devices",
    gettext_lazy("Device saved."),
    gettext_lazy("Device deleted."),
)


def _list(request: OrganizationRequest, kind: _Rows) -> HttpResponse:
    form = kind.form(request.POST or None, instance=kind.model(organization=request.organization))

    def save(changes: dict[str, Any]) -> object:
        return kind.create(request.organization, actor=request.user, **changes)

    if request.method == "POST" and _saved(form, save):
        return _back(request, kind.page, str(kind.saved))
    rows = list(kind.model.objects.for_org(request.organization))
    context: dict[str, Any] = {kind.rows: rows, "form": form, "can_manage": _can_manage(request)}
    if kind.model is Tool:
        context["notices"] = tool_notices(rows, today=timezone.localdate())
    return render(request, f"registry/{kind.page}.html", context)


def _edit(request: OrganizationRequest, pk: int, kind: _Rows) -> HttpResponse:
    row = get_scoped_or_404(kind.model.objects.all(), request.organization, pk=pk)
    form = kind.form(request.POST or None, instance=row)

    def save(changes: dict[str, Any]) -> object:
        return kind.update(row, changes, actor=request.user)

    if request.method == "POST" and _saved(form, save):
        return _back(request, kind.page, str(kind.saved))
    return render(
        request,
        "registry/row_form.html",
        {"form": form, "title": str(row), "back": f"registry:{kind.page}"},
    )


def _delete(request: OrganizationRequest, pk: int, kind: _Rows) -> HttpResponse:
    row = get_scoped_or_404(kind.model.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        kind.delete(row, actor=request.user)
        return _back(request, kind.page, str(kind.deleted))
    return render(
        request,
        "registry/confirm_delete.html",
        {"name": str(row), "back": f"registry:{kind.page}"},
    )


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def tools(request: OrganizationRequest) -> HttpResponse:
    """The tools; conversation managers add one with the form beside them."""
    return _list(request, TOOLS)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def tool_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _edit(request, pk, TOOLS)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def tool_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _delete(request, pk, TOOLS)


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def hardware(request: OrganizationRequest) -> HttpResponse:
    """The devices; conversation managers add one with the form beside them."""
    return _list(request, HARDWARE)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def hardware_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _edit(request, pk, HARDWARE)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def hardware_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _delete(request, pk, HARDWARE)


# --- exports ----------------------------------------------------------------------------

EXPORT_COLUMNS: dict[str, tuple[type[SocialAccount | Tool | Hardware], tuple[str, ...]]] = {
    "accounts": (SocialAccount, services.ACCOUNT_FIELDS),
    "tools": (Tool, services.TOOL_FIELDS),
    "hardware": (Hardware, services.HARDWARE_FIELDS),
}


@org_view()
@require_safe
def export(request: OrganizationRequest, kind: str, export_format: str) -> Any:
    """Accounts, tools or hardware as CSV or XLSX, in the columns the forms have."""
    if kind not in EXPORT_COLUMNS:
        raise Http404("no such list")
    model, columns = EXPORT_COLUMNS[kind]
    rows = model.objects.for_org(request.organization).order_by("pk")
    lines = ([_exported(getattr(row, name)) for name in columns] for row in rows)
    return exports.table_response(
        request.organization.slug, f"registry-{kind}", export_format, columns, lines
    )


def _exported(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
