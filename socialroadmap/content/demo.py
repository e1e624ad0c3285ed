"""Demo data of the content calendar for Koffiebranderij Mertens: five owned channels,
ten weeks of published content (mostly always-on: roasting diaries, origin stories,
brewing tips, and the campaign "Week van de Koffie"), some with figures, and the next
two weeks planned with a gap of three days, so the warning has something to show."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.content import services
from socialroadmap.content.choices import ItemStatus, ItemType
from socialroadmap.content.models import Channel, ContentItem
from socialroadmap.organizations.models import Organization

# (name, kind, handle, owner)
CHANNELS = (
    ("Blog", "website", "https://www.koffiemertens.be/blog", "Ellen Maes"),
    ("Nieuwsbrief", "newsletter", "De Mertens Maandbrief", "Jeroen De Smet"),
    ("Instagram", "instagram", "@koffie.mertens", "Sara El Amrani"),
    ("LinkedIn", "linkedin", "koffiebranderij-mertens", "Jeroen De Smet"),
    ("Facebook", "facebook", "koffiebranderijmertens", "Ellen Maes"),
)
ROASTING = (
    "Branddagboek: de eerste ethiopische oogst van het jaar",
    "Branddagboek: waarom we de Brazilië langer laten rusten",
    "Branddagboek: een dag met Bram aan de brander",
    "Branddagboek: licht of donker branden, wat proef je?",
    "Branddagboek: de nieuwe espressoblend in de maak",
    "Branddagboek: koelen na het branden",
)
ORIGINS = (
    "Herkomst: de coöperatie in Huila, Colombia",
    "Herkomst: Yirgacheffe, bakermat van de koffie",
    "Herkomst: de familie Gómez in Cauca",
    "Herkomst: Minas Gerais en de natuurlijke verwerking",
    "Herkomst: eerlijke prijzen, hoe we inkopen",
    "Herkomst: Kenia en de AA-bonen",
)
BREWING = (
    "Zettip: de juiste maling voor je filterkoffie",
    "Zettip: zo ontkalk je je espressomachine",
    "Zettip: cold brew in vijf stappen",
    "Zettip: water maakt het verschil",
    "Zettip: de V60 voor beginners",
    "Zettip: melk opschuimen zoals een barista",
    "Zettip: koffie bewaren zonder aroma te verliezen",
    "Zettip: de Aeropress op reis",
)
CAMPAIGN = "Week van de Koffie"
CAMPAIGN_ITEMS = (
    "Week van de Koffie: gratis proeverij in de branderij",
    "Week van de Koffie: win een jaar koffie",
    "Week van de Koffie: kijk mee achter de schermen",
)
FUTURE = (
    "Zettip: de perfecte French press",
    "Branddagboek: de kerstblend proeven",
    "Herkomst: Guatemala en de vulkaangrond",
    "Zettip: koffie en chocolade combineren",
    "Branddagboek: onze nieuwe brander is er",
    "Herkomst: Rwanda na de oogst",
    "Zettip: de moka pot op het fornuis",
    "Branddagboek: decaf zonder chemie",
    "Herkomst: een bezoek aan onze importeur",
    "Zettip: ijskoffie voor de zomer",
    "Branddagboek: proefnotities van het team",
)
IDEAS = (
    "Idee: video over de weg van boon tot kop",
    "Idee: klanten vertellen over hun ochtendritueel",
)
OWNERS = ("Sara El Amrani", "Ellen Maes", "Tom Vermeulen", "Jeroen De Smet")
GAP_OFFSETS = (3, 4, 5)  # days from today with nothing planned


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed(organization: Organization, owner: User) -> None:
    """Add the channels and items that are missing (by name and title)."""
    channels = _channels(organization, owner)
    titles = set(ContentItem.objects.for_org(organization).values_list("title", flat=True))
    today = timezone.localdate()
    always_on = [*ROASTING, *ORIGINS, *BREWING]
    monday = today - timedelta(days=today.weekday())
    number = 0
    for week in range(10, 0, -1):
        start = monday - timedelta(weeks=week)
        for slot, weekday in enumerate((0, 2, 4)):
            day = start + timedelta(days=weekday)
            if week == 6:
                title, kind = CAMPAIGN_ITEMS[slot], ItemType.CAMPAIGN
            else:
                title, kind = always_on[number % len(always_on)], ItemType.ALWAYS_ON
                number += 1
                if number > len(always_on):
                    title = f"{title} (deel 2)"
            if title in titles:
                continue
            channel = channels[(week + slot) % len(channels)]
            _published(organization, owner, title, kind, channel, _at(day, 9 + slot * 3), number)
            titles.add(title)
    _plan_ahead(organization, owner, channels, titles, today)
    for title in IDEAS:
        if title not in titles:
            services.create_item(organization, title=title, actor=owner, owner="Sara El Amrani")


def _channels(organization: Organization, owner: User) -> list[Channel]:
    existing = {c.name: c for c in Channel.objects.for_org(organization)}
    for name, kind, handle, person in CHANNELS:
        if name not in existing:
            existing[name] = services.create_channel(
                organization, name=name, kind=kind, handle=handle, owner=person, actor=owner
            )
    return [existing[name] for name, *_rest in CHANNELS]


def _published(
    organization: Organization,
    owner: User,
    title: str,
    kind: str,
    channel: Channel,
    moment: datetime,
    number: int,
) -> None:
    item = services.create_item(
        organization,
        title=title,
        actor=owner,
        status=ItemStatus.DRAFT,
        channel=channel,
        owner=OWNERS[number % len(OWNERS)],
        department="marketing" if kind == ItemType.CAMPAIGN else "communication",
        item_type=kind,
        campaign=CAMPAIGN if kind == ItemType.CAMPAIGN else "",
        planned_at=moment,
        body=f"{title}. Lees meer op koffiemertens.be.",
    )
    services.transition_item(item, ItemStatus.APPROVED, actor=owner)
    services.transition_item(item, ItemStatus.PUBLISHED, actor=owner, published_at=moment)
    if number % 2 == 0 or kind == ItemType.CAMPAIGN:
        reach = 400 + (number * 137) % 1600 + (2500 if kind == ItemType.CAMPAIGN else 0)
        services.set_metrics(
            item,
            {
                "reach": reach,
                "impressions": reach * 2,
                "clicks": reach // 25,
                "likes": reach // 12,
                "shares": reach // 80,
                "comments": reach // 150,
                "measured_at": (moment + timedelta(days=7)).date(),
            },
            actor=owner,
        )


def _plan_ahead(
    organization: Organization,
    owner: User,
    channels: list[Channel],
    titles: set[str],
    today: date,
) -> None:
    """One item a day for the coming two weeks except the gap: approved, but for the
    last two, still drafts."""
    offsets = [n for n in range(15) if n not in GAP_OFFSETS]
    for index, offset in enumerate(offsets):
        title = FUTURE[index % len(FUTURE)]
        if index >= len(FUTURE):
            title = f"{title} (deel 2)"
        if title in titles:
            continue
        item = services.create_item(
            organization,
            title=title,
            actor=owner,
            status=ItemStatus.DRAFT,
            channel=channels[index % len(channels)],
            owner=OWNERS[index % len(OWNERS)],
            department="communication",
            planned_at=_at(today + timedelta(days=offset), 10),
            body=f"{title}. Met foto's uit de branderij.",
        )
        if index < len(offsets) - 2:
            services.transition_item(item, ItemStatus.APPROVED, actor=owner)
        titles.add(title)
