from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.registry.models import Hardware, SocialAccount, Tool
from socialroadmap.registry.services import ACCOUNT_FIELDS, HARDWARE_FIELDS, TOOL_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"


class RegistryForm(forms.ModelForm):
    """A registry row; the service checks and saves it (``changes`` is what it gets)."""

    def validate_unique(self) -> None:
        """The service says "already registered" with a readable message."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}


def _https_first(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Links typed without a scheme get https:// (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SocialAccountForm(RegistryForm):
    class Meta:
        formfield_callback = _https_first
        model = SocialAccount
        fields = ACCOUNT_FIELDS
        widgets = {"last_activity": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class ToolForm(RegistryForm):
    class Meta:
        model = Tool
        fields = TOOL_FIELDS
        widgets = {"renewal_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class HardwareForm(RegistryForm):
    class Meta:
        model = Hardware
        fields = HARDWARE_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class AccountImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One account a line. Header: network, handle, url, purpose, audience, owner, "
            "backup_owner, two_factor, shared_credentials, last_activity (network and "
            "handle are required). An account already registered is updated."
        ),
    )
