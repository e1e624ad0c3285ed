"""Evidence the pilot portfolio gives the assessment, for project 5 (pilot projects):
a chosen pilot meets all three of the model's criteria, a pilot reports KPIs of all
three kinds, several pilots run at once under one accountable person, and a finished
pilot has a retrospective."""

from __future__ import annotations

from collections import Counter

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.organizations.models import Organization
from socialroadmap.pilots.choices import ACTIVE_STATUSES, PilotStatus
from socialroadmap.pilots.models import Pilot, all_kinds_measured
from socialroadmap.pilots.portfolio import meets_all
from socialroadmap.pilots.services import thresholds_of
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 5
UNDER_WAY = (PilotStatus.SELECTED, *ACTIVE_STATUSES)


def _accountable(pilot: Pilot) -> str:
    """Who answers for the pilot: the team member, else the owner's name."""
    if pilot.manager_id is not None:
        return f"member:{pilot.manager_id}"
    return f"owner:{pilot.owner.strip().lower()}" if pilot.owner.strip() else ""


@register_evidence_provider
def pilot_portfolio(organization: Organization) -> list[Evidence]:
    """Project 5: the four signs of pilots run as the model asks."""
    pilots = list(
        Pilot.objects.for_org(organization).select_related("manager").prefetch_related("kpis")
    )
    if not pilots:
        return []
    thresholds = thresholds_of(organization)
    chosen = [p for p in pilots if p.status in UNDER_WAY and meets_all(p, thresholds)]
    measured = [p for p in pilots if all_kinds_measured(list(p.kpis.all()))]
    load = Counter(_accountable(p) for p in pilots if p.status in ACTIVE_STATUSES)
    load.pop("", None)
    most = max(load.values(), default=0)
    done = [p for p in pilots if p.status == PilotStatus.COMPLETED and p.learned and p.decision]
    return [
        Evidence(
            project=PROJECT,
            key="pilots.chosen",
            score=1.0 if chosen else 0.0,
            weight=1,
            label=Text(
                f"{len(chosen)} selected or running pilot(s) meet all three criteria",
                f"{len(chosen)} gekozen of lopende pilot(s) voldoen aan alle drie de criteria",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="pilots.kpis",
            score=1.0 if measured else 0.0,
            weight=1,
            label=Text(
                f"{len(measured)} pilot(s) measure KPIs of all three kinds",
                f"{len(measured)} pilot(s) meten KPI's van alle drie de soorten",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="pilots.parallel",
            score=min(most, 2) / 2,
            weight=1,
            label=Text(
                f"at most {most} pilot(s) run at once under one accountable person",
                f"hoogstens {most} pilot(s) lopen tegelijk onder één verantwoordelijke",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="pilots.retrospective",
            score=1.0 if done else 0.0,
            weight=1,
            label=Text(
                f"{len(done)} completed pilot(s) with a retrospective",
                f"{len(done)} afgeronde pilot(s) met een retrospectieve",
            ),
        ),
    ]
