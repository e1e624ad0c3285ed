"""Evidence the knowledge programme gives the assessment, for project 1 (company-wide
knowledge): a levelled programme exists, the people who must take level 1 completed
it, and knowledge is checked with a quiz."""

from __future__ import annotations

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.knowledge.choices import Level
from socialroadmap.knowledge.coverage import coverage
from socialroadmap.knowledge.models import Module, Question
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 1
LEVEL_COUNT = len(Level)


@register_evidence_provider
def knowledge_programme(organization: Organization) -> list[Evidence]:
    """Project 1: modules in levels (score: the share of levels with a module), the
    share of the people who must take level 1 who completed it, a quiz (small weight)."""
    levels = set(Module.objects.for_org(organization).values_list("level", flat=True))
    if not levels:
        return []
    modules, used = Module.objects.for_org(organization).count(), len(levels)
    evidence = [
        Evidence(
            project=PROJECT,
            key="knowledge.programme",
            score=len(levels) / LEVEL_COUNT,
            weight=1,
            label=Text(
                f"A training programme of {modules} module(s) in {used} of {LEVEL_COUNT} levels",
                f"Opleidingsprogramma van {modules} module(s) in {used} van {LEVEL_COUNT} niveaus",
            ),
        )
    ]
    basics = coverage(organization).total.levels[Level.BASICS]
    if basics.required:
        evidence.append(
            Evidence(
                project=PROJECT,
                key="knowledge.level1",
                score=basics.done / basics.required,
                weight=1,
                label=Text(
                    f"{basics.done} of {basics.required} people who must take level 1 completed it",
                    f"{basics.done} van {basics.required} mensen die niveau 1 moeten volgen, "
                    "rondden het af",
                ),
            )
        )
    if Question.objects.for_org(organization).exists():
        evidence.append(
            Evidence(
                project=PROJECT,
                key="knowledge.quiz",
                score=1.0,
                weight=0.5,
                label=Text(
                    "Knowledge is checked with a quiz",
                    "Kennis wordt getoetst met een quiz",
                ),
            )
        )
    return evidence
