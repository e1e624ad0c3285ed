"""Log in and out, password and its reset, profile, API tokens and the language switch.

Two-factor set-up and the code step of the login are in ``views_twofactor``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from socialroadmap.accounts import services, twofactor
from socialroadmap.accounts.forms import (
    ApiTokenForm,
    EmailAuthenticationForm,
    LanguageForm,
    PasswordResetRequestForm,
    ProfileForm,
)
from socialroadmap.accounts.models import ApiToken, User
from socialroadmap.core.http import AuthenticatedRequest


class LoginView(auth_views.LoginView):
    """The password; someone with two-factor login then gives a code (views_twofactor)."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if twofactor.has_two_factor(user):
            twofactor.begin_pending_login(self.request, user, self.get_success_url())
            return redirect("accounts:login_verify")
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same whether or not the address is known."""

    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        services.request_password_reset(
            form.cleaned_data["email"], language=translation.get_language() or ""
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django checks the link (once, not expired); we also lift lock-outs afterwards."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.complete_password_reset(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    """Name, language and API tokens. A new token is shown once, right after creation."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        if request.user.language:
            set_language_cookie(response, request.user.language)
        return response
    tokens = ApiToken.objects.filter(user=request.user).active()
    new_token = request.session.pop("new_api_token", None)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "tokens": tokens,
            "token_form": ApiTokenForm(),
            "new_token": new_token,
            "two_factor_on": twofactor.has_two_factor(request.user),
        },
    )


@login_required
@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        _token, raw = services.create_api_token(request.user, form.cleaned_data["name"])
        # Shown once on the next page, then gone: only the hash is stored.
        request.session["new_api_token"] = raw
    return redirect(reverse("accounts:profile") + "#tokens")


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.filter(user=request.user).active(), pk=pk)
    services.revoke_api_token(token)
    messages.success(request, _("The token was revoked."))
    return redirect(reverse("accounts:profile") + "#tokens")


def set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; for a logged-in person it sticks on every device."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if isinstance(request.user, User):
            services.set_user_language(request.user, language)
        translation.activate(language)
        set_language_cookie(response, language)
    return response
