"""The API's rate limit per person: 429 with Retry-After; requests without a login get
401 uncounted; the web pages are not limited (logins have their own lock-out)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.conftest import Persona

ME = "/api/v1/organizations/"


@pytest.fixture
def low_rates(settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/min"},
    }


def test_a_person_gets_429_with_retry_after_past_the_rate(
    low_rates: None, member: Persona, owner: Persona
) -> None:
    client = member.api()
    assert [client.get(ME).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(ME)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"]
    # Someone else is not held back by it.
    assert owner.api().get(ME).status_code == 200


def test_a_persons_tokens_and_session_count_together(low_rates: None, member: Persona) -> None:
    from socialroadmap.accounts.services import create_api_token

    _token, second = create_api_token(member.user, "second")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {second}")
    browser = member.client()
    answers = [
        member.api().get(ME).status_code,
        other.get(ME).status_code,
        browser.get(ME).status_code,
        other.get(ME).status_code,
    ]
    assert answers == [200, 200, 200, 429]


def test_requests_without_a_login_get_401_and_are_not_counted(
    low_rates: None, member: Persona
) -> None:
    client = APIClient()
    assert {client.get(ME).status_code for _ in range(5)} == {401}
    assert member.api().get(ME).status_code == 200


def test_web_pages_are_not_limited(low_rates: None, member: Persona) -> None:
    client = member.client()
    assert {client.get("/o/acme/").status_code for _ in range(6)} == {200}


def test_the_rates_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import socialroadmap.settings as settings_module

    monkeypatch.setenv("SOCIALROADMAP_API_RATE", "30/min")
    try:
        reloaded = importlib.reload(settings_module)
        rates = reloaded.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        assert rates == {"user": "30/min"}
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
