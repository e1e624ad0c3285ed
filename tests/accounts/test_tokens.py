import pytest
from rest_framework.test import APIClient

from socialroadmap.accounts.models import ApiToken
from socialroadmap.accounts.services import create_api_token, revoke_api_token
from tests.conftest import Persona


def test_a_token_is_stored_only_as_a_hash(owner: Persona) -> None:
    token, raw = create_api_token(owner.user, "nightly import")
    assert raw.startswith("srm_")
    assert raw not in token.key_hash
    assert token.hint == raw[:12]


def test_bearer_token_authenticates(owner: Persona) -> None:
    response = owner.api().get("/api/v1/organizations/")
    assert response.status_code == 200
    assert ApiToken.objects.filter(user=owner.user).exclude(last_used_at=None).exists()


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer srm_not-a-token", "Token abc"])
def test_a_bad_authorization_header_gets_401(owner: Persona, header: str) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_gets_401(owner: Persona) -> None:
    revoke_api_token(ApiToken.objects.get(user=owner.user))
    assert owner.api().get("/api/v1/organizations/").status_code == 401


def test_a_deactivated_user_token_gets_401(owner: Persona) -> None:
    owner.user.is_active = False
    owner.user.save()
    assert owner.api().get("/api/v1/organizations/").status_code == 401


def test_tokens_are_shown_once_in_the_profile(owner: Persona) -> None:
    client = owner.client()
    client.post("/account/tokens/", {"name": "reporting"})
    first = client.get("/account/profile/").content.decode()
    second = client.get("/account/profile/").content.decode()
    token = ApiToken.objects.get(user=owner.user, name="reporting")
    assert 'data-testid="new-token"' in first
    assert 'data-testid="new-token"' not in second
    assert token.hint in second


def test_only_the_owner_of_a_token_can_revoke_it(owner: Persona, outsider: Persona) -> None:
    token = ApiToken.objects.get(user=owner.user)
    assert outsider.client().post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert owner.client().post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
