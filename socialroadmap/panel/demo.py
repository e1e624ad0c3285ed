"""Demo data of the sounding board of Koffiebranderij Mertens: eighteen customers
(horeca owners, home baristas, a reseller) who agreed to be asked, four questions in
each stage, and two decisions the board can point to: the winter blend the panel
chose and the subscription it asked for."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.organizations.models import Organization
from socialroadmap.panel import services
from socialroadmap.panel.choices import AnswerSource, QuestionKind, QuestionStatus
from socialroadmap.panel.models import PanelMember, PanelQuestion

# (name, e-mail, segment, handle, notes)
MEMBERS = (
    (
        "Lotte Peeters",
        "lotte@cafedeploeg.example.be",
        "horeca",
        "instagram:cafedeploeg",
        "Café De Ploeg, Gent",
    ),
    ("Wim Claes", "wim@bistrolinde.example.be", "horeca", "", "Bistro Linde, Leuven"),
    (
        "Nadia Bouzid",
        "nadia@koffiebar-noord.example.be",
        "horeca",
        "instagram:koffiebarnoord",
        "Koffiebar Noord, Antwerpen",
    ),
    (
        "Koen Verstraete",
        "koen@hetpleintje.example.be",
        "horeca",
        "",
        "Brasserie 't Pleintje, Brugge",
    ),
    (
        "Els Wouters",
        "els@bakkerijwouters.example.be",
        "horeca",
        "facebook:bakkerijwouters",
        "Bakery with a coffee corner",
    ),
    ("Bart Jacobs", "bart@hotelschelde.example.be", "horeca", "", "Hotel Schelde, breakfast room"),
    (
        "Sofie Mertens",
        "sofie@lunchroomsofie.example.be",
        "horeca",
        "",
        "Lunchroom, no relation to the roastery",
    ),
    (
        "Dries Van Damme",
        "dries@fietscafe.example.be",
        "horeca",
        "x:fietscafe_dries",
        "Fietscafé on the Schelde cycle route",
    ),
    (
        "Hanne Goossens",
        "hanne.goossens@example.be",
        "consumer",
        "instagram:hanne.brews",
        "Home barista, posts latte art",
    ),
    ("Jonas De Wilde", "jonas.dewilde@example.be", "consumer", "x:jonasbrews", "Home barista, V60"),
    (
        "Marie Lambrechts",
        "marie.lambrechts@example.be",
        "consumer",
        "",
        "Buys beans in the shop every week",
    ),
    (
        "Thomas Willems",
        "thomas.willems@example.be",
        "consumer",
        "reddit:thomas_espresso",
        "Espresso enthusiast",
    ),
    ("Fien Maes", "fien.maes@example.be", "consumer", "", "Webshop customer since 2021"),
    (
        "Arne Hermans",
        "arne.hermans@example.be",
        "consumer",
        "instagram:arne.filter",
        "Filter coffee, AeroPress",
    ),
    (
        "Ilse Vermeersch",
        "ilse.vermeersch@example.be",
        "consumer",
        "",
        "Came through the brewing workshop",
    ),
    ("Robbe Smets", "robbe.smets@example.be", "consumer", "x:robbesmets", "Student, cold brew"),
    ("Yasmine El Idrissi", "yasmine.elidrissi@example.be", "consumer", "", "Gifts coffee boxes"),
    (
        "Guy Dierickx",
        "guy@delicatessen-dierickx.example.be",
        "reseller",
        "",
        "Delicatessen, sells our beans in Mechelen",
    ),
)

WINTER_OPTIONS = ["Ethiopia Sidamo", "Colombia Huila", "Brazil Cerrado"]
# 16 of the 18 vote: 11 Sidamo, 3 Huila, 2 Cerrado.
WINTER_VOTES = [0] * 11 + [1] * 3 + [2] * 2
WINTER_TEXTS = {
    0: "Fruity and bright: our guests ask for it by name.",
    1: "Chocolate notes work better with milk in winter.",
    9: "Sidamo on the V60 is a treat; please keep the light roast.",
}
SUBSCRIPTION_OPTIONS = ["Yes, every month", "Yes, every two weeks", "No"]
SUBSCRIPTION_VOTES = [0] * 6 + [1] * 4 + [2] * 4
SUBSCRIPTION_TEXTS = {
    8: "Only if I can skip a month when I am away.",
    12: "Letterbox-size bags, please.",
    17: "For the shop I would rather keep ordering myself.",
}
REFILL_TEXTS = (
    "Yes! I would bring my own tin every week.",
    "Good idea, if it is as quick as buying a bag.",
    "Please also for the decaf.",
    "We would use it for the café's small orders.",
    "Only if the beans are as fresh as in the sealed bags.",
)


def _last_march(today: date) -> date:
    """The 15th of March most recently past: the subscription's launch."""
    year = today.year if today >= date(today.year, 3, 15) else today.year - 1
    return date(year, 3, 15)


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without a panel: what people add later is kept."""
    if PanelMember.objects.for_org(organization).exists():
        return
    today = timezone.localdate()
    members = [
        services.create_member(
            organization,
            name=name,
            email=email,
            segment=segment,
            handle=handle,
            notes=notes,
            consent=True,
            actor=owner,
        )
        for name, email, segment, handle, notes in MEMBERS
    ]
    for number, member in enumerate(members):
        services.update_member(
            member, {"joined_on": today - timedelta(days=200 - 3 * number)}, actor=owner
        )
    march = _last_march(today)
    _decided(
        organization,
        owner,
        members,
        title="Which origin for the winter blend?",
        description="Three single origins are candidates for this winter's blend. Which one "
        "would you like to drink (or serve) from December?",
        options=WINTER_OPTIONS,
        votes=WINTER_VOTES,
        texts=WINTER_TEXTS,
        opened=today - timedelta(days=75),
        decision="Winter blend: Ethiopia Sidamo, chosen by 11 of 16 panel members",
        decided_on=today - timedelta(days=50),
        link="Winter blend 2026 in the webshop and the shop",
    )
    _decided(
        organization,
        owner,
        members,
        title="Would you take a coffee subscription?",
        description="Freshly roasted beans by post, delivered at a rhythm you choose.",
        options=SUBSCRIPTION_OPTIONS,
        votes=SUBSCRIPTION_VOTES,
        texts=SUBSCRIPTION_TEXTS,
        opened=march - timedelta(days=45),
        decision="Subscription launched in March",
        decided_on=march,
        link="https://www.koffiebranderij-mertens.example.be/abonnement",
    )
    refill = services.create_question(
        organization,
        title="Idea: refill station in the shop",
        description="Bring your own tin or jar and fill it with beans from the silo, "
        "without packaging. Would you use it? What would make it work for you?",
        kind=QuestionKind.IDEA,
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=20),
        actor=owner,
    )
    services.transition_question(refill, QuestionStatus.OPEN, actor=owner)
    for member, text in zip(members[8:], REFILL_TEXTS, strict=False):
        services.answer_question(refill, member, text=text, source=AnswerSource.MEMBER, actor=None)
    services.create_question(
        organization,
        title="Concept test: compostable capsules",
        description="A first design of capsules for home machines, compostable at home. "
        "To show the panel in the next round.",
        kind=QuestionKind.CONCEPT_TEST,
        options=["I would buy them", "Maybe, depending on the price", "Not for me"],
        actor=owner,
    )


def _decided(
    organization: Organization,
    owner: User,
    members: list[PanelMember],
    *,
    title: str,
    description: str,
    options: list[str],
    votes: list[int],
    texts: dict[int, str],
    opened: date,
    decision: str,
    decided_on: date,
    link: str,
) -> PanelQuestion:
    """A question put to the panel, answered, closed and decided, on believable days."""
    question = services.create_question(
        organization,
        title=title,
        description=description,
        kind=QuestionKind.QUESTION,
        options=options,
        opens_on=opened,
        actor=owner,
    )
    question = services.transition_question(question, QuestionStatus.OPEN, actor=owner)
    for number, (member, choice) in enumerate(zip(members, votes, strict=False)):
        services.answer_question(
            question,
            member,
            choice=choice,
            text=texts.get(number, ""),
            source=AnswerSource.MEMBER if number % 3 else AnswerSource.MANAGER,
            actor=owner if number % 3 == 0 else None,
        )
    question = services.transition_question(question, QuestionStatus.CLOSED, actor=owner)
    question = services.update_question(
        question, {"closes_on": decided_on - timedelta(days=7)}, actor=owner
    )
    return services.record_decision(
        question,
        decision=decision,
        decided_on=decided_on,
        decided_by="Jeroen De Smet",
        decision_link=link,
        actor=owner,
    )
