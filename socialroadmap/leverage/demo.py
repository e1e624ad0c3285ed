"""Demo data of the leverage app for Koffiebranderij Mertens: about thirty
communications of the last eighteen months (newsletters, in-store posters, a radio
spot, Horeca Expo, press releases, e-mail campaigns), about half of them linked to the
social platforms, and two controls (the same mailing without the social links).

The outcomes are drawn deterministically around a true lift of 11% with some noise,
so the page shows a measured lift whose interval overlaps the 10-15% of the original
research, and the same numbers every time."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.leverage import services
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.models import Organization

TRUE_LIFT = 0.11
NOISE = 0.07
LINKS = ["hashtag", "share_buttons", "call_to_action"]
# (name, channel, days ago it started, days it ran, cost in euro, linked, typical reach)
COMMUNICATIONS = (
    ("Nieuwsbrief juni 2025", "newsletter", 540, 7, 380, False, 6200),
    ("Affiche winkel: zomerkoffie", "print_ad", 525, 30, 640, False, 5400),
    ("Persbericht: nieuwe brander", "press_release", 505, 3, 250, False, 5800),
    ("Nieuwsbrief augustus 2025", "newsletter", 480, 7, 380, True, 6200),
    ("E-mail: back to school", "email_campaign", 465, 10, 420, False, 5600),
    ("Horeca Expo Gent 2025", "event", 450, 5, 8200, True, 6400),
    ("Nieuwsbrief september 2025", "newsletter", 420, 7, 380, True, 6300),
    ("Nieuwsbrief september 2025 (zonder sociale links)", "newsletter", 420, 7, 190, False, 6300),
    ("Affiche winkel: herfstblend", "print_ad", 400, 30, 640, True, 5400),
    ("Radiospot Radio 2 Oost-Vlaanderen", "tv_radio", 385, 14, 5400, False, 6800),
    ("E-mail: proefpakket", "email_campaign", 370, 10, 420, True, 5600),
    ("Persbericht: B Corp-certificaat", "press_release", 350, 3, 250, True, 5900),
    ("Nieuwsbrief november 2025", "newsletter", 330, 7, 380, False, 6100),
    ("Affiche winkel: kerstkoffie", "print_ad", 310, 40, 720, False, 5500),
    ("E-mail: eindejaarsgeschenken", "email_campaign", 300, 14, 460, True, 5800),
    (
        "E-mail: eindejaarsgeschenken (zonder sociale links)",
        "email_campaign",
        300,
        14,
        230,
        False,
        5800,
    ),
    ("Nieuwsbrief januari 2026", "newsletter", 270, 7, 380, True, 6100),
    ("Persbericht: jaarcijfers 2025", "press_release", 250, 3, 250, False, 5600),
    ("Websitebanner: abonnement", "website_banner", 235, 30, 300, False, 5200),
    ("Nieuwsbrief maart 2026", "newsletter", 210, 7, 380, False, 6300),
    ("Affiche winkel: lentekoffie", "print_ad", 195, 30, 640, True, 5300),
    ("E-mail: koffiebar-workshop", "email_campaign", 180, 10, 420, False, 5500),
    ("Websitebanner: cold brew", "website_banner", 160, 30, 300, True, 5300),
    ("Nieuwsbrief mei 2026", "newsletter", 150, 7, 380, True, 6400),
    ("Persbericht: nieuwe koffiebar Gent", "press_release", 130, 3, 250, True, 5700),
    ("Horeca Expo Kortrijk 2026", "event", 110, 4, 7600, False, 6100),
    ("E-mail: zomeractie", "email_campaign", 90, 10, 420, True, 5700),
    ("Nieuwsbrief juli 2026", "newsletter", 75, 7, 380, False, 6400),
    ("Affiche winkel: zomerkoffie 2026", "print_ad", 60, 30, 640, True, 5600),
    ("Nieuwsbrief september 2026", "newsletter", 30, 7, 380, True, 6500),
)
# Control → the linked communication it was sent beside (to the other half of the list).
CONTROLS = {
    "Nieuwsbrief september 2025 (zonder sociale links)": "Nieuwsbrief september 2025",
    "E-mail: eindejaarsgeschenken (zonder sociale links)": "E-mail: eindejaarsgeschenken",
}


def outcomes(name: str, linked: bool, typical_reach: int) -> dict[str, Any]:
    """Reach, visits, leads, sales and revenue of one communication, the same on every
    run (the name seeds the draw)."""
    rng = random.Random(name)  # noqa: S311 - made-up demo outcomes, not secrets
    factor = (1 + TRUE_LIFT) if linked else 1.0

    def noisy(value: float) -> float:
        return value * max(0.5, rng.gauss(1, NOISE))

    reach = round(noisy(typical_reach * factor))
    visits = round(noisy(reach * 0.09))
    leads = round(noisy(visits * 0.07))
    sales = round(noisy(leads * 0.4))
    revenue = Decimal(round(noisy(sales * 42.0), 2)).quantize(Decimal("0.01"))
    return {"reach": reach, "visits": visits, "leads": leads, "sales": sales, "revenue": revenue}


def seed(organization: Organization, owner: User) -> None:
    """Add the communications that are missing; an edited one is left as it is."""
    today = timezone.localdate()
    known = {
        name.lower()
        for name in Communication.objects.for_org(organization).values_list("name", flat=True)
    }
    for index, (name, channel, ago, days, cost, linked, reach) in enumerate(COMMUNICATIONS):
        if name.lower() in known:
            continue
        starts_on = today - timedelta(days=ago)
        control_for = None
        if name in CONTROLS:
            control_for = (
                Communication.objects.for_org(organization).filter(name=CONTROLS[name]).first()
            )
        services.create_communication(
            organization,
            name=name,
            channel=channel,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=days - 1),
            cost=Decimal(cost),
            linked=linked,
            links=LINKS[: 1 + index % 3] if linked else [],
            is_control=name in CONTROLS,
            control_for=control_for,
            notes="Half of the mailing list, without the social links." if name in CONTROLS else "",
            actor=owner,
            **outcomes(name, linked, reach),
        )
