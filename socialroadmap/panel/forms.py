from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.forms import date_field
from socialroadmap.panel.choices import MAX_OPTIONS, MIN_OPTIONS
from socialroadmap.panel.models import PanelMember, PanelQuestion


class PanelMemberForm(forms.ModelForm):
    """A member; the service checks and saves it. Ticking consent records it now, by
    the person who saves; unticking withdraws it."""

    joined_on = date_field(_("Joined on"))
    left_on = date_field(_("Left on"))

    class Meta:
        model = PanelMember
        fields = ("name", "email", "handle", "segment", "consent", "joined_on", "left_on", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "consent": _(
                "The customer agreed to be on the panel and to be asked. Without consent "
                "they do not count and cannot answer."
            )
        }

    def validate_unique(self) -> None:
        """The service says "already on the panel" with a readable message."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Options to vote on"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One choice a line, %(low)s to %(high)s; leave empty for no vote.")
        % {"low": MIN_OPTIONS, "high": MAX_OPTIONS},
    )
    opens_on = date_field(_("Opens on"))
    closes_on = date_field(_("Closes on"))

    class Meta:
        model = PanelQuestion
        fields = ("title", "description", "kind", "options", "opens_on", "closes_on")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["options"] = "\n".join(self.instance.options)

    def changes(self) -> dict[str, Any]:
        values = {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}
        values["options"] = (values.get("options") or "").splitlines()
        return values


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the panel's answers led to, e.g. the blend chosen."),
    )
    decided_on = date_field(_("Decided on"))
    decided_by = forms.CharField(label=_("Decided by"), max_length=200, required=False)
    decision_link = forms.CharField(
        label=_("What changed"),
        max_length=500,
        required=False,
        help_text=_("A link or a reference: the product, page or pilot that changed."),
    )


class AnswerForm(forms.Form):
    """An answer typed in by a manager for a member, or by the member through their link."""

    text = forms.CharField(
        label=_("Answer"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    choice = forms.TypedChoiceField(
        label=_("Vote"), required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, options: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if options:
            self.fields["choice"].choices = list(enumerate(options))  # type: ignore[attr-defined]
        else:
            del self.fields["choice"]


class ManagerAnswerForm(AnswerForm):
    member = forms.ModelChoiceField(label=_("Member"), queryset=PanelMember.objects.none())

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.order_fields(["member", "choice", "text"])


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One member a line. Header: name, email, segment, handle, consent (yes or no; "
            "name and email are required). A member with the same e-mail address is updated."
        ),
    )
