"""Gaps in the centre of excellence, and the evidence it gives project 6."""

from __future__ import annotations

from socialroadmap.excellence import services
from socialroadmap.excellence.checks import find_gaps
from socialroadmap.excellence.choices import MODEL_DEPARTMENTS, ConversationKind
from socialroadmap.excellence.evidence import centre_of_excellence
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import PROVIDERS, collect_evidence
from tests.excellence.helpers import person, rule


def codes(org: Organization) -> set[str]:
    return {gap.code for gap in find_gaps(org)}


def complete(org: Organization) -> None:
    """A conversation manager, a spoke in every department and a rule for every kind."""
    manager = person(org, "Mia", "conversation_manager", department="communication")
    for department in MODEL_DEPARTMENTS:
        person(org, f"Spoke {department}", "spoke", department=department)
    for kind in ConversationKind:
        rule(org, manager, kind, "normal")


def test_an_empty_centre_has_every_gap(org: Organization) -> None:
    found = codes(org)

    assert "no_conversation_manager" in found
    assert {f"no_spoke:{d}" for d in MODEL_DEPARTMENTS} <= found
    assert {f"no_rule:{k}" for k in ConversationKind} <= found
    assert len(found) == 1 + len(MODEL_DEPARTMENTS) + len(ConversationKind)


def test_a_complete_centre_has_no_gaps(org: Organization) -> None:
    complete(org)

    assert find_gaps(org) == []


def test_an_inactive_spoke_or_manager_leaves_a_gap(org: Organization) -> None:
    person(org, "Mia", "conversation_manager", is_active=False)
    person(org, "Hans", "spoke", department="hr", is_active=False)
    person(org, "Sara", "spoke", department="sales")

    found = codes(org)

    assert {"no_conversation_manager", "no_spoke:hr"} <= found
    assert "no_spoke:sales" not in found


def test_a_rule_with_an_inactive_responsible_is_a_gap(org: Organization) -> None:
    ann = person(org)
    rule(org, ann, "press", "urgent")
    services.update_team_member(ann, {"is_active": False}, actor=None)

    [gap] = [gap for gap in find_gaps(org) if gap.code.startswith("inactive")]

    assert gap.code == "inactive_responsible:press:urgent"
    assert "Ann" in gap.message


def test_the_evidence_is_registered_once_with_its_own_keys(org: Organization) -> None:
    assert PROVIDERS.count(centre_of_excellence) == 1
    complete(org)

    keys = {item.key: item for item in collect_evidence(org) if item.project == 6}

    assert {
        "excellence.conversation_manager",
        "excellence.spokes",
        "excellence.escalation_matrix",
    } <= set(keys)
    assert all(keys[k].score == 1.0 for k in keys if k.startswith("excellence."))


def test_partial_evidence_scores_a_share(org: Organization) -> None:
    ann = person(org, "Ann", "spoke", department="hr")
    person(org, "Bob", "spoke", department="other")  # not a department of the model
    rule(org, ann, "complaint", "normal")
    rule(org, ann, "complaint", "urgent")

    evidence = {item.key: item for item in centre_of_excellence(org)}

    assert "excellence.conversation_manager" not in evidence
    assert evidence["excellence.spokes"].score == 1 / len(MODEL_DEPARTMENTS)
    assert evidence["excellence.escalation_matrix"].score == 1 / len(ConversationKind)


def test_an_empty_centre_gives_no_evidence(org: Organization) -> None:
    assert centre_of_excellence(org) == []
