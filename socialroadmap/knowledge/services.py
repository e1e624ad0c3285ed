"""Writes of the knowledge programme: modules, quiz questions, completions (recorded by
a conversation manager, earned with a quiz or imported from an LMS) and reminders.
Every write goes through these functions and leaves an entry in the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit.models import Action
from socialroadmap.audit.services import diff, record, snapshot
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import check_row, save_unique, set_fields
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import department_key
from socialroadmap.knowledge.choices import (
    DEFAULT_PASS_MARK,
    MAX_OPTIONS,
    MIN_OPTIONS,
    REMINDER_INTERVAL_DAYS,
    CompletionSource,
)
from socialroadmap.knowledge.coverage import by_person, overdue
from socialroadmap.knowledge.models import Completion, Module, Question, Reminder
from socialroadmap.organizations.models import Organization

__all__ = [
    "add_question",
    "create_completion",
    "create_module",
    "delete_completion",
    "delete_module",
    "delete_question",
    "plan_reminders",
    "record_completions",
    "send_reminders",
    "take_quiz",
    "update_module",
    "update_question",
]

MODULE_FIELDS = (
    "title",
    "level",
    "description",
    "material_url",
    "duration_minutes",
    "compulsory",
    "departments",
    "due_days",
    "pass_mark",
)
QUESTION_FIELDS = ("text", "options", "correct", "position")
COMPLETION_FIELDS = ("module", "employee", "completed_on", "score", "source")


def _check(row: models.Model) -> None:
    """The model's own validation, as a ServiceError at the field."""
    check_row(row, exclude=("module", "employee"))


def _apply(row: models.Model, changes: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    set_fields(row, changes, allowed)
    _check(row)


# --- modules --------------------------------------------------------------------------


def _clean_departments(value: Any) -> list[str]:
    """A list of department names, each once (compared like the roster does)."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ServiceError("give the departments as a list of names", field="departments")
    names: dict[str, str] = {}
    for name in value:
        if not isinstance(name, str):
            raise ServiceError("give the departments as a list of names", field="departments")
        shown = " ".join(name.split())
        if len(shown) > 100:
            raise ServiceError(
                "a department name is longer than 100 characters", field="departments"
            )
        if shown:
            names.setdefault(department_key(shown), shown)
    return sorted(names.values(), key=str.lower)


def _save_module(module: Module, actor: User | None) -> Module:
    same = Module.objects.for_org(module.organization).filter(title__iexact=module.title)
    taken = f"there is already a module titled {module.title}"
    return save_unique(module, actor, same, taken, field="title")


@transaction.atomic
def create_module(
    organization: Organization, *, title: str, actor: User | None, **fields: Any
) -> Module:
    """Add a module to the programme; ``fields``: any other of ``MODULE_FIELDS``."""
    module = Module(organization=organization)
    changes = {"title": title, **fields}
    if "departments" in changes:
        changes["departments"] = _clean_departments(changes["departments"])
    _apply(module, changes, MODULE_FIELDS)
    _save_module(module, actor)
    record(organization, actor, Action.CREATE, module, snapshot(module, MODULE_FIELDS))
    return module


@transaction.atomic
def update_module(module: Module, changes: Mapping[str, Any], *, actor: User | None) -> Module:
    """Change any of ``MODULE_FIELDS`` of the module."""
    module = Module.objects.select_for_update().get(pk=module.pk)
    before = snapshot(module, MODULE_FIELDS)
    changes = dict(changes)
    if "departments" in changes:
        changes["departments"] = _clean_departments(changes["departments"])
    _apply(module, changes, MODULE_FIELDS)
    _save_module(module, actor)
    record(
        module.organization,
        actor,
        Action.UPDATE,
        module,
        diff(before, snapshot(module, MODULE_FIELDS)),
    )
    return module


def module_dependents(module: Module) -> dict[str, int]:
    """What goes with the module when it is deleted."""
    return {"completions": module.completions.count(), "questions": module.questions.count()}


@transaction.atomic
def delete_module(module: Module, *, actor: User | None) -> dict[str, Any]:
    """Remove the module with its quiz questions and completions; returns what went."""
    gone = {"id": module.pk, "title": module.title, **module_dependents(module)}
    record(module.organization, actor, Action.DELETE, module, gone)
    module.delete()
    return gone


# --- quiz questions -------------------------------------------------------------------


def _clean_options(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ServiceError("give the options as a list of texts", field="options")
    options = [" ".join(v.split()) for v in value if v.strip()]
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ServiceError(
            f"give {MIN_OPTIONS} to {MAX_OPTIONS} options, not {len(options)}", field="options"
        )
    if any(len(option) > 300 for option in options):
        raise ServiceError("an option is longer than 300 characters", field="options")
    if len({option.lower() for option in options}) < len(options):
        raise ServiceError("two options are the same", field="options")
    return options


def _check_question(question: Question) -> None:
    if not question.text:
        raise ServiceError("the question is missing", field="text")
    if not isinstance(question.correct, int) or not 1 <= question.correct <= len(question.options):
        raise ServiceError(
            f"the right answer is the number of one of the {len(question.options)} options",
            field="correct",
        )


@transaction.atomic
def add_question(
    module: Module,
    *,
    text: str,
    options: Any,
    correct: int,
    actor: User | None,
    position: int | None = None,
) -> Question:
    """Add a question to the module's quiz; ``correct`` is 1 for the first option."""
    if position is None:
        position = module.questions.count() + 1
    question = Question(organization=module.organization, module=module)
    _apply(
        question,
        {
            "text": text,
            "options": _clean_options(options),
            "correct": correct,
            "position": position,
        },
        QUESTION_FIELDS,
    )
    _check_question(question)
    question.stamp(actor)
    question.save()
    record(module.organization, actor, Action.CREATE, question, snapshot(question, QUESTION_FIELDS))
    return question


@transaction.atomic
def update_question(
    question: Question, changes: Mapping[str, Any], *, actor: User | None
) -> Question:
    """Change the text, options, right answer or position of a question."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    before = snapshot(question, QUESTION_FIELDS)
    changes = dict(changes)
    if "options" in changes:
        changes["options"] = _clean_options(changes["options"])
    _apply(question, changes, QUESTION_FIELDS)
    _check_question(question)
    question.stamp(actor)
    question.save()
    after = snapshot(question, QUESTION_FIELDS)
    record(question.organization, actor, Action.UPDATE, question, diff(before, after))
    return question


@transaction.atomic
def delete_question(question: Question, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": question.pk, "text": question.text, "module": question.module.title}
    record(question.organization, actor, Action.DELETE, question, gone)
    question.delete()
    return gone


# --- completions ----------------------------------------------------------------------


def _check_pair(module: Module, employee: Employee) -> None:
    if module.organization_id != employee.organization_id:
        raise ServiceError("this person is not on the organisation's roster", field="employee")


def _completion_label(completion: Completion) -> str:
    return f"{completion.employee.full_name} - {completion.module.title}"


def save_completion(
    module: Module,
    employee: Employee,
    *,
    completed_on: date,
    score: int | None,
    source: str,
    actor: User | None,
    action: Action = Action.CREATE,
) -> Completion:
    """Save and log a new completion; called inside the caller's transaction."""
    completion = Completion(
        organization=module.organization,
        module=module,
        employee=employee,
        completed_on=completed_on,
        score=score,
        source=source,
    )
    _check(completion)
    if completed_on > timezone.localdate():
        raise ServiceError("the completion date lies in the future", field="completed_on")
    same = Completion.objects.filter(module=module, employee=employee)
    taken = f"{employee.full_name} already completed {module.title}"
    save_unique(completion, actor, same, taken, field="employee")
    changes = snapshot(completion, COMPLETION_FIELDS)
    record(
        module.organization, actor, action, completion, changes, label=_completion_label(completion)
    )
    return completion


@transaction.atomic
def create_completion(
    organization: Organization,
    *,
    module: Module,
    employee: Employee,
    completed_on: date,
    actor: User | None,
    score: int | None = None,
    source: str = CompletionSource.MANAGER,
) -> Completion:
    """Record that one person completed a module; refused when they already did."""
    if module.organization_id != organization.pk:
        raise ServiceError("no such module", field="module")
    _check_pair(module, employee)
    return save_completion(
        module, employee, completed_on=completed_on, score=score, source=source, actor=actor
    )


@transaction.atomic
def record_completions(
    module: Module,
    employees: Iterable[Employee],
    *,
    completed_on: date,
    actor: User | None,
    score: int | None = None,
) -> list[Completion]:
    """Record that several people completed the module on one day (a session); people
    who already completed it are left as they are. Returns the new completions."""
    people = list(employees)
    if not people:
        raise ServiceError("choose at least one person", field="employees")
    for employee in people:
        _check_pair(module, employee)
    already = set(
        Completion.objects.filter(module=module, employee__in=people).values_list(
            "employee_id", flat=True
        )
    )
    return [
        save_completion(
            module,
            employee,
            completed_on=completed_on,
            score=score,
            source=CompletionSource.MANAGER,
            actor=actor,
        )
        for employee in people
        if employee.pk not in already
    ]


@transaction.atomic
def delete_completion(completion: Completion, *, actor: User | None) -> dict[str, Any]:
    """Remove a completion recorded by mistake."""
    gone = {"id": completion.pk, **snapshot(completion, COMPLETION_FIELDS)}
    record(
        completion.organization,
        actor,
        Action.DELETE,
        completion,
        gone,
        label=_completion_label(completion),
    )
    completion.delete()
    return gone


# --- quiz -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    question: Question
    given: str  # the option chosen, "" when none
    right: str


@dataclass
class QuizResult:
    """How a person did: the score in percent, whether it passed, and what was wrong."""

    score: int
    pass_mark: int
    right: int
    total: int
    mistakes: list[Mistake] = field(default_factory=list)
    completion: Completion | None = None

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


def _chosen(answers: Mapping[Any, Any], question: Question) -> int | None:
    value = answers.get(question.pk, answers.get(str(question.pk)))
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


@transaction.atomic
def take_quiz(
    module: Module, employee: Employee, answers: Mapping[Any, Any], *, actor: User | None
) -> QuizResult:
    """Score the answers (question id → the number of the option chosen, 1 for the
    first); a score at or above the pass mark records the completion for ``employee``,
    or raises the score of the one they have."""
    _check_pair(module, employee)
    questions = list(module.questions.all())
    if not questions:
        raise ServiceError("this module has no quiz", field="module")
    mistakes = []
    for question in questions:
        chosen = _chosen(answers, question)
        if chosen != question.correct:
            given = (
                question.options[chosen - 1]
                if chosen and 0 < chosen <= len(question.options)
                else ""
            )
            mistakes.append(Mistake(question, given, question.right_option))
    right = len(questions) - len(mistakes)
    pass_mark = DEFAULT_PASS_MARK if module.pass_mark is None else module.pass_mark
    result = QuizResult(
        round(100 * right / len(questions)), pass_mark, right, len(questions), mistakes
    )
    if result.passed:
        result.completion = _passed(module, employee, result.score, actor)
    return result


def _passed(module: Module, employee: Employee, score: int, actor: User | None) -> Completion:
    existing = (
        Completion.objects.select_for_update().filter(module=module, employee=employee).first()
    )
    if existing is None:
        return save_completion(
            module,
            employee,
            completed_on=timezone.localdate(),
            score=score,
            source=CompletionSource.QUIZ,
            actor=actor,
        )
    if existing.score is None or existing.score < score:
        before = snapshot(existing, COMPLETION_FIELDS)
        existing.score = score
        existing.stamp(actor)
        existing.save()
        after = snapshot(existing, COMPLETION_FIELDS)
        record(
            existing.organization,
            actor,
            Action.UPDATE,
            existing,
            diff(before, after),
            label=_completion_label(existing),
        )
    return existing


# --- reminders ------------------------------------------------------------------------


@dataclass
class ReminderPlan:
    """Who would get a reminder now: people with overdue modules and an e-mail address
    who had none in the last week; the others counted."""

    due: dict[Employee, list[Any]] = field(default_factory=dict)
    recent: int = 0
    without_email: int = 0


def plan_reminders(organization: Organization, now: datetime | None = None) -> ReminderPlan:
    """The people ``send_reminders`` would write to now."""
    now = now or timezone.now()
    late = by_person(overdue(organization, timezone.localdate(now)))
    last = dict(Reminder.objects.for_org(organization).values_list("employee_id", "last_sent_at"))
    plan = ReminderPlan()
    since = now - timedelta(days=REMINDER_INTERVAL_DAYS)
    for employee, items in late.items():
        if not employee.email:
            plan.without_email += 1
        elif employee.pk in last and last[employee.pk] > since:
            plan.recent += 1
        else:
            plan.due[employee] = items
    return plan


def _remind(
    organization: Organization,
    employee: Employee,
    items: list[Any],
    now: datetime,
    actor: User | None,
) -> bool:
    """Write to one person, unless a concurrent run just did."""
    reminder = Reminder.objects.select_for_update().filter(employee=employee).first()
    if reminder is not None and reminder.last_sent_at > now - timedelta(
        days=REMINDER_INTERVAL_DAYS
    ):
        return False
    context = {"organization": organization, "employee": employee, "items": items}
    subject = " ".join(render_to_string("knowledge/reminder_subject.txt", context).split())
    body = render_to_string("knowledge/reminder_body.txt", context)
    titles = [item.module.title for item in items]
    if reminder is None:
        reminder = Reminder(organization=organization, employee=employee)
    reminder.last_sent_at, reminder.modules = now, titles
    reminder.stamp(actor)
    reminder.save()
    record(
        organization,
        actor,
        Action.OTHER,
        reminder,
        {"sent": now, "modules": titles},
        label=f"reminder to {employee.full_name}",
    )
    # Sent last: a failure rolls the stored time back, so the next run tries again.
    send_mail(subject, body, None, [employee.email])
    return True


def send_reminders(
    organization: Organization, *, actor: User | None, now: datetime | None = None
) -> dict[str, int]:
    """E-mail everybody with overdue compulsory modules, at most once per
    ``REMINDER_INTERVAL_DAYS`` each. Returns how many were sent and how many people
    were skipped (reminded recently, or no e-mail address on the roster)."""
    now = now or timezone.now()
    plan = plan_reminders(organization, now)
    sent = 0
    for employee, items in plan.due.items():
        with transaction.atomic():
            sent += _remind(organization, employee, items, now, actor)
    return {
        "sent": sent,
        "recent": plan.recent + len(plan.due) - sent,
        "without_email": plan.without_email,
    }


def last_reminder_at(organization: Organization) -> datetime | None:
    """When the last reminder went out."""
    latest = Reminder.objects.for_org(organization).order_by("-last_sent_at").first()
    return latest.last_sent_at if latest else None
