"""The content calendar journey ("plan a week of content"): a conversation manager adds
a channel, looks two weeks ahead, plans items on three days of next week, approves
them, and sees them on their days in the week view while the warning about days
without content disappears for those days (and stays for the others)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from socialroadmap.content.models import ContentItem
from socialroadmap.content.planning import week_start
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona

# Titles by weekday of next week (0 = Monday).
PLAN = {0: "Roast diary: the new blend", 2: "Origin story: Huila", 4: "Brewing tip: the V60"}


def cell(page: Page, day: date) -> Locator:
    return page.get_by_test_id(f"content-day-{day.isoformat()}")


def plan(page: Page, day: date, title: str) -> None:
    """Plan an item on ``day`` from the week view and approve it."""
    page.get_by_role("link", name=f"Plan an item on {day.day} {day.strftime('%B')}").click()
    expect(page.get_by_role("heading", name="New content item", exact=True)).to_be_visible()
    page.get_by_label("Title:", exact=True).fill(title)
    page.get_by_label("Channel:", exact=True).select_option(label="Blog")
    page.get_by_label("Status:", exact=True).select_option(label="Draft")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Item added.")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    page.get_by_role("button", name="Mark as Approved").click()
    expect(page.get_by_role("status")).to_contain_text("Status changed.")
    expect(page.get_by_test_id("content-status")).to_have_text("Approved")
    page.get_by_role("link", name="← Content calendar").click()


def test_manager_plans_a_week_of_content_and_the_gaps_close(
    new_context: Callable[[], BrowserContext], manager: Persona
) -> None:
    page = new_context().new_page()
    login(page, manager.user.email)
    monday = week_start(timezone.localdate()) + timedelta(days=7)

    # The calendar from the Projects menu: no channels yet.
    nav_link(page, "Content calendar").click()
    expect(page.get_by_role("heading", name="Content calendar", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="No channels yet")).to_be_visible()

    # A channel: the blog.
    page.get_by_role("link", name="Add a channel").click()
    page.get_by_label("Name:", exact=True).fill("Blog")
    page.get_by_label("Kind:", exact=True).select_option(label="Website or blog")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Channel saved.")
    expect(page.get_by_test_id("content-channels")).to_contain_text("Blog")

    # Look two weeks ahead, so next week is inside the warning's window.
    page.get_by_test_id("content-nav").get_by_role("link", name="Settings").click()
    page.get_by_label("Days ahead to check:", exact=True).fill("14")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Settings saved.")
    expect(page.get_by_test_id("content-gaps")).to_contain_text(
        "14 days without content in the coming 14 days"
    )

    # Next week: every day flagged, nothing planned.
    page.get_by_role("link", name="Next week →").click()
    for offset in range(7):
        expect(
            cell(page, monday + timedelta(days=offset)).get_by_text("nothing planned")
        ).to_be_visible()

    for offset, title in PLAN.items():
        plan(page, monday + timedelta(days=offset), title)

    # Back in next week's view: the items on their days, without the flag there.
    expect(page.get_by_role("link", name="Next week →")).to_be_visible()
    for offset, title in PLAN.items():
        day = cell(page, monday + timedelta(days=offset))
        expect(day.get_by_role("link", name=title)).to_be_visible()
        expect(day.get_by_text("Approved", exact=True)).to_be_visible()
        expect(day.get_by_text("nothing planned")).to_have_count(0)
    for offset in (1, 3, 5, 6):
        expect(
            cell(page, monday + timedelta(days=offset)).get_by_text("nothing planned")
        ).to_be_visible()
    expect(page.get_by_test_id("content-gaps")).to_contain_text(
        "11 days without content in the coming 14 days"
    )
    assert ContentItem.objects.filter(status="approved").count() == 3
