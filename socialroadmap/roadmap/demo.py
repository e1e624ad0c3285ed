"""Demo data for the roadmap: two assessments months apart, a second respondent, a board in use."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.engine.model import MaturityModel, Question
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap import services
from socialroadmap.roadmap.choices import ProjectStatus
from socialroadmap.roadmap.models import ActionPoint, Assessment

# How far along the demo company was, per project, as a share of each question's scale.
EARLIER = {1: 0.5, 2: 0.34, 3: 0.5, 4: 0.25, 10: 0.34}
RECENT = {1: 1, 2: 1, 3: 1, 4: 1, 5: 0.67, 6: 0.5, 7: 0.34, 10: 0.5}
MANAGER_VIEW = {1: 1, 2: 0.67, 3: 1, 4: 1, 5: 0.5, 6: 0.67, 7: 0.34}


def _option_at(question: Question, share: float) -> str:
    """The highest option whose score does not exceed ``share``."""
    fitting = [o for o in question.options if o.score <= share + 1e-9]
    return (fitting[-1] if fitting else question.options[0]).value


def _answers(model: MaturityModel, profile: dict[int, float]) -> dict[str, str]:
    return {q.id: _option_at(q, profile.get(q.project, 0)) for q in model.questions}


def _submitted(
    organization: Organization, user: User, profile: dict[int, float], days_ago: int
) -> None:
    assessment = services.start_assessment(organization, user)
    services.save_answers(assessment, _answers(services.model_for(assessment), profile), actor=user)
    assessment = services.submit_assessment(assessment, actor=user)
    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=timezone.now() - timedelta(days=days_ago)
    )


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without assessments: what people add later is kept."""
    if Assessment.objects.for_org(organization).exists():
        return
    manager = User.objects.filter(email__startswith="manager@").first()
    _submitted(organization, owner, EARLIER, days_ago=150)
    items = {item.project: item for item in services.ensure_board(organization)}
    for project in (1, 2, 3, 4, 5):
        points = list(ActionPoint.objects.for_org(organization).filter(item=items[project]))
        for point in points[: round(len(points) * RECENT.get(project, 0) * 0.8)]:
            services.set_action_point_done(point, True, actor=owner)
    if manager is not None:
        services.update_roadmap_item(
            items[5],
            {
                "owner": manager,
                "status": ProjectStatus.IN_PROGRESS,
                "due_date": (timezone.now() + timedelta(days=45)).date(),
                "notes": (
                    "Twee pilots lopen: webcare op Facebook en een baristacommunity op Instagram."
                ),
            },
            actor=owner,
            expected_version=None,
        )
        services.update_roadmap_item(
            items[6],
            {"owner": manager, "status": ProjectStatus.IN_PROGRESS},
            actor=owner,
            expected_version=None,
        )
        _submitted(organization, manager, MANAGER_VIEW, days_ago=9)
    _submitted(organization, owner, RECENT, days_ago=7)
    _seed_client_of_consultant()


def _seed_client_of_consultant() -> None:
    """The consultant's other client, so the benchmark panel has someone to compare with."""
    client = Organization.objects.filter(slug="vandijk-fietsen").first()
    consultant = User.objects.filter(email__startswith="consultant@").first()
    if client is None or consultant is None or Assessment.objects.for_org(client).exists():
        return
    _submitted(client, consultant, {1: 1, 2: 0.67, 3: 0.5, 4: 0.34}, days_ago=20)
