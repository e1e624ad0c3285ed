"""The sounding board journey: a conversation manager puts two customers on the panel
with their consent, opens a question with a vote, one customer votes through their
personal link without logging in, and the manager closes the question, records the
decision and finds it on "What our customers changed"."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from socialroadmap.panel.models import PanelAnswer
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona


def add_member(page: Page, name: str, email: str) -> None:
    page.get_by_role("link", name="Add a panel member").first.click()
    expect(page.get_by_role("heading", name="Add a panel member", exact=True)).to_be_visible()
    page.get_by_label("Name:", exact=True).fill(name)
    page.get_by_label("E-mail address:", exact=True).fill(email)
    page.get_by_label("Segment:", exact=True).fill("horeca")
    page.get_by_label("Consent given:", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Member saved.")


def test_a_manager_asks_the_panel_a_customer_votes_and_the_decision_is_shown(
    new_context: Callable[[], BrowserContext], manager: Persona
) -> None:
    page = new_context().new_page()
    login(page, manager.user.email)

    # The board from the Projects menu: empty, with what to do.
    nav_link(page, "Customer sounding board").click()
    expect(page.get_by_role("heading", name="Customer sounding board", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="No panel members yet", exact=True)).to_be_visible()

    # Two customers, with consent.
    add_member(page, "Lotte Peeters", "lotte@example.be")
    add_member(page, "Wim Claes", "wim@example.be")
    rows = page.get_by_role("row").filter(has_text="Active")
    expect(rows).to_have_count(2)

    # A question with a vote, opened to the panel.
    page.get_by_test_id("panel-nav").get_by_role("link", name="Questions").click()
    page.get_by_role("link", name="Put a question to the panel").click()
    page.get_by_label("Title:", exact=True).fill("Which origin for the winter blend?")
    page.get_by_label("Options to vote on:", exact=True).fill("Ethiopia Sidamo\nColombia Huila")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Question drafted.")
    page.get_by_role("button", name="Open to the panel").click()
    expect(page.get_by_test_id("panel-question-status")).to_have_text("Open")

    # Lotte's personal link.
    page.get_by_test_id("panel-nav").get_by_role("link", name="Members").click()
    lotte = page.get_by_role("row").filter(has_text="Lotte Peeters")
    lotte.get_by_role("link", name="Personal link").click()
    link = page.get_by_test_id("panel-personal-link").input_value()
    assert "/panel/answer/" in link

    # Lotte votes without logging in.
    customer = new_context().new_page()
    customer.goto(link)
    expect(
        customer.get_by_role("heading", name="Which origin for the winter blend?")
    ).to_be_visible()
    customer.get_by_label("Ethiopia Sidamo").check()
    customer.get_by_label("Answer:").fill("Fruity, our guests love it.")
    customer.get_by_role("button", name="Send my answer").click()
    expect(customer.get_by_role("status")).to_contain_text("Thank you: your answer is saved.")
    expect(customer.get_by_text("You have answered")).to_be_visible()
    assert PanelAnswer.objects.get().source == "member"

    # The manager sees the vote, closes the question and records the decision.
    page.get_by_test_id("panel-nav").get_by_role("link", name="Questions").click()
    page.get_by_role("link", name="Which origin for the winter blend?").click()
    expect(page.get_by_text("Fruity, our guests love it.")).to_be_visible()
    results = page.get_by_test_id("panel-results")
    expect(results.get_by_role("row").filter(has_text="Ethiopia Sidamo")).to_contain_text("100%")
    page.get_by_role("button", name="Close", exact=True).click()
    expect(page.get_by_test_id("panel-question-status")).to_have_text("Closed")
    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Decision:", exact=True).fill("Winter blend: Ethiopia Sidamo")
    page.get_by_label("What changed:", exact=True).fill("Winter blend in the webshop")
    page.get_by_role("button", name="Save decision").click()

    # What our customers changed.
    expect(page.get_by_role("status")).to_contain_text("Decision recorded.")
    expect(
        page.get_by_role("heading", name="What our customers changed", exact=True)
    ).to_be_visible()
    changed = page.get_by_test_id("panel-changed")
    expect(changed.get_by_role("heading", name="Winter blend: Ethiopia Sidamo")).to_be_visible()
    expect(changed).to_contain_text("Ethiopia Sidamo: 1 of 1 votes")
    expect(changed).to_contain_text("Winter blend in the webshop")
