"""The programme's evidence for project 1 of the assessment."""

from __future__ import annotations

from django.utils import timezone

from socialroadmap.knowledge import services
from socialroadmap.knowledge.evidence import knowledge_programme
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import PROVIDERS, collect_evidence
from tests.knowledge.helpers import module, person, with_quiz


def test_the_provider_is_registered_and_silent_without_modules(org: Organization) -> None:
    assert knowledge_programme in PROVIDERS
    assert knowledge_programme(org) == []


def test_levels_level_one_coverage_and_a_quiz(org: Organization) -> None:
    basics = module(org, departments=["Sales"])
    module(org, "Listening", level=2, compulsory=False)
    ann = person(org, "Ann", "sales")
    person(org, "Bart", "Sales")
    person(org, "Cis", "IT")
    services.record_completions(basics, [ann], completed_on=timezone.localdate(), actor=None)

    evidence = {item.key: item for item in knowledge_programme(org)}

    assert set(evidence) == {"knowledge.programme", "knowledge.level1"}
    assert {item.project for item in evidence.values()} == {1}
    assert round(evidence["knowledge.programme"].score, 3) == round(2 / 3, 3)
    assert evidence["knowledge.level1"].score == 0.5
    assert "1 of 2 people" in evidence["knowledge.level1"].label.en
    assert "1 van 2" in evidence["knowledge.level1"].label.nl

    with_quiz(org)
    evidence = {item.key: item for item in knowledge_programme(org)}
    assert evidence["knowledge.quiz"].weight < evidence["knowledge.level1"].weight
    assert evidence["knowledge.programme"].score == 1.0
    assert {"knowledge.programme", "knowledge.quiz"} <= {i.key for i in collect_evidence(org)}
