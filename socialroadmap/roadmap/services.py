"""Writes for assessments and the roadmap board. Views, API and CLI call these."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.engine.model import MaturityModel, load_model
from socialroadmap.engine.scoring import AnswerError, AssessmentResult, check_answers, score
from socialroadmap.engine.serialize import result_to_dict
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.roadmap.choices import AssessmentStatus, ProjectStatus
from socialroadmap.roadmap.evidence import collect_evidence
from socialroadmap.roadmap.models import ActionPoint, Answer, Assessment, RoadmapItem


class ConflictError(ServiceError):
    """Someone else changed the object since it was read; nothing was saved."""


def model_for(assessment: Assessment) -> MaturityModel:
    return load_model(assessment.model_version)


@transaction.atomic
def start_assessment(organization: Organization, respondent: User) -> Assessment:
    """Open the respondent's draft, or start a new one on the current model."""
    draft = (
        Assessment.objects.for_org(organization)
        .filter(respondent=respondent, status=AssessmentStatus.DRAFT)
        .first()
    )
    if draft is not None:
        return draft
    model = load_model()
    assessment = Assessment(
        organization=organization, respondent=respondent, model_version=model.version
    )
    assessment.stamp(respondent)
    assessment.save()
    # Re-assessing starts from what the respondent answered last time (still valid ones).
    previous = (
        Assessment.objects.for_org(organization)
        .filter(respondent=respondent, status=AssessmentStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    if previous is not None:
        Answer.objects.bulk_create(
            Answer(
                organization=organization,
                assessment=assessment,
                question_id=answer.question_id,
                value=answer.value,
                created_by=respondent,
                updated_by=respondent,
            )
            for answer in previous.answers.all()
            if (question := model.question(answer.question_id)) and question.option(answer.value)
        )
    return assessment


def answers_of(assessment: Assessment) -> dict[str, str]:
    return dict(assessment.answers.values_list("question_id", "value"))


@transaction.atomic
def save_answers(assessment: Assessment, answers: Mapping[str, str], *, actor: User) -> int:
    """Store answers of a draft (an empty value clears one); all or nothing."""
    if not assessment.is_draft:
        raise ServiceError("a submitted assessment cannot be changed; start a new one")
    given = {qid: str(value) for qid, value in answers.items() if value not in (None, "")}
    cleared = [qid for qid, value in answers.items() if value in (None, "")]
    try:
        check_answers(model_for(assessment), given)
    except AnswerError as error:
        raise ServiceError(str(error), field="answers") from error
    assessment.answers.filter(question_id__in=cleared).delete()
    for question_id, value in given.items():
        Answer.objects.update_or_create(
            assessment=assessment,
            question_id=question_id,
            defaults={"value": value, "organization": assessment.organization, "updated_by": actor},
            create_defaults={
                "value": value,
                "organization": assessment.organization,
                "created_by": actor,
                "updated_by": actor,
            },
        )
    assessment.stamp(actor)
    assessment.save(update_fields=["updated_at", "updated_by"])
    return len(given)


def compute_result(assessment: Assessment) -> AssessmentResult:
    """Score the assessment's answers with the organisation's current evidence."""
    return score(
        model_for(assessment), answers_of(assessment), collect_evidence(assessment.organization)
    )


@transaction.atomic
def submit_assessment(assessment: Assessment, *, actor: User) -> Assessment:
    """Score and freeze the assessment: its result joins the history."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not locked.is_draft:
        raise ServiceError("this assessment was submitted already")
    result = compute_result(locked)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.stage = result.stage
    locked.complete = result.complete
    locked.result = result_to_dict(model_for(locked), result)
    locked.stamp(actor)
    locked.save()
    sync_board_status(locked.organization, result, actor=actor)
    return locked


def latest_submitted(organization: Organization) -> Assessment | None:
    return (
        Assessment.objects.for_org(organization)
        .filter(status=AssessmentStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )


@transaction.atomic
def ensure_board(organization: Organization) -> list[RoadmapItem]:
    """The 13 roadmap items with the model's action points; creates what is missing."""
    model = load_model()
    existing = {item.project: item for item in RoadmapItem.objects.for_org(organization)}
    for project in model.projects:
        if project.number in existing:
            continue
        item = RoadmapItem.objects.create(organization=organization, project=project.number)
        ActionPoint.objects.bulk_create(
            ActionPoint(organization=organization, item=item, model_id=a.id, position=i)
            for i, a in enumerate(project.action_points)
        )
        existing[project.number] = item
    return [existing[n] for n in sorted(existing)]


def sync_board_status(organization: Organization, result: AssessmentResult, *, actor: User) -> None:
    """After an assessment, board items that were never set by hand follow the result."""
    ensure_board(organization)
    for project in result.projects:
        RoadmapItem.objects.for_org(organization).filter(
            project=project.number, status_set_by_hand=False
        ).exclude(status=project.status).update(status=project.status, version=F("version") + 1)


Versioned = TypeVar("Versioned", RoadmapItem, ActionPoint)


def _change_versioned(
    model: type[Versioned],
    pk: int,
    change: Callable[[Versioned], None],
    *,
    actor: User,
    expected_version: int | None,
) -> Versioned:
    """Lock the row, refuse a stale ``expected_version``, apply ``change``, bump the version."""
    locked = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(
            "someone else changed this since you opened it; reload to see their change",
            field="version",
        )
    change(locked)
    locked.version = F("version") + 1
    locked.stamp(actor)
    locked.save()
    locked.refresh_from_db()
    return locked


def _check_item_changes(organization: Organization, changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - {"status", "owner", "due_date", "notes"}
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    if "status" in changes and changes["status"] not in ProjectStatus.values:
        raise ServiceError(f"unknown status '{changes['status']}'", field="status")
    owner = changes.get("owner")
    if (
        owner is not None
        and not Membership.objects.for_org(organization).filter(user=owner).exists()
    ):
        raise ServiceError("the owner must be a member of the organisation", field="owner")
    due = changes.get("due_date")
    if due is not None and not isinstance(due, date):
        raise ServiceError("the due date must be a date", field="due_date")


@transaction.atomic
def update_roadmap_item(
    item: RoadmapItem, changes: Mapping[str, Any], *, actor: User, expected_version: int | None
) -> RoadmapItem:
    """Change status, owner, due date or notes; refuses a stale ``expected_version``."""
    _check_item_changes(item.organization, changes)

    def apply(locked: RoadmapItem) -> None:
        if "status" in changes and changes["status"] != locked.status:
            locked.status_set_by_hand = True
        for name, value in changes.items():
            setattr(locked, name, value)

    return _change_versioned(
        RoadmapItem, item.pk, apply, actor=actor, expected_version=expected_version
    )


@transaction.atomic
def set_action_point_done(
    point: ActionPoint, done: bool, *, actor: User, expected_version: int | None = None
) -> ActionPoint:
    def apply(locked: ActionPoint) -> None:
        locked.done = done
        locked.done_at = timezone.now() if done else None

    return _change_versioned(
        ActionPoint, point.pk, apply, actor=actor, expected_version=expected_version
    )


@transaction.atomic
def add_action_point(item: RoadmapItem, text: str, *, actor: User) -> ActionPoint:
    text = text.strip()
    if not text:
        raise ServiceError("an action point needs a text", field="text")
    position = item.action_points.count()
    point = ActionPoint(
        organization=item.organization, item=item, text=text[:500], position=position
    )
    point.stamp(actor)
    point.save()
    return point


@transaction.atomic
def edit_action_point(
    point: ActionPoint, text: str, *, actor: User, expected_version: int | None = None
) -> ActionPoint:
    """Reword an action point; an empty text returns to the model's wording."""
    if not text.strip() and not point.model_id:
        raise ServiceError("an action point needs a text", field="text")

    def apply(locked: ActionPoint) -> None:
        locked.text = text.strip()[:500]

    return _change_versioned(
        ActionPoint, point.pk, apply, actor=actor, expected_version=expected_version
    )


@transaction.atomic
def delete_action_point(point: ActionPoint, *, actor: User) -> None:
    point.delete()


def result_from_snapshot(model: MaturityModel, assessment: Assessment) -> AssessmentResult:
    """The result as it was when the assessment was submitted."""
    from socialroadmap.engine.serialize import result_from_dict

    if assessment.result is None:
        return compute_result(assessment)
    return result_from_dict(model, assessment.result)
