from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from socialroadmap.feedback import services
from socialroadmap.feedback.models import FeedbackItem, FeedbackTarget
from socialroadmap.listening.models import Post
from socialroadmap.organizations.choices import Role
from tests.conftest import Persona, make_persona
from tests.feedback.helpers import matrix


@pytest.fixture
def contributor(owner: Persona) -> Persona:
    return make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR)


def url(name: str, *args: object) -> str:
    return reverse(f"feedback:{name}", args=("acme", *args))


def negative_post(owner: Persona) -> Post:
    return Post.objects.create(
        organization=owner.organization,
        source="x",
        external_id="42",
        text="Al twee weken wacht ik op mijn bonen",
        author="@griet",
        created_at=timezone.now(),
        sentiment="negative",
        sentiment_score=-0.7,
    )


def test_the_inbox_says_what_to_do_when_empty(member: Persona) -> None:
    page = member.client().get(url("inbox"))
    assert page.status_code == 200
    assert b"No feedback registered yet" in page.content
    assert b"Register feedback" not in page.content.replace(b"No feedback registered", b"")


def test_inbox_flags_overdue_and_missing_rules(owner: Persona, member: Persona) -> None:
    matrix(owner)
    services.create_item(
        owner.organization,
        kind="complaint",
        title="Late beans",
        received_at=timezone.now() - timedelta(hours=6),
        actor=owner.user,
    )
    services.create_item(owner.organization, kind="idea", title="Subscription", actor=owner.user)
    page = member.client().get(url("inbox"))
    text = page.content.decode()
    assert "Late beans" in text and "Not acknowledged in time" in text
    assert "no rule for this kind: add one in the centre of excellence" in text
    filtered = member.client().get(url("inbox"), {"overdue": "on"}).content.decode()
    assert "Late beans" in filtered and "Subscription" not in filtered
    by_kind = member.client().get(url("inbox"), {"kind": "idea", "owner": "none"}).content.decode()
    assert "Subscription" in by_kind and "Late beans" not in by_kind


def test_a_contributor_routes_a_post_and_moves_it_to_done(
    owner: Persona, contributor: Persona
) -> None:
    pj, _sara, _rule = matrix(owner)
    post = negative_post(owner)
    client = contributor.client()
    form = client.get(url("from_post", post.pk))
    assert form.status_code == 200 and b'value="complaint" selected' in form.content
    created = client.post(
        url("from_post", post.pk),
        {"kind": "complaint", "severity": "normal", "title": "Beans late", "text": post.text},
    )
    item = FeedbackItem.objects.get()
    assert created.status_code == 302 and item.owner == pj and item.post == post
    for state, extra in (
        ("acknowledged", {}),
        ("action_decided", {"action": "Resend"}),
        ("done", {}),
    ):
        answer = client.post(url("item_transition", item.pk), {"state": state, **extra})
        assert answer.status_code == 302
    item.refresh_from_db()
    assert item.state == "done" and item.done_by == contributor.user
    detail = client.get(url("item", item.pk)).content.decode()
    assert "Time to action" in detail and "Resend" in detail


def test_a_bad_step_is_explained(owner: Persona) -> None:
    item = services.create_item(owner.organization, kind="complaint", title="X", actor=owner.user)
    client = owner.client()
    answer = client.post(url("item_transition", item.pk), {"state": "done"}, follow=True)
    assert b"can only become" in answer.content
    item.refresh_from_db()
    assert item.state == "received"


def test_roles(owner: Persona, member: Persona, contributor: Persona, manager: Persona) -> None:
    _pj, sara, _rule = matrix(owner)
    item = services.create_item(owner.organization, kind="complaint", title="X", actor=owner.user)
    assert (
        member.client().post(url("item_transition", item.pk), {"state": "acknowledged"}).status_code
        == 403
    )
    assert member.client().get(url("item_add")).status_code == 403
    assert (
        contributor.client().post(url("item_assign", item.pk), {"owner": sara.pk}).status_code
        == 403
    )
    assert contributor.client().post(url("item_delete", item.pk)).status_code == 403
    assert contributor.client().post(url("targets"), {}).status_code == 403
    assert manager.client().post(url("item_assign", item.pk), {"owner": sara.pk}).status_code == 302
    assert FeedbackItem.objects.get().owner == sara
    assert manager.client().get(url("item_delete", item.pk)).status_code == 200
    assert manager.client().post(url("item_delete", item.pk)).status_code == 302
    assert not FeedbackItem.objects.exists()


def test_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    item = services.create_item(owner.organization, kind="complaint", title="X", actor=owner.user)
    client = outsider.client()
    for path in (url("inbox"), url("item", item.pk), url("figures"), url("export", "csv")):
        assert client.get(path).status_code == 404


def test_create_by_hand_shows_errors_at_the_field(contributor: Persona) -> None:
    client = contributor.client()
    answer = client.post(
        url("item_add"), {"kind": "question", "severity": "normal", "title": "", "source": "phone"}
    )
    assert answer.status_code == 200 and not FeedbackItem.objects.exists()
    answer = client.post(
        url("item_add"),
        {"kind": "question", "severity": "normal", "title": "Decaf?", "source": "phone"},
    )
    assert answer.status_code == 302
    assert FeedbackItem.objects.get().owner is None


def test_targets_page(manager: Persona, member: Persona) -> None:
    assert member.client().get(url("targets")).status_code == 200
    answer = manager.client().post(url("targets"), {"complaint_action_days": "7"})
    assert answer.status_code == 302
    assert FeedbackTarget.objects.get(kind="complaint").action_days == 7
    bad = manager.client().post(url("targets"), {"complaint_action_days": "0"})
    assert bad.status_code == 200


def test_figures_page_and_exports(owner: Persona, member: Persona) -> None:
    matrix(owner)
    item = services.create_item(
        owner.organization,
        kind="complaint",
        title="=cmd",
        received_at=timezone.now() - timedelta(days=3),
        actor=owner.user,
    )
    services.transition_item(item, "acknowledged", actor=owner.user)
    services.transition_item(item, "action_decided", action="Resend", actor=owner.user)
    services.transition_item(item, "done", actor=owner.user)
    page = member.client().get(url("figures"))
    assert page.status_code == 200 and b"feedback-chart" in page.content
    assert b"3.0" in page.content
    csv = member.client().get(url("export", "csv"))
    body = b"".join(csv.streaming_content) if csv.streaming else csv.content
    text = body.decode("utf-8-sig")
    assert "days_to_action" in text and "'=cmd" in text and ",3.0" in text
    xlsx = member.client().get(url("export", "xlsx"))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    assert member.client().get(url("export", "pdf")).status_code == 404


def test_the_listening_posts_offer_routing_to_contributors(owner: Persona, member: Persona) -> None:
    post = negative_post(owner)
    link = url("from_post", post.pk).encode()
    posts = reverse("listening:posts", args=("acme",))
    assert link in owner.client().get(posts).content
    assert link not in member.client().get(posts).content
