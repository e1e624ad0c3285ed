"""The indicators journey: set a target and see an indicator's status. A conversation
manager adds an indicator from the catalogue with one click, records a value, sets a
target above it and sees "off track" on the overview, then a target below it and sees
"on track"."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from socialroadmap.indicators.models import Indicator
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona

NAME = "Leads through social media"


def set_target(page: Page, target: str) -> None:
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Target:", exact=True).fill(target)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Indicator saved.")


def test_manager_sets_a_target_and_sees_the_status(
    new_context: Callable[[], BrowserContext], manager: Persona
) -> None:
    page = new_context().new_page()
    login(page, manager.user.email)

    nav_link(page, "Success indicators").click()
    expect(page.get_by_test_id("indicators-empty")).to_be_visible()
    page.get_by_role("link", name="Open the catalogue").click()
    page.get_by_role("button", name=f"Add {NAME} to Sales").click()
    expect(page.get_by_role("status")).to_contain_text(f"{NAME} added")

    # A value by hand: any day of the month counts for the month.
    page.get_by_role("link", name="Record a value").click()
    page.get_by_label("Period:", exact=True).fill("2026-03-10")
    page.get_by_label("Value:", exact=True).fill("40")
    page.get_by_role("button", name="Save").click()
    detail = page.get_by_test_id("indicators-detail")
    expect(detail.get_by_test_id("indicators-status")).to_have_attribute("data-status", "no_target")
    expect(detail.get_by_test_id("indicators-values")).to_contain_text("Mar 2026")

    # A target above the value: off track on the overview.
    set_target(page, "50")
    nav_link(page, "Success indicators").click()
    row = page.get_by_test_id("indicators-row").filter(has_text=NAME)
    expect(row.get_by_test_id("indicators-status")).to_have_attribute("data-status", "off_track")
    expect(page.get_by_test_id("indicators-summary")).to_contain_text("Off track: 1")

    # A target the value meets: on track.
    page.get_by_role("link", name="Sales").click()
    set_target(page, "35")
    nav_link(page, "Success indicators").click()
    expect(row.get_by_test_id("indicators-status")).to_have_attribute("data-status", "on_track")
    expect(row.get_by_test_id("indicators-status")).to_have_text("On track")
    assert Indicator.objects.get(organization=manager.organization).target == 35
