"""Two-factor login with TOTP codes and single-use recovery codes (django-otp).

Optional for everyone; owners must have it when ``SOCIALROADMAP_OWNER_2FA`` is on. After
the password, someone with a confirmed device is not logged in yet: the session holds a
*pending login* until a code is given (``begin_pending_login``, ``finish_pending_login``).
Wrong codes count as failed logins for django-axes. API tokens bypass all of this.
"""

from __future__ import annotations

import time
from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from socialroadmap.accounts.models import User

RECOVERY_CODES = 10
# Per pending login; django-axes usually locks the account out first (LOGIN_FAILURE_LIMIT).
CODE_ATTEMPTS = 5
PENDING_SECONDS = 300
PENDING_KEY = "pending_login"
NEW_RECOVERY_CODES_KEY = "new_recovery_codes"


def has_two_factor(user: Any) -> bool:
    """Whether this person logs in with a code as well as a password."""
    return bool(getattr(user, "pk", None)) and (
        TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()
    )


def must_set_up_two_factor(user: Any) -> bool:
    """Owners must have two-factor login when the installation asks for it."""
    from socialroadmap.organizations.choices import Role
    from socialroadmap.organizations.models import Membership

    return bool(settings.SOCIALROADMAP_OWNER_2FA) and (
        Membership.objects.filter(user_id=user.pk, role=Role.OWNER).exists()
    )


def session_owes(user: Any) -> str:
    """What a logged-in session still owes: "verify" (a code), "setup" (a device) or ""."""
    if not getattr(user, "is_authenticated", False):
        return ""
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return ""
    if has_two_factor(user):
        return "verify"
    if must_set_up_two_factor(user):
        return "setup"
    return ""


# --- Set-up and turning off -------------------------------------------------------


def start_two_factor(user: User) -> TOTPDevice:
    """The device being set up: the same secret on every visit until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The set-up link as a QR code, inline SVG (no script, no external image)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, light="#fff"))


@transaction.atomic
def confirm_two_factor(device: TOTPDevice, code: str) -> list[str] | None:
    """Turn two-factor login on when ``code`` is right; returns fresh recovery codes."""
    if device.confirmed or not device.verify_token(clean_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    return replace_recovery_codes(device.user)


def replace_recovery_codes(user: User) -> list[str]:
    """Ten new single-use codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


@transaction.atomic
def turn_off_two_factor(user: User, code: str) -> bool:
    """Remove the authenticator and the recovery codes, if ``code`` is current."""
    if verify_second_factor(user, code) is None:
        return False
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return True


def clean_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def verify_second_factor(user: User, code: str) -> Device | None:
    """The device that accepts ``code``: six digits for the app, else a recovery code."""
    code = clean_code(code)
    model: type[Device] = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        # Locked rows: two requests cannot spend the same code (django-otp's advice).
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
    return None


# --- The login step between password and code ------------------------------------


@dataclass
class PendingLogin:
    user: User
    backend: str
    next_url: str
    failures: int


def begin_pending_login(request: HttpRequest, user: User, next_url: str) -> None:
    """The password was right; remember who is logging in until they give a code."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "next": next_url,
        "since": int(time.time()),
        "failures": 0,
    }


def pending_login(request: HttpRequest) -> PendingLogin | None:
    data = request.session.get(PENDING_KEY)
    if not data or time.time() - data["since"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    if user is None:
        return None
    return PendingLogin(user, data["backend"], data["next"], data["failures"])


def drop_pending_login(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def finish_pending_login(request: HttpRequest, pending: PendingLogin, device: Device) -> None:
    """Log in for real, with the session marked as verified by ``device``."""
    drop_pending_login(request)
    login(request, pending.user, backend=pending.backend)
    otp_login(request, device)


def record_wrong_code(request: HttpRequest, pending: PendingLogin) -> bool:
    """Count a wrong code as a failed login; True when this pending login is used up."""
    user_login_failed.send(
        sender=__name__, credentials={"username": pending.user.email}, request=request
    )
    failures = pending.failures + 1
    if failures >= CODE_ATTEMPTS or getattr(request, "axes_locked_out", False):
        drop_pending_login(request)
        return True
    request.session[PENDING_KEY] = {**request.session[PENDING_KEY], "failures": failures}
    return False
