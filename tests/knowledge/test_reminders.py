"""Reminders: overdue people with an e-mail address, at most once a week."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from socialroadmap.audit.models import AuditEntry
from socialroadmap.knowledge import services
from socialroadmap.knowledge.models import Reminder
from socialroadmap.knowledge.tasks import send_reminders_task
from socialroadmap.organizations.models import Organization
from tests.knowledge.helpers import backdate, module, person


@pytest.fixture(autouse=True)
def _locmem(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_overdue_people_get_one_reminder_a_week(org: Organization) -> None:
    basics = module(org, due_days=14)
    backdate(basics, 30)
    ann = person(org, "Ann", "Sales", "ann@acme.test")
    backdate(person(org, "Bart", "Sales"), 60)
    done = person(org, "Cis", "Sales", "cis@acme.test")
    backdate(ann, 60)
    backdate(done, 60)
    services.record_completions(basics, [done], completed_on=timezone.localdate(), actor=None)

    plan = services.plan_reminders(org)
    assert ([e.full_name for e in plan.due], plan.without_email) == (["Ann"], 1)
    counts = services.send_reminders(org, actor=None)

    assert counts == {"sent": 1, "recent": 0, "without_email": 1}
    [message] = mail.outbox
    assert message.to == ["ann@acme.test"]
    assert "Social media basics" in message.body and "Acme Benelux" in message.subject
    assert Reminder.objects.get().employee == ann
    assert AuditEntry.objects.filter(kind="reminder").count() == 1
    assert services.last_reminder_at(org) is not None

    assert services.send_reminders(org, actor=None)["recent"] == 1
    assert len(mail.outbox) == 1
    later = timezone.now() + timedelta(days=7, minutes=1)
    assert services.send_reminders(org, actor=None, now=later)["sent"] == 1
    assert len(mail.outbox) == 2


def test_the_task_reminds_every_organisation_with_deadlines(
    org: Organization, other_org: Organization
) -> None:
    basics = module(org, due_days=7)
    backdate(basics, 30)
    backdate(person(org, "Ann", "", "ann@acme.test"), 30)
    module(other_org)

    assert send_reminders_task() == {"acme": 1}
    assert send_reminders_task(org.pk) == {"acme": 0}
    assert len(mail.outbox) == 1
