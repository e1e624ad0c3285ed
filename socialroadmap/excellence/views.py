"""Centre-of-excellence pages: the overview (team, gaps, escalation matrix) for every
member, and the forms that change the team and the matrix for conversation managers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.excellence import services
from socialroadmap.excellence.checks import find_gaps
from socialroadmap.excellence.choices import ConversationKind, Severity, TeamRole
from socialroadmap.excellence.forms import EscalationRuleForm, TeamMemberForm
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view


def _overview(request: OrganizationRequest) -> HttpResponse:
    return redirect("excellence:overview", org_slug=request.organization.slug)


def _matrix(organization: Any) -> list[dict[str, Any]]:
    """One row per kind of conversation, one cell per severity (None when empty)."""
    rules = {
        (rule.kind, rule.severity): rule
        for rule in EscalationRule.objects.for_org(organization).select_related(
            "responsible", "backup"
        )
    }
    return [
        {"kind": kind, "cells": [rules.get((kind, severity)) for severity in Severity]}
        for kind in ConversationKind
    ]


@org_view()
@require_safe
def overview(request: OrganizationRequest) -> HttpResponse:
    """The team grouped by role, what is missing, and the escalation matrix."""
    members = list(TeamMember.objects.for_org(request.organization).order_by("name"))
    team = [{"role": role, "members": [m for m in members if m.role == role]} for role in TeamRole]
    return render(
        request,
        "excellence/overview.html",
        {
            "team": team,
            "gaps": find_gaps(request.organization),
            "severities": Severity.choices,
            "matrix": _matrix(request.organization),
            "can_manage": request.membership.role_enum.allows(Capability.MANAGE),
        },
    )


def _save_member(
    request: OrganizationRequest, form: TeamMemberForm, member: TeamMember | None
) -> TeamMember | None:
    """Add or change the member from a valid form; a refusal goes on the form."""
    try:
        if member is None:
            changes = form.changes()
            return services.add_team_member(
                request.organization,
                name=changes.pop("name"),
                email=changes.pop("email"),
                role=changes.pop("role"),
                actor=request.user,
                **changes,
            )
        return services.update_team_member(member, form.changes(), actor=request.user)
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def member_add(request: OrganizationRequest) -> HttpResponse:
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_member(request, form, None):
        messages.success(request, _("Team member saved."))
        return _overview(request)
    return render(request, "excellence/member_form.html", {"member": None, "form": form})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def member_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    member = get_scoped_or_404(TeamMember.objects.all(), request.organization, pk=pk)
    form = TeamMemberForm(request.POST or None, initial=TeamMemberForm.initial_for(member))
    if request.method == "POST" and form.is_valid() and _save_member(request, form, member):
        messages.success(request, _("Team member saved."))
        return _overview(request)
    return render(request, "excellence/member_form.html", {"member": member, "form": form})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def member_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask for confirmation; while escalation rules name the member, say which ones and
    ask who takes them over."""
    member = get_scoped_or_404(TeamMember.objects.all(), request.organization, pk=pk)
    rules = services.rules_of(member)
    others = (
        TeamMember.objects.for_org(request.organization)
        .filter(is_active=True)
        .exclude(pk=member.pk)
        .order_by("name")
    )
    if request.method == "POST":
        wanted = request.POST.get("hand_over_to", "")
        successor = others.filter(pk=int(wanted)).first() if wanted.isdigit() else None
        try:
            services.remove_team_member(member, actor=request.user, hand_over_to=successor)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Team member removed."))
            return _overview(request)
    return render(
        request,
        "excellence/member_confirm_delete.html",
        {"member": member, "rules": rules, "others": others},
    )


def _save_rule(
    request: OrganizationRequest, form: EscalationRuleForm, rule: EscalationRule | None
) -> EscalationRule | None:
    try:
        if rule is None:
            changes = form.changes()
            return services.create_escalation_rule(
                request.organization,
                kind=changes.pop("kind"),
                severity=changes.pop("severity"),
                responsible=changes.pop("responsible"),
                respond_within_minutes=changes.pop("respond_within_minutes"),
                actor=request.user,
                **changes,
            )
        return services.update_escalation_rule(rule, form.changes(), actor=request.user)
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def rule_add(request: OrganizationRequest) -> HttpResponse:
    initial = {name: request.GET[name] for name in ("kind", "severity") if name in request.GET}
    form = EscalationRuleForm(request.organization, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_rule(request, form, None):
        messages.success(request, _("Escalation rule saved."))
        return _overview(request)
    return render(request, "excellence/rule_form.html", {"rule": None, "form": form})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def rule_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    rule = get_scoped_or_404(EscalationRule.objects.all(), request.organization, pk=pk)
    form = EscalationRuleForm(
        request.organization, request.POST or None, initial=EscalationRuleForm.initial_for(rule)
    )
    if request.method == "POST" and form.is_valid() and _save_rule(request, form, rule):
        messages.success(request, _("Escalation rule saved."))
        return _overview(request)
    return render(request, "excellence/rule_form.html", {"rule": rule, "form": form})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def rule_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask for confirmation (saying that the cell of the matrix becomes empty), then delete."""
    rule = get_scoped_or_404(
        EscalationRule.objects.select_related("responsible"), request.organization, pk=pk
    )
    if request.method == "POST":
        services.delete_escalation_rule(rule, actor=request.user)
        messages.success(request, _("Escalation rule deleted."))
        return _overview(request)
    return render(request, "excellence/rule_confirm_delete.html", {"rule": rule})


# --- exports ----------------------------------------------------------------------------

MEMBER_COLUMNS = ["name", "email", "role", "department", "hours_per_week", "is_active"]
RULE_COLUMNS = [
    "kind",
    "severity",
    "responsible",
    "responsible_email",
    "backup",
    "backup_email",
    "respond_within_minutes",
    "notes",
]


@org_view()
@require_safe
def export(request: OrganizationRequest, kind: str, export_format: str) -> Any:
    """The team (``members``) or the escalation matrix (``rules``) as CSV or XLSX."""
    organization = request.organization
    if kind == "members":
        people = TeamMember.objects.for_org(organization).order_by("name")
        rows: Any = (
            [
                p.name,
                p.email,
                p.role,
                p.department,
                p.hours_per_week,
                "yes" if p.is_active else "no",
            ]
            for p in people
        )
        columns = MEMBER_COLUMNS
    elif kind == "rules":
        rules = (
            EscalationRule.objects.for_org(organization)
            .select_related("responsible", "backup")
            .order_by("kind", "severity")
        )
        rows = (
            [
                r.kind,
                r.severity,
                r.responsible.name,
                r.responsible.email,
                r.backup.name if r.backup else "",
                r.backup.email if r.backup else "",
                r.respond_within_minutes,
                r.notes,
            ]
            for r in rules
        )
        columns = RULE_COLUMNS
    else:
        raise Http404("no such list")
    return exports.table_response(
        organization.slug, f"excellence-{kind}", export_format, columns, rows
    )
