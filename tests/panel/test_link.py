"""The member's personal link: no login, signed and expiring, answers and votes."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.test import Client
from django.urls import reverse

from socialroadmap.organizations.models import Organization
from socialroadmap.panel import services
from socialroadmap.panel.choices import LINK_SALT
from socialroadmap.panel.models import PanelAnswer
from tests.panel.helpers import member, open_question


def link(token: str) -> str:
    return reverse("panel:answer", kwargs={"token": token})


def test_a_member_sees_the_open_questions_and_votes_without_login(org: Organization) -> None:
    question = open_question(org, "Which origin for the winter blend?")
    services.create_question(org, title="Still a draft", actor=None)
    person = member(org)
    url = link(services.member_token(person))
    client = Client(enforce_csrf_checks=True)

    page = client.get(url)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    assert b"Which origin for the winter blend?" in page.content
    assert b"Still a draft" not in page.content
    csrf = page.cookies["csrftoken"].value
    prefix = f"q{question.pk}"

    response = client.post(
        url,
        {
            "question": question.pk,
            f"{prefix}-choice": "0",
            f"{prefix}-text": "Fruity!",
            "csrfmiddlewaretoken": csrf,
        },
    )
    assert response.status_code == 302
    answer = PanelAnswer.objects.get()
    assert (answer.choice, answer.text, answer.source) == (0, "Fruity!", "member")

    # Answering again replaces the answer.
    client.post(
        url, {"question": question.pk, f"{prefix}-choice": "1", "csrfmiddlewaretoken": csrf}
    )
    answer = PanelAnswer.objects.get()
    assert (answer.choice, answer.text) == (1, "")
    assert b"You have answered" in client.get(url).content


def test_the_form_needs_the_csrf_token(org: Organization) -> None:
    question = open_question(org)
    url = link(services.member_token(member(org)))
    response = Client(enforce_csrf_checks=True).post(
        url, {"question": question.pk, f"q{question.pk}-choice": "0"}
    )
    assert response.status_code == 403
    assert not PanelAnswer.objects.exists()


def test_an_empty_answer_is_refused_on_the_page(org: Organization) -> None:
    question = open_question(org)
    url = link(services.member_token(member(org)))
    response = Client().post(url, {"question": question.pk})
    assert response.status_code == 200
    assert b"give an answer or a vote" in response.content
    assert not PanelAnswer.objects.exists()


def test_a_tampered_link_shows_that_it_no_longer_works(org: Organization) -> None:
    token = services.member_token(member(org))
    for bad in (token[:-2] + "xx", "nonsense", signing.dumps({"m": 1}, salt="other")):
        response = Client().get(link(bad))
        assert response.status_code == 404
        assert b"This link no longer works" in response.content


def test_an_expired_link_no_longer_works(org: Organization) -> None:
    person = member(org)
    token = services.member_token(person)
    assert services.member_from_token(token) == person
    assert services.member_from_token(token, max_age=timedelta(seconds=-1)) is None


def test_withdrawn_consent_or_erasure_stops_the_link(org: Organization) -> None:
    person = member(org)
    token = services.member_token(person)
    services.record_consent(person, False, actor=None)
    assert Client().get(link(token)).status_code == 404

    services.record_consent(person, True, actor=None)
    assert Client().get(link(token)).status_code == 200
    services.erase_member(person, actor=None)
    assert Client().get(link(token)).status_code == 404


def test_a_token_with_a_wrong_shape_is_refused(org: Organization) -> None:
    person = member(org)
    for data in ({"m": str(person.pk), "o": org.pk}, [person.pk], {"m": person.pk}):
        assert services.member_from_token(signing.dumps(data, salt=LINK_SALT)) is None


def test_a_posted_question_that_is_not_open_changes_nothing(org: Organization) -> None:
    draft = services.create_question(org, title="Draft", actor=None)
    url = link(services.member_token(member(org)))
    for question in (draft.pk, "x", ""):
        response = Client().post(url, {"question": question, f"q{draft.pk}-text": "Hi"})
        assert response.status_code == 200
    assert not PanelAnswer.objects.exists()
