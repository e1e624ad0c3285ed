import re
import time
from base64 import b32encode

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, Persona


def code(device: TOTPDevice, steps: int = 0) -> str:
    """The app's code, ``steps`` periods from now (a code is accepted once, in order)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():06d}"


def turn_on(persona: Persona) -> tuple[Client, TOTPDevice, list[str]]:
    """Set up two-factor login from the profile; the confirmation spends the previous code."""
    client = persona.client()
    page = client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=persona.user)
    assert client.post("/account/two-factor/", {"code": code(device, -1)}).status_code == 302
    shown = client.get("/account/two-factor/").content.decode()
    codes = re.search(r'data-testid="recovery-codes">([^<]*)<', shown).group(1).split()
    assert b"<svg" in page.content
    return client, device, codes


def password_step(email: str, next_url: str = "") -> Client:
    client = Client()
    data = {"username": email, "password": PASSWORD, "next": next_url}
    response = client.post("/account/login/", data)
    assert response.url == "/account/login/code/"
    return client


def test_setting_up_shows_the_secret_and_needs_a_right_code(owner: Persona) -> None:
    client = owner.client()
    page = client.get("/account/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=owner.user)
    secret = re.search(r'data-testid="totp-secret">([^<]*)<', page).group(1).replace(" ", "")
    assert secret == b32encode(device.bin_key).decode().rstrip("=")
    wrong = client.post("/account/two-factor/", {"code": str(int(code(device)) ^ 1).zfill(6)})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.filter(user=owner.user, confirmed=True).exists()


def test_confirming_turns_it_on_and_shows_ten_recovery_codes_once(owner: Persona) -> None:
    client, _device, codes = turn_on(owner)
    assert len(codes) == 10
    again = client.get("/account/two-factor/")
    assert b'data-testid="recovery-codes"' not in again.content
    assert b"10 recovery codes left" in again.content
    assert client.get("/o/acme/").status_code == 200  # this session gave a code already


def test_login_asks_for_a_code_after_the_password(owner: Persona) -> None:
    _client, device, _codes = turn_on(owner)
    client = password_step(owner.user.email, "/o/acme/members/")
    assert "_auth_user_id" not in client.session
    assert client.get("/o/acme/").status_code == 302
    done = client.post("/account/login/code/", {"code": code(device)})
    assert done.url == "/o/acme/members/"
    assert client.get("/o/acme/").status_code == 200
    assert client.get("/api/v1/organizations/").status_code == 200


def test_a_recovery_code_works_once(owner: Persona) -> None:
    _client, _device, codes = turn_on(owner)
    client = password_step(owner.user.email)
    assert client.post("/account/login/code/", {"code": codes[0].upper()}).status_code == 302
    again = password_step(owner.user.email)
    refused = again.post("/account/login/code/", {"code": codes[0]})
    assert refused.status_code == 200
    assert "_auth_user_id" not in again.session


def test_wrong_codes_count_as_failed_logins(owner: Persona, settings) -> None:
    turn_on(owner)
    client = password_step(owner.user.email)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/account/login/code/", {"code": "12345x"}).status_code == 200
    assert client.post("/account/login/code/", {"code": "12345x"}).status_code == 429
    login = Client().post("/account/login/", {"username": owner.user.email, "password": PASSWORD})
    assert login.status_code == 429


def test_five_wrong_codes_send_back_to_the_login(owner: Persona, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 50
    turn_on(owner)
    client = password_step(owner.user.email)
    for _ in range(4):
        client.post("/account/login/code/", {"code": "99999999"})
    assert client.post("/account/login/code/", {"code": "99999999"}).url == "/account/login/"
    assert client.get("/account/login/code/").url == "/account/login/"


def test_a_session_without_the_code_is_sent_to_the_code_step(owner: Persona) -> None:
    turn_on(owner)
    unverified = owner.client()  # logged in elsewhere, before two-factor login was on
    assert unverified.get("/o/acme/").url == "/account/login/code/"
    assert "_auth_user_id" not in unverified.session


def test_the_api_refuses_an_unverified_session_but_takes_the_token(owner: Persona) -> None:
    turn_on(owner)
    assert owner.client().get("/api/v1/organizations/").status_code in (401, 403)
    assert owner.api().get("/api/v1/organizations/").status_code == 200


def test_turning_off_needs_a_current_code(owner: Persona) -> None:
    client, device, _codes = turn_on(owner)
    refused = client.post("/account/two-factor/off/", {"code": "123456x"})
    assert refused.url == "/account/two-factor/"
    assert TOTPDevice.objects.filter(user=owner.user).exists()
    assert (
        client.post("/account/two-factor/off/", {"code": code(device)}).url == "/account/profile/"
    )
    assert not TOTPDevice.objects.filter(user=owner.user).exists()
    login = Client().post("/account/login/", {"username": owner.user.email, "password": PASSWORD})
    assert login.url == "/"


def test_owners_must_set_it_up_when_the_setting_is_on(
    owner: Persona, member: Persona, settings
) -> None:
    settings.SOCIALROADMAP_OWNER_2FA = True
    client = Client()
    client.post("/account/login/", {"username": owner.user.email, "password": PASSWORD})
    assert client.get("/o/acme/").url == "/account/two-factor/"
    assert client.get("/account/profile/").status_code == 200
    assert client.get("/api/v1/organizations/").status_code in (401, 403)
    assert member.client().get("/o/acme/").status_code == 200
    client, device, _codes = turn_on(owner)
    assert client.get("/o/acme/").status_code == 200
    refused = client.post("/account/two-factor/off/", {"code": code(device)})
    assert refused.url == "/account/two-factor/"
    assert TOTPDevice.objects.filter(user=owner.user, confirmed=True).exists()


@pytest.mark.django_db
def test_the_code_step_without_a_password_goes_to_the_login() -> None:
    assert Client().get("/account/login/code/").url == "/account/login/"


@pytest.mark.django_db
def test_the_admin_logs_in_through_the_product_login() -> None:
    response = Client().get("/admin/login/")
    assert response.url.startswith("/account/login/?next=/admin/login/")
