"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

The browser is never downloaded (no `playwright install`): tests use /usr/bin/chromium,
or the path in SOCIALROADMAP_CHROMIUM. One browser for the session, a fresh context
(cookies, storage) for every test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop running in the test thread; Django's ORM
# would refuse every query made from there (fixtures, assertions on the database).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

CHROMIUM = os.environ.get("SOCIALROADMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(or set SOCIALROADMAP_CHROMIUM); the tests never download a browser"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(autouse=True)
def _live_server_first(live_server: object) -> None:
    """Every browser test runs against the live server, on a transactional database.

    Requesting ``live_server`` here makes the personas' ``db`` fixture transactional, so
    the server thread sees the rows the test creates.
    """


@pytest.fixture
def new_context(browser: Browser, live_server: object) -> Iterator[Callable[[], BrowserContext]]:
    """Open fresh browser contexts (a new 'device': no cookies); all closed after the test."""
    contexts: list[BrowserContext] = []

    def factory() -> BrowserContext:
        context = browser.new_context(
            base_url=str(live_server.url),  # type: ignore[attr-defined]
            locale="en-GB",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[[], BrowserContext]) -> Page:
    return new_context().new_page()
