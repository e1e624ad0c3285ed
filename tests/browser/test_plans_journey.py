"""The plans journey: a department lead of marketing starts the marketing plan from the
integration map, adds an objective linked to a success indicator, moves the plan to
"agreed", and the map shows marketing as agreed with the headline count risen."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect

from socialroadmap.indicators.models import Indicator
from socialroadmap.organizations.models import Organization
from socialroadmap.plans.models import Objective
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.plans.helpers import contributor


def test_a_lead_puts_social_media_in_the_marketing_plan(page: Page, org: Organization) -> None:
    lead = contributor(org, "marketing")
    Indicator.objects.create(
        organization=org,
        department="marketing",
        name="Reach Instagram",
        metric="reach",
        target=Decimal(40000),
    )
    login(page, lead.user.email)

    nav_link(page, "Department plans").click()
    headline = page.get_by_test_id("plans-headline")
    expect(headline).to_contain_text("Social media is in 0 of 7")
    page.get_by_role("link", name="Start the Marketing plan").click()
    page.get_by_label("Stage:").select_option("drafting")
    page.get_by_label("Ambition:").fill("From coffee brand to coffee community.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Plan started.")

    page.get_by_role("link", name="Add an objective").click()
    page.get_by_label("Objective:").fill("Monthly reach on Instagram to 40,000")
    page.get_by_label("Owner:").fill("Sara El Amrani")
    page.get_by_label("Reach Instagram (Marketing)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("plans-indicator")).to_contain_text("Reach Instagram")
    assert Objective.objects.get().indicators.count() == 1

    page.get_by_test_id("plans-stage-form").get_by_label("Stage:").select_option("agreed")
    page.get_by_role("button", name="Move the plan").click()
    expect(page.get_by_role("status")).to_contain_text("The plan is now: Agreed.")

    nav_link(page, "Department plans").click()
    marketing = page.locator('[data-testid="plans-row"][data-department="marketing"]')
    expect(marketing).to_have_attribute("data-stage", "agreed")
    expect(marketing.locator('[aria-current="step"]')).to_have_text("Agreed")
    expect(headline).to_contain_text("Social media is in 1 of 7")
    expect(page.get_by_role("link", name="Start the HR plan")).to_have_count(0)
