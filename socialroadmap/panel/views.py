"""Pages of the customer sounding board: the panel's members (consent, erasure, CSV
import and export), candidates from the listening posts, the questions with their
results and decisions, and "What our customers changed". Members of the organisation
read; conversation managers change. The panel's customers answer through a personal
link without logging in (``answer``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
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
from socialroadmap.panel import candidates as candidate_finder
from socialroadmap.panel import services
from socialroadmap.panel.choices import TRANSITIONS, AnswerSource, QuestionStatus
from socialroadmap.panel.forms import (
    AnswerForm,
    DecisionForm,
    ManagerAnswerForm,
    MemberImportForm,
    PanelMemberForm,
    QuestionForm,
)
from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion


def _can_manage(request: OrganizationRequest) -> bool:
    return request.membership.role_enum.allows(Capability.MANAGE)


def _back(request: OrganizationRequest, page: str, message: str, **kwargs: Any) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"panel:{page}", org_slug=request.organization.slug, **kwargs)


def _members(request: OrganizationRequest) -> Any:
    return PanelMember.objects.for_org(request.organization)


def _questions(request: OrganizationRequest) -> Any:
    return PanelQuestion.objects.for_org(request.organization)


@org_view()
@require_safe
def overview(request: OrganizationRequest) -> HttpResponse:
    """The board at a glance: who is on it, what is asked now, what customers changed."""
    members = _members(request).aggregate(
        total=Count("id"), active=Count("id", filter=Q(consent=True, left_on=None))
    )
    questions = _questions(request)
    return render(
        request,
        "panel/overview.html",
        {
            "members": members,
            "open_questions": list(questions.filter(status=QuestionStatus.OPEN)),
            "drafts": questions.filter(status=QuestionStatus.DRAFT).count(),
            "decisions": list(
                questions.filter(status=QuestionStatus.DECIDED).order_by("-decided_on", "-pk")[:3]
            ),
            "can_manage": _can_manage(request),
        },
    )


# --- members --------------------------------------------------------------------------


@org_view()
@require_safe
def members(request: OrganizationRequest) -> HttpResponse:
    rows = list(_members(request).annotate(answer_count=Count("answers")))
    return render(
        request,
        "panel/members.html",
        {"rows": rows, "can_manage": _can_manage(request)},
    )


def _member_form(request: OrganizationRequest, member: PanelMember, title: str) -> HttpResponse:
    form = PanelMemberForm(request.POST or None, instance=member)
    creating = member.pk is None

    def save() -> object:
        if creating:
            return services.create_member(
                request.organization, actor=request.user, **form.changes()
            )
        return services.update_member(member, form.changes(), actor=request.user)

    if request.method == "POST" and run_service(form, save) is not None:
        return _back(request, "members", _("Member saved."))
    return render(
        request, "panel/row_form.html", {"form": form, "title": title, "back": "panel:members"}
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def member_add(request: OrganizationRequest) -> HttpResponse:
    return _member_form(
        request, PanelMember(organization=request.organization), _("Add a panel member")
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def member_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    member = get_scoped_or_404(PanelMember.objects.all(), request.organization, pk=pk)
    return _member_form(request, member, member.name)


@org_view(Capability.MANAGE)
@require_POST
def member_consent(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Record consent (``consent=yes``) or its withdrawal (anything else)."""
    member = get_scoped_or_404(PanelMember.objects.all(), request.organization, pk=pk)
    given = request.POST.get("consent") == "yes"
    services.record_consent(member, given, actor=request.user)
    return _back(
        request,
        "members",
        _("Consent recorded.") if given else _("Consent withdrawn: the member no longer counts."),
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def member_erase(request: OrganizationRequest, pk: int) -> HttpResponse:
    """The right to be forgotten: a confirmation page that lists what goes."""
    member = get_scoped_or_404(PanelMember.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.erase_member(member, actor=request.user)
        return _back(request, "members", _("Member erased with their answers and votes."))
    return render(
        request,
        "panel/confirm_erase.html",
        {"member": member, "goes_with": services.goes_with(member)},
    )


@org_view(Capability.MANAGE)
@require_safe
def member_link(request: OrganizationRequest, pk: int) -> HttpResponse:
    """The member's personal answer link, to send them by e-mail."""
    member = get_scoped_or_404(PanelMember.objects.all(), request.organization, pk=pk)
    link = None
    if member.is_active:
        link = request.build_absolute_uri(
            reverse("panel:answer", kwargs={"token": services.member_token(member)})
        )
    return render(request, "panel/member_link.html", {"member": member, "link": link})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def members_import(request: OrganizationRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = MemberImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        try:
            result = services.import_members_csv(
                request.organization, form.cleaned_data["file"], actor=request.user
            )
        except ServiceError as error:
            form.add_error("file", error.message)
    return render(request, "panel/members_import.html", {"form": form, "result": result})


@org_view(Capability.MANAGE)
@require_safe
def members_template(request: OrganizationRequest) -> HttpResponse:
    """An example file for the import, in its columns."""
    example = [("An Peeters", "an@example.com", "horeca", "instagram:cafe_an", "yes")]
    response = HttpResponse(
        "".join(exports.csv_lines(services.CSV_COLUMNS, example)), content_type=exports.CSV_TYPE
    )
    return exports.attachment(response, "panel-members-template.csv")


MEMBER_EXPORT = (
    "name",
    "email",
    "segment",
    "handle",
    "consent",
    "consent_at",
    "consent_by",
    "joined_on",
    "left_on",
    "answers",
)


@org_view()
@require_safe
def members_export(request: OrganizationRequest, export_format: str) -> Any:
    if export_format not in exports.FORMATS:
        raise Http404("no such format")
    rows = _members(request).annotate(answer_count=Count("answers")).order_by("name", "pk")
    lines = (
        [
            m.name,
            m.email,
            m.segment,
            m.handle,
            "yes" if m.consent else "no",
            m.consent_at,
            m.consent_by,
            m.joined_on,
            m.left_on,
            m.answer_count,
        ]
        for m in rows
    )
    return exports.table_response(
        request.organization.slug, "panel-members", export_format, MEMBER_EXPORT, lines
    )


# --- candidates -----------------------------------------------------------------------


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def candidates(request: OrganizationRequest) -> HttpResponse:
    """Positive, engaged authors of the listening posts; "invite" adds a draft member."""
    if request.method == "POST":
        try:
            member = candidate_finder.invite_candidate(
                request.organization, request.POST.get("handle", ""), actor=request.user
            )
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("panel:candidates", org_slug=request.organization.slug)
        return _back(
            request,
            "members",
            _("%(name)s added as a draft: record their consent before they count.")
            % {"name": member.name},
        )
    return render(
        request,
        "panel/candidates.html",
        {
            "candidates": candidate_finder.candidates(request.organization),
            "can_manage": _can_manage(request),
        },
    )


# --- questions ------------------------------------------------------------------------


@org_view()
@require_safe
def questions(request: OrganizationRequest) -> HttpResponse:
    rows = list(_questions(request).annotate(answer_count=Count("answers")))
    return render(
        request, "panel/questions.html", {"rows": rows, "can_manage": _can_manage(request)}
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question_add(request: OrganizationRequest) -> HttpResponse:
    form = QuestionForm(
        request.POST or None, instance=PanelQuestion(organization=request.organization)
    )

    def save() -> PanelQuestion:
        return services.create_question(request.organization, actor=request.user, **form.changes())

    question = run_service(form, save) if request.method == "POST" else None
    if question is not None:
        return _back(request, "question", _("Question drafted."), pk=question.pk)
    return render(
        request,
        "panel/row_form.html",
        {"form": form, "title": _("Put a question to the panel"), "back": "panel:questions"},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    question = get_scoped_or_404(PanelQuestion.objects.all(), request.organization, pk=pk)
    form = QuestionForm(request.POST or None, instance=question)

    def save() -> object:
        return services.update_question(question, form.changes(), actor=request.user)

    if request.method == "POST" and run_service(form, save) is not None:
        return _back(request, "question", _("Question saved."), pk=question.pk)
    return render(
        request,
        "panel/row_form.html",
        {"form": form, "title": question.title, "back": "panel:questions"},
    )


@org_view(write=Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question(request: OrganizationRequest, pk: int) -> HttpResponse:
    """A question with its results and answers; a manager enters an answer received by
    e-mail or in a meeting with the form beside them."""
    row = get_scoped_or_404(PanelQuestion.objects.all(), request.organization, pk=pk)
    active = _members(request).filter(consent=True, left_on=None)
    form = ManagerAnswerForm(request.POST or None, options=row.options, members=active)

    def save() -> object:
        return services.answer_question(
            row,
            form.cleaned_data["member"],
            text=form.cleaned_data.get("text") or "",
            choice=form.cleaned_data.get("choice"),
            source=AnswerSource.MANAGER,
            actor=request.user,
        )

    if request.method == "POST" and run_service(form, save) is not None:
        return _back(request, "question", _("Answer saved."), pk=row.pk)
    answers = list(PanelAnswer.objects.filter(question=row).select_related("member"))
    return render(
        request,
        "panel/question.html",
        {
            "question": row,
            "results": services.results(row),
            "answers": answers,
            "form": form,
            "next_statuses": [s for s in TRANSITIONS[row.status] if s != QuestionStatus.DECIDED],
            "can_decide": QuestionStatus.DECIDED in TRANSITIONS[row.status],
            "can_manage": _can_manage(request),
            "statuses": QuestionStatus,
        },
    )


@org_view(Capability.MANAGE)
@require_POST
def question_transition(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(PanelQuestion.objects.all(), request.organization, pk=pk)
    status = request.POST.get("status", "")
    if status == QuestionStatus.DECIDED:
        return redirect("panel:question_decide", org_slug=request.organization.slug, pk=row.pk)
    try:
        services.transition_question(row, status, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("panel:question", org_slug=request.organization.slug, pk=row.pk)
    return _back(request, "question", _("Status changed."), pk=row.pk)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question_decide(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Record (or correct) what a closed question led to."""
    row = get_scoped_or_404(PanelQuestion.objects.all(), request.organization, pk=pk)
    decided = row.status == QuestionStatus.DECIDED
    if row.status not in (QuestionStatus.CLOSED, QuestionStatus.DECIDED):
        messages.error(request, _("Close the question before you record its decision."))
        return redirect("panel:question", org_slug=request.organization.slug, pk=row.pk)
    initial = {name: getattr(row, name) for name in services.DECISION_FIELDS} if decided else None
    form = DecisionForm(request.POST or None, initial=initial)

    def save() -> object:
        if decided:
            return services.update_decision(row, form.cleaned_data, actor=request.user)
        return services.transition_question(
            row, QuestionStatus.DECIDED, actor=request.user, **form.cleaned_data
        )

    if request.method == "POST" and run_service(form, save) is not None:
        return _back(request, "changed", _("Decision recorded."))
    return render(
        request,
        "panel/decide.html",
        {"form": form, "question": row, "results": services.results(row)},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(PanelQuestion.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        services.delete_question(row, actor=request.user)
        return _back(request, "questions", _("Question deleted."))
    return render(
        request,
        "panel/confirm_delete.html",
        {"question": row, "answers": row.answers.count()},
    )


QUESTION_EXPORT = (
    "title",
    "kind",
    "status",
    "opens_on",
    "closes_on",
    "answers",
    "votes",
    "results",
    "decision",
    "decided_on",
    "decided_by",
    "what_changed",
)


@org_view()
@require_safe
def questions_export(request: OrganizationRequest, export_format: str) -> Any:
    """The questions with their results ("option: votes (share)") and decisions."""
    if export_format not in exports.FORMATS:
        raise Http404("no such format")

    def line(question: PanelQuestion) -> list[Any]:
        result = services.results(question)
        summary = "; ".join(f"{o.option}: {o.votes} ({o.share:.0%})" for o in result.options)
        return [
            question.title,
            question.kind,
            question.status,
            question.opens_on,
            question.closes_on,
            result.answers,
            result.votes,
            summary,
            question.decision,
            question.decided_on,
            question.decided_by,
            question.decision_link,
        ]

    rows = _questions(request).order_by("pk")
    return exports.table_response(
        request.organization.slug,
        "panel-questions",
        export_format,
        QUESTION_EXPORT,
        (line(q) for q in rows),
    )


@org_view()
@require_safe
def changed(request: OrganizationRequest) -> HttpResponse:
    """What our customers changed: the decisions, newest first — for the board."""
    decided = (
        _questions(request).filter(status=QuestionStatus.DECIDED).order_by("-decided_on", "-pk")
    )
    return render(
        request,
        "panel/changed.html",
        {"rows": [(q, services.results(q)) for q in decided]},
    )


# --- the member's personal link -------------------------------------------------------


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The panel member's page, without login: the open questions, to answer and vote.
    A tampered or expired link, or one of a member who withdrew consent, shows a page
    that says the link no longer works (404)."""
    member = services.member_from_token(token)
    if member is None:
        return _private(render(request, "panel/link_invalid.html", status=404))
    open_questions = list(
        PanelQuestion.objects.for_org(member.organization).filter(status=QuestionStatus.OPEN)
    )
    mine = {a.question_id: a for a in PanelAnswer.objects.filter(member=member)}
    posted = None
    if request.method == "POST":
        try:
            posted = int(request.POST.get("question", ""))
        except ValueError:
            posted = None
    items = []
    saved = False
    for item in open_questions:
        previous = mine.get(item.pk)
        initial = {"text": previous.text, "choice": previous.choice} if previous else None
        bound = request.POST if posted == item.pk else None
        form = AnswerForm(bound, initial=initial, options=item.options, prefix=f"q{item.pk}")
        if bound is not None:

            def save(question: PanelQuestion = item, f: AnswerForm = form) -> object:
                return services.answer_question(
                    question,
                    member,
                    text=f.cleaned_data.get("text") or "",
                    choice=f.cleaned_data.get("choice"),
                    source=AnswerSource.MEMBER,
                    actor=None,
                )

            saved = run_service(form, save) is not None
        items.append((item, form, previous))
    if saved:
        messages.success(request, _("Thank you: your answer is saved."))
        return _private(redirect("panel:answer", token=token))
    return _private(
        render(
            request,
            "panel/answer.html",
            {"member": member, "organization": member.organization, "items": items},
        )
    )


def _private(response: HttpResponse) -> HttpResponse:
    """The token in the address is the member's key: no other site they follow a link to may
    see it, and no cache may keep the page."""
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
