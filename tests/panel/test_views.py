"""The panel's pages per persona: members read, managers change, outsiders get 404."""

from __future__ import annotations

import pytest

from socialroadmap.listening.models import Post
from socialroadmap.panel import services
from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion
from tests.conftest import Persona
from tests.panel.helpers import member as add_member
from tests.panel.helpers import open_question

BASE = "/o/acme/panel"


def test_the_empty_board_says_what_to_do(owner: Persona, member: Persona) -> None:
    page = owner.client().get(f"{BASE}/")
    assert page.status_code == 200
    assert b"No panel members yet" in page.content
    assert b"Add a panel member" in page.content
    viewer_page = member.client().get(f"{BASE}/")
    assert b"A conversation manager of your organisation can build the panel." in (
        viewer_page.content
    )
    for path in ("members/", "questions/", "changed/", "candidates/"):
        assert member.client().get(f"{BASE}/{path}").status_code == 200


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    person = add_member(owner.organization)
    question = open_question(owner.organization)
    for path in (
        "",
        "members/",
        f"members/{person.pk}/",
        f"members/{person.pk}/erase/",
        f"questions/{question.pk}/",
        "changed/",
    ):
        assert outsider.client().get(f"{BASE}/{path}").status_code == 404


def test_a_manager_adds_a_member_with_consent(manager: Persona) -> None:
    client = manager.client()
    response = client.post(
        f"{BASE}/members/add/",
        {"name": "An Peeters", "email": "an@example.be", "segment": "horeca", "consent": "on"},
    )
    assert response.status_code == 302
    person = PanelMember.objects.get()
    assert person.is_active and person.consent_by == manager.user.email

    refused = client.post(f"{BASE}/members/add/", {"name": "An", "email": "an@example.be"})
    assert refused.status_code == 200
    assert b"already on the panel" in refused.content

    bad_handle = client.post(
        f"{BASE}/members/{person.pk}/", {"name": "An Peeters", "handle": "http://x.com/an"}
    )
    assert b"write the handle, not a link" in bad_handle.content


def test_consent_is_withdrawn_and_recorded_with_a_button(manager: Persona) -> None:
    person = add_member(manager.organization)
    client = manager.client()
    client.post(f"{BASE}/members/{person.pk}/consent/", {"consent": "no"})
    person.refresh_from_db()
    assert not person.is_active
    assert b"No personal link" not in client.get(f"{BASE}/members/{person.pk}/link/").content
    assert b"record their consent first" in client.get(f"{BASE}/members/{person.pk}/link/").content
    client.post(f"{BASE}/members/{person.pk}/consent/", {"consent": "yes"})
    person.refresh_from_db()
    assert person.is_active
    link = client.get(f"{BASE}/members/{person.pk}/link/")
    assert b"/panel/answer/" in link.content


def test_erasure_lists_what_goes_then_erases(manager: Persona) -> None:
    person = add_member(manager.organization)
    question = open_question(manager.organization)
    services.answer_question(question, person, choice=0, actor=None)
    client = manager.client()
    page = client.get(f"{BASE}/members/{person.pk}/erase/")
    assert b"1 panel answers" in page.content
    client.post(f"{BASE}/members/{person.pk}/erase/")
    assert not PanelMember.objects.exists()
    assert not PanelAnswer.objects.exists()


def test_a_viewer_cannot_change_anything(owner: Persona, member: Persona) -> None:
    person = add_member(owner.organization)
    question = open_question(owner.organization)
    client = member.client()
    for path in (
        "members/add/",
        f"members/{person.pk}/",
        f"members/{person.pk}/consent/",
        f"members/{person.pk}/erase/",
        "members/import/",
        "candidates/",
        "questions/add/",
        f"questions/{question.pk}/",
        f"questions/{question.pk}/transition/",
        f"questions/{question.pk}/decide/",
        f"questions/{question.pk}/delete/",
    ):
        assert client.post(f"{BASE}/{path}", {"name": "X", "status": "closed"}).status_code == 403
    assert client.get(f"{BASE}/members/{person.pk}/link/").status_code == 403
    page = client.get(f"{BASE}/questions/{question.pk}/")
    assert b"Enter an answer" not in page.content
    assert PanelQuestion.objects.get().status == "open"


def test_question_life_on_the_pages(manager: Persona) -> None:
    person = add_member(manager.organization)
    client = manager.client()
    response = client.post(
        f"{BASE}/questions/add/",
        {"title": "Which origin?", "kind": "question", "options": "Sidamo\nHuila\n"},
    )
    question = PanelQuestion.objects.get()
    assert response.url == f"{BASE}/questions/{question.pk}/"
    refused = client.post(
        f"{BASE}/questions/add/", {"title": "Q", "kind": "idea", "options": "Only one"}
    )
    assert b"give 2 to 6 choices" in refused.content

    client.post(f"{BASE}/questions/{question.pk}/transition/", {"status": "open"})
    client.post(
        f"{BASE}/questions/{question.pk}/",
        {"member": person.pk, "choice": "0", "text": "Told me at the market"},
    )
    page = client.get(f"{BASE}/questions/{question.pk}/")
    assert b"Told me at the market" in page.content
    assert b"100%" in page.content

    # Deciding an open question is refused; close it first.
    early = client.get(f"{BASE}/questions/{question.pk}/decide/")
    assert early.status_code == 302
    client.post(f"{BASE}/questions/{question.pk}/transition/", {"status": "sideways"})
    client.post(f"{BASE}/questions/{question.pk}/transition/", {"status": "closed"})
    empty = client.post(f"{BASE}/questions/{question.pk}/decide/", {"decision": ""})
    assert empty.status_code == 200
    client.post(
        f"{BASE}/questions/{question.pk}/decide/",
        {"decision": "Winter blend: Sidamo", "decision_link": "https://example.be/winter"},
    )
    question.refresh_from_db()
    assert question.status == "decided"
    changed = client.get(f"{BASE}/changed/")
    assert b"Winter blend: Sidamo" in changed.content
    assert b"Sidamo: 1 of 1 votes" in changed.content

    # The decision can be corrected on the same page.
    client.post(f"{BASE}/questions/{question.pk}/decide/", {"decision": "Sidamo, light"})
    question.refresh_from_db()
    assert question.decision == "Sidamo, light"


def test_a_question_is_edited_and_deleted_after_confirmation(manager: Persona) -> None:
    question = open_question(manager.organization)
    client = manager.client()
    client.post(
        f"{BASE}/questions/{question.pk}/edit/",
        {"title": "Which origin this winter?", "kind": "question", "options": "Sidamo\nHuila"},
    )
    question.refresh_from_db()
    assert question.title == "Which origin this winter?"
    assert b"0 answers and votes" in client.get(f"{BASE}/questions/{question.pk}/delete/").content
    client.post(f"{BASE}/questions/{question.pk}/delete/")
    assert not PanelQuestion.objects.exists()


@pytest.mark.parametrize("persona", ["owner", "manager"])
def test_candidates_are_invited_as_drafts(persona: str, request: pytest.FixtureRequest) -> None:
    from django.utils import timezone

    user: Persona = request.getfixturevalue(persona)
    Post.objects.create(
        organization=user.organization,
        source="instagram",
        external_id="1",
        text="Best beans in town",
        author="@coffeefan",
        created_at=timezone.now(),
        sentiment="positive",
        sentiment_score=0.9,
        likes=12,
    )
    client = user.client()
    page = client.get(f"{BASE}/candidates/")
    assert b"instagram:coffeefan" in page.content
    client.post(f"{BASE}/candidates/", {"handle": "instagram:coffeefan"})
    draft = PanelMember.objects.get()
    assert not draft.is_active
    assert b"instagram:coffeefan" not in client.get(f"{BASE}/candidates/").content
    again = client.post(f"{BASE}/candidates/", {"handle": "instagram:coffeefan"}, follow=True)
    assert b"already on the panel" in again.content
