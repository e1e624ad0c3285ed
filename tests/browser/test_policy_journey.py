"""The policy journey: a conversation manager builds the social media policy by
answering the decisions and submits it, the owner approves it and it is published, an
employee (a viewer on the roster) reads and acknowledges it, and the manager sees the
share of the employee's department go up."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.services import create_employee
from socialroadmap.policy.models import Acknowledgement, PolicyVersion
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona


def hr_share(page: Page) -> str:
    return page.get_by_test_id("policy-share-hr").locator("td.num").inner_text()


def test_a_policy_is_built_approved_published_and_acknowledged(
    new_context: Callable[[], BrowserContext], owner: Persona, manager: Persona, member: Persona
) -> None:
    org = owner.organization
    employee = create_employee(org, full_name="Mia Member", department="HR", actor=None)
    Employee.objects.filter(pk=employee.pk).update(email=member.user.email)
    create_employee(org, full_name="Hanne Jacobs", department="hr ", actor=None)

    # The manager opens the policy from the Projects menu and builds it.
    page = new_context().new_page()
    login(page, manager.user.email)
    nav_link(page, "HR policy").click()
    expect(page.get_by_role("heading", name="No policy published yet")).to_be_visible()
    page.get_by_role("button", name="Build the policy").click()
    expect(page.get_by_role("heading", name="Build the policy", exact=True)).to_be_visible()
    page.get_by_label("For work-related use", exact=True).check()
    page.get_by_label("On what conditions (English)").fill("As long as the work gets done.")
    page.get_by_label("On what conditions (Dutch)").fill("Zolang het werk gedaan wordt.")
    page.get_by_role("group", name="Do the evaluation criteria change?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("For communication, marketing and customer-service roles").check()
    page.get_by_label("Customer data", exact=True).check()
    page.get_by_label("Product plans", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Draft saved.")
    document = page.get_by_test_id("policy-document")
    expect(document).to_contain_text("for their work")
    expect(document).to_contain_text("As long as the work gets done.")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_test_id("policy-status")).to_have_text("In review")
    version = PolicyVersion.objects.get(organization=org)

    # The owner approves; the manager publishes.
    owner_page = new_context().new_page()
    login(owner_page, owner.user.email)
    owner_page.goto(f"/o/acme/policy/versions/{version.pk}/")
    owner_page.get_by_role("button", name="Approve").click()
    expect(owner_page.get_by_test_id("policy-status")).to_have_text("Approved")
    page.reload()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("policy-status")).to_have_text("Published")
    page.goto("/o/acme/policy/acknowledgements/")
    expect(page.get_by_test_id("policy-share-hr")).to_be_visible()
    assert hr_share(page) == "0/2"

    # The employee reads it (also in Dutch) and acknowledges it.
    reader = new_context().new_page()
    login(reader, member.user.email)
    nav_link(reader, "HR policy").click()
    expect(reader.get_by_test_id("policy-document")).to_contain_text("for their work")
    reader.get_by_role("link", name="Nederlands").click()
    expect(reader.get_by_test_id("policy-document")).to_contain_text("voor hun werk")
    reader.get_by_role("button", name="I have read and accept this policy").click()
    expect(reader.get_by_role("status")).to_contain_text("your acknowledgement is recorded")
    expect(reader.get_by_text("You acknowledged this version on")).to_be_visible()
    assert Acknowledgement.objects.get().employee_id == employee.pk

    # The manager sees the department's share go up.
    page.reload()
    assert hr_share(page) == "1/2"
    expect(page.get_by_test_id("policy-acknowledgements")).to_contain_text("Mia Member")
