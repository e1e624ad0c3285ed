from socialroadmap.leverage.evidence import leverage_effect
from tests.leverage.helpers import communication, many


def keyed(org):
    return {item.key: item for item in leverage_effect(org)}


def test_no_communications_no_evidence(org) -> None:
    assert leverage_effect(org) == []


def test_communications_without_outcomes_count_for_little(org) -> None:
    communication(org, "Bare")
    evidence = keyed(org)
    assert evidence["leverage.communications"].score == 0
    assert "leverage.lift" not in evidence


def test_too_few_gives_half(org) -> None:
    many(org, 3, 2)
    evidence = keyed(org)
    assert evidence["leverage.communications"].score == 1.0
    assert evidence["leverage.lift"].score == 0.5
    assert evidence["leverage.lift"].project == 12


def test_a_measured_lift_gives_full_score(org) -> None:
    many(org, 6, 6)
    lift = keyed(org)["leverage.lift"]
    assert lift.score == 1.0
    assert "12%" in lift.label.en


def test_no_lift_with_enough_data_also_gives_full_score(org) -> None:
    many(org, 6, 6, lift=0.0)
    assert keyed(org)["leverage.lift"].score == 1.0


def test_outcomes_without_a_linked_one_score_half(org) -> None:
    many(org, 0, 4)
    assert keyed(org)["leverage.communications"].score == 0.5
