"""The demo's centre of excellence: a team and a matrix, with gaps left to show."""

from __future__ import annotations

from socialroadmap.excellence import demo
from socialroadmap.excellence.checks import find_gaps
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.excellence.services import route_conversation
from tests.conftest import Persona


def test_the_demo_team_is_seeded_once_and_leaves_gaps_to_show(owner: Persona) -> None:
    demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)

    assert TeamMember.objects.for_org(owner.organization).count() == len(demo.TEAM)
    assert EscalationRule.objects.for_org(owner.organization).count() == len(demo.RULES)
    rule = route_conversation(owner.organization, "crisis", "urgent")
    assert rule is not None and rule.responsible.name == "Jeroen De Smet"
    gaps = {gap.code for gap in find_gaps(owner.organization)}
    assert "no_conversation_manager" not in gaps
    assert "no_rule:product_idea" in gaps
