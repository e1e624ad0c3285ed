import pytest
from django.test import Client

from socialroadmap.accounts.models import User
from tests.conftest import PASSWORD, Persona


def login(client: Client, email: str, password: str):
    return client.post("/account/login/", {"username": email, "password": password})


def test_it_logs_in_with_the_email_address(owner: Persona) -> None:
    client = Client()
    response = login(client, "OWNER@acme.test", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").url == "/o/acme/"


def test_a_wrong_password_is_refused(owner: Persona) -> None:
    response = login(Client(), owner.user.email, "wrong-password")
    assert response.status_code == 200
    assert b"Please enter a correct" in response.content


def test_repeated_failures_lock_the_account_out(owner: Persona, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, owner.user.email, "wrong-password")
    response = login(client, owner.user.email, PASSWORD)
    assert response.status_code == 429
    assert b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post(owner: Persona) -> None:
    client = owner.client()
    assert client.get("/account/logout/").status_code == 405
    assert client.post("/account/logout/").status_code == 302
    assert client.get("/o/acme/").status_code == 302


def test_password_change_applies_the_validators(owner: Persona) -> None:
    client = owner.client()
    weak = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert b"too common" in weak.content or b"entirely numeric" in weak.content
    strong = "Another-l0ng-passphrase"
    ok = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert ok.status_code == 302
    owner.user.refresh_from_db()
    assert owner.user.check_password(strong)


def test_passwords_are_stored_hashed_with_the_production_hasher(owner: Persona, settings) -> None:
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    owner.user.set_password(PASSWORD)
    owner.user.save()
    stored = User.objects.get(pk=owner.user.pk).password
    assert PASSWORD not in stored
    assert stored.startswith(("pbkdf2_", "argon2", "bcrypt", "scrypt"))


def test_the_language_switch_sticks_to_the_person(owner: Persona) -> None:
    client = owner.client()
    response = client.post("/account/language/", {"language": "nl", "next": "/o/acme/"})
    assert response.status_code == 302
    assert response.url == "/o/acme/"
    owner.user.refresh_from_db()
    assert owner.user.language == "nl"
    # Another device, without the cookie: the person's choice still wins.
    other_device = owner.client()
    page = other_device.get("/o/acme/", HTTP_ACCEPT_LANGUAGE="en")
    assert b'<html lang="nl">' in page.content


@pytest.mark.django_db
def test_the_language_switch_refuses_foreign_redirects() -> None:
    response = Client().post(
        "/account/language/", {"language": "nl", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert response.cookies["socialroadmap_language"].value == "nl"


def test_profile_saves_name_and_language(owner: Persona) -> None:
    client = owner.client()
    response = client.post("/account/profile/", {"full_name": "Anouk M.", "language": "en"})
    assert response.status_code == 302
    owner.user.refresh_from_db()
    assert (owner.user.full_name, owner.user.language) == ("Anouk M.", "en")
