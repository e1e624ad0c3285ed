"""Finding your way in the pages: the organisation's navigation."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


def nav_link(page: Page, name: str) -> Locator:
    """A link of the organisation's navigation; the ones in the Projects menu are shown
    first by opening it."""
    nav = page.get_by_role("navigation", name="Organisation")
    link = nav.get_by_role("link", name=name, exact=True)
    menu = nav.get_by_test_id("tools-menu")
    if menu.locator("a", has_text=name).count() and not menu.evaluate("el => el.open"):
        menu.locator("summary").click()
    return link
