"""Two-factor login: the code step after the password, set-up and turning it off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken

from socialroadmap.accounts import twofactor
from socialroadmap.accounts.forms import CodeForm
from socialroadmap.core.http import AuthenticatedRequest


@require_http_methods(["GET", "POST"])
def login_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login: a code from the app or a recovery code."""
    pending = twofactor.pending_login(request)
    if pending is None:
        twofactor.drop_pending_login(request)
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify_second_factor(pending.user, form.cleaned_data["code"])
        if device is not None:
            twofactor.finish_pending_login(request, pending, device)
            return redirect(pending.next_url)
        if twofactor.record_wrong_code(request, pending):
            messages.error(request, _("Too many wrong codes. Log in again."))
            return redirect("accounts:login")
        form.add_error("code", _("That code is not right. Try the next one from your app."))
    return render(request, "accounts/login_verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: AuthenticatedRequest) -> HttpResponse:
    """Set two-factor login up (QR code, secret, a code to confirm), or see that it is on."""
    if twofactor.has_two_factor(request.user):
        remaining = StaticToken.objects.filter(device__user=request.user).count()
        context = {
            "form": CodeForm(),
            "recovery_codes": request.session.pop(twofactor.NEW_RECOVERY_CODES_KEY, None),
            "remaining": remaining,
        }
        return render(request, "accounts/two_factor_on.html", context)
    device = twofactor.start_two_factor(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_two_factor(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)  # this session gave the code already
            request.session[twofactor.NEW_RECOVERY_CODES_KEY] = codes
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:two_factor")
        form.add_error("code", _("That code is not right. Check the time on your phone."))
    context = {
        "form": form,
        "qr": mark_safe(twofactor.qr_svg(device)),  # noqa: S308 - SVG drawn by segno from our own link
        "secret": twofactor.secret_text(device),
        "required": twofactor.must_set_up_two_factor(request.user),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_POST
def two_factor_disable(request: AuthenticatedRequest) -> HttpResponse:
    """Turn two-factor login off with a current code; not for owners who must have it."""
    if twofactor.must_set_up_two_factor(request.user):
        messages.error(request, _("Owners must keep two-factor authentication on here."))
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST)
    if form.is_valid() and twofactor.turn_off_two_factor(request.user, form.cleaned_data["code"]):
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:profile")
    messages.error(request, _("That code is not right; two-factor authentication stays on."))
    return redirect("accounts:two_factor")
