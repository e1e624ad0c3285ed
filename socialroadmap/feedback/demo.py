"""Demo data of the feedback loop for Koffiebranderij Mertens: a year of complaints about
late deliveries, questions about decaf and ideas for a subscription, routed through the
demo escalation matrix. A year ago feedback took about a month to lead to action; now
about five days. A few items are still open, two of them waiting too long."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.feedback import services
from socialroadmap.feedback.choices import Source, State
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.organizations.models import Organization

ITEMS = 60
DAYS = 360
COMPLAINTS = (
    ("Levering drie dagen te laat", "Mijn bestelling van de huisblend kwam drie dagen te laat."),
    ("Pakket kwam niet aan", "Het pakket met espressobonen is nooit aangekomen."),
    ("Late delivery of the Ethiopia beans", "Ordered a week ago, still no beans."),
    ("Koerier belde niet aan", "De koerier liet een briefje achter zonder aan te bellen."),
)
QUESTIONS = (
    ("Hebben jullie decafeïne?", "Bestaat er een decafversie van de Antwerpse melange?"),
    ("Decaf: welk proces?", "Gebruiken jullie het Swiss Water-proces voor decaf?"),
    ("Is decaf ook gemalen te koop?", "Ik heb geen molen: kan de decaf gemalen worden?"),
)
IDEAS = (
    ("Idee: koffieabonnement", "Elke maand automatisch een kilo huisblend, graag!"),
    ("Subscription with a discount", "A monthly subscription with 10% off would win me."),
    ("Abonnement met wisselende origines", "Elke maand een andere single origin ontdekken."),
)
ACTIONS = {
    "complaint": "Apologised, sent a new package and raised it with the courier.",
    "question": "Answered and added to the FAQ on the web shop.",
    "idea": "Put on the product board for the subscription launch.",
}
CUSTOMERS = ("An Peeters", "Luc Maes", "Els Janssens", "Tom Willems", "Sofie Claes", "Bart Wouters")


def seed(organization: Organization, owner: User) -> None:
    """Only on an organisation without feedback: what people add later is kept."""
    if FeedbackItem.objects.for_org(organization).exists():
        return
    now = timezone.now()
    for number in range(ITEMS):
        age = DAYS - number * DAYS // ITEMS  # days ago, oldest first
        kind, (title, text) = _pick(number)
        received = now - timedelta(days=age, hours=number % 7)
        item = services.create_item(
            organization,
            kind=kind,
            title=title,
            text=text,
            source=(Source.LISTENING, Source.EMAIL, Source.PHONE, Source.SOUNDING_BOARD)[
                number % 4
            ],
            customer_name=CUSTOMERS[number % len(CUSTOMERS)],
            received_at=received,
            actor=owner,
        )
        # Time to action falls from about 30 days a year ago to about 5 now.
        action_days = 5 + 25 * age / DAYS + (number % 3) - 1
        acknowledge_hours = 2 + (age / DAYS) * 30 + number % 4
        if age < action_days + 3:  # the most recent ones are still under way
            _open(item, received, now, owner)
            continue
        services.transition_item(
            item, State.ACKNOWLEDGED, actor=owner, at=received + timedelta(hours=acknowledge_hours)
        )
        services.transition_item(
            item,
            State.ACTION_DECIDED,
            action=ACTIONS[kind],
            actor=owner,
            at=received + timedelta(days=action_days * 0.6),
        )
        services.transition_item(
            item, State.DONE, actor=owner, at=received + timedelta(days=action_days)
        )
    _overdue(organization, now, owner)


def _pick(number: int) -> tuple[str, tuple[str, str]]:
    if number % 5 in (0, 1, 2):
        return "complaint", COMPLAINTS[number % len(COMPLAINTS)]
    if number % 5 == 3:
        return "question", QUESTIONS[number % len(QUESTIONS)]
    return "idea", IDEAS[number % len(IDEAS)]


def _open(item: FeedbackItem, received: datetime, now: datetime, owner: User) -> None:
    if now - received > timedelta(hours=4):
        services.transition_item(
            item, State.ACKNOWLEDGED, actor=owner, at=received + timedelta(hours=3)
        )


def _overdue(organization: Organization, now: datetime, owner: User) -> None:
    """Two items waiting too long: one never acknowledged, one without action for weeks."""
    services.create_item(
        organization,
        kind="complaint",
        title="Verkeerde maling geleverd",
        text="Ik bestelde bonen en kreeg filtermaling.",
        source=Source.EMAIL,
        customer_name="Griet Mertens",
        received_at=now - timedelta(days=2),
        actor=owner,
    )
    late = services.create_item(
        organization,
        kind="idea",
        title="Idee: navulbare blikken",
        text="Kunnen jullie navulbare blikken aanbieden bij het abonnement?",
        source=Source.SOUNDING_BOARD,
        source_reference="Klantenpanel maart",
        customer_name="Koen Vermeulen",
        received_at=now - timedelta(days=20),
        actor=owner,
    )
    services.transition_item(late, State.ACKNOWLEDGED, actor=owner, at=now - timedelta(days=19))
