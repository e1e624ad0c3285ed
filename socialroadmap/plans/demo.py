"""Demo data of the plans app for Koffiebranderij Mertens: the plans of six departments
and of its own Horeca department (the cafés and restaurants it supplies), at different
stages, each with a few social objectives linked to the demo's success indicators where
those exist. R&D has no plan yet, so the map shows a gap."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.core.departments import Department
from socialroadmap.indicators.models import Indicator
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.plans import services
from socialroadmap.plans.choices import ObjectiveStatus as S
from socialroadmap.plans.choices import PlanStage
from socialroadmap.plans.models import DepartmentPlan

# (title, owner, days from today it is due, status, metrics of the indicators that show it)
Objective = tuple[str, str, int, str, tuple[str, ...]]
# department → (own name, stage, ambition, objectives)
PLANS: dict[tuple[str, str], tuple[str, str, list[Objective]]] = {
    (Department.MARKETING, ""): (
        PlanStage.IN_EXECUTION,
        "Van koffiemerk naar koffiegemeenschap: meer bereik en interactie op Instagram en "
        "Facebook, met verhalen van boer tot kopje.",
        [
            (
                "Maandelijks bereik op Instagram naar 40.000",
                "Sara El Amrani",
                60,
                S.IN_PROGRESS,
                ("reach",),
            ),
            (
                "Contentkalender met vaste rubrieken (Boer van de maand, Brewtip)",
                "Sara El Amrani",
                -40,
                S.DONE,
                ("engagement",),
            ),
            (
                "Interactiegraad op posts boven 4%",
                "Sara El Amrani",
                120,
                S.PLANNED,
                ("engagement",),
            ),
        ],
    ),
    (Department.COMMUNICATION, ""): (
        PlanStage.AGREED,
        "Een herkenbare, warme stem van Mertens in het gesprek over duurzame koffie.",
        [
            (
                "Netto sentiment over Mertens boven +0,30",
                "Jeroen De Smet",
                90,
                S.IN_PROGRESS,
                ("net_sentiment", "sentiment"),
            ),
            (
                "Aandeel in het gesprek over specialty koffie in Vlaanderen naar 15%",
                "Jeroen De Smet",
                180,
                S.PLANNED,
                ("share_of_voice",),
            ),
        ],
    ),
    (Department.CUSTOMER_SERVICE, ""): (
        PlanStage.IN_EXECUTION,
        "Klanten krijgen op sociale media even snel antwoord als aan de telefoon.",
        [
            (
                "Reactietijd op sociale media onder 2 uur",
                "Lotte Van Damme",
                30,
                S.IN_PROGRESS,
                ("response_time",),
            ),
            (
                "Webcare-team met draaiboek voor klachten over leveringen",
                "Lotte Van Damme",
                -20,
                S.IN_PROGRESS,
                ("time_to_action",),
            ),
            (
                "Klanttevredenheid na een webcare-gesprek meten",
                "Lotte Van Damme",
                -75,
                S.DONE,
                ("csat",),
            ),
        ],
    ),
    (Department.HR, ""): (
        PlanStage.DRAFTING,
        "Branders en baristas vinden via sociale media hun weg naar Mertens.",
        [
            (
                "Vacatures voor branders en baristas via LinkedIn en Instagram",
                "Hilde Claes",
                90,
                S.PLANNED,
                ("hires",),
            ),
            (
                "Medewerkers als ambassadeur: richtlijnen en opleiding",
                "Hilde Claes",
                150,
                S.PLANNED,
                ("enps",),
            ),
        ],
    ),
    (Department.SALES, ""): (
        PlanStage.AGREED,
        "Nieuwe horecaklanten en bedrijven vinden via LinkedIn de weg naar een proefpakket.",
        [
            (
                "20 leads per kwartaal via LinkedIn voor kantoorkoffie",
                "Tom Willems",
                100,
                S.IN_PROGRESS,
                ("leads",),
            ),
            (
                "Proefpakketactie via sociale media opvolgen in het CRM",
                "Tom Willems",
                -10,
                S.DONE,
                ("leads",),
            ),
        ],
    ),
    (Department.IT, ""): (
        PlanStage.NOT_STARTED,
        "",
        [
            (
                "Koppeling webshop en sociale media (shoppable posts) onderzoeken",
                "Koen Maes",
                200,
                S.PLANNED,
                (),
            ),
            (
                "Beheer van accounts en wachtwoorden centraal regelen",
                "Koen Maes",
                120,
                S.PLANNED,
                (),
            ),
        ],
    ),
    (Department.OTHER, "Horeca"): (
        PlanStage.DRAFTING,
        "Onze horecaklanten delen hun Mertens-koffie: samen zichtbaar in de Gentse koffiebars.",
        [
            (
                "Barista-workshops aankondigen en delen met de horecaklanten",
                "Bram De Vos",
                75,
                S.PLANNED,
                ("reach", "engagement"),
            ),
            (
                "Horecaklanten taggen Mertens in hun posts: 30 per maand",
                "Bram De Vos",
                140,
                S.PLANNED,
                ("conversation_volume",),
            ),
        ],
    ),
}


def _indicators(
    organization: Organization, department: str, metrics: tuple[str, ...]
) -> list[Indicator]:
    """The demo's indicator for ``metrics``, the department's own first; none if the
    organisation has none."""
    if not metrics:
        return []
    rows = Indicator.objects.for_org(organization).filter(metric__in=metrics)
    found = rows.filter(department=department).order_by("pk").first() or rows.order_by("pk").first()
    return [found] if found is not None else []


def _plan_owner(organization: Organization, department: str, owner: User) -> User:
    lead = (
        Membership.objects.for_org(organization)
        .filter(department=department)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return lead.user if lead is not None else owner


def seed(organization: Organization, owner: Any) -> None:
    """Add the plans and objectives that are missing; an edited one is left as it is."""
    today = timezone.localdate()
    year_start = date(today.year, 1, 1)
    for (department, name), (stage, ambition, objectives) in PLANS.items():
        plan = (
            DepartmentPlan.objects.for_org(organization)
            .filter(department=department, name__iexact=name)
            .first()
        )
        if plan is None:
            plan = services.create_plan(
                organization,
                department=department,
                name=name,
                stage=stage,
                ambition=ambition,
                period_start=year_start,
                period_end=date(today.year, 12, 31),
                owner=_plan_owner(organization, department, owner),
                actor=owner,
            )
        known = {title.lower() for title in plan.objectives.values_list("title", flat=True)}
        for title, who, due_in, status, metrics in objectives:
            if title.lower() in known:
                continue
            services.add_objective(
                plan,
                title=title,
                owner=who,
                due_on=today + timedelta(days=due_in),
                status=status,
                indicators=_indicators(organization, department, metrics),
                actor=owner,
            )
