"""Background jobs for people: the password reset mail."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from socialroadmap.accounts.models import User
from socialroadmap.accounts.services import password_reset_link


@shared_task(
    name="accounts.send_password_reset_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_password_reset_email(user_id: int, language: str = "") -> bool:
    """Mail a fresh reset link, in the person's language; nothing for a closed account."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    link = password_reset_link(user)
    with translation.override(user.language or language or settings.LANGUAGE_CODE):
        context = {"user": user, "link": link, "minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
        subject = render_to_string("accounts/password_reset_subject.txt", context).strip()
        body = render_to_string("accounts/password_reset_email.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
