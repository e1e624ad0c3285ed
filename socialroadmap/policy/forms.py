"""Forms of the policy pages. The builder is made from the decision file: one question
per decision, in the reader's language, with the organisation's additions in both."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.internalscan.models import Employee
from socialroadmap.policy.decisions import LANGUAGES, decisions
from socialroadmap.policy.models import Policy, PolicyVersion
from socialroadmap.policy.services import TEXT_FIELDS

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class BuilderForm(forms.Form):
    """The decisions of a draft, its own texts and the policy's title."""

    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_nl = forms.CharField(label=_("Title (Dutch)"), max_length=200)
    intro_en = forms.CharField(label=_("Introduction (English)"), required=False, widget=TEXTAREA)
    intro_nl = forms.CharField(label=_("Introduction (Dutch)"), required=False, widget=TEXTAREA)

    def __init__(self, data: Any, *, version: PolicyVersion, policy: Policy, language: str) -> None:
        initial: dict[str, Any] = {
            "title_en": policy.title_en,
            "title_nl": policy.title_nl,
            **{name: getattr(version, name) for name in TEXT_FIELDS},
        }
        for item in decisions():
            answer = version.decisions.get(item.key) or {}
            initial[f"d_{item.key}"] = answer.get("choice") or ([] if item.multiple else "")
            for lang in LANGUAGES:
                initial[f"a_{item.key}_{lang}"] = (answer.get("addition") or {}).get(lang, "")
        super().__init__(data, initial=initial)
        for item in decisions():
            choices = [(o.key, o.label.get(language)) for o in item.options]
            question = item.question.get(language)
            if item.multiple:
                self.fields[f"d_{item.key}"] = forms.MultipleChoiceField(
                    label=question,
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                self.fields[f"d_{item.key}"] = forms.ChoiceField(
                    label=question,
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                )
            addition = item.addition_label.get(language)
            self.fields[f"a_{item.key}_en"] = forms.CharField(
                label=_("%(addition)s (English)") % {"addition": addition},
                required=False,
                widget=TEXTAREA,
            )
            self.fields[f"a_{item.key}_nl"] = forms.CharField(
                label=_("%(addition)s (Dutch)") % {"addition": addition},
                required=False,
                widget=TEXTAREA,
            )
        self.fields["closing_en"] = forms.CharField(
            label=_("Closing text (English)"), required=False, widget=TEXTAREA
        )
        self.fields["closing_nl"] = forms.CharField(
            label=_("Closing text (Dutch)"), required=False, widget=TEXTAREA
        )

    def groups(self) -> list[tuple[Any, Any, Any]]:
        """(question, addition in English, addition in Dutch) per decision."""
        return [
            (self[f"d_{d.key}"], self[f"a_{d.key}_en"], self[f"a_{d.key}_nl"]) for d in decisions()
        ]

    def draft_changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        answers = {
            item.key: {
                "choice": data.get(f"d_{item.key}") or None,
                "addition": {lang: data.get(f"a_{item.key}_{lang}", "") for lang in LANGUAGES},
            }
            for item in decisions()
        }
        return {"decisions": answers, **{name: data.get(name, "") for name in TEXT_FIELDS}}

    def title_changes(self) -> dict[str, Any]:
        return {
            "title_en": self.cleaned_data["title_en"],
            "title_nl": self.cleaned_data["title_nl"],
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What should change"), widget=TEXTAREA, max_length=20_000)


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.department})" if obj.department else str(obj.full_name)


class RecordForm(forms.Form):
    """Roster people who acknowledged the published version outside the product."""

    employees = PeopleField(
        label=_("People who acknowledged"),
        queryset=Employee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data: Any, *, people: Any) -> None:
        super().__init__(data)
        self.fields["employees"].queryset = people  # type: ignore[attr-defined]


class AcknowledgementImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One person a line. Header: name, department, email, acknowledged_on (a name "
            "or an e-mail address is required; the date as YYYY-MM-DD, today when empty). "
            "Everyone must be on the internal scan's roster."
        ),
    )
