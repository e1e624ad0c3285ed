"""The registry journey: an owner registers a social media account, reads the health
warnings on top of the list, clears two of them by editing the account, and a viewer
sees the account without the controls that change it."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, expect

from socialroadmap.registry.models import SocialAccount
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona

HANDLE = "acme_support"


def row_of(page: Page, text: str) -> Locator:
    """The table row that shows ``text``."""
    return page.get_by_role("row").filter(has_text=text)


def warning(page: Page, text: str) -> Locator:
    """An item of the health check's to-do list."""
    return page.get_by_role("listitem").filter(has_text=text)


def test_owner_registers_an_account_clears_its_warnings_and_a_viewer_only_looks(
    new_context: Callable[[], BrowserContext], owner: Persona, member: Persona
) -> None:
    page = new_context().new_page()
    login(page, owner.user.email)

    # Registry from the top menu: no accounts yet, nothing to fix.
    nav_link(page, "Registry").click()
    expect(page.get_by_role("heading", name="Social media accounts", exact=True)).to_be_visible()
    expect(
        page.get_by_role("heading", name="No accounts registered yet", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("heading", name="thing to fix")).to_have_count(0)

    # Register an account without a backup owner and without two-factor login.
    page.get_by_role("link", name="Register an account").click()
    expect(page.get_by_role("heading", name="Register an account", exact=True)).to_be_visible()
    page.get_by_label("Network:", exact=True).fill("x")
    page.get_by_label("Handle:", exact=True).fill(HANDLE)
    page.get_by_label("Owner:", exact=True).fill("Anna Peeters")
    page.get_by_label("Two-factor login:", exact=True).select_option(label="No")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_contain_text("Account registered.")
    expect(page.get_by_role("heading", name="No accounts registered yet")).to_have_count(0)
    row = row_of(page, f"@{HANDLE}")
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell", name="Anna Peeters", exact=True)).to_be_visible()

    # The warnings on top: no backup owner, no two-factor login (and no known activity).
    expect(page.get_by_role("heading", name="3 things to fix", exact=True)).to_be_visible()
    expect(warning(page, f"@{HANDLE} has no backup owner.")).to_have_count(1)
    expect(warning(page, f"@{HANDLE} does not use two-factor login.")).to_have_count(1)
    expect(page.get_by_text("No backup owner", exact=True)).to_be_visible()
    expect(page.get_by_text("No two-factor login", exact=True)).to_be_visible()
    expect(warning(page, f"@{HANDLE} has no known activity.")).to_have_count(1)

    # Edit it: a backup owner and two-factor login clear both warnings.
    row.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_role("heading", name=f"x: @{HANDLE}", exact=True)).to_be_visible()
    expect(page.get_by_label("Handle:", exact=True)).to_have_value(HANDLE)
    page.get_by_label("Backup owner:", exact=True).fill("Bram Janssens")
    page.get_by_label("Two-factor login:", exact=True).select_option(label="Yes")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_contain_text("Account saved.")
    row = row_of(page, f"@{HANDLE}")
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell", name="Bram Janssens", exact=True)).to_be_visible()
    expect(row.get_by_role("cell", name="Yes", exact=True)).to_be_visible()
    expect(page.get_by_text("has no backup owner")).to_have_count(0)
    expect(page.get_by_text("two-factor login.")).to_have_count(0)
    expect(page.get_by_text("No backup owner", exact=True)).to_have_count(0)
    expect(page.get_by_text("No two-factor login", exact=True)).to_have_count(0)
    # Only the dormant warning is left: the account has no known activity.
    expect(page.get_by_role("heading", name="1 thing to fix", exact=True)).to_be_visible()
    expect(warning(page, f"@{HANDLE} has no known activity.")).to_have_count(1)
    account = SocialAccount.objects.get(organization=owner.organization, handle=HANDLE)
    assert (account.backup_owner, account.two_factor) == ("Bram Janssens", "yes")

    # A viewer sees the account, but nothing that changes the registry.
    viewer = new_context().new_page()
    login(viewer, member.user.email)
    nav_link(viewer, "Registry").click()
    viewer_row = row_of(viewer, f"@{HANDLE}")
    expect(viewer_row).to_have_count(1)
    expect(viewer_row.get_by_role("cell", name="Bram Janssens", exact=True)).to_be_visible()
    for link in ("Register an account", "Import CSV"):
        expect(viewer.get_by_role("link", name=link)).to_have_count(0)
    for link in ("Edit", "Delete"):
        expect(viewer.get_by_role("link", name=link, exact=True)).to_have_count(0)
    expect(viewer.get_by_role("link", name="Export CSV")).to_be_visible()
