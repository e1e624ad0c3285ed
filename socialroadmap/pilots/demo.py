"""Demo data for the pilot portfolio of Koffiebranderij Mertens: a long list of
candidate pilots, scored so that three meet all three criteria. Two of those run at once
under the conversation manager with KPIs of every kind, one is completed with its
retrospective; the others show what a candidate misses."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.excellence.choices import TeamRole
from socialroadmap.excellence.models import TeamMember
from socialroadmap.organizations.models import Organization
from socialroadmap.pilots import services
from socialroadmap.pilots.models import Pilot

# (name, department, owner, fit, return, learning, feasibility, budget, start in days,
#  weeks, final status, description)
PILOTS: tuple[tuple[Any, ...], ...] = (
    (
        "Instagram: behind the scenes at the roastery",
        "marketing",
        "Sara El Amrani",
        5,
        4,
        4,
        5,
        1500,
        -42,
        12,
        "running",
        "Stories and reels from the roastery floor: the roasters, the green beans, the "
        "cupping table.",
    ),
    (
        "Customer service on X and WhatsApp",
        "customer_service",
        "Pieter-Jan Wuyts",
        4,
        5,
        5,
        3,
        4000,
        -28,
        16,
        "running",
        "Questions about orders, grinders and subscriptions answered where customers ask "
        "them, within the hour on working days.",
    ),
    (
        "Live tasting of the coffee of the month",
        "marketing",
        "Sara El Amrani",
        4,
        4,
        4,
        4,
        800,
        -150,
        8,
        "completed",
        "A monthly live tasting on Instagram with the head roaster, with tickets for the "
        "tasting at the shop.",
    ),
    (
        "LinkedIn employer branding for roasters",
        "hr",
        "Hanne Jacobs",
        4,
        3,
        4,
        4,
        1200,
        30,
        12,
        "candidate",
        "Roasters and drivers tell what working at Mertens is like, to find two roasters.",
    ),
    (
        "B2B horeca newsletter linked to LinkedIn",
        "sales",
        "Jonas De Vos",
        5,
        4,
        3,
        4,
        600,
        45,
        12,
        "candidate",
        "A monthly newsletter for cafés and restaurants, its best pieces posted on LinkedIn.",
    ),
    (
        "Barista community on Facebook",
        "marketing",
        "Ellen Maes",
        3,
        3,
        4,
        3,
        500,
        60,
        24,
        "candidate",
        "A group where home baristas share recipes, with a monthly question from the roaster.",
    ),
    (
        "Latte art on TikTok",
        "marketing",
        "Sara El Amrani",
        2,
        3,
        4,
        4,
        300,
        90,
        8,
        "candidate",
        "Short latte art videos by the baristas of the shop, to reach a younger audience.",
    ),
)
HYPOTHESES = {
    "Instagram: behind the scenes at the roastery": (
        "Showing the people and the craft behind the coffee wins followers who buy in the web shop."
    ),
    "Customer service on X and WhatsApp": (
        "Answering within the hour where customers ask cuts phone calls and lifts satisfaction."
    ),
    "Live tasting of the coffee of the month": (
        "A live tasting with the head roaster sells tickets for the tasting at the shop."
    ),
}
JUSTIFY = {
    "fit_justification": "Our people and our craft are what sets us apart; this shows them.",
    "return_justification": "Gives results within weeks, measurable in the shop and online.",
    "learning_justification": "Teaches us a format and a way of working we will need everywhere.",
}
# (pilot, kind, name, unit, baseline, target, measured, direction)
KPIS = (
    ("Instagram: behind", "intrinsic", "Followers gained", "followers", 0, 1500, 1720, "higher"),
    ("Instagram: behind", "intrinsic", "Engagement rate", "%", "2.1", 4, "3.6", "higher"),
    ("Instagram: behind", "learning", "Content formats tested", "formats", 0, 6, 4, "higher"),
    ("Instagram: behind", "change", "Colleagues who posted a story", "people", 1, 10, 12, "higher"),
    ("Customer service", "intrinsic", "Median first response", "minutes", 240, 30, 22, "lower"),
    ("Customer service", "learning", "Question types documented", "types", 0, 8, 9, "higher"),
    ("Customer service", "change", "Departments in the inbox", "departments", 1, 3, 2, "higher"),
    ("Live tasting", "intrinsic", "Tasting tickets sold online", "tickets", 40, 200, 236, "higher"),
    ("Live tasting", "learning", "Lessons written up", "lessons", 0, 5, 5, "higher"),
    ("Live tasting", "change", "Managers who read the report", "people", 0, 6, 7, "higher"),
)
PATH = {
    "candidate": (),
    "running": ("selected", "running"),
    "completed": ("selected", "running", "evaluating", "completed"),
}
RETROSPECTIVE = (
    "Live tastings sell tickets when the head roaster leads them; the shop team must be "
    "in the loop a week ahead. Viewers ask about brewing more than about the beans."
)


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without pilots: what people add later is kept."""
    if Pilot.objects.for_org(organization).exists():
        return
    manager = (
        TeamMember.objects.for_org(organization)
        .filter(role=TeamRole.CONVERSATION_MANAGER)
        .order_by("pk")
        .first()
    )
    today = timezone.localdate()
    pilots: dict[str, Pilot] = {}
    for (
        name,
        department,
        pilot_owner,
        fit,
        ret,
        learning,
        feasibility,
        budget,
        start,
        weeks,
        status,
        description,
    ) in PILOTS:
        began = today + timedelta(days=start)
        pilot = services.create_pilot(
            organization,
            name=name,
            description=description,
            department=department,
            owner=pilot_owner,
            manager=manager if status != "candidate" else None,
            start_date=began,
            end_date=began + timedelta(weeks=weeks),
            budget=budget,
            hypothesis=HYPOTHESES.get(name, "It wins attention we can measure within weeks."),
            baseline="Measured in the month before the start.",
            fit_score=fit,
            return_score=ret,
            learning_score=learning,
            feasibility=feasibility,
            actor=owner,
            **JUSTIFY,
        )
        pilots[name] = pilot
    for start, kind, kpi_name, unit, baseline, target, measured, direction in KPIS:
        pilot = next(p for n, p in pilots.items() if n.startswith(start))
        services.create_kpi(
            pilot,
            kind=kind,
            name=kpi_name,
            unit=unit,
            baseline=baseline,
            target=target,
            measured=measured,
            direction=direction,
            actor=owner,
        )
    for name, *_rest, status, _description in PILOTS:
        pilot = pilots[name]
        if status == "completed":
            pilot = services.update_pilot(
                pilot, {"learned": RETROSPECTIVE, "decision": "scale"}, actor=owner
            )
        for step in PATH[status]:
            pilot = services.transition_pilot(pilot, step, actor=owner)
