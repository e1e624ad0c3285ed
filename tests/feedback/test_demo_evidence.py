from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialroadmap.excellence import demo as excellence_demo
from socialroadmap.feedback import demo, evidence, figures, services
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.roadmap.evidence import collect_evidence
from tests.conftest import Persona
from tests.feedback.helpers import matrix


def test_the_demo_is_seeded_once_with_a_falling_time_to_action(owner: Persona) -> None:
    excellence_demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)
    count = FeedbackItem.objects.for_org(owner.organization).count()
    demo.seed(owner.organization, owner.user)
    assert FeedbackItem.objects.for_org(owner.organization).count() == count == demo.ITEMS + 2
    rows = FeedbackItem.objects.for_org(owner.organization)
    assert rows.filter(state="done").count() > 50
    assert 2 <= rows.exclude(state="done").count() <= 8
    assert len(services.overdue_items(owner.organization)) == 2
    complaint = rows.filter(kind="complaint").first()
    assert complaint is not None and complaint.owner is not None
    assert complaint.owner.name == "Pieter-Jan Wuyts"
    months = [row.action.median for row in figures.compute(owner.organization).months]
    known = [m for m in months if m is not None]
    assert known[0] > 25 and known[-1] < 9
    keys = {e.key: e.score for e in evidence.feedback_loop(owner.organization)}
    assert keys["feedback.trend"] == 1.0 and keys["feedback.time_to_action"] == 1.0
    assert 0 < keys["feedback.routed"] < 1


def test_evidence_needs_feedback(owner: Persona) -> None:
    assert evidence.feedback_loop(owner.organization) == []


def test_evidence_scores_the_time_to_action_against_the_target(owner: Persona) -> None:
    matrix(owner)
    now = timezone.now()
    for days, (age, took) in enumerate(((150, 40), (120, 40), (60, 28), (40, 28))):
        item = services.create_item(
            owner.organization,
            kind="complaint",
            title=f"Late {days}",
            received_at=now - timedelta(days=age),
            actor=owner.user,
        )
        services.transition_item(item, "acknowledged", actor=owner.user, at=item.received_at)
        services.transition_item(
            item, "action_decided", action="x", actor=owner.user, at=item.received_at
        )
        services.transition_item(
            item, "done", actor=owner.user, at=item.received_at + timedelta(days=took)
        )
    scores = {e.key: e for e in collect_evidence(owner.organization) if e.project == 13}
    assert scores["feedback.routed"].score == 1.0
    assert abs(scores["feedback.time_to_action"].score - 14 / 28) < 1e-6
    assert scores["feedback.trend"].score == 1.0


def test_the_demo_pages_render(owner: Persona) -> None:
    excellence_demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)
    client = owner.client()
    inbox = client.get("/o/acme/feedback/").content.decode()
    assert "2 waiting too long" in inbox and "no rule for this kind" in inbox
    figures_page = client.get("/o/acme/feedback/figures/").content.decode()
    assert "feedback-chart" in figures_page and "Customer service" in figures_page
    item = FeedbackItem.objects.for_org(owner.organization).filter(state="done").first()
    assert item is not None
    assert client.get(f"/o/acme/feedback/items/{item.pk}/").status_code == 200
