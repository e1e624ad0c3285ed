"""The pilot portfolio journey: a conversation manager scores three candidate pilots
(one meets all three criteria, one misses immediate return, one misses learning), sees
the recommendation choose exactly the one and the chart place it in the shaded region
with an outline, then lowers the return threshold and sees the recommendation change."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, expect

from socialroadmap.pilots.models import Pilot
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona

# name: (fit, return, learning, feasibility)
PILOTS = {
    "Webcare on WhatsApp": ("5", "5", "4", "4"),
    "LinkedIn employer branding": ("4", "3", "5", "3"),
    "Latte art on TikTok": ("4", "5", "2", "5"),
}


def bubble(page: Page, name: str) -> Locator:
    """The chart's bubble of the pilot ``name`` (a link with the scores as its title)."""
    return page.get_by_test_id("pilot-bubble").filter(
        has=page.locator("title", has_text=f"{name}: fit")
    )


def propose(page: Page, name: str, scores: tuple[str, str, str, str]) -> None:
    fit, ret, learning, feasibility = scores
    page.get_by_label("Name:", exact=True).fill(name)
    page.get_by_label("Department:", exact=True).select_option(label="Marketing")
    page.get_by_label("Fits the organisation (1 to 5):", exact=True).select_option(fit)
    page.get_by_label("Why it fits:", exact=True).fill("It shows our craft.")
    page.get_by_label("Immediate return (1 to 5):", exact=True).select_option(ret)
    page.get_by_label("Raises the learning curve (1 to 5):", exact=True).select_option(learning)
    page.get_by_label("Feasibility (1 to 5):", exact=True).select_option(feasibility)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Pilot proposed.")
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def test_manager_scores_three_pilots_and_the_recommendation_follows_the_thresholds(
    new_context: Callable[[], BrowserContext], manager: Persona
) -> None:
    page = new_context().new_page()
    login(page, manager.user.email)

    # The portfolio from the Projects menu: empty, explaining the three criteria.
    nav_link(page, "Pilot portfolio").click()
    expect(page.get_by_role("heading", name="Pilot portfolio", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="No pilot projects yet")).to_be_visible()
    expect(
        page.get_by_text("it fits the organisation, it gives an immediate return")
    ).to_be_visible()

    # Three candidates, each proposed from the portfolio.
    page.get_by_role("link", name="Propose the first candidate").click()
    for number, (name, scores) in enumerate(PILOTS.items()):
        if number:
            nav_link(page, "Pilot portfolio").click()
            page.get_by_role("link", name="Propose a pilot").click()
        expect(page.get_by_role("heading", name="Propose a pilot", exact=True)).to_be_visible()
        propose(page, name, scores)
    assert Pilot.objects.filter(organization=manager.organization).count() == 3

    # The recommendation chooses exactly the one that meets all three criteria.
    nav_link(page, "Pilot portfolio").click()
    chosen = page.get_by_test_id("pilot-selected").get_by_role("listitem")
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("Webcare on WhatsApp")
    rejected = page.get_by_test_id("pilot-rejected")
    expect(
        rejected.get_by_role("listitem").filter(has_text="LinkedIn employer branding")
    ).to_contain_text("Immediate return 3 < 4")
    expect(rejected.get_by_role("listitem").filter(has_text="Latte art on TikTok")).to_contain_text(
        "Raises the learning curve 2 < 4"
    )

    # The chart: three bubbles; the chosen one in the shaded region and outlined, the
    # one without return outside it, the one without learning inside but not outlined.
    expect(page.get_by_test_id("pilot-bubble")).to_have_count(3)
    expect(page.get_by_test_id("pilot-region-label")).to_have_text("Fit ≥ 4 and return ≥ 4")
    webcare = bubble(page, "Webcare on WhatsApp")
    expect(webcare).to_have_attribute("data-in-region", "yes")
    expect(webcare.locator("circle")).to_have_attribute("data-outlined", "yes")
    expect(bubble(page, "LinkedIn employer branding")).to_have_attribute("data-in-region", "no")
    tiktok = bubble(page, "Latte art on TikTok")
    expect(tiktok).to_have_attribute("data-in-region", "yes")
    expect(tiktok.locator("circle[data-outlined]")).to_have_count(0)
    # The same data as a table under the chart.
    table = page.get_by_test_id("pilot-table")
    expect(table.get_by_role("row")).to_have_count(4)

    # Lower the return threshold to 3: employer branding is chosen too, after webcare.
    thresholds = page.get_by_test_id("pilot-thresholds")
    thresholds.get_by_label("Return at least:", exact=True).select_option("3")
    thresholds.get_by_role("button", name="Save thresholds").click()
    expect(page.get_by_role("status")).to_contain_text("Thresholds saved.")
    expect(chosen).to_have_count(2)
    expect(chosen.nth(0)).to_contain_text("Webcare on WhatsApp")
    expect(chosen.nth(1)).to_contain_text("LinkedIn employer branding")
    expect(page.get_by_test_id("pilot-region-label")).to_have_text("Fit ≥ 4 and return ≥ 3")
    expect(bubble(page, "LinkedIn employer branding")).to_have_attribute("data-in-region", "yes")

    # A bubble is a link to its pilot.
    webcare.click()
    expect(page.get_by_role("heading", name="Webcare on WhatsApp", exact=True)).to_be_visible()
    expect(page.get_by_test_id("pilot-meets")).to_contain_text("Meets all three criteria")
