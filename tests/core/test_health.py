import pytest
from django.db import DatabaseError
from django.test import Client


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] is True


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from socialroadmap.core import views

    class Broken:
        def cursor(self) -> None:
            raise DatabaseError("connection refused")

    monkeypatch.setattr(views, "connection", Broken())
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": False,
        "version": response.json()["version"],
    }
