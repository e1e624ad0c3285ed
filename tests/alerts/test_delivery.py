"""Delivery of events by e-mail (locmem outbox) and webhook (a local HTTP server), and
the Celery jobs in eager mode."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core import mail

from socialroadmap.alerts import services, tasks
from socialroadmap.alerts.models import AlertEvent
from tests.alerts.helpers import HOUR, NOW, rollup, volume_rule


class Hook:
    """A local webhook receiver: records each request's JSON, answers ``status``."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.received: list[dict[str, Any]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                hook.received.append(json.loads(self.rfile.read(length)))
                self.send_response(hook.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch, settings) -> None:
    monkeypatch.setattr(services, "WEBHOOK_RETRY_DELAYS", (0.0, 0.0))
    settings.DEBUG = True  # the local receiver speaks http://
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://roadmap.example.com"


@pytest.fixture
def hook() -> Iterator[Hook]:
    receiver = Hook(200)
    yield receiver
    receiver.close()


def fire(org, **options: Any) -> AlertEvent:
    volume_rule(org, **options)
    rollup(org, HOUR, 20)
    [event] = services.evaluate_rules(org, now=NOW)
    return event


def test_it_emails_the_recipients_in_dutch_and_english(org) -> None:
    event = services.deliver_event(fire(org, recipients=["pr@acme.test", "ceo@acme.test"]))

    assert event.emailed_at is not None and event.email_error == ""
    [message] = mail.outbox
    assert message.to == ["pr@acme.test", "ceo@acme.test"]
    assert "Melding voor Acme Benelux" in message.subject
    assert "Alert for Acme Benelux" in message.subject
    assert "20 berichten" in message.body
    assert "20 posts" in message.body
    assert "https://roadmap.example.com/o/acme/alerts/" in message.body


def test_it_sends_an_email_only_once(org) -> None:
    event = fire(org, recipients=["pr@acme.test"])
    services.deliver_event(event)
    services.deliver_event(event)

    assert len(mail.outbox) == 1


def test_a_mail_failure_is_recorded_not_raised(org, monkeypatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("mail server down")

    monkeypatch.setattr(services, "send_mail", broken)
    event = services.deliver_event(fire(org, recipients=["pr@acme.test"]))

    assert event.emailed_at is None
    assert "mail server down" in event.email_error


def test_it_posts_the_webhook(org, hook: Hook) -> None:
    event = services.deliver_event(fire(org, webhook_url=hook.url))

    assert event.webhook_status == "200"
    assert hook.received == [
        {
            "organization": "acme",
            "rule": "Volume",
            "kind": "volume",
            "observed": 20.0,
            "baseline": 0.0,
            "window_start": "2026-11-20T14:00:00+00:00",
            "window_end": "2026-11-20T15:00:00+00:00",
            "url": "https://roadmap.example.com/o/acme/alerts/",
        }
    ]


def test_a_failing_webhook_is_retried_and_recorded(org) -> None:
    failing = Hook(503)
    try:
        event = services.deliver_event(fire(org, webhook_url=failing.url))
    finally:
        failing.close()

    assert event.webhook_status == "503"
    assert len(failing.received) == 3  # the first try and two retries


def test_an_unreachable_webhook_is_recorded_not_raised(org) -> None:
    gone = Hook(200)
    gone.close()  # nothing listens on its port any more
    event = services.deliver_event(fire(org, webhook_url=gone.url))

    assert event.webhook_status.startswith("error: ConnectError")
    assert event.webhook_at is not None


def test_a_client_error_is_not_retried(org) -> None:
    refusing = Hook(404)
    try:
        event = services.deliver_event(fire(org, webhook_url=refusing.url))
    finally:
        refusing.close()

    assert event.webhook_status == "404"
    assert len(refusing.received) == 1


def test_the_celery_job_evaluates_every_organisation(org, other_org, hook: Hook) -> None:
    volume_rule(org, recipients=["pr@acme.test"], webhook_url=hook.url)
    volume_rule(other_org)
    rollup(org, HOUR, 20)

    result = tasks.evaluate_all.delay().get()  # eager: runs here

    # The job evaluates at the real "now"; the fixed hour is long past, so nothing fires.
    assert result == {"acme": 0, "globex": 0}


def test_one_organisations_failure_does_not_stop_the_rest(org, other_org, monkeypatch) -> None:
    volume_rule(org)
    volume_rule(other_org)
    real = services.evaluate_rules

    def flaky(organization, now=None):
        if organization.slug == "acme":
            raise RuntimeError("boom")
        return real(organization, now=NOW)

    monkeypatch.setattr(services, "evaluate_rules", flaky)
    rollup(other_org, HOUR, 20)

    assert tasks.evaluate_all.delay().get() == {"acme": -1, "globex": 1}


def test_evaluate_soon_runs_after_the_commit(org, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.evaluate_organization_soon(org)

    assert len(callbacks) == 1


def test_the_evaluation_after_an_import_never_raises(org, monkeypatch) -> None:
    def broken(organization, now=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "evaluate_rules", broken)

    assert tasks.evaluate_organization_task.delay(org.pk).get() == -1
    assert tasks.evaluate_organization_task.delay(10_000).get() == 0


def test_beat_runs_the_evaluation_every_five_minutes(settings) -> None:
    from socialroadmap.celery_app import app

    entry = settings.CELERY_BEAT_SCHEDULE["alerts-evaluate-all"]
    assert entry == {"task": "alerts.evaluate_all", "schedule": 300.0}
    assert "alerts.evaluate_all" in app.tasks
