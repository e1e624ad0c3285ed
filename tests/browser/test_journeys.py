"""What a person does in the browser: log in and out, switch language and organisation,
be refused another company's data, invite a colleague."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from socialroadmap.accounts.models import User
from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import Invitation, Organization
from socialroadmap.organizations.services import add_member
from tests.conftest import PASSWORD, Persona

# Marked `browser` by tests/browser/conftest.py, like every test in this folder.
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
LOGIN_URL = re.compile(r"/account/login/(\?.*)?$")


def login(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the login form; locators do not depend on the interface language."""
    page.goto("/account/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()


def logout(page: Page) -> None:
    """Log out through the user menu in the header."""
    menu = page.locator("header details.usermenu")
    menu.locator("summary").click()
    menu.locator("form[action$='/account/logout/'] button[type=submit]").click()
    expect(page).to_have_url(LOGIN_URL)


def org_url(organization: Organization, rest: str = "") -> re.Pattern[str]:
    return re.compile(rf"/o/{re.escape(organization.slug)}/{rest}$")


def test_login_lands_on_organisation_home_and_logout_returns_to_login(
    page: Page, owner: Persona
) -> None:
    login(page, owner.user.email)

    expect(page).to_have_url(org_url(owner.organization))
    expect(page.locator("main h1")).to_have_text(owner.organization.name)
    expect(page.get_by_test_id("org-switcher").locator("summary")).to_have_text(
        owner.organization.name
    )
    expect(page.locator("header details.usermenu summary")).to_be_visible()
    expect(page.get_by_test_id("roadmap-empty")).to_be_visible()
    RESULTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS_DIR / "organization-home.png"), full_page=True)

    logout(page)
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("header details.usermenu")).to_have_count(0)
    # The session is really gone: the organisation sends back to the login page.
    page.goto(f"/o/{owner.organization.slug}/")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_text(owner.organization.name)).to_have_count(0)


def test_wrong_password_shows_an_error_and_stays_on_login(page: Page, owner: Persona) -> None:
    login(page, owner.user.email, "not-the-" + PASSWORD)

    expect(page).to_have_url(LOGIN_URL)
    expect(page.locator("main .errorlist")).to_contain_text("password")
    expect(page.locator("#id_username")).to_have_value(owner.user.email)
    expect(page.locator("header details.usermenu")).to_have_count(0)
    expect(page.get_by_text(owner.organization.name)).to_have_count(0)


def test_language_switch_sticks_to_the_person(
    new_context: Callable[[], BrowserContext], owner: Persona
) -> None:
    page = new_context().new_page()
    login(page, owner.user.email)
    expect(page).to_have_url(org_url(owner.organization))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nl = page.locator("header button[name=language][value=nl]")
    en = page.locator("header button[name=language][value=en]")
    expect(en).to_have_attribute("aria-pressed", "true")
    expect(nl).not_to_have_attribute("aria-pressed", "true")
    expect(en).to_have_attribute("title", "English")
    assert User.objects.get(pk=owner.user.pk).language != "nl"

    nl.click()

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(org_url(owner.organization))
    expect(nl).to_have_attribute("aria-pressed", "true")
    expect(en).not_to_have_attribute("aria-pressed", "true")
    # The product's own Dutch catalogue is in use.
    expect(page.locator("nav.mainnav")).to_contain_text("Leden")
    assert User.objects.get(pk=owner.user.pk).language == "nl"

    logout(page)
    # This browser remembers the choice too (language cookie), logged out.
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # Another device: no cookies from the first one; the saved choice still wins.
    other = new_context().new_page()
    other.goto("/account/login/")
    expect(other.locator("html")).to_have_attribute("lang", "en")
    login(other, owner.user.email)
    expect(other).to_have_url(org_url(owner.organization))
    expect(other.locator("html")).to_have_attribute("lang", "nl")
    expect(other.locator("header button[name=language][value=nl]")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_switch_organisation(page: Page, owner: Persona, other_org: Organization) -> None:
    add_member(other_org, owner.user, Role.VIEWER)
    login(page, owner.user.email)
    page.goto(f"/o/{owner.organization.slug}/")
    expect(page.locator("main h1")).to_have_text(owner.organization.name)

    switcher = page.get_by_test_id("org-switcher")
    switcher.locator("summary").click()
    link = switcher.get_by_role("link", name=other_org.name)
    expect(link).to_be_visible()
    link.click()

    expect(page).to_have_url(org_url(other_org))
    expect(page.locator("main h1")).to_have_text(other_org.name)
    expect(switcher.locator("summary")).to_have_text(other_org.name)
    # The organisation worked in last is where the home page opens next time.
    page.goto("/")
    expect(page).to_have_url(org_url(other_org))


def test_outsider_gets_404_and_never_sees_the_organisation(
    page: Page, owner: Persona, outsider: Persona
) -> None:
    login(page, outsider.user.email)
    expect(page).to_have_url(org_url(outsider.organization))

    for path in (f"/o/{owner.organization.slug}/", f"/o/{owner.organization.slug}/members/"):
        response = page.goto(path)
        assert response is not None
        assert response.status == 404, path
        expect(page.locator("h1")).to_contain_text(re.compile("not found", re.IGNORECASE))
        assert owner.organization.name not in page.content(), path
        assert owner.user.email not in page.content(), path


def test_owner_invites_a_new_member(page: Page, owner: Persona) -> None:
    login(page, owner.user.email)
    expect(page).to_have_url(org_url(owner.organization))
    page.goto(f"/o/{owner.organization.slug}/members/")

    form = page.locator("main form:has(#id_email)")
    form.locator("#id_email").fill("newcomer@acme.test")
    form.locator("#id_role").select_option(Role.MANAGER.value)
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(org_url(owner.organization, "members/"))
    expect(page.locator("main .messages .msg.success")).to_contain_text(
        "Invitation sent to newcomer@acme.test"
    )
    invited = page.locator("main tr", has_text="newcomer@acme.test")
    expect(invited).to_have_count(1)
    expect(invited).to_contain_text(str(Role.MANAGER.label))
    invitation = Invitation.objects.get(email="newcomer@acme.test")
    assert invitation.organization == owner.organization
    assert invitation.role == Role.MANAGER
    assert [m.to for m in mail.outbox] == [["newcomer@acme.test"]]
