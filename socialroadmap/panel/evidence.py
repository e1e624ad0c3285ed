"""Evidence the sounding board gives the assessment, for project 9 (structural
collaboration with customers): a panel of consenting customers exists, it is asked
regularly, and its answers change things."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.organizations.models import Organization
from socialroadmap.panel.choices import FULL_PANEL, QuestionStatus
from socialroadmap.panel.models import PanelMember, PanelQuestion
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 9
# Questions put in the last half year count; two a half year is structural.
QUESTION_DAYS = 183
QUESTIONS_WANTED = 2
# Decisions of the last year count; two show that customers change things.
DECISION_DAYS = 365
DECISIONS_WANTED = 2


@register_evidence_provider
def panel_evidence(organization: Organization) -> list[Evidence]:
    """Project 9: consenting members, recent questions, recorded decisions."""
    members = PanelMember.objects.for_org(organization)
    questions = PanelQuestion.objects.for_org(organization)
    if not members.exists() and not questions.exists():
        return []
    today = timezone.localdate()
    active = members.filter(consent=True, left_on=None).count()
    asked = (
        questions.exclude(status=QuestionStatus.DRAFT)
        .filter(Q(opens_on__gte=today - timedelta(days=QUESTION_DAYS)) | Q(opens_on=None))
        .count()
    )
    decided = questions.filter(
        status=QuestionStatus.DECIDED, decided_on__gte=today - timedelta(days=DECISION_DAYS)
    ).count()
    return [
        Evidence(
            project=PROJECT,
            key="panel.members",
            score=min(1.0, active / FULL_PANEL),
            weight=1,
            label=Text(
                f"{active} customer(s) on the sounding board with recorded consent",
                f"{active} klant(en) in het klantenpanel met vastgelegde toestemming",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="panel.questions",
            score=min(1.0, asked / QUESTIONS_WANTED),
            weight=1,
            label=Text(
                f"{asked} question(s) put to the panel in the last 6 months",
                f"{asked} vra(a)g(en) aan het panel voorgelegd in de laatste 6 maanden",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="panel.decisions",
            score=min(1.0, decided / DECISIONS_WANTED),
            weight=1,
            label=Text(
                f"{decided} decision(s) in the last 12 months that customers changed",
                f"{decided} beslissing(en) in de laatste 12 maanden die klanten veranderden",
            ),
        ),
    ]
