"""Two-factor login journey: a person turns it on from their profile with the secret the
page shows, logs out, and logs in again with their password and a code from the app."""

from __future__ import annotations

import time
from base64 import b32decode
from collections.abc import Callable

from django_otp.oath import TOTP
from playwright.sync_api import BrowserContext, expect

from tests.browser.test_journeys import login, logout
from tests.conftest import Persona


def app_code(secret: str, steps: int = 0) -> str:
    """What an authenticator app shows for ``secret``, ``steps`` periods from now."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time() + steps * 30
    return f"{totp.token():06d}"


def test_a_member_turns_on_two_factor_and_logs_in_with_a_code(
    new_context: Callable[[], BrowserContext], member: Persona
) -> None:
    page = new_context().new_page()
    login(page, member.user.email)
    expect(page.get_by_role("heading", name="Acme Benelux")).to_be_visible()

    page.goto("/account/profile/")
    page.get_by_role("link", name="Set up two-factor authentication").click()
    expect(page.get_by_test_id("totp-qr").locator("svg")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Code:", exact=True).fill(app_code(secret, -1))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("status")).to_contain_text("Two-factor authentication is on.")
    expect(page.get_by_test_id("recovery-codes")).to_be_visible()

    logout(page)
    login(page, member.user.email)
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    page.get_by_label("Code:", exact=True).fill(app_code(secret))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Acme Benelux")).to_be_visible()
