"""Take an assessment, see the stage, work the board, re-assess, see two points of history."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from socialroadmap.engine.model import load_model
from socialroadmap.roadmap.models import ActionPoint, Assessment
from tests.browser.test_journeys import login
from tests.conftest import Persona


def answer_stage_one_fully(page: Page) -> None:
    """Choose the best option for every question of stage 1's projects."""
    model = load_model()
    for question in model.questions:
        if model.project(question.project).stage == 1:
            best = question.options[-1].value
            page.locator(f'input[name="q_{question.id}"][value="{best}"]').check()


def test_assessment_board_and_history(page: Page, owner: Persona) -> None:
    login(page, owner.user.email)
    page.goto("/o/acme/assessment/")
    answer_stage_one_fully(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".msg.success")).to_contain_text("Draft saved")
    # The draft kept the answers; submit it.
    page.get_by_role("button", name="Submit and see the result").click()
    expect(page.locator("h1")).to_contain_text("Stage 2: First structure and pilot projects")
    expect(page.get_by_test_id("downloads")).to_be_visible()

    page.get_by_role("link", name="Open the roadmap board").click()
    card = page.locator('article.roadmap-card[data-project="5"]')
    first_point = card.locator("li.point").first
    first_point.get_by_role("checkbox").click()
    expect(card.locator("li.point.done")).to_have_count(1)
    assert ActionPoint.objects.filter(item__project=5, done=True).count() == 1

    page.goto("/o/acme/assessment/")
    page.get_by_role("button", name="Submit and see the result").click()
    expect(page.locator("h1")).to_contain_text("Stage 2")
    page.goto("/o/acme/history/")
    expect(page.get_by_test_id("history-point")).to_have_count(2)
    assert Assessment.objects.filter(status="submitted").count() == 2
