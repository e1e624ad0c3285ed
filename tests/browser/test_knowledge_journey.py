"""The knowledge journey: a conversation manager adds a compulsory level-1 module for
sales, records that two people completed it and reads the coverage per department;
a viewer who is on the roster finds the module among their own, takes its quiz, passes,
and completes the department's coverage."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, expect

from socialroadmap.internalscan.services import create_employee
from socialroadmap.knowledge.models import Completion
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona

TITLE = "Social media basics"


def row_of(page: Page, text: str) -> Locator:
    """The table row that shows ``text``."""
    return page.get_by_role("row").filter(has_text=text)


def test_manager_sets_up_a_module_and_a_viewer_passes_its_quiz(
    new_context: Callable[[], BrowserContext], manager: Persona, member: Persona
) -> None:
    organization = manager.organization
    for name, department, email in (
        ("Ann Peeters", "Sales", ""),
        ("Bart Maes", "sales", ""),
        ("Mo Member", "Sales", member.user.email),
        ("Cis Wuyts", "IT", ""),
    ):
        create_employee(
            organization, full_name=name, department=department, email=email, actor=None
        )
    page = new_context().new_page()
    login(page, manager.user.email)

    # The programme from the Projects menu: empty, with what to do next.
    nav_link(page, "Knowledge programme").click()
    expect(page.get_by_role("heading", name="No training modules yet")).to_be_visible()

    # A compulsory level-1 module for sales.
    page.get_by_role("link", name="Add a module").click()
    page.get_by_label("Title:", exact=True).fill(TITLE)
    page.get_by_label("Level:", exact=True).select_option(label="Level 1: basics")
    page.get_by_label("Compulsory:", exact=True).check()
    page.get_by_label("Sales", exact=True).check()
    page.get_by_label("Due within (days):", exact=True).fill("30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Module saved.")
    expect(page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()

    # Two people completed it in a session.
    page.get_by_role("link", name="Record completions").click()
    page.get_by_label("Ann Peeters (Sales)").check()
    page.get_by_label("Bart Maes (sales)").check()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text("2 completion(s) recorded.")
    completed = page.get_by_test_id("knowledge-completions")
    expect(row_of(page, "Ann Peeters")).to_have_count(1)
    expect(completed.get_by_role("row")).to_have_count(3)
    expect(page.get_by_test_id("knowledge-to-do")).to_contain_text("Mo Member")

    # A quiz question, so people can prove what they learnt.
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question:", exact=True).fill("Who may answer a customer online?")
    page.get_by_label("Options:", exact=True).fill("Nobody\nAnyone trained in the basics")
    page.get_by_label("Right answer:", exact=True).fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Question added.")

    # The coverage per department: two of the three sales people.
    page.get_by_role("link", name="Knowledge programme").first.click()
    coverage = page.get_by_test_id("knowledge-coverage")
    expect(row_of(page, "Sales").filter(has_text="67%")).to_have_count(1)
    expect(coverage.get_by_role("row").filter(has_text="IT")).to_contain_text("—")

    # The viewer on the roster takes the quiz and passes.
    viewer = new_context().new_page()
    login(viewer, member.user.email)
    nav_link(viewer, "Knowledge programme").click()
    mine = viewer.get_by_test_id("knowledge-mine")
    expect(mine).to_contain_text("due")
    mine.get_by_role("link", name=TITLE).click()
    expect(viewer.get_by_role("link", name="Record completions")).to_have_count(0)
    viewer.get_by_role("link", name="Take the quiz").click()
    expect(viewer.get_by_text("You take this quiz as Mo Member")).to_be_visible()
    viewer.get_by_label("Anyone trained in the basics").check()
    viewer.get_by_role("button", name="Hand in").click()
    expect(viewer.get_by_role("heading", name="Your score: 100%")).to_be_visible()
    expect(viewer.get_by_text("Passed: your completion is recorded.")).to_be_visible()
    assert Completion.objects.get(employee__full_name="Mo Member").source == "quiz"

    nav_link(viewer, "Knowledge programme").click()
    expect(row_of(viewer, "Sales").filter(has_text="100%")).to_have_count(1)
    expect(viewer.get_by_test_id("knowledge-mine")).to_contain_text("Completed")
