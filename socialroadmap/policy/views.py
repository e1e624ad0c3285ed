"""Policy pages: the published policy with its acknowledgement, the builder of a draft,
the version page (document, differences, review and publication), the downloads, and
the acknowledgements per department. Members read and acknowledge for themselves;
conversation managers write drafts and publish; owners approve."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.core.errors import ServiceError
from socialroadmap.core.exports import FORMATS, attachment, filename, table_response
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.internalscan.models import Employee
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view
from socialroadmap.policy import services
from socialroadmap.policy.choices import VersionStatus
from socialroadmap.policy.document import build_document, diff_versions, to_markdown, to_pdf
from socialroadmap.policy.forms import (
    AcknowledgementImportForm,
    BuilderForm,
    RecordForm,
    ReturnForm,
)
from socialroadmap.policy.models import Acknowledgement, PolicyVersion
from socialroadmap.policy.shares import acknowledged_employee_ids, acknowledgement_shares

DOCUMENT_FORMATS = ("md", "pdf")


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


def _language(request: OrganizationRequest) -> str:
    """The document's language: ``?lang=`` or else the reader's."""
    asked = request.GET.get("lang", "")
    if asked in ("en", "nl"):
        return asked
    return "nl" if (request.LANGUAGE_CODE or "").startswith("nl") else "en"


def _version(request: OrganizationRequest, pk: int) -> PolicyVersion:
    queryset = PolicyVersion.objects.select_related("policy", "approved_by", "submitted_by")
    return get_scoped_or_404(queryset, request.organization, pk=pk)


def _to_version(request: OrganizationRequest, version: PolicyVersion) -> HttpResponse:
    return redirect("policy:version", org_slug=request.organization.slug, pk=version.pk)


def _mine(request: OrganizationRequest, version: PolicyVersion | None) -> Acknowledgement | None:
    if version is None:
        return None
    return Acknowledgement.objects.filter(version=version, user=request.user).first()


@org_view()
@require_safe
def overview(request: OrganizationRequest) -> HttpResponse:
    """The published policy for every member, with their acknowledgement; the versions."""
    published = services.published_version(request.organization)
    language = _language(request)
    return render(
        request,
        "policy/overview.html",
        {
            "published": published,
            "document": build_document(published, language) if published else None,
            "mine": _mine(request, published),
            "versions": services.versions_of(request.organization),
            "open_version": services.open_version(request.organization),
            "shares": acknowledgement_shares(request.organization),
            "can_manage": _can(request, Capability.MANAGE),
            "language": language,
        },
    )


@org_view(Capability.MANAGE)
@require_POST
def version_new(request: OrganizationRequest) -> HttpResponse:
    try:
        version = services.create_draft(request.organization, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("policy:overview", org_slug=request.organization.slug)
    messages.success(request, _("Version %(number)s started.") % {"number": version.number})
    return redirect("policy:version_edit", org_slug=request.organization.slug, pk=version.pk)


@org_view()
@require_safe
def version(request: OrganizationRequest, pk: int) -> HttpResponse:
    """One version: its document, what changed since another version, and the next step."""
    row = _version(request, pk)
    language = _language(request)
    others = [v for v in services.versions_of(request.organization) if v.pk != row.pk]
    compare = None
    wanted = request.GET.get("compare", "")
    if wanted.isdigit():
        compare = next((v for v in others if v.pk == int(wanted)), None)
    if compare is None:
        compare = next((v for v in others if v.number < row.number), None)
    return render(
        request,
        "policy/version.html",
        {
            "version": row,
            "document": build_document(row, language),
            "language": language,
            "compare": compare,
            "others": others,
            "changes": diff_versions(compare, row, language) if compare else [],
            "can_manage": _can(request, Capability.MANAGE),
            "can_approve": _can(request, Capability.ADMINISTER),
            "return_form": ReturnForm(None),
            "Status": VersionStatus,
        },
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def version_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    """The builder: answer the decisions and write the organisation's own text."""
    row = _version(request, pk)
    if row.status != VersionStatus.DRAFT:
        messages.error(request, _("Only a draft can be edited."))
        return _to_version(request, row)
    language = _language(request)
    form = BuilderForm(request.POST or None, version=row, policy=row.policy, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_policy(row.policy, form.title_changes(), actor=request.user)
            services.update_draft(row, form.draft_changes(), actor=request.user)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Draft saved."))
            return _to_version(request, row)
    return render(request, "policy/builder.html", {"version": row, "form": form})


def _step(request: OrganizationRequest, pk: int, act: Any, done: str) -> HttpResponse:
    row = _version(request, pk)
    try:
        act(row)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _to_version(request, row)


@org_view(Capability.MANAGE)
@require_POST
def version_submit(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda row: services.submit_version(row, actor=request.user),
        _("Sent to the owners for approval."),
    )


@org_view(Capability.ADMINISTER)
@require_POST
def version_approve(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda row: services.approve_version(row, actor=request.user),
        _("Version approved."),
    )


@org_view(Capability.ADMINISTER)
@require_POST
def version_return(request: OrganizationRequest, pk: int) -> HttpResponse:
    comment = request.POST.get("comment", "")
    return _step(
        request,
        pk,
        lambda row: services.return_version(row, comment=comment, actor=request.user),
        _("Sent back to draft."),
    )


@org_view(Capability.MANAGE)
@require_POST
def version_publish(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda row: services.publish_version(row, actor=request.user),
        _("Version published: every member now sees it."),
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def version_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = _version(request, pk)
    if request.method == "POST":
        try:
            services.delete_draft(row, actor=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return _to_version(request, row)
        messages.success(request, _("Draft deleted."))
        return redirect("policy:overview", org_slug=request.organization.slug)
    return render(request, "policy/confirm_delete.html", {"version": row})


@org_view()
@require_safe
def version_document(request: OrganizationRequest, pk: int, fmt: str) -> HttpResponse:
    """The document as Markdown or PDF, in ``?lang=`` (or the reader's language)."""
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    row = _version(request, pk)
    language = _language(request)
    document = build_document(row, language)
    what = f"policy-v{row.number}-{language}"
    if fmt == "md":
        response = HttpResponse(to_markdown(document), content_type="text/markdown; charset=utf-8")
    else:
        response = HttpResponse(to_pdf(document), content_type="application/pdf")
    return attachment(response, filename(request.organization.slug, what, fmt))


@org_view()
@require_POST
def acknowledge(request: OrganizationRequest) -> HttpResponse:
    """Any member reads and accepts the published version, for themselves."""
    try:
        _row, created = services.acknowledge(request.organization, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if created:
            messages.success(request, _("Thank you: your acknowledgement is recorded."))
        else:
            messages.info(request, _("You had already acknowledged this version."))
    return redirect("policy:overview", org_slug=request.organization.slug)


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def acknowledgements(request: OrganizationRequest) -> HttpResponse:
    """The share acknowledged per department; managers record roster people's."""
    shares = acknowledgement_shares(request.organization)
    people = Employee.objects.for_org(request.organization)
    if shares.version is not None:
        people = people.exclude(pk__in=acknowledged_employee_ids(shares.version))
    form = RecordForm(request.POST if request.method == "POST" else None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.record_acknowledgements(
                request.organization, form.cleaned_data["employees"], actor=request.user
            )
        except ServiceError as error:
            form.add_error("employees", error.message)
        else:
            messages.success(
                request, _("%(count)s acknowledgement(s) recorded.") % {"count": len(added)}
            )
            return redirect("policy:acknowledgements", org_slug=request.organization.slug)
    rows = (
        Acknowledgement.objects.filter(version=shares.version)
        .select_related("employee", "user")
        .order_by("-acknowledged_at")
        if shares.version
        else []
    )
    return render(
        request,
        "policy/acknowledgements.html",
        {
            "shares": shares,
            "rows": rows,
            "form": form,
            "has_people": people.exists(),
            "can_manage": _can(request, Capability.MANAGE),
        },
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def acknowledgements_import(request: OrganizationRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = AcknowledgementImportForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    result = None
    if posted and form.is_valid():
        try:
            result = services.import_acknowledgements_csv(
                request.organization, form.cleaned_data["file"], actor=request.user
            )
        except ServiceError as error:
            form.add_error("file", error.message)
    return render(request, "policy/import.html", {"form": form, "result": result})


EXPORT_HEADER = ("version", "name", "department", "email", "acknowledged_at", "source")


@org_view()
@require_safe
def acknowledgements_export(request: OrganizationRequest, export_format: str) -> HttpResponse:
    if export_format not in FORMATS:
        raise Http404
    rows = (
        Acknowledgement.objects.for_org(request.organization)
        .select_related("version", "employee", "user")
        .order_by("-version__number", "acknowledged_at")
    )
    data = [
        (
            row.version.number,
            row.person,
            row.employee.department if row.employee else "",
            (row.employee.email if row.employee and row.employee.email else "")
            or (row.user.email if row.user else ""),
            row.acknowledged_at,
            row.source,
        )
        for row in rows
    ]
    return table_response(  # type: ignore[return-value]
        request.organization.slug, "policy-acknowledgements", export_format, EXPORT_HEADER, data
    )
