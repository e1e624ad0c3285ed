"""Two journeys with pages of their own: a live RSS source (add, fetch now, read its
posts, pause) and the internal scan (import a roster, read the rankings, withdraw
consent, erase a person)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

import socialroadmap.connectors
from socialroadmap.connectors.testing import FixtureServer
from socialroadmap.engine.posts import Engagement
from socialroadmap.engine.posts import Post as EnginePost
from socialroadmap.internalscan.models import Employee
from socialroadmap.listening.models import LiveSource, Post
from socialroadmap.listening.services import store_posts
from socialroadmap.organizations.models import Organization
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona

RSS_FIXTURES = Path(socialroadmap.connectors.__file__).parent / "rss" / "fixtures"
RSS_POSTS = 4  # the dated entries of nieuws.xml


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Organisation")


def row_of(page: Page, text: str) -> Locator:
    """The table row that shows ``text``."""
    return page.get_by_role("row").filter(has_text=text)


# --- live sources -----------------------------------------------------------------------


@pytest.fixture
def rss_server() -> Iterator[FixtureServer]:
    """A local feed: the recorded nieuws.xml at /feed/."""
    with FixtureServer(RSS_FIXTURES) as server:
        server.route("/feed/", server.file("nieuws.xml"))
        yield server


def test_owner_adds_fetches_reads_and_pauses_an_rss_source_and_a_viewer_only_looks(
    new_context: Callable[[], BrowserContext],
    owner: Persona,
    member: Persona,
    rss_server: FixtureServer,
) -> None:
    page = new_context().new_page()
    login(page, owner.user.email)

    # Listening → Sources: nothing yet.
    main_nav(page).get_by_role("link", name="Listening").click()
    page.get_by_role("navigation", name="Listening").get_by_role("link", name="Sources").click()
    expect(page.get_by_role("heading", name="Live sources", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="No live sources yet", exact=True)).to_be_visible()

    # Add an RSS feed: choose the kind, then fill in its settings.
    page.get_by_role("link", name="Add a source").first.click()
    page.get_by_role("link", name="Add: RSS or Atom feed").click()
    expect(page.get_by_role("heading", name="New source", exact=True)).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Retail Nieuws")
    page.get_by_label("Feed URL", exact=True).fill(f"{rss_server.url}/feed/")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_contain_text("Source “Retail Nieuws” saved.")
    row = row_of(page, "Retail Nieuws")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("RSS or Atom feed")
    expect(row.get_by_text("active", exact=True)).to_be_visible()
    expect(row.get_by_text("never", exact=True)).to_be_visible()

    # Fetch now: the job runs at once and the page says how many posts came in.
    row.get_by_role("button", name="Fetch now").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"“Retail Nieuws” fetched: {RSS_POSTS} new posts."
    )
    expect(
        row_of(page, "Retail Nieuws").get_by_role("cell", name=str(RSS_POSTS), exact=True)
    ).to_be_visible()
    assert rss_server.requests, "the feed was never requested"
    assert Post.objects.for_org(owner.organization).count() == RSS_POSTS

    # The posts page shows what the feed brought in.
    page.get_by_role("navigation", name="Listening").get_by_role(
        "link", name="Posts", exact=True
    ).click()
    expect(
        page.get_by_text("Klantenservice via WhatsApp groeit hard bij supermarkten")
    ).to_be_visible()

    # Pause it: the list says so, and offers Resume instead of Fetch now.
    page.get_by_role("navigation", name="Listening").get_by_role("link", name="Sources").click()
    row = row_of(page, "Retail Nieuws")
    row.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("status")).to_contain_text(
        "“Retail Nieuws” paused: it is not fetched until you resume it."
    )
    row = row_of(page, "Retail Nieuws")
    expect(row.get_by_text("paused", exact=True)).to_be_visible()
    expect(row.get_by_role("button", name="Resume")).to_be_visible()
    expect(row.get_by_role("button", name="Fetch now")).to_have_count(0)
    assert not LiveSource.objects.get(name="Retail Nieuws").is_active

    # A viewer sees the list, with its status, but nothing that changes it.
    viewer = new_context().new_page()
    login(viewer, member.user.email)
    viewer.goto(f"/o/{owner.organization.slug}/listening/sources/")
    viewer_row = row_of(viewer, "Retail Nieuws")
    expect(viewer_row).to_have_count(1)
    expect(viewer_row.get_by_text("paused", exact=True)).to_be_visible()
    expect(viewer.get_by_role("link", name="Add a source")).to_have_count(0)
    expect(viewer.get_by_role("link", name="Retail Nieuws")).to_have_count(0)
    for button in ("Fetch now", "Pause", "Resume"):
        expect(viewer.get_by_role("button", name=button)).to_have_count(0)
    for link in ("Edit", "Delete"):
        expect(viewer.get_by_role("link", name=link, exact=True)).to_have_count(0)


# --- internal scan ----------------------------------------------------------------------


def write_roster(folder: Path) -> Path:
    """Three people (Piet without consent) and a row whose consent is not yes or no."""
    path = folder / "roster.csv"
    path.write_text(
        "name,department,handles,consent\n"
        "Jan Peeters,Marketing,x:@jan,yes\n"
        'Els Maes,Sales,"x:@els, linkedin:els-maes",ja\n'
        "Piet Jacobs,Service,x:@piet,no\n"
        "Broken Row,Sales,x:@broken,maybe\n",
        encoding="utf-8",
    )
    return path


def store_posts_of_the_roster(organization: Organization) -> None:
    """Posts from the handles: two by Jan, one well-liked by Els, two by Piet."""
    now = timezone.now()
    posts = [
        ("1", "@jan", "Onze nieuwe koffie is top", 3),
        ("2", "@Jan", "Vandaag op de beurs", 1),
        ("3", "@els", "Wat een mooie reacties van klanten", 40),
        ("4", "@piet", "Ik post heel veel", 90),
        ("5", "piet", "Echt heel veel", 90),
    ]
    store_posts(
        organization,
        [
            EnginePost(
                id=pid,
                text=text,
                author=author,
                source="x",
                created_at=now - timedelta(days=int(pid)),
                engagement=Engagement(likes=likes),
            )
            for pid, author, text, likes in posts
        ],
    )


def open_rankings(page: Page) -> None:
    page.get_by_role("navigation", name="Internal scan").get_by_role(
        "link", name="Rankings"
    ).click()
    expect(page.get_by_role("heading", name="Most active", exact=True)).to_be_visible()


def test_owner_imports_a_roster_reads_rankings_withdraws_consent_and_erases(
    page: Page, owner: Persona, tmp_path: Path
) -> None:
    login(page, owner.user.email)

    # Internal scan: no roster yet.
    nav_link(page, "Internal scan").click()
    expect(page.get_by_role("heading", name="Internal scan", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="No roster yet", exact=True)).to_be_visible()

    # Import a roster with a broken row: that line is reported, the others are kept.
    page.get_by_role("navigation", name="Internal scan").get_by_role(
        "link", name="Import a roster"
    ).click()
    page.get_by_label("Roster file (CSV)").set_input_files(str(write_roster(tmp_path)))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_text("4 rows read: 3 people added, 0 updated.")).to_be_visible()
    expect(page.get_by_text("1 row could not be imported")).to_be_visible()
    rejected = row_of(page, "maybe")
    expect(rejected).to_have_count(1)
    expect(rejected.get_by_role("cell").first).to_have_text("5")
    expect(rejected).to_contain_text("consent must be yes or no")
    assert sorted(Employee.objects.values_list("full_name", flat=True)) == [
        "Els Maes",
        "Jan Peeters",
        "Piet Jacobs",
    ]

    page.get_by_role("link", name="See the roster").click()
    expect(page.get_by_role("heading", name="Roster", exact=True)).to_be_visible()
    for name in ("Jan Peeters", "Els Maes", "Piet Jacobs"):
        expect(row_of(page, name)).to_have_count(1)
    expect(row_of(page, "Broken Row")).to_have_count(0)
    expect(row_of(page, "Piet Jacobs").get_by_role("button", name="Record consent")).to_be_visible()

    # Posts from the handles: the rankings show the consenting people only.
    store_posts_of_the_roster(owner.organization)
    open_rankings(page)
    # Each is in both tables: most active and most engaging.
    expect(page.get_by_role("cell", name="Jan Peeters", exact=True)).to_have_count(2)
    expect(page.get_by_role("cell", name="Els Maes", exact=True)).to_have_count(2)
    expect(page.get_by_text("Piet Jacobs")).to_have_count(0)
    expect(page.get_by_text("Without consent (not shown)")).to_be_visible()

    # Withdraw Jan's consent on the roster: he leaves the rankings.
    page.get_by_role("navigation", name="Internal scan").get_by_role(
        "link", name="Roster", exact=True
    ).click()
    row_of(page, "Jan Peeters").get_by_role("button", name="Withdraw consent").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Consent of Jan Peeters withdrawn: they are no longer ranked."
    )
    expect(row_of(page, "Jan Peeters").get_by_role("button", name="Record consent")).to_be_visible()
    open_rankings(page)
    expect(page.get_by_role("cell", name="Els Maes", exact=True)).to_have_count(2)
    expect(page.get_by_text("Jan Peeters")).to_have_count(0)
    expect(page.get_by_text("Piet Jacobs")).to_have_count(0)

    # Erase Piet: a confirmation page first, then he is gone from the roster.
    page.get_by_role("navigation", name="Internal scan").get_by_role(
        "link", name="Roster", exact=True
    ).click()
    row_of(page, "Piet Jacobs").get_by_role("link", name="Erase").click()
    expect(page.get_by_role("heading", name="Erase a person", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Erase Piet Jacobs from the roster\?"))).to_be_visible()
    expect(page.get_by_text("x:piet")).to_be_visible()
    assert Employee.objects.filter(full_name="Piet Jacobs").exists()
    page.get_by_role("button", name="Erase").click()
    expect(page.get_by_role("status")).to_contain_text("The person was erased from the roster.")
    expect(page.get_by_role("heading", name="Roster", exact=True)).to_be_visible()
    expect(row_of(page, "Piet Jacobs")).to_have_count(0)
    expect(page.get_by_text("Piet Jacobs")).to_have_count(0)
    expect(row_of(page, "Jan Peeters")).to_have_count(1)
    expect(row_of(page, "Els Maes")).to_have_count(1)
    assert not Employee.objects.filter(full_name="Piet Jacobs").exists()
