import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD, Persona

NEW_PASSWORD = "Another-l0ng-passphrase"


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for a reset link, running the mail job as the embedded default does."""

    def ask(email: str, client: Client | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or Client()).post("/account/password/reset/", {"email": email})

    return ask


def link_path(settings) -> str:
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert link.startswith(settings.SITE_URL)
    return link.removeprefix(settings.SITE_URL.rstrip("/"))


def set_new_password(client: Client, path: str):
    form = client.get(path)  # Django moves the token into the session and redirects
    assert form.status_code == 302
    return client.post(form.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


@pytest.mark.django_db
def test_the_login_page_offers_a_reset() -> None:
    assert b'href="/account/password/reset/"' in Client().get("/account/login/").content


def test_the_link_sets_a_new_password_once(owner: Persona, ask, settings) -> None:
    response = ask("Owner@Acme.test")
    assert response.url == "/account/password/reset/sent/"
    assert mail.outbox[0].to == ["owner@acme.test"]
    path = link_path(settings)
    done = set_new_password(Client(), path)
    assert done.url == "/account/password/reset/done/"
    owner.user.refresh_from_db()
    assert owner.user.check_password(NEW_PASSWORD)
    used = Client().get(path, follow=True)
    assert b"This link no longer works" in used.content


def test_an_expired_link_is_refused(owner: Persona, ask, settings, monkeypatch) -> None:
    ask(owner.user.email)
    path = link_path(settings)
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    assert b"This link no longer works" in Client().get(path, follow=True).content
    owner.user.refresh_from_db()
    assert owner.user.check_password(PASSWORD)


def test_an_unknown_address_gets_the_same_answer(owner: Persona, ask) -> None:
    known = ask(owner.user.email)
    unknown = ask("nobody@acme.test")
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert len(mail.outbox) == 1


def test_reset_mails_are_limited_per_address(owner: Persona, ask, settings) -> None:
    for _ in range(settings.PASSWORD_RESET_MAILS_PER_HOUR + 2):
        assert ask(owner.user.email).url == "/account/password/reset/sent/"
    assert len(mail.outbox) == settings.PASSWORD_RESET_MAILS_PER_HOUR


def test_a_reset_ends_other_sessions_and_lifts_the_lockout(owner: Persona, ask, settings) -> None:
    elsewhere = owner.client()
    assert elsewhere.get("/o/acme/").status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/account/login/", {"username": owner.user.email, "password": "wrong"})
    ask(owner.user.email)
    set_new_password(Client(), link_path(settings))
    assert elsewhere.get("/o/acme/").status_code == 302
    login = Client().post(
        "/account/login/", {"username": owner.user.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
