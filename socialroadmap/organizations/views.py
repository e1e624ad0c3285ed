"""Organisation home, switcher, members and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.accounts.models import User
from socialroadmap.core.departments import Department
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.http import AuthenticatedRequest, OrganizationRequest
from socialroadmap.engine.model import load_model
from socialroadmap.organizations import services
from socialroadmap.organizations.choices import ROLE_HELP, Capability, Role
from socialroadmap.organizations.forms import (
    AcceptInvitationForm,
    DeleteOrganizationForm,
    InviteMemberForm,
    MemberRoleForm,
    OrganizationForm,
)
from socialroadmap.organizations.models import Invitation, Membership
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view


def _form_error(form: Any, error: ServiceError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Open the organisation worked in last, the only one, or the list to choose from."""
    memberships = Membership.objects.filter(user=request.user).select_related("organization")
    last = memberships.filter(organization_id=request.user.last_organization_id).first()
    chosen = last or (memberships.first() if memberships.count() == 1 else None)
    if chosen is not None:
        return redirect("organizations:home", org_slug=chosen.organization.slug)
    return redirect("organizations:list")


@login_required
@require_http_methods(["GET", "POST"])
def organization_list(request: AuthenticatedRequest) -> HttpResponse:
    """The organisations a person belongs to; anyone may start a new one and own it."""
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.create_organization(
                form.cleaned_data["slug"], form.cleaned_data["name"], actor=request.user
            )
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Organisation %(name)s created.") % {"name": organization.name}
            )
            return redirect("organizations:home", org_slug=organization.slug)
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organization")
        .order_by("organization__name")
    )
    return render(
        request, "organizations/organization_list.html", {"memberships": memberships, "form": form}
    )


@org_view()
@require_safe
def organization_home(request: OrganizationRequest) -> HttpResponse:
    """Where the company stands on the roadmap, and what to do first."""
    services.remember_organization(request.user, request.organization)
    member_count = Membership.objects.for_org(request.organization).count()
    model = load_model()
    from socialroadmap.roadmap.services import latest_submitted

    latest = latest_submitted(request.organization)
    return render(
        request,
        "organizations/organization_home.html",
        {
            "stages": [(stage, model.projects_in(stage.number)) for stage in model.stages],
            "language": request.LANGUAGE_CODE,
            "member_count": member_count,
            "latest": latest,
            "can_assess": request.membership.role_enum.allows(Capability.CONTRIBUTE),
            "can_administer": request.membership.role_enum.allows(Capability.ADMINISTER),
        },
    )


@org_view(write=Capability.ADMINISTER)
@require_http_methods(["GET", "POST"])
def member_list(request: OrganizationRequest) -> HttpResponse:
    """Members and their roles; owners invite people and open invitations show here."""
    organization = request.organization
    form = InviteMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_member(
                organization,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                actor=request.user,
            )
        except ServiceError as error:
            _form_error(form, error)
        else:
            if result.membership is not None:
                messages.success(
                    request, _("%(email)s was added.") % {"email": result.membership.user.email}
                )
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. You can also pass on this link: %(link)s")
                    % {"email": form.cleaned_data["email"], "link": result.link},
                )
            return redirect("organizations:members", org_slug=organization.slug)
    members = (
        Membership.objects.for_org(organization).select_related("user").order_by("user__email")
    )
    invitations = [i for i in Invitation.objects.for_org(organization) if i.is_open]
    return render(
        request,
        "organizations/member_list.html",
        {
            "members": members,
            "invitations": invitations,
            "form": form,
            "roles": Role.choices,
            "departments": Department.choices,
            "role_help": [(Role(value).label, ROLE_HELP[Role(value)]) for value in Role.values],
            "can_administer": request.membership.role_enum.allows(Capability.ADMINISTER),
        },
    )


@org_view(Capability.ADMINISTER)
@require_POST
def member_role(request: OrganizationRequest, pk: int) -> HttpResponse:
    organization = request.organization
    membership = get_scoped_or_404(Membership.objects.select_related("user"), organization, pk=pk)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.change_member_role(
                    membership, form.cleaned_data["role"], actor=request.user
                )
                if "department" in request.POST:
                    services.set_member_department(
                        membership, form.cleaned_data["department"], actor=request.user
                    )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Role of %(email)s changed.") % {"email": membership.user.email}
            )
    return redirect("organizations:members", org_slug=organization.slug)


@org_view(Capability.ADMINISTER)
@require_http_methods(["GET", "POST"])
def member_remove(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then remove; the last owner stays."""
    organization = request.organization
    membership = get_scoped_or_404(Membership.objects.select_related("user"), organization, pk=pk)
    if request.method == "POST":
        try:
            services.remove_member(membership, actor=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(email)s was removed.") % {"email": membership.user.email}
            )
            if membership.user_id == request.user.pk:
                return redirect("home")
        return redirect("organizations:members", org_slug=organization.slug)
    return render(request, "organizations/member_confirm_remove.html", {"member": membership})


@org_view(Capability.ADMINISTER)
@require_http_methods(["GET", "POST"])
def organization_delete(request: OrganizationRequest) -> HttpResponse:
    """Show what deleting the organisation removes; delete it once its short name is
    typed. The people's accounts stay (they may belong to other organisations)."""
    organization = request.organization
    form = DeleteOrganizationForm(organization.slug, request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = organization.name
        try:
            services.delete_organization(organization, actor=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s and all its data were deleted.") % {"name": name})
            return redirect("organizations:list")
    return render(
        request,
        "organizations/organization_confirm_delete.html",
        {"form": form, "rows": services.organization_rows(organization)},
    )


@org_view(Capability.ADMINISTER)
@require_POST
def invitation_revoke(request: OrganizationRequest, pk: int) -> HttpResponse:
    organization = request.organization
    invitation = get_scoped_or_404(Invitation.objects.all(), organization, pk=pk)
    services.revoke_invitation(invitation, actor=request.user)
    messages.success(
        request, _("Invitation for %(email)s withdrawn.") % {"email": invitation.email}
    )
    return redirect("organizations:members", org_slug=organization.slug)


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, key: str) -> HttpResponse:
    """Join through an invitation link: logged in, with one click; new, by choosing a password."""
    try:
        invitation = services.find_open_invitation(key)
    except ServiceError:
        return render(request, "organizations/invitation_invalid.html", status=404)
    user = request.user if isinstance(request.user, User) else None
    form = AcceptInvitationForm(request.POST or None) if user is None else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                membership = services.accept_invitation(key, user=user)
            else:
                membership = services.accept_invitation(
                    key,
                    password=form.cleaned_data["password1"],
                    full_name=form.cleaned_data["full_name"],
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        except ServiceError as error:
            if form is None:
                messages.error(request, error.message)
            else:
                _form_error(
                    form,
                    error
                    if error.field != "password"
                    else ServiceError(error.message, field="password1"),
                )
        else:
            messages.success(
                request, _("Welcome to %(name)s.") % {"name": membership.organization.name}
            )
            return redirect("organizations:home", org_slug=membership.organization.slug)
    return render(
        request, "organizations/invitation_accept.html", {"invitation": invitation, "form": form}
    )
