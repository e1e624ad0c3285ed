"""Assessment, result, roadmap board, history and reports."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.core.errors import ServiceError
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.engine.model import load_model
from socialroadmap.engine.scoring import AssessmentResult
from socialroadmap.engine.serialize import result_to_dict
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.models import Membership
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view
from socialroadmap.reports.assessment import ReportContext, render_csv, render_html, render_pdf
from socialroadmap.roadmap import insights, services
from socialroadmap.roadmap.choices import AssessmentStatus
from socialroadmap.roadmap.forms import ActionPointForm, AssessmentForm, RoadmapItemForm
from socialroadmap.roadmap.models import ActionPoint, Assessment, RoadmapItem


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


@org_view(Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def assessment_take(request: OrganizationRequest) -> HttpResponse:
    """Answer the questionnaire: save a draft and come back, or submit it."""
    assessment = services.start_assessment(request.organization, request.user)
    model = services.model_for(assessment)
    language = request.LANGUAGE_CODE
    initial = {f"q_{qid}": value for qid, value in services.answers_of(assessment).items()}
    form = AssessmentForm(model, language, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(assessment, form.answers(), actor=request.user)
            if request.POST.get("action") == "submit":
                services.submit_assessment(assessment, actor=request.user)
                messages.success(request, _("Assessment submitted."))
                return redirect(
                    "roadmap:result", org_slug=request.organization.slug, pk=assessment.pk
                )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Draft saved. You can come back to it at any time."))
            return redirect("roadmap:assessment", org_slug=request.organization.slug)
    sections = [
        {
            "stage": stage,
            "projects": [
                {"project": p, "fields": form.fields_for(p.number)}
                for p in model.projects_in(stage.number)
            ],
        }
        for stage in model.stages
    ]
    answered = len(initial)
    return render(
        request,
        "roadmap/assessment_form.html",
        {
            "assessment": assessment,
            "sections": sections,
            "answered": answered,
            "total": len(model.questions),
        },
    )


def _result_context(request: OrganizationRequest, assessment: Assessment) -> dict[str, Any]:
    model = services.model_for(assessment)
    if assessment.is_draft:
        result: AssessmentResult | None = services.compute_result(assessment)
        data = result_to_dict(model, result) if result else {}
    else:
        data = assessment.result or {}
    return {
        "assessment": assessment,
        "result": data,
        "stages": insights.stage_rows(model, data),
        "spread": insights.respondent_spread(request.organization),
        "language": request.LANGUAGE_CODE,
        **_assess_links(request),
    }


def _assess_links(request: OrganizationRequest) -> dict[str, bool]:
    """Whether the caller may (re)assess, and whether a draft of theirs is waiting."""
    return {
        "can_assess": _can(request, Capability.CONTRIBUTE),
        "has_draft": Assessment.objects.for_org(request.organization)
        .filter(respondent=request.user, status=AssessmentStatus.DRAFT)
        .exists(),
    }


@org_view()
@require_safe
def result_latest(request: OrganizationRequest) -> HttpResponse:
    assessment = services.latest_submitted(request.organization)
    if assessment is None:
        return render(
            request,
            "roadmap/result_empty.html",
            {"can_assess": _can(request, Capability.CONTRIBUTE)},
        )
    return redirect("roadmap:result", org_slug=request.organization.slug, pk=assessment.pk)


@org_view()
@require_safe
def result_detail(request: OrganizationRequest, pk: int) -> HttpResponse:
    assessment = get_scoped_or_404(
        Assessment.objects.select_related("respondent"), request.organization, pk=pk
    )
    if assessment.is_draft and assessment.respondent_id != request.user.pk:
        raise Http404
    return render(request, "roadmap/result.html", _result_context(request, assessment))


@org_view()
@require_safe
def report(request: OrganizationRequest, pk: int, fmt: str) -> HttpResponse:
    """The assessment as a document for the board: PDF, HTML, JSON or CSV, in nl or en."""
    assessment = get_scoped_or_404(Assessment.objects.all(), request.organization, pk=pk)
    if assessment.is_draft:
        raise Http404
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    language = language if language in ("nl", "en") else "en"
    model = services.model_for(assessment)
    result = services.result_from_snapshot(model, assessment)
    ctx = ReportContext(
        model,
        result,
        language=language,
        organization=request.organization.name,
        day=assessment.submitted_at.date() if assessment.submitted_at else None,
    )
    filename = f"{request.organization.slug}-assessment-{ctx.when}-{language}.{fmt}"
    body: str | bytes
    if fmt == "pdf":
        body, content_type = render_pdf(ctx), "application/pdf"
    elif fmt == "html":
        body, content_type = render_html(ctx), "text/html; charset=utf-8"
    elif fmt == "csv":
        body, content_type = render_csv(ctx), "text/csv; charset=utf-8"
    else:
        body = json.dumps(assessment.result, ensure_ascii=False, indent=2)
        content_type = "application/json"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@org_view()
@require_safe
def board(request: OrganizationRequest) -> HttpResponse:
    """The 13 projects as cards in four stage columns."""
    items = services.ensure_board(request.organization)
    points = ActionPoint.objects.for_org(request.organization).select_related("item")
    by_item: dict[int, list[ActionPoint]] = {}
    for point in points:
        by_item.setdefault(point.item_id, []).append(point)
    model = load_model()
    language = request.LANGUAGE_CODE
    columns = [
        {
            "stage": stage,
            "cards": [
                {
                    "item": item,
                    "project": model.project(item.project),
                    "points": [(p, p.display_text(language)) for p in by_item.get(item.pk, [])],
                }
                for item in items
                if model.project(item.project).stage == stage.number
            ],
        }
        for stage in model.stages
    ]
    return render(
        request,
        "roadmap/board.html",
        {"columns": columns, "can_edit": _can(request, Capability.CONTRIBUTE)},
    )


def _members(request: OrganizationRequest) -> Any:
    from socialroadmap.accounts.models import User

    return User.objects.filter(
        pk__in=Membership.objects.for_org(request.organization).values("user")
    ).order_by("email")


@org_view(write=Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def item_edit(request: OrganizationRequest, project: int) -> HttpResponse:
    """Edit one card; a stale form (someone saved in between) is refused, not overwritten."""
    services.ensure_board(request.organization)
    item = get_scoped_or_404(RoadmapItem.objects.all(), request.organization, project=project)
    initial = {
        "status": item.status,
        "owner": item.owner_id,
        "due_date": item.due_date,
        "notes": item.notes,
        "version": item.version,
    }
    form = RoadmapItemForm(_members(request), request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_roadmap_item(item, data, actor=request.user, expected_version=version)
        except services.ConflictError as error:
            messages.error(request, error.message)
            return redirect("roadmap:item", org_slug=request.organization.slug, project=project)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("roadmap:board", org_slug=request.organization.slug)
    model = load_model()
    language = request.LANGUAGE_CODE
    points = [(p, p.display_text(language)) for p in item.action_points.all()]
    return render(
        request,
        "roadmap/item_form.html",
        {
            "item": item,
            "project": model.project(project),
            "form": form,
            "points": points,
            "point_form": ActionPointForm(),
            "can_edit": _can(request, Capability.CONTRIBUTE),
        },
    )


@org_view(Capability.CONTRIBUTE)
@require_POST
def point_toggle(request: OrganizationRequest, pk: int) -> HttpResponse:
    point = get_scoped_or_404(
        ActionPoint.objects.select_related("item"), request.organization, pk=pk
    )
    done = request.POST.get("done") == "1"
    version = request.POST.get("version", "")
    try:
        point = services.set_action_point_done(
            point,
            done,
            actor=request.user,
            expected_version=int(version) if version.isdigit() else None,
        )
    except services.ConflictError as error:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(error.message, status=409)
        messages.error(request, error.message)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "roadmap/_point.html",
            {"point": point, "text": point.display_text(request.LANGUAGE_CODE), "can_edit": True},
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("roadmap:board", org_slug=request.organization.slug)


@org_view(Capability.CONTRIBUTE)
@require_POST
def point_add(request: OrganizationRequest, project: int) -> HttpResponse:
    item = get_scoped_or_404(RoadmapItem.objects.all(), request.organization, project=project)
    form = ActionPointForm(request.POST)
    if form.is_valid():
        services.add_action_point(item, form.cleaned_data["text"], actor=request.user)
        messages.success(request, _("Action point added."))
    else:
        messages.error(request, _("An action point needs a text."))
    return redirect("roadmap:item", org_slug=request.organization.slug, project=project)


@org_view(Capability.CONTRIBUTE)
@require_POST
def point_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Reword an action point; an empty text returns to the model's wording."""
    point = get_scoped_or_404(
        ActionPoint.objects.select_related("item"), request.organization, pk=pk
    )
    version = request.POST.get("version", "")
    try:
        services.edit_action_point(
            point,
            request.POST.get("text", ""),
            actor=request.user,
            expected_version=int(version) if version.isdigit() else None,
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Action point saved."))
    return redirect("roadmap:item", org_slug=request.organization.slug, project=point.item.project)


@org_view(Capability.CONTRIBUTE)
@require_POST
def point_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    point = get_scoped_or_404(
        ActionPoint.objects.select_related("item"), request.organization, pk=pk
    )
    project = point.item.project
    services.delete_action_point(point, actor=request.user)
    messages.success(request, _("Action point removed."))
    return redirect("roadmap:item", org_slug=request.organization.slug, project=project)


@org_view()
@require_safe
def history(request: OrganizationRequest) -> HttpResponse:
    """Every submitted assessment, a chart of progress over time, and the benchmark panel."""
    assessments = list(
        Assessment.objects.for_org(request.organization)
        .filter(status=AssessmentStatus.SUBMITTED)
        .select_related("respondent")
        .order_by("submitted_at")
    )
    return render(
        request,
        "roadmap/history.html",
        {
            "assessments": list(reversed(assessments)),
            "chart": insights.history_chart(assessments),
            "benchmark": insights.benchmark(request.organization, request.user),
            **_assess_links(request),
        },
    )
