"""Alert pages: the events (acknowledge them), the rules (conversation managers)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.alerts import services
from socialroadmap.alerts.forms import AlertRuleForm
from socialroadmap.alerts.models import AlertEvent, AlertRule
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view

# The events page shows the latest ones; the API pages through all of them.
EVENTS_SHOWN = 200


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


def _rules(request: OrganizationRequest) -> list[AlertRule]:
    return list(
        AlertRule.objects.for_org(request.organization).select_related("query").order_by("name")
    )


@org_view()
@require_safe
def events(request: OrganizationRequest) -> HttpResponse:
    """What fired, newest first, with the rules that watch."""
    shown = (
        AlertEvent.objects.for_org(request.organization)
        .select_related("rule", "acknowledged_by")
        .order_by("-fired_at", "-pk")[:EVENTS_SHOWN]
    )
    return render(
        request,
        "alerts/events.html",
        {
            "events": list(shown),
            "rules": _rules(request),
            "can_acknowledge": _can(request, Capability.CONTRIBUTE),
            "can_manage": _can(request, Capability.MANAGE),
        },
    )


@org_view(Capability.CONTRIBUTE)
@require_POST
def event_acknowledge(request: OrganizationRequest, pk: int) -> HttpResponse:
    event = get_scoped_or_404(AlertEvent.objects.all(), request.organization, pk=pk)
    services.acknowledge_event(event, actor=request.user)
    messages.success(request, _("Alert acknowledged."))
    return redirect("alerts:events", org_slug=request.organization.slug)


def _save_rule(
    request: OrganizationRequest, form: AlertRuleForm, rule: AlertRule | None
) -> AlertRule | None:
    """Create or change the rule from a valid form; a refusal goes on the form."""
    try:
        if rule is None:
            changes = form.changes()
            return services.create_rule(
                request.organization,
                name=changes.pop("name"),
                kind=changes.pop("kind"),
                actor=request.user,
                **changes,
            )
        return services.update_rule(rule, form.changes(), actor=request.user)
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def rules(request: OrganizationRequest) -> HttpResponse:
    """The rules; conversation managers add one with the form beside them."""
    form = AlertRuleForm(request.organization, request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_rule(request, form, None):
        messages.success(request, _("Alert rule saved."))
        return redirect("alerts:rules", org_slug=request.organization.slug)
    context: dict[str, Any] = {
        "rules": _rules(request),
        "form": form,
        "can_manage": _can(request, Capability.MANAGE),
    }
    return render(request, "alerts/rules.html", context)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def rule_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    rule = get_scoped_or_404(AlertRule.objects.all(), request.organization, pk=pk)
    form = AlertRuleForm(
        request.organization, request.POST or None, initial=AlertRuleForm.initial_for(rule)
    )
    if request.method == "POST" and form.is_valid() and _save_rule(request, form, rule):
        messages.success(request, _("Alert rule saved."))
        return redirect("alerts:rules", org_slug=request.organization.slug)
    return render(request, "alerts/rule_form.html", {"rule": rule, "form": form})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def rule_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask for confirmation (saying how many events go with it), then delete."""
    rule = get_scoped_or_404(AlertRule.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_rule(rule, actor=request.user)
        messages.success(request, _("Alert rule deleted."))
        return redirect("alerts:rules", org_slug=request.organization.slug)
    return render(
        request,
        "alerts/rule_confirm_delete.html",
        {
            "rule": rule,
            "event_count": AlertEvent.objects.for_org(rule.organization).filter(rule=rule).count(),
        },
    )
