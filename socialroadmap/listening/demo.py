"""Demo data for social listening: the roaster's queries and a month of posts about it,
its competitors and its sector, generated from templates and imported like a file, and
two live sources, paused so that the demo never reaches the internet."""

from __future__ import annotations

import io
import json
import random
from datetime import timedelta

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.listening.choices import QueryKind
from socialroadmap.listening.models import ListeningQuery, LiveSource
from socialroadmap.listening.services import run_import, start_import
from socialroadmap.listening.services.sources import create_source, update_source
from socialroadmap.organizations.models import Organization

POSTS = 300
DAYS = 30

QUERIES = (
    ("Mertens", "mertens OR #mertenskoffie OR @mertens_koffie", QueryKind.BRAND),
    ("Branderij Verhoeven", "verhoeven OR #verhoevenkoffie", QueryKind.COMPETITOR),
    ("Bonenhuys", "bonenhuys OR @bonenhuys OR #bonenhuys", QueryKind.COMPETITOR),
    (
        "Specialty coffee",
        '(speciaalkoffie OR koffiebranderij OR #specialtycoffee OR "specialty coffee") '
        'AND NOT (vacature* OR "we zoeken" OR hiring)',
        QueryKind.SECTOR,
    ),
)

# {brand} is one of the names below; the texts are the demo's own.
TEMPLATES = {
    "nl": (
        "Net een zak {product} van {brand} gehaald, wat een heerlijke koffie! ☕",
        "Zaterdag {product} geproefd bij {brand} in {city}. Aanrader!",
        "Al drie dagen wachten op mijn bestelling bij {brand}... niemand reageert 😡",
        "Iemand ervaring met de abonnementen van {brand}? Twijfel nog.",
        "De nieuwe verpakking van {brand} is echt mooi geworden 👌",
        "Bij {brand} was de {product} vandaag bitter en lauw. Jammer.",
        "Op zoek naar goede speciaalkoffie in {city}, tips? Misschien {brand}?",
        "Mooie workshop latte art gevolgd bij {brand}, super vriendelijk team!",
        "Vacature: barista gezocht bij een koffiebranderij in {city}. We zoeken jou!",
        "Prijzen bij {brand} weer omhoog, ik stap over.",
        "Koffiebranderij {brand} opent een tweede zaak in {city} 🎉",
        "Maandagochtend, regen, en geen koffie meer in huis.",
    ),
    "en": (
        "Picked up {product} from {brand} this morning, lovely fruity notes ☕",
        "{brand} shipped my order in one day, great service!",
        "Disappointed with {brand}: the {product} tasted stale this time.",
        "Anyone tried the specialty coffee at {brand} in {city}?",
        "We're hiring! Roastery in {city} looking for a production lead. #specialtycoffee",
        "Best cappuccino in {city} is still at {brand}, no contest.",
        "Customer service of {brand} never answered my email. Not impressed.",
        "Visited three roasteries in {city} this weekend, all worth it.",
    ),
}
BRANDS = (
    ("Mertens", 5),
    ("#mertenskoffie", 2),
    ("@mertens_koffie", 2),
    ("Verhoeven", 3),
    ("Bonenhuys", 2),
    ("de koffiebranderij", 2),
)
PRODUCTS = ("Ethiopië Yirgacheffe", "huisblend", "espresso", "decaf", "Colombia Huila", "cold brew")
CITIES = ("Gent", "Antwerpen", "Leuven", "Brugge", "Mechelen", "Utrecht")
SOURCES = (("instagram", 4), ("x", 3), ("facebook", 3), ("linkedin", 1), ("mastodon", 1))
# Live sources: name, kind, settings, every how many minutes, fetched how long ago. They
# are paused: the demo runs offline; resuming one starts fetching it for real.
DEMO_SOURCES = (
    (
        "Sprudge (specialty coffee news)",
        "rss",
        {"feed_url": "https://sprudge.com/feed"},
        60,
        timedelta(hours=3, minutes=12),
    ),
    (
        "#koffie on Mastodon",
        "mastodon",
        {"instance_url": "https://mastodon.social", "hashtag": "koffie"},
        15,
        timedelta(days=1, hours=2),
    ),
)
AUTHORS = (
    "koffieliefhebber",
    "an_de_wit",
    "barista_bram",
    "lotte.vh",
    "jonas_gent",
    "sarah_brews",
    "mechelse_moeder",
    "coffee_nomad",
    "pieterjan",
    "ellen.maes",
)


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without queries (and sources): what people add later
    is kept."""
    _seed_sources(organization, owner)
    if ListeningQuery.objects.for_org(organization).exists():
        return
    for name, text, kind in QUERIES:
        query = ListeningQuery(organization=organization, name=name, query=text, kind=kind)
        query.stamp(owner)
        query.save()
    data = _generated_posts(random.Random(f"{organization.slug}-listening"))  # noqa: S311 - demo text
    job = start_import(
        organization, format="ndjson", filename="demo-posts.ndjson", size=len(data), actor=owner
    )
    run_import(job, io.BytesIO(data))


def _seed_sources(organization: Organization, owner: User) -> None:
    """The demo's live sources, paused, as if fetched a while ago; only on a demo
    organisation without live sources."""
    if LiveSource.objects.for_org(organization).exists():
        return
    now = timezone.now()
    for name, kind, config, every, ago in DEMO_SOURCES:
        source = create_source(
            organization,
            name=name,
            kind=kind,
            config=config,
            fetch_every_minutes=every,
            actor=owner,
        )
        update_source(source, actor=owner, is_active=False)
        # A paused source has no next fetch; the last one is made up, like the posts.
        LiveSource.objects.filter(pk=source.pk).update(
            last_fetched_at=now - ago, next_fetch_at=None
        )


def _generated_posts(rng: random.Random) -> bytes:
    now = timezone.now()
    brands, brand_weights = [b for b, _w in BRANDS], [w for _b, w in BRANDS]
    sources, source_weights = [s for s, _w in SOURCES], [w for _s, w in SOURCES]
    lines = []
    for number in range(POSTS):
        lang = "nl" if rng.random() < 0.7 else "en"
        source = rng.choices(sources, source_weights)[0]
        text = rng.choice(TEMPLATES[lang]).format(
            brand=rng.choices(brands, brand_weights)[0],
            product=rng.choice(PRODUCTS),
            city=rng.choice(CITIES),
        )
        author = rng.choice(AUTHORS)
        likes = int(rng.paretovariate(1.5) * 3)
        post = {
            "id": f"demo-{number:04d}",
            "text": text,
            "author": author,
            "created_at": (now - timedelta(minutes=rng.randrange(DAYS * 24 * 60))).isoformat(),
            "source": source,
            "url": f"https://{source}.example/{author}/{number}",
            "lang": lang,
            "likes": likes,
            "shares": likes // 5,
            "replies": rng.randrange(4),
            "reach": likes * rng.randrange(20, 80) + rng.randrange(50, 500),
        }
        lines.append(json.dumps(post, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")
