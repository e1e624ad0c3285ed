"""The panel's evidence for project 9, and the demo's sounding board."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialroadmap.organizations.models import Organization
from socialroadmap.panel import demo, services
from socialroadmap.panel.evidence import panel_evidence
from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion
from socialroadmap.roadmap.evidence import PROVIDERS, collect_evidence
from tests.conftest import Persona
from tests.panel.helpers import member, open_question


def test_the_provider_is_registered_and_an_empty_panel_gives_nothing(
    org: Organization,
) -> None:
    assert panel_evidence in PROVIDERS
    assert panel_evidence(org) == []


def test_members_questions_and_decisions_score(org: Organization) -> None:
    for number in range(5):
        member(org, f"Person {number}", email=f"p{number}@example.be")
    member(org, "No Consent", consent=False)
    question = open_question(org)
    question = services.transition_question(question, "closed", actor=None)
    services.record_decision(question, decision="Sidamo", actor=None)
    old = open_question(org, "Old")
    services.update_question(
        old, {"opens_on": timezone.localdate() - timedelta(days=400)}, actor=None
    )
    old = services.transition_question(old, "closed", actor=None)
    services.record_decision(
        old, decision="Old one", decided_on=timezone.localdate() - timedelta(days=500), actor=None
    )

    evidence = {item.key: item for item in panel_evidence(org)}
    assert {item.project for item in evidence.values()} == {9}
    assert evidence["panel.members"].score == 5 / 20
    assert "5 customer(s)" in evidence["panel.members"].label.en
    assert evidence["panel.questions"].score == 0.5
    assert evidence["panel.decisions"].score == 0.5
    assert {"panel.members", "panel.decisions"} <= {i.key for i in collect_evidence(org)}


def test_the_demo_is_seeded_once_with_its_two_decisions(owner: Persona) -> None:
    demo.seed(owner.organization, owner.user)
    first = (
        PanelMember.objects.count(),
        PanelQuestion.objects.count(),
        PanelAnswer.objects.count(),
    )
    demo.seed(owner.organization, owner.user)

    assert first == (
        PanelMember.objects.count(),
        PanelQuestion.objects.count(),
        PanelAnswer.objects.count(),
    )
    assert first[:2] == (18, 4)
    assert all(m.is_active for m in PanelMember.objects.all())
    decided = PanelQuestion.objects.filter(status="decided").order_by("-decided_on")
    decisions = [q.decision for q in decided]
    assert decisions == [
        "Winter blend: Ethiopia Sidamo, chosen by 11 of 16 panel members",
        "Subscription launched in March",
    ]
    winter = services.results(decided[0])
    assert [o.votes for o in winter.options] == [11, 3, 2]
    assert decided[1].decided_on.month == 3
    evidence = {item.key: item.score for item in panel_evidence(owner.organization)}
    assert evidence == {"panel.members": 0.9, "panel.questions": 1.0, "panel.decisions": 1.0}
