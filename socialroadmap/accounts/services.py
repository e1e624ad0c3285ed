"""Writes for people and their tokens. Views, API and CLI call these."""

from __future__ import annotations

import hashlib

from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from socialroadmap.accounts.choices import Language
from socialroadmap.accounts.models import ApiToken, User, generate_token, hash_token
from socialroadmap.core.errors import NotFound, ServiceError
from socialroadmap.core.jobs import enqueue


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ServiceError(f"'{email}' is not a valid e-mail address", field="email") from exc
    return email


def find_user(email: str) -> User:
    try:
        return User.objects.get(email=email.strip().lower())
    except User.DoesNotExist as exc:
        raise NotFound(f"no user with e-mail address '{email.strip()}'", field="email") from exc


def check_password_strength(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="password") from exc


@transaction.atomic
def create_user(email: str, *, password: str | None = None, full_name: str = "") -> User:
    """Create a person. Without a password they cannot log in until one is set."""
    email = normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise ServiceError(f"a user with e-mail address '{email}' already exists", field="email")
    user = User(email=email, full_name=full_name.strip())
    if password:
        check_password_strength(password, user)
    return User.objects.create_user(email, password, full_name=full_name.strip())


@transaction.atomic
def set_user_password(user: User, password: str) -> None:
    check_password_strength(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])


def set_user_language(user: User, language: str) -> None:
    """Remember the interface language for this person on every device."""
    if language not in Language.values:
        raise ServiceError(f"unknown language '{language}'", field="language")
    user.language = language
    user.save(update_fields=["language"])


@transaction.atomic
def create_api_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw key, which is never stored or shown again."""
    raw = generate_token()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], key_hash=hash_token(raw), hint=raw[:12]
    )
    return token, raw


def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def password_reset_allowed(email: str) -> bool:
    """At most ``PASSWORD_RESET_MAILS_PER_HOUR`` requests per address an hour, known or not."""
    key = "password-reset:" + hashlib.sha256(email.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # the hour ran out between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.PASSWORD_RESET_MAILS_PER_HOUR


def request_password_reset(email: str, *, language: str = "") -> bool:
    """Mail a reset link if ``email`` belongs to an active person with a password.

    Callers answer the same whether or not it does, so that nobody learns which
    addresses have an account. ``language`` is for people who chose none.
    """
    email = email.strip().lower()
    if not password_reset_allowed(email):
        return False
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    from socialroadmap.accounts.tasks import send_password_reset_email

    enqueue(send_password_reset_email, user.pk, language)
    return True


def password_reset_link(user: User) -> str:
    """A link that works once (the token hashes the password) and for PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", args=[uid, token])
    return settings.SITE_URL.rstrip("/") + path


def complete_password_reset(user: User) -> None:
    """After a reset the address is no longer locked out.

    Its other sessions end by themselves: Django ties each session to the password hash.
    """
    reset_axes(username=user.email)
