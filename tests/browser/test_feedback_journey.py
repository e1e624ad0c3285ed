"""The feedback journey: a negative post about late coffee is routed as feedback; the
escalation matrix hands it to the complaint handler; it is acknowledged, the action is
decided and it is closed; the figures page then shows its time to action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from socialroadmap.excellence.services import add_team_member, create_escalation_rule
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.listening.models import Post
from tests.browser.navigation import nav_link
from tests.browser.test_journeys import login
from tests.conftest import Persona

TEXT = "Al drie dagen wacht ik op mijn bonen, dit is de tweede keer!"


def test_a_complaint_from_a_post_is_routed_closed_and_measured(
    new_context: Callable[[], BrowserContext], owner: Persona
) -> None:
    org = owner.organization
    handler = add_team_member(
        org,
        name="Pieter-Jan Wuyts",
        email="pj@acme.test",
        role="coe_member",
        department="customer_service",
        actor=owner.user,
    )
    create_escalation_rule(
        org,
        kind="complaint",
        severity="normal",
        responsible=handler,
        respond_within_minutes=240,
        actor=owner.user,
    )
    Post.objects.create(
        organization=org,
        source="x",
        external_id="late-1",
        text=TEXT,
        author="@griet",
        created_at=timezone.now() - timedelta(days=3),
        sentiment="negative",
        sentiment_score=-0.8,
    )
    page = new_context().new_page()
    login(page, owner.user.email)

    # The post in listening, routed as feedback: a complaint, prefilled.
    page.goto("/o/acme/listening/posts/")
    post = page.get_by_test_id("post").filter(has_text="Al drie dagen")
    post.get_by_role("link", name="Route as feedback").click()
    expect(page.get_by_role("heading", name="Route a post as feedback")).to_be_visible()
    expect(page.get_by_label("Kind:", exact=True)).to_have_value("complaint")
    page.get_by_label("Title:", exact=True).fill("Beans three days late")
    page.get_by_role("button", name="Save").click()

    # The matrix chose the owner.
    expect(page.get_by_role("status")).to_contain_text("Feedback registered.")
    expect(page.get_by_role("heading", name="Beans three days late")).to_be_visible()
    expect(page.get_by_test_id("feedback-owner")).to_have_text("Pieter-Jan Wuyts")
    expect(page.get_by_test_id("feedback-state")).to_have_text("Received")

    # Acknowledge, decide the action, close.
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_test_id("feedback-state")).to_have_text("Acknowledged")
    page.get_by_label("Action", exact=True).fill("Sent a new bag and talked to the courier.")
    page.get_by_role("button", name="Decide the action").click()
    expect(page.get_by_test_id("feedback-state")).to_have_text("Action decided")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_test_id("feedback-state")).to_have_text("Done")
    expect(page.get_by_test_id("feedback-timeline")).to_contain_text("Sent a new bag")
    expect(page.get_by_test_id("feedback-days-to-action")).to_contain_text("3.0 days")
    item = FeedbackItem.objects.get()
    assert item.owner == handler and item.done_at is not None

    # The figures: this month's median time to action is the three days.
    nav_link(page, "Feedback loop").click()
    expect(page.get_by_role("heading", name="Feedback loop", exact=True)).to_be_visible()
    page.get_by_test_id("feedback-nav").get_by_role("link", name="Figures").click()
    expect(page.get_by_test_id("feedback-chart")).to_be_visible()
    expect(page.get_by_test_id("feedback-target-line")).to_have_count(1)
    month = timezone.localtime(item.received_at).strftime("%b %Y")
    row = page.get_by_test_id("feedback-months").get_by_role("row").filter(has_text=month)
    expect(row).to_contain_text("3.0")
