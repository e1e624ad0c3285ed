from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.excellence.services import update_team_member
from socialroadmap.feedback import services
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.feedback.tasks import warn_overdue
from socialroadmap.listening.models import Post
from tests.conftest import Persona
from tests.feedback.helpers import matrix


def test_a_complaint_goes_to_the_matrix_handler_with_its_target(
    owner: Persona, django_capture_on_commit_callbacks
) -> None:
    pj, _sara, _rule = matrix(owner)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.create_item(
            owner.organization, kind="complaint", title="Late", actor=owner.user
        )
    assert item.owner == pj
    assert item.acknowledge_within_minutes == 240
    assert item.department == "customer_service"
    assert item.state == "received"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pj@acme.test"]
    entry = AuditEntry.objects.get(kind="feedbackitem", action="create")
    assert entry.changes["title"] == "Late"


def test_without_a_rule_the_item_stays_unassigned(
    owner: Persona, django_capture_on_commit_callbacks
) -> None:
    matrix(owner)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.create_item(
            owner.organization, kind="question", title="Decaf?", actor=owner.user
        )
    assert item.owner is None and item.acknowledge_within_minutes is None
    assert mail.outbox == []


def test_an_inactive_responsible_hands_over_to_the_backup(owner: Persona) -> None:
    pj, sara, _rule = matrix(owner)
    update_team_member(pj, {"is_active": False}, actor=owner.user)
    item = services.create_item(
        owner.organization, kind="complaint", title="Late", actor=owner.user
    )
    assert item.owner == sara


def test_route_again_after_a_new_rule(owner: Persona) -> None:
    pj, _sara, _rule = matrix(owner)
    item = services.create_item(
        owner.organization, kind="idea", title="Subscription", actor=owner.user
    )
    assert item.owner is None
    from socialroadmap.excellence.services import create_escalation_rule

    create_escalation_rule(
        owner.organization,
        kind="product_idea",
        severity="normal",
        responsible=pj,
        respond_within_minutes=60,
        actor=owner.user,
    )
    item = services.route_item(item, actor=owner.user)
    assert item.owner == pj and item.acknowledge_within_minutes == 60


def test_steps_are_timestamped_by_whom(owner: Persona) -> None:
    matrix(owner)
    item = services.create_item(
        owner.organization, kind="complaint", title="Late", actor=owner.user
    )
    item = services.transition_item(item, "acknowledged", actor=owner.user)
    assert item.acknowledged_at is not None and item.acknowledged_by == owner.user
    item = services.transition_item(item, "action_decided", action="New package", actor=owner.user)
    assert item.action == "New package" and item.action_decided_by == owner.user
    item = services.transition_item(item, "done", actor=owner.user)
    assert item.state == "done" and item.done_at is not None
    updates = AuditEntry.objects.filter(kind="feedbackitem", action="update")
    assert updates.count() == 3
    assert updates.order_by("pk").last().changes["state"] == ["action_decided", "done"]


@pytest.mark.parametrize(
    ("state", "fields", "field"),
    [
        ("done", {}, "state"),
        ("action_decided", {}, "state"),
        ("nonsense", {}, "state"),
        ("rejected", {}, "reason"),
    ],
)
def test_invalid_steps_are_refused(owner: Persona, state: str, fields: dict, field: str) -> None:
    item = services.create_item(
        owner.organization, kind="complaint", title="Late", actor=owner.user
    )
    with pytest.raises(ServiceError) as caught:
        services.transition_item(item, state, actor=owner.user, **fields)
    assert caught.value.field == field


def test_deciding_needs_an_action_and_a_closed_item_stays_closed(owner: Persona) -> None:
    item = services.create_item(
        owner.organization, kind="complaint", title="Late", actor=owner.user
    )
    item = services.transition_item(item, "acknowledged", actor=owner.user)
    with pytest.raises(ServiceError, match="which action"):
        services.transition_item(item, "action_decided", actor=owner.user)
    item = services.transition_item(item, "rejected", reason="Not ours", actor=owner.user)
    assert item.rejection_reason == "Not ours"
    with pytest.raises(ServiceError, match="cannot change"):
        services.transition_item(item, "done", actor=owner.user)


def test_a_title_is_required(owner: Persona) -> None:
    with pytest.raises(ServiceError) as caught:
        services.create_item(owner.organization, kind="complaint", title=" ", actor=owner.user)
    assert caught.value.field == "title"


def test_an_item_from_a_post_outlives_the_post(owner: Persona) -> None:
    matrix(owner)
    post = Post.objects.create(
        organization=owner.organization,
        source="x",
        external_id="9",
        text="Mijn koffie kwam weer te laat!",
        author="@an",
        url="https://x.example/9",
        created_at=timezone.now(),
        sentiment="negative",
        sentiment_score=-0.8,
    )
    item = services.create_item_from_post(post, actor=owner.user)
    assert item.kind == "complaint" and item.source == "listening"
    assert item.customer_name == "@an" and item.post_url == "https://x.example/9"
    post.delete()
    item.refresh_from_db()
    assert item.post is None and item.text == "Mijn koffie kwam weer te laat!"


def test_reassign_delete_and_targets_are_audited(owner: Persona) -> None:
    _pj, sara, _rule = matrix(owner)
    item = services.create_item(
        owner.organization, kind="complaint", title="Late", actor=owner.user
    )
    services.assign_item(item, sara, actor=owner.user)
    assert FeedbackItem.objects.get().owner == sara
    target = services.set_target(owner.organization, "complaint", action_days=7, actor=owner.user)
    assert target.action_days == 7 and target.acknowledge_hours is None
    with pytest.raises(ServiceError):
        services.set_target(owner.organization, "complaint", action_days=0, actor=owner.user)
    services.delete_item(item, actor=owner.user)
    assert not FeedbackItem.objects.exists()
    kinds = set(AuditEntry.objects.values_list("kind", "action"))
    assert ("feedbacktarget", "create") in kinds and ("feedbackitem", "delete") in kinds


def test_overdue_items_and_the_warning_once_a_day(owner: Persona) -> None:
    matrix(owner)
    now = timezone.now()
    late = services.create_item(
        owner.organization,
        kind="complaint",
        title="Never acknowledged",
        received_at=now - timedelta(hours=5),
        actor=owner.user,
    )
    services.create_item(owner.organization, kind="complaint", title="Fresh", actor=owner.user)
    stale = services.create_item(
        owner.organization,
        kind="question",
        title="No action",
        received_at=now - timedelta(days=15),
        actor=owner.user,
    )
    services.transition_item(stale, "acknowledged", actor=owner.user)
    found = {item.title: reasons for item, reasons in services.overdue_items(owner.organization)}
    assert found == {"Never acknowledged": ["acknowledge"], "No action": ["action"]}
    mail.outbox.clear()
    assert warn_overdue(owner.organization.pk) == {"acme": 2}
    to = sorted(message.to[0] for message in mail.outbox)
    assert to == ["pj@acme.test", "sara@acme.test"]
    manager_mail = next(m for m in mail.outbox if m.to == ["sara@acme.test"])
    assert "No action" in manager_mail.body and "Never acknowledged" in manager_mail.body
    mail.outbox.clear()
    assert warn_overdue(owner.organization.pk) == {"acme": 0}
    assert mail.outbox == []
    late.refresh_from_db()
    assert late.last_warned_at is not None
    tomorrow = services.send_overdue_warnings(
        owner.organization, now + timedelta(days=1, minutes=1)
    )
    assert tomorrow["items"] == 3  # "Fresh" waits too long by then


def test_a_post_link_must_be_a_web_link_and_received_not_in_the_future(owner: Persona) -> None:
    post = Post.objects.create(
        organization=owner.organization,
        source="x",
        external_id="js",
        text="bad",
        url="javascript:alert(1)",
        sentiment="neutral",
        sentiment_score=0.0,
    )
    item = services.create_item_from_post(post, actor=owner.user)
    assert item.post_url == "" and item.kind == "question"
    with pytest.raises(ServiceError) as caught:
        services.create_item(
            owner.organization,
            kind="idea",
            title="Later",
            received_at=timezone.now() + timedelta(days=1),
            actor=owner.user,
        )
    assert caught.value.field == "received_at"
