"""Evidence for project 2: approval and publication, acknowledgements, HR decisions."""

from __future__ import annotations

from socialroadmap.internalscan.services import create_employee
from socialroadmap.policy import services
from socialroadmap.policy.evidence import hr_decisions, policy_acknowledged, policy_status
from tests.conftest import Persona
from tests.policy.helpers import published


def scores(items: list) -> dict[str, float]:  # type: ignore[type-arg]
    assert all(item.project == 2 for item in items)
    return {item.key: item.score for item in items}


def test_no_policy_gives_no_evidence(owner: Persona) -> None:
    org = owner.organization
    assert policy_status(org) == policy_acknowledged(org) == hr_decisions(org) == []


def test_a_draft_counts_half_for_its_decisions(owner: Persona) -> None:
    services.create_draft(
        owner.organization,
        actor=owner.user,
        decisions={"working_time": {"choice": "no"}, "evaluation": {"choice": "no"}},
    )
    assert scores(policy_status(owner.organization)) == {
        "policy.approved": 0.0,
        "policy.published": 0.0,
    }
    assert scores(hr_decisions(owner.organization)) == {"policy.hr_decisions": 1 / 3}


def test_a_published_policy_with_the_three_decisions_scores_fully(
    owner: Persona, member: Persona
) -> None:
    published(owner)
    org = owner.organization
    assert scores(policy_status(org)) == {"policy.approved": 1.0, "policy.published": 1.0}
    assert scores(hr_decisions(org)) == {"policy.hr_decisions": 1.0}
    an = create_employee(org, full_name="An", department="HR", actor=None)
    for name in ("Bert", "Carl", "Dora"):
        create_employee(org, full_name=name, department="Sales", actor=None)
    assert scores(policy_acknowledged(org)) == {"policy.acknowledged": 0.0}
    services.record_acknowledgements(org, [an], actor=owner.user)
    services.acknowledge(org, actor=member.user)  # not on the roster: does not count
    [item] = policy_acknowledged(org)
    assert item.score == 0.25
    assert item.label.nl == "1 van 4 medewerkers bevestigden het gepubliceerde beleid"
