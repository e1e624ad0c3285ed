"""Background jobs for organisations."""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from socialroadmap.organizations.models import Invitation


@shared_task(
    name="organizations.send_invitation_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_email(invitation_id: int, link: str) -> bool:
    """Send the invitation link; does nothing when the invitation is no longer open."""
    invitation = (
        Invitation.objects.select_related("organization", "created_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return False
    inviter = invitation.created_by
    language = getattr(inviter, "language", "") or "en"
    with translation.override(language):
        context = {"invitation": invitation, "link": link, "inviter": inviter}
        subject = render_to_string("organizations/invitation_subject.txt", context).strip()
        body = render_to_string("organizations/invitation_email.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return True
