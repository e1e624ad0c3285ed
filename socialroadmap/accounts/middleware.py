"""Interface language, and the second factor a session may still owe."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from socialroadmap.accounts import twofactor
from socialroadmap.accounts.models import User


class UserLanguageMiddleware:
    """The person's saved language wins over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response


class TwoFactorMiddleware:
    """Company pages only for sessions that gave the second factor they owe.

    A session logged in without a code although the person has two-factor login (one
    from before it was turned on, elsewhere) is turned back into a pending login. An owner
    who must have two-factor login is sent to set it up. The API decides for itself:
    session authentication refuses such sessions, tokens are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(EXEMPT_PREFIXES) and request.path not in exempt_paths():
            response = self.demand(request)
            if response is not None:
                return response
        return self.get_response(request)

    def demand(self, request: HttpRequest) -> HttpResponse | None:
        owes = twofactor.session_owes(request.user)
        if owes == "verify":
            user = cast(User, request.user)  # session_owes said it is a person
            logout(request)
            twofactor.begin_pending_login(request, user, request.get_full_path())
            return redirect("accounts:login_verify")
        if owes == "setup" and not is_account_page(request.path_info):
            messages.info(request, _("Set up two-factor authentication to continue."))
            return redirect("accounts:two_factor")
        return None


# Static files and the API, which checks sessions itself (VerifiedSessionAuthentication).
EXEMPT_PREFIXES = ("/static/", "/api/")


def exempt_paths() -> set[str]:
    return {reverse("accounts:logout"), reverse("accounts:set_language"), reverse("healthz")}


def is_account_page(path: str) -> bool:
    """Profile, password and set-up pages stay open to someone who must set up 2FA."""
    try:
        return resolve(path).namespace == "accounts"
    except Resolver404:
        return False
