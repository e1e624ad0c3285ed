"""The leverage journey: a conversation manager registers one communication and reads
that there are too few to tell; imports a CSV file of a dozen more and reads the lift
with its interval, drawn beside the 10-15% the original research reports; a viewer
sees the same without the controls that change it."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, expect

from socialroadmap.leverage.models import Communication
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona


def csv_of_communications() -> bytes:
    """Six linked and six unlinked newsletters; the linked ones reach about 12% more."""
    lines = ["name;channel;starts_on;linked;links;reach;cost"]
    for i in range(6):
        reach = 1000 + (i % 3) * 20
        lines.append(f"Plain {i};newsletter;2026-0{1 + i % 6}-10;no;;{reach};100")
        lines.append(
            f"Linked {i};newsletter;2026-0{1 + i % 6}-17;yes;hashtag|share buttons;"
            f"{round(reach * 1.12)};100"
        )
    return ("\n".join(lines) + "\n").encode()


def test_manager_measures_the_lift_and_a_viewer_reads_it(
    new_context: Callable[[], BrowserContext], manager: Persona, member: Persona
) -> None:
    page = new_context().new_page()
    login(page, manager.user.email)

    nav_link(page, "Leverage").click()
    expect(page.get_by_test_id("leverage-empty")).to_be_visible()

    # One communication by hand: too few to tell.
    page.get_by_role("link", name="Register the first communication").click()
    page.get_by_label("Name:", exact=True).fill("Radio spot")
    page.get_by_label("Channel:", exact=True).select_option("tv_radio")
    page.get_by_label("Start date:", exact=True).fill("2026-02-01")
    page.get_by_label("Linked to the social platforms:", exact=True).check()
    page.get_by_label("Hashtag", exact=True).check()
    page.get_by_label("Reach:", exact=True).fill("4000")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Communication registered.")
    sentence = page.get_by_test_id("leverage-sentence")
    expect(sentence).to_contain_text("Too few communications to tell: add at least 5 of each")
    expect(page.get_by_test_id("leverage-interval")).to_have_count(0)

    # A CSV file of twelve more: now the lift shows, with its interval.
    page.get_by_role("link", name="Import CSV").click()
    page.get_by_label("CSV file:").set_input_files(
        files=[{"name": "comms.csv", "mimeType": "text/csv", "buffer": csv_of_communications()}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_test_id("leverage-import-result")).to_contain_text("12 registered")
    assert Communication.objects.filter(organization=manager.organization).count() == 13

    nav_link(page, "Leverage").click()
    expect(page.get_by_test_id("leverage-sentence")).to_contain_text(
        "Linked communications reached"
    )
    expect(page.get_by_test_id("leverage-sentence")).to_contain_text("95% interval")
    expect(page.get_by_test_id("leverage-chart")).to_be_visible()
    expect(page.get_by_test_id("leverage-interval")).to_have_count(1)
    expect(page.get_by_test_id("leverage-band-label")).to_contain_text(
        "reported in the original research (not independently measured)"
    )
    expect(page.get_by_test_id("leverage-row")).to_have_count(13)

    # Another outcome from the selector: visits were not recorded, so too few.
    page.get_by_label("Outcome:").select_option("visits")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("leverage-sentence")).to_contain_text("Too few communications")

    # A viewer reads the same page without the buttons that change it.
    viewer = new_context().new_page()
    login(viewer, member.user.email)
    nav_link(viewer, "Leverage").click()
    expect(viewer.get_by_test_id("leverage-sentence")).to_contain_text(
        "Linked communications reached"
    )
    expect(viewer.get_by_role("link", name="Register a communication")).to_have_count(0)
    expect(viewer.get_by_role("link", name="Edit")).to_have_count(0)
