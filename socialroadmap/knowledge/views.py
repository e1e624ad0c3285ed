"""Pages of the knowledge programme: the overview (modules per level, coverage per
department, overdue people), each module with its completions and quiz, and the
forms of conversation managers. Every member on the roster may take a quiz."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.forms import run_service
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import employee_for_user
from socialroadmap.knowledge import imports, services
from socialroadmap.knowledge.choices import LEVELS
from socialroadmap.knowledge.coverage import applies, coverage, due_on, overdue
from socialroadmap.knowledge.forms import (
    CompletionsForm,
    ImportForm,
    ModuleForm,
    QuestionForm,
    QuizForm,
)
from socialroadmap.knowledge.models import Completion, Module, Question
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view

OVERDUE_SHOWN = 50
# A confirmation page names at most this many of the rows that go.
LISTED = 30


def _can_manage(request: OrganizationRequest) -> bool:
    return request.membership.role_enum.allows(Capability.MANAGE)


def _module(request: OrganizationRequest, pk: int) -> Module:
    return get_scoped_or_404(Module.objects.all(), request.organization, pk=pk)


def _to_overview(request: OrganizationRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("knowledge:overview", org_slug=request.organization.slug)


def _to_module(request: OrganizationRequest, module: Module, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("knowledge:module", org_slug=request.organization.slug, pk=module.pk)


def _form_page(
    request: OrganizationRequest,
    form: Any,
    save: Callable[[], Module],
    *,
    title: str,
    module: Module | None,
    saved: str,
) -> HttpResponse:
    """A form that saves through a service, then shows the module it changed."""
    if request.method == "POST":
        changed = run_service(form, save)
        if changed is not None:
            return _to_module(request, changed, saved)
    return render(request, "knowledge/form.html", {"form": form, "title": title, "module": module})


# --- the overview ---------------------------------------------------------------------


def _my_modules(request: OrganizationRequest, modules: list[Module]) -> list[dict[str, Any]]:
    """The compulsory modules of the caller, when they are on the roster: done or not."""
    me = employee_for_user(request.organization, request.user)
    if me is None:
        return []
    done = set(Completion.objects.filter(employee=me).values_list("module_id", flat=True))
    return [
        {"module": m, "done": m.pk in done, "due_on": due_on(m, me)}
        for m in modules
        if applies(m, me)
    ]


@org_view()
@require_safe
def overview(request: OrganizationRequest) -> HttpResponse:
    """The programme per level, its coverage per department, and who is overdue."""
    organization = request.organization
    modules = list(Module.objects.for_org(organization))
    late = overdue(organization)
    return render(
        request,
        "knowledge/overview.html",
        {
            "levels": [(level, [m for m in modules if m.level == level]) for level in LEVELS],
            "has_modules": bool(modules),
            "coverage": coverage(organization),
            "overdue": late[:OVERDUE_SHOWN],
            "overdue_count": len(late),
            "last_reminder": services.last_reminder_at(organization),
            "on_roster": Employee.objects.for_org(organization).exists(),
            "mine": _my_modules(request, modules),
            "can_manage": _can_manage(request),
        },
    )


# --- modules --------------------------------------------------------------------------


def _module_form(request: OrganizationRequest, module: Module, title: str) -> HttpResponse:
    form = ModuleForm(request.POST or None, instance=module, organization=request.organization)
    adding = module.pk is None

    def save() -> Module:
        if adding:
            return services.create_module(
                request.organization, actor=request.user, **form.changes()
            )
        return services.update_module(module, form.changes(), actor=request.user)

    shown = None if adding else module
    return _form_page(request, form, save, title=title, module=shown, saved=_("Module saved."))


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def module_add(request: OrganizationRequest) -> HttpResponse:
    return _module_form(request, Module(organization=request.organization), _("Add a module"))


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def module_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    module = _module(request, pk)
    return _module_form(request, module, module.title)


@org_view()
@require_safe
def module_detail(request: OrganizationRequest, pk: int) -> HttpResponse:
    """One module: its material, who completed it, who still must, and its quiz."""
    module = _module(request, pk)
    completions = list(
        module.completions.select_related("employee").order_by("employee__full_name")
    )
    done = {c.employee_id for c in completions}
    to_do = [
        (employee, due_on(module, employee))
        for employee in Employee.objects.for_org(request.organization)
        if applies(module, employee) and employee.pk not in done
    ]
    return render(
        request,
        "knowledge/module.html",
        {
            "module": module,
            "completions": completions,
            "to_do": to_do,
            "questions": list(module.questions.all()),
            "can_manage": _can_manage(request),
        },
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def module_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    module = _module(request, pk)
    if request.method == "POST":
        services.delete_module(module, actor=request.user)
        return _to_overview(request, _("Module deleted."))
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "title": _("Delete a module"),
            "name": module.title,
            "goes": services.module_dependents(module),
            "people": module.completions.order_by("employee__full_name").values_list(
                "employee__full_name", flat=True
            )[:LISTED],
            "questions": module.questions.values_list("text", flat=True)[:LISTED],
            "back": ("knowledge:module", module.pk),
        },
    )


# --- completions ----------------------------------------------------------------------


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def module_record(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Tick the people who completed the module (a session, a course) on one day."""
    module = _module(request, pk)
    form = CompletionsForm(request.POST or None, module=module)

    def save() -> list[Completion]:
        return services.record_completions(
            module,
            form.cleaned_data["employees"],
            completed_on=form.cleaned_data["completed_on"],
            score=form.cleaned_data["score"],
            actor=request.user,
        )

    created = run_service(form, save) if request.method == "POST" else None
    if created is not None:
        message = _("%(count)d completion(s) recorded.") % {"count": len(created)}
        return _to_module(request, module, message)
    return render(request, "knowledge/record.html", {"form": form, "module": module})


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def completion_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    completion = get_scoped_or_404(
        Completion.objects.select_related("module", "employee"), request.organization, pk=pk
    )
    module = completion.module
    if request.method == "POST":
        services.delete_completion(completion, actor=request.user)
        return _to_module(request, module, _("Completion removed."))
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "title": _("Remove a completion"),
            "name": str(completion),
            "goes": {},
            "back": ("knowledge:module", module.pk),
        },
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def completions_import(request: OrganizationRequest) -> HttpResponse:
    """Upload an LMS export; the page then shows what was kept and each refused line."""
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        try:
            result = imports.import_completions_csv(
                request.organization, form.cleaned_data["file"], actor=request.user
            )
        except ServiceError as error:
            form.add_error("file", error.message)
    return render(request, "knowledge/import.html", {"form": form, "result": result})


@org_view()
@require_safe
def completions_template(request: OrganizationRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type=exports.CSV_TYPE)
    return exports.attachment(response, "completions-template.csv")


def _format(export_format: str) -> str:
    if export_format not in exports.FORMATS:
        raise Http404
    return export_format


COMPLETION_COLUMNS = [
    "name",
    "department",
    "email",
    "module",
    "level",
    "completed_on",
    "score",
    "source",
]
COVERAGE_COLUMNS = ["department", "people", "level", "must_take", "completed", "share"]


@org_view()
@require_safe
def completions_export(request: OrganizationRequest, export_format: str) -> Any:
    """Every completion, in the import's columns (and a few more)."""
    rows = (
        [
            c.employee.full_name,
            c.employee.department,
            c.employee.email,
            c.module.title,
            c.module.level,
            c.completed_on,
            c.score,
            c.source,
        ]
        for c in Completion.objects.for_org(request.organization)
        .select_related("module", "employee")
        .order_by("employee__full_name", "module__level", "module__title")
    )
    return exports.table_response(
        request.organization.slug, "completions", _format(export_format), COMPLETION_COLUMNS, rows
    )


@org_view()
@require_safe
def coverage_export(request: OrganizationRequest, export_format: str) -> Any:
    """The coverage table, one line per department and level (and the whole organisation)."""
    fmt = _format(export_format)
    table = coverage(request.organization)
    rows = []
    for row in [*table.rows, table.total]:
        name = row.department if row is not table.total else "(all)"
        for level, cell in zip(LEVELS, row.cells(), strict=True):
            share = None if cell.share is None else round(cell.share, 4)
            rows.append([name, row.people, int(level), cell.required, cell.done, share])
    return exports.table_response(
        request.organization.slug, "coverage", fmt, COVERAGE_COLUMNS, rows
    )


# --- quiz questions -------------------------------------------------------------------


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question_add(request: OrganizationRequest, module_pk: int) -> HttpResponse:
    module = _module(request, module_pk)
    form = QuestionForm(request.POST or None)

    def save() -> Module:
        services.add_question(module, actor=request.user, **form.cleaned_data)
        return module

    title, saved = _("Add a quiz question"), _("Question added.")
    return _form_page(request, form, save, title=title, module=module, saved=saved)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    question = get_scoped_or_404(
        Question.objects.select_related("module"), request.organization, pk=pk
    )
    form = QuestionForm.of(question, request.POST or None)

    def save() -> Module:
        services.update_question(question, form.cleaned_data, actor=request.user)
        return question.module

    title, saved = _("Edit a quiz question"), _("Question saved.")
    return _form_page(request, form, save, title=title, module=question.module, saved=saved)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def question_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    question = get_scoped_or_404(
        Question.objects.select_related("module"), request.organization, pk=pk
    )
    module = question.module
    if request.method == "POST":
        services.delete_question(question, actor=request.user)
        return _to_module(request, module, _("Question deleted."))
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "title": _("Delete a quiz question"),
            "name": question.text,
            "goes": {},
            "back": ("knowledge:module", module.pk),
        },
    )


# --- the quiz -------------------------------------------------------------------------


@org_view()
@require_http_methods(["GET", "POST"])
def quiz(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Any member on the roster takes the quiz for themselves; a pass records their
    completion. The result shows the score and the answers that were wrong."""
    module = _module(request, pk)
    questions = list(module.questions.all())
    employee = employee_for_user(request.organization, request.user)
    form = QuizForm(request.POST or None, questions=questions)
    context: dict[str, Any] = {
        "module": module,
        "form": form,
        "employee": employee,
        "questions": questions,
    }
    if request.method == "POST" and employee is not None and questions and form.is_valid():
        result = services.take_quiz(module, employee, form.answers(), actor=request.user)
        return render(request, "knowledge/quiz_result.html", {**context, "result": result})
    return render(request, "knowledge/quiz.html", context)


# --- reminders ------------------------------------------------------------------------


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def reminders(request: OrganizationRequest) -> HttpResponse:
    """Say how many people will get a reminder; send them on confirmation."""
    if request.method == "POST":
        counts = services.send_reminders(request.organization, actor=request.user)
        return _to_overview(request, _("%(sent)d reminder(s) sent.") % counts)
    plan = services.plan_reminders(request.organization)
    return render(
        request,
        "knowledge/reminders.html",
        {"plan": plan, "last_reminder": services.last_reminder_at(request.organization)},
    )
