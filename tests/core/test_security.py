import pytest
from click.testing import CliRunner
from django.test import Client

from socialroadmap.cli import main
from socialroadmap.config import production_problems


def test_production_needs_a_secret_key_and_allowed_hosts() -> None:
    problems = production_problems({})
    assert any("SECRET_KEY" in p for p in problems)
    assert any("ALLOWED_HOSTS" in p for p in problems)
    assert (
        production_problems({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "roadmap.example.com"}) == []
    )


def test_demo_and_debug_need_neither() -> None:
    assert production_problems({"SOCIALROADMAP_DEMO": "1"}) == []
    assert production_problems({"DEBUG": "true"}) == []


def test_serve_refuses_to_start_without_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SOCIALROADMAP_DEMO"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "refusing to start: SECRET_KEY is not set" in result.output
    assert "ALLOWED_HOSTS is not set" in result.output


@pytest.mark.django_db
def test_pages_carry_security_headers() -> None:
    response = Client().get("/account/login/", secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.django_db
def test_forms_are_protected_against_csrf() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/login/", {"username": "a@b.test", "password": "x"})
    assert response.status_code == 403


def test_cookies_are_secure_outside_demo_and_debug() -> None:
    from django.conf import settings

    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
