from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.departments import Department
from socialroadmap.organizations.choices import Role


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=50,
        help_text=_("Used in addresses and the CLI, e.g. acme-benelux."),
    )


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    department = forms.ChoiceField(
        label=_("Department"),
        choices=[("", _("No department")), *Department.choices],
        required=False,
    )


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class DeleteOrganizationForm(forms.Form):
    """Deleting an organisation asks for its short name, typed: no slip of a click."""

    confirm = forms.CharField(label=_("Short name of the organisation"), max_length=50)

    def __init__(self, slug: str, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.slug = slug

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed != self.slug:
            raise forms.ValidationError(
                _("Type %(slug)s exactly to confirm; nothing was deleted."),
                params={"slug": self.slug},
            )
        return typed
